import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// End-to-end tests of `certmin search` through bin/certmin.js (runs from dist/: build first with
// `npx tsc -p tsconfig.json`, as `npm test` does).

let root: string;
beforeAll(() => {
  if (!existsSync('dist/src/search/worker.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-search-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const base = ['search', '--preset', 'safran-shamir-2018', '--k', '5', '--seed', '3'];
const runOrder = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).run as number);
const sortedLines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').sort((a, b) => JSON.parse(a).run - JSON.parse(b).run);

describe('certmin search', () => {
  it('gives byte-identical results for 1 and 2 workers, runs.jsonl in run order', () => {
    const one = join(root, 'w1');
    const two = join(root, 'w2');
    const r1 = certmin([...base, '--runs', '8', '--workers', '1', '--out', one]);
    const r2 = certmin([...base, '--runs', '8', '--workers', '2', '--out', two]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    for (const f of ['runs.jsonl', 'families.json', 'summary.json', 'summary.md']) {
      expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    }
    expect(runOrder(join(two, 'runs.jsonl'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Not a TTY: stdout is only the Markdown summary plus the one closing line, no progress bar.
    expect(r1.stdout.startsWith('# certmin search: safran-shamir-2018, k = 5, n = 5, seed 3')).toBe(true);
    expect(r1.stdout).not.toMatch(/\u001b|ETA/);
    expect(readdirSync(one).sort()).toEqual(['families.json', 'runs.jsonl', 'summary.json', 'summary.md']);
  });

  it('resumes: 4 runs, then 8 runs equals a fresh 8-run search; a torn last line is redone', () => {
    const dir = join(root, 'resume');
    expect(certmin([...base, '--runs', '4', '--workers', '2', '--out', dir]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).runs).toBe(4);
    const r = certmin([...base, '--runs', '8', '--workers', '2', '--out', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    const fresh = join(root, 'w1');
    for (const f of ['runs.jsonl', 'families.json', 'summary.json', 'summary.md']) {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
    }

    // Simulate a kill during a write: half a line at the end.
    const lines = sortedLines(join(dir, 'runs.jsonl'));
    appendFileSync(join(dir, 'runs.jsonl'), lines[0]!.slice(0, 50));
    const again = certmin([...base, '--runs', '9', '--workers', '1', '--out', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Computed 1 runs .*\(8 resumed/);
    const after = readFileSync(join(dir, 'runs.jsonl'), 'utf8');
    expect(after.endsWith('\n')).toBe(true);
    expect(runOrder(join(dir, 'runs.jsonl'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses to resume with different settings', () => {
    const dir = join(root, 'w1');
    const r = certmin(['search', '--preset', 'safran-shamir-2018', '--k', '5', '--seed', '4', '--runs', '8', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/different settings \(seed\)/);
  });

  it('leaves every file valid when interrupted with SIGINT, and resumes afterwards', async () => {
    const dir = join(root, 'sigint');
    const args = ['bin/certmin.js', 'search', '--preset', 'safran-shamir-2018', '--k', '9', '--seed', '1', '--runs', '400', '--workers', '2', '--out', dir];
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const runsFile = join(dir, 'runs.jsonl');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (existsSync(runsFile) && readFileSync(runsFile, 'utf8').split('\n').length > 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted after \d+ of 400 runs/);
    const lines = readFileSync(runsFile, 'utf8').trimEnd().split('\n');
    const runs = lines.map((l) => JSON.parse(l).run as number);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThan(400);
    // Written in run order: the runs in the file are exactly 0 … m−1 (completions ahead of a run
    // still in flight were held back and are lost, to be recomputed on resume).
    expect(runs).toEqual([...runs.keys()]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const families = JSON.parse(readFileSync(join(dir, 'families.json'), 'utf8'));
    expect(summary.runs).toBe(runs.length);
    expect(summary.complete).toBe(false);
    expect(families.runs).toBe(runs.length);
    expect(families.families.reduce((s: number, f: { multiplicity: number }) => s + f.multiplicity, 0)).toBe(runs.length);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`Incomplete: ${runs.length} of 400 runs`);
    // Resume only up to one run past what was done (fast).
    const more = Math.max(...runs) + 2;
    const r = certmin(['search', '--preset', 'safran-shamir-2018', '--k', '9', '--seed', '1', '--runs', String(more), '--workers', '1', '--out', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({ runs: more, complete: true });
    const fresh = join(root, 'sigint-fresh');
    expect(certmin(['search', '--preset', 'safran-shamir-2018', '--k', '9', '--seed', '1', '--runs', String(more), '--workers', '1', '--out', fresh]).code).toBe(0);
    for (const f of ['runs.jsonl', 'families.json', 'summary.json', 'summary.md']) {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
    }
  });

  it('takes the teacher from a file and records it in families.json', () => {
    const teacher = join(root, 'teacher.json');
    writeFileSync(teacher, '[[1, 0, 0.5], [0, 1, 0.5], [0, 0, 0.5], [0, 0, 0.5]]');
    const dir = join(root, 'teacher');
    const r = certmin(['search', '--preset', 'safran-shamir-2018', '--teacher', teacher, '--d', '4', '--runs', '3', '--workers', '1', '--out', dir]);
    expect(r.code).toBe(0);
    const fam = JSON.parse(readFileSync(join(dir, 'families.json'), 'utf8'));
    expect(fam).toMatchObject({ k: 3, n: 3, d: 4, teacher, teacherMatrix: [['1', '0', '0.5'], ['0', '1', '0.5'], ['0', '0', '0.5'], ['0', '0', '0.5']] });
    const first = JSON.parse(readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n')[0]!);
    expect(first.point).toHaveLength(4);
    expect(first.point[0]).toHaveLength(3);
    const bad = certmin(['search', '--preset', 'safran-shamir-2018', '--teacher', teacher, '--d', '3', '--out', join(root, 'never')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/teacher has 4 rows/);
  });

  it('reports bad presets and flags in one line with exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['search', '--preset', 'nope', '--k', '5'], /unknown preset 'nope' \(known presets: safran-shamir-2018, safran-yehudai-shamir-2021, simsek-2021-grid\)/],
      [['search', '--k', '5'], /--preset is required/],
      [['search', '--preset', 'safran-shamir-2018'], /--k is required/],
      [['search', '--preset', 'safran-shamir-2018', '--k', '5', '--runs', '0'], /--runs 0/],
      [['search', '--preset', 'safran-shamir-2018', '--k', '5', '--workers', 'many'], /--workers many/],
      [['search', '--preset', 'safran-shamir-2018', '--k', '5', '--tol-norm', 'max'], /--tol-norm max/],
      [['search', '--preset', 'safran-shamir-2018', '--k', '5', '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [args, msg] of cases) {
      const r = certmin([...args, '--out', join(root, 'never')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(existsSync(join(root, 'never'))).toBe(false);
  });
});
