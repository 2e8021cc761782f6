/**
 * Float64 screening of a finite-data point (NOT a proof): loss, gradient norm, Hessian spectrum
 * and a provisional class. Only certify (phase 2) turns a class into a theorem.
 *
 * Coordinates of the spectrum: θ for the sigmoid; for ReLU the reduced coordinates u_i = |a_i| w_i
 * (gridFloat.ts), because the rescaling orbits make ∇²_θ L singular at every critical point.
 * On an activation pattern L̂ is a convex quadratic, so a ReLU point has no negative eigenvalue;
 * a ReLU point with a data point on a kink, or with a degenerate neuron (zero outgoing or incoming
 * weights, never active), is 'degenerate' with the reason in `note` (decided exactly).
 */
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { DegenerateNeuronError, KinkCrossingError } from './gridDomainError.js';
import { embeddingOf, type Embedding, type EmbeddingOptions } from './gridEmbedding.js';
import type { FiniteDataProblem } from './gridData.js';
import {
  type GridFloatProblem,
  gridGradientFloat,
  gridHessianFloat,
  reducedReluCoordinates,
  reducedReluHessianFloat,
} from './gridFloat.js';
import { reluPatternOnBox } from './gridReluReduced.js';
import { symmetricEigenvalues } from '../linalg/symmetricEigen.js';

export type GridFloatClass = 'global-candidate' | 'minimum-candidate' | 'saddle-candidate' | 'degenerate' | 'not-converged';

export interface GridClassifyOptions extends EmbeddingOptions {
  /** Loss below which a point is a 'global-candidate' (float evidence only; default 1e-10). */
  globalThreshold?: number;
  /** Euclidean gradient norm above which a point is 'not-converged' (default 1e-8). */
  gradTol?: number;
  /** Eigenvalues with |λ| ≤ eigTol·max_k |λ_k| count as zero (default 1e-9). */
  eigTol?: number;
}

export interface GridPointSummary {
  activation: 'sigmoid' | 'relu';
  n: number;
  P: number;
  loss: number;
  /** Euclidean norm of ∇_θ L. */
  gradNorm: number;
  /** Spectrum coordinates: 'theta' (sigmoid) or 'reduced-u' (ReLU). */
  coordinates: 'theta' | 'reduced-u';
  lambdaMin: number;
  lambdaMax: number;
  negativeEigenvalues: number;
  zeroEigenvalues: number;
  classification: GridFloatClass;
  /** Morse index (number of negative eigenvalues) of a saddle candidate. */
  index?: number;
  /** Why a point is degenerate (ReLU kink or degenerate neuron), when not from the spectrum. */
  note?: string;
  /** Float evidence of an embedding of a smaller network (present when level > 0). */
  embedding?: Embedding;
}

const DEFAULTS = { globalThreshold: 1e-10, gradTol: 1e-8, eigTol: 1e-9 };

/** Counts of negative and zero eigenvalues with the relative tolerance. */
export function inertia(values: ArrayLike<number>, eigTol: number): { negative: number; zero: number; min: number; max: number } {
  let scale = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    scale = Math.max(scale, Math.abs(values[k]!));
    min = Math.min(min, values[k]!);
    max = Math.max(max, values[k]!);
  }
  const tol = eigTol * scale;
  let negative = 0;
  let zero = 0;
  for (let k = 0; k < values.length; k++) {
    if (Math.abs(values[k]!) <= tol) zero++;
    else if (values[k]! < 0) negative++;
  }
  return { negative, zero, min, max };
}

/** The exact decimal form of a double point θ (for the exact ReLU pattern check). */
function reducedExact(theta: Float64Array, d: number, n: number): { s: number[]; U: string[][] } {
  const { u, s } = reducedReluCoordinates(theta, d, n);
  // u_ic = |a_i|·w_ic is rounded in floating point; the check is on the decimal point whose
  // coordinates are these doubles, which is the point this float screening describes.
  const U: string[][] = [];
  for (let c = 0; c < d; c++) U.push(Array.from({ length: n }, (_, i) => exactDecimalOfDouble(u[i * d + c]!)));
  return { s: Array.from(s), U };
}

/**
 * Classification, in this order: loss < globalThreshold → 'global-candidate'; gradNorm > gradTol →
 * 'not-converged'; ReLU kink or degenerate neuron → 'degenerate' (note); a negative eigenvalue →
 * 'saddle-candidate' (index = their number); a zero eigenvalue → 'degenerate'; else
 * 'minimum-candidate'. The spectrum and the embedding are computed for every point.
 */
export function summarizeGridPoint(
  problem: FiniteDataProblem,
  fp: GridFloatProblem,
  theta: Float64Array,
  opts: GridClassifyOptions = {},
): GridPointSummary {
  const { globalThreshold, gradTol, eigTol } = { ...DEFAULTS, ...opts };
  const { d, n, P, activation } = fp;
  const g = new Float64Array(theta.length);
  const loss = gridGradientFloat(fp, theta, g);
  let g2 = 0;
  for (const x of g) g2 += x * x;
  const gradNorm = Math.sqrt(g2);
  let values: Float64Array;
  let coordinates: GridPointSummary['coordinates'];
  let note: string | undefined;
  if (activation === 'relu') {
    coordinates = 'reduced-u';
    const { u, s } = reducedReluCoordinates(theta, d, n);
    values = symmetricEigenvalues(reducedReluHessianFloat(fp, u, s), n * d);
    try {
      reluPatternOnBox(problem, reducedExact(theta, d, n), '0');
    } catch (e) {
      if (!(e instanceof KinkCrossingError || e instanceof DegenerateNeuronError)) throw e;
      note = e.message;
    }
  } else {
    coordinates = 'theta';
    values = symmetricEigenvalues(gridHessianFloat(fp, theta), n * (d + 1));
  }
  const spec = inertia(values, eigTol);
  let classification: GridFloatClass;
  if (loss < globalThreshold) classification = 'global-candidate';
  else if (!(gradNorm <= gradTol)) classification = 'not-converged';
  else if (note !== undefined) classification = 'degenerate';
  else if (spec.negative > 0) classification = 'saddle-candidate';
  else if (spec.zero > 0) classification = 'degenerate';
  else classification = 'minimum-candidate';
  const out: GridPointSummary = {
    activation,
    n,
    P,
    loss,
    gradNorm,
    coordinates,
    lambdaMin: spec.min,
    lambdaMax: spec.max,
    negativeEigenvalues: spec.negative,
    zeroEigenvalues: spec.zero,
    classification,
  };
  if (classification === 'saddle-candidate') out.index = spec.negative;
  if (note !== undefined) out.note = note;
  const emb = embeddingOf(fp, theta, opts);
  if (emb.level > 0) out.embedding = emb;
  return out;
}
