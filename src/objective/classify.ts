/**
 * Float64 screening of a point (NOT a proof): loss, gradient norms, smallest Hessian
 * eigenvalue and a provisional class. Only `certify` turns a 'minimum-candidate' into a
 * theorem; a 'saddle-candidate' (λ_min ≤ 0 in floating point) is never certified as a minimum.
 */
import { lambdaMinFloat } from '../linalg/floatEigen.js';
import { NonSmoothPointError, gradientFloat, hessianFloat, perNeuronGradientNorms, type ReluProblem } from './reluFloat.js';

export type FloatClass = 'near-global' | 'minimum-candidate' | 'saddle-candidate' | 'not-converged';

export interface PointSummary {
  d: number;
  n: number;
  k: number;
  loss: number;
  /** Frobenius norm of ∇F. */
  gradNorm: number;
  /** Largest per-neuron gradient norm max_i |∇_{w_i}F|. */
  gradNormMaxNeuron: number;
  /** Float smallest eigenvalue of ∇²F; NaN when the Float64 Hessian cannot be formed (zero or tiny neuron). */
  lambdaMin: number;
  classification: FloatClass;
  /** Present when lambdaMin is NaN: why the Hessian is undefined. */
  note?: string;
}

export interface ClassifyOptions {
  /** Loss below which a point counts as (near) global; default 1e-3 (Safran & Shamir 2018). */
  globalThreshold?: number;
  /** Frobenius gradient norm above which a point is 'not-converged'; default 1e-6. */
  gradTol?: number;
}

/**
 * Classification, in this order: loss < globalThreshold → 'near-global'; gradNorm > gradTol →
 * 'not-converged'; Hessian undefined (a zero neuron) or not representable in Float64 (a neuron
 * too small for Float64) → 'not-converged' with a note naming the neurons; λ_min ≤ 0 →
 * 'saddle-candidate'; otherwise 'minimum-candidate'. λ_min is always computed (it is displayed
 * for every class). Points that overflow Float64 are refused before (checkFloatRange).
 */
export function summarizePoint(p: ReluProblem, w: Float64Array, opts: ClassifyOptions = {}): PointSummary {
  const { d, n, k } = p;
  const g = new Float64Array(n * d);
  const loss = gradientFloat(p, w, g);
  let g2 = 0;
  for (let t = 0; t < g.length; t++) g2 += g[t]! * g[t]!;
  const gradNorm = Math.sqrt(g2);
  let gradNormMaxNeuron = 0;
  for (const x of perNeuronGradientNorms(g, d, n)) gradNormMaxNeuron = Math.max(gradNormMaxNeuron, x);
  let lambdaMin = NaN;
  let note: string | undefined;
  try {
    lambdaMin = lambdaMinFloat(hessianFloat(p, w), n * d);
  } catch (e) {
    if (!(e instanceof NonSmoothPointError)) throw e;
    note = e.message;
  }
  const classification = classifyFloat(loss, gradNorm, lambdaMin, opts);
  const summary: PointSummary = { d, n, k, loss, gradNorm, gradNormMaxNeuron, lambdaMin, classification };
  if (note !== undefined) summary.note = note;
  return summary;
}

/** The classification rule of summarizePoint from the float loss, gradient norm and λ_min (NaN: Hessian undefined). */
export function classifyFloat(loss: number, gradNorm: number, lambdaMin: number, opts: ClassifyOptions = {}): FloatClass {
  const globalThreshold = opts.globalThreshold ?? 1e-3;
  const gradTol = opts.gradTol ?? 1e-6;
  if (loss < globalThreshold) return 'near-global';
  if (!(gradNorm <= gradTol)) return 'not-converged';
  if (Number.isNaN(lambdaMin)) return 'not-converged';
  if (lambdaMin <= 0) return 'saddle-candidate';
  return 'minimum-candidate';
}
