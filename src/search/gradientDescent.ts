import { gradientFloat, type ReluProblem } from '../objective/reluFloat.js';
import type { TolNorm } from './presets.js';

/** Why a descent stopped. */
export type StopReason = 'tolerance' | 'below-loss' | 'max-iters' | 'non-finite' | 'diverged';

export interface DescentOptions {
  step: number;
  tol: number;
  tolNorm: TolNorm;
  maxIters: number;
  /**
   * When set, stop as soon as the loss is below this value (stop reason 'below-loss'). Used by
   * `search --stop-below-threshold`: gradient descent with a step below 2/L does not increase the
   * loss, so a run whose loss has fallen below the spurious threshold cannot end at a spurious or
   * saddle candidate, and following it to the gradient tolerance only costs time.
   */
  stopBelowLoss?: number;
}

export interface DescentResult {
  /** Number of gradient steps taken. */
  iterations: number;
  /** Loss at the final point. */
  loss: number;
  /** Frobenius norm of the gradient at the final point. */
  gradNorm: number;
  /** Largest per-neuron gradient norm max_i |∇_{w_i} F| at the final point. */
  gradNormMaxNeuron: number;
  stop: StopReason;
}

/**
 * A gradient norm above this means the iteration has left every basin (the published MATLAB code
 * uses the same bound to detect divergence; it then restarts with half the step, here the run just
 * ends as not converged).
 */
export const DIVERGENCE_GRAD_NORM = 1e4;

/**
 * Plain gradient descent W ← W − step·∇F(W) in place on `w` (neuron-major, length n·d), exactly as
 * the presets prescribe: the gradient is evaluated at the current point, the stopping test
 * (gradient norm as `tolNorm` says ≤ tol) is checked every iteration before the step, and at most
 * `maxIters` steps are taken. `g` is scratch of length n·d (allocated once by the caller for reuse).
 * Non-finite values (e.g. a neuron that reached exactly zero) or a gradient norm above
 * DIVERGENCE_GRAD_NORM stop the descent instead of crashing.
 */
export function gradientDescent(
  p: ReluProblem,
  w: Float64Array,
  opts: DescentOptions,
  g: Float64Array = new Float64Array(w.length),
): DescentResult {
  const { d, n } = p;
  const len = n * d;
  const step = opts.step;
  const perNeuron = opts.tolNorm === 'per-neuron';
  const stopBelowLoss = opts.stopBelowLoss;
  // Compare squared norms to avoid square roots in the loop.
  const tol2 = opts.tol * opts.tol;
  const div2 = DIVERGENCE_GRAD_NORM * DIVERGENCE_GRAD_NORM;
  let iterations = 0;
  let loss = NaN;
  let frob2 = NaN;
  let max2 = NaN;
  let stop: StopReason;
  for (;;) {
    loss = gradientFloat(p, w, g);
    frob2 = 0;
    max2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * d;
      for (let a = 0; a < d; a++) {
        const x = g[base + a]!;
        s += x * x;
      }
      frob2 += s;
      if (s > max2) max2 = s;
    }
    if (!(frob2 < Infinity) || !Number.isFinite(loss)) {
      stop = 'non-finite';
      break;
    }
    if ((perNeuron ? max2 : frob2) <= tol2) {
      stop = 'tolerance';
      break;
    }
    if (stopBelowLoss !== undefined && loss < stopBelowLoss) {
      stop = 'below-loss';
      break;
    }
    if (frob2 > div2) {
      stop = 'diverged';
      break;
    }
    if (iterations >= opts.maxIters) {
      stop = 'max-iters';
      break;
    }
    for (let j = 0; j < len; j++) w[j] = w[j]! - step * g[j]!;
    iterations++;
  }
  return { iterations, loss, gradNorm: Math.sqrt(frob2), gradNormMaxNeuron: Math.sqrt(max2), stop };
}
