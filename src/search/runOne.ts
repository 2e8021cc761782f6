import { NonSmoothPointError, identityTeacher, makeProblem, type ReluProblem } from '../objective/reluFloat.js';
import { lambdaMinOfPoint } from '../linalg/floatEigen.js';
import { gradientDescent, type StopReason } from './gradientDescent.js';
import { Xoshiro128, runSeed } from './rng.js';
import type { SearchSettings } from './settings.js';
import { gridRunner, type GridRunRecord } from './gridRunOne.js';

/**
 * 'below-threshold': the run was stopped early (search --stop-below-threshold) once its loss fell
 * below the spurious threshold; it cannot end at a spurious or saddle candidate, and it was not
 * followed to the gradient tolerance, so it is not called global.
 */
export type RunClassification = 'global' | 'below-threshold' | 'spurious-candidate' | 'saddle-candidate' | 'not-converged';

/**
 * Every classification, in the order families are numbered and listed (below-threshold last, so
 * the family ids of searches made before it existed are unchanged).
 */
export const RUN_CLASSIFICATIONS: readonly RunClassification[] = [
  'global', 'spurious-candidate', 'saddle-candidate', 'not-converged', 'below-threshold',
];

/**
 * One line of runs.jsonl: a population run, or a finite-data run (gridRunOne.ts, marked by its
 * "setting" field). The generic machinery (worker pool, runs file, resume) only uses run,
 * classification and point.
 */
export type RunRecord = PopulationRunRecord | GridRunRecord;

/** One line of runs.jsonl of a population search (field names are read by src/io's loadCandidates: keep them). */
export interface PopulationRunRecord {
  run: number;
  /** The run's own seed (decimal, 64-bit), derived from the base seed and the run index. */
  seed: string;
  iterations: number;
  /** Final loss (null if it was not finite). */
  loss: number | null;
  /** Frobenius norm of the final gradient. */
  gradNorm: number | null;
  /** Largest per-neuron gradient norm at the final point. */
  gradNormMaxNeuron: number | null;
  /** Float smallest Hessian eigenvalue; computed only for converged non-global runs, else null. */
  lambdaMin: number | null;
  classification: RunClassification;
  /** Why gradient descent stopped. */
  stop: StopReason;
  /** Final point W, d rows × n columns, as decimal strings that parse back to the exact doubles. */
  point: string[][];
}

/** The Float64 problem of a search: identity teacher or the teacher file's matrix (rounded to doubles). */
export function problemOfSettings(s: SearchSettings): ReluProblem {
  if (s.teacher === 'identity') return makeProblem(s.d, s.n, identityTeacher(s.d));
  const V = s.teacherMatrix;
  if (!V) throw new Error('problemOfSettings: teacher matrix missing');
  const v = new Float64Array(s.k * s.d);
  for (let a = 0; a < s.d; a++) for (let j = 0; j < s.k; j++) v[j * s.d + a] = Number(V[a]![j]!);
  return makeProblem(s.d, s.n, v);
}

/**
 * The starting point of run `run`: Xavier initialisation, every entry of W an independent
 * N(0, 1/d) draw z/√d, filled in neuron-major order (neuron 0 coordinates 0…d−1, then neuron 1, …;
 * the same order as MATLAB's randn(d, n) in the published code).
 */
export function initialPoint(s: SearchSettings, run: number): Float64Array {
  const rng = Xoshiro128.fromSeed(runSeed(BigInt(s.seed), run));
  const w = new Float64Array(s.n * s.d);
  const scale = Math.sqrt(s.d);
  for (let j = 0; j < w.length; j++) w[j] = rng.nextGaussian() / scale;
  return w;
}

/**
 * Classifies a final point: below threshold (stopped early because the loss fell below the
 * threshold), not converged (the stopping test never passed), global (loss below
 * the threshold), spurious candidate (loss ≥ threshold and float λ_min > 0), saddle candidate
 * (otherwise). Float evidence only; `certify` decides rigorously.
 */
export function classify(stop: StopReason, loss: number, threshold: number, lambdaMin: number | null): RunClassification {
  if (stop === 'below-loss') return 'below-threshold';
  if (stop !== 'tolerance') return 'not-converged';
  if (loss < threshold) return 'global';
  return lambdaMin !== null && lambdaMin > 0 ? 'spurious-candidate' : 'saddle-candidate';
}

/** The function computing one run's record for these settings (built once per worker thread). */
export function runnerOf(s: SearchSettings): (run: number) => RunRecord {
  if (s.finiteData) return gridRunner(s);
  const problem = problemOfSettings(s);
  const scratch = new Float64Array(s.n * s.d);
  return (run) => runOne(s, problem, run, scratch);
}

/** Runs gradient descent for run `run` and returns its record. `scratch` (length n·d) is reused. */
export function runOne(s: SearchSettings, p: ReluProblem, run: number, scratch?: Float64Array): PopulationRunRecord {
  const w = initialPoint(s, run);
  const res = gradientDescent(
    p,
    w,
    { step: s.step, tol: s.tol, tolNorm: s.tolNorm, maxIters: s.maxIters, ...(s.stopBelowThreshold ? { stopBelowLoss: s.spuriousThreshold } : {}) },
    scratch,
  );
  let lambdaMin: number | null = null;
  if (res.stop === 'tolerance' && res.loss >= s.spuriousThreshold) {
    // A point where the Hessian is undefined (an exactly zero neuron) gets no λ_min and so is
    // never called a spurious candidate.
    let lm = NaN;
    try {
      lm = lambdaMinOfPoint(p, w);
    } catch (err) {
      if (!(err instanceof NonSmoothPointError)) throw err;
    }
    lambdaMin = Number.isFinite(lm) ? lm : null;
  }
  return {
    run,
    seed: runSeed(BigInt(s.seed), run).toString(),
    iterations: res.iterations,
    loss: finiteOrNull(res.loss),
    gradNorm: finiteOrNull(res.gradNorm),
    gradNormMaxNeuron: finiteOrNull(res.gradNormMaxNeuron),
    lambdaMin,
    classification: classify(res.stop, res.loss, s.spuriousThreshold, lambdaMin),
    stop: res.stop,
    point: pointStrings(w, s.d, s.n),
  };
}

/** W (d×n) as decimal strings; String(x) is the shortest string that parses back to x exactly. */
export function pointStrings(w: Float64Array, d: number, n: number): string[][] {
  const rows: string[][] = [];
  for (let a = 0; a < d; a++) {
    const row: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = w[i * d + a]!;
      row.push(Object.is(x, -0) ? '-0' : String(x));
    }
    rows.push(row);
  }
  return rows;
}

/** Parses a d×n string matrix back to a neuron-major Float64Array. */
export function pointFromStrings(W: string[][], d: number, n: number): Float64Array {
  const w = new Float64Array(n * d);
  for (let a = 0; a < d; a++) for (let i = 0; i < n; i++) w[i * d + a] = Number(W[a]![i]!);
  return w;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
