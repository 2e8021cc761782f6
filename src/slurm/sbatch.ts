import { spawnSync } from 'node:child_process';
import { InputError } from '../errors.js';

/**
 * The job id printed by `sbatch --parsable` ("ID" or "ID;CLUSTER"); InputError if the output is
 * not of that form.
 */
export function parseJobId(stdout: string): string {
  const id = stdout.trim().split(';')[0]!;
  if (!/^\d+$/.test(id)) throw new InputError(`sbatch printed '${stdout.trim()}', not a job id`);
  return id;
}

/**
 * Runs `sbatch --parsable [extra…] script` and returns the job id. InputError (one line) when
 * sbatch is not installed or refuses the job (its first error line is quoted).
 */
export function sbatch(script: string, extra: string[] = [], command = 'sbatch'): string {
  const r = spawnSync(command, ['--parsable', ...extra, script], { encoding: 'utf8' });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(
      missing
        ? `${command} not found: run this on a Slurm submit host (or without --submit, then run the printed commands there)`
        : `${command} failed to start: ${r.error.message}`,
    );
  }
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout).trim().split('\n')[0] ?? '';
    throw new InputError(`${command} refused ${script} (exit ${r.status}): ${why}`);
  }
  return parseJobId(r.stdout);
}
