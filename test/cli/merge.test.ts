import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `search --shard` / `certify --shard` and `certmin merge` through bin/certmin.js (runs from
// dist/: build first with `npx tsc -p tsconfig.json`, as `npm test` does).

let root: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/merge.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-merge-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SEARCH_FILES = ['runs.jsonl', 'families.json', 'summary.json', 'summary.md'];
// k = 7, seed 1: 40 runs of which 3 end at spurious candidates (runs 18, 22, 27).
const search = ['search', '--preset', 'safran-shamir-2018', '--k', '7', '--seed', '1', '--runs', '40'];

function expectSameBytes(a: string, b: string, files: string[]) {
  for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
}

/** A certify output file with the only run-dependent values (wall-clock time, creation date) masked. */
function timeless(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/"createdAt": "[^"]*"/g, '"createdAt": "…"')
    .replace(/"seconds": \{[^}]*\}/g, '"seconds": {…}')
    .replace(/"seconds": [0-9.e+-]+/g, '"seconds": …')
    .replace(/\| [0-9.]+ \|$/gm, '| … |');
}

describe('sharded search and certify, merged', () => {
  it('search: 3 shards merged are byte-identical to the unsharded search', () => {
    const whole = join(root, 'whole');
    expect(certmin([...search, '--workers', '2', '--out', whole]).code).toBe(0);
    for (let i = 0; i < 3; i++) {
      const r = certmin([...search, '--shard', `${i}/3`, '--workers', '1', '--out', join(root, `s${i}`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`seed 1, shard ${i}/3`);
    }
    const shardRuns = JSON.parse(readFileSync(join(root, 's1', 'summary.json'), 'utf8'));
    expect(shardRuns).toMatchObject({ shard: '1/3', runsRequested: 13, runs: 13, complete: true });
    expect(readFileSync(join(root, 's1', 'runs.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).run)).toEqual(
      Array.from({ length: 13 }, (_, j) => 1 + 3 * j),
    );
    const m = certmin(['merge', join(root, 's2'), join(root, 's0'), join(root, 's1'), '--out', join(root, 'merged')]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/Merged 3 shards \(40 runs\)/);
    expectSameBytes(whole, join(root, 'merged'), SEARCH_FILES);
  });

  it('search: refuses incompatible, overlapping, missing and unfinished shards in one line, exit 2', () => {
    const other = join(root, 'other-seed');
    expect(certmin(['search', '--preset', 'safran-shamir-2018', '--k', '7', '--seed', '2', '--runs', '40', '--shard', '2/3', '--out', other]).code).toBe(0);
    const partial = join(root, 'partial');
    cpSync(join(root, 's2'), partial, { recursive: true });
    const lines = readFileSync(join(partial, 'runs.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(partial, 'runs.jsonl'), `${lines.slice(0, -1).join('\n')}\n`);
    const s = (i: number) => join(root, `s${i}`);
    const cases: [string[], RegExp][] = [
      [[s(0), s(1), other], /different settings .*\(seed\)/],
      [[s(0), s(1), s(1)], /shard 1\/3 given twice/],
      [[s(0), s(1)], /missing shard 2\/3/],
      [[s(0), s(1), partial], /shard 2\/3 is incomplete \(12 of 13 runs\)/],
      [[s(0), s(1), join(root, 'whole')], /not a shard/],
      [[s(0), join(root, 'nowhere')], /neither a search output/],
    ];
    for (const [dirs, msg] of cases) {
      const r = certmin(['merge', ...dirs, '--out', join(root, 'never')]);
      expect(r.code, dirs.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('certify: 2 shards merged give the unsharded certificates and summaries (up to measured times)', () => {
    const runs = join(root, 'whole', 'runs.jsonl');
    const whole = join(root, 'cert-whole');
    expect(certmin(['certify', runs, '--out', whole]).code).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = certmin(['certify', runs, '--shard', `${i}/2`, '--out', join(root, `c${i}`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    // Candidates (runs 18, 22, 27 in input order) 0 and 2 go to shard 0, candidate 1 to shard 1.
    expect(readdirSync(join(root, 'c0')).filter((f) => f.startsWith('runs')).sort()).toEqual(['runs.jsonl_18.json', 'runs.jsonl_27.json']);
    expect(readdirSync(join(root, 'c1')).filter((f) => f.startsWith('runs'))).toEqual(['runs.jsonl_22.json']);
    const merged = join(root, 'cert-merged');
    const m = certmin(['merge', join(root, 'c1'), join(root, 'c0'), '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/Merged 2 shards \(3 certificates, 37 skipped\)/);
    const files = readdirSync(whole).sort();
    expect(readdirSync(merged).sort()).toEqual(files);
    // The three candidates are one minimum (k = 7 has one spurious family): shards do not group,
    // the merge groups across shards exactly as the unsharded command does.
    expect(files.filter((f) => f.startsWith('same-minimum.'))).toHaveLength(2);
    expect(readdirSync(join(root, 'c0')).filter((f) => f.startsWith('same-minimum.'))).toEqual([]);
    for (const f of files) expect(timeless(join(merged, f)), f).toBe(timeless(join(whole, f)));
    // Certificates are copied, not recomputed.
    expect(readFileSync(join(merged, 'runs.jsonl_22.json')).equals(readFileSync(join(root, 'c1', 'runs.jsonl_22.json')))).toBe(true);

    const r = certmin(['merge', join(root, 'c0'), '--out', join(root, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing shard 1\/2/);
    const p30 = join(root, 'c1-p30');
    expect(certmin(['certify', runs, '--shard', '1/2', '--precision', '30', '--out', p30]).code).toBe(0);
    const bad = certmin(['merge', join(root, 'c0'), p30, '--out', join(root, 'never')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/different --precision/);
    const mixed = certmin(['merge', join(root, 'c0'), join(root, 's0'), '--out', join(root, 'never')]);
    expect(mixed.stderr).toMatch(/mix search and certify/);
  });
});
