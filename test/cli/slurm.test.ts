import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `certmin slurm` through bin/certmin.js (build first). A stand-in `sbatch` on PATH records its
// arguments; the real Slurm run is scripts/slurm-local.sh (run by .ci/run).

let root: string;
let fakeBin: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/slurm.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-slurm-cli-'));
  fakeBin = join(root, 'bin');
  mkdirSync(fakeBin);
  writeFileSync(
    join(fakeBin, 'sbatch'),
    // Shell built-ins only: PATH holds nothing else.
    `#!/bin/sh\necho "$@" >> "${join(root, 'sbatch.log')}"\nn=0\nwhile read -r _; do n=$((n + 1)); done < "${join(root, 'sbatch.log')}"\necho "$((700 + n));local"\n`,
  );
  chmodSync(join(fakeBin, 'sbatch'), 0o755);
  noSbatch = join(root, 'empty-bin');
  mkdirSync(noSbatch);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[], path: string) {
  const r = spawnSync(process.execPath, ['bin/certmin.js', ...args], { encoding: 'utf8', env: { ...process.env, PATH: path } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** A PATH without sbatch (certmin itself is started by absolute path). */
let noSbatch: string;
const search = ['slurm', 'search', '--preset', 'safran-shamir-2018', '--k', '6', '--runs', '30', '--shards', '3'];

describe('certmin slurm', () => {
  it('writes the array, merge and submit scripts and prints the sbatch commands', () => {
    const out = join(root, 'plan');
    const r = certmin([...search, '--time', '1:00:00', '--out', out], noSbatch);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`ARRAY_JOB_ID=$(sbatch --parsable ${out}/slurm/array.sh)`);
    expect(r.stdout).toContain(`sbatch --dependency=afterok:$ARRAY_JOB_ID ${out}/slurm/merge.sh`);
    const array = readFileSync(join(out, 'slurm', 'array.sh'), 'utf8');
    expect(array).toContain('#SBATCH --array=0-2');
    expect(array).toContain('#SBATCH --time=1:00:00');
    expect(array).toContain('search --preset safran-shamir-2018 --k 6 --runs 30 --shard "$SLURM_ARRAY_TASK_ID/3"');
    expect(existsSync(join(out, 'slurm', 'logs'))).toBe(true);
    expect(readFileSync(join(out, 'slurm', 'merge.sh'), 'utf8')).toContain(`merge ${out}/shards/0 ${out}/shards/1 ${out}/shards/2 --out ${out}`);
  });

  it('--submit submits the array, then the merge job with afterok on the array job id', () => {
    const out = join(root, 'submitted');
    const r = certmin([...search, '--out', out, '--submit'], `${fakeBin}:${noSbatch}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('array_job_id=701 merge_job_id=702');
    expect(readFileSync(join(root, 'sbatch.log'), 'utf8').trimEnd().split('\n')).toEqual([
      `--parsable ${out}/slurm/array.sh`,
      `--parsable --dependency=afterok:701 ${out}/slurm/merge.sh`,
    ]);
  });

  it('one clear line and exit 2 for a missing sbatch and for bad arguments, before anything is queued', () => {
    const cases: [string[], RegExp][] = [
      [[...search, '--out', join(root, 'x'), '--submit'], /sbatch not found: run this on a Slurm submit host/],
      [[...search, '--workers', '2', '--out', join(root, 'x')], /--workers is set by certmin slurm/],
      [[...search, '--bogus', '--out', join(root, 'x')], /unknown option '--bogus'/],
      [['slurm', 'search', '--preset', 'nope', '--k', '6', '--shards', '2', '--out', join(root, 'x')], /unknown preset 'nope'/],
      [['slurm', 'search', '--preset', 'safran-shamir-2018', '--k', '6', '--shards', '0', '--out', join(root, 'x')], /--shards 0/],
      [['slurm', 'certify', join(root, 'absent.json'), '--shards', '2', '--out', join(root, 'x')], /absent\.json: input file not found/],
      [['slurm', 'certify', join(root, 'absent.json'), '--precision', '5', '--shards', '2', '--out', join(root, 'x')], /--precision must be an integer in 10\.\.1000/],
    ];
    for (const [args, msg] of cases) {
      const r = certmin(args, noSbatch);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });
});
