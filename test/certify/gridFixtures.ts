/**
 * Finite-data test points produced by our own search code (preset simsek-2021-grid, fixed seeds
 * and run indices, so each is one run of `certmin search`): float evidence only, certify decides.
 * Runs were chosen among the first of their kind with short Adam phases (the tests stay fast).
 */
import type { Candidate } from '../../src/io/candidate.js';
import { finiteDataPayload } from '../../src/io/gridPointFile.js';
import type { FiniteDataPoint, FiniteDataProblem } from '../../src/objective/gridData.js';
import { gridProblemOfSettings, gridRunOne, type GridRunRecord } from '../../src/search/gridRunOne.js';
import { resolveSettings } from '../../src/search/settings.js';

export interface SearchRun {
  problem: FiniteDataProblem;
  point: FiniteDataPoint;
  record: GridRunRecord;
}

/** One run of the finite-data search (see the module comment). */
export function searchRun(opts: { n: number; seed: string; run: number; activation?: 'sigmoid' | 'relu'; maxIters?: number }): SearchRun {
  const s = resolveSettings({
    preset: 'simsek-2021-grid',
    n: opts.n,
    seed: opts.seed,
    activation: opts.activation ?? 'sigmoid',
    ...(opts.maxIters !== undefined ? { maxIters: opts.maxIters } : {}),
  });
  const { problem, fp } = gridProblemOfSettings(s);
  const record = gridRunOne(s, problem, fp, opts.run);
  return { problem, point: { W: record.point, a: record.a }, record };
}

/** Sigmoid, n = 4, seed 2021, run 873: Adam stops after 10⁴ steps at a spurious-minimum candidate. */
export const SPURIOUS_RUN = { n: 4, seed: '2021', run: 873 } as const;
/** Sigmoid, n = 4, seed 2021, run 31: a zero-loss (global) candidate after 2·10⁴ steps. */
export const GLOBAL_RUN = { n: 4, seed: '2021', run: 31 } as const;
/** Sigmoid, n = 3 (< k₊ = 4), seed 7, Adam capped at 3000 steps, run 5: a saddle candidate of index 1. */
export const SADDLE_RUN = { n: 3, seed: '7', run: 5, maxIters: 3000 } as const;
/** Sigmoid, n = 3, seed 7, 3000 steps, run 1: a saddle candidate whose float Hessian is singular (an embedded point). */
export const DEGENERATE_RUN = { n: 3, seed: '7', run: 1, maxIters: 3000 } as const;
/** ReLU, n = 5, seed 3: run 4 a spurious-minimum candidate, run 9 a global candidate, run 3 a candidate with a data point on a kink. */
export const RELU_SPURIOUS_RUN = { n: 5, seed: '3', run: 4, activation: 'relu' } as const;
export const RELU_GLOBAL_RUN = { n: 5, seed: '3', run: 9, activation: 'relu' } as const;
export const RELU_KINK_RUN = { n: 5, seed: '3', run: 3, activation: 'relu' } as const;

/** A finite-data Candidate for certify's file-level entry points. */
export function gridCandidate(r: { problem: FiniteDataProblem; point: FiniteDataPoint }, id: string): Candidate {
  return {
    id,
    d: 2,
    n: r.point.a.length,
    W: r.point.W,
    source: { file: `${id}.json`, format: 'finite-data-json' },
    finiteData: finiteDataPayload({ point: r.point, problem: r.problem, spec: { activation: r.problem.activation, data: 'grid-41x41', teacher: 'simsek-4' } }),
  };
}

/**
 * The end point of run 2 of `certmin search --preset simsek-2021-grid --n 4 --seed 2021` (sigmoid),
 * classified 'diverging' (‖∇L‖ ≈ 5.2e-6, no critical point reached): kept as data because its
 * 10⁵ Adam steps would slow the tests.
 */
export const DIVERGING_POINT: FiniteDataPoint = {
  W: [
    ['0.6224168870257697', '-0.4762594506577325', '-0.5003863127519215', '1.3860989307998186'],
    ['0.33036983039383055', '0.6353015680236266', '0.5730781527744209', '1.0041451411232816'],
  ],
  a: ['0.45108915659418497', '1.9161896634710642', '-2.525104067713508', '0.1580982067142068'],
};

/** A point moved by amplitude·cos(3c + 7i) in every incoming weight (deterministic roughening). */
export function roughened(pt: FiniteDataPoint, amplitude: number): FiniteDataPoint {
  return {
    W: pt.W.map((row, c) => row.map((x, i) => String(Number(x) + amplitude * Math.cos(3 * c + 7 * i)))),
    a: pt.a.slice(),
  };
}
