import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { choleskyLowerInPlace, rumpPositiveDefinite, rumpShift } from '../../src/linalg/rumpCholesky.js';
import { exactlyPositiveDefinite, secondDifference, symmetricWithEigenvalues } from './pdFixtures.js';
import { rng } from '../helpers/random.js';

/** Textbook Cholesky–Banachiewicz, sums left to right: the loop Rump's analysis is about. */
function textbookCholesky(A: Float64Array, N: number): { L: Float64Array; failed: number } {
  const L = new Float64Array(N * N);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i <= j; i++) {
      let s = A[j * N + i]!;
      for (let k = 0; k < i; k++) s = s - L[j * N + k]! * L[i * N + k]!;
      if (i === j) {
        if (!(s > 0)) return { L, failed: j };
        L[j * N + j] = Math.sqrt(s);
      } else {
        L[j * N + i] = s / L[i * N + i]!;
      }
    }
  }
  return { L, failed: -1 };
}

function shifted(H: Float64Array, N: number, mu: number): Float64Array {
  const A = H.slice();
  for (let i = 0; i < N; i++) A[i * N + i] = A[i * N + i]! - mu;
  return A;
}

describe('choleskyLowerInPlace', () => {
  it('is bit-for-bit the textbook left-to-right Cholesky (blocked order does not change any sum)', () => {
    const rand = rng(7);
    for (const N of [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 37]) {
      const lam = Array.from({ length: N }, () => 0.01 + rand() * 10);
      const A = symmetricWithEigenvalues(lam, rand);
      const ref = textbookCholesky(A, N);
      const work = A.slice();
      expect(choleskyLowerInPlace(work, N)).toBe(-1);
      expect(ref.failed).toBe(-1);
      for (let j = 0; j < N; j++) {
        for (let i = 0; i <= j; i++) expect(Object.is(work[j * N + i], ref.L[j * N + i])).toBe(true);
      }
    }
  });

  it('reports the same first failing pivot as the textbook loop', () => {
    const rand = rng(11);
    for (const N of [3, 6, 9, 14, 21]) {
      const lam = Array.from({ length: N }, (_, i) => (i === 0 ? -0.5 : 0.5 + rand()));
      const A = symmetricWithEigenvalues(lam, rand);
      const ref = textbookCholesky(A, N);
      expect(ref.failed).toBeGreaterThanOrEqual(0);
      expect(choleskyLowerInPlace(A.slice(), N)).toBe(ref.failed);
    }
  });
});

describe('rumpShift', () => {
  it('is at least ½·γ_{2(N+1)}·trace + 4ηN(2(N+1) + maxdiag), evaluated exactly', () => {
    const Hi = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_CEIL, toExpNeg: -9e15, minE: -9e15 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (N, trace, maxDiag) => {
          const c = rumpShift(N, trace, maxDiag);
          const u = new Hi(2).pow(-53);
          const eta = new Hi(2).pow(-1074);
          const mu = u.times(2 * (N + 1));
          const gamma = mu.div(new Hi(1).minus(mu)); // rounded up at 200 digits: ≥ exact
          const bound = gamma
            .times(exactDecimalOfDouble(trace))
            .div(2)
            .plus(eta.times(4 * N).times(new Hi(2 * (N + 1)).plus(exactDecimalOfDouble(maxDiag))));
          expect(new Hi(exactDecimalOfDouble(c)).gte(bound)).toBe(true);
          // and not grossly larger
          expect(new Hi(exactDecimalOfDouble(c)).lte(bound.times(1.000001).plus(1e-300))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('rumpPositiveDefinite', () => {
  it('proves tridiag(−1, 2, −1) − μI positive definite just below λ_min and never at or above it', () => {
    for (const N of [1, 2, 5, 30, 100]) {
      const { H, lambdaMin } = secondDifference(N);
      expect(rumpPositiveDefinite(shifted(H, N, lambdaMin * (1 - 1e-6)), N).ok).toBe(true);
      for (const f of [1 + 1e-9, 1 + 1e-6, 1.01, 2]) {
        const r = rumpPositiveDefinite(shifted(H, N, lambdaMin * f), N);
        expect(r.ok).toBe(false);
        expect(r.failedPivot).toBeTypeOf('number');
      }
    }
  });

  it('never proves a positive semidefinite singular matrix', () => {
    for (const N of [1, 2, 3, 10, 50]) {
      const ones = new Float64Array(N * N).fill(1); // eigenvalues N, 0, …, 0
      expect(rumpPositiveDefinite(ones, N).ok).toBe(N === 1);
      const zero = new Float64Array(N * N);
      expect(rumpPositiveDefinite(zero, N).ok).toBe(false);
    }
  });

  it('never proves an exactly singular Gram matrix B·Bᵀ (B integer N×(N−1)), where rounding decides the last float pivot', () => {
    const rand = rng(99);
    let floatPivotPositive = 0;
    for (let trial = 0; trial < 200; trial++) {
      const N = 2 + (trial % 9);
      const B = Array.from({ length: N * (N - 1) }, () => Math.floor(rand() * 2001) - 1000);
      const A = new Float64Array(N * N);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < N - 1; k++) s += B[i * (N - 1) + k]! * B[j * (N - 1) + k]!; // exact integers < 2^53
          A[i * N + j] = s;
        }
      }
      expect(rumpPositiveDefinite(A, N).ok).toBe(false);
      if (choleskyLowerInPlace(A.slice(), N) < 0) floatPivotPositive++;
    }
    // the unshifted float Cholesky wrongly "succeeds" on some of them: the shift is what matters
    expect(floatPivotPositive).toBeGreaterThan(0);
  });

  it('agrees with exact rational LDLᵀ whenever it says ok (random near-singular matrices)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), (N, seed, lam0) => {
        const rand = rng(seed);
        const lam = Array.from({ length: N }, (_, i) => (i === 0 ? lam0 : 0.1 + rand()));
        const A = symmetricWithEigenvalues(lam, rand);
        const r = rumpPositiveDefinite(A, N);
        if (r.ok) expect(exactlyPositiveDefinite(A, N, 0)).toBe(true);
        // clearly definite matrices are proved, clearly indefinite ones are not
        if (lam0 > 1e-9) expect(r.ok).toBe(true);
        if (lam0 < -1e-9) expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('has resolution about (N+1)·u·trace', () => {
    const rand = rng(3);
    const N = 60;
    const lam = Array.from({ length: N }, (_, i) => (i === 0 ? 1e-10 : 1 + rand()));
    const A = symmetricWithEigenvalues(lam, rand);
    const r = rumpPositiveDefinite(A, N);
    expect(r.shift).toBeGreaterThan(0);
    expect(r.shift).toBeLessThan(2 * (N + 1) * 2 ** -53 * 2 * N); // ≈ ½γ_{2(N+1)}·trace, trace ≤ 2N
    expect(r.ok).toBe(true);
  });

  it('refuses non-symmetric, non-finite and negative-diagonal input, and does not modify A', () => {
    const A = new Float64Array([2, 1, 1.0000000000000002, 2]);
    expect(rumpPositiveDefinite(A, 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/symmetric/) });
    expect(rumpPositiveDefinite(new Float64Array([2, NaN, NaN, 2]), 2).ok).toBe(false);
    expect(rumpPositiveDefinite(new Float64Array([Infinity]), 1).ok).toBe(false);
    expect(rumpPositiveDefinite(new Float64Array([-1, 0, 0, 5]), 2)).toMatchObject({ ok: false, failedPivot: 0 });
    const B = new Float64Array([4, 1, 1, 3]);
    const copy = B.slice();
    expect(rumpPositiveDefinite(B, 2).ok).toBe(true);
    expect(B).toEqual(copy);
    expect(rumpPositiveDefinite(new Float64Array(0), 0).ok).toBe(true);
    expect(() => rumpPositiveDefinite(new Float64Array(3), 2)).toThrow(RangeError);
  });

  it('handles huge and tiny scales without overflow or underflow mistakes', () => {
    const { H } = secondDifference(8);
    for (const s of [2 ** 500, 2 ** -500, 2 ** -1000]) {
      const A = H.map((x) => x * s);
      const r = rumpPositiveDefinite(A, 8);
      if (r.ok) expect(exactlyPositiveDefinite(A, 8, 0)).toBe(true);
      if (s >= 2 ** -500) expect(r.ok).toBe(true);
    }
    const huge = new Float64Array([1e308, 0, 0, 1e308]);
    const r = rumpPositiveDefinite(huge, 2);
    expect(r.ok).toBe(false); // the trace overflows: refused, never a wrong proof
  });
});
