/**
 * The certification lemma (DESIGN.md §3), stated once, and the one list of its hypotheses and
 * conclusions. certify (as a final self-check on its own numbers) and audit (on numbers it
 * re-derives by its own route) both decide a minimum certificate with `checkMinimumLemma`; only
 * the *evidence* — the proved gradient bound, the loss enclosure of the centre, the curvature
 * proof over the box — comes from different code.
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
 * Spurious rule: when n ≥ k₊ (the number of nonzero teacher neurons) the student reproduces the
 * teacher (its nonzero neurons, the rest zero), so min F = 0; if also F(W̃) − g²/(2μ) > 0 then
 * F(W*) > 0 = min F and W* is a spurious local minimum.
 *
 * Hypothesis (ii) is proved on the box {|W_ab − W̃_ab| ≤ ρ}, which contains B (‖h‖_max ≤ ‖h‖_F);
 * every inequality between certified numbers is decided exactly (big.js, no rounding).
 */
import { exactCompare, exactLess, exactMul, exactSub } from '../arith/exact.js';

export const MINIMUM_LEMMA = {
  id: 'strong-convexity-ball',
  version: 1,
  statement:
    'If B is the closed Frobenius ball of radius rho around W~ with B inside the smooth domain, ' +
    '|grad F(W~)| <= g, Hess F(W) >= mu I for every W in B with mu > 0, and 2g < mu rho, then F has exactly one ' +
    'critical point W* in B, it is a strict local minimum, |W* - W~| <= g/mu, and ' +
    'F(W~) - g^2/(2 mu) <= F(W*) <= F(W~).',
} as const;

/** Engine that proves hypothesis (ii) on a dense interval Hessian (DESIGN.md §4). */
export const PD_ENGINE = 'rump-cholesky-2006';

/**
 * ρ = RHO_OVER_G_MU · g/μ: comfortably above the 2g/μ that (iii) needs, so (iii) holds with margin
 * after g, μ, ρ are rounded to a few digits, and small enough that the box stays tight.
 */
export const RHO_OVER_G_MU = '4';

/** The certified numbers of a minimum certificate. */
export interface MinimumNumbers {
  verdict: 'spurious-local-minimum' | 'local-minimum';
  gradBound: string;
  /** claims.mu and method.mu (they must agree). */
  claimedMu: string;
  mu: string;
  rho: string;
  radius: string;
  lossLower: string;
  lossUpper: string;
  /** Student width and number of nonzero teacher neurons (for the spurious rule). */
  n: number;
  kPlus: number;
  /**
   * Reduced certificates (DESIGN.md §9): the claimed lower bound of ∇²F(W*) on each isotypic
   * component. W* is G-fixed (the unique critical point of a G-invariant ball around a G-fixed
   * centre), so ∇²F(W*) preserves each component; each bound must be proved on the box.
   */
  typeBounds?: { type: string; lowerBound: string }[];
}

/**
 * What the hypotheses need, established by the caller's own route. A field may be absent until
 * its stage is reached: 'centre' needs gradNormUpper and lossLo/lossHi; 'box' needs curvature.
 */
export interface MinimumEvidence {
  /** A rigorous upper bound of ‖∇F(W̃)‖_F. */
  gradNormUpper?: string;
  /** A rigorous enclosure [lossLo, lossHi] of F(W̃). */
  lossLo?: string;
  lossHi?: string;
  /**
   * Whether the box of half-width ρ around W̃ was proved inside Ω (smoothDomain) and every
   * symmetric matrix of the Hessian enclosure over it ⪰ μI (proved), with explanations.
   */
  curvature?: { smoothDomain: boolean; proved: boolean; detail: string };
  /**
   * Reduced route: for each claimed type bound (same order as MinimumNumbers.typeBounds), whether
   * every G-invariant symmetric matrix of the box enclosure was proved to have its eigenvalues on
   * that component above the bound (B_τ − (bound + t)Γ_τ ≻ 0), with an explanation.
   */
  typeProofs?: { type: string; proved: boolean; detail: string }[];
}

export type LemmaStage = 'numbers' | 'centre' | 'box';

export interface LemmaCheck {
  /** The claim this check supports (named in audit failures). */
  name: string;
  ok: boolean;
  detail: string;
}

interface CheckSpec {
  name: string;
  stage: LemmaStage;
  /** Whether the check concerns this certificate (default: always). */
  applies?(c: MinimumNumbers): boolean;
  run(c: MinimumNumbers, e: MinimumEvidence): { ok: boolean; detail: string };
}

/** x > 0 exactly. */
export function isPositive(x: string): boolean {
  return exactCompare(x, '0') > 0;
}

/** The spurious rule: lossLower > 0 and n ≥ k₊ (then min F = 0). */
export function spuriousRuleHolds(lossLower: string, n: number, kPlus: number): boolean {
  return isPositive(lossLower) && n >= kPlus;
}

/** (iii): 2g < μρ, exactly. */
export function ballInequalityHolds(g: string, mu: string, rho: string): boolean {
  return exactLess(exactMul('2', g), exactMul(mu, rho));
}

/** The radius conclusion r ≥ g/μ, checked as r·μ ≥ g exactly (μ > 0). */
export function radiusCovers(r: string, mu: string, g: string): boolean {
  return exactCompare(exactMul(r, mu), g) >= 0;
}

/** The lower loss conclusion L ≤ F_lo − g²/(2μ), checked as 2μ(F_lo − L) ≥ g² exactly (μ > 0). */
export function lossLowerHolds(lossLower: string, fLo: string, mu: string, g: string): boolean {
  return exactCompare(exactMul(exactMul('2', mu), exactSub(fLo, lossLower)), exactMul(g, g)) >= 0;
}

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`internal: lemma check needs ${what}`);
  return x;
}

/** Hypotheses and conclusions of the lemma, cheapest first. */
const MINIMUM_CHECKS: readonly CheckSpec[] = [
  {
    name: 'mu',
    stage: 'numbers',
    run: (c) => ({ ok: exactCompare(c.claimedMu, c.mu) === 0, detail: `claims.mu = ${c.claimedMu}, method.mu = ${c.mu}` }),
  },
  {
    name: 'rho',
    stage: 'numbers',
    run: (c) => ({ ok: ballInequalityHolds(c.gradBound, c.mu, c.rho), detail: `(iii) 2g = 2·${c.gradBound} < μρ = ${c.mu}·${c.rho}` }),
  },
  {
    name: 'radius',
    stage: 'numbers',
    run: (c) => ({ ok: radiusCovers(c.radius, c.mu, c.gradBound), detail: `r·μ = ${c.radius}·${c.mu} ≥ g = ${c.gradBound}` }),
  },
  {
    name: 'verdict',
    stage: 'numbers',
    run: (c) => {
      if (c.verdict === 'local-minimum') return { ok: true, detail: 'local minimum (no claim about the global minimum)' };
      return {
        ok: spuriousRuleHolds(c.lossLower, c.n, c.kPlus),
        detail: `spurious needs lossLower > 0 (${isPositive(c.lossLower) ? 'holds' : 'fails'}) and n ≥ k₊ (n = ${c.n}, k₊ = ${c.kPlus})`,
      };
    },
  },
  {
    name: 'gradBound',
    stage: 'centre',
    run: (c, e) => {
      const g = need(e.gradNormUpper, 'gradNormUpper');
      return { ok: exactCompare(g, c.gradBound) <= 0, detail: `(i) proved ‖∇F(W̃)‖ ≤ ${g} ≤ g = ${c.gradBound}` };
    },
  },
  {
    name: 'lossUpper',
    stage: 'centre',
    run: (c, e) => {
      const hi = need(e.lossHi, 'lossHi');
      return { ok: exactCompare(c.lossUpper, hi) >= 0, detail: `lossUpper = ${c.lossUpper} ≥ F_hi(W̃) = ${hi} ≥ F(W*)` };
    },
  },
  {
    name: 'lossLower',
    stage: 'centre',
    run: (c, e) => {
      const lo = need(e.lossLo, 'lossLo');
      return { ok: lossLowerHolds(c.lossLower, lo, c.mu, c.gradBound), detail: `2μ(F_lo − lossLower) ≥ g² with F_lo(W̃) = ${lo}` };
    },
  },
  {
    name: 'smoothDomain',
    stage: 'box',
    run: (c, e) => {
      const cv = need(e.curvature, 'curvature');
      return { ok: cv.smoothDomain, detail: cv.smoothDomain ? `the box of half-width ρ = ${c.rho} is proved inside Ω` : cv.detail };
    },
  },
  {
    name: 'curvature',
    stage: 'box',
    run: (_c, e) => {
      const cv = need(e.curvature, 'curvature');
      return { ok: cv.smoothDomain && cv.proved, detail: cv.smoothDomain ? cv.detail : '(ii) not reached: the box leaves Ω' };
    },
  },
  {
    name: 'types',
    stage: 'box',
    applies: (c) => c.typeBounds !== undefined,
    run: (c, e) => {
      const claimed = need(c.typeBounds, 'typeBounds');
      const proofs = need(e.typeProofs, 'typeProofs');
      const failed = claimed.filter((t, q) => !(proofs[q]?.type === t.type && proofs[q]!.proved));
      if (failed.length > 0) {
        const first = proofs.find((p) => p.type === failed[0]!.type);
        return { ok: false, detail: `not proved: ${failed.map((t) => `${t.type} > ${t.lowerBound}`).join(', ')}${first ? ` (${first.detail})` : ''}` };
      }
      return { ok: true, detail: `every eigenvalue of ∇²F(W*) on each of the ${claimed.length} isotypic components exceeds its claimed bound` };
    },
  },
];

/** Runs the lemma's checks of the given stages (default: all) on the numbers and evidence. */
export function checkMinimumLemma(
  c: MinimumNumbers,
  e: MinimumEvidence,
  stages: readonly LemmaStage[] = ['numbers', 'centre', 'box'],
): LemmaCheck[] {
  return MINIMUM_CHECKS.filter((s) => stages.includes(s.stage) && (s.applies?.(c) ?? true)).map((s) => ({ name: s.name, ...s.run(c, e) }));
}
