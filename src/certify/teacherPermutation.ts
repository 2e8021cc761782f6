/**
 * Exact recognition of global minima: F(W) = 0 whenever the nonzero columns of W are, as a
 * multiset, exactly the nonzero columns of V (W = V up to a permutation of neurons, possibly
 * padded with zero neurons). Then Σ_i σ(w_iᵀx) = Σ_j σ(v_jᵀx) for every x (σ(0ᵀx) = 0 and the
 * sums only differ by the order of the terms), so the integrand of F vanishes identically.
 * Comparison is exact: entries are compared as decimal numbers ("1", "1.0", "1e0" are equal).
 */
import { normaliseDecimalString } from './decimalStrings.js';

function columnKeys(M: string[][], cols: number): { keys: string[]; zero: number } {
  const keys: string[] = [];
  let zero = 0;
  for (let i = 0; i < cols; i++) {
    const entries = M.map((row) => normaliseDecimalString(row[i]!));
    if (entries.every((e) => e === '0')) zero++;
    else keys.push(entries.join(','));
  }
  return { keys: keys.sort(), zero };
}

/** True iff the nonzero columns of W (d×n) equal those of V (d×k) as multisets, exactly. */
export function isTeacherPermutation(W: string[][], V: string[][], n: number, k: number): boolean {
  if (W.length !== V.length) return false;
  const w = columnKeys(W, n);
  const v = columnKeys(V, k);
  return w.keys.length === v.keys.length && w.keys.every((key, i) => key === v.keys[i]);
}

/** The number of teacher neurons that are not exactly zero. */
export function nonzeroTeacherNeurons(V: string[][], k: number): number {
  return columnKeys(V, k).keys.length;
}
