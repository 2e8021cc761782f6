import Big from 'big.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceUpper, polishPoint, type PolishResult } from '../../src/certify/polish.js';
import { SymmetricFactor, smallestEigenvalueByInverseIteration } from '../../src/certify/floatFactor.js';
import { lambdaMinFloat } from '../../src/linalg/floatEigen.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { searchSpuriousPoint } from './fixtures.js';

function exactDistanceSquared(A: string[][], B: string[][]): Big {
  let s = new Big(0);
  A.forEach((row, a) =>
    row.forEach((x, i) => {
      const diff = new Big(x).minus(B[a]![i]!);
      s = s.plus(diff.times(diff));
    }),
  );
  return s;
}

describe('Newton polishing', () => {
  let pt: ExactPoint;
  let res: PolishResult;
  beforeAll(() => {
    pt = searchSpuriousPoint().pt;
    res = polishPoint(pt, { precision: 40 });
  });

  it('drives the decimal gradient of a gradient-descent point to ≤ 1e-34 within a few steps', () => {
    expect(res.gradNorms[res.gradNorms.length - 1]!).toBeLessThanOrEqual(1e-34);
    expect(res.steps).toBeGreaterThan(0);
    expect(res.steps).toBeLessThanOrEqual(8);
    // Each accepted decimal step decreases the gradient norm.
    for (let i = 1; i < res.gradNorms.length; i++) expect(res.gradNorms[i]!).toBeLessThan(res.gradNorms[i - 1]!);
  });

  it('returns coordinates with at most P significant digits', () => {
    for (const row of res.W) {
      for (const x of row) {
        const digits = x.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digits.length).toBeLessThanOrEqual(40);
      }
    }
  });

  it('distanceUpper bounds the exact distance from the original point, and is tight', () => {
    const d2 = exactDistanceSquared(res.W, pt.W);
    const u = new Big(res.distanceUpper);
    expect(u.times(u).gte(d2)).toBe(true);
    expect(u.times(u).lte(d2.times('1.0001'))).toBe(true);
  });

  it('the returned enclosures are those of the returned point', () => {
    const again = polishPoint({ ...pt, W: res.W }, { precision: 40, maxSteps: 0 });
    expect(again.steps).toBe(0);
    expect(again.enclosures.loss.lo.eq(res.enclosures.loss.lo)).toBe(true);
    expect(again.enclosures.loss.hi.eq(res.enclosures.loss.hi)).toBe(true);
  });

  it('above the eager order, a small float-phase move keeps the first factorisation and reaches the same point', () => {
    // A point 1e-8 from the polished one in a third of its entries: the float phase moves it
    // back by about that much.
    const W = res.W.map((row, a) => row.map((x, i) => String(Number(x) + ((a + i) % 3 === 0 ? 1e-8 : 0))));
    const near = { ...pt, W };
    const eager = polishPoint(near, { precision: 40 });
    const lazy = polishPoint(near, { precision: 40, eagerRefactorMaxOrder: 0 });
    expect(eager.factorizations).toBe(2);
    expect(lazy.factorizations).toBe(1);
    for (const r of [eager, lazy]) expect(r.gradNorms[r.gradNorms.length - 1]!).toBeLessThanOrEqual(1e-34);
    expect(exactDistanceSquared(lazy.W, eager.W).lt('1e-64')).toBe(true);
    const shifted = (eps: number) => ({
      ...pt,
      W: res.W.map((row, a) => row.map((x, i) => String(Number(x) + ((a + i) % 3 === 0 ? eps : 0)))),
    });
    // 1e-7 away, a step with the first Hessian gains fewer than 6 digits: it refactorises then.
    const adaptive = polishPoint(shifted(1e-7), { precision: 40, eagerRefactorMaxOrder: 0 });
    expect(adaptive.factorizations).toBe(2);
    expect(adaptive.gradNorms[adaptive.gradNorms.length - 1]!).toBeLessThanOrEqual(1e-34);
    // 1e-5 away (a move above 1e-6), it refactorises at once, like the eager setting.
    const far = polishPoint(shifted(1e-5), { precision: 40, eagerRefactorMaxOrder: 0 });
    const farEager = polishPoint(shifted(1e-5), { precision: 40 });
    expect(far.factorizations).toBe(2);
    expect(far.W).toEqual(farEager.W);
  });

  it('an already polished point is not moved by the float phase', () => {
    const again = polishPoint({ ...pt, W: res.W }, { precision: 40 });
    expect(again.steps).toBe(0);
    expect(again.W).toEqual(res.W);
    expect(again.distanceUpper).toBe('0');
  });

  it('distanceUpper is an upper bound for arbitrary decimal matrices (property)', () => {
    const dec = fc
      .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 30 }))
      .map(([m, e]) => new Big(m).div(new Big(10).pow(e)).toFixed());
    fc.assert(
      fc.property(fc.array(fc.tuple(dec, dec), { minLength: 1, maxLength: 12 }), (pairs) => {
        const A = [pairs.map((p) => p[0])];
        const B = [pairs.map((p) => p[1])];
        const u = new Big(distanceUpper(30, A, B));
        return u.times(u).gte(exactDistanceSquared(A, B));
      }),
      { numRuns: 200 },
    );
  });
});

describe('float factorisation (non-rigorous helpers)', () => {
  function spd(N: number, shift: number): Float64Array {
    const A = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) A[i * N + j] = 1 / (1 + i + j) + (i === j ? shift : 0);
    return A;
  }

  it('solves with Cholesky for a positive definite matrix and with LDLᵀ for an indefinite one', () => {
    for (const shift of [0.5, -0.3]) {
      const N = 9;
      const A = spd(N, shift);
      const f = SymmetricFactor.of(A, N)!;
      expect(f.kind).toBe(shift > 0 ? 'cholesky' : 'ldlt');
      const x = Float64Array.from({ length: N }, (_, i) => i - 3.5);
      const b = new Float64Array(N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) b[i] = b[i]! + A[i * N + j]! * x[j]!;
      const y = f.solve(b);
      for (let i = 0; i < N; i++) expect(y[i]!).toBeCloseTo(x[i]!, 9);
    }
  });

  it('inverse iteration finds the smallest eigenvalue of a positive definite matrix (to the accuracy μ needs)', () => {
    // Hilbert-like plus shift: eigenvalues cluster just above the shift, the hard case for inverse iteration.
    const N = 30;
    const A = spd(N, 0.01);
    const lam = smallestEigenvalueByInverseIteration(A, SymmetricFactor.of(A, N)!);
    const ref = lambdaMinFloat(A, N);
    expect(lam).toBeGreaterThanOrEqual(ref * (1 - 1e-12)); // a Rayleigh quotient never undershoots
    expect(Math.abs(lam - ref) / ref).toBeLessThan(1e-5);
  });
});
