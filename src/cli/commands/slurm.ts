import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { arrayJobScript, mergeJobScript, scriptDir, shellQuote, submitScript, type SlurmJobPlan } from '../../slurm/jobScripts.js';
import { sbatch } from '../../slurm/sbatch.js';
import { addCertifyOptions, precisionOption } from './certify.js';
import { addSearchOptions, settingsOfOptions } from './search.js';

interface SlurmCliOptions {
  shards: string;
  out: string;
  partition?: string;
  time?: string;
  cpusPerTask?: string;
  mem?: string;
  submit?: boolean;
  certmin?: string;
}

/** Options that `certmin slurm` sets itself in every job. */
const RESERVED = ['--shard', '--workers', '--out'];

export function register(program: Command): void {
  const slurm = program
    .command('slurm')
    .description(
      'Run a search or certify as a Slurm job array of N shards plus a merge job (afterok): writes the batch scripts ' +
        'into OUT/slurm, prints the sbatch commands, and with --submit submits them. Resubmitting resumes.',
    );
  for (const command of ['search', 'certify'] as const) {
    slurm
      .command(command)
      .description(`certmin ${command} as a Slurm job array: pass every ${command} option as usual, plus the options below`)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[args...]', `the arguments of certmin ${command} (without --shard, --workers, --out)`)
      .requiredOption('--shards <N>', 'number of array tasks; task I runs --shard I/N')
      .requiredOption('--out <dir>', 'output directory: merged result in it, shards in OUT/shards/I, scripts and logs in OUT/slurm')
      .option('--partition <P>', 'Slurm partition')
      .option('--time <T>', 'time limit of each task (Slurm syntax, e.g. 2:00:00)')
      .option('--cpus-per-task <C>', 'cores per task (search runs C workers)', '1')
      .option('--mem <M>', 'memory per task (Slurm syntax, e.g. 4G)')
      .option('--certmin <cmd>', 'how a job starts certmin (default: this node and this bin/certmin.js)')
      .option('--submit', 'submit the array and the merge job with sbatch')
      .action(async (args: string[], opts: SlurmCliOptions) => {
        await slurmCommand(command, args, opts);
      });
  }
}

async function slurmCommand(command: 'search' | 'certify', args: string[], opts: SlurmCliOptions): Promise<void> {
  const shards = positiveInt(opts.shards, '--shards');
  const cpusPerTask = positiveInt(opts.cpusPerTask ?? '1', '--cpus-per-task');
  const reserved = args.find((a) => RESERVED.includes(a.split('=')[0]!));
  if (reserved !== undefined) throw new InputError(`certmin slurm ${command}: ${reserved.split('=')[0]} is set by certmin slurm for each task; leave it out`);
  await checkArguments(command, args);
  const outDir = resolve(opts.out);
  const plan: SlurmJobPlan = {
    command,
    args,
    shards,
    outDir,
    workDir: process.cwd(),
    certmin: opts.certmin ?? `${shellQuote(process.execPath)} ${shellQuote(certminScript())}`,
    resources: { cpusPerTask, partition: opts.partition, time: opts.time, mem: opts.mem },
  };
  const dir = scriptDir(plan);
  mkdirSync(`${dir}/logs`, { recursive: true });
  const arrayPath = `${dir}/array.sh`;
  const mergePath = `${dir}/merge.sh`;
  writeFileAtomic(arrayPath, arrayJobScript(plan));
  writeFileAtomic(mergePath, mergeJobScript(plan));
  writeFileAtomic(`${dir}/submit.sh`, submitScript(plan));
  if (!opts.submit) {
    process.stdout.write(
      [
        `Wrote ${arrayPath} (${shards} tasks), ${mergePath} and ${dir}/submit.sh. Submit with:`,
        `  ARRAY_JOB_ID=$(sbatch --parsable ${shellQuote(arrayPath)})`,
        `  sbatch --dependency=afterok:$ARRAY_JOB_ID ${shellQuote(mergePath)}`,
        `(or: bash ${shellQuote(`${dir}/submit.sh`)}). The merged result appears in ${outDir}/.`,
        '',
      ].join('\n'),
    );
    return;
  }
  const arrayId = sbatch(arrayPath);
  const mergeId = sbatch(mergePath, [`--dependency=afterok:${arrayId}`]);
  process.stdout.write(
    `Submitted array job ${arrayId} (${shards} tasks) and merge job ${mergeId} (afterok:${arrayId}); the merged result appears in ${outDir}/\n` +
      `array_job_id=${arrayId} merge_job_id=${mergeId}\n`,
  );
}

/** Parses the pass-through arguments as the real command would, so that mistakes show now, not in the queue. */
async function checkArguments(command: 'search' | 'certify', args: string[]): Promise<void> {
  const cmd = new Command(command).exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  if (command === 'certify') cmd.argument('<input...>');
  (command === 'search' ? addSearchOptions(cmd) : addCertifyOptions(cmd)).action(() => {});
  try {
    cmd.parse(args, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw new InputError(`certmin slurm ${command}: ${err.message.replace(/^error: /, '')}`);
    throw err;
  }
  if (command === 'search') {
    await settingsOfOptions(cmd.opts());
  } else {
    precisionOption(cmd.opts<{ precision: string }>().precision);
    const missing = cmd.args.find((input) => !existsSync(input));
    if (missing !== undefined) throw new InputError(`${missing}: input file not found`);
  }
}

/** bin/certmin.js of this installation (this module is dist/src/cli/commands/slurm.js). */
function certminScript(): string {
  return fileURLToPath(new URL('../../../../bin/certmin.js', import.meta.url));
}

function positiveInt(text: string, flag: string): number {
  const x = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(x) || x < 1) throw new InputError(`${flag} ${text}: must be a positive integer`);
  return x;
}
