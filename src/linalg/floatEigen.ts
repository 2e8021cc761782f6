/**
 * Float64 estimates of the smallest eigenvalue of a symmetric matrix (row-major N×N). NOT
 * rigorous: these numbers only choose parameters (certify proves μ with Rump's criterion) and
 * screen candidates (inspect, search).
 *
 * - N ≤ DENSE_MAX_N: Householder tridiagonalisation without eigenvectors (lambdaMinDense), then
 *   Sturm-sequence bisection on the tridiagonal matrix. Backward stable: the result is the
 *   smallest eigenvalue of H + E with ‖E‖₂ a small multiple of N·u·‖H‖ (u = 2⁻⁵³), hence within
 *   that distance of λ_min(H) (Weyl).
 * - N > DENSE_MAX_N: Lanczos with full reorthogonalisation (see lambdaMinLanczos), which needs
 *   far fewer than N³ operations there; lambdaMinOfPoint runs it on Hessian-vector products
 *   (lambdaMinLanczosOperator) without forming the Hessian.
 */
import { hessianFloat, hessianVectorProduct, type ReluProblem } from '../objective/reluFloat.js';

/**
 * Largest order handled by the dense solver. Measured on Hessians at random points
 * (bench/objectiveFloat.ts, Node 20, one core): dense ≈ 24 ms at N = 400 (Lanczos ≈ 45 ms),
 * ≈ 90 ms at 625 (Lanczos ≈ 125 ms), ≈ 250 ms at 900 (Lanczos 140–270 ms, 150–215 products),
 * ≈ 5.5 s at 2500 (Lanczos ≈ 1.6–2.1 s). Near the crossover the dense solver is preferred: it
 * cannot miss the smallest eigenvalue and is accurate to ~N·u·‖H‖.
 */
export const DENSE_MAX_N = 800;

/**
 * Smallest eigenvalue of the symmetric N×N row-major matrix H (H is not modified; only its lower
 * triangle is read). NaN if H has a non-finite entry.
 */
export function lambdaMinFloat(H: Float64Array, N: number): number {
  checkSquare(H, N);
  if (N <= DENSE_MAX_N) return lambdaMinDense(H, N);
  if (!allFinite(H)) return NaN;
  return lambdaMinLanczos(H, N).value;
}

/**
 * Smallest eigenvalue of ∇²F at w. N = n·d ≤ DENSE_MAX_N: the dense Hessian and lambdaMinDense.
 * Above: Lanczos on Hessian-vector products (hessianVectorProduct, O(n²d) each), never forming the
 * N×N Hessian (800 MB at k = n = 100; building and reducing it took ~14 s there, the products take
 * well under one). Throws NonSmoothPointError at zero neurons.
 */
export function lambdaMinOfPoint(p: ReluProblem, w: Float64Array): number {
  const N = p.n * p.d;
  if (N <= DENSE_MAX_N) return lambdaMinDense(hessianFloat(p, w), N);
  for (let t = 0; t < w.length; t++) if (!Number.isFinite(w[t]!)) return NaN;
  return lambdaMinLanczosOperator((x, out) => hessianVectorProduct(p, w, x, out), N).value;
}

/**
 * Smallest eigenvalue by dense reduction: H (lower triangle read; H is symmetric) is copied,
 * scaled by a power of two (exact) so that max|H_ij| ∈ [1/2, 1), reduced to tridiagonal T = QᵀHQ by
 * N−2 Householder reflections (≈ 4N³/3 flops, no eigenvectors), and λ_min(T) is found by
 * bisection on Sturm counts (smallestEigenvalueTridiagonal). Accuracy: Householder reduction is backward
 * stable (T is exactly similar to H + E, ‖E‖₂ ≤ c·N·u·‖H‖₂), and bisection with the
 * pivmin-guarded Sturm recurrence returns λ_min(T + F) with |F| ≤ ~3u|T| elementwise (Kahan;
 * Demmel–Dhillon–Ren), so |result − λ_min(H)| ≤ c'·N·u·‖H‖₂. Returns NaN if H has a non-finite entry.
 */
export function lambdaMinDense(H: Float64Array, N: number): number {
  checkSquare(H, N);
  let maxAbs = 0;
  for (let r = 0; r < N; r++) {
    const row = r * N;
    for (let c = 0; c <= r; c++) {
      const x = Math.abs(H[row + c]!);
      if (!(x <= maxAbs)) maxAbs = x; // NaN also lands here
    }
  }
  if (!Number.isFinite(maxAbs)) return NaN;
  if (maxAbs === 0) return 0;
  // Power-of-two scale: multiplying by it and dividing the result by it is exact (barring underflow).
  const scale = powerOfTwoScale(maxAbs);
  const A = new Float64Array(N * N);
  for (let r = 0; r < N; r++) {
    const row = r * N;
    for (let c = 0; c <= r; c++) A[row + c] = H[row + c]! * scale;
  }
  const diag = new Float64Array(N);
  const off = new Float64Array(Math.max(N - 1, 1));
  tridiagonalizeLower(A, N, diag, off);
  return smallestEigenvalueTridiagonal(diag, off, N) / scale;
}

/**
 * All eigenvalues of the symmetric N×N row-major H (lower triangle read), ascending: the same
 * backward-stable Householder reduction as lambdaMinDense, then bisection on Sturm counts for each
 * index (eigenvaluesTridiagonal). Accuracy: each value is within ~c·N·u·‖H‖₂ of the exact one.
 * NOT rigorous (float evidence for reports). O(N³) for the reduction plus O(N²·60) for bisection.
 */
export function eigenvaluesDense(H: Float64Array, N: number): Float64Array {
  checkSquare(H, N);
  let maxAbs = 0;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c <= r; c++) {
      const x = Math.abs(H[r * N + c]!);
      if (!(x <= maxAbs)) maxAbs = x;
    }
  }
  if (!Number.isFinite(maxAbs)) return new Float64Array(N).fill(NaN);
  if (maxAbs === 0) return new Float64Array(N);
  const scale = powerOfTwoScale(maxAbs);
  const A = new Float64Array(N * N);
  for (let r = 0; r < N; r++) for (let c = 0; c <= r; c++) A[r * N + c] = H[r * N + c]! * scale;
  const diag = new Float64Array(N);
  const off = new Float64Array(Math.max(N - 1, 1));
  tridiagonalizeLower(A, N, diag, off);
  const values = eigenvaluesTridiagonal(diag, off, N);
  for (let i = 0; i < N; i++) values[i] = values[i]! / scale;
  return values;
}

/**
 * All eigenvalues (ascending) of the symmetric tridiagonal matrix (diag, off) whose entries are at
 * most 1 in magnitude (eigenvaluesDense scales first): the i-th by bisection on Sturm counts,
 * from the Gershgorin interval down to a bracket of width ≤ 4u·‖T‖ (or adjacent doubles).
 */
function eigenvaluesTridiagonal(diag: Float64Array, off: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  if (m === 1) {
    out[0] = diag[0]!;
    return out;
  }
  const { lo: lo0, hi: hi0, normT, pivmin } = gershgorinBracket(diag, off, m);
  const floor = 4 * Number.EPSILON * normT;
  let lo = lo0;
  for (let i = 0; i < m; i++) {
    // Invariant: count(lo) ≤ i and count(hi) ≥ i + 1; lo starts at the previous eigenvalue's bracket.
    let hi = hi0;
    while (hi - lo > floor) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (sturmCountBelow(diag, off, m, mid, pivmin) >= i + 1) hi = mid;
      else lo = mid;
    }
    out[i] = 0.5 * (lo + hi);
  }
  return out;
}

/**
 * Householder reduction of the symmetric matrix whose lower triangle is stored in A (row-major
 * N×N; the upper triangle is neither read nor written) to tridiagonal form: on return diag[0..N)
 * and off[0..N−1) are the diagonal and subdiagonal of T = QᵀAQ. A is overwritten.
 *
 * Step k reflects rows/columns k+1..N−1 by P = I − τvvᵀ (v_{k+1} = 1) so that column k becomes
 * (…, A_kk, β, 0, …, 0); the trailing block is updated as A ← A − vwᵀ − wvᵀ with p = τAv,
 * w = p − (τ/2)(pᵀv)v (LAPACK dsytd2). The update of step k is fused with the product A·v of step
 * k+1: after updating column k+1 alone (to get v for step k+1), one pass over each row of the
 * remaining lower triangle applies the pending rank-2 update and accumulates the symmetric
 * product, so the trailing block is streamed once per step.
 */
function tridiagonalizeLower(A: Float64Array, N: number, diag: Float64Array, off: Float64Array): void {
  if (N === 1) {
    diag[0] = A[0]!;
    return;
  }
  // Pending rank-2 update (vp, wp) from the previous step; zero vectors mean "none".
  let vp = new Float64Array(N);
  let wp = new Float64Array(N);
  let v = new Float64Array(N);
  let p = new Float64Array(N);
  for (let k = 0; k < N - 2; k++) {
    // Apply the pending update to column k (rows k..N−1) so the reflector sees final values.
    const vpk = vp[k]!;
    const wpk = wp[k]!;
    for (let r = k; r < N; r++) A[r * N + k] = A[r * N + k]! - (vp[r]! * wpk + wp[r]! * vpk);
    diag[k] = A[k * N + k]!;
    // Reflector for x = A[k+1..N−1, k] (dlarfg without its rescaling loop). Underflow in σ can
    // only matter when ‖x‖ < ~1e-150 while max|A| ≥ 1/2: the perturbation it causes (at most
    // ~‖x‖) is then far below u‖A‖, so plain sums of squares suffice.
    const alpha = A[(k + 1) * N + k]!;
    let sigma = 0;
    for (let r = k + 2; r < N; r++) {
      const x = A[r * N + k]!;
      sigma += x * x;
    }
    let tau = 0;
    v.fill(0);
    if (sigma === 0) {
      off[k] = alpha;
    } else {
      const norm = Math.sqrt(alpha * alpha + sigma);
      const beta = alpha >= 0 ? -norm : norm;
      tau = (beta - alpha) / beta;
      const inv = 1 / (alpha - beta);
      v[k + 1] = 1;
      for (let r = k + 2; r < N; r++) v[r] = A[r * N + k]! * inv;
      off[k] = beta;
    }
    // Fused pass over rows r ≥ k+1, columns k+1..r: A ← A − vp·wpᵀ − wp·vpᵀ, then p = A·v.
    p.fill(0);
    const s = k + 1;
    let r = s;
    // Four rows at a time over the columns they share (s..r−1): the column vectors are loaded
    // once for all four rows; the 4×4 triangle at the end goes through updateRowPart.
    for (; r + 3 < N; r += 4) {
      const row0 = r * N;
      const row1 = row0 + N;
      const row2 = row1 + N;
      const row3 = row2 + N;
      const vp0 = vp[r]!, wp0 = wp[r]!, v0 = v[r]!;
      const vp1 = vp[r + 1]!, wp1 = wp[r + 1]!, v1 = v[r + 1]!;
      const vp2 = vp[r + 2]!, wp2 = wp[r + 2]!, v2 = v[r + 2]!;
      const vp3 = vp[r + 3]!, wp3 = wp[r + 3]!, v3 = v[r + 3]!;
      let acc0 = 0;
      let acc1 = 0;
      let acc2 = 0;
      let acc3 = 0;
      for (let c = s; c < r; c++) {
        const wc = wp[c]!;
        const vc = vp[c]!;
        const xc = v[c]!;
        const a0 = A[row0 + c]! - (vp0 * wc + wp0 * vc);
        const a1 = A[row1 + c]! - (vp1 * wc + wp1 * vc);
        const a2 = A[row2 + c]! - (vp2 * wc + wp2 * vc);
        const a3 = A[row3 + c]! - (vp3 * wc + wp3 * vc);
        A[row0 + c] = a0;
        A[row1 + c] = a1;
        A[row2 + c] = a2;
        A[row3 + c] = a3;
        acc0 += a0 * xc;
        acc1 += a1 * xc;
        acc2 += a2 * xc;
        acc3 += a3 * xc;
        p[c] = p[c]! + (a0 * v0 + a1 * v1 + (a2 * v2 + a3 * v3));
      }
      updateRowPart(A, N, r, r, acc0, vp, wp, v, p);
      updateRowPart(A, N, r + 1, r, acc1, vp, wp, v, p);
      updateRowPart(A, N, r + 2, r, acc2, vp, wp, v, p);
      updateRowPart(A, N, r + 3, r, acc3, vp, wp, v, p);
    }
    for (; r < N; r++) updateRowPart(A, N, r, s, 0, vp, wp, v, p);
    // New pending update: w = τp − (τ²/2)(pᵀv)v (zero when τ = 0).
    let pv = 0;
    for (let r = s; r < N; r++) pv += p[r]! * v[r]!;
    const K = 0.5 * tau * tau * pv;
    for (let r = s; r < N; r++) p[r] = tau * p[r]! - K * v[r]!;
    // Rotate buffers: (v, p) become the pending (vp, wp).
    const tv = vp;
    const tw = wp;
    vp = v;
    wp = p;
    v = tv;
    p = tw;
  }
  // Last 2×2 block, with the pending update applied.
  const k = N - 2;
  const i0 = k * N + k;
  const i1 = (k + 1) * N + k;
  const i2 = (k + 1) * N + k + 1;
  diag[k] = A[i0]! - 2 * vp[k]! * wp[k]!;
  off[k] = A[i1]! - (vp[k + 1]! * wp[k]! + wp[k + 1]! * vp[k]!);
  diag[k + 1] = A[i2]! - 2 * vp[k + 1]! * wp[k + 1]!;
}

/**
 * Row r of the fused pass, columns c0..r: A_rc ← A_rc − (vp_r wp_c + wp_r vp_c), and the
 * symmetric product p ← p + A·v restricted to those entries (acc = Σ A_rc v_c over the columns
 * before c0, already accumulated by the caller).
 */
function updateRowPart(A: Float64Array, N: number, r: number, c0: number, acc: number, vp: Float64Array, wp: Float64Array, v: Float64Array, p: Float64Array): void {
  const row = r * N;
  const vpr = vp[r]!;
  const wpr = wp[r]!;
  const vr = v[r]!;
  for (let c = c0; c < r; c++) {
    const a = A[row + c]! - (vpr * wp[c]! + wpr * vp[c]!);
    A[row + c] = a;
    acc += a * v[c]!;
    p[c] = p[c]! + a * vr;
  }
  const ad = A[row + r]! - 2 * vpr * wpr;
  A[row + r] = ad;
  p[r] = p[r]! + acc + ad * vr;
}

/**
 * Smallest eigenvalue of the symmetric tridiagonal matrix with diagonal diag[0..m) and
 * subdiagonal off[0..m−1), by bisection on Sturm counts from the Gershgorin interval until the
 * bracket is two adjacent doubles or narrower than 1e-30·‖T‖ (≤ ~170 halvings, each O(m)) — far
 * below the u‖T‖ that the data determine. Guarantee (up to the rounding in the counts, a relative
 * backward error of ~3u per entry): λ_min lies in the final bracket [lo, hi), and its midpoint is
 * returned. pivmin (LAPACK dlaebz) keeps every pivot ≥ pivmin in magnitude so no count overflows.
 * NaN if an entry is not finite.
 */
export function smallestEigenvalueTridiagonal(diag: Float64Array, off: Float64Array, m: number): number {
  if (m === 1) return diag[0]!;
  // Scale by a power of two (exact) so that max entry ∈ [1/2, 1): the squared off-diagonals in
  // the Sturm recurrence then neither overflow nor underflow to the detriment of accuracy.
  let maxAbs = 0;
  for (let i = 0; i < m; i++) maxAbs = Math.max(maxAbs, Math.abs(diag[i]!), i < m - 1 ? Math.abs(off[i]!) : 0);
  if (!Number.isFinite(maxAbs)) return NaN;
  if (maxAbs === 0) return 0;
  const scale = powerOfTwoScale(maxAbs);
  const d = new Float64Array(m);
  const e = new Float64Array(m - 1);
  for (let i = 0; i < m; i++) d[i] = diag[i]! * scale;
  for (let i = 0; i < m - 1; i++) e[i] = off[i]! * scale;
  const bracket = gershgorinBracket(d, e, m);
  let { lo, hi } = bracket;
  const { normT, pivmin } = bracket;
  const floor = 1e-30 * normT;
  // Invariant: count(lo) = 0 and count(hi) ≥ 1, count(x) = #eigenvalues < x.
  for (let it = 0; it < 2200 && hi - lo > floor; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (sturmCountBelow(d, e, m, mid, pivmin) >= 1) hi = mid;
    else lo = mid;
  }
  return (0.5 * (lo + hi)) / scale;
}

/**
 * Gershgorin interval [lo, hi] of the tridiagonal (diag, off), widened by a few ulps so that
 * rounding in its sums cannot exclude an eigenvalue; normT = max(|lo|, |hi|) before widening; the
 * pivot guard pivmin of the Sturm recurrence (LAPACK dlaebz).
 */
function gershgorinBracket(diag: Float64Array, off: Float64Array, m: number): { lo: number; hi: number; normT: number; pivmin: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let maxOff2 = 0;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(off[i - 1]!) : 0) + (i < m - 1 ? Math.abs(off[i]!) : 0);
    lo = Math.min(lo, diag[i]! - r);
    hi = Math.max(hi, diag[i]! + r);
    if (i < m - 1) maxOff2 = Math.max(maxOff2, off[i]! * off[i]!);
  }
  const normT = Math.max(Math.abs(lo), Math.abs(hi));
  const pad = 4 * Number.EPSILON * normT;
  return { lo: lo - pad, hi: hi + pad, normT, pivmin: 2.2250738585072014e-308 * Math.max(1, maxOff2) };
}

/** 2^−(e+1) with 2^e ≤ maxAbs < 2^(e+1), e clamped to ±1022 so the factor is finite and non-zero; x·scale is exact whenever the result is a normal double. */
function powerOfTwoScale(maxAbs: number): number {
  const exponent = Math.min(1022, Math.max(-1022, Math.floor(Math.log2(maxAbs))));
  return 2 ** -(exponent + 1);
}

/** Number of negative pivots of the LDLᵀ of T − xI (= #eigenvalues < x), pivots guarded by pivmin as in LAPACK dlaebz. */
function sturmCountBelow(diag: Float64Array, off: Float64Array, m: number, x: number, pivmin: number): number {
  let q = diag[0]! - x;
  if (Math.abs(q) <= pivmin) q = -pivmin;
  let count = q < 0 ? 1 : 0;
  for (let i = 1; i < m; i++) {
    const b = off[i - 1]!;
    q = diag[i]! - x - (b * b) / q;
    if (Math.abs(q) <= pivmin) q = -pivmin;
    if (q < 0) count++;
  }
  return count;
}

export interface LanczosResult {
  /** Smallest Ritz value at the end. */
  value: number;
  /** Residual bound |β_m y_m| = ‖H x − value·x‖ (x the unit Ritz vector, exact arithmetic). */
  residual: number;
  /** Matrix–vector products used. */
  iterations: number;
  /** residual ≤ tol·‖H‖ was reached (or an invariant subspace was found). */
  converged: boolean;
}

export interface LanczosOptions {
  /** Relative residual tolerance (default 1e-10): stop when residual ≤ tol·max|Ritz value|. */
  tol?: number;
  /** Krylov basis size before an explicit restart (default min(N, 300)). */
  basis?: number;
  /** Maximum number of restarts (default 30). */
  restarts?: number;
  /** Seed of the deterministic random start vector (default 1). */
  seed?: number;
}

/**
 * Smallest eigenvalue of a symmetric matrix by Lanczos with full reorthogonalisation (classical
 * Gram–Schmidt applied twice against the whole basis) and explicit restarts from the current
 * Ritz vector when the basis is full.
 *
 * Accuracy (what the result means): `value` is the smallest eigenvalue of the projection
 * QᵀHQ onto an orthonormal Krylov basis, so by Cauchy interlacing value ≥ λ_min(H) (up to
 * rounding of order N·u·‖H‖); and H has an eigenvalue within `residual` of `value` — within
 * residual²/gap when that eigenvalue is separated by `gap` from the rest of the spectrum. With
 * the default tol = 1e-10 the returned value is therefore within ~1e-10·‖H‖ of an eigenvalue.
 * It is the smallest one unless the random start vector is (numerically) orthogonal to its
 * eigenvector — a probability-zero event we do not guard against further. Cost per
 * iteration: one dense product (N²) plus 4·N·m for reorthogonalisation.
 */
export function lambdaMinLanczos(H: Float64Array, N: number, options: LanczosOptions = {}): LanczosResult {
  checkSquare(H, N);
  return lambdaMinLanczosOperator((x, out) => symv(H, N, x, out), N, options);
}

/**
 * lambdaMinLanczos for a symmetric operator given by its products: `apply(x, out)` sets
 * out = H·x (out never aliases x). Same algorithm, guarantees and cost besides the products.
 */
export function lambdaMinLanczosOperator(
  apply: (x: Float64Array, out: Float64Array) => void,
  N: number,
  options: LanczosOptions = {},
): LanczosResult {
  const tol = options.tol ?? 1e-10;
  const M = Math.max(2, Math.min(N, options.basis ?? 300));
  const maxRestarts = options.restarts ?? 30;
  const Q = new Float64Array(M * N);
  const w = new Float64Array(N);
  const h = new Float64Array(M);
  const alpha = new Float64Array(M);
  const beta = new Float64Array(M);
  const y = new Float64Array(M);
  const scratch = new Float64Array(4 * M);
  // Deterministic pseudo-random start vector (mulberry32).
  let state = (options.seed ?? 1) >>> 0;
  const q0 = Q.subarray(0, N);
  for (let t = 0; t < N; t++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = Math.imul(state ^ (state >>> 15), state | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    q0[t] = ((z ^ (z >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  normalize(q0);
  let iterations = 0;
  let value = NaN;
  let residual = Infinity;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    let m = 0; // basis size
    let converged = false;
    while (m < M) {
      const q = Q.subarray(m * N, (m + 1) * N);
      apply(q, w);
      iterations++;
      // Full reorthogonalisation against q_0..q_m (covers the three-term recurrence), twice.
      let a = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i <= m; i++) h[i] = dot(Q, i * N, w, N);
        for (let i = 0; i <= m; i++) axpy(-h[i]!, Q, i * N, w, N);
        a += h[m]!;
      }
      alpha[m] = a;
      const b = Math.sqrt(dot(w, 0, w, N));
      beta[m] = b;
      m++;
      const lastStep = m === M;
      if (m % 5 === 0 || lastStep || b === 0) {
        const { theta, last, normT } = smallestRitz(alpha, beta, m, y, scratch);
        value = theta;
        residual = b * Math.abs(last);
        if (residual <= tol * normT || b <= 1e-14 * normT) {
          converged = true;
          break;
        }
      }
      if (lastStep) break;
      if (b === 0) break;
      const next = Q.subarray(m * N, (m + 1) * N);
      for (let t = 0; t < N; t++) next[t] = w[t]! / b;
    }
    if (converged) return { value, residual, iterations, converged: true };
    // Restart from the Ritz vector x = Σ y_i q_i of the smallest Ritz value.
    w.fill(0);
    for (let i = 0; i < m; i++) axpy(y[i]!, Q, i * N, w, N);
    normalize(w);
    Q.set(w, 0);
  }
  return { value, residual, iterations, converged: false };
}

/**
 * Smallest eigenvalue θ of the m×m symmetric tridiagonal T (diagonal alpha, off-diagonal
 * beta[0..m−2]) by Sturm-count bisection, its unit eigenvector in y (inverse iteration), and
 * y's last component.
 */
function smallestRitz(alpha: Float64Array, beta: Float64Array, m: number, y: Float64Array, scratch: Float64Array): { theta: number; last: number; normT: number } {
  let normT = Number.MIN_VALUE;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < m - 1 ? Math.abs(beta[i]!) : 0);
    normT = Math.max(normT, Math.abs(alpha[i]!) + r);
  }
  const theta = smallestEigenvalueTridiagonal(alpha, beta, m);
  inverseIteration(alpha, beta, m, theta, normT, y, scratch);
  return { theta, last: y[m - 1]!, normT };
}

/** Two steps of inverse iteration for (T − θI) by Gaussian elimination with partial pivoting. */
function inverseIteration(alpha: Float64Array, beta: Float64Array, m: number, theta: number, normT: number, y: Float64Array, s: Float64Array): void {
  // Row i of the eliminated upper triangular factor: u0 (diagonal), u1, u2 (two superdiagonals).
  const u0 = s.subarray(0, m);
  const u1 = s.subarray(m, 2 * m);
  const u2 = s.subarray(2 * m, 3 * m);
  const mult = s.subarray(3 * m, 4 * m);
  const swapped: boolean[] = new Array(m).fill(false);
  const tiny = Number.EPSILON * normT;
  // Factorisation: current row i has entries (d, e, 0) at columns i, i+1, i+2.
  let d = alpha[0]! - theta;
  let e = m > 1 ? beta[0]! : 0;
  let f = 0;
  for (let i = 0; i < m - 1; i++) {
    const sub = beta[i]!; // row i+1: (sub, alpha[i+1] − θ, beta[i+1]) at columns i, i+1, i+2
    const nd = alpha[i + 1]! - theta;
    const ne = i + 1 < m - 1 ? beta[i + 1]! : 0;
    if (Math.abs(sub) > Math.abs(d)) {
      swapped[i] = true;
      u0[i] = sub;
      u1[i] = nd;
      u2[i] = ne;
      const l = d / sub;
      mult[i] = l;
      d = e - l * nd;
      e = f - l * ne;
      f = 0;
    } else {
      u0[i] = d === 0 ? tiny : d;
      u1[i] = e;
      u2[i] = f;
      const l = sub / u0[i]!;
      mult[i] = l;
      d = nd - l * e;
      e = ne - l * f;
      f = 0;
    }
  }
  u0[m - 1] = d === 0 || Math.abs(d) < tiny ? tiny : d;
  u1[m - 1] = 0;
  u2[m - 1] = 0;
  for (let i = 0; i < m; i++) y[i] = 1;
  for (let step = 0; step < 2; step++) {
    // Forward elimination on the right-hand side (same row swaps and multipliers).
    for (let i = 0; i < m - 1; i++) {
      if (swapped[i]) {
        const t = y[i]!;
        y[i] = y[i + 1]!;
        y[i + 1] = t;
      }
      y[i + 1] = y[i + 1]! - mult[i]! * y[i]!;
    }
    // Back substitution.
    for (let i = m - 1; i >= 0; i--) {
      let r = y[i]!;
      if (i + 1 < m) r -= u1[i]! * y[i + 1]!;
      if (i + 2 < m) r -= u2[i]! * y[i + 2]!;
      y[i] = r / u0[i]!;
    }
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm = Math.max(nrm, Math.abs(y[i]!));
    for (let i = 0; i < m; i++) y[i] = y[i]! / nrm;
  }
  let n2 = 0;
  for (let i = 0; i < m; i++) n2 += y[i]! * y[i]!;
  const inv = 1 / Math.sqrt(n2);
  for (let i = 0; i < m; i++) y[i] = y[i]! * inv;
}

/**
 * out = H·x reading only the lower triangle of H (half the memory traffic of a full product;
 * H is symmetric). Four rows per pass over the columns they share, so x and out are loaded once
 * for all four.
 */
function symv(H: Float64Array, N: number, x: Float64Array, out: Float64Array): void {
  out.fill(0);
  let r = 0;
  for (; r + 3 < N; r += 4) {
    const row0 = r * N;
    const row1 = row0 + N;
    const row2 = row1 + N;
    const row3 = row2 + N;
    const x0 = x[r]!;
    const x1 = x[r + 1]!;
    const x2 = x[r + 2]!;
    const x3 = x[r + 3]!;
    let acc0 = 0;
    let acc1 = 0;
    let acc2 = 0;
    let acc3 = 0;
    for (let c = 0; c < r; c++) {
      const h0 = H[row0 + c]!;
      const h1 = H[row1 + c]!;
      const h2 = H[row2 + c]!;
      const h3 = H[row3 + c]!;
      const xc = x[c]!;
      acc0 += h0 * xc;
      acc1 += h1 * xc;
      acc2 += h2 * xc;
      acc3 += h3 * xc;
      out[c] = out[c]! + (h0 * x0 + h1 * x1 + (h2 * x2 + h3 * x3));
    }
    out[r] = out[r]! + acc0;
    out[r + 1] = out[r + 1]! + acc1;
    out[r + 2] = out[r + 2]! + acc2;
    out[r + 3] = out[r + 3]! + acc3;
    symvRowPart(H, N, r, r, x, out);
    symvRowPart(H, N, r + 1, r, x, out);
    symvRowPart(H, N, r + 2, r, x, out);
    symvRowPart(H, N, r + 3, r, x, out);
  }
  for (; r < N; r++) symvRowPart(H, N, r, 0, x, out);
}

/** Row r of the lower-triangle product, columns c0..r: out_r += Σ H_rc x_c, out_c += H_rc x_r (c < r). */
function symvRowPart(H: Float64Array, N: number, r: number, c0: number, x: Float64Array, out: Float64Array): void {
  const row = r * N;
  const xr = x[r]!;
  let acc = 0;
  for (let c = c0; c < r; c++) {
    const h = H[row + c]!;
    acc += h * x[c]!;
    out[c] = out[c]! + h * xr;
  }
  out[r] = out[r]! + acc + H[row + r]! * xr;
}

function dot(x: Float64Array, ox: number, y: Float64Array, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += x[ox + t]! * y[t]!;
    s1 += x[ox + t + 1]! * y[t + 1]!;
    s2 += x[ox + t + 2]! * y[t + 2]!;
    s3 += x[ox + t + 3]! * y[t + 3]!;
  }
  for (; t < len; t++) s0 += x[ox + t]! * y[t]!;
  return s0 + s1 + (s2 + s3);
}

/** y += c·x[ox .. ox+len) */
function axpy(c: number, x: Float64Array, ox: number, y: Float64Array, len: number): void {
  for (let t = 0; t < len; t++) y[t] = y[t]! + c * x[ox + t]!;
}

function normalize(x: Float64Array): void {
  const inv = 1 / Math.sqrt(dot(x, 0, x, x.length));
  for (let t = 0; t < x.length; t++) x[t] = x[t]! * inv;
}

function allFinite(H: Float64Array): boolean {
  for (let t = 0; t < H.length; t++) if (!Number.isFinite(H[t]!)) return false;
  return true;
}

function checkSquare(H: Float64Array, N: number): void {
  if (!Number.isInteger(N) || N < 1 || H.length !== N * N) {
    throw new RangeError(`expected a ${N}×${N} matrix (length ${N * N}), got length ${H.length}`);
  }
}
