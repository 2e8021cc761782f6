/**
 * Float evidence that an end point lies next to a zero-loss point: Levenberg–Marquardt on the
 * residuals r_p (Gauss–Newton for L = (1/(2P))‖r‖²),
 *   (JᵀJ/P + μI) δ = −∇L,   accept θ + δ when L decreases (μ ← μ/3), else μ ← 4μ.
 * For a zero-residual problem Gauss–Newton converges to a point of the zero-loss set even where
 * that set is a manifold (over-parameterised students); near a minimum with L > 0 the decrease
 * stalls. The attempt succeeds when L falls below `lossTarget`, and gives up when L has not at
 * least halved over the last `window` iterations. Minimising L slides off saddles, so a failed
 * attempt's point is discarded (the caller refines the original point instead).
 */
import { gridGaussNewtonFloat, gridGradientFloat, gridLossFloat, type GridFloatProblem } from '../objective/gridFloat.js';
import { symmetricEigen } from '../linalg/symmetricEigen.js';

export interface ZeroLossOptions {
  lossTarget: number;
  maxIters: number;
  /** Give up when L(now) > L(window iterations ago)/2. */
  window?: number;
}

export interface ZeroLossResult {
  reached: boolean;
  iterations: number;
  loss: number;
}

const MU_MAX = 1e30;

/** Runs the attempt in place on θ (θ is changed even when the attempt fails: pass a copy). */
export function attemptZeroLoss(fp: GridFloatProblem, theta: Float64Array, opts: ZeroLossOptions): ZeroLossResult {
  const N = theta.length;
  const window = opts.window ?? 10;
  const g = new Float64Array(N);
  const xTry = new Float64Array(N);
  const gv = new Float64Array(N);
  let loss = gridGradientFloat(fp, theta, g);
  const history: number[] = [loss];
  let mu = 0;
  let it = 0;
  while (loss >= opts.lossTarget && it < opts.maxIters) {
    if (!Number.isFinite(loss)) break;
    it++;
    const { values, vectors } = symmetricEigen(gridGaussNewtonFloat(fp, theta), N);
    let scale = 0;
    for (let e = 0; e < N; e++) {
      let s = 0;
      for (let r = 0; r < N; r++) s += vectors[r * N + e]! * g[r]!;
      gv[e] = s;
      scale = Math.max(scale, Math.abs(values[e]!));
    }
    if (!(scale > 0)) break;
    let m = Math.max(mu, 1e-15 * scale);
    let accepted = false;
    while (m <= MU_MAX * scale) {
      xTry.set(theta);
      for (let e = 0; e < N; e++) {
        const c = gv[e]! / (Math.max(values[e]!, 0) + m);
        if (c === 0) continue;
        for (let r = 0; r < N; r++) xTry[r] -= c * vectors[r * N + e]!;
      }
      const lt = gridLossFloat(fp, xTry);
      if (lt < loss) {
        theta.set(xTry);
        loss = gridGradientFloat(fp, theta, g);
        mu = m / 3;
        accepted = true;
        break;
      }
      m *= 4;
    }
    if (!accepted) break;
    history.push(loss);
    if (history.length > window && loss > history[history.length - 1 - window]! / 2) break;
  }
  return { reached: loss < opts.lossTarget, iterations: it, loss };
}
