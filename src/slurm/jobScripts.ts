/**
 * Slurm batch scripts for a sharded certmin command (`certmin slurm`): a job array whose task I
 * runs the command with `--shard I/N` into DIR/shards/I, and a merge job (submitted with
 * --dependency=afterok on the array) that runs `certmin merge` into DIR. Pure text: nothing here
 * touches Slurm.
 */

export interface SlurmResources {
  partition?: string;
  time?: string;
  cpusPerTask: number;
  mem?: string;
}

export interface SlurmJobPlan {
  /** 'search' or 'certify'. */
  command: 'search' | 'certify';
  /** The command's own arguments (without --shard, --out, --workers), passed through verbatim. */
  args: string[];
  shards: number;
  /** Absolute output directory: merged result in it, shards in shards/I, scripts and logs in slurm/. */
  outDir: string;
  /** Absolute working directory of every job (relative paths in `args` are relative to it). */
  workDir: string;
  /** How a job starts certmin, already shell-quoted (e.g. '/usr/bin/node' '/opt/certmin/bin/certmin.js'). */
  certmin: string;
  resources: SlurmResources;
}

/** POSIX shell single-quoting (safe for any string). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function shardDir(plan: SlurmJobPlan, index: number | string): string {
  return `${plan.outDir}/shards/${index}`;
}

export function scriptDir(plan: SlurmJobPlan): string {
  return `${plan.outDir}/slurm`;
}

function header(plan: SlurmJobPlan, name: string, cpus: number, extra: string[]): string[] {
  const r = plan.resources;
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    ...extra,
    `#SBATCH --chdir=${plan.workDir}`,
    `#SBATCH --ntasks=1`,
    `#SBATCH --cpus-per-task=${cpus}`,
    ...(r.partition !== undefined ? [`#SBATCH --partition=${r.partition}`] : []),
    ...(r.time !== undefined ? [`#SBATCH --time=${r.time}`] : []),
    ...(r.mem !== undefined ? [`#SBATCH --mem=${r.mem}`] : []),
    'set -euo pipefail',
  ];
}

/**
 * The job array: `#SBATCH --array=0-(N−1)`; task I runs the command with --shard I/N into
 * shards/I (search also with --workers $SLURM_CPUS_PER_TASK). Resubmitting it resumes: each
 * shard directory resumes its finished runs / certificates.
 */
export function arrayJobScript(plan: SlurmJobPlan): string {
  const logs = `${scriptDir(plan)}/logs`;
  const lines = header(plan, `certmin-${plan.command}`, plan.resources.cpusPerTask, [
    `#SBATCH --array=0-${plan.shards - 1}`,
    `#SBATCH --output=${logs}/${plan.command}-%A_%a.out`,
  ]);
  const workers = plan.command === 'search' ? ' --workers "${SLURM_CPUS_PER_TASK:-1}"' : '';
  lines.push(
    `exec ${plan.certmin} ${plan.command} ${plan.args.map(shellQuote).join(' ')}` +
      ` --shard "$SLURM_ARRAY_TASK_ID/${plan.shards}"${workers} --out ${shellQuote(plan.outDir)}/shards/"$SLURM_ARRAY_TASK_ID"`,
    '',
  );
  return lines.join('\n');
}

/** The merge job: `certmin merge shards/0 … shards/N−1 --out DIR` (submitted after the array succeeded). */
export function mergeJobScript(plan: SlurmJobPlan): string {
  const lines = header(plan, `certmin-${plan.command}-merge`, 1, [`#SBATCH --output=${scriptDir(plan)}/logs/merge-%j.out`]);
  const dirs = Array.from({ length: plan.shards }, (_, i) => shellQuote(shardDir(plan, i)));
  lines.push(`exec ${plan.certmin} merge ${dirs.join(' ')} --out ${shellQuote(plan.outDir)}`, '');
  return lines.join('\n');
}

/** The two sbatch commands, the second depending on the first (what `--submit` runs). */
export function submitScript(plan: SlurmJobPlan): string {
  const dir = shellQuote(scriptDir(plan));
  return [
    '#!/bin/bash',
    '# Submits the job array, then the merge job that runs once every array task has succeeded.',
    'set -euo pipefail',
    `ARRAY_JOB_ID=$(sbatch --parsable ${dir}/array.sh)`,
    'ARRAY_JOB_ID=${ARRAY_JOB_ID%%;*}',
    `MERGE_JOB_ID=$(sbatch --parsable --dependency=afterok:$ARRAY_JOB_ID ${dir}/merge.sh)`,
    'echo "array job $ARRAY_JOB_ID, merge job ${MERGE_JOB_ID%%;*}"',
    '',
  ].join('\n');
}
