import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../../src/arith/decimalInterval.js';
import { InputError } from '../../src/errors.js';
import { gridSigmoidBoxHessian } from '../../src/objective/gridBoxHessian.js';
import {
  type Activation,
  type FiniteDataPoint,
  type FiniteDataProblem,
  aIndex,
  defaultProblem,
  pointOfTheta,
  simsekTeacher,
  thetaOfPoint,
  wIndex,
} from '../../src/objective/gridData.js';
import { DegenerateNeuronError, KinkCrossingError } from '../../src/objective/gridDomainError.js';
import {
  gridFloatProblem,
  gridGradientFloat,
  gridHessianFloat,
  gridLossFloat,
  reducedReluCoordinates,
  reducedReluGradientFloat,
  reducedReluHessianFloat,
} from '../../src/objective/gridFloat.js';
import {
  reducedReluHessianOnBox,
  reducedReluLossGradientEnclosure,
  reducedReluPoint,
  reluPatternOnBox,
} from '../../src/objective/gridReluReduced.js';
import { gridLossEnclosure, gridLossGradientEnclosure, labelEnclosures, outputsEnclosure } from '../../src/objective/gridRigorous.js';
import { rng } from '../helpers/random.js';

const ar40 = decimalIntervals(40);

function userProblem(activation: Activation): FiniteDataProblem {
  const rand = rng(5);
  const X: string[][] = [];
  for (let q = 0; q < 40; q++) X.push([(rand() * 8 - 4).toFixed(3), (rand() * 6 - 3).toFixed(1)]);
  return {
    activation,
    data: { name: 'user', d: 2, P: X.length, X },
    teacher: { name: 'inline', W: [['0.7', '-0.3', '0.2'], ['0.1', '0.9', '-0.8']], a: ['1.5', '-0.5', '0.25'] },
  };
}

/** A point with short decimal entries (exact as doubles is NOT assumed). */
function decimalPoint(n: number, seed: number): FiniteDataPoint {
  const rand = rng(seed);
  const W = [0, 1].map(() => Array.from({ length: n }, () => (2 * rand() - 1).toFixed(7)));
  const a = Array.from({ length: n }, () => (2 * rand() - 1).toFixed(6));
  return { W, a };
}

/** Loss and gradient by the plain formulas in decimal.js at 60 digits (independent of the code under test). */
function reference(p: FiniteDataProblem, pt: FiniteDataPoint): { loss: Decimal; gradient: Decimal[] } {
  const D = Decimal.clone({ precision: 60 });
  const act = (z: Decimal) => (p.activation === 'sigmoid' ? new D(1).div(new D(1).plus(D.exp(z.neg()))) : Decimal.max(z, 0));
  const dact = (z: Decimal) => {
    if (p.activation === 'relu') return new D(z.gt(0) ? 1 : 0);
    const s = act(z);
    return s.times(new D(1).minus(s));
  };
  const d = p.data.d;
  const n = pt.a.length;
  const t = p.teacher!;
  const grad = Array.from({ length: n * (d + 1) }, () => new D(0));
  let loss = new D(0);
  for (const row of p.data.X) {
    const x = row.map((v) => new D(v));
    const z = (W: string[][], i: number) => x.reduce((s, xc, c) => s.plus(new D(W[c]![i]!).times(xc)), new D(0));
    const y = t.a.reduce((s, at, k) => s.plus(new D(at).times(act(z(t.W, k)))), new D(0));
    const zs = pt.a.map((_, i) => z(pt.W, i));
    const f = pt.a.reduce((s, ai, i) => s.plus(new D(ai).times(act(zs[i]!))), new D(0));
    const r = f.minus(y);
    loss = loss.plus(r.times(r));
    for (let i = 0; i < n; i++) {
      grad[aIndex(i, d)] = grad[aIndex(i, d)]!.plus(r.times(act(zs[i]!)));
      const tt = r.times(new D(pt.a[i]!)).times(dact(zs[i]!));
      for (let c = 0; c < d; c++) grad[wIndex(i, c, d)] = grad[wIndex(i, c, d)]!.plus(tt.times(x[c]!));
    }
  }
  const P = p.data.P;
  return { loss: loss.div(2 * P), gradient: grad.map((g) => g.div(P)) };
}

function contains(x: DecimalInterval, v: Decimal | number): boolean {
  return x.lo.lte(v) && x.hi.gte(v);
}
function width(x: DecimalInterval): number {
  return x.hi.minus(x.lo).toNumber();
}

describe('finite-data rigorous loss and gradient', () => {
  it('sigmoid: L = 0 at the teacher and its embeddings is enclosed by intervals of width < 1e-40', () => {
    const p = defaultProblem('sigmoid');
    const t = simsekTeacher();
    const points: FiniteDataPoint[] = [
      { W: t.W, a: t.a },
      { W: t.W.map((r, c) => [...r, c === 0 ? '2.5' : '-0.125']), a: [...t.a, '0'] }, // zero-output neuron
      { W: t.W.map((r) => [...r, r[0]!]), a: ['0.375', '-1', '1', '-1', '0.625'] }, // neuron 0 split
      // σ(−z) = 1 − σ(z): flipping neurons 0 and 1 (a_0 + a_1 = 0) changes f by −(a_0 + a_1) = 0.
      { W: t.W.map((r) => r.map((v, i) => (i < 2 ? String(-Number(v)) : v))), a: ['-1', '1', '1', '-1'] },
    ];
    const ar30 = decimalIntervals(30);
    for (const pt of points) {
      const L = gridLossEnclosure(ar30, p, pt);
      expect(contains(L, 0)).toBe(true);
      expect(L.hi.toNumber()).toBeLessThan(1e-40);
    }
    const off = gridLossEnclosure(ar30, p, { W: t.W, a: ['1', '-1', '1', '-0.999'] });
    expect(off.lo.toNumber()).toBeGreaterThan(0);
  });

  it('ReLU: L = 0 exactly (the enclosure is [0, 0]) at the teacher and its embeddings', () => {
    const p = defaultProblem('relu');
    const t = simsekTeacher();
    for (const pt of [
      { W: t.W, a: t.a },
      { W: t.W.map((r, c) => [...r, c === 0 ? '0.3' : '0.7']), a: [...t.a, '0'] },
      { W: t.W.map((r) => [...r, r[3]!]), a: ['1', '-1', '1', '-0.25', '-0.75'] },
    ]) {
      const L = gridLossEnclosure(ar40, p, pt);
      expect(L.lo.isZero() && L.hi.isZero()).toBe(true);
    }
  });

  for (const activation of ['sigmoid', 'relu'] as const) {
    it(`${activation}: enclosures contain a 60-digit reference and the float values (user data, n = 5)`, () => {
      const p = userProblem(activation);
      const pt = decimalPoint(5, activation === 'relu' ? 12 : 11);
      const e = gridLossGradientEnclosure(ar40, p, pt);
      const ref = reference(p, pt);
      expect(contains(e.loss, ref.loss)).toBe(true);
      expect(width(e.loss)).toBeLessThan(1e-35);
      e.gradient.forEach((g, j) => {
        expect(contains(g, ref.gradient[j]!)).toBe(true);
        expect(width(g)).toBeLessThan(1e-35);
      });
      // Tight enough to notice an error of 1e-20 in the point.
      const nudged = { W: pt.W, a: [...pt.a.slice(0, 4), new Decimal(pt.a[4]!).plus('1e-20').toString()] };
      expect(contains(e.loss, reference(p, nudged).loss)).toBe(false);
      // Float values agree to float accuracy.
      const fp = gridFloatProblem(p, 5);
      const theta = thetaOfPoint(pt);
      const g = new Float64Array(15);
      const lf = gridGradientFloat(fp, theta, g);
      expect(Math.abs(lf - ref.loss.toNumber())).toBeLessThan(1e-12 * lf);
      g.forEach((v, j) => expect(Math.abs(v - e.gradient[j]!.lo.toNumber())).toBeLessThan(1e-12));
    });
  }

  it('sigmoid on the default grid: outputs and teacher labels contain 60-digit references (lattice powers, mirror pairs)', () => {
    const p = defaultProblem('sigmoid');
    const pt = decimalPoint(3, 3);
    const ar = decimalIntervals(30);
    const f = outputsEnclosure(ar, p, pt.W, pt.a);
    const y = labelEnclosures(ar, p);
    const D = Decimal.clone({ precision: 60 });
    const net = (W: string[][], a: string[], x: string[]) =>
      a.reduce((s, ai, i) => {
        const z = x.reduce((t, xc, c) => t.plus(new D(W[c]![i]!).times(xc)), new D(0));
        return s.plus(new D(ai).div(new D(1).plus(D.exp(z.neg()))));
      }, new D(0));
    const t = simsekTeacher();
    const rand = rng(4);
    const sample = [0, 20, 40, 840, 1640, 1680, ...Array.from({ length: 30 }, () => Math.floor(rand() * 1681))];
    for (const q of sample) {
      const x = p.data.X[q]!;
      expect(contains(f[q]!, net(pt.W, pt.a, x))).toBe(true);
      expect(contains(y[q]!, net(t.W, t.a, x))).toBe(true);
      expect(width(f[q]!)).toBeLessThan(1e-25);
    }
  });

  it('sigmoid: the sign flip (W, a) → (−W, −a) gives overlapping loss enclosures on the default problem', () => {
    const p = defaultProblem('sigmoid');
    const pt = decimalPoint(4, 8);
    const flipped = { W: pt.W.map((r) => r.map((v) => new Decimal(v).neg().toString())), a: pt.a.map((v) => new Decimal(v).neg().toString()) };
    const a = gridLossEnclosure(ar40, p, pt);
    const b = gridLossEnclosure(ar40, p, flipped);
    expect(a.lo.lte(b.hi) && b.lo.lte(a.hi)).toBe(true);
  });

  it('ReLU: a data point on a neuron\'s line is a KinkCrossingError naming the neuron and the point', () => {
    const p = defaultProblem('relu');
    const pt = { W: [['0.5', '1'], ['0.31', '-1']], a: ['1', '2'] }; // neuron 1: z = x1 − x2 (neuron 0 meets no grid point)
    let err: unknown;
    try {
      gridLossGradientEnclosure(ar40, p, pt);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KinkCrossingError);
    const k = err as KinkCrossingError;
    expect(k.neuron).toBe(1);
    const x = p.data.X[k.dataPoint]!;
    expect(x[0]).toBe(x[1]);
    expect(Number(x[0])).not.toBe(0);
    expect(k.message).toMatch(/neuron 1/);
    // The loss is defined (ReLU is continuous), and with a_1 = 0 the w_1-gradient is exactly 0.
    expect(() => gridLossEnclosure(ar40, p, pt)).not.toThrow();
    const g = gridLossGradientEnclosure(ar40, p, { W: pt.W, a: ['1', '0'] }).gradient;
    expect(g[wIndex(1, 0, 2)]!.lo.isZero() && g[wIndex(1, 0, 2)]!.hi.isZero()).toBe(true);
  });
});

describe('finite-data sigmoid box Hessian', () => {
  it('contains the float Hessian at random points and corners of the box, with width O(ρ)', () => {
    const p = defaultProblem('sigmoid');
    const n = 5;
    const pt = decimalPoint(n, 17);
    const theta = thetaOfPoint(pt);
    const fp = gridFloatProblem(p, n);
    const N = 15;
    for (const rho of ['1e-4', '0.01']) {
      const B = gridSigmoidBoxHessian(p, pt, rho);
      const r = Number(rho) * (1 - 1e-9);
      const rand = rng(99);
      let maxWidth = 0;
      for (let k = 0; k < N * N; k++) maxWidth = Math.max(maxWidth, B.hi[k]! - B.lo[k]!);
      expect(maxWidth).toBeLessThan(2000 * Number(rho));
      for (let t = 0; t < 12; t++) {
        const x = theta.map((v) => v + (t < 4 ? (rand() < 0.5 ? -r : r) : r * (2 * rand() - 1)));
        const Hm = gridHessianFloat(fp, x);
        for (let k = 0; k < N * N; k++) {
          expect(Hm[k]!).toBeGreaterThanOrEqual(B.lo[k]!);
          expect(Hm[k]!).toBeLessThanOrEqual(B.hi[k]!);
        }
      }
    }
    // ρ = 0: a tight enclosure of the Hessian at the point (the float one agrees to ~1e-12).
    const B0 = gridSigmoidBoxHessian(p, pt, '0');
    const H0 = gridHessianFloat(fp, theta);
    for (let k = 0; k < N * N; k++) {
      expect(B0.hi[k]! - B0.lo[k]!).toBeLessThan(1e-10);
      expect(Math.abs(H0[k]! - B0.lo[k]!)).toBeLessThan(1e-10);
    }
  });

  it('is for the sigmoid only and rejects a bad radius', () => {
    const pt = decimalPoint(4, 1);
    expect(() => gridSigmoidBoxHessian(defaultProblem('relu'), pt, '1e-3')).toThrow(InputError);
    expect(() => gridSigmoidBoxHessian(defaultProblem('sigmoid'), pt, '-1')).toThrow(InputError);
    expect(() => gridSigmoidBoxHessian(defaultProblem('sigmoid'), pt, 'abc')).toThrow(InputError);
  });
});

describe('finite-data ReLU reduced coordinates', () => {
  it('u = |a| w exactly; the exact Hessian equals the float one at every point of the box', () => {
    const p = defaultProblem('relu');
    const n = 5;
    const pt = decimalPoint(n, 23);
    const r = reducedReluPoint(p, pt);
    for (let i = 0; i < n; i++) {
      expect(r.s[i]).toBe(Math.sign(Number(pt.a[i])));
      for (let c = 0; c < 2; c++) expect(new Decimal(r.U[c]![i]!).eq(new Decimal(pt.a[i]!).abs().times(pt.W[c]![i]!))).toBe(true);
    }
    const rho = '1e-4';
    const Hx = reducedReluHessianOnBox(p, r, rho);
    expect(Hx.denominator).toBe('1681');
    const fp = gridFloatProblem(p, n);
    const { u, s } = reducedReluCoordinates(thetaOfPoint(pt), 2, n);
    const M = 10;
    const rand = rng(3);
    for (let t = 0; t < 6; t++) {
      const v = u.map((x) => x + 1e-4 * (1 - 1e-9) * (2 * rand() - 1));
      const Hf = reducedReluHessianFloat(fp, v, s);
      for (let k = 0; k < M * M; k++) {
        const exact = new Decimal(Hx.numerators[k]!).div(1681).toNumber();
        expect(Math.abs(Hf[k]! - exact)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(exact)));
        expect(Hx.lo[k]!).toBeLessThanOrEqual(exact);
        expect(Hx.hi[k]!).toBeGreaterThanOrEqual(exact);
      }
    }
    const e = reducedReluLossGradientEnclosure(ar40, p, r);
    const g = new Float64Array(M);
    const loss = reducedReluGradientFloat(fp, u, s, g);
    expect(Math.abs(e.loss.lo.toNumber() - loss)).toBeLessThan(1e-12 * loss);
    g.forEach((x, j) => expect(Math.abs(e.gradient[j]!.lo.toNumber() - x)).toBeLessThan(1e-12));
  });

  it('refuses boxes that reach a kink, naming the neuron and the data point', () => {
    const p = defaultProblem('relu');
    const r = reducedReluPoint(p, decimalPoint(4, 23));
    expect(() => reluPatternOnBox(p, r, '1e-6')).not.toThrow();
    let err: unknown;
    try {
      reluPatternOnBox(p, r, '0.2');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KinkCrossingError);
    const k = err as KinkCrossingError;
    // The named argument range really contains 0, and it is the range of u_iᵀx_p over the box.
    expect(Number(k.argument[0])).toBeLessThanOrEqual(0);
    expect(Number(k.argument[1])).toBeGreaterThanOrEqual(0);
    const x = p.data.X[k.dataPoint]!.map(Number);
    const z = r.U[0]!.length && Number(r.U[0]![k.neuron]) * x[0]! + Number(r.U[1]![k.neuron]) * x[1]!;
    expect(Math.abs((Number(k.argument[0]) + Number(k.argument[1])) / 2 - z)).toBeLessThan(1e-12);
  });

  it('names degenerate neurons: zero outgoing weight, zero incoming weights, never active', () => {
    const p = defaultProblem('relu');
    const kindOf = (pr: FiniteDataProblem, pt: FiniteDataPoint): string | undefined => {
      try {
        reluPatternOnBox(pr, reducedReluPoint(pr, pt), '0');
      } catch (e) {
        if (e instanceof DegenerateNeuronError) return `${e.neuron}:${e.kind}`;
        throw e;
      }
      return undefined;
    };
    expect(kindOf(p, { W: [['0.5', '0.23'], ['0.31', '0.37']], a: ['1', '0'] })).toBe('1:zero-outgoing-weight');
    expect(kindOf(p, { W: [['0', '0.23'], ['0', '0.37']], a: ['1', '1'] })).toBe('0:zero-incoming-weights');
    const quadrant: FiniteDataProblem = {
      activation: 'relu',
      data: { name: 'q', d: 2, P: 3, X: [['1', '2'], ['0.5', '0.25'], ['3', '1']] },
      teacher: { name: 't', W: [['1'], ['1']], a: ['1'] },
    };
    expect(kindOf(quadrant, { W: [['1', '-1'], ['1', '-2']], a: ['1', '1'] })).toBe('1:never-active');
    expect(kindOf(p, decimalPoint(3, 2))).toBeUndefined();
  });
});

describe('theta layout', () => {
  it('pointOfTheta inverts thetaOfPoint on doubles', () => {
    const theta = Float64Array.from({ length: 12 }, (_, j) => Math.sin(j) / 3);
    expect(thetaOfPoint(pointOfTheta(theta, 2, 4))).toEqual(theta);
  });
});
