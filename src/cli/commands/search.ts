import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { InputError } from '../../errors.js';
import { ensureDirectory } from '../../io/outputDirectory.js';
import { isGridPreset } from '../../search/gridPreset.js';
import { PRESET_NAMES, defaultRuns, getPreset } from '../../search/presets.js';
import { runSearch } from '../../search/runSearch.js';
import { resolveSettings, type SearchOptionsInput, type SearchSettings } from '../../search/settings.js';
import { summaryMarkdown } from '../../search/summary.js';

interface SearchCliOptions extends SearchOptionsInput {
  runs?: string;
  workers?: string;
  out?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('search')
    .description(
      'Run gradient descent from seeded random starts, group the end points into families up to symmetry, ' +
        'and report how many runs end at global minima, spurious candidates, saddles (published experiments as presets).',
    )
    .action(async (opts: SearchCliOptions) => {
      await searchCommand(opts);
    });
  addSearchOptions(cmd);
}

/** Declares the options of `certmin search` on `cmd` (also used by `certmin slurm search` to check its arguments). */
export function addSearchOptions(cmd: Command): Command {
  return cmd
    .option('--preset <name>', `experiment preset (${PRESET_NAMES.join(', ')})`)
    .option('--k <k>', 'teacher neurons (identity teacher: d = k)')
    .option('--n <n>', 'student neurons (default: k)')
    .option('--d <d>', 'input dimension (identity teacher: must equal k)')
    .option(
      '--teacher <spec>',
      "teacher: 'identity' or a matrix file (d×k); finite-data presets: 'simsek-4' (default) or a JSON file {W, a}",
    )
    .option('--activation <act>', 'finite-data presets: sigmoid (default) or relu')
    .option('--data <spec>', "finite-data presets: 'grid-41x41' (default) or a CSV/NPY file (x1, x2[, y] per row)")
    .option('--beta1 <b>', 'finite-data presets: Adam β₁ (default 0.9)')
    .option('--beta2 <b>', 'finite-data presets: Adam β₂ (default 0.999)')
    .option('--eps <e>', "finite-data presets: Adam ε in this tool's loss units (default 5e-9 = torch's 1e-8 on the MSE)")
    .option('--block-steps <B>', 'finite-data presets: the learning rate is step/(1 + b) in block b of B steps (default 10000)')
    .option('--loss-stop <L>', 'finite-data presets: stop Adam after a block of mean loss below L (default 5e-8; 0: never)')
    .option('--eig-tol <t>', 'finite-data presets: eigenvalues with |λ| ≤ t·max|λ| count as zero (default 1e-9)')
    .option(
      '--no-handoff',
      'finite-data presets: run Adam to its own stop (the study) instead of finishing a run at a block end once a ' +
        'zero-loss point or a critical point without negative eigenvalues is reached',
    )
    .option('--runs <R>', 'number of runs (default: the preset\'s published count)')
    .option('--seed <S>', 'base seed, integer in [0, 2^64)', '0')
    .option('--workers <W>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output directory (default: ./search-out/<preset>[-<teacher file>]-k<K>-n<N>[-shard<I>of<N>])')
    .option('--step <eta>', 'gradient-descent step size; finite-data presets: Adam learning rate (override)')
    .option('--tol <g>', 'stop when the gradient norm is at most this; finite-data presets: refinement tolerance (override)')
    .option('--tol-norm <kind>', 'per-neuron | frobenius: how --tol is measured (override)')
    .option('--max-iters <T>', 'iteration cap; runs reaching it are not-converged; finite-data presets: Adam steps (override)')
    .option('--init <scheme>', 'initialisation: xavier, entries N(0, 1/d); finite-data presets: xavier-uniform (override)')
    .option('--spurious-threshold <f>', 'loss at or above which a converged point is not global; finite-data presets default 1e-18 (override)')
    .option('--family-tol <t>', 'Frobenius distance up to symmetry within which runs form one family (default 1e-4)')
    .option(
      '--stop-below-threshold',
      'stop a run once its loss is below the spurious threshold (classified below-threshold); the counts of ' +
        'spurious and saddle candidates are unchanged, and n > k searches run many times faster',
    )
    .option(
      '--shard <I/N>',
      'compute only the runs r with r mod N = I (same per-run seeds); `certmin merge` combines the N shard directories',
    )
    .option('--json', 'print summary.json to stdout instead of the Markdown summary');
}

/** The search settings of parsed `certmin search` options (loads a teacher file); InputError for bad values. */
export async function settingsOfOptions(opts: SearchOptionsInput): Promise<SearchSettings> {
  let teacherMatrix: string[][] | undefined;
  if (opts.teacher !== undefined && opts.teacher !== 'identity' && !isGridPreset(opts.preset)) {
    if (opts.preset !== undefined) getPreset(opts.preset); // report an unknown preset first
    const d = opts.d ?? opts.k;
    if (d === undefined) throw new InputError('--teacher FILE needs --d (the input dimension: rows of the teacher matrix)');
    const { loadTeacher } = await import('../../io/teacher.js');
    teacherMatrix = loadTeacher(opts.teacher, Number(d));
  }
  return resolveSettings(opts, teacherMatrix);
}

async function searchCommand(opts: SearchCliOptions): Promise<void> {
  const settings = await settingsOfOptions(opts);
  const runs = opts.runs === undefined ? defaultRuns(settings.preset) : countOption(opts.runs, '--runs', 1);
  const workers = opts.workers === undefined ? availableParallelism() : countOption(opts.workers, '--workers', 1);
  const teacherTag = settings.teacher === 'identity' ? '' : `-${basename(settings.teacher).replace(/\.[^.]*$/, '')}`;
  const shardTag = settings.shard === undefined ? '' : `-shard${settings.shard.replace('/', 'of')}`;
  const outDir =
    opts.out ??
    join(
      'search-out',
      settings.finiteData
        ? `${settings.preset}-${settings.finiteData.activation}${teacherTag}-n${settings.n}${shardTag}`
        : `${settings.preset}${teacherTag}-k${settings.k}-n${settings.n}${shardTag}`,
    );

  ensureDirectory(outDir, '--out');
  const controller = new AbortController();
  let interruptedBySignal = false;
  const onSigint = () => {
    interruptedBySignal = true;
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const showBar = process.stdout.isTTY === true && !opts.json;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          format: 'search {bar} {value}/{total} runs | {rate} runs/s | ETA {eta_formatted}',
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const started = Date.now();
  let startDone = -1;
  try {
    const outcome = await runSearch(settings, {
      runs,
      workers,
      outDir,
      signal: controller.signal,
      onProgress: (done, total) => {
        if (!bar) return;
        if (startDone < 0) {
          startDone = done;
          bar.start(total, done, { rate: '0.0' });
          return;
        }
        const secs = (Date.now() - started) / 1000;
        bar.update(done, { rate: secs > 0 ? ((done - startDone) / secs).toFixed(1) : '0.0' });
      },
    });
    bar?.stop();
    const secs = (Date.now() - started) / 1000;
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    } else {
      process.stdout.write(summaryMarkdown(outcome.summary));
      process.stdout.write(
        `Computed ${outcome.computed} runs in ${secs.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}` +
          `${outcome.resumed ? ` (${outcome.resumed} resumed from ${outDir})` : ''}; results in ${outDir}/\n`,
      );
    }
    if (outcome.interrupted || interruptedBySignal) {
      process.stderr.write(
        `certmin: interrupted after ${outcome.summary.runs} of ${runs} runs; every file in ${outDir} is valid; rerun the same command to resume\n`,
      );
      process.exitCode = 130;
    }
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

function countOption(value: string, flag: string, min: number): number {
  const text = value.trim();
  const x = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(x) || x < min) {
    throw new InputError(`${flag} ${text}: must be an integer ≥ ${min}`);
  }
  return x;
}
