/**
 * Float64 estimates of the smallest eigenvalue of a symmetric matrix (row-major N×N). NOT
 * rigorous: these numbers only choose parameters (certify proves μ with Rump's criterion) and
 * screen candidates (inspect, search).
 *
 * - N ≤ DENSE_MAX_N: ml-matrix's symmetric EigenvalueDecomposition (Householder tridiagonalisation
 *   + implicit QL, as in JAMA/EISPACK tred2/tql2): backward stable, so the result is within a
 *   small multiple of N·u·‖H‖₂ of the exact smallest eigenvalue (u = 2⁻⁵³).
 * - N > DENSE_MAX_N: Lanczos with full reorthogonalisation (see lambdaMinLanczos).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { hessianFloat, type ReluProblem } from '../objective/reluFloat.js';

/** Largest order handled by the dense solver (ml-matrix needs ~0.5 s at N = 400, ~2 s at 600). */
export const DENSE_MAX_N = 600;

/** Smallest eigenvalue of the symmetric N×N row-major matrix H (only the values matter; H is not modified). */
export function lambdaMinFloat(H: Float64Array, N: number): number {
  checkSquare(H, N);
  if (N <= DENSE_MAX_N) return lambdaMinDense(H, N);
  return lambdaMinLanczos(H, N).value;
}

/** Smallest eigenvalue of ∇²F at w (builds the Hessian). Throws NonSmoothPointError at zero neurons. */
export function lambdaMinOfPoint(p: ReluProblem, w: Float64Array): number {
  return lambdaMinFloat(hessianFloat(p, w), p.n * p.d);
}

/** All eigenvalues by ml-matrix (assumeSymmetric), minimum returned. */
export function lambdaMinDense(H: Float64Array, N: number): number {
  checkSquare(H, N);
  const rows: number[][] = new Array(N);
  for (let r = 0; r < N; r++) rows[r] = Array.from(H.subarray(r * N, r * N + N));
  const values = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues;
  let min = Infinity;
  for (const x of values) if (x < min) min = x;
  return min;
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
      symv(H, N, q, w);
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
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < m - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
  }
  const normT = Math.max(Math.abs(lo), Math.abs(hi), Number.MIN_VALUE);
  // Bisection: keep count(lo) = 0 and count(hi) ≥ 1, where count(x) = #eigenvalues < x.
  let a = lo;
  let b = hi;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (a + b);
    if (mid <= a || mid >= b) break;
    if (sturmCount(alpha, beta, m, mid) >= 1) b = mid;
    else a = mid;
  }
  const theta = 0.5 * (a + b);
  inverseIteration(alpha, beta, m, theta, normT, y, scratch);
  return { theta, last: y[m - 1]!, normT };
}

/** Number of eigenvalues of T smaller than x (negative pivots of the LDLᵀ of T − xI). */
function sturmCount(alpha: Float64Array, beta: Float64Array, m: number, x: number): number {
  let count = 0;
  let dPrev = 1;
  for (let i = 0; i < m; i++) {
    const b2 = i > 0 ? beta[i - 1]! * beta[i - 1]! : 0;
    let di = alpha[i]! - x - b2 / dPrev;
    if (di === 0) di = -Number.EPSILON * (Math.abs(x) + Math.abs(alpha[i]!) + Number.MIN_VALUE);
    if (di < 0) count++;
    dPrev = di;
  }
  return count;
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

function symv(H: Float64Array, N: number, x: Float64Array, out: Float64Array): void {
  for (let r = 0; r < N; r++) out[r] = dot(H, r * N, x, N);
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

function checkSquare(H: Float64Array, N: number): void {
  if (!Number.isInteger(N) || N < 1 || H.length !== N * N) {
    throw new RangeError(`expected a ${N}×${N} matrix (length ${N * N}), got length ${H.length}`);
  }
}
