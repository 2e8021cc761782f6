/**
 * Adam on the finite-data loss (DESIGN.md §7), as in the study's training loop (torch.optim.Adam
 * with a learning rate divided by 1 + b after block b of `blockSteps` steps, and an early stop when
 * the mean loss of a block falls below `lossStop`). Float evidence only.
 *
 * Step t (1-based), with g = ∇L(θ) at the current point (torch's update, same bias corrections):
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − lr_t · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
 *   lr_t = lr / (1 + ⌊(t−1)/blockSteps⌋).
 * Loss scaling: L here is half of torch's MSELoss. Adam is invariant under scaling the loss except
 * through ε, so ε = ε_torch/2 reproduces the study's updates exactly (ε_torch = 1e-8 → 5e-9), and
 * lossStop = 5e-8 is the study's block threshold 1e-7 in MSELoss units.
 */
import { gridGradientFloat, type GridFloatProblem } from '../objective/gridFloat.js';

export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** At most this many steps. */
  steps: number;
  /** The learning rate is lr/(1 + b) in block b = 0, 1, … of this many steps. */
  blockSteps: number;
  /** Stop at the end of a block whose mean loss is below this (0: never). */
  lossStop: number;
}

export type AdamStop = 'steps' | 'loss-below' | 'handoff' | 'non-finite';

export interface AdamResult {
  steps: number;
  /** Loss at the final point (evaluated after the last step). */
  loss: number;
  stop: AdamStop;
}

/** Work arrays of one run, allocated once per worker. */
export interface AdamWork {
  g: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

export function adamWork(N: number): AdamWork {
  return { g: new Float64Array(N), m: new Float64Array(N), v: new Float64Array(N) };
}

/**
 * Runs Adam in place on θ. `atBlockEnd(θ, block, meanLoss)` is called after each full block
 * (before the mean-loss test); returning true stops the run with stop reason 'handoff'.
 */
export function adam(
  fp: GridFloatProblem,
  theta: Float64Array,
  opts: AdamOptions,
  work: AdamWork,
  atBlockEnd?: (theta: Float64Array, block: number, meanLoss: number) => boolean,
): AdamResult {
  const N = theta.length;
  const { g, m, v } = work;
  m.fill(0, 0, N);
  v.fill(0, 0, N);
  const { beta1, beta2, eps } = opts;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  let pow1 = 1;
  let pow2 = 1;
  let blockSum = 0;
  let stop: AdamStop = 'steps';
  let t = 0;
  while (t < opts.steps) {
    const loss = gridGradientFloat(fp, theta, g);
    if (!Number.isFinite(loss)) {
      stop = 'non-finite';
      break;
    }
    blockSum += loss;
    t++;
    const block = Math.floor((t - 1) / opts.blockSteps);
    const lr = opts.lr / (1 + block);
    pow1 *= beta1;
    pow2 *= beta2;
    const stepSize = lr / (1 - pow1);
    const rootBias2 = Math.sqrt(1 - pow2);
    for (let j = 0; j < N; j++) {
      const gj = g[j]!;
      const mj = beta1 * m[j]! + c1 * gj;
      const vj = beta2 * v[j]! + c2 * gj * gj;
      m[j] = mj;
      v[j] = vj;
      theta[j] = theta[j]! - (stepSize * mj) / (Math.sqrt(vj) / rootBias2 + eps);
    }
    if (t % opts.blockSteps === 0) {
      if (atBlockEnd?.(theta, block, blockSum / opts.blockSteps)) {
        stop = 'handoff';
        break;
      }
      if (blockSum / opts.blockSteps < opts.lossStop) {
        stop = 'loss-below';
        break;
      }
      blockSum = 0;
    }
  }
  const loss = gridGradientFloat(fp, theta, g);
  if (!Number.isFinite(loss)) stop = 'non-finite';
  return { steps: t, loss, stop };
}
