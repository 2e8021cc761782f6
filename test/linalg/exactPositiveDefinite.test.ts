import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, EigenvalueDecomposition } from 'ml-matrix';
import { exactPositiveDefinite, leadingMinors, scaledIntegers } from '../../src/linalg/exactPositiveDefinite.js';

/** Determinant by cofactor expansion (independent of Bareiss). */
function det(A: bigint[][]): bigint {
  if (A.length === 1) return A[0]![0]!;
  let s = 0n;
  for (let j = 0; j < A.length; j++) {
    const minor = A.slice(1).map((row) => row.filter((_, c) => c !== j));
    s += (j % 2 === 0 ? 1n : -1n) * A[0]![j]! * det(minor);
  }
  return s;
}

describe('exact positive definiteness', () => {
  it('leading minors equal cofactor determinants (random integer matrices)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }), (rows) => {
        // Make the matrix symmetric with a dominant diagonal so that no minor is 0 before the end.
        const A = rows.map((r, i) => r.map((_, j) => BigInt(i === j ? 1000 + Math.abs(rows[i]![j]!) : rows[Math.min(i, j)]![Math.max(i, j)]!)));
        const minors = leadingMinors(A);
        expect(minors).toHaveLength(4);
        minors.forEach((d, r) => expect(d).toBe(det(A.slice(0, r + 1).map((row) => row.slice(0, r + 1)))));
      }),
    );
  });

  it('agrees with the float spectrum away from the boundary, and decides the boundary exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (xs, shift) => {
          const r = (x: number): string => x.toFixed(6);
          const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => r(i === j ? xs[3 * i + i]! + shift : xs[3 * Math.min(i, j) + Math.max(i, j)]!)));
          const lambda = Math.min(...new EigenvalueDecomposition(new Matrix(A.map((row) => row.map(Number))), { assumeSymmetric: true }).realEigenvalues);
          if (Math.abs(lambda) < 1e-9) return;
          expect(exactPositiveDefinite(A).ok).toBe(lambda > 0);
        },
      ),
    );
    // Singular PSD matrix: not positive definite; a hair above: positive definite.
    expect(exactPositiveDefinite([['1', '1'], ['1', '1']]).ok).toBe(false);
    expect(exactPositiveDefinite([['1', '1'], ['1', '1.0000000000000000000000000001']]).ok).toBe(true);
    expect(exactPositiveDefinite([['1', '1'], ['1', '0.9999999999999999999999999999']])).toEqual({ ok: false, failedPivot: 1 });
  });

  it('scales decimals to integers exactly', () => {
    expect(scaledIntegers([['0.5', '-1.25e-3'], ['12', '0']])).toEqual([[50000n, -125n], [1200000n, 0n]]);
  });

  it('rejects a non-symmetric matrix', () => {
    expect(() => exactPositiveDefinite([['1', '0'], ['0.1', '1']])).toThrow(/not symmetric/);
  });
});
