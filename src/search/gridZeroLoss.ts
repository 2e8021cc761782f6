/**
 * Levenberg–Marquardt on the residuals r_p (Gauss–Newton for L = (1/(2P))‖r‖²), used two ways:
 * attemptZeroLoss (float evidence that an end point lies next to a zero-loss point) and
 * descendToMinimum (where a run that did not reach a critical point is heading).
 *
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
  /** Also stop when ‖∇L‖ ≤ gradTol. */
  gradTol?: number;
}

export interface ZeroLossResult {
  reached: boolean;
  iterations: number;
  loss: number;
  gradNorm: number;
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
  const gradTol = opts.gradTol ?? 0;
  while (loss >= opts.lossTarget && it < opts.maxIters && !(norm(g) <= gradTol)) {
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
  return { reached: loss < opts.lossTarget, iterations: it, loss, gradNorm: norm(g) };
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j]! * x[j]!;
  return Math.sqrt(s);
}

export interface DescentDiagnosis {
  /** 'minimum': ‖∇L‖ ≤ gradTol reached; 'diverging': ‖θ‖ grew by more than 20% while L kept decreasing; else 'undecided'. */
  verdict: 'minimum' | 'diverging' | 'undecided';
  iterations: number;
  gradNorm: number;
  /** ‖θ‖ at the start and at the end. */
  normStart: number;
  normEnd: number;
}

/**
 * Where a run whose critical-point refinement failed is heading (float evidence): Gauss–Newton
 * descent on L from θ (in place) for at most maxIters iterations, without the zero-loss give-up
 * rule. Reaching ‖∇L‖ ≤ gradTol finds a (possibly ill-conditioned) minimum, which the gradient-Newton
 * refinement can miss; a steadily growing ‖θ‖ while L decreases indicates that the infimum along the
 * way is approached only at infinity (e.g. two neurons merging with outgoing weights ±A, A → ∞,
 * or a saturating neuron), so there is no critical point to find.
 */
export function descendToMinimum(fp: GridFloatProblem, theta: Float64Array, maxIters: number, gradTol: number): DescentDiagnosis {
  const normStart = norm(theta);
  const r = attemptZeroLoss(fp, theta, { lossTarget: 0, maxIters, window: Infinity, gradTol });
  const normEnd = norm(theta);
  const verdict = r.gradNorm <= gradTol ? 'minimum' : normEnd > 1.2 * normStart ? 'diverging' : 'undecided';
  return { verdict, iterations: r.iterations, gradNorm: r.gradNorm, normStart, normEnd };
}
