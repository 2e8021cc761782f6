/**
 * Proof that every symmetric matrix in an interval matrix [lo, hi] satisfies H ⪰ μI
 * (DESIGN.md §4, "Proving positive definiteness").
 *
 * Method and why it is sound:
 *  1. Symmetrise: H_ij = H_ji lies in both [lo_ij, hi_ij] and [lo_ji, hi_ji], so in their
 *     intersection (exact max/min of doubles). An empty intersection contains no symmetric
 *     matrix: refused.
 *  2. M = a double midpoint, R_ij ≥ max(hi_ij − M_ij, M_ij − lo_ij) rounded up, so
 *     [M − R, M + R] ⊇ [lo, hi] exactly and |H − M| ≤ R entrywise. M and R are symmetric.
 *  3. t ≥ max_i Σ_j R_ij (each addition rounded up). For symmetric E = H − M,
 *     ‖E‖₂ = ρ(E) ≤ ρ(|E|) ≤ ρ(R) ≤ ‖R‖_∞ ≤ t (Perron–Frobenius monotonicity), so
 *     H − μI = (M − (μ + t)I) + (E + tI) with E + tI ⪰ 0.
 *  4. A = M off the diagonal, A_ii = M_ii − (μ + t) with μ + t rounded up and the difference
 *     rounded down, so A ⪯ M − (μ + t)I exactly (they differ by a nonnegative diagonal).
 *  5. Rump's criterion proves A ≻ 0 (it needs A_ii ≥ 0: otherwise refused, A is then not
 *     positive definite anyway). Hence H − μI ⪰ A ≻ 0 for every such H.
 */
import { addHi, nextUp, subHi, subLo } from '../arith/f64Interval.js';
import { rumpPositiveDefiniteInPlace, type RumpResult } from './rumpCholesky.js';

export interface IntervalPdResult {
  ok: boolean;
  mu: number;
  /** Rounded-up bound of ‖H − M‖₂ (max row sum of the radius matrix). */
  t: number;
  reason?: string;
  rump?: RumpResult;
}

/**
 * ok = true ⇒ every symmetric real H with lo ≤ H ≤ hi entrywise satisfies H − μI ≻ 0 (in
 * particular H ⪰ μI). lo, hi: N×N row-major. ok = false means "not proved"; `reason` says why.
 */
export function proveIntervalMatrixAtLeast(
  lo: Float64Array,
  hi: Float64Array,
  N: number,
  mu: number,
): IntervalPdResult {
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`proveIntervalMatrixAtLeast: bad order ${N}`);
  if (lo.length < N * N || hi.length < N * N) {
    throw new RangeError(`proveIntervalMatrixAtLeast: arrays too short for order ${N}`);
  }
  const refuse = (reason: string, t = NaN): IntervalPdResult => ({ ok: false, mu, t, reason });
  if (!Number.isFinite(mu)) return refuse(`μ = ${mu} is not finite`);

  const A = new Float64Array(N * N); // holds M, then becomes A (and Rump's work array)
  const rowSum = new Float64Array(N); // Σ_j R_ij, rounded up
  for (let i = 0; i < N; i++) {
    for (let j = 0; j <= i; j++) {
      // 1. Intersection of the (i, j) and (j, i) intervals.
      const l = Math.max(lo[i * N + j]!, lo[j * N + i]!);
      const h = Math.min(hi[i * N + j]!, hi[j * N + i]!);
      if (!(l <= h)) {
        return refuse(
          Number.isNaN(l) || Number.isNaN(h)
            ? `NaN bound at (${i}, ${j})`
            : `empty symmetric intersection at (${i}, ${j}): [${l}, ${h}]`,
        );
      }
      if (!Number.isFinite(l) || !Number.isFinite(h)) return refuse(`unbounded entry at (${i}, ${j})`);
      // 2. Midpoint (any double works; R is computed from it rigorously).
      let m = l / 2 + h / 2;
      if (!(l <= m && m <= h)) m = l; // guards against underflow in the halving
      const r = Math.max(subHi(h, m), subHi(m, l));
      if (!Number.isFinite(r)) return refuse(`radius overflow at (${i}, ${j})`);
      A[i * N + j] = m;
      A[j * N + i] = m;
      // 3. Row sums of R (R symmetric: R_ij contributes to rows i and j).
      rowSum[i] = nextUp(rowSum[i]! + r);
      if (j !== i) rowSum[j] = nextUp(rowSum[j]! + r);
    }
  }
  let t = 0;
  for (let i = 0; i < N; i++) if (rowSum[i]! > t) t = rowSum[i]!;
  if (!Number.isFinite(t)) return refuse('radius row sum overflowed', t);

  // 4. A = M − (μ + t)I with the shift rounded up and the diagonal rounded down.
  const shift = addHi(mu, t);
  for (let i = 0; i < N; i++) {
    const a = subLo(A[i * N + i]!, shift);
    if (!(a >= 0)) {
      return refuse(`diagonal ${i} of M − (μ + t)I is negative (μ too large or radius too wide)`, t);
    }
    A[i * N + i] = a;
  }
  // 5. Rump's criterion on A.
  const rump = rumpPositiveDefiniteInPlace(A, N);
  if (!rump.ok) {
    return { ok: false, mu, t, rump, reason: `M − (μ + t)I not proved positive definite: ${rump.reason ?? ''}` };
  }
  return { ok: true, mu, t, rump };
}
