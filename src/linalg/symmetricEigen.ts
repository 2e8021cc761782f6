/**
 * Full spectrum of a small dense symmetric matrix in Float64 (ml-matrix's symmetric eigensolver:
 * Householder tridiagonalisation + QL). NOT rigorous: screening and refinement only.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Eigenvalues (ascending) and unit eigenvectors (columns of `vectors`, row-major N×N) of a symmetric matrix. */
export function symmetricEigen(H: Float64Array, N: number): { values: Float64Array; vectors: Float64Array } {
  const m = new Matrix(N, N);
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) m.set(r, c, H[r * N + c]!);
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const raw = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const order = raw.map((_, e) => e).sort((p, q) => raw[p]! - raw[q]!);
  const values = Float64Array.from(order, (e) => raw[e]!);
  const vectors = new Float64Array(N * N);
  order.forEach((e, col) => {
    for (let r = 0; r < N; r++) vectors[r * N + col] = V.get(r, e);
  });
  return { values, vectors };
}

/** Eigenvalues of a symmetric N×N row-major matrix, ascending. */
export function symmetricEigenvalues(H: Float64Array, N: number): Float64Array {
  return symmetricEigen(H, N).values;
}
