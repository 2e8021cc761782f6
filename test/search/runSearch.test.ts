import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { runSearch } from '../../src/search/runSearch.js';
import { resolveSettings } from '../../src/search/settings.js';
import { workerScriptUrl } from '../../src/search/workerPool.js';

// Worker threads run the compiled dist/src/search/worker.js even when this module is loaded from
// src/ (see workerScriptUrl): build first with `npx tsc -p tsconfig.json`.
const root = mkdtempSync(join(tmpdir(), 'certmin-runsearch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runSearch (library)', () => {
  it('maps the worker script to the compiled file when running from source', () => {
    expect(workerScriptUrl().pathname.endsWith('/dist/src/search/worker.js')).toBe(true);
  });

  it('runs, reports progress, resumes and refuses different settings', async () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 4, seed: 9 });
    const outDir = join(root, 'a');
    const progress: number[] = [];
    const first = await runSearch(s, { runs: 3, workers: 2, outDir, onProgress: (done) => progress.push(done) });
    expect(first).toMatchObject({ interrupted: false, resumed: 0, computed: 3 });
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(first.summary.runs).toBe(3);
    const second = await runSearch(s, { runs: 5, workers: 1, outDir });
    expect(second).toMatchObject({ resumed: 3, computed: 2 });
    expect(first.families.reduce((t, f) => t + f.multiplicity, 0)).toBe(3);
    expect(readFileSync(join(outDir, 'runs.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(5);
    await expect(runSearch({ ...s, step: 0.05 }, { runs: 5, workers: 1, outDir })).rejects.toThrow(InputError);
  });

  it('stops on abort and writes valid files for the finished runs', async () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 4, seed: 9 });
    const outDir = join(root, 'b');
    const ac = new AbortController();
    const res = await runSearch(s, {
      runs: 50, workers: 1, outDir, signal: ac.signal,
      onProgress: (done) => {
        if (done === 2) ac.abort();
      },
    });
    expect(res.interrupted).toBe(true);
    expect(res.summary.runs).toBe(2);
    expect(JSON.parse(readFileSync(join(outDir, 'families.json'), 'utf8')).runs).toBe(2);
    expect(existsSync(join(outDir, 'summary.md'))).toBe(true);
  });

  it('rewrites a runs.jsonl that is out of run order (older files, holes) into run order', async () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 4, seed: 9 });
    const fresh = join(root, 'fresh');
    await runSearch(s, { runs: 6, workers: 1, outDir: fresh });
    const lines = readFileSync(join(fresh, 'runs.jsonl'), 'utf8').trimEnd().split('\n');
    // An older search's file: completion order, runs 2 and 4 missing.
    const old = join(root, 'old');
    await runSearch(s, { runs: 1, workers: 1, outDir: old });
    writeFileSync(join(old, 'runs.jsonl'), [lines[5], lines[0], lines[3], lines[1]].map((l) => `${l}\n`).join(''));
    const res = await runSearch(s, { runs: 6, workers: 2, outDir: old });
    expect(res).toMatchObject({ resumed: 4, computed: 2 });
    for (const f of ['runs.jsonl', 'families.json', 'summary.json', 'summary.md']) {
      expect(readFileSync(join(old, f), 'utf8'), f).toBe(readFileSync(join(fresh, f), 'utf8'));
    }
  });

  it('computes only its shard\'s runs with the unsharded per-run results', async () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 4, seed: 9 });
    const whole = join(root, 'whole');
    await runSearch(s, { runs: 7, workers: 1, outDir: whole });
    const byRun = new Map(readFileSync(join(whole, 'runs.jsonl'), 'utf8').trimEnd().split('\n').map((l) => [JSON.parse(l).run as number, l]));
    const shardDir = join(root, 'shard');
    const res = await runSearch({ ...s, shard: '1/3' }, { runs: 7, workers: 2, outDir: shardDir });
    expect(res.summary).toMatchObject({ shard: '1/3', runsRequested: 2, runs: 2, complete: true });
    expect(readFileSync(join(shardDir, 'runs.jsonl'), 'utf8')).toBe(`${byRun.get(1)}\n${byRun.get(4)}\n`);
    await expect(runSearch({ ...s, shard: '2/3' }, { runs: 7, workers: 1, outDir: shardDir })).rejects.toThrow(/different settings \(shard\)/);
  });
});
