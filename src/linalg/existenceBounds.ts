/**
 * Rigorous bounds for the Krawczyk / Newton–Kantorovich existence test of a critical point
 * (DESIGN.md §10; the theorem and its exact inequalities are in src/certify/saddleLemma.ts):
 *  - (a) newtonStepBound: η ≥ ‖Y·g‖∞ for every g of an interval vector, by outward-rounded
 *    interval dot products with Y taken as point intervals;
 *  - (b) contractionBound: κ ≥ ‖I − YH‖∞ for every symmetric H of an interval matrix in
 *    midpoint–radius form, as the max row sum of |I − YM| + |Y|R, where YM is a float product whose
 *    rounding error is bounded a priori (floatProductBounds.ts) and every sum is rounded up.
 * Y is any double matrix (in practice a float inverse of the Hessian at the centre): nothing
 * depends on how good it is; a poor Y only makes κ large. Pure functions of float data, used by
 * certify and, as trusted linear algebra, by the independent audit.
 */
import { addHi, dotIntervalInto, subHi, subLo } from '../arith/f64Interval.js';
import { absMatVecUpper, allFinite, matMulFloat, productErrorTimesUpper } from './floatProductBounds.js';
import type { MidpointRadius } from './midpointRadius.js';

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
