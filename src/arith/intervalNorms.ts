/**
 * Norms of vectors of decimal intervals.
 */
import { Decimal } from 'decimal.js';
import type { DecimalInterval, DecimalIntervalArithmetic } from './decimalInterval.js';

/**
 * An upper bound of sqrt(Σ x_i²) over all x_i in the given intervals. Guarantee: ≥ the Euclidean
 * norm of every vector of the box. Why: |x_i| ≤ max(|lo|, |hi|) (exact); the squares and the sum
 * are computed in the round-up clone `ar.Up` (decimal.js ×, + are correctly rounded, so each
 * result is ≥ the exact one); the square root is `ar.sqrtUp`, accepted only when its square
 * (exact at 2·precision digits) is ≥ the radicand.
 */
export function normUpper(ar: DecimalIntervalArithmetic, xs: readonly DecimalInterval[]): Decimal {
  const Up = ar.Up;
  let acc = new Up(0);
  for (const x of xs) {
    const a = x.lo.abs();
    const b = x.hi.abs();
    const m = new Up(a.gt(b) ? a : b);
    acc = acc.plus(m.times(m));
  }
  return ar.sqrtUp(acc);
}

/** ‖midpoints‖ as a double: informative only (e.g. to tell a gradient from its enclosure width). */
export function midpointNorm(ar: DecimalIntervalArithmetic, xs: readonly DecimalInterval[]): number {
  let s = new Decimal(0);
  for (const x of xs) {
    const m = ar.mid(x);
    s = s.plus(m.times(m));
  }
  return s.sqrt().toNumber();
}

/**
 * A lower bound of sqrt(Σ x_i²) over all x_i in the given intervals. Guarantee: ≤ the Euclidean
 * norm of every vector of the box. Why: |x_i| ≥ m_i := 0 if x_i contains 0, else min(|lo|, |hi|)
 * (exact); the squares and the sum are computed in the round-down clone `ar.Down`, and the square
 * root is `ar.sqrtDown`, accepted only when its square (exact) is ≤ the radicand.
 */
export function normLower(ar: DecimalIntervalArithmetic, xs: readonly DecimalInterval[]): Decimal {
  const Down = ar.Down;
  let acc = new Down(0);
  for (const x of xs) {
    if (x.lo.lte(0) && x.hi.gte(0)) continue;
    const a = x.lo.abs();
    const b = x.hi.abs();
    const m = new Down(a.lt(b) ? a : b);
    acc = acc.plus(m.times(m));
  }
  return ar.sqrtDown(acc);
}
