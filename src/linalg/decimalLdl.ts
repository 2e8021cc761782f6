/**
 * Independent positive-definiteness engine (DESIGN.md §4): symmetric Gaussian elimination
 * (LDLᵀ without pivoting) in decimal interval arithmetic, applied to a midpoint–radius form of the
 * interval matrix.
 *
 * Guarantee: ok = true ⇒ every symmetric real H with lo ≤ H ≤ hi entrywise has H − μI positive
 * definite. Why: fix such an H. Its entries lie in the symmetrised intervals [l_ij, h_ij] (the
 * (i, j) and (j, i) intervals both contain H_ij = H_ji, hence so does their intersection). With a
 * symmetric double centre M (m_ij inside [l_ij, h_ij]) and r_ij ≥ max(h_ij − m_ij, m_ij − l_ij)
 * computed in decimal rounded up, |H − M| ≤ R entrywise, so ‖H − M‖₂ ≤ ρ(R) ≤ t := max row sum of R
 * (rounded up), hence H − μI ⪰ M − (μ + t)I. The point matrix A = M − (μ + t)I is eliminated in
 * interval arithmetic: the Schur complements S^(k+1)_ij = S^(k)_ij − S^(k)_ki·S^(k)_kj / S^(k)_kk
 * of A stay symmetric, and every decimal interval operation contains the exact result for all
 * arguments in its operands, so by induction each interval contains the exact value. If every
 * interval pivot is certainly positive, A = L·D·Lᵀ with D > 0, so A ≻ 0 and H − μI ≻ 0.
 *
 * Why midpoint–radius first: naive interval elimination of the box itself multiplies the input
 * widths (≈ 1e-14 for a box Hessian) at every step (the wrapping effect) and failed at N ≈ 200 on
 * a matrix whose true margin was 2e-3; eliminating the point matrix A starts from widths of
 * 10^−precision instead. ok = false only means "not proved".
 *
 * Cost: about N³/6 interval multiply–subtract pairs (a handful of decimal.js operations each at
 * `precision` digits, ≈ 6 µs at 40 digits) and N² stored intervals: ≈ 1 s at N = 100, ≈ 8 s at
 * N = 200 (cubic beyond). Use it for small N and cross-checks, Rump's criterion otherwise.
 */
import { decimalIntervals, type DecimalInterval } from '../arith/decimalInterval.js';

export interface DecimalLdlResult {
  ok: boolean;
  /** The first pivot not proved positive. */
  failedPivot?: number;
  /** The smallest lower end among the pivots computed (exact decimal string of that bound). */
  minPivotLower?: string;
  reason?: string;
}

/** Default working precision (significant digits): ample for nearly-point matrices. */
export const DEFAULT_LDL_PRECISION = 40;

export function decimalLdlAtLeast(
  lo: Float64Array,
  hi: Float64Array,
  N: number,
  mu: string,
  precision: number = DEFAULT_LDL_PRECISION,
): DecimalLdlResult {
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`decimalLdlAtLeast: bad order ${N}`);
  if (lo.length < N * N || hi.length < N * N) {
    throw new RangeError(`decimalLdlAtLeast: arrays too short for order ${N}`);
  }
  const ia = decimalIntervals(precision);
  const muI = ia.point(mu); // RangeError for a malformed μ

  // Symmetrised intervals, a double centre m_ij and decimal radii r_ij (rounded up); t bounds
  // ‖H − M‖₂ by the largest row sum of R (rounded up).
  const centre = new Float64Array(N * N);
  const rowSum: DecimalInterval['hi'][] = new Array(N);
  for (let i = 0; i < N; i++) rowSum[i] = ia.point(0).hi;
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      const l = Math.max(lo[i * N + j]!, lo[j * N + i]!);
      const h = Math.min(hi[i * N + j]!, hi[j * N + i]!);
      if (!(l <= h)) return { ok: false, reason: `empty or NaN symmetric intersection at (${i}, ${j})` };
      if (!Number.isFinite(l) || !Number.isFinite(h)) return { ok: false, reason: `unbounded entry at (${i}, ${j})` };
      const m = Math.min(h, Math.max(l, l / 2 + h / 2));
      centre[i * N + j] = m;
      const L = ia.point(l).lo;
      const Hh = ia.point(h).hi;
      const Mi = ia.point(m);
      const r = ia.Up.max(ia.Up.sub(Hh, Mi.lo), ia.Up.sub(Mi.hi, L));
      rowSum[i] = ia.Up.add(rowSum[i]!, r);
      if (j !== i) rowSum[j] = ia.Up.add(rowSum[j]!, r);
    }
  }
  let t = rowSum[0] ?? ia.point(0).hi;
  for (const x of rowSum) if (x.gt(t)) t = x;
  const shift = ia.add(muI, ia.of(t, t));

  // Upper triangle of the working matrix A = M − (μ + t)I, row-major: S[i*N + j] for j ≥ i.
  const S: DecimalInterval[] = new Array<DecimalInterval>(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      const x = ia.point(centre[i * N + j]!); // numbers are converted at their exact binary value
      S[i * N + j] = j === i ? ia.sub(x, shift) : x;
    }
  }

  let minPivot: DecimalInterval['lo'] | undefined;
  for (let k = 0; k < N; k++) {
    const d = S[k * N + k]!;
    if (minPivot === undefined || d.lo.lt(minPivot)) minPivot = d.lo;
    if (!ia.certainlyPositive(d)) {
      return { ok: false, failedPivot: k, minPivotLower: minPivot.toString(), reason: `pivot ${k} not proved positive` };
    }
    const rk = k * N;
    for (let i = k + 1; i < N; i++) {
      const a = S[rk + i]!; // S_ki = S_ik
      const ri = i * N;
      S[ri + i] = ia.sub(S[ri + i]!, ia.div(ia.sqr(a), d));
      const l = ia.div(a, d);
      for (let j = i + 1; j < N; j++) {
        S[ri + j] = ia.sub(S[ri + j]!, ia.mul(l, S[rk + j]!));
      }
    }
  }
  return minPivot === undefined ? { ok: true } : { ok: true, minPivotLower: minPivot.toString() };
}
