/**
 * Float64 eigen-decomposition of a symmetric matrix with eigenvectors, and the float inverse
 * built from it. NOT rigorous: these only supply the matrices X (approximate eigenvectors) and
 * Y (approximate inverse) that the saddle proofs use; both proofs hold for ANY double matrices
 * X and Y, and the rounding errors of everything computed from them are bounded separately.
 *
 * ml-matrix's EigenvalueDecomposition (Householder tridiagonalisation + implicit QL, the JAMA
 * tred2/tql2 algorithms) is used: O(N³), ≈ 0.3 s at N = 400.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { matMulFloat, transposeFloat } from './floatProductBounds.js';

export interface FloatEigen {
  N: number;
  /** Eigenvalues in increasing order. */
  values: Float64Array;
  /** N×N row-major; column j (entries vectors[r·N + j]) is a unit eigenvector for values[j]. */
  vectors: Float64Array;
}

/** Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric N×N row-major H (lower triangle mirrored). */
export function floatSymmetricEigen(H: Float64Array, N: number): FloatEigen {
  if (H.length < N * N) throw new RangeError(`floatSymmetricEigen: ${H.length} entries for order ${N}`);
  const A = new Matrix(N, N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j <= i; j++) {
      const v = H[i * N + j]!;
      A.set(i, j, v);
      A.set(j, i, v);
    }
  }
  const evd = new EigenvalueDecomposition(A, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = raw.map((_, j) => j).sort((a, b) => raw[a]! - raw[b]!);
  const values = new Float64Array(N);
  const vectors = new Float64Array(N * N);
  order.forEach((src, j) => {
    values[j] = raw[src]!;
    for (let r = 0; r < N; r++) vectors[r * N + j] = V.get(r, src);
  });
  return { N, values, vectors };
}

/**
 * Y = X·diag(1/λ)·Xᵀ, a float approximate inverse of the matrix decomposed in `eig` (which must
 * have no zero eigenvalue). Any Y serves the existence test; this one costs one N³ product.
 */
export function floatInverseFromEigen(eig: FloatEigen): Float64Array {
  const { N, values, vectors } = eig;
  const scaled = new Float64Array(N * N); // X·diag(1/λ)
  for (let r = 0; r < N; r++) for (let j = 0; j < N; j++) scaled[r * N + j] = vectors[r * N + j]! / values[j]!;
  return matMulFloat(scaled, transposeFloat(vectors, N, N), N, N, N);
}
