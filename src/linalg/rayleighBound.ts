/**
 * An upper bound of the Rayleigh quotient over a symmetric interval matrix: for any double
 * vector u ≠ 0 and every symmetric H with lo ≤ H ≤ hi entrywise, λ_min(H) ≤ uᵀHu/uᵀu ≤ the
 * returned number. Used to prove that a matrix known only through an enclosure has a negative
 * eigenvalue (DESIGN.md §11). Pure function of float data, shared by certify and the audit.
 */
import { divHi, dotIntervalInto, mulHi, mulLo } from '../arith/f64Interval.js';

/**
 * Upper end of {uᵀHu/uᵀu : lo ≤ H ≤ hi} (d×d row-major): the numerator Σ_ab (u_a u_b)·H_ab and the
 * denominator Σ_a u_a² are outward-rounded interval dot products (dotIntervalInto), and the result
 * is the upper end of their interval quotient, which contains every such quotient. +∞ or NaN when
 * the denominator's enclosure reaches 0 (u = 0 or underflow): no bound.
 */
export function rayleighQuotientUpper(u: Float64Array, lo: Float64Array, hi: Float64Array, d: number): number {
  const pLo = new Float64Array(d * d);
  const pHi = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      pLo[a * d + b] = mulLo(u[a]!, u[a]!, u[b]!, u[b]!);
      pHi[a * d + b] = mulHi(u[a]!, u[a]!, u[b]!, u[b]!);
    }
  }
  const num = new Float64Array(2);
  const den = new Float64Array(2);
  dotIntervalInto(pLo, pHi, 0, lo, hi, 0, d * d, num, 0);
  dotIntervalInto(u, u, 0, u, u, 0, d, den, 0);
  if (!(den[0]! > 0)) return Infinity;
  return divHi(num[0]!, num[1]!, den[0]!, den[1]!);
}
