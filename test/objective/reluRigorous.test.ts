import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../../src/arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import {
  type ExactPoint,
  gradientEnclosure,
  hessianBoxEnclosure,
  lossAndGradientEnclosure,
  lossEnclosure,
  SmoothDomainError,
} from '../../src/objective/reluRigorous.js';
import { gradientFloat, hessianFloat, identityTeacher, lossFloat, makeProblem } from '../../src/objective/reluFloat.js';
import { readMat } from '../../src/io/mat.js';
import { normUpper } from '../../src/arith/intervalNorms.js';
import { InputError } from '../../src/errors.js';
import { rng } from '../helpers/random.js';

// ---------------------------------------------------------------------------------------------
// Test helpers: seeded random points and an independent 60-digit decimal oracle.

/** Box–Muller with u₁ = max(r(), 1e-300), not helpers/random.ts's 1 − r(): the sample points (and their ρ-boxes) these tests check were drawn with this form. */
function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Neuron-major doubles → d×count decimal strings (exact values of the doubles). */
function toStrings(x: Float64Array, d: number, count: number): string[][] {
  const M: string[][] = [];
  for (let a = 0; a < d; a++) {
    const row: string[] = [];
    for (let i = 0; i < count; i++) row.push(exactDecimalOfDouble(x[i * d + a]!));
    M.push(row);
  }
  return M;
}

interface Sample {
  pt: ExactPoint;
  w: Float64Array;
  v: Float64Array;
}

function randomSample(seed: number, d: number, n: number, k: number, identity = false): Sample {
  const r = rng(seed);
  const w = new Float64Array(n * d).map(() => gaussian(r) / Math.sqrt(d));
  const v = identity ? identityTeacher(d) : new Float64Array(k * d).map(() => gaussian(r));
  return { pt: { d, n, k, W: toStrings(w, d, n), V: toStrings(v, d, k) }, w, v };
}

const O = Decimal.clone({ precision: 60 });
type OD = InstanceType<typeof O>;

function oracleColumns(M: (string | OD)[][], d: number, count: number): OD[][] {
  const cols: OD[][] = [];
  for (let i = 0; i < count; i++) {
    const col: OD[] = [];
    for (let a = 0; a < d; a++) col.push(new O(M[a]![i]!));
    cols.push(col);
  }
  return cols;
}

const odot = (x: OD[], y: OD[]) => x.reduce((s, xi, a) => s.plus(xi.times(y[a]!)), new O(0));
const onorm = (x: OD[]) => odot(x, x).sqrt();
const PI = O.acos(-1);

/** Angle data of a pair, straight from DESIGN.md §2 (decimal.js acos: fine for a test oracle). */
function oangles(u: OD[], v: OD[]) {
  const nu = onorm(u);
  const nv = onorm(v);
  let c = odot(u, v).div(nu.times(nv));
  if (c.gt(1)) c = new O(1);
  if (c.lt(-1)) c = new O(-1);
  const theta = O.acos(c);
  const s = new O(1).minus(c.times(c)).sqrt();
  return { nu, nv, c, s, theta };
}

function okappa(u: OD[], v: OD[]): OD {
  const nu = onorm(u);
  const nv = onorm(v);
  if (nu.isZero() || nv.isZero()) return new O(0);
  const { c, s, theta } = oangles(u, v);
  return nu.times(nv).times(s.plus(PI.minus(theta).times(c))).div(PI.times(2));
}

function oracleLoss(pt: ExactPoint): OD {
  const W = oracleColumns(pt.W, pt.d, pt.n);
  const V = oracleColumns(pt.V, pt.d, pt.k);
  const self = (xs: OD[][]) => {
    let s = new O(0);
    for (let i = 0; i < xs.length; i++) {
      for (let j = 0; j < xs.length; j++) s = s.plus(i === j ? odot(xs[i]!, xs[i]!).div(2) : okappa(xs[i]!, xs[j]!));
    }
    return s;
  };
  let cross = new O(0);
  for (const w of W) for (const v of V) cross = cross.plus(okappa(w, v));
  return self(W).div(2).minus(cross).plus(self(V).div(2));
}

/** ∇_u κ(u, v) = (|v| s ū + (π − θ) v)/(2π). */
function ogradKappa(u: OD[], v: OD[]): OD[] {
  const { nu, nv, s, theta } = oangles(u, v);
  return u.map((ua, a) => nv.times(s).times(ua).div(nu).plus(PI.minus(theta).times(v[a]!)).div(PI.times(2)));
}

function oracleGradient(pt: ExactPoint): OD[] {
  const W = oracleColumns(pt.W, pt.d, pt.n);
  const V = oracleColumns(pt.V, pt.d, pt.k);
  const g: OD[] = [];
  W.forEach((wi, i) => {
    const acc = wi.map((x) => x.div(2));
    W.forEach((wj, j) => {
      if (j !== i) ogradKappa(wi, wj).forEach((x, a) => (acc[a] = acc[a]!.plus(x)));
    });
    V.forEach((vj) => {
      if (!onorm(vj).isZero()) ogradKappa(wi, vj).forEach((x, a) => (acc[a] = acc[a]!.minus(x)));
    });
    g.push(...acc);
  });
  return g;
}

/** Full Hessian from DESIGN.md's A and B in their original (not multiplied-out) form. */
function oracleHessian(d: number, W: OD[][], V: OD[][]): OD[][] {
  const n = W.length;
  const N = n * d;
  const H: OD[][] = Array.from({ length: N }, () => Array.from({ length: N }, () => new O(0)));
  const A = (u: OD[], v: OD[]) => {
    const { nu, nv, c, s } = oangles(u, v);
    const ub = u.map((x) => x.div(nu));
    const vb = v.map((x) => x.div(nv));
    const r = vb.map((x, a) => x.minus(c.times(ub[a]!)));
    const f = nv.div(PI.times(2).times(nu));
    return (a: number, b: number) =>
      f.times(s.times((a === b ? new O(1) : new O(0)).minus(ub[a]!.times(ub[b]!))).plus(r[a]!.times(r[b]!).div(s)));
  };
  const B = (u: OD[], v: OD[]) => {
    const { nu, nv, c, s, theta } = oangles(u, v);
    const ub = u.map((x) => x.div(nu));
    const vb = v.map((x) => x.div(nv));
    return (a: number, b: number) => {
      const m = ub[a]!.times(vb[b]!).plus(vb[a]!.times(ub[b]!)).minus(c.times(ub[a]!.times(ub[b]!).plus(vb[a]!.times(vb[b]!))));
      return (a === b ? PI.minus(theta) : new O(0)).plus(m.div(s)).div(PI.times(2));
    };
  };
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) H[i * d + a]![i * d + a] = new O('0.5');
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const Aij = A(W[i]!, W[j]!);
      const Bij = B(W[i]!, W[j]!);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          H[i * d + a]![i * d + b] = H[i * d + a]![i * d + b]!.plus(Aij(a, b));
          H[i * d + a]![j * d + b] = Bij(a, b);
        }
      }
    }
    for (const v of V) {
      if (onorm(v).isZero()) continue;
      const Aiv = A(W[i]!, v);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) H[i * d + a]![i * d + b] = H[i * d + a]![i * d + b]!.minus(Aiv(a, b));
      }
    }
  }
  return H;
}

const contains = (x: DecimalInterval, y: Decimal) => x.lo.lte(y) && y.lte(x.hi);
const width = (x: DecimalInterval) => x.hi.minus(x.lo).toNumber();
/** Distance from a double to an interval (0 if inside), computed exactly then rounded. */
const distance = (x: DecimalInterval, y: number) => {
  const yd = new Decimal(exactDecimalOfDouble(y));
  if (yd.lt(x.lo)) return x.lo.minus(yd).toNumber();
  if (yd.gt(x.hi)) return yd.minus(x.hi).toNumber();
  return 0;
};
const inF64 = (lo: number, hi: number, x: Decimal) =>
  new Decimal(exactDecimalOfDouble(lo)).lte(x) && x.lte(new Decimal(exactDecimalOfDouble(hi)));

const shapes: [number, number, number, boolean][] = [
  [3, 2, 2, false],
  [4, 5, 3, false],
  [5, 4, 6, false],
  [2, 3, 1, false],
  [6, 6, 6, true],
  [4, 5, 4, true],
];

// ---------------------------------------------------------------------------------------------

describe('lossEnclosure / gradientEnclosure', () => {
  it.each(shapes)('contain the Float64 kernel values at the same point (d=%i, n=%i, k=%i, identity=%s)', (d, n, k, id) => {
    const ar = decimalIntervals(40);
    for (let seed = 1; seed <= 3; seed++) {
      const { pt, w, v } = randomSample(seed * 101 + d, d, n, k, id);
      const p = makeProblem(d, n, v);
      const { loss, gradient } = lossAndGradientEnclosure(ar, pt);
      // Float error scale: the loss is a signed sum of terms of size ~|w|², |w||v|, |v|².
      let scale = 1;
      for (const x of w) scale += x * x;
      for (const x of v) scale += x * x;
      scale *= n + k;
      expect(distance(loss, lossFloat(p, w))).toBeLessThanOrEqual(1e-13 * scale);
      expect(width(loss)).toBeLessThan(1e-35);
      const g = new Float64Array(n * d);
      gradientFloat(p, w, g);
      expect(gradient).toHaveLength(n * d);
      gradient.forEach((gi, t) => {
        expect(distance(gi, g[t]!)).toBeLessThanOrEqual(1e-13 * scale);
        expect(width(gi)).toBeLessThan(1e-35);
      });
    }
  });

  it.each([12, 16, 25])('contain a 60-digit independent evaluation even at low precision %i', (precision) => {
    const ar = decimalIntervals(precision);
    for (const [d, n, k, id] of shapes.slice(0, 5)) {
      const { pt } = randomSample(7 * d + n, d, n, k, id);
      const loss = lossEnclosure(ar, pt);
      const exact = oracleLoss(pt);
      expect(contains(loss, new Decimal(exact))).toBe(true);
      // ... and are not trivially wide.
      expect(width(loss)).toBeLessThan(10 ** (4 - precision) * (n + k) ** 2);
      const grad = gradientEnclosure(ar, pt);
      oracleGradient(pt).forEach((x, t) => {
        expect(contains(grad[t]!, new Decimal(x))).toBe(true);
        expect(width(grad[t]!)).toBeLessThan(10 ** (4 - precision) * (n + k) ** 2);
      });
    }
  });

  it('widths shrink with precision (loss width < 1e-35 at precision 40)', () => {
    const { pt } = randomSample(42, 5, 5, 5, false);
    const widths = [20, 30, 40, 60].map((p) => lossEnclosure(decimalIntervals(p), pt)).map(width);
    for (let t = 1; t < widths.length; t++) expect(widths[t]!).toBeLessThan(widths[t - 1]! * 1e-5);
    expect(widths[2]!).toBeLessThan(1e-35);
    expect(widths[0]!).toBeGreaterThan(0);
  });

  it('lossAndGradientEnclosure agrees with the separate functions', () => {
    const ar = decimalIntervals(30);
    const { pt } = randomSample(5, 3, 4, 2, false);
    const both = lossAndGradientEnclosure(ar, pt);
    const loss = lossEnclosure(ar, pt);
    const grad = gradientEnclosure(ar, pt);
    expect(both.loss.lo.eq(loss.lo) && both.loss.hi.eq(loss.hi)).toBe(true);
    grad.forEach((g, t) => expect(g.lo.eq(both.gradient[t]!.lo) && g.hi.eq(both.gradient[t]!.hi)).toBe(true));
  });

  it('a zero teacher neuron contributes nothing', () => {
    const ar = decimalIntervals(40);
    const { pt } = randomSample(9, 3, 3, 2, false);
    const padded: ExactPoint = { ...pt, k: 3, V: pt.V.map((row) => [...row, '0']) };
    const a = lossAndGradientEnclosure(ar, pt);
    const b = lossAndGradientEnclosure(ar, padded);
    expect(a.loss.hi.gte(b.loss.lo) && b.loss.hi.gte(a.loss.lo)).toBe(true);
    a.gradient.forEach((g, t) => expect(g.hi.gte(b.gradient[t]!.lo) && b.gradient[t]!.hi.gte(g.lo)).toBe(true));
  });

  it('uses the exact decimal digits, not a double approximation', () => {
    // 0.1 is not a double; the enclosure must contain the loss at exactly 0.1, not at the double near it.
    const pt: ExactPoint = { d: 2, n: 2, k: 2, W: [['0.1', '0.7'], ['0.9', '-0.3']], V: [['1', '0'], ['0', '1']] };
    const loss = lossEnclosure(decimalIntervals(40), pt);
    expect(contains(loss, new Decimal(oracleLoss(pt)))).toBe(true);
    expect(width(loss)).toBeLessThan(1e-35);
  });
});

// ---------------------------------------------------------------------------------------------

describe('hessianBoxEnclosure', () => {
  const boxCases: [number, number, number, boolean, string][] = [
    [3, 4, 3, false, '0'],
    [4, 5, 3, false, '1e-3'],
    [3, 3, 5, false, '1e-6'],
    [4, 4, 4, true, '1e-4'],
  ];

  it.each(boxCases)('contains the exact Hessian at the centre and at random box points (d=%i n=%i k=%i id=%s ρ=%s)', (d, n, k, id, rho) => {
    const { pt, v } = randomSample(1000 + d * n + k, d, n, k, id);
    const H = hessianBoxEnclosure(pt, rho);
    const N = n * d;
    expect(H.N).toBe(N);
    const V = oracleColumns(pt.V, d, k);
    const p = makeProblem(d, n, v);
    const r = rng(77 + N);
    for (let sample = 0; sample < 4; sample++) {
      // sample 0: the centre; then random points with |W − W̃| ≤ 0.9ρ (exact decimal arithmetic).
      const W = oracleColumns(pt.W, d, n).map((col) =>
        col.map((x) => (sample === 0 ? x : x.plus(new O(rho).times(exactDecimalOfDouble(1.8 * r() - 0.9))))),
      );
      const exact = oracleHessian(d, W, V);
      const wf = new Float64Array(N);
      W.forEach((col, i) => col.forEach((x, a) => (wf[i * d + a] = x.toNumber())));
      const Hf = hessianFloat(p, wf);
      for (let s = 0; s < N; s++) {
        for (let t = 0; t < N; t++) {
          const lo = H.lo[s * N + t]!;
          const hi = H.hi[s * N + t]!;
          expect(inF64(lo, hi, new Decimal(exact[s]![t]!)), `entry (${s}, ${t}) sample ${sample}`).toBe(true);
          // The Float64 kernel (another implementation) agrees up to its own rounding error.
          const f = Hf[s * N + t]!;
          const gap = f < lo ? lo - f : f > hi ? f - hi : 0;
          expect(gap).toBeLessThanOrEqual(1e-12 * (n + k));
        }
      }
    }
  });

  it('stays sound and finite for near-parallel pairs (wedge form of the sine)', () => {
    // Students 0 and 1 at angle ≈ 2e-3, student 2 at angle ≈ 1e-3 from teacher neuron 0.
    const d = 3;
    const W = [
      ['0.8', '0.8', '1'],
      ['0.3', '0.3016', '0.001'],
      ['-0.5', '-0.5', '0'],
    ];
    const V = [
      ['1', '0', '0.3'],
      ['0', '1', '0.2'],
      ['0', '0', '1'],
    ];
    const pt: ExactPoint = { d, n: 3, k: 3, W, V };
    const rho = '2e-5';
    const H = hessianBoxEnclosure(pt, rho);
    const N = 9;
    const Vo = oracleColumns(V, d, 3);
    const r = rng(5);
    for (let sample = 0; sample < 5; sample++) {
      const Wo = oracleColumns(W, d, 3).map((col) =>
        col.map((x) => (sample === 0 ? x : x.plus(new O(rho).times(exactDecimalOfDouble(1.8 * r() - 0.9))))),
      );
      const exact = oracleHessian(d, Wo, Vo);
      for (let t = 0; t < N * N; t++) {
        expect(Number.isFinite(H.lo[t]!) && Number.isFinite(H.hi[t]!)).toBe(true);
        expect(inF64(H.lo[t]!, H.hi[t]!, new Decimal(exact[Math.floor(t / N)]![t % N]!)), `entry ${t}`).toBe(true);
      }
    }
  });

  it('is symmetric, thin at ρ = 0 and grows with ρ roughly linearly', () => {
    const { pt } = randomSample(3, 4, 4, 4, false);
    const N = 16;
    const maxWidth = (rho: string) => {
      const H = hessianBoxEnclosure(pt, rho);
      let m = 0;
      for (let s = 0; s < N; s++) {
        for (let t = 0; t < N; t++) {
          expect(H.lo[s * N + t]).toBe(H.lo[t * N + s]);
          expect(H.hi[s * N + t]).toBe(H.hi[t * N + s]);
          expect(H.lo[s * N + t]!).toBeLessThanOrEqual(H.hi[s * N + t]!);
          m = Math.max(m, H.hi[s * N + t]! - H.lo[s * N + t]!);
        }
      }
      return m;
    };
    const w0 = maxWidth('0');
    const w6 = maxWidth('1e-6');
    const w3 = maxWidth('1e-3');
    expect(w0).toBeLessThan(1e-13);
    expect(w6).toBeGreaterThan(1e-8);
    expect(w6).toBeLessThan(1e-3);
    expect(w3 / w6).toBeGreaterThan(200);
    expect(w3 / w6).toBeLessThan(5000);
  });

  it('matches central differences of the rigorous gradient', () => {
    const d = 3;
    const n = 3;
    const k = 2;
    const { pt } = randomSample(11, d, n, k, false);
    const H = hessianBoxEnclosure(pt, '0');
    const N = n * d;
    const ar = decimalIntervals(40);
    const h = new Decimal('1e-12');
    for (const col of [0, 4, 8]) {
      const i = Math.floor(col / d);
      const a = col % d;
      const shifted = (sign: number) => {
        const W = pt.W.map((row) => [...row]);
        W[a]![i] = new O(W[a]![i]!).plus(h.times(sign)).toString();
        return gradientEnclosure(ar, { ...pt, W }).map((x) => x.lo.plus(x.hi).div(2));
      };
      const gp = shifted(1);
      const gm = shifted(-1);
      for (let row = 0; row < N; row++) {
        const fd = gp[row]!.minus(gm[row]!).div(h.times(2)).toNumber();
        const lo = H.lo[row * N + col]!;
        const hi = H.hi[row * N + col]!;
        const gap = fd < lo ? lo - fd : fd > hi ? fd - hi : 0;
        expect(gap, `entry (${row}, ${col})`).toBeLessThan(1e-15);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('input checks', () => {
  const pt: ExactPoint = { d: 2, n: 2, k: 1, W: [['0.5', '0.1'], ['0.2', '-0.4']], V: [['1'], ['0.5']] };
  it('rejects a bad radius and a malformed point with InputError', () => {
    expect(() => hessianBoxEnclosure(pt, '-1e-3')).toThrow(InputError);
    expect(() => hessianBoxEnclosure(pt, 'abc')).toThrow(InputError);
    expect(() => lossEnclosure(decimalIntervals(20), { ...pt, W: [['0.5', '0.1'], ['0.2']] })).toThrow(InputError);
    expect(() => lossEnclosure(decimalIntervals(20), { ...pt, V: [['1'], ['NaN']] })).toThrow(InputError);
    expect(() => gradientEnclosure(decimalIntervals(20), { ...pt, n: 3 })).toThrow(InputError);
  });
});

describe('domain checks', () => {
  const ar = decimalIntervals(30);
  const teacher = [
    ['1', '0.5', '0'],
    ['0', '1', '0.25'],
    ['0', '0', '1'],
  ];
  const base = (cols: string[][]): ExactPoint => ({
    d: 3,
    n: cols.length,
    k: 3,
    W: [0, 1, 2].map((a) => cols.map((c) => c[a]!)),
    V: teacher,
  });
  const expectDomain = (f: () => unknown, kind: string, neurons: number[]) => {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SmoothDomainError);
    expect((caught as SmoothDomainError).kind).toBe(kind);
    expect((caught as SmoothDomainError).neurons).toEqual(neurons);
    expect((caught as Error).message).toMatch(/0-based/);
  };
  const all = (pt: ExactPoint, kind: string, neurons: number[]) => {
    expectDomain(() => lossEnclosure(ar, pt), kind, neurons);
    expectDomain(() => gradientEnclosure(ar, pt), kind, neurons);
    expectDomain(() => hessianBoxEnclosure(pt, '0'), kind, neurons);
  };

  it('rejects two parallel student neurons', () => {
    all(base([['0.3', '0.2', '-0.1'], ['0.4', '-0.7', '0.2'], ['0.6', '0.4', '-0.2']]), 'parallel-students', [0, 2]);
  });

  it('rejects antiparallel student neurons', () => {
    all(base([['0.3', '0.2', '-0.1'], ['-0.15', '-0.1', '0.05'], ['0.4', '-0.7', '0.2']]), 'parallel-students', [0, 1]);
  });

  it('rejects a student neuron parallel to a teacher neuron', () => {
    // teacher neuron 1 is (0.5, 1, 0)
    all(base([['0.3', '0.2', '-0.1'], ['1.5', '3', '0']]), 'parallel-teacher', [1, 1]);
    all(base([['0.3', '0.2', '-0.1'], ['-0.5', '-1', '0']]), 'parallel-teacher', [1, 1]);
  });

  it('rejects a zero neuron', () => {
    all(base([['0.3', '0.2', '-0.1'], ['0', '0', '0'], ['0.4', '-0.7', '0.2']]), 'zero-neuron', [1]);
  });

  it('rejects a box that reaches a parallel configuration, but not a smaller box', () => {
    // Neurons 0 and 1 at angle ≈ 1e-3: the box of radius 2e-3 contains parallel pairs.
    const pt = base([['1', '0', '0.2'], ['1', '0.001', '0.2'], ['0.1', '0.9', '-0.6']]);
    expectDomain(() => hessianBoxEnclosure(pt, '2e-3'), 'parallel-students', [0, 1]);
    expect(() => hessianBoxEnclosure(pt, '1e-6')).not.toThrow();
    // A box around a small neuron that contains the origin.
    const small = base([['1e-4', '-1e-4', '1e-4'], ['0.3', '0.8', '0.1']]);
    expectDomain(() => hessianBoxEnclosure(small, '1e-3'), 'zero-neuron', [0]);
    expect(() => hessianBoxEnclosure(small, '5e-6')).not.toThrow();
    // A box reaching teacher neuron 2 = (0, 0.25, 1).
    const nearTeacher = base([['0.001', '0.25', '1'], ['0.3', '0.8', '0.1']]);
    expectDomain(() => hessianBoxEnclosure(nearTeacher, '0.002'), 'parallel-teacher', [0, 2]);
  });

  it('names a nonzero neuron too small for Float64 intervals as an underflow, not as a zero neuron', () => {
    // 1e-320 is a subnormal double; its square underflows, so the Float64 norm enclosure reaches 0.
    const tiny = base([['0.3', '0.2', '-0.1'], ['1e-320', '-1e-320', '1e-320'], ['0.4', '-0.7', '0.2']]);
    expectDomain(() => hessianBoxEnclosure(tiny, '0'), 'float-underflow', [1]);
    expectDomain(() => hessianBoxEnclosure(tiny, '1e-321'), 'float-underflow', [1]);
    expect(() => hessianBoxEnclosure(tiny, '0')).toThrow(/student neuron 1 \(0-based\) is nonzero but too small for Float64 intervals \(subnormal\/underflow\)/);
    // The same neuron in a box that reaches the origin is not provably nonzero: 'zero-neuron'.
    expectDomain(() => hessianBoxEnclosure(tiny, '1e-319'), 'zero-neuron', [1]);
    // The exact (decimal) loss and gradient are unaffected by the tiny neuron's size.
    expect(() => lossEnclosure(ar, tiny)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

const anchorPath = '../shared/anchors/safran-shamir-2018/newExp-7-7.mat';
describe('anchor newExp-7-7.mat (Safran & Shamir 2018)', () => {
  it.skipIf(!existsSync(anchorPath))('loss ≈ 0.0232027149 and gradient norm ≤ 1e-8, rigorously', () => {
    const mat = readMat(new Uint8Array(readFileSync(anchorPath)), 'newExp-7-7.mat');
    const { dims, data } = mat.arrays.get('WbadNew')!;
    expect(dims.slice(0, 2)).toEqual([7, 7]);
    const w = Float64Array.from(data.slice(0, 49));
    const pt: ExactPoint = { d: 7, n: 7, k: 7, W: toStrings(w, 7, 7), V: toStrings(identityTeacher(7), 7, 7) };
    const ar = decimalIntervals(40);
    const { loss, gradient } = lossAndGradientEnclosure(ar, pt);
    expect(width(loss)).toBeLessThan(1e-35);
    // The stored point is ~1.7e-8 from the critical point whose loss is 0.0232027149135660758…;
    // the loss is flat to second order there, so they agree to ~1e-15.
    const reference = new Decimal('0.02320271491356607583742785734492786969961');
    expect(loss.lo.minus(reference).abs().toNumber()).toBeLessThan(1e-14);
    const g = normUpper(ar, gradient);
    expect(g.lte('1e-8')).toBe(true);
    expect(g.gt(0)).toBe(true);
    // The box Hessian at a tiny radius is positive on the diagonal and thin.
    const H = hessianBoxEnclosure(pt, '1e-7');
    let maxWidth = 0;
    for (let t = 0; t < H.N * H.N; t++) maxWidth = Math.max(maxWidth, H.hi[t]! - H.lo[t]!);
    expect(maxWidth).toBeLessThan(1e-5);
  });
});
