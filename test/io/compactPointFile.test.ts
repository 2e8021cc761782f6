import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactCandidate, MAX_DENSE_EXPANSION_K } from '../../src/io/compactCandidate.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { expectInputError } from '../helpers/errors.js';
import { havePickles, PICKLES } from '../symmetric/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'certmin-compact-file-'));
let serial = 0;
function file(text: string): string {
  const p = join(dir, `${serial++}.json`);
  writeFileSync(p, text);
  return p;
}

describe('compact point files {"p", "vals"} and compact candidates', () => {
  it('read exactly (numbers keep their source text), with the identity teacher and d = n = k = Σp', () => {
    const [c] = loadCandidates(file('{"p": [1, 2],\n "vals": [[0.10, "-2e-1", 0], [1e-30, 1, "0.5"]]}'));
    expect(c!.compact).toEqual({ p: [1, 2], vals: [['0.1', '-0.2', '0'], ['0.000000000000000000000000000001', '1', '0.5']] });
    expect([c!.d, c!.n]).toEqual([3, 3]);
    expect(c!.W).toEqual(expandCompactPoint(c!.compact!));
    expect(c!.V).toEqual([['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']]);
  });

  it('refuse malformed files with one line naming the place', () => {
    for (const [text, msg] of [
      ['{"p": [2, 8], "vals": [["1", "0", "0"]]}', /1 rows but p has 2 blocks/],
      ['{"p": [2, 0], "vals": [[1, 0, 0], [0, 1, 0]]}', /:1: p\[1\] = 0 is not a positive integer/],
      ['{"p": [2.5], "vals": [[1, 0]]}', /p\[0\] = 2.5 is not a positive integer/],
      ['{"p": [2], "vals": [[1, 0]], "V": [[1]]}', /"V" beside "p": a compact point .* implies the identity teacher/],
      ['{"p": [2], "vals": [[1, 0]], "W": [[1]]}', /"W" beside "p"/],
      ['{"p": [2], "vals": [["1", "x"]]}', /vals\[0\]\[1\] = "x" is not a finite decimal number/],
      ['{"p": [2]}', /needs both "p" and "vals"/],
      ['{"p": [2], "vals": [[1, 0]], "note": 1}', /unknown key "note"/],
      ['{"p": "2", "vals": [[1, 0]]}', /"p" must be a non-empty array/],
    ] as const) {
      expectInputError(() => loadCandidates(file(text)), msg);
    }
  });

  it('a compact candidate builds its dense W only when asked, once, and refuses it above MAX_DENSE_EXPANSION_K', () => {
    const small = compactCandidate({ id: 'small', source: { file: 'x', format: 'json' } }, { p: [2], vals: [['1', '0.5']] });
    expect(small.W).toBe(small.W);
    const k = MAX_DENSE_EXPANSION_K + 1;
    const big = compactCandidate({ id: 'big', source: { file: 'x', format: 'json' } }, { p: [1, k - 1], vals: [['1', '0', '0'], ['0', '1', '0']] });
    expect([big.d, big.n]).toEqual([k, k]);
    expectInputError(() => big.W, /big: the dense W .*\(k = 1001\).* above the limit k ≤ 1000/);
    expectInputError(() => big.V, /dense teacher/);
  });

  it.skipIf(!havePickles)('2021 pickle records are compact candidates holding the exact stored values', () => {
    const cands = loadCandidates(join(PICKLES, 'Processed minima k=10.p'));
    for (const c of cands) {
      expect(c.compact!.p).toEqual(c.stored!.p);
      const flat = (c.stored!.vals as number[]).map((x) => x);
      expect(c.compact!.vals.flat().map(Number)).toEqual(flat);
    }
    expect(cands[0]!.storedGlobal).toBe(true);
  });
});
