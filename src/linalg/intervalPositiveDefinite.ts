/**
 * Proof that every symmetric matrix in an interval matrix [lo, hi] satisfies H ⪰ μI
 * (DESIGN.md §4, "Proving positive definiteness").
 *
 * Method and why it is sound:
 *  1.–3. The midpoint–radius form of midpointRadius.ts: a symmetric double midpoint M and
 *     t ≥ max_i Σ_j R_ij (rounded up) with ‖H − M‖₂ ≤ t for every symmetric H in [lo, hi]; so
 *     H − μI = (M − (μ + t)I) + (E + tI) with E = H − M and E + tI ⪰ 0.
 *  4. A = M off the diagonal, A_ii = M_ii − (μ + t) with μ + t rounded up and the difference
 *     rounded down, so A ⪯ M − (μ + t)I exactly (they differ by a nonnegative diagonal).
 *  5. Rump's criterion proves A ≻ 0 (it needs A_ii ≥ 0: otherwise refused, A is then not
 *     positive definite anyway). Hence H − μI ⪰ A ≻ 0 for every such H.
 */
import { addHi, subLo } from '../arith/f64Interval.js';
import { symmetricMidpointRadius } from './midpointRadius.js';
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

  const mr = symmetricMidpointRadius(lo, hi, N, { keepRadius: false });
  if (!mr.ok) return refuse(mr.reason);
  const { M: A, t } = mr.value; // A holds M, then becomes A (and Rump's work array)

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
