/**
 * Exact positive-definiteness of small symmetric matrices with exact decimal (or integer)
 * entries, without any rounding: the entries are scaled by a common power of ten to integers,
 * and fraction-free Gaussian elimination (Bareiss) yields the leading principal minors exactly.
 *
 * Guarantee: `exactPositiveDefinite(A).ok` ⇔ the symmetric matrix A is positive definite.
 * Why: Bareiss' recurrence a_ij ← (a_ij a_kk − a_ik a_kj) / p_{k−1} (p_{−1} = 1, p_k = a_kk after
 * step k) divides exactly and leaves the k-th pivot equal to the leading principal minor of
 * order k + 1 (Sylvester's identity); BigInt arithmetic is exact. By Sylvester's criterion a
 * symmetric matrix is positive definite iff all its leading principal minors are > 0; elimination
 * stops at the first minor that is not (so `ok` = false names that order). Scaling by 10^E > 0
 * multiplies the minor of order r by 10^(rE) and changes no sign.
 */
import Big from 'big.js';

/** The leading principal minors Δ_1, …, Δ_r of an integer matrix, stopping after the first Δ ≤ 0. */
export function leadingMinors(A: readonly (readonly bigint[])[]): bigint[] {
  const n = A.length;
  const a = A.map((row) => {
    if (row.length !== n) throw new RangeError('leadingMinors: the matrix is not square');
    return [...row];
  });
  const minors: bigint[] = [];
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    const pivot = a[k]![k]!;
    minors.push(pivot);
    if (pivot <= 0n) break;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) a[i]![j] = (a[i]![j]! * pivot - a[i]![k]! * a[k]![j]!) / prev;
    }
    prev = pivot;
  }
  return minors;
}

/**
 * A maximal linearly independent set of columns of a Gram (symmetric positive semidefinite)
 * integer matrix, chosen greedily in order: column k is kept iff it is independent of the kept
 * columns before it. Why: Bareiss elimination by the kept pivots S leaves at (k, k) the bordered
 * minor det Γ[S ∪ k, S ∪ k] ≥ 0 (Gram), which is 0 iff column k depends on S; a zero pivot of a
 * positive semidefinite Schur complement has a zero row, so skipping it keeps the invariant.
 */
export function independentColumnsOfGram(G: readonly (readonly bigint[])[]): number[] {
  const n = G.length;
  const a = G.map((row) => [...row]);
  const kept: number[] = [];
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    const pivot = a[k]![k]!;
    if (pivot < 0n) throw new RangeError('independentColumnsOfGram: not positive semidefinite');
    if (pivot === 0n) continue;
    kept.push(k);
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) a[i]![j] = (a[i]![j]! * pivot - a[i]![k]! * a[k]![j]!) / prev;
    }
    prev = pivot;
  }
  return kept;
}

/** Digits after the decimal point of an exact decimal. */
function decimalPlaces(x: Big): number {
  return Math.max(0, x.c.length - 1 - x.e);
}

/** A matrix of exact decimals (big.js or strings) times 10^E as integers, E the largest number of decimal places. */
export function scaledIntegers(A: readonly (readonly (Big | string)[])[]): bigint[][] {
  const B = A.map((row) => row.map((x) => new Big(x)));
  const E = Math.max(0, ...B.flat().map(decimalPlaces));
  const scale = new Big(10).pow(E);
  return B.map((row) => row.map((x) => BigInt(x.times(scale).toFixed(0))));
}

export interface ExactPdResult {
  ok: boolean;
  /** 0-based order − 1 of the first leading principal minor that is not > 0. */
  failedPivot?: number;
}

/** Whether the symmetric matrix A (exact decimals) is positive definite, decided exactly. */
export function exactPositiveDefinite(A: readonly (readonly (Big | string)[])[]): ExactPdResult {
  const n = A.length;
  A.forEach((row, i) =>
    row.forEach((x, j) => {
      if (!new Big(x).eq(new Big(A[j]![i]!))) throw new RangeError(`exactPositiveDefinite: not symmetric at (${i}, ${j})`);
    }),
  );
  const minors = leadingMinors(scaledIntegers(A));
  const bad = minors.findIndex((d) => d <= 0n);
  return bad < 0 && minors.length === n ? { ok: true } : { ok: false, failedPivot: bad };
}
