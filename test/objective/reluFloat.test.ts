import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import {
  NonSmoothPointError,
  gradientFloat,
  hessianFloat,
  identityTeacher,
  lossFloat,
  makeProblem,
  matrixToNeuronMajor,
  neuronMajorToMatrix,
  perNeuronGradientNorms,
  type ReluProblem,
} from '../../src/objective/reluFloat.js';
import { lambdaMinOfPoint } from '../../src/linalg/floatEigen.js';
import { readMat } from '../../src/io/mat.js';
import { normals, rng } from '../helpers/random.js';

function norm(x: Float64Array): number {
  let s = 0;
  for (const t of x) s += t * t;
  return Math.sqrt(s);
}
function diffNorm(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let t = 0; t < x.length; t++) s += (x[t]! - y[t]!) ** 2;
  return Math.sqrt(s);
}

/** Shapes: (d, n, k, identity teacher?) incl. n ≠ k and random teachers. */
const shapes: [number, number, number, boolean][] = [
  [3, 3, 3, true],
  [4, 5, 4, true],
  [3, 2, 4, false],
  [5, 4, 2, false],
  [6, 7, 6, false],
];

function problemFor(d: number, n: number, k: number, identity: boolean, rand: () => number): ReluProblem {
  return makeProblem(d, n, identity ? identityTeacher(d) : normals(k * d, rand));
}

/**
 * ∇F straight from the formula, one pair at a time (no Gram matrix, no blocking):
 * ∇_{w_i}F = w_i/2 + Σ_{j≠i} ∇_u κ(w_i, w_j) − Σ_j ∇_u κ(w_i, v_j), ∇_u κ(u, v) = (|v| s ū + (π − θ) v)/(2π).
 */
function naiveGradient(p: ReluProblem, w: Float64Array): Float64Array {
  const { d, n, k, v } = p;
  const g = new Float64Array(n * d);
  const vec = (x: Float64Array, i: number) => x.subarray(i * d, (i + 1) * d);
  const addGradKappa = (gi: Float64Array, u: Float64Array, x: Float64Array, sign: number) => {
    const nu = norm(u);
    const nx = norm(x);
    let dot = 0;
    for (let a = 0; a < d; a++) dot += u[a]! * x[a]!;
    const c = Math.max(-1, Math.min(1, dot / (nu * nx)));
    const theta = Math.acos(c);
    for (let a = 0; a < d; a++) gi[a] = gi[a]! + (sign * (nx * Math.sin(theta) * (u[a]! / nu) + (Math.PI - theta) * x[a]!)) / (2 * Math.PI);
  };
  for (let i = 0; i < n; i++) {
    const gi = vec(g, i);
    for (let a = 0; a < d; a++) gi[a] = w[i * d + a]! / 2;
    for (let j = 0; j < n; j++) if (j !== i) addGradKappa(gi, vec(w, i), vec(w, j), 1);
    for (let j = 0; j < k; j++) addGradKappa(gi, vec(w, i), vec(v, j), -1);
  }
  return g;
}

describe('gradientFloat', () => {
  it('matches central finite differences of lossFloat and returns the loss', () => {
    const rand = rng(1);
    for (const [d, n, k, id] of shapes) {
      const p = problemFor(d, n, k, id, rand);
      expect(p.k).toBe(k);
      for (let rep = 0; rep < 3; rep++) {
        const w = normals(n * d, rand, 1 / Math.sqrt(d));
        const g = new Float64Array(n * d);
        const f = gradientFloat(p, w, g);
        expect(Math.abs(f - lossFloat(p, w))).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(f)));
        const fd = new Float64Array(n * d);
        const h = 1e-5;
        for (let t = 0; t < n * d; t++) {
          const wp = w.slice();
          const wm = w.slice();
          wp[t] = wp[t]! + h;
          wm[t] = wm[t]! - h;
          fd[t] = (lossFloat(p, wp) - lossFloat(p, wm)) / (2 * h);
        }
        expect(diffNorm(fd, g) / norm(g)).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('equals a direct pair-by-pair evaluation of the formula at larger, odd and even sizes', () => {
    const rand = rng(5);
    for (const [d, n, k, id] of [[37, 37, 37, true], [20, 24, 20, true], [21, 23, 9, false], [16, 15, 31, false]] as const) {
      const p = problemFor(d, n, k, id, rand);
      const w = normals(n * d, rand, 1 / Math.sqrt(d));
      const g = new Float64Array(n * d);
      const f = gradientFloat(p, w, g);
      const want = naiveGradient(p, w);
      expect(diffNorm(g, want)).toBeLessThanOrEqual(1e-13 * norm(want));
      expect(Math.abs(f - lossFloat(p, w))).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(f)));
    }
  });

  it('handles zero neurons with the documented convention (no NaN, partner term 0)', () => {
    const d = 3;
    const p = makeProblem(d, 3, identityTeacher(d));
    const w = new Float64Array([0.5, -0.2, 0.1, 0, 0, 0, -0.3, 0.4, 0.2]);
    const g = new Float64Array(9);
    const f = gradientFloat(p, w, g);
    expect(Number.isFinite(f)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
    // ∇_{w_1}F at w_1 = 0 is Σ_{j≠1} w_j/4 − Σ_j v_j/4 under the convention.
    for (let a = 0; a < d; a++) expect(g[d + a]).toBeCloseTo((w[a]! + w[2 * d + a]! - 1) / 4, 14);
    // The other neurons' gradients are those of the 2-neuron problem without the zero neuron.
    const p2 = makeProblem(d, 2, identityTeacher(d));
    const w2 = new Float64Array([...w.slice(0, 3), ...w.slice(6, 9)]);
    const g2 = new Float64Array(6);
    expect(gradientFloat(p2, w2, g2)).toBeCloseTo(f, 14);
    for (let a = 0; a < d; a++) {
      expect(g[a]).toBeCloseTo(g2[a]!, 14);
      expect(g[2 * d + a]).toBeCloseTo(g2[d + a]!, 14);
    }
  });

  it('is finite at parallel and antiparallel pairs', () => {
    const p = makeProblem(2, 3, identityTeacher(2));
    const w = new Float64Array([1, 1, 2, 2, -1, -1]);
    const g = new Float64Array(6);
    expect(Number.isFinite(gradientFloat(p, w, g))).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
  });

  it('per-neuron norms are the block norms', () => {
    const g = new Float64Array([3, 4, 0, 0, 1, 0]);
    expect(Array.from(perNeuronGradientNorms(g, 2, 3))).toEqual([5, 0, 1]);
  });
});

describe('hessianFloat', () => {
  it('matches central differences of the gradient; symmetric', () => {
    const rand = rng(2);
    for (const [d, n, k, id] of shapes) {
      const p = problemFor(d, n, k, id, rand);
      const N = n * d;
      for (let rep = 0; rep < 2; rep++) {
        const w = normals(N, rand, 1 / Math.sqrt(d));
        const H = hessianFloat(p, w);
        for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) expect(H[r * N + c]).toBe(H[c * N + r]);
        const fd = new Float64Array(N * N);
        const h = 1e-6;
        const gp = new Float64Array(N);
        const gm = new Float64Array(N);
        for (let t = 0; t < N; t++) {
          const wp = w.slice();
          const wm = w.slice();
          wp[t] = wp[t]! + h;
          wm[t] = wm[t]! - h;
          gradientFloat(p, wp, gp);
          gradientFloat(p, wm, gm);
          for (let r = 0; r < N; r++) fd[r * N + t] = (gp[r]! - gm[r]!) / (2 * h);
        }
        expect(diffNorm(fd, H) / norm(H)).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('is continuous across a parallel student pair (finite limit, no NaN)', () => {
    const d = 3;
    const p = makeProblem(d, 2, identityTeacher(d));
    const base = new Float64Array([0.6, 0.3, -0.2, 1.2, 0.6, -0.4]); // w_1 = 2 w_0
    const H0 = hessianFloat(p, base);
    expect(H0.every(Number.isFinite)).toBe(true);
    // The limit is the derivative of the gradient there (central differences, error O(h)).
    const N = 6;
    const fd = new Float64Array(N * N);
    const gp = new Float64Array(N);
    const gm = new Float64Array(N);
    const h = 1e-7;
    for (let t = 0; t < N; t++) {
      const wp = base.slice();
      const wm = base.slice();
      wp[t] = wp[t]! + h;
      wm[t] = wm[t]! - h;
      gradientFloat(p, wp, gp);
      gradientFloat(p, wm, gm);
      for (let r = 0; r < N; r++) fd[r * N + t] = (gp[r]! - gm[r]!) / (2 * h);
    }
    expect(diffNorm(fd, H0) / norm(H0)).toBeLessThanOrEqual(1e-5);
    const near = base.slice();
    near[4] = near[4]! + 1e-7;
    const H1 = hessianFloat(p, near);
    expect(diffNorm(H0, H1) / norm(H0)).toBeLessThanOrEqual(1e-5);
  });

  it('throws NonSmoothPointError naming zero neurons', () => {
    const p = makeProblem(2, 3, identityTeacher(2));
    const w = new Float64Array([1, 0.5, 0, 0, -0.3, 0.8]);
    try {
      hessianFloat(p, w);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonSmoothPointError);
      expect((e as NonSmoothPointError).neurons).toEqual([1]);
      expect((e as NonSmoothPointError).message).toBe(
        'the Hessian is undefined: student neuron 1 is zero (F is not twice differentiable there)',
      );
    }
  });

  it('names a nonzero neuron whose squared norm underflows as too small for Float64, not as zero', () => {
    const p = makeProblem(2, 3, identityTeacher(2));
    // neuron 0 is exactly zero, neuron 1 is subnormal (1e-320 ≠ 0 but 1e-320² underflows to 0), neuron 2 is fine
    const w = new Float64Array([0, 0, 1e-320, -1e-320, -0.3, 0.8]);
    expect(w[2]).not.toBe(0);
    try {
      hessianFloat(p, w);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonSmoothPointError);
      const err = e as NonSmoothPointError;
      expect([err.zero, err.tooSmall, err.neurons]).toEqual([[0], [1], [0, 1]]);
      expect(err.message).toMatch(/student neuron 0 is zero .*; the Hessian is not representable in Float64: student neuron 1 is nonzero but too small for Float64 \(subnormal\/underflow/);
    }
    // 1e-160 squares to a subnormal (≈ 1e-320), 1/|w| = 1e160 is finite: the Hessian exists.
    expect(hessianFloat(p, new Float64Array([1, 0.5, 1e-160, 0, -0.3, 0.8])).every(Number.isFinite)).toBe(true);
  });
});

describe('lossFloat', () => {
  it('F ≥ 0 on random points and random teachers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (d, n, k, seed) => {
          const rand = rng(seed);
          const p = makeProblem(d, n, normals(k * d, rand));
          expect(lossFloat(p, normals(n * d, rand))).toBeGreaterThanOrEqual(-1e-14);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('F(V) = 0 and F at V padded with zero neurons = 0', () => {
    const rand = rng(4);
    for (const [d, k] of [
      [4, 4],
      [5, 3],
      [3, 6],
    ] as const) {
      const v = normals(k * d, rand);
      const scale = norm(v) ** 2;
      expect(Math.abs(lossFloat(makeProblem(d, k, v), v))).toBeLessThanOrEqual(1e-14 * scale);
      const padded = new Float64Array((k + 2) * d);
      padded.set(v, d); // zero neuron first, then V, then another zero neuron
      const p = makeProblem(d, k + 2, v);
      expect(Math.abs(lossFloat(p, padded))).toBeLessThanOrEqual(1e-14 * scale);
      const g = new Float64Array((k + 2) * d);
      expect(Math.abs(gradientFloat(p, padded, g))).toBeLessThanOrEqual(1e-14 * scale);
    }
    const pI = makeProblem(6, 6, identityTeacher(6));
    expect(Math.abs(lossFloat(pI, identityTeacher(6)))).toBeLessThanOrEqual(1e-14);
  });

  it('is positive away from the teacher', () => {
    const p = makeProblem(3, 3, identityTeacher(3));
    const w = identityTeacher(3);
    w[0] = 1.1;
    expect(lossFloat(p, w)).toBeGreaterThan(1e-4);
  });

  it('is invariant under neuron permutations, and coordinate permutations for V = I', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (d, extra, seed) => {
        const rand = rng(seed);
        const n = d + extra - 1;
        const w = normals(n * d, rand);
        const perm = (m: number): number[] => {
          const q = Array.from({ length: m }, (_, t) => t);
          for (let t = m - 1; t > 0; t--) {
            const s = Math.floor(rand() * (t + 1));
            [q[t], q[s]] = [q[s]!, q[t]!];
          }
          return q;
        };
        const Q = perm(n);
        const P = perm(d);
        const wQ = new Float64Array(n * d);
        const wPQ = new Float64Array(n * d);
        for (let i = 0; i < n; i++) {
          for (let a = 0; a < d; a++) {
            wQ[i * d + a] = w[Q[i]! * d + a]!;
            wPQ[i * d + a] = w[Q[i]! * d + P[a]!]!;
          }
        }
        const pI = makeProblem(d, n, identityTeacher(d));
        const f = lossFloat(pI, w);
        expect(lossFloat(pI, wQ)).toBeCloseTo(f, 12);
        expect(lossFloat(pI, wPQ)).toBeCloseTo(f, 12);
        const pR = makeProblem(d, n, normals(d * 3, rand));
        expect(lossFloat(pR, wQ)).toBeCloseTo(lossFloat(pR, w), 12);
      }),
      { numRuns: 100 },
    );
  });
});

describe('zero teacher neurons', () => {
  it('contribute nothing to loss, gradient and Hessian', () => {
    const rand = rng(8);
    const d = 4;
    const n = 3;
    const v = normals(2 * d, rand);
    const vz = new Float64Array(3 * d);
    vz.set(v.subarray(0, d), 0);
    vz.set(v.subarray(d), 2 * d); // middle teacher neuron is zero
    const p = makeProblem(d, n, v);
    const pz = makeProblem(d, n, vz);
    const w = normals(n * d, rand);
    const g = new Float64Array(n * d);
    const gz = new Float64Array(n * d);
    expect(gradientFloat(pz, w, gz)).toBeCloseTo(gradientFloat(p, w, g), 14);
    expect(diffNorm(g, gz)).toBeLessThanOrEqual(1e-14 * norm(g));
    const H = hessianFloat(p, w);
    expect(diffNorm(H, hessianFloat(pz, w))).toBeLessThanOrEqual(1e-14 * norm(H));
  });
});

describe('layout and validation', () => {
  it('round-trips matrices through the neuron-major layout', () => {
    const W = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const w = matrixToNeuronMajor(W);
    expect(Array.from(w)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(neuronMajorToMatrix(w, 2, 3)).toEqual(W);
    expect(() => matrixToNeuronMajor([[1, 2], [3]])).toThrow(/row 1/);
  });

  it('makeProblem rejects bad shapes and values', () => {
    expect(() => makeProblem(3, 2, new Float64Array(7))).toThrow(/multiple of d/);
    expect(() => makeProblem(0, 2, new Float64Array(0))).toThrow(/positive integer/);
    expect(() => makeProblem(2, 1, new Float64Array([1, NaN]))).toThrow(/not finite/);
    const p = makeProblem(2, 2, identityTeacher(2));
    expect(() => lossFloat(p, new Float64Array(3))).toThrow(/length/);
  });
});

// Stored spurious minima of Safran & Shamir (2018), DESIGN.md §8 / REFERENCE-VALUES.md.
const anchorDir = '../shared/anchors/safran-shamir-2018';
const anchors = [
  { file: 'newExp-7-7.mat', k: 7, loss: 0.02320271491356607, lambdaMin: 0.0140590131823 },
  { file: 'newExp-6-6.mat', k: 6, loss: 0.02508058100246301, lambdaMin: 0.00470035470359 },
];

describe.each(anchors)('anchor $file', ({ file, k, loss, lambdaMin }) => {
  const path = `${anchorDir}/${file}`;
  it.skipIf(!existsSync(path))('reproduces the published loss, curvature and stationarity', () => {
    const mat = readMat(new Uint8Array(readFileSync(path)), file);
    const arr = mat.arrays.get('WbadNew');
    expect(arr).toBeDefined();
    const { dims, data } = arr!;
    expect(dims.slice(0, 2)).toEqual([k, k]);
    // Family 0: first k·k doubles, column-major = neuron-major (column i is neuron i).
    const w = data.slice(0, k * k);
    const p = makeProblem(k, k, identityTeacher(k));
    const g = new Float64Array(k * k);
    const f = gradientFloat(p, w, g);
    // The stored point is within ~5e-8 of the critical point; the loss is flat to second order.
    expect(Math.abs(f - loss)).toBeLessThanOrEqual(1e-13);
    expect(Math.max(...perNeuronGradientNorms(g, k, k))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(lambdaMinOfPoint(p, w) - lambdaMin)).toBeLessThanOrEqual(1e-7);
  });
});
