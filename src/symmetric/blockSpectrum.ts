/**
 * The float spectrum of the Hessian at a compact-form point from its isotypic blocks (DESIGN.md
 * §9): on the component of each type the Hessian acts as the generalised eigenproblem (B, Γ)
 * (isotypic.ts), so the spectrum of the k²×k² Hessian is the union of the blocks' generalised
 * eigenvalues, each repeated `dimension` times — at any k, from matrices of order ≤ 2m + 1
 * (≤ m² + m for the trivial type). Float evidence only (screening, `inspect`); the proof is
 * proveHessianBlocks.ts.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { ExactCompactPoint } from './compactPoint.js';
import { HessianOrbits } from './group.js';
import { blockMatrixFloat, dimensionCheck, isotypicBlocks, type IsotypicBlock, type IsotypicType } from './isotypic.js';
import { orbitHessianEnclosure } from './orbitHessian.js';

export interface TypeSpectrum extends IsotypicType {
  /** Generalised eigenvalues of (B, Γ), ascending; each occurs `dimension` times in the Hessian. */
  eigenvalues: number[];
}

/** Generalised eigenvalues of (B, Γ), Γ symmetric positive definite: eig(L⁻¹ B L⁻ᵀ), Γ = LLᵀ. */
export function generalisedEigenvalues(B: number[][], gram: number[][]): number[] {
  const chol = new CholeskyDecomposition(new Matrix(gram));
  if (!chol.isPositiveDefinite()) throw new Error('internal: Gram matrix not positive definite in floating point');
  const L = chol.lowerTriangularMatrix;
  const n = B.length;
  // Y = L⁻¹ B (forward substitution per column), then C = L⁻¹ Yᵀ (B symmetric ⇒ C = L⁻¹ B L⁻ᵀ).
  const solveLower = (rhs: number[]): number[] => {
    const x = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = rhs[i]!;
      for (let j = 0; j < i; j++) s -= L.get(i, j) * x[j]!;
      x[i] = s / L.get(i, i);
    }
    return x;
  };
  const Y = Array.from({ length: n }, (_, c) => solveLower(B.map((row) => row[c]!))); // Y[c] = column c of L⁻¹B
  const C = Array.from({ length: n }, (_, c) => solveLower(Y.map((col) => col[c]!)));
  const Cs = C.map((row, i) => row.map((x, j) => (x + C[j]![i]!) / 2));
  return new EigenvalueDecomposition(new Matrix(Cs), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
}

/** The spectra of the blocks for orbit values given as doubles. */
export function blockSpectra(blocks: readonly IsotypicBlock[], values: ArrayLike<number>): TypeSpectrum[] {
  return blocks.map((b) => ({
    kind: b.kind,
    blocks: b.blocks,
    label: b.label,
    dimension: b.dimension,
    multiplicity: b.copies.length,
    eigenvalues: generalisedEigenvalues(blockMatrixFloat(b, values), b.gram.map((row) => row.map(Number))),
  }));
}

export interface BlockSpectrum {
  types: TypeSpectrum[];
  /** The smallest eigenvalue of the Hessian (float). */
  lambdaMin: number;
  /** Σ dimension × multiplicity = k² (the blocks account for the whole space). */
  dimensionCheck: { sum: string; kSquared: string; ok: boolean };
}

/**
 * The float spectrum of ∇²F at a compact point, with multiplicities: midpoints of the orbit
 * Hessian at ρ = 0 (decimal, `precision` digits) → the blocks' generalised eigenvalues.
 * Throws SmoothDomainError when the point is not proved to lie in Ω.
 */
export function blockSpectrumFloat(
  pt: ExactCompactPoint,
  opts: { precision?: number; orbits?: HessianOrbits; blocks?: IsotypicBlock[] } = {},
): BlockSpectrum {
  const orbits = opts.orbits ?? new HessianOrbits(pt.p);
  const blocks = opts.blocks ?? isotypicBlocks(orbits);
  const values = orbitHessianEnclosure(pt, '0', { precision: opts.precision, orbits }).midpoints();
  const types = blockSpectra(blocks, values);
  const k = orbits.k;
  return {
    types,
    lambdaMin: Math.min(...types.map((t) => t.eigenvalues[0]!)),
    dimensionCheck: dimensionCheck(types, k),
  };
}
