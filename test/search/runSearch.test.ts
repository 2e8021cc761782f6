import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
