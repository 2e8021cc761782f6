/**
 * Loss enclosure at a certified critical point (DESIGN.md §10).
 *
 * Lemma. Let W* be a critical point of F with ‖W* − W̃‖∞ ≤ r, the segment [W*, W̃] inside a box
 * B ⊂ Ω, and L ≥ ‖∇²F(W)‖₂ for every W ∈ B. Then |F(W̃) − F(W*)| ≤ Δ := ½·L·N·r².
 * Proof. φ(t) = F(W* + t(W̃ − W*)) is C² on [0, 1] with φ′(0) = ∇F(W*)ᵀh = 0 (h = W̃ − W*), so
 * Taylor's formula with Lagrange remainder gives φ(1) − φ(0) = ½φ″(τ) = ½hᵀ∇²F(ξ)h for some ξ
 * on the segment, and |hᵀ∇²F(ξ)h| ≤ ‖∇²F(ξ)‖₂‖h‖₂² ≤ L·N·‖h‖∞² ≤ L·N·r². ∎
 * Hence F(W*) ∈ [lower(F(W̃)) − Δ, upper(F(W̃)) + Δ].
 *
 * L comes from the interval Hessian of the box: for symmetric H with |H − M| ≤ R,
 * ‖H‖₂ = ρ(H) ≤ ‖H‖∞ ≤ max_i Σ_j (|M_ij| + R_ij) (hessianNormUpper). Δ and the two ends are then
 * computed exactly (big.js) and rounded outward to a few significant digits.
 */
import { exactAdd, exactCompare, exactMul, exactSub } from '../arith/exact.js';
import { addHi, exactDecimalOfDouble } from '../arith/f64Interval.js';
import type { MidpointRadius } from '../linalg/midpointRadius.js';
import { decimalString, exactDecimalOf, roundDownSignificant, roundUpSignificant } from './decimalStrings.js';

/** L ≥ ‖H‖₂ for every symmetric H with |H − M| ≤ R: max_i Σ_j |M_ij| + rowSumR_i, rounded up. */
export function hessianNormUpper(mr: MidpointRadius): number {
  const { N, M, rowSumR } = mr;
  let L = 0;
  for (let i = 0; i < N; i++) {
    let s = rowSumR[i]!;
    for (let j = 0; j < N; j++) s = addHi(s, Math.abs(M[i * N + j]!));
    if (!(s <= L)) L = s;
  }
  return L;
}

/** Δ = ½·L·N·r² exactly, for L a finite double, N the order and r a decimal string. */
export function lossPerturbation(L: number, N: number, radius: string): string {
  return exactMul('0.5', exactMul(exactDecimalOfDouble(L), exactMul(String(N), exactMul(radius, radius))));
}

/**
 * [lossLower, lossUpper] ⊇ [fLo − Δ, fHi + Δ] (the lemma's enclosure of F(W*)), each end rounded
 * outward to `digits` significant digits.
 */
export function saddleLossEnclosure(
  fLo: string,
  fHi: string,
  L: number,
  N: number,
  radius: string,
  digits: number,
): { lossLower: string; lossUpper: string; delta: string } {
  const delta = lossPerturbation(L, N, radius);
  const lossLower = decimalString(roundDownSignificant(exactDecimalOf(exactSub(fLo, delta)), digits));
  const lossUpper = decimalString(roundUpSignificant(exactDecimalOf(exactAdd(fHi, delta)), digits));
  return { lossLower, lossUpper, delta };
}

/** The claim lossLower ≤ fLo − Δ and fHi + Δ ≤ lossUpper, checked exactly. */
export function saddleLossClaimHolds(
  claim: { lossLower: string; lossUpper: string },
  fLo: string,
  fHi: string,
  L: number,
  N: number,
  radius: string,
): boolean {
  const delta = lossPerturbation(L, N, radius);
  return exactCompare(claim.lossLower, exactSub(fLo, delta)) <= 0 && exactCompare(exactAdd(fHi, delta), claim.lossUpper) <= 0;
}
