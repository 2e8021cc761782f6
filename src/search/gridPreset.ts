/**
 * The finite-data search preset 'simsek-2021-grid' (DESIGN.md §7): the grid experiment of
 * Şimşek et al. (ICML 2021) as its published training code runs it — torch.optim.Adam with the
 * default settings (lr 1e-3, β = (0.9, 0.999), ε = 1e-8), the learning rate divided by 1 + b after
 * block b of 10⁴ steps, 10 blocks, an early stop once a block's mean MSE is below 1e-7, students
 * initialised by nn.init.xavier_uniform_ (w entries U(±√(6/(2+n))), a entries U(±√(6/(n+1)))),
 * 1000 runs per width. DESIGN.md quotes lr 1e-4; the code (torch's default) uses 1e-3: the code's
 * value is the default here, and --step sets it.
 * Units: this tool's L = (1/(2P))Σ(f − y)² is half of the MSE the code minimised; Adam's updates
 * are unchanged by that scaling when ε is halved (5e-9), and the early-stop threshold is 5e-8.
 * After Adam, the study ran SLSQP on the loss; this preset instead refines to a critical point of
 * any index (gridRefine.ts), so saddles stay saddles, after a Gauss–Newton attempt to reach a
 * zero-loss point (gridZeroLoss.ts).
 */
import type { Activation } from '../objective/gridData.js';
import type { GridProblemSpec } from '../io/gridProblem.js';

export const GRID_PRESET = 'simsek-2021-grid';

/** Everything a finite-data search needs beyond the common SearchSettings fields. */
export interface GridSearchOptions {
  setting: 'grid-teacher-2d';
  activation: Activation;
  /** Data and teacher (gridProblem.ts). */
  problem: GridProblemSpec;
  init: 'xavier-uniform';
  /** Adam: the learning rate is SearchSettings.step, the step cap SearchSettings.maxIters. */
  beta1: number;
  beta2: number;
  eps: number;
  /** The learning rate is step/(1 + b) in block b of this many steps. */
  blockSteps: number;
  /** Stop Adam after a block whose mean loss is below this. */
  lossStop: number;
  /** Gauss–Newton zero-loss attempt: iteration cap (the target is SearchSettings.spuriousThreshold). */
  zeroLossIters: number;
  /**
   * Hand-off at block ends (gridRunOne.ts): try to finish the run by second-order means when the
   * block's mean loss is below handoffLoss (zero-loss attempt) or the gradient norm below
   * handoffGrad (a short critical-point refinement, accepted only at a point with no negative
   * eigenvalue). false runs Adam to its own stop, as the study did.
   */
  handoff: boolean;
  handoffLoss: number;
  handoffGrad: number;
  /** Critical-point refinement: iteration cap (the tolerance is SearchSettings.tol). */
  refineIters: number;
  /** Diagnostic Gauss–Newton descent after a failed refinement (gridZeroLoss.ts descendToMinimum): iteration cap. */
  descentIters: number;
  /** Relative tolerance for zero eigenvalues (gridClassify.ts). */
  eigTol: number;
  /** Embedding tolerances (gridEmbedding.ts). */
  dupTol: number;
  zeroTol: number;
}

export interface GridSearchPreset {
  name: string;
  reference: string;
  runs: number;
  activation: Activation;
  step: number;
  maxIters: number;
  /** Gradient norm at which the refinement stops (float noise of ∇L is about 1e-17 here). */
  tol: number;
  /** A run whose loss gets below this is global (float evidence). */
  globalLoss: number;
  options: Omit<GridSearchOptions, 'setting' | 'activation' | 'problem'>;
}

export const GRID_PRESETS: Readonly<Record<string, GridSearchPreset>> = {
  [GRID_PRESET]: {
    name: GRID_PRESET,
    reference:
      'Şimşek, Ged, Jacot, Spadaro, Hongler, Gerstner & Brea, Geometry of the loss landscape in overparameterized neural networks: symmetries and invariances, ICML 2021',
    runs: 1000,
    activation: 'sigmoid',
    step: 1e-3,
    maxIters: 100_000,
    tol: 1e-12,
    globalLoss: 1e-18,
    options: {
      init: 'xavier-uniform',
      beta1: 0.9,
      beta2: 0.999,
      eps: 5e-9,
      blockSteps: 10_000,
      lossStop: 5e-8,
      zeroLossIters: 300,
      handoff: true,
      handoffLoss: 1e-5,
      handoffGrad: 1e-5,
      refineIters: 200,
      descentIters: 600,
      eigTol: 1e-9,
      dupTol: 1e-3,
      zeroTol: 1e-6,
    },
  },
};

export function isGridPreset(name: string | undefined): boolean {
  return name !== undefined && Object.prototype.hasOwnProperty.call(GRID_PRESETS, name);
}
