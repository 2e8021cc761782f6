import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { RunsAppender, readRunsFile } from '../../src/search/runsFile.js';
import type { RunRecord } from '../../src/search/runOne.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'certmin-runs-'));
  dirs.push(d);
  return d;
}
function rec(run: number): RunRecord {
  return {
    run, seed: '1', iterations: 10, loss: 0.5, gradNorm: 1e-10, gradNormMaxNeuron: 1e-10, lambdaMin: null,
    classification: 'global', stop: 'tolerance', point: [['1', '0'], ['0', '1']],
  };
}

describe('runs.jsonl', () => {
  it('reads back what was appended', () => {
    const path = join(tmp(), 'runs.jsonl');
    expect(readRunsFile(path).records.size).toBe(0);
    const app = new RunsAppender(path);
    app.append(rec(2));
    app.append(rec(0));
    app.close();
    const { records, tornBytes } = readRunsFile(path);
    expect(tornBytes).toBe(0);
    expect([...records.keys()]).toEqual([2, 0]);
    expect(records.get(0)).toEqual(rec(0));
  });

  it('drops a torn last line and cuts it from the file', () => {
    const path = join(tmp(), 'runs.jsonl');
    const app = new RunsAppender(path);
    app.append(rec(0));
    app.append(rec(1));
    app.close();
    const good = readFileSync(path, 'utf8');
    appendFileSync(path, JSON.stringify(rec(2)).slice(0, 40));
    const { records, tornBytes } = readRunsFile(path);
    expect(tornBytes).toBe(40);
    expect([...records.keys()]).toEqual([0, 1]);
    expect(readFileSync(path, 'utf8')).toBe(good);
  });

  it('refuses a corrupt complete line and conflicting duplicates', () => {
    const dir = tmp();
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, `${JSON.stringify(rec(0))}\n{oops}\n`);
    expect(() => readRunsFile(a)).toThrow(InputError);
    expect(() => readRunsFile(a)).toThrow(/a\.jsonl:2/);
    const b = join(dir, 'b.jsonl');
    writeFileSync(b, `${JSON.stringify(rec(0))}\n${JSON.stringify({ ...rec(0), loss: 1 })}\n`);
    expect(() => readRunsFile(b)).toThrow(/run 0 appears twice/);
    const c = join(dir, 'c.jsonl');
    writeFileSync(c, `${JSON.stringify({ run: 1 })}\n`);
    expect(() => readRunsFile(c)).toThrow(/not a run record/);
  });
});
