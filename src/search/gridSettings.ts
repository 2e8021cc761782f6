import { InputError } from '../errors.js';
import { gridSpecOfFlags } from '../io/gridProblem.js';
import { GRID_PRESETS } from './gridPreset.js';
import { parseSeed } from './rng.js';
import { DEFAULT_FAMILY_TOL, type SearchOptionsInput, type SearchSettings } from './settings.js';

/**
 * Settings of a finite-data search (preset simsek-2021-grid) from the preset and explicit flags.
 * The common fields mean: k = teacher width (0 when the data carry labels), d = 2, teacher = the
 * teacher's name, step = Adam's learning rate, maxIters = Adam's step cap, tol = the refinement's
 * gradient tolerance, spuriousThreshold = the loss below which a run is global (float evidence),
 * familyTol = the distance within which runs form one family. The data set and teacher are read
 * here (InputError for unusable files) and recorded with their sha256.
 */
export function resolveGridSettings(input: SearchOptionsInput): SearchSettings {
  const preset = GRID_PRESETS[input.preset!]!;
  const activation = input.activation ?? preset.activation;
  if (activation !== 'sigmoid' && activation !== 'relu') throw new InputError(`--activation ${activation}: must be sigmoid or relu`);
  if (input.n === undefined) throw new InputError(`--n is required with --preset ${preset.name} (the study used 4, 5, 6, 7)`);
  const n = positiveInt(input.n, '--n');
  if (input.k !== undefined) throw new InputError(`--k does not apply to --preset ${preset.name}: the teacher fixes it`);
  if (input.d !== undefined && positiveInt(input.d, '--d') !== 2) throw new InputError(`--d ${input.d}: the finite-data setting is two-dimensional`);
  if (input.tolNorm !== undefined && input.tolNorm !== 'frobenius') {
    throw new InputError(`--tol-norm ${input.tolNorm}: --preset ${preset.name} measures the gradient by its Euclidean norm`);
  }
  if (input.stopBelowThreshold) throw new InputError(`--stop-below-threshold does not apply to --preset ${preset.name}`);
  const init = input.init ?? preset.options.init;
  if (init !== 'xavier-uniform') throw new InputError(`--init ${init}: unknown initialisation for ${preset.name} (known: xavier-uniform)`);
  const { problem, spec } = gridSpecOfFlags(activation, input.data, input.teacher);
  const seedText = input.seed === undefined ? '0' : String(input.seed);
  const seed = parseSeed(seedText);
  if (seed === undefined) throw new InputError(`--seed ${seedText}: must be an integer in [0, 2^64)`);
  const o = preset.options;
  const num = (v: string | number | undefined, flag: string, def: number) => (v === undefined ? def : positiveNumber(v, flag));
  const beta = (v: string | number | undefined, flag: string, def: number) => {
    const x = num(v, flag, def);
    if (!(x < 1)) throw new InputError(`${flag} ${v}: must be in (0, 1)`);
    return x;
  };
  return {
    preset: preset.name,
    k: problem.teacher ? problem.teacher.a.length : 0,
    n,
    d: 2,
    teacher: problem.teacher ? problem.teacher.name : 'labels',
    init,
    step: num(input.step, '--step', preset.step),
    tol: num(input.tol, '--tol', preset.tol),
    tolNorm: 'frobenius',
    maxIters: input.maxIters === undefined ? preset.maxIters : positiveInt(input.maxIters, '--max-iters'),
    spuriousThreshold: num(input.spuriousThreshold, '--spurious-threshold', preset.globalLoss),
    familyTol: num(input.familyTol, '--family-tol', DEFAULT_FAMILY_TOL),
    seed: seed.toString(),
    finiteData: {
      setting: 'grid-teacher-2d',
      activation,
      problem: spec,
      init,
      beta1: beta(input.beta1, '--beta1', o.beta1),
      beta2: beta(input.beta2, '--beta2', o.beta2),
      eps: num(input.eps, '--eps', o.eps),
      blockSteps: input.blockSteps === undefined ? o.blockSteps : positiveInt(input.blockSteps, '--block-steps'),
      lossStop: input.lossStop === undefined ? o.lossStop : nonNegativeNumber(input.lossStop, '--loss-stop'),
      zeroLossIters: o.zeroLossIters,
      handoff: input.handoff ?? o.handoff,
      handoffLoss: o.handoffLoss,
      handoffGrad: o.handoffGrad,
      refineIters: o.refineIters,
      descentIters: o.descentIters,
      eigTol: num(input.eigTol, '--eig-tol', o.eigTol),
      dupTol: o.dupTol,
      zeroTol: o.zeroTol,
    },
  };
}

function positiveInt(value: string | number, flag: string): number {
  const text = String(value).trim();
  const x = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(x) || x < 1) throw new InputError(`${flag} ${text}: must be a positive integer`);
  return x;
}

function positiveNumber(value: string | number, flag: string): number {
  const x = nonNegativeNumber(value, flag);
  if (x === 0) throw new InputError(`${flag} ${value}: must be a positive number`);
  return x;
}

function nonNegativeNumber(value: string | number, flag: string): number {
  const text = String(value).trim();
  const x = Number(text);
  if (text === '' || !Number.isFinite(x) || x < 0) throw new InputError(`${flag} ${text}: must be a number ≥ 0`);
  return x;
}
