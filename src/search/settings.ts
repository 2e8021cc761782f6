import { InputError } from '../errors.js';
import { parseShard, shardLabel } from '../io/shard.js';
import type { GridSearchOptions } from './gridPreset.js';
import { isGridPreset } from './gridPreset.js';
import { resolveGridSettings } from './gridSettings.js';
import { PRESET_NAMES, getPreset, type TolNorm } from './presets.js';
import { parseSeed } from './rng.js';

/**
 * Everything that determines the results of a search (stored in families.json and compared on
 * resume). The run count, worker count and output directory are not settings: they do not change
 * any single run's result.
 */
export interface SearchSettings {
  preset: string;
  k: number;
  n: number;
  d: number;
  /** 'identity' (V = I_k, d = k) or the path of a teacher file. */
  teacher: string;
  /** The teacher matrix (d rows × k columns of decimal strings) when it came from a file. */
  teacherMatrix?: string[][];
  /** 'xavier': N(0, 1/d) entries (population presets); 'xavier-uniform' (finite-data preset). */
  init: 'xavier' | 'xavier-uniform';
  step: number;
  tol: number;
  tolNorm: TolNorm;
  maxIters: number;
  spuriousThreshold: number;
  /** Frobenius distance within which two aligned points belong to one family. */
  familyTol: number;
  /**
   * Stop a run as soon as its loss is below spuriousThreshold (classification 'below-threshold').
   * Leaves the counts of spurious and saddle candidates unchanged (see gradientDescent) and makes
   * n > k searches, whose runs approach the continuum of global minima sublinearly, many times
   * faster. Absent in files written before the option existed, which means false.
   */
  stopBelowThreshold?: boolean;
  /** Base seed, a decimal integer in [0, 2^64). */
  seed: string;
  /**
   * "I/N": this search computes only the runs r with r mod N = I (search --shard; `certmin merge`
   * combines the N shards into the unsharded output). Absent for an unsharded search.
   */
  shard?: string;
  /**
   * Present for finite-data searches (preset simsek-2021-grid, DESIGN.md §7): the setting, data and
   * teacher, Adam and refinement parameters (gridPreset.ts). The common fields then have the
   * meanings listed in gridSettings.ts.
   */
  finiteData?: GridSearchOptions;
}

/** Raw option values as the CLI collects them (strings from the command line, or numbers). */
export interface SearchOptionsInput {
  preset?: string;
  k?: string | number;
  n?: string | number;
  d?: string | number;
  teacher?: string;
  init?: string;
  step?: string | number;
  tol?: string | number;
  tolNorm?: string;
  maxIters?: string | number;
  spuriousThreshold?: string | number;
  familyTol?: string | number;
  stopBelowThreshold?: boolean;
  seed?: string | number;
  shard?: string;
  /** Finite-data preset only (gridSettings.ts). */
  activation?: string;
  data?: string;
  beta1?: string | number;
  beta2?: string | number;
  eps?: string | number;
  blockSteps?: string | number;
  lossStop?: string | number;
  eigTol?: string | number;
  handoff?: boolean;
}

/** Default tolerance for grouping runs into families (see families.ts). */
export const DEFAULT_FAMILY_TOL = 1e-4;

/**
 * Resolves the preset and explicit overrides into settings; InputError (one line naming the
 * flag) for anything invalid. A teacher file is loaded by the caller (it needs I/O); here
 * `teacherMatrix` is taken as given.
 */
export function resolveSettings(input: SearchOptionsInput, teacherMatrix?: string[][]): SearchSettings {
  if (input.preset === undefined) {
    throw new InputError(`--preset is required (known presets: ${knownPresetNames()})`);
  }
  if (isGridPreset(input.preset)) return resolveGridSettings(input);
  for (const flag of ['activation', 'data', 'beta1', 'beta2', 'eps', 'blockSteps', 'lossStop', 'eigTol'] as const) {
    if (input[flag] !== undefined) throw new InputError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies only to finite-data presets`);
  }
  if (input.handoff === false) throw new InputError('--no-handoff applies only to finite-data presets');
  const preset = getPreset(input.preset);
  const teacher = input.teacher ?? preset.teacher;
  let k: number;
  let d: number;
  if (teacher === 'identity') {
    if (input.k === undefined) throw new InputError('--k is required with the identity teacher');
    k = positiveInt(input.k, '--k');
    d = input.d === undefined ? k : positiveInt(input.d, '--d');
    if (d !== k) throw new InputError(`--d ${d}: the identity teacher needs d = k = ${k}`);
  } else {
    if (!teacherMatrix) throw new InputError(`--teacher ${teacher}: the teacher file was not loaded`);
    d = teacherMatrix.length;
    k = teacherMatrix[0]?.length ?? 0;
    if (input.k !== undefined && positiveInt(input.k, '--k') !== k) {
      throw new InputError(`--k ${input.k} does not match the teacher file ${teacher}, which has ${k} neurons`);
    }
    if (input.d !== undefined && positiveInt(input.d, '--d') !== d) {
      throw new InputError(`--d ${input.d} does not match the teacher file ${teacher}, which has d = ${d}`);
    }
  }
  const n = input.n === undefined ? preset.n(k) : positiveInt(input.n, '--n');
  const init = input.init ?? preset.init;
  if (init !== 'xavier') throw new InputError(`--init ${init}: unknown initialisation (known: xavier)`);
  const tolNorm = input.tolNorm ?? preset.tolNorm;
  if (tolNorm !== 'per-neuron' && tolNorm !== 'frobenius') {
    throw new InputError(`--tol-norm ${tolNorm}: must be per-neuron or frobenius`);
  }
  const seedText = input.seed === undefined ? '0' : String(input.seed);
  const seed = parseSeed(seedText);
  if (seed === undefined) throw new InputError(`--seed ${seedText}: must be an integer in [0, 2^64)`);
  const settings: SearchSettings = {
    preset: preset.name,
    k,
    n,
    d,
    teacher,
    init,
    step: input.step === undefined ? preset.step(k) : positiveNumber(input.step, '--step'),
    tol: input.tol === undefined ? preset.tol : positiveNumber(input.tol, '--tol'),
    tolNorm,
    maxIters: input.maxIters === undefined ? preset.maxIters : positiveInt(input.maxIters, '--max-iters'),
    spuriousThreshold:
      input.spuriousThreshold === undefined
        ? preset.spuriousThreshold
        : positiveNumber(input.spuriousThreshold, '--spurious-threshold'),
    familyTol: input.familyTol === undefined ? DEFAULT_FAMILY_TOL : positiveNumber(input.familyTol, '--family-tol'),
    seed: seed.toString(),
  };
  if (input.stopBelowThreshold === true) settings.stopBelowThreshold = true;
  if (input.shard !== undefined) settings.shard = shardLabel(parseShard(input.shard));
  if (teacherMatrix && teacher !== 'identity') settings.teacherMatrix = teacherMatrix;
  return settings;
}

/** The fields of two settings that differ (empty when a resumed search may continue). */
export function settingsDifferences(a: SearchSettings, b: SearchSettings): string[] {
  const keys: (keyof SearchSettings)[] = [
    'preset', 'k', 'n', 'd', 'init', 'step', 'tol', 'tolNorm', 'maxIters', 'spuriousThreshold', 'familyTol', 'seed',
  ];
  const diffs = keys.filter((key) => a[key] !== b[key]).map(String);
  if ((a.stopBelowThreshold ?? false) !== (b.stopBelowThreshold ?? false)) diffs.push('stopBelowThreshold');
  if (a.shard !== b.shard) diffs.push('shard');
  const teacherA = a.teacher === 'identity' ? 'identity' : JSON.stringify(a.teacherMatrix);
  const teacherB = b.teacher === 'identity' ? 'identity' : JSON.stringify(b.teacherMatrix);
  if (teacherA !== teacherB) diffs.push('teacher');
  if (JSON.stringify(a.finiteData ?? null) !== JSON.stringify(b.finiteData ?? null)) diffs.push('finiteData');
  return diffs;
}

function knownPresetNames(): string {
  return PRESET_NAMES.join(', ');
}

function positiveInt(value: string | number, flag: string): number {
  const text = String(value).trim();
  const x = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(x) || x < 1) {
    throw new InputError(`${flag} ${text}: must be a positive integer`);
  }
  return x;
}

function positiveNumber(value: string | number, flag: string): number {
  const text = String(value).trim();
  const x = Number(text);
  if (text === '' || !Number.isFinite(x) || x <= 0) throw new InputError(`${flag} ${text}: must be a positive number`);
  return x;
}
