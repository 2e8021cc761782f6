/**
 * Rump's floating-point Cholesky criterion for positive definiteness (DESIGN.md §4):
 * S. M. Rump, "Verification of positive definiteness", BIT 46 (2006) 433–452, Corollary 2.4
 * with the computable bound on c; formally proved in Coq in the ValidSDP project
 * (theories/cholesky.v, `corollary_2_4_with_c_upper_bound`, valid for binary64 with underflow
 * and any tie-breaking rule).
 *
 * Statement. Let A be a symmetric N×N matrix of doubles with A_ii ≥ 0 for all i, and
 * 4(N+1)u < 1 (u = 2^-53, η = 2^-1074, γ_m = m·u/(1 − m·u)). Let
 *     c ≥ ½·γ_{2(N+1)}·trace(A) + 4·η·N·(2(N+1) + max_i A_ii),
 * and Ã = A off the diagonal with Ã_ii ≤ A_ii − c. If the floating-point Cholesky factorisation
 * of Ã (round to nearest, each sum c − Σ_k a_k·b_k accumulated left to right starting from the
 * matrix entry, products and differences rounded separately, pivots by sqrt) completes with
 * every diagonal element of the factor positive, then A is positive definite.
 *
 * Why it is sound. The rounding-error analysis of that exact loop (Rump's Lemmas 2.1, 2.2,
 * including the underflow terms in η) shows Ã = R̃ᵀR̃ + Δ with |Δ| bounded so that
 * xᵀ|Δ|x ≤ c for unit x; hence xᵀAx ≥ xᵀÃx + c ≥ ‖R̃x‖² − xᵀ|Δ|x + c > 0. The argument needs
 * the loop to be executed exactly as analysed, so this module writes it out itself:
 *  - JavaScript numbers are IEEE binary64 with round to nearest, ties to even; `a - b*c` is a
 *    rounded product followed by a rounded subtraction (ECMAScript has no contraction, V8 never
 *    emits a fused multiply-add for it); Math.sqrt is correctly rounded.
 *  - c is computed with every operation followed by nextUp, and Ã_ii = nextDown(A_ii − c), so
 *    the two inequalities hold for the exact reals.
 *  - Overflow: the proof assumes no overflow. Any overflow yields ±∞ or NaN, which propagates
 *    (every entry of the factor enters the later pivots through a square) and makes some later
 *    pivot −∞ or NaN, which is refused because a pivot must satisfy s > 0 and be finite. Inputs
 *    must be finite and exactly symmetric.
 *
 * Cost: N³/6 multiply-subtracts (see choleskyLowerInPlace for the memory-friendly order).
 */
import { nextDown, nextUp } from '../arith/f64Interval.js';
import { gammaUpper } from './floatProductBounds.js';

export interface RumpResult {
  ok: boolean;
  /** N, the order of the matrix. */
  order: number;
  /** The diagonal shift c actually subtracted (an upper bound of Rump's constant). */
  shift: number;
  /** Index of the first pivot that was not positive (ok = false from the factorisation). */
  failedPivot?: number;
  reason?: string;
}

const U = 2 ** -53;
const ETA = Number.MIN_VALUE; // 2^-1074

/**
 * Upper bound of ½·γ_{2(N+1)}·trace + 4ηN(2(N+1) + maxDiag), every operation rounded up
 * (all terms are ≥ 0, so rounding each intermediate up bounds the whole expression).
 */
export function rumpShift(N: number, trace: number, maxDiag: number): number {
  const gamma = gammaUpper(2 * (N + 1));
  const term1 = nextUp(nextUp(0.5 * gamma) * trace);
  const inner = nextUp(2 * (N + 1) + maxDiag);
  const term2 = nextUp(nextUp(nextUp(4 * ETA) * N) * inner);
  return nextUp(term1 + term2);
}

/**
 * Proves that the symmetric N×N row-major double matrix A is positive definite (ok = true is a
 * proof, see the module comment); ok = false means "not proved" (A may still be positive
 * definite, e.g. with λ_min below the resolution ≈ (N+1)·u·trace(A)). A is not modified.
 */
export function rumpPositiveDefinite(A: Float64Array, N: number): RumpResult {
  checkShape(A, N);
  return rumpPositiveDefiniteInPlace(A.slice(0, N * N), N);
}

function checkShape(A: Float64Array, N: number): void {
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`rumpPositiveDefinite: bad order ${N}`);
  if (A.length < N * N) throw new RangeError(`rumpPositiveDefinite: ${A.length} entries for order ${N}`);
}

/**
 * As rumpPositiveDefinite, but overwrites `work` (its lower triangle becomes the Cholesky
 * factor). For callers that already own a scratch copy.
 */
export function rumpPositiveDefiniteInPlace(work: Float64Array, N: number): RumpResult {
  checkShape(work, N);
  const fail = (reason: string, shift = 0, failedPivot?: number): RumpResult =>
    failedPivot === undefined
      ? { ok: false, order: N, shift, reason }
      : { ok: false, order: N, shift, failedPivot, reason };
  if (!(4 * (N + 1) * U < 1)) return fail('order too large for the criterion (4(N+1)u ≥ 1)');

  // Preconditions: finite, exactly symmetric, nonnegative diagonal.
  let trace = 0;
  let maxDiag = 0;
  for (let i = 0; i < N; i++) {
    const row = i * N;
    for (let j = 0; j < i; j++) {
      const v = work[row + j]!;
      if (!Number.isFinite(v)) return fail(`entry (${i}, ${j}) is not finite`);
      if (v !== work[j * N + i]) return fail(`matrix is not symmetric at (${i}, ${j})`);
    }
    const d = work[row + i]!;
    if (!Number.isFinite(d)) return fail(`entry (${i}, ${i}) is not finite`);
    if (!(d >= 0)) return fail(`negative diagonal entry at ${i}`, 0, i);
    trace = nextUp(trace + d);
    if (d > maxDiag) maxDiag = d;
  }
  const c = rumpShift(N, trace, maxDiag);
  if (!Number.isFinite(c)) return fail('shift c overflowed', c);
  for (let i = 0; i < N; i++) work[i * N + i] = nextDown(work[i * N + i]! - c);

  const failed = choleskyLowerInPlace(work, N);
  if (failed >= 0) return fail(`pivot ${failed} is not positive after the shift`, c, failed);
  return { ok: true, order: N, shift: c };
}

/**
 * Plain floating-point Cholesky of the lower triangle of `work` (row-major N×N), in place:
 * afterwards work[j*N + i] = L_ji for i ≤ j (L = R̃ᵀ). Every entry is computed exactly as in
 * Rump's analysis: s = Ã_ji; s = s − L_j0·L_i0; s = s − L_j1·L_i1; … (k increasing, each product
 * and difference rounded separately), then L_ii = sqrt(s) if i = j, else L_ji = s / L_ii.
 * Returns −1 on success, else the index of the first pivot s that is not > 0 (or is NaN).
 *
 * Only the order of operations inside each entry matters, not the order in which entries are
 * computed, so the loops are arranged for memory traffic: columns are taken in panels of
 * P = 16. The panel's own rows are factored first (pivots included); then each pair of lower
 * rows j, j+1 computes its 16 panel entries in four blocks of 4 columns — per block one pass
 * over L_j,0..i0−1 feeding eight independent sums, then the short in-block tail i0 ≤ k < i —
 * while rows j, j+1 stay in cache, so each row of L streams from memory once per panel.
 */
export function choleskyLowerInPlace(work: Float64Array, N: number): number {
  const P = 16;
  let p0 = 0;
  for (; p0 + P <= N; p0 += P) {
    const pEnd = p0 + P;
    // The panel's own rows, unblocked, column by column (pivot first).
    for (let i = p0; i < pEnd; i++) {
      const f = columnEntries(work, N, i, pEnd);
      if (f >= 0) return f;
    }
    let j = pEnd;
    for (; j + 1 < N; j += 2) {
      for (let i0 = p0; i0 < pEnd; i0 += 4) rowPairBlock(work, N, j, i0);
    }
    for (; j < N; j++) {
      for (let i = p0; i < pEnd; i++) singleEntry(work, N, j, i);
    }
  }
  // Remaining columns (fewer than P), unblocked.
  for (let i = p0; i < N; i++) {
    const f = columnEntries(work, N, i, N);
    if (f >= 0) return f;
  }
  return -1;
}

/**
 * Entries L_ji for rows j, j+1 and columns i0..i0+3, assuming L_j,k and L_j+1,k are final for
 * k < i0 and rows i0..i0+3 are final up to their pivots. Each sum runs k = 0, 1, …, i−1 in order.
 */
function rowPairBlock(work: Float64Array, N: number, j: number, i0: number): void {
  const q0 = i0 * N;
  const q1 = q0 + N;
  const q2 = q1 + N;
  const q3 = q2 + N;
  const r = j * N;
  const t = r + N;
  let a0 = work[r + i0]!;
  let a1 = work[r + i0 + 1]!;
  let a2 = work[r + i0 + 2]!;
  let a3 = work[r + i0 + 3]!;
  let b0 = work[t + i0]!;
  let b1 = work[t + i0 + 1]!;
  let b2 = work[t + i0 + 2]!;
  let b3 = work[t + i0 + 3]!;
  for (let k = 0; k < i0; k++) {
    const x = work[r + k]!;
    const y = work[t + k]!;
    const p0 = work[q0 + k]!;
    const p1 = work[q1 + k]!;
    const p2 = work[q2 + k]!;
    const p3 = work[q3 + k]!;
    a0 = a0 - x * p0;
    a1 = a1 - x * p1;
    a2 = a2 - x * p2;
    a3 = a3 - x * p3;
    b0 = b0 - y * p0;
    b1 = b1 - y * p1;
    b2 = b2 - y * p2;
    b3 = b3 - y * p3;
  }
  // In-block tail, k = i0 … i−1 in order; then divide by the pivot.
  const d0 = work[q0 + i0]!;
  const d1 = work[q1 + i0 + 1]!;
  const d2 = work[q2 + i0 + 2]!;
  const d3 = work[q3 + i0 + 3]!;
  const l10 = work[q1 + i0]!;
  const l20 = work[q2 + i0]!;
  const l21 = work[q2 + i0 + 1]!;
  const l30 = work[q3 + i0]!;
  const l31 = work[q3 + i0 + 1]!;
  const l32 = work[q3 + i0 + 2]!;
  a0 = a0 / d0;
  b0 = b0 / d0;
  a1 = (a1 - a0 * l10) / d1;
  b1 = (b1 - b0 * l10) / d1;
  a2 = (a2 - a0 * l20 - a1 * l21) / d2;
  b2 = (b2 - b0 * l20 - b1 * l21) / d2;
  a3 = (a3 - a0 * l30 - a1 * l31 - a2 * l32) / d3;
  b3 = (b3 - b0 * l30 - b1 * l31 - b2 * l32) / d3;
  work[r + i0] = a0;
  work[r + i0 + 1] = a1;
  work[r + i0 + 2] = a2;
  work[r + i0 + 3] = a3;
  work[t + i0] = b0;
  work[t + i0 + 1] = b1;
  work[t + i0 + 2] = b2;
  work[t + i0 + 3] = b3;
}

/** Pivot i, then L_ji for i < j < jEnd. Returns i if the pivot is not positive, else −1. */
function columnEntries(work: Float64Array, N: number, i: number, jEnd: number): number {
  const ri = i * N;
  let s = work[ri + i]!;
  for (let k = 0; k < i; k++) {
    const v = work[ri + k]!;
    s = s - v * v;
  }
  if (!(s > 0) || s === Infinity) return i;
  work[ri + i] = Math.sqrt(s);
  for (let j = i + 1; j < jEnd; j++) singleEntry(work, N, j, i);
  return -1;
}

/** L_ji = (Ã_ji − Σ_{k<i} L_jk·L_ik) / L_ii, k increasing (i < j, pivot i already computed). */
function singleEntry(work: Float64Array, N: number, j: number, i: number): void {
  const rj = j * N;
  const ri = i * N;
  let s = work[rj + i]!;
  for (let k = 0; k < i; k++) s = s - work[rj + k]! * work[ri + k]!;
  work[rj + i] = s / work[ri + i]!;
}
