/**
 * Midpoint–radius form of a symmetric interval matrix, shared by the positive-definiteness proof
 * (intervalPositiveDefinite.ts) and the saddle proofs (existenceBounds.ts, intervalInertia.ts).
 *
 * Given lo ≤ hi (N×N row-major) that enclose a SYMMETRIC matrix H entrywise:
 *  1. H_ij = H_ji lies in both [lo_ij, hi_ij] and [lo_ji, hi_ji], hence in their intersection
 *     (exact max/min of doubles); an empty intersection contains no symmetric matrix: refused.
 *  2. M_ij = a double in the intersection (its midpoint), R_ij ≥ max(hi − M, M − lo) rounded up,
 *     so [M − R, M + R] ⊇ the intersection exactly, and |H − M| ≤ R entrywise. M, R symmetric.
 *  3. rowSumR_i ≥ Σ_j R_ij (each addition rounded up) and t = max_i rowSumR_i. For symmetric
 *     E = H − M: ‖E‖₂ = ρ(E) ≤ ρ(|E|) ≤ ρ(R) ≤ ‖R‖_∞ ≤ t (Perron–Frobenius monotonicity).
 */
import { addHi, nextUp, subHi } from '../arith/f64Interval.js';

export interface MidpointRadius {
  N: number;
  /** Double midpoint, symmetric. */
  M: Float64Array;
  /** Radius, symmetric, |H − M| ≤ R for every symmetric H in [lo, hi]; only with keepRadius. */
  R?: Float64Array;
  /** rowSumR[i] ≥ Σ_j R_ij (rounded up). */
  rowSumR: Float64Array;
  /** t = max_i rowSumR[i] ≥ ‖H − M‖₂ for every symmetric H in [lo, hi]. */
  t: number;
}

export type MidpointRadiusResult = { ok: true; value: MidpointRadius } | { ok: false; reason: string };

/**
 * The midpoint–radius form (module comment). `keepRadius` stores R as well (N² more doubles);
 * without it only the row sums are kept. ok = false for an empty symmetric intersection, a NaN
 * or infinite end, or a radius that overflows.
 */
export function symmetricMidpointRadius(
  lo: Float64Array,
  hi: Float64Array,
  N: number,
  opts: { keepRadius: boolean },
): MidpointRadiusResult {
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`symmetricMidpointRadius: bad order ${N}`);
  if (lo.length < N * N || hi.length < N * N) throw new RangeError(`symmetricMidpointRadius: arrays too short for order ${N}`);
  const M = new Float64Array(N * N);
  const R = opts.keepRadius ? new Float64Array(N * N) : undefined;
  const rowSumR = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j <= i; j++) {
      const l = Math.max(lo[i * N + j]!, lo[j * N + i]!);
      const h = Math.min(hi[i * N + j]!, hi[j * N + i]!);
      if (!(l <= h)) {
        return {
          ok: false,
          reason:
            Number.isNaN(l) || Number.isNaN(h) ? `NaN bound at (${i}, ${j})` : `empty symmetric intersection at (${i}, ${j}): [${l}, ${h}]`,
        };
      }
      if (!Number.isFinite(l) || !Number.isFinite(h)) return { ok: false, reason: `unbounded entry at (${i}, ${j})` };
      let m = l / 2 + h / 2;
      if (!(l <= m && m <= h)) m = l; // guards against underflow in the halving
      const r = Math.max(subHi(h, m), subHi(m, l));
      if (!Number.isFinite(r)) return { ok: false, reason: `radius overflow at (${i}, ${j})` };
      M[i * N + j] = m;
      M[j * N + i] = m;
      if (R) {
        R[i * N + j] = r;
        R[j * N + i] = r;
      }
      rowSumR[i] = nextUp(rowSumR[i]! + r);
      if (j !== i) rowSumR[j] = nextUp(rowSumR[j]! + r);
    }
  }
  let t = 0;
  for (let i = 0; i < N; i++) if (rowSumR[i]! > t) t = rowSumR[i]!;
  if (!Number.isFinite(t)) return { ok: false, reason: 'radius row sum overflowed' };
  return { ok: true, value: { N, M, ...(R ? { R } : {}), rowSumR, t } };
}

/**
 * L ≥ ‖H‖₂ for every symmetric H with |H − M| ≤ R: max_i Σ_j |M_ij| + rowSumR_i, rounded up.
 * Why: ‖H‖₂ = ρ(H) ≤ ‖H‖∞ ≤ max_i Σ_j (|M_ij| + R_ij) for symmetric H.
 */
export function spectralNormUpper(mr: MidpointRadius): number {
  const { N, M, rowSumR } = mr;
  let L = 0;
  for (let i = 0; i < N; i++) {
    let s = rowSumR[i]!;
    for (let j = 0; j < N; j++) s = addHi(s, Math.abs(M[i * N + j]!));
    if (!(s <= L)) L = s;
  }
  return L;
}
