/**
 * One run of a finite-data search (preset simsek-2021-grid): seeded Xavier-uniform start, Adam
 * with the study's schedule (gridAdam.ts), then
 *  1. a Gauss–Newton attempt to reach a zero-loss point (gridZeroLoss.ts): success ⇒ 'global';
 *  2. otherwise Levenberg–Marquardt on ∇L = 0 from Adam's end point (gridRefine.ts), a critical
 *     point of any index, classified by its float Hessian (gridClassify.ts).
 * Everything is float evidence; certify proves or refuses. A run's result depends only on
 * (settings, run index), so searches are identical for any number of workers.
 */
import { inertia, summarizeGridPoint, type GridFloatClass } from '../objective/gridClassify.js';
import { symmetricEigenvalues } from '../linalg/symmetricEigen.js';
import { type FiniteDataProblem, aIndex, pointOfTheta, wIndex } from '../objective/gridData.js';
import {
  gridFloatProblem,
  gridGradientFloat,
  gridHessianFloat,
  reducedReluCoordinates,
  reducedReluHessianFloat,
  type GridFloatProblem,
} from '../objective/gridFloat.js';
import { gridProblemOfSpec } from '../io/gridProblem.js';
import { adam, adamWork, type AdamStop } from './gridAdam.js';
import { refineCriticalPoint } from './gridRefine.js';
import { attemptZeroLoss, descendToMinimum } from './gridZeroLoss.js';
import { Xoshiro128, runSeed } from './rng.js';
import type { SearchSettings } from './settings.js';

/**
 * Classifications of finite-data runs (families are numbered in this order). 'diverging': no
 * critical point was reached and a Gauss–Newton descent from Adam's end point grew ‖θ‖ by more than
 * 20% while the loss kept decreasing (float evidence that the loss has no minimum along the way).
 */
export type GridRunClassification = 'global' | 'spurious-candidate' | 'saddle-candidate' | 'degenerate' | 'diverging' | 'not-converged';
export const GRID_RUN_CLASSIFICATIONS: readonly GridRunClassification[] = [
  'global', 'spurious-candidate', 'saddle-candidate', 'degenerate', 'diverging', 'not-converged',
];

/** One line of runs.jsonl for a finite-data search. */
export interface GridRunRecord {
  run: number;
  seed: string;
  setting: 'grid-teacher-2d';
  /** Adam steps taken and why Adam stopped. */
  iterations: number;
  adamStop: AdamStop;
  /**
   * 'zero-loss': the Gauss–Newton attempt reached the global-loss target; 'critical-point': the
   * refinement met its tolerance; 'descent': it did not, but a Gauss–Newton descent from Adam's end
   * reached a minimum (‖∇L‖ ≤ 1e-10, an ill-conditioned one); else why the refinement failed.
   */
  refinement: 'zero-loss' | 'critical-point' | 'descent' | 'stalled' | 'max-iters' | 'non-finite';
  refineIterations: number;
  /** Euclidean distance from Adam's end point to the final point. */
  refineDistance: number;
  loss: number | null;
  gradNorm: number | null;
  /** Smallest and largest float Hessian eigenvalue (θ for sigmoid, reduced u for ReLU). */
  lambdaMin: number | null;
  lambdaMax: number | null;
  negativeEigenvalues: number | null;
  zeroEigenvalues: number | null;
  classification: GridRunClassification;
  /** Morse index of a saddle candidate, else null. */
  index: number | null;
  /** Float evidence of an embedding: width of the reduced network and the number of neurons removed. */
  reducedN: number | null;
  level: number | null;
  /** ‖θ‖ at the start and the end of the diagnostic descent (runs that reached no critical point), else null. */
  descentNorms: [number, number] | null;
  /** Incoming weights W (2 rows × n) and outgoing weights a, shortest decimals of the doubles. */
  point: string[][];
  a: string[];
}

/** The float problem of a finite-data search (data and teacher re-read from the spec). */
export function gridProblemOfSettings(s: SearchSettings): { problem: FiniteDataProblem; fp: GridFloatProblem } {
  const o = s.finiteData!;
  const problem = gridProblemOfSpec(o.problem, process.cwd(), `search settings (${s.preset})`);
  return { problem, fp: gridFloatProblem(problem, s.n) };
}

/**
 * The start of run `run`: nn.init.xavier_uniform_ for both layers, drawn from the run's
 * Xoshiro128 stream in the order w_1 (coordinates 1, 2), …, w_n, then a_1, …, a_n:
 * w entries U(−b₁, b₁), b₁ = √(6/(d + n)); a entries U(−b₂, b₂), b₂ = √(6/(n + 1)).
 */
export function gridInitialPoint(s: SearchSettings, run: number): Float64Array {
  const { d, n } = s;
  const rng = Xoshiro128.fromSeed(runSeed(BigInt(s.seed), run));
  const theta = new Float64Array(n * (d + 1));
  const b1 = Math.sqrt(6 / (d + n));
  const b2 = Math.sqrt(6 / (n + 1));
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) theta[wIndex(i, c, d)] = (2 * rng.nextDouble() - 1) * b1;
  for (let i = 0; i < n; i++) theta[aIndex(i, d)] = (2 * rng.nextDouble() - 1) * b2;
  return theta;
}

/** Gradient norm at which the diagnostic Gauss–Newton descent counts as having reached a minimum. */
const DESCENT_GRAD_TOL = 1e-10;

/** Iteration cap of a hand-off refinement attempt (a failed attempt just lets Adam continue). */
const HANDOFF_REFINE_ITERS = 30;

/** The matrix whose spectrum classifies a point: ∇²L in θ (sigmoid), ∇²L̂ in u (ReLU). */
function spectrumMatrix(fp: GridFloatProblem, theta: Float64Array): Float64Array {
  if (fp.activation === 'sigmoid') return gridHessianFloat(fp, theta);
  const { u, s } = reducedReluCoordinates(theta, fp.d, fp.n);
  return reducedReluHessianFloat(fp, u, s);
}

function spectrumOrder(fp: GridFloatProblem): number {
  return fp.activation === 'sigmoid' ? fp.n * (fp.d + 1) : fp.n * fp.d;
}

function runClass(c: GridFloatClass): GridRunClassification {
  switch (c) {
    case 'global-candidate':
      return 'global';
    case 'minimum-candidate':
      return 'spurious-candidate';
    default:
      return c;
  }
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function distance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j]! - y[j]!) ** 2;
  return Math.sqrt(s);
}

/** A runner for the worker pool: run index → record. */
export function gridRunner(s: SearchSettings): (run: number) => GridRunRecord {
  const { problem, fp } = gridProblemOfSettings(s);
  const work = adamWork(s.n * (s.d + 1));
  return (run) => gridRunOne(s, problem, fp, run, work);
}

export function gridRunOne(
  s: SearchSettings,
  problem: FiniteDataProblem,
  fp: GridFloatProblem,
  run: number,
  work = adamWork(s.n * (s.d + 1)),
): GridRunRecord {
  const o = s.finiteData!;
  const { d, n } = s;
  const theta = gridInitialPoint(s, run);
  const kernels = { gradient: (x: Float64Array, g: Float64Array) => gridGradientFloat(fp, x, g), hessian: (x: Float64Array) => gridHessianFloat(fp, x) };
  let refinement: GridRunRecord['refinement'] = 'non-finite';
  let refineIterations = 0;
  let point = theta;
  let adamEnd = theta;
  let descentNorms: [number, number] | null = null;
  let diverging = false;
  const zeroLoss = (from: Float64Array, maxIters: number): boolean => {
    const zl = from.slice();
    const z = attemptZeroLoss(fp, zl, { lossTarget: s.spuriousThreshold, maxIters });
    refineIterations += z.iterations;
    if (z.reached) point = zl;
    return z.reached;
  };
  const handoff = (th: Float64Array, _block: number, meanLoss: number): boolean => {
    if (meanLoss < o.handoffLoss && zeroLoss(th, o.zeroLossIters)) {
      refinement = 'zero-loss';
      adamEnd = th.slice();
      return true;
    }
    const g = new Float64Array(th.length);
    gridGradientFloat(fp, th, g);
    if (Math.hypot(...g) > o.handoffGrad) return false;
    const x = th.slice();
    const r = refineCriticalPoint(x, kernels, { gradTol: s.tol, maxIters: HANDOFF_REFINE_ITERS });
    refineIterations += r.iterations;
    if (r.stop !== 'tolerance') return false;
    const spec = inertia(symmetricEigenvalues(spectrumMatrix(fp, x), spectrumOrder(fp)), o.eigTol);
    if (spec.negative > 0) return false;
    refinement = 'critical-point';
    adamEnd = th.slice();
    point = x;
    return true;
  };
  const res = adam(
    fp,
    theta,
    { lr: s.step, beta1: o.beta1, beta2: o.beta2, eps: o.eps, steps: s.maxIters, blockSteps: o.blockSteps, lossStop: o.lossStop },
    work,
    o.handoff ? handoff : undefined,
  );
  if (res.stop !== 'handoff') {
    adamEnd = theta.slice();
    if (res.stop !== 'non-finite') {
      if (zeroLoss(theta, o.zeroLossIters)) {
        refinement = 'zero-loss';
      } else {
        const x = theta.slice();
        const r = refineCriticalPoint(x, kernels, { gradTol: s.tol, maxIters: o.refineIters });
        refineIterations += r.iterations;
        refinement = r.stop === 'tolerance' ? 'critical-point' : r.stop;
        point = x;
        if (refinement !== 'critical-point' && refinement !== 'non-finite') {
          const y = theta.slice();
          const dd = descendToMinimum(fp, y, o.descentIters, DESCENT_GRAD_TOL);
          refineIterations += dd.iterations;
          descentNorms = [dd.normStart, dd.normEnd];
          if (dd.verdict !== 'undecided') point = y;
          if (dd.verdict === 'minimum') refinement = 'descent';
          else if (dd.verdict === 'diverging') diverging = true;
        }
      }
    }
  }
  const base = {
    run,
    seed: runSeed(BigInt(s.seed), run).toString(),
    setting: 'grid-teacher-2d' as const,
    iterations: res.steps,
    adamStop: res.stop,
    refinement,
    refineIterations,
    refineDistance: distance(adamEnd, point),
    descentNorms,
    ...pointOfThetaRecord(point, d, n),
  };
  if (refinement !== 'zero-loss' && refinement !== 'critical-point' && refinement !== 'descent') {
    const g = new Float64Array(point.length);
    const loss = gridGradientFloat(fp, point, g);
    let g2 = 0;
    for (const x of g) g2 += x * x;
    return {
      ...base,
      loss: finite(loss),
      gradNorm: finite(Math.sqrt(g2)),
      lambdaMin: null,
      lambdaMax: null,
      negativeEigenvalues: null,
      zeroEigenvalues: null,
      classification: diverging ? 'diverging' : 'not-converged',
      index: null,
      reducedN: null,
      level: null,
    };
  }
  const sum = summarizeGridPoint(problem, fp, point, {
    globalThreshold: s.spuriousThreshold,
    // The refinement stopped on its own tolerance (or reached zero loss): classify at that point.
    gradTol: Infinity,
    eigTol: o.eigTol,
    dupTol: o.dupTol,
    zeroTol: o.zeroTol,
  });
  return {
    ...base,
    loss: finite(sum.loss),
    gradNorm: finite(sum.gradNorm),
    lambdaMin: finite(sum.lambdaMin),
    lambdaMax: finite(sum.lambdaMax),
    negativeEigenvalues: sum.negativeEigenvalues,
    zeroEigenvalues: sum.zeroEigenvalues,
    classification: runClass(sum.classification),
    index: sum.index ?? null,
    reducedN: sum.embedding ? sum.embedding.reducedN : n,
    level: sum.embedding ? sum.embedding.level : 0,
  };
}

function pointOfThetaRecord(theta: Float64Array, d: number, n: number): { point: string[][]; a: string[] } {
  const p = pointOfTheta(theta, d, n);
  return { point: p.W, a: p.a };
}
