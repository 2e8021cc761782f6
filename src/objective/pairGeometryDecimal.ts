import type { Decimal } from 'decimal.js';
import type { DecimalInterval, DecimalIntervalArithmetic } from '../arith/decimalInterval.js';

/**
 * The angle data of a pair of nonzero vectors (u, v) in decimal intervals (DESIGN.md §2):
 * cosine c = uᵀv / (|u||v|), sine s = sin θ, and π − θ, with θ = arccos c ∈ [0, π].
 * Guarantee: each interval contains the exact value for every (u, v) whose dot product and
 * norms lie in the given intervals, because every step is an outward-rounded interval operation
 * (or a clamp to [−1, 1], which the exact cosine satisfies by Cauchy–Schwarz).
 */
export interface PairAngles {
  c: DecimalInterval;
  s: DecimalInterval;
  piMinusTheta: DecimalInterval;
}

/** Unclamped cosine enclosure dot / (nu·nv); may poke outside [−1, 1] by rounding. */
export function cosineEnclosure(
  ar: DecimalIntervalArithmetic,
  dot: DecimalInterval,
  nu: DecimalInterval,
  nv: DecimalInterval,
): DecimalInterval {
  return ar.div(dot, ar.mul(nu, nv));
}

/** True iff the interval lies strictly inside (−1, 1): the pair is provably not (anti)parallel. */
export function strictlyInsideUnit(c: DecimalInterval): boolean {
  return c.lo.gt(-1) && c.hi.lt(1);
}

/** c ∩ [−1, 1]. Sound because the exact cosine lies in [−1, 1]. */
export function clampToUnit(ar: DecimalIntervalArithmetic, c: DecimalInterval): DecimalInterval {
  if (c.lo.gte(-1) && c.hi.lte(1)) return c;
  const lo = c.lo.gte(-1) ? c.lo : ar.point(-1).lo;
  const hi = c.hi.lte(1) ? c.hi : ar.point(1).hi;
  // lo > hi would mean the enclosure misses [−1, 1], which holds the exact cosine: an upstream bug.
  return ar.of(lo, hi);
}

/**
 * s = sqrt((1 − c)(1 + c)) and π − θ = arccos(−c), from a cosine enclosure (clamped here).
 * (1 − c)(1 + c) = 1 − c² exactly but is the tighter interval form near ±1; arccos(−c) = π − arccos(c)
 * exactly and avoids the width of a subtraction. When c is exactly 0, π − θ = π/2.
 */
export function pairAngles(ar: DecimalIntervalArithmetic, cosine: DecimalInterval): PairAngles {
  const { c, s } = pairSine(ar, cosine);
  return { c, s, piMinusTheta: piMinusThetaOf(ar, c) };
}

/** The clamped cosine c and s = sqrt((1 − c)(1 + c)) alone (pairAngles without the arccos). */
export function pairSine(ar: DecimalIntervalArithmetic, cosine: DecimalInterval): { c: DecimalInterval; s: DecimalInterval } {
  const c = clampToUnit(ar, cosine);
  const one = ar.point(1);
  return { c, s: ar.sqrt(ar.mul(ar.sub(one, c), ar.add(one, c))) };
}

/** π − θ = arccos(−c) for a cosine enclosure c ⊆ [−1, 1] (π/2 when c is exactly 0). */
export function piMinusThetaOf(ar: DecimalIntervalArithmetic, c: DecimalInterval): DecimalInterval {
  return c.lo.isZero() && c.hi.isZero() ? ar.div(ar.pi(), ar.point(2)) : ar.acos(ar.neg(c));
}

/** An interval's ends as short strings rounded outward (for messages). */
export function formatInterval(ar: DecimalIntervalArithmetic, x: DecimalInterval, digits = 12): [string, string] {
  const lo: Decimal = new ar.Down(x.lo).toSD(digits);
  const hi: Decimal = new ar.Up(x.hi).toSD(digits);
  return [lo.toString(), hi.toString()];
}
