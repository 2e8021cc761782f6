import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { arrayJobScript, mergeJobScript, shellQuote, submitScript, type SlurmJobPlan } from '../../src/slurm/jobScripts.js';
import { parseJobId } from '../../src/slurm/sbatch.js';
import { expectInputError } from '../helpers/errors.js';

const plan: SlurmJobPlan = {
  command: 'search',
  args: ['--preset', 'safran-shamir-2018', '--k', '7', '--teacher', "my teacher's.json"],
  shards: 4,
  outDir: '/scratch/out',
  workDir: '/home/me',
  certmin: "'/usr/bin/node' '/opt/certmin/bin/certmin.js'",
  resources: { cpusPerTask: 8, partition: 'cpu', time: '2:00:00', mem: '4G' },
};

describe('Slurm job scripts', () => {
  it('shell-quotes any string so that bash reads it back unchanged', () => {
    for (const s of ['plain', 'with space', "it's", '$HOME', '`x`', 'a"b', '', '--k=5', 'ü']) {
      const r = spawnSync('bash', ['-c', `printf %s ${shellQuote(s)}`], { encoding: 'utf8' });
      expect(r.stdout).toBe(s);
    }
  });

  it('array job: one task per shard, --shard I/N, workers from the allocation, resources as given', () => {
    const text = arrayJobScript(plan);
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    for (const line of ['#SBATCH --array=0-3', '#SBATCH --cpus-per-task=8', '#SBATCH --partition=cpu', '#SBATCH --time=2:00:00', '#SBATCH --mem=4G', '#SBATCH --chdir=/home/me']) {
      expect(text.split('\n')).toContain(line);
    }
    const exec = text.split('\n').find((l) => l.startsWith('exec '))!;
    expect(exec).toBe(
      "exec '/usr/bin/node' '/opt/certmin/bin/certmin.js' search --preset safran-shamir-2018 --k 7 --teacher 'my teacher'\\''s.json'" +
        ' --shard "$SLURM_ARRAY_TASK_ID/4" --workers "${SLURM_CPUS_PER_TASK:-1}" --out /scratch/out/shards/"$SLURM_ARRAY_TASK_ID"',
    );
    // The command line bash actually runs for task 2 with 8 CPUs.
    const argv = spawnSync('bash', ['-c', `${exec.replace(/^exec .*?certmin\.js'/, "printf '%s\\n'")}`], {
      encoding: 'utf8', env: { SLURM_ARRAY_TASK_ID: '2', SLURM_CPUS_PER_TASK: '8' },
    }).stdout.trimEnd().split('\n');
    expect(argv).toEqual(['search', '--preset', 'safran-shamir-2018', '--k', '7', '--teacher', "my teacher's.json", '--shard', '2/4', '--workers', '8', '--out', '/scratch/out/shards/2']);
    const certify = arrayJobScript({ ...plan, command: 'certify', args: ['in.jsonl'] });
    expect(certify).not.toContain('--workers');
  });

  it('merge job merges every shard into the output directory; submit script chains it with afterok', () => {
    const merge = mergeJobScript(plan);
    expect(merge).toContain('#SBATCH --cpus-per-task=1');
    expect(merge).toContain(
      "exec '/usr/bin/node' '/opt/certmin/bin/certmin.js' merge /scratch/out/shards/0 /scratch/out/shards/1 /scratch/out/shards/2 /scratch/out/shards/3 --out /scratch/out",
    );
    const submit = submitScript(plan);
    expect(submit).toContain('ARRAY_JOB_ID=$(sbatch --parsable /scratch/out/slurm/array.sh)');
    expect(submit).toContain('sbatch --parsable --dependency=afterok:$ARRAY_JOB_ID /scratch/out/slurm/merge.sh');
  });

  it('parses the job id printed by sbatch --parsable', () => {
    expect(parseJobId('4242\n')).toBe('4242');
    expect(parseJobId('4242;cluster-a\n')).toBe('4242');
    expectInputError(() => parseJobId('sbatch: error: Batch job submission failed'), /not a job id/);
  });
});
