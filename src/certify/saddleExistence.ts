/**
 * Existence and uniqueness of a critical point in a max-norm box (DESIGN.md §10): a
 * Krawczyk / Newton–Kantorovich test in its simplest form.
 *
 * Theorem (critical-point-box, version 1). Let W̃ ∈ ℝᴺ, ρ ≥ 0, B = {W : ‖W − W̃‖∞ ≤ ρ} with
 * B ⊂ Ω (so F is C² on an open set containing the convex compact B), and Y any real N×N matrix.
 * If
 *   (a) ‖Y∇F(W̃)‖∞ ≤ η,
 *   (b) ‖I − Y∇²F(W)‖∞ ≤ κ < 1 for every W ∈ B (‖·‖∞ the max-row-sum norm),
 *   (c) η ≤ (1 − κ)ρ,
 * then ∇F has exactly one zero W* in B, and ‖W* − W̃‖∞ ≤ η/(1 − κ).
 *
 * Proof. Let T(W) = W − Y∇F(W). For W, W′ ∈ B the segment between them lies in B, and
 *   T(W) − T(W′) = (W − W′) − Y∫₀¹∇²F(W′ + s(W − W′)) ds (W − W′) = (I − YH̄)(W − W′),
 * with H̄ = ∫₀¹∇²F(W′ + s(W − W′)) ds. Each entry of H̄ is an average of values the entry takes on B,
 * so H̄ lies in every entrywise interval enclosure of {∇²F(W) : W ∈ B}; the bound (b) as computed
 * below holds for every matrix of that enclosure, hence ‖I − YH̄‖∞ ≤ κ and T is a κ-contraction
 * on B in the max-norm. For W ∈ B: ‖T(W) − W̃‖∞ ≤ ‖T(W) − T(W̃)‖∞ + ‖T(W̃) − W̃‖∞ ≤ κρ + η ≤ ρ by
 * (a) and (c), so T maps the complete metric space B into itself, and Banach's fixed-point
 * theorem gives exactly one fixed point W* ∈ B. Since ‖I − Y∇²F(W̃)‖∞ ≤ κ < 1, the matrix
 * Y∇²F(W̃) = I − (I − Y∇²F(W̃)) is nonsingular (Neumann series), so Y is nonsingular, and
 * T(W) = W ⇔ Y∇F(W) = 0 ⇔ ∇F(W) = 0: the fixed points of T in B are exactly the zeros of ∇F
 * in B. Finally ‖W* − W̃‖∞ ≤ ‖T(W*) − T(W̃)‖∞ + ‖T(W̃) − W̃‖∞ ≤ κ‖W* − W̃‖∞ + η. ∎
 *
 * How the hypotheses are proved here:
 *  - (a) newtonStepBound: Y·g in outward-rounded interval arithmetic for every g in the decimal
 *    gradient enclosure (rounded outward to doubles).
 *  - (b) contractionBound: with the interval Hessian of the box in midpoint–radius form
 *    |∇²F(W) − M| ≤ R, ‖I − YH‖∞ ≤ max_i Σ_j (|I − YM| + |Y|R)_ij; YM is a float product whose
 *    rounding error is bounded a priori (floatProductBounds.ts), and every sum is rounded up.
 *  - (c) existenceHolds: exact decimal comparison (big.js) of the decimal strings η, κ, ρ.
 * Y is a float inverse of the float Hessian at W̃, but nothing depends on how good it is: a
 * poor Y only makes κ large, and then the test fails.
 */
import { Decimal } from 'decimal.js';
import { exactCompare, exactLess, exactLessOrEqual, exactMul, exactSub } from '../arith/exact.js';
import { addHi, dotIntervalInto, subHi, subLo } from '../arith/f64Interval.js';
import {
  absMatVecUpper,
  allFinite,
  matMulFloat,
  productErrorTimesUpper,
} from '../linalg/floatProductBounds.js';
import type { MidpointRadius } from '../linalg/midpointRadius.js';
import { decimalString } from './decimalStrings.js';

export const EXISTENCE_THEOREM_ID = 'critical-point-box';
export const EXISTENCE_THEOREM_VERSION = 1;
export const EXISTENCE_THEOREM_STATEMENT =
  'If B = {W : |W - W~|_inf <= rho} lies in the smooth domain, Y is any N x N matrix, |Y grad F(W~)|_inf <= eta, ' +
  '|I - Y Hess F(W)|_inf <= kappa < 1 for every W in B, and eta <= (1 - kappa) rho, then grad F has exactly one zero W* ' +
  'in B and |W* - W~|_inf <= eta/(1 - kappa).';

/**
 * η ≥ max_i |(Y g)_i| for every real g with gLo ≤ g ≤ gHi (hypothesis (a)): each component is an
 * outward-rounded interval dot product (dotIntervalInto, Y as a point interval), and η the
 * largest end in absolute value. +∞ if anything is not finite.
 */
export function newtonStepBound(Y: Float64Array, N: number, gLo: Float64Array, gHi: Float64Array): number {
  if (Y.length < N * N || gLo.length < N || gHi.length < N) throw new RangeError('newtonStepBound: arrays too short');
  const out = new Float64Array(2);
  let eta = 0;
  for (let i = 0; i < N; i++) {
    dotIntervalInto(Y, Y, i * N, gLo, gHi, 0, N, out, 0);
    const m = Math.max(-out[0]!, out[1]!);
    if (!(m <= eta)) eta = m; // NaN also lands here
  }
  return Number.isNaN(eta) ? Infinity : eta;
}

/**
 * κ ≥ ‖I − YH‖∞ for every real H with |H − M| ≤ R entrywise (hypothesis (b)), where M and the
 * row sums of R come from `mr`. Returns +∞ when a product overflows.
 * Why: |I − YH| ≤ |I − C| + |C − YM| + |Y||H − M| with C = fl(YM); row sums of |I − C| are
 * summed with upward rounding (|1 − C_ii| bounded by the outward-rounded difference), row sums
 * of |C − YM| are bounded by productErrorTimesUpper(Y, M, 1), and |Y|R1 ≤ |Y|·rowSumR.
 */
export function contractionBound(Y: Float64Array, mr: MidpointRadius): number {
  const { N, M, rowSumR } = mr;
  if (Y.length < N * N) throw new RangeError(`contractionBound: Y has ${Y.length} entries for order ${N}`);
  if (!allFinite(Y)) return Infinity;
  const C = matMulFloat(Y, M, N, N, N);
  if (!allFinite(C)) return Infinity;
  const ones = new Float64Array(N).fill(1);
  const productError = productErrorTimesUpper(Y, M, N, N, N, ones);
  const radiusPart = absMatVecUpper(Y, N, N, rowSumR);
  let kappa = 0;
  for (let i = 0; i < N; i++) {
    const row = i * N;
    let s = 0;
    for (let j = 0; j < N; j++) {
      const c = C[row + j]!;
      const a = j === i ? Math.max(subHi(1, c), -subLo(1, c)) : Math.abs(c);
      s = addHi(s, a);
    }
    s = addHi(addHi(s, productError[i]!), radiusPart[i]!);
    if (!(s <= kappa)) kappa = s;
  }
  return Number.isNaN(kappa) ? Infinity : kappa;
}

/** Hypotheses (b)'s κ < 1 and (c) η ≤ (1 − κ)ρ, exactly (decimal strings, big.js). */
export function existenceHolds(eta: string, kappa: string, rho: string): boolean {
  return exactLess(kappa, '1') && exactLessOrEqual(eta, exactMul(exactSub('1', kappa), rho));
}

/** The radius claim r ≥ η/(1 − κ), checked exactly as r·(1 − κ) ≥ η (requires κ < 1). */
export function existenceRadiusCovers(radius: string, eta: string, kappa: string): boolean {
  return exactLess(kappa, '1') && exactCompare(exactMul(radius, exactSub('1', kappa)), eta) >= 0;
}

/**
 * An upper bound of η/(1 − κ) with at most `digits` significant digits (κ < 1): 1 − κ is exact,
 * and the quotient is rounded toward +∞ at a precision of `digits` (both operands are ≥ 0).
 */
export function existenceRadius(eta: string, kappa: string, digits = 4): string {
  if (!exactLess(kappa, '1')) throw new RangeError(`existenceRadius: κ = ${kappa} is not < 1`);
  const Up = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_CEIL });
  return decimalString(new Up(eta).div(exactSub('1', kappa)));
}
