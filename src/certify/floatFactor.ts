/**
 * Float64 factorisation of a symmetric matrix for Newton polishing and for a float estimate of
 * its smallest eigenvalue. NOT rigorous: these numbers only choose where and with which μ the
 * rigorous pipeline looks; every claim is then proved independently (interval Hessian + Rump).
 *
 * Cholesky (LLᵀ) when the matrix is positive definite in floating point; otherwise a plain
 * LDLᵀ without pivoting (adequate for polishing a nondegenerate saddle: Newton's step is
 * checked by the decrease of the decimal gradient norm anyway).
 */
import { choleskyLowerInPlace } from '../linalg/rumpCholesky.js';

export class SymmetricFactor {
  private constructor(
    readonly N: number,
    /** 'cholesky': lower triangle holds L (H = LLᵀ); 'ldlt': unit-lower L with D on the diagonal. */
    readonly kind: 'cholesky' | 'ldlt',
    private readonly f: Float64Array,
    /** The first Cholesky pivot that was not positive (kind 'ldlt' only). */
    readonly choleskyFailedPivot: number,
  ) {}

  /** The factorisation of the symmetric N×N row-major H, or undefined if even LDLᵀ breaks down. */
  static of(H: Float64Array, N: number): SymmetricFactor | undefined {
    const work = H.slice(0, N * N);
    const failed = choleskyLowerInPlace(work, N);
    if (failed < 0) return new SymmetricFactor(N, 'cholesky', work, -1);
    const ldl = H.slice(0, N * N);
    if (!ldltInPlace(ldl, N)) return undefined;
    return new SymmetricFactor(N, 'ldlt', ldl, failed);
  }

  /** True when the float Cholesky factorisation succeeded (H numerically positive definite). */
  get positiveDefinite(): boolean {
    return this.kind === 'cholesky';
  }

  /** Solves H x = b; `out` may alias nothing else; returns out. */
  solve(b: Float64Array, out: Float64Array = new Float64Array(this.N)): Float64Array {
    const { N, f } = this;
    out.set(b.subarray(0, N));
    // Forward: L y = b (row access).
    for (let j = 0; j < N; j++) {
      const r = j * N;
      let s = out[j]!;
      for (let i = 0; i < j; i++) s -= f[r + i]! * out[i]!;
      out[j] = this.kind === 'cholesky' ? s / f[r + j]! : s;
    }
    if (this.kind === 'ldlt') for (let j = 0; j < N; j++) out[j] = out[j]! / f[j * N + j]!;
    // Backward: Lᵀ x = y, column-oriented so that L is read by rows.
    for (let j = N - 1; j >= 0; j--) {
      const r = j * N;
      const xj = this.kind === 'cholesky' ? out[j]! / f[r + j]! : out[j]!;
      out[j] = xj;
      for (let i = 0; i < j; i++) out[i] = out[i]! - f[r + i]! * xj;
    }
    return out;
  }
}

/**
 * In-place LDLᵀ without pivoting of the lower triangle: afterwards work[j*N+i] = L_ji (i < j),
 * work[i*N+i] = D_i. False when a pivot is zero or not finite.
 */
function ldltInPlace(work: Float64Array, N: number): boolean {
  const tmp = new Float64Array(N); // tmp[k] = L_ik · D_k for the current row i
  for (let i = 0; i < N; i++) {
    const ri = i * N;
    for (let k = 0; k < i; k++) tmp[k] = work[ri + k]! * work[k * N + k]!;
    let dii = work[ri + i]!;
    for (let k = 0; k < i; k++) dii -= work[ri + k]! * tmp[k]!;
    if (!(Math.abs(dii) > 0) || !Number.isFinite(dii)) return false;
    work[ri + i] = dii;
    // Row i of L is complete; now update column i of later rows: L_ji = (A_ji − Σ_k L_jk D_k L_ik)/D_i.
    for (let j = i + 1; j < N; j++) {
      const rj = j * N;
      let s = work[rj + i]!;
      for (let k = 0; k < i; k++) s -= work[rj + k]! * tmp[k]!;
      work[rj + i] = s / dii;
    }
  }
  return true;
}

/**
 * Float estimate of the smallest eigenvalue of a positive definite H from its Cholesky factor:
 * inverse iteration with the Rayleigh quotient (always ≥ λ_min for the exact iterate; it
 * converges to λ_min from above). Deterministic start vector. Not rigorous (a guess for μ).
 */
export function smallestEigenvalueByInverseIteration(
  H: Float64Array,
  factor: SymmetricFactor,
  maxIterations = 300,
  relTol = 1e-7,
): number {
  const N = factor.N;
  let x = new Float64Array(N);
  // A fixed, non-special start vector (no symmetry with the problem's structure).
  for (let i = 0; i < N; i++) x[i] = (((i + 1) * 2654435761) % 1000003) / 1000003 - 0.5;
  normalise(x);
  let y = new Float64Array(N);
  let lambda = Infinity;
  for (let it = 0; it < maxIterations; it++) {
    factor.solve(x, y);
    // Rayleigh quotient of y: yᵀHy / yᵀy = yᵀx / yᵀy (since Hy = x).
    let yx = 0;
    let yy = 0;
    for (let i = 0; i < N; i++) {
      yx += y[i]! * x[i]!;
      yy += y[i]! * y[i]!;
    }
    const next = yx / yy;
    const tmp = x;
    x = y;
    y = tmp;
    normalise(x);
    if (Math.abs(next - lambda) <= relTol * Math.abs(next)) return next;
    lambda = next;
  }
  // Final Rayleigh quotient with the matrix itself (robust even if not fully converged).
  return rayleigh(H, x, N);
}

function normalise(x: Float64Array): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * inv;
}

function rayleigh(H: Float64Array, x: Float64Array, N: number): number {
  let num = 0;
  for (let i = 0; i < N; i++) {
    let s = 0;
    const r = i * N;
    for (let j = 0; j < N; j++) s += H[r + j]! * x[j]!;
    num += x[i]! * s;
  }
  return num;
}
