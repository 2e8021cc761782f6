import { InputError } from '../errors.js';
import { GRID_PRESETS, isGridPreset } from './gridPreset.js';

/** How the stopping tolerance is measured on the gradient G (d×n, one column per neuron). */
export type TolNorm = 'per-neuron' | 'frobenius';

/**
 * A named gradient-descent experiment from the literature (DESIGN.md §2). Every value can be
 * overridden by an explicit CLI flag.
 */
export interface SearchPreset {
  name: string;
  /** Where the experiment was published. */
  reference: string;
  /** Teacher: the identity V = I_k (so d = k). */
  teacher: 'identity';
  /** Initialisation: 'xavier' draws every entry of W from N(0, 1/d). */
  init: 'xavier';
  /** Step size of plain gradient descent as a function of k. */
  step: (k: number) => number;
  /** Stop when the gradient norm (measured as `tolNorm` says) is ≤ tol. */
  tol: number;
  tolNorm: TolNorm;
  /** A converged point with loss ≥ this is not global. */
  spuriousThreshold: number;
  /** Runs per (k, n) in the published experiment (the default of --runs). */
  runs: number;
  /**
   * Iteration cap: runs that reach it are 'not-converged'. Chosen from measurements, far above
   * what converging runs need: with n = k, 1000 runs of the 2018 preset needed at most 35 311
   * (k = 6) and 22 858 (k = 10) steps, the 2021 preset at most ~2 000 (k = 10), ~6 200
   * (k = 20) and ~13 000 (k = 50, 2 runs); with n = k + 1 the global minima are not isolated
   * and the 2018 descent converges sublinearly: median 342 000, maximum 402 000 steps over
   * 200 runs at k = 8.
   */
  maxIters: number;
  /** Default student width as a function of k (n = k in both experiments' main tables). */
  n: (k: number) => number;
}

export const PRESETS: Readonly<Record<string, SearchPreset>> = {
  'safran-shamir-2018': {
    name: 'safran-shamir-2018',
    reference: 'Safran & Shamir, Spurious local minima are common in two-layer ReLU neural networks, ICML 2018',
    teacher: 'identity',
    init: 'xavier',
    step: () => 0.1,
    tol: 1e-9,
    tolNorm: 'per-neuron',
    spuriousThreshold: 1e-3,
    runs: 1000,
    maxIters: 10_000_000,
    n: (k) => k,
  },
  'safran-yehudai-shamir-2021': {
    name: 'safran-yehudai-shamir-2021',
    reference:
      'Safran, Yehudai & Shamir, The effects of mild over-parameterization on the optimization landscape of shallow ReLU neural networks, COLT 2021',
    teacher: 'identity',
    init: 'xavier',
    step: (k) => 5 / k,
    tol: 1e-12,
    tolNorm: 'frobenius',
    spuriousThreshold: 1e-3,
    runs: 500,
    maxIters: 2_000_000,
    n: (k) => k,
  },
};

/** Every preset name: the population presets above and the finite-data ones (gridPreset.ts). */
export const PRESET_NAMES: readonly string[] = [...Object.keys(PRESETS), ...Object.keys(GRID_PRESETS)];

/** The population preset called `name`; an InputError listing the known ones otherwise. */
export function getPreset(name: string): SearchPreset {
  const preset = Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) {
    throw new InputError(`unknown preset '${name}' (known presets: ${PRESET_NAMES.join(', ')})`);
  }
  return preset;
}

/** The published run count of any preset (the default of --runs). */
export function defaultRuns(name: string): number {
  return isGridPreset(name) ? GRID_PRESETS[name]!.runs : getPreset(name).runs;
}
