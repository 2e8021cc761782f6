import { describe, expect, it } from 'vitest';
import {
  type Activation,
  type FiniteDataProblem,
  coordinateTables,
  defaultGridData,
  defaultProblem,
  pointOfTheta,
  signFlipSymmetric,
  simsekTeacher,
  thetaOfPoint,
} from '../../src/objective/gridData.js';
import {
  gradientGeneric,
  gridFloatProblem,
  gridGaussNewtonFloat,
  gridGradientFloat,
  gridHessianFloat,
  gridLossFloat,
  reducedReluCoordinates,
  reducedReluGradientFloat,
  reducedReluHessianFloat,
} from '../../src/objective/gridFloat.js';
import { reducedReluPoint, reluPatternOnBox } from '../../src/objective/gridReluReduced.js';
import { rng } from '../helpers/random.js';

/** A user data set: 60 scattered points with two decimals (not symmetric), labels from another teacher. */
function userProblem(activation: Activation): FiniteDataProblem {
  const rand = rng(77);
  const X: string[][] = [];
  for (let q = 0; q < 60; q++) X.push([((rand() * 8 - 4).toFixed(2)), (rand() * 6 - 3).toFixed(2)]);
  return {
    activation,
    data: { name: 'user', d: 2, P: X.length, X },
    teacher: { name: 'inline', W: [['0.7', '-0.3', '0.2'], ['0.1', '0.9', '-0.8']], a: ['1.5', '-0.5', '0.25'] },
  };
}

/** The loss computed the plain way (Math.exp per data point), as an independent reference. */
function naiveLoss(p: FiniteDataProblem, theta: Float64Array): number {
  const d = p.data.d;
  const act = (z: number) => (p.activation === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.max(0, z));
  const net = (W: number[][], a: number[], x: number[]) =>
    a.reduce((f, ai, i) => f + ai * act(W.reduce((z, row, c) => z + row[i]! * x[c]!, 0)), 0);
  const n = theta.length / (d + 1);
  const W = Array.from({ length: d }, (_, c) => Array.from({ length: n }, (_, i) => theta[i * (d + 1) + c]!));
  const a = Array.from({ length: n }, (_, i) => theta[i * (d + 1) + d]!);
  const t = p.teacher!;
  let s = 0;
  for (const row of p.data.X) {
    const x = row.map(Number);
    const r = net(W, a, x) - net(t.W.map((rw) => rw.map(Number)), t.a.map(Number), x);
    s += r * r;
  }
  return s / (2 * p.data.P);
}

function randomTheta(n: number, seed: number, d = 2): Float64Array {
  const rand = rng(seed);
  return Float64Array.from({ length: n * (d + 1) }, () => 2 * rand() - 1);
}

/** A random θ whose ReLU pattern is constant within ±h of it (so central differences are valid). */
function smoothReluTheta(p: FiniteDataProblem, n: number, seed: number, h: number): Float64Array {
  for (let s = seed; ; s += 1000) {
    const theta = randomTheta(n, s);
    try {
      const r = reducedReluPoint(p, pointOfTheta(theta, 2, n));
      // u moves by at most |a|·h + |w|·h + h² per coordinate when θ moves by h.
      reluPatternOnBox(p, r, String(10 * h));
      return theta;
    } catch {
      // kink or dead neuron nearby: try another point
    }
  }
}

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < x.length; j++) m = Math.max(m, Math.abs(x[j]!));
  return m;
}

const H = 1e-5;

function fdGradient(f: (t: Float64Array) => number, theta: Float64Array): Float64Array {
  const g = new Float64Array(theta.length);
  for (let j = 0; j < theta.length; j++) {
    const a = theta.slice();
    const b = theta.slice();
    a[j]! += H;
    b[j]! -= H;
    g[j] = (f(a) - f(b)) / (2 * H);
  }
  return g;
}

describe('finite-data Float64 objective', () => {
  it('the default grid is the 1681 points {−5, −4.75, …, 5}², a 41-value lattice of step 0.25 per coordinate', () => {
    const data = defaultGridData();
    expect(data.P).toBe(1681);
    expect(new Set(data.X.map((r) => r.join(','))).size).toBe(1681);
    for (const row of data.X) for (const v of row) expect(Number.isInteger(Number(v) * 4) && Math.abs(Number(v)) <= 5).toBe(true);
    for (const t of coordinateTables(data)) {
      expect(t.lattice).toEqual({ step: '0.25', kMin: -20 });
      expect(t.values.length).toBe(41);
    }
    const scattered = coordinateTables({ name: 'x', d: 1, P: 3, X: [['0.1'], ['0.7'], ['3.14159']] })[0]!;
    expect(scattered.lattice).toBeUndefined();
    expect(scattered.values).toEqual(['0.1', '0.7', '3.14159']);
  });

  for (const activation of ['sigmoid', 'relu'] as const) {
    describe(activation, () => {
      it('L = 0 at the teacher and at its embeddings (zero-output neuron, split neuron)', () => {
        const p = defaultProblem(activation);
        const t = simsekTeacher();
        expect(gridLossFloat(gridFloatProblem(p, 4), thetaOfPoint({ W: t.W, a: t.a }))).toBe(0);
        const padded = { W: t.W.map((r, c) => [...r, c === 0 ? '0.3' : '-1.2']), a: [...t.a, '0'] };
        expect(gridLossFloat(gridFloatProblem(p, 5), thetaOfPoint(padded))).toBeLessThan(1e-30);
        const split = { W: t.W.map((r) => [...r, r[2]!]), a: ['1', '-1', '0.25', '-1', '0.75'] };
        expect(gridLossFloat(gridFloatProblem(p, 5), thetaOfPoint(split))).toBeLessThan(1e-30);
        // A point that is not an embedding has a clearly positive loss.
        const off = { W: t.W.map((r) => [...r, r[2]!]), a: ['1', '-1', '0.25', '-1', '0.5'] };
        expect(gridLossFloat(gridFloatProblem(p, 5), thetaOfPoint(off))).toBeGreaterThan(1e-4);
      });

      for (const [label, make] of [
        ['default grid and teacher', () => defaultProblem(activation)],
        ['a user data set', () => userProblem(activation)],
      ] as const) {
        it(`loss matches the plain formula; gradient and Hessian match central differences (${label}, n = 4, 5, 7)`, () => {
          const p = make();
          for (const n of [4, 5, 7]) {
            const fp = gridFloatProblem(p, n);
            const theta = activation === 'relu' ? smoothReluTheta(p, n, 10 + n, H) : randomTheta(n, 10 + n);
            const loss = gridLossFloat(fp, theta);
            expect(Math.abs(loss - naiveLoss(p, theta))).toBeLessThanOrEqual(1e-13 * Math.max(1, loss));
            const g = new Float64Array(theta.length);
            expect(gridGradientFloat(fp, theta, g)).toBeCloseTo(loss, 14);
            const fd = fdGradient((x) => gridLossFloat(fp, x), theta);
            const err = maxAbs(fd.map((v, j) => v - g[j]!));
            expect(err).toBeLessThanOrEqual(1e-6 * maxAbs(g));
            const N = theta.length;
            const Hm = gridHessianFloat(fp, theta);
            for (let k = 0; k < N; k++) for (let l = 0; l < N; l++) expect(Hm[k * N + l]).toBe(Hm[l * N + k]);
            const fdH = new Float64Array(N * N);
            for (let j = 0; j < N; j++) {
              const col = fdGradient(
                (x) => {
                  const gg = new Float64Array(N);
                  gridGradientFloat(fp, x, gg);
                  return gg[j]!;
                },
                theta,
              );
              for (let k = 0; k < N; k++) fdH[k * N + j] = col[k]!;
            }
            expect(maxAbs(fdH.map((v, q) => v - Hm[q]!))).toBeLessThanOrEqual(1e-6 * maxAbs(Hm));
          }
        });
      }

      it('the fast d = 2 gradient (mirror pairs, power tables) equals the plain one', () => {
        for (const p of [defaultProblem(activation), userProblem(activation)]) {
          const fp = gridFloatProblem(p, 6);
          const theta = randomTheta(6, 3);
          const g1 = new Float64Array(18);
          const g2 = new Float64Array(18);
          const l1 = gridGradientFloat(fp, theta, g1);
          const l2 = gradientGeneric(fp, theta, g2);
          expect(Math.abs(l1 - l2)).toBeLessThan(1e-13 * l2);
          expect(maxAbs(g1.map((v, j) => v - g2[j]!))).toBeLessThan(1e-13 * maxAbs(g2));
        }
      });

      it('is invariant under neuron permutations', () => {
        const p = defaultProblem(activation);
        const fp = gridFloatProblem(p, 5);
        const theta = randomTheta(5, 21);
        const perm = [3, 0, 4, 1, 2];
        const permuted = new Float64Array(15);
        perm.forEach((from, to) => permuted.set(theta.subarray(3 * from, 3 * from + 3), 3 * to));
        expect(gridLossFloat(fp, permuted)).toBeCloseTo(gridLossFloat(fp, theta), 14);
      });
    });
  }

  it('sigmoid: (W, a) → (−W, −a) preserves the loss on the default (symmetric) data with the odd teacher', () => {
    const p = defaultProblem('sigmoid');
    expect(signFlipSymmetric(p)).toBe(true);
    const fp = gridFloatProblem(p, 5);
    for (const seed of [1, 2, 3]) {
      const theta = randomTheta(5, seed);
      const l = gridLossFloat(fp, theta);
      expect(Math.abs(gridLossFloat(fp, theta.map((v) => -v)) - l)).toBeLessThan(1e-14 * l);
    }
  });

  it('the sign-flip test answers from the data and labels, not by assumption', () => {
    expect(signFlipSymmetric(defaultProblem('relu'))).toBe(false);
    const relu = gridFloatProblem(defaultProblem('relu'), 5);
    const theta = randomTheta(5, 4);
    expect(Math.abs(gridLossFloat(relu, theta.map((v) => -v)) - gridLossFloat(relu, theta))).toBeGreaterThan(1e-3);
    const oneSided = defaultProblem('sigmoid');
    oneSided.data = { ...oneSided.data, X: oneSided.data.X.slice(1), P: oneSided.data.P - 1 };
    expect(signFlipSymmetric(oneSided)).toBe(false);
    const notOdd = defaultProblem('sigmoid');
    notOdd.teacher = { ...notOdd.teacher!, a: ['1', '-1', '1', '-0.5'] };
    expect(signFlipSymmetric(notOdd)).toBe(false);
    const labelled: FiniteDataProblem = {
      activation: 'relu',
      data: { name: 'l', d: 2, P: 3, X: [['1', '2'], ['0', '0'], ['-1', '-2']], y: ['0.5', '0', '-0.5'] },
    };
    expect(signFlipSymmetric(labelled)).toBe(true);
    labelled.data.y = ['0.5', '0', '0.5'];
    expect(signFlipSymmetric(labelled)).toBe(false);
  });

  it('the Gauss–Newton matrix is the Hessian without the residual term (equal at the teacher)', () => {
    const p = defaultProblem('sigmoid');
    const fp = gridFloatProblem(p, 4);
    const t = simsekTeacher();
    const theta = thetaOfPoint({ W: t.W, a: t.a });
    expect(gridGaussNewtonFloat(fp, theta)).toEqual(gridHessianFloat(fp, theta));
    const moved = theta.map((v, j) => v + 0.05 * Math.sin(j));
    expect(maxAbs(gridGaussNewtonFloat(fp, moved).map((v, q) => v - gridHessianFloat(fp, moved)[q]!))).toBeGreaterThan(1e-6);
  });

  it('ReLU reduced coordinates: gradient and (PSD) Hessian of L̂ match central differences', () => {
    const p = defaultProblem('relu');
    const n = 5;
    const fp = gridFloatProblem(p, n);
    const theta = smoothReluTheta(p, n, 5, H);
    const { u, s } = reducedReluCoordinates(theta, 2, n);
    const g = new Float64Array(n * 2);
    const loss = reducedReluGradientFloat(fp, u, s, g);
    expect(loss).toBeCloseTo(gridLossFloat(fp, theta), 13);
    const f = (x: Float64Array) => reducedReluGradientFloat(fp, x, s, new Float64Array(n * 2));
    expect(maxAbs(fdGradient(f, u).map((v, j) => v - g[j]!))).toBeLessThanOrEqual(1e-6 * maxAbs(g));
    const Hu = reducedReluHessianFloat(fp, u, s);
    const M = n * 2;
    for (let j = 0; j < M; j++) {
      const col = fdGradient((x) => {
        const gg = new Float64Array(M);
        reducedReluGradientFloat(fp, x, s, gg);
        return gg[j]!;
      }, u);
      for (let k = 0; k < M; k++) expect(Math.abs(col[k]! - Hu[k * M + j]!)).toBeLessThanOrEqual(1e-6 * maxAbs(Hu));
    }
  });
});
