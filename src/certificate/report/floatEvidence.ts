/**
 * Float evidence a report computes itself (informative, never part of a claim): the Hessian
 * spectrum at the certificate's centre, from the Float64 Hessian (reluFloat.ts) and the dense
 * eigenvalue solver (floatEigen.ts). Accurate to ~N·u·‖H‖ in each eigenvalue, not proved.
 */
import { floatPointOf, floatProblemOf } from '../../certify/polish.js';
import { eigenvaluesDense } from '../../linalg/floatEigen.js';
import { hessianFloat } from '../../objective/reluFloat.js';
import { summarizeCompact } from '../../symmetric/compactSummary.js';
import { teacherMatrixOf, type Certificate } from '../schema.js';

/** Largest order for which a report computes the full spectrum (N³ work: ≈ 0.1 s at N = 441). */
export const SPECTRUM_MAX_ORDER = 1600;

/** Ascending float eigenvalues of ∇²F at the centre W̃, or undefined above SPECTRUM_MAX_ORDER or off the smooth domain. */
export function centreSpectrum(c: Certificate): Float64Array | undefined {
  const { d, n, k } = c.problem;
  const N = n * d;
  if (N > SPECTRUM_MAX_ORDER) return undefined;
  if ('compact' in c.point) return undefined; // compact centres: compactCentreBlockSpectrum (any k)
  const pt = { d, n, k, W: c.point.W, V: teacherMatrixOf(c.problem) };
  try {
    return eigenvaluesDense(hessianFloat(floatProblemOf(pt), floatPointOf(pt)), N);
  } catch {
    return undefined; // a zero neuron at the centre: no Hessian to show
  }
}

/**
 * The distinct float eigenvalues of a compact centre's Hessian with their multiplicities and
 * isotypic types (compactSummary.ts; any k), or undefined when the centre is outside Ω.
 */
export function compactCentreBlockSpectrum(c: Certificate): { value: number; multiplicity: string; type: string }[] | undefined {
  if (!('compact' in c.point)) return undefined;
  const entries = summarizeCompact(c.point.compact).spectrum;
  return entries.length > 0 ? entries.map((e) => ({ value: e.value, multiplicity: e.multiplicity, type: e.type })) : undefined;
}

/** Groups ascending values into clusters closer than tol (float multiplicities, informative). */
export function clusterEigenvalues(values: Float64Array, tol: number): { value: number; multiplicity: number }[] {
  const out: { value: number; multiplicity: number }[] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i === values.length || values[i]! - values[i - 1]! > tol) {
      let s = 0;
      for (let j = start; j < i; j++) s += values[j]!;
      out.push({ value: s / (i - start), multiplicity: i - start });
      start = i;
    }
  }
  return out;
}
