/**
 * Saddle certificates of the finite-data sigmoid loss (DESIGN.md §10 on the objective of §7): the
 * saddle pipeline of certifySaddle.ts (`proveSaddleAt`: float screen, η, κ, inertia, radius, loss,
 * and the self-check with the one list of saddleLemma.ts) with the finite-data chart θ and the
 * sigmoid box Hessian over the max-norm θ-box (gridBoxHessian.ts). The sigmoid loss is smooth
 * everywhere, so no box leaves the smooth domain. ReLU has no saddles of this kind: on a box with a
 * constant activation pattern L̂ is a convex quadratic.
 */
import type { DecimalInterval } from '../arith/decimalInterval.js';
import { gridSigmoidBoxHessian } from '../objective/gridBoxHessian.js';
import { proveSaddleAt, screenOfHessian, type SaddleCore, type SaddleSeconds } from './certifySaddle.js';
import { type GridChart, floatVector } from './gridChart.js';

export interface GridSaddleResult extends SaddleCore {
  seconds: SaddleSeconds;
}

/**
 * The saddle proof at the exact chart coordinates v (chart 'theta'), given the precision-P loss and
 * gradient enclosures there. Every float-degenerate point, minimum candidate and failed existence
 * test is a refusal with its reason (SaddleCore).
 */
export function certifyGridSaddle(
  chart: GridChart,
  v: readonly string[],
  enc: { loss: DecimalInterval; gradient: DecimalInterval[] },
  precision: number,
): GridSaddleResult {
  if (chart.kind !== 'theta') throw new Error('internal: finite-data saddles are certified in the θ chart (sigmoid)');
  const seconds: SaddleSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, existence: 0, inertia: 0, total: 0 };
  const t0 = performance.now();
  const screen = screenOfHessian(chart.floatHessian(floatVector(v)), chart.N);
  seconds.screen = (performance.now() - t0) / 1000;
  const centre = chart.pointOf(v);
  const core = proveSaddleAt((rho) => gridSigmoidBoxHessian(chart.problem, centre, rho), () => false, screen, enc, precision, seconds);
  seconds.total = (performance.now() - t0) / 1000;
  return { ...core, seconds };
}
