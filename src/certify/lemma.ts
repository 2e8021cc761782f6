/**
 * The certification lemma (DESIGN.md §3) and the exact inequalities that apply it.
 *
 * Lemma (strong-convexity-ball, version 1). Let W̃ be a point, ρ > 0, B the closed Frobenius ball
 * of radius ρ around W̃, and suppose B ⊂ Ω (F is C² on a neighbourhood of B). If
 *   (i)   ‖∇F(W̃)‖_F ≤ g,
 *   (ii)  ∇²F(W) ⪰ μI for every W ∈ B, with μ > 0,
 *   (iii) 2g < μρ,
 * then F has exactly one critical point W* in B; it is a strict local minimum;
 * ‖W* − W̃‖_F ≤ g/μ; and F(W̃) − g²/(2μ) ≤ F(W*) ≤ F(W̃).
 *
 * Proof. For h with ‖h‖ ≤ ρ the segment W̃ + th (0 ≤ t ≤ 1) lies in the convex set B. Taylor's
 * formula with integral remainder gives
 *   F(W̃ + h) = F(W̃) + ⟨∇F(W̃), h⟩ + ∫₀¹ (1 − t) hᵀ∇²F(W̃ + th) h dt ≥ F(W̃) − g‖h‖ + μ‖h‖²/2,   (★)
 * using Cauchy–Schwarz, (i) and (ii). On the sphere ‖h‖ = ρ, (★) and (iii) give
 * F(W̃ + h) ≥ F(W̃) + ρ(μρ/2 − g) > F(W̃), so the minimum of the continuous F over the compact B
 * (which exists) is not attained on the sphere, hence at an interior point W*, where ∇F(W*) = 0
 * and F has a local minimum. For W, W' ∈ B, ⟨∇F(W) − ∇F(W'), W − W'⟩ = ∫₀¹ (W − W')ᵀ∇²F(W' +
 * t(W − W'))(W − W') dt ≥ μ‖W − W'‖² (ii), so ∇F is strongly monotone on B: two critical points
 * in B would give 0 ≥ μ‖W − W'‖², hence W* is the only one. By (★) around W*, where the gradient
 * vanishes, F(W* + h) ≥ F(W*) + μ‖h‖²/2 for W* + h ∈ B, so W* is a strict local minimum. Taking
 * W = W̃, W' = W*: μ‖W̃ − W*‖² ≤ ⟨∇F(W̃), W̃ − W*⟩ ≤ g‖W̃ − W*‖, so ‖W* − W̃‖ ≤ g/μ. Finally F(W*) ≤
 * F(W̃) because W* minimises F over B ∋ W̃, and minimising the right side of (★) over ‖h‖ ≥ 0
 * (its minimum −g²/(2μ) + F(W̃) is attained at ‖h‖ = g/μ < ρ) gives F(W*) ≥ F(W̃) − g²/(2μ). ∎
 *
 * Certify applies (ii) on the box {|W_ab − W̃_ab| ≤ ρ}, which contains B (‖h‖_max ≤ ‖h‖_F), and
 * (i), (iii) with decimal numbers compared exactly (big.js, no rounding).
 */
import { exactCompare, exactLess, exactMul, exactSub } from '../arith/exact.js';

export const LEMMA_ID = 'strong-convexity-ball';
export const LEMMA_VERSION = 1;
export const LEMMA_STATEMENT =
  'If B is the closed Frobenius ball of radius rho around W~ with B inside the smooth domain, ' +
  '|grad F(W~)| <= g, Hess F(W) >= mu I for every W in B with mu > 0, and 2g < mu rho, then F has exactly one ' +
  'critical point W* in B, it is a strict local minimum, |W* - W~| <= g/mu, and ' +
  'F(W~) - g^2/(2 mu) <= F(W*) <= F(W~).';
export const PD_ENGINE = 'rump-cholesky-2006';

/** (iii): 2g < μρ, exactly. */
export function ballInequalityHolds(g: string, mu: string, rho: string): boolean {
  return exactLess(exactMul('2', g), exactMul(mu, rho));
}

/** The radius claim r ≥ g/μ, checked as r·μ ≥ g exactly (μ > 0). */
export function radiusCovers(r: string, mu: string, g: string): boolean {
  return exactCompare(exactMul(r, mu), g) >= 0;
}

/** The lower loss claim L ≤ F_lo − g²/(2μ), checked as 2μ(F_lo − L) ≥ g² exactly (μ > 0). */
export function lossLowerHolds(lossLower: string, fLo: string, mu: string, g: string): boolean {
  return exactCompare(exactMul(exactMul('2', mu), exactSub(fLo, lossLower)), exactMul(g, g)) >= 0;
}

/** x > 0 exactly. */
export function isPositive(x: string): boolean {
  return exactCompare(x, '0') > 0;
}
