import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { sha256Bytes } from '../../src/io/sha256.js';
import { sha256File } from '../../src/io/inputFile.js';
import { inputErrorOf } from '../helpers/errors.js';
import { doubles, header, matrix } from '../helpers/matWriter.js';

const A18 = '../shared/anchors/safran-shamir-2018';
const A21 = '../shared/anchors/safran-yehudai-shamir-2021';
const haveAnchors = existsSync(A18) && existsSync(A21);

const dir = mkdtempSync(join(tmpdir(), 'certmin-load-'));
const write = (name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('sha256', () => {
  it('hashes bytes and files (known vector)', () => {
    expect(sha256Bytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256File(write('abc.txt', 'abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('loadCandidates: point files', () => {
  it('JSON point (matrix or {W, V}) and CSV, keeping the text', () => {
    const j = write('p.json', '[[0.1, 2], [3, -4e-1]]');
    expect(loadCandidates(j)).toEqual([
      { id: 'p.json', d: 2, n: 2, W: [['0.1', '2'], ['3', '-4e-1']], source: { file: j, format: 'json', sha256: sha(j) } },
    ]);
    const jv = write('pv.json', '{"W": [[0.1, 2, 5]], "V": [["1"]]}');
    const [c] = loadCandidates(jv);
    expect([c!.d, c!.n, c!.V]).toEqual([1, 3, [['1']]]);
    const csv = write('p.csv', '0.1,2,5\n1,1,1\n');
    expect(loadCandidates(csv)[0]).toMatchObject({ id: 'p.csv', d: 2, n: 3, W: [['0.1', '2', '5'], ['1', '1', '1']], source: { format: 'csv' } });
  });
});

describe('loadCandidates: search output', () => {
  const point = [['0.5', '-0.25'], ['1', '0.125']];
  it('runs.jsonl: every run, with seed, index and the stored numbers', () => {
    const lines = [
      { run: 0, seed: 42, iterations: 100, loss: 0.02, gradNorm: 1e-10, gradNormMaxNeuron: 5e-11, lambdaMin: 0.01, classification: 'spurious-candidate', point },
      { run: 1, seed: '43', iterations: 80, loss: 0, gradNorm: 1e-12, gradNormMaxNeuron: 1e-12, lambdaMin: 0.09, classification: 'global', point },
      { run: 5, seed: 47, iterations: 9, loss: 0.1, gradNorm: 1e-3, gradNormMaxNeuron: 1e-3, lambdaMin: -0.1, classification: 'not-converged', point },
    ];
    const p = write('runs.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n\n');
    const cs = loadCandidates(p);
    expect(cs.map((c) => c.id)).toEqual(['runs.jsonl#0', 'runs.jsonl#1', 'runs.jsonl#5']);
    expect(cs[0]).toEqual({
      id: 'runs.jsonl#0',
      d: 2,
      n: 2,
      W: point,
      source: { file: p, format: 'runs-jsonl', sha256: sha(p), index: 0, seed: '42' },
      stored: { iterations: 100, loss: 0.02, gradNorm: 1e-10, gradNormMaxNeuron: 5e-11, lambdaMin: 0.01, classification: 'spurious-candidate' },
    });
    expect(cs[1]!.source.seed).toBe('43');
  });

  it('runs.jsonl errors name the line', () => {
    const p = write('bad.jsonl', `{"run": 0, "point": [["1"]]}\n{"run": 1, "point": [["1", "2"], ["3"]]}\n`);
    expect(inputErrorOf(() => loadCandidates(p)).message).toBe(`${p}:2: row 1 of point has 1 entries, row 0 has 2 (ragged rows)`);
    const q = write('bad2.jsonl', `{"run": 0, "point": [["1"]]}\n\n{"run": 1, "point": [["1"]]\n`);
    expect(inputErrorOf(() => loadCandidates(q)).message).toMatch(new RegExp(`^${q}:3: invalid JSON`));
    const r = write('bad3.jsonl', `{"run": 0}\n`);
    expect(inputErrorOf(() => loadCandidates(r)).message).toBe(`${r}:1: run has no "point"`);
    expect(inputErrorOf(() => loadCandidates(write('empty.jsonl', '\n'))).message).toBe(`${join(dir, 'empty.jsonl')}: the file holds no candidate point`);
  });

  it('families.json: one candidate per family with multiplicity and stored numbers', () => {
    const fam = {
      preset: 'safran-shamir-2018',
      k: 2,
      n: 2,
      families: [
        { id: 0, classification: 'spurious-candidate', multiplicity: 12, loss: 0.03, lambdaMin: 0.002, maxDist: 1e-8, representative: point, runs: [1, 4, 9] },
        { id: 'F1', classification: 'global', multiplicity: 988, loss: 0, lambdaMin: 0.09, maxDist: 0, representative: [['1', '0'], ['0', '1']], runs: [0] },
      ],
    };
    const p = write('families.json', JSON.stringify(fam, null, 2));
    const cs = loadCandidates(p);
    expect(cs.map((c) => c.id)).toEqual(['families.json#0', 'families.json#F1']);
    expect(cs[0]).toEqual({
      id: 'families.json#0',
      d: 2,
      n: 2,
      W: point,
      multiplicity: 12,
      source: { file: p, format: 'families-json', sha256: sha(p), index: 0 },
      stored: { preset: 'safran-shamir-2018', k: 2, n: 2, classification: 'spurious-candidate', loss: 0.03, lambdaMin: 0.002, maxDist: 1e-8, runs: [1, 4, 9] },
    });
    const bad = write('famBad.json', '{"families": [\n {"id": 0,\n  "representative": [["1", "x"]]}]}');
    expect(inputErrorOf(() => loadCandidates(bad)).message).toMatch(new RegExp(`^${bad}:3: families\\[0\\]\\.representative\\[0\\]\\[1\\] = "x"`));
  });

  it('families.json and its sibling runs.jsonl carry the teacher of `search --teacher FILE` as V', () => {
    const sub = join(dir, 'teacher-search');
    mkdirSync(sub, { recursive: true });
    const V = [['1', '0.5', '-0.25'], ['0', '2', '1e-3']]; // d = 2, k = 3
    const fam = {
      preset: 'custom', k: 3, n: 2, d: 2, teacher: 'teacher.json', teacherMatrix: V,
      families: [
        { id: 0, classification: 'spurious-candidate', multiplicity: 2, loss: 0.03, lambdaMin: 0.002, maxDist: 0, representative: point, runs: [0] },
        { id: 1, classification: 'global', multiplicity: 1, loss: 0, lambdaMin: 0.1, maxDist: 0, representative: [['3', '4'], ['5', '6']], runs: [1] },
      ],
    };
    const f = join(sub, 'families.json');
    writeFileSync(f, JSON.stringify(fam, null, 1));
    const fs = loadCandidates(f);
    expect(fs.map((c) => c.V)).toEqual([V, V]);
    expect(fs[1]!.V).not.toBe(fs[0]!.V); // each candidate owns its copy
    const r = join(sub, 'runs.jsonl');
    writeFileSync(r, `${JSON.stringify({ run: 0, seed: 1, point })}\n${JSON.stringify({ run: 1, seed: 2, point: [['3', '4'], ['5', '6']] })}\n`);
    expect(loadCandidates(r).map((c) => c.V)).toEqual([V, V]);
    // Identity teacher: no V; runs.jsonl without a sibling families.json: no V.
    writeFileSync(f, JSON.stringify({ ...fam, teacher: 'identity', teacherMatrix: undefined }));
    expect(loadCandidates(f).map((c) => c.V)).toEqual([undefined, undefined]);
    expect(loadCandidates(r).map((c) => c.V)).toEqual([undefined, undefined]);
    const lone = write('lone-runs.jsonl', `${JSON.stringify({ run: 0, point })}\n`);
    expect(loadCandidates(lone)[0]!.V).toBeUndefined();
    // A named teacher without its matrix, or a teacher of the wrong height, is refused.
    writeFileSync(f, JSON.stringify({ ...fam, teacherMatrix: undefined }));
    expect(inputErrorOf(() => loadCandidates(f)).message).toBe(`${f}: the search used teacher "teacher.json" but the file stores no "teacherMatrix"`);
    expect(inputErrorOf(() => loadCandidates(r)).message).toBe(`${f}: the search used teacher "teacher.json" but the file stores no "teacherMatrix"`);
    writeFileSync(f, JSON.stringify({ ...fam, teacherMatrix: [['1', '0', '0']] }));
    expect(inputErrorOf(() => loadCandidates(f)).message).toMatch(/family 0: representative has 2 rows but teacherMatrix has 1/);
    expect(inputErrorOf(() => loadCandidates(r)).message).toBe(`${r}:1: point has 2 rows but the teacherMatrix in ${f} has 1 (both are d × ·)`);
  });

  it('a candidate list as written by convert', () => {
    const list = [
      { id: 'x#0', d: 1, n: 2, multiplicity: 3, storedGlobal: true, stored: { min_eig: 0.1, p: [2] }, V: [['1']], W: [['0.1', '0.2']] },
      { W: [[1.5]] },
    ];
    const p = write('list.json', JSON.stringify(list));
    const cs = loadCandidates(p);
    expect(cs[0]).toEqual({
      id: 'x#0', d: 1, n: 2, multiplicity: 3, storedGlobal: true, stored: { min_eig: 0.1, p: [2] }, V: [['1']], W: [['0.1', '0.2']],
      source: { file: p, format: 'json', sha256: sha(p), index: 0 },
    });
    expect(cs[1]).toMatchObject({ id: 'list.json#1', d: 1, n: 1, W: [['1.5']] });
    const lying = write('lying.json', JSON.stringify([{ d: 3, W: [['1']] }]));
    expect(inputErrorOf(() => loadCandidates(lying)).message).toMatch(/says d = 3 but W has 1/);
  });
});

describe('loadCandidates: pickled numpy arrays', () => {
  // CPython: pickle.dumps([np.array([[0.1, 2, 3], [4, 5, -6.5]]), np.array([[1.0]])], protocol=3)
  const LIST = 'gANdcQAoY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnEBY251bXB5Cm5kYXJyYXkKcQJLAIVxA0MBYnEEh3EFUnEGKEsBSwJLA4ZxB2NudW1weQpkdHlwZQpxCFgCAAAAZjhxCYmIh3EKUnELKEsDWAEAAAA8cQxOTk5K/////0r/////SwB0cQ1iiUMwmpmZmZmZuT8AAAAAAAAAQAAAAAAAAAhAAAAAAAAAEEAAAAAAAAAUQAAAAAAAABrAcQ50cQ9iaAFoAksAhXEQaASHcRFScRIoSwFLAUsBhnETaAuJQwgAAAAAAADwP3EUdHEVYmUu';
  // CPython: pickle.dumps(np.array([[0.1, 2.0]]), protocol=5)
  const SINGLE = 'gAWVhgAAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWEAAAAAAAAACamZmZmZm5PwAAAAAAAABAlIwFbnVtcHmUjAVkdHlwZZSTlIwCZjiUiYiHlFKUKEsDjAE8lE5OTkr/////Sv////9LAHSUYksBSwKGlIwBQ5R0lFKULg==';
  it('a list of 2-D arrays and a single 2-D array, as exact decimals', () => {
    const p = write('arrays.pkl', Buffer.from(LIST, 'base64'));
    const cs = loadCandidates(p);
    expect(cs.map((c) => [c.id, c.d, c.n])).toEqual([['arrays.pkl#0', 2, 3], ['arrays.pkl#1', 1, 1]]);
    expect(cs[0]!.W[1]).toEqual(['4', '5', '-6.5']);
    expect(cs[0]!.W[0]![0]).toBe('0.1000000000000000055511151231257827021181583404541015625');
    const q = write('one.pickle', Buffer.from(SINGLE, 'base64'));
    expect(loadCandidates(q)).toMatchObject([{ id: 'one.pickle', d: 1, n: 2, source: { format: 'pickle', index: 0 } }]);
  });
});

describe('loadCandidates: a file with no candidate at all is unusable input', () => {
  it('[], an empty runs.jsonl, an empty families list, an empty pickle list, an empty WbadNew', () => {
    const emptyWbadNew = Buffer.concat([header(), matrix({ cls: 6, dims: [0, 0], name: 'WbadNew', real: Buffer.alloc(0) })]);
    const files = [
      write('empty-list.json', '[]'),
      write('empty-runs.jsonl', ''),
      write('blank-runs.jsonl', '\n\n'),
      write('families.json', '{"preset": "x", "families": []}'),
      write('empty.p', Buffer.from([0x80, 0x02, 0x5d, 0x71, 0x00, 0x2e])), // pickle.dumps([], protocol=2)
      write('empty.mat', emptyWbadNew),
    ];
    for (const f of files) expect(inputErrorOf(() => loadCandidates(f)).message).toBe(`${f}: the file holds no candidate point`);
    // a .mat without WbadNew names what it found instead
    const other = write('other.mat', Buffer.concat([header(), matrix({ cls: 6, dims: [1, 1], name: 'foo', real: doubles([1]) })]));
    expect(inputErrorOf(() => loadCandidates(other)).message).toBe(`${other}: no numeric variable 'WbadNew' (or 'W') in the MAT-file (found: foo)`);
  });
});

describe('loadCandidates: errors', () => {
  it('missing file, directory, unknown format', () => {
    expect(inputErrorOf(() => loadCandidates(join(dir, 'missing.mat'))).message).toMatch(/missing\.mat: no such file/);
    mkdirSync(join(dir, 'sub'), { recursive: true });
    expect(inputErrorOf(() => loadCandidates(join(dir, 'sub'))).message).toBe(`${join(dir, 'sub')} is not a regular file (directory)`);
    expect(inputErrorOf(() => loadCandidates(write('x.bin', new Uint8Array([1, 2, 3, 0xff])))).message).toMatch(/unknown file format/);
    expect(inputErrorOf(() => loadCandidates(write('fake.mat', 'not a mat file at all'))).message).toMatch(/fake\.mat: not a MATLAB level-5 MAT-file/);
    expect(inputErrorOf(() => loadCandidates(write('fake.p', 'garbage'))).message).toMatch(/fake\.p: /);
  });
});

describe.skipIf(!haveAnchors)('loadCandidates on the anchors', () => {
  it('.mat and .p files, also when renamed (detected by content)', () => {
    const mat = `${A18}/newExp-9-9.mat`;
    const cs = loadCandidates(mat);
    expect(cs.map((c) => [c.id, c.multiplicity])).toEqual([['newExp-9-9.mat#0', 213], ['newExp-9-9.mat#1', 5]]);
    expect(cs[0]!.source.sha256).toBe(sha(mat));
    const renamed = join(dir, 'renamed');
    copyFileSync(mat, renamed);
    expect(loadCandidates(renamed).map((c) => c.W)).toEqual(cs.map((c) => c.W));
    const pk = `${A21}/Processed minima k=8.p`;
    const ps = loadCandidates(pk);
    expect(ps.map((c) => [c.id, c.multiplicity, c.storedGlobal ?? false])).toEqual([
      ['Processed minima k=8.p#0', 443, true],
      ['Processed minima k=8.p#1', 57, false],
    ]);
    const renamedP = join(dir, 'renamedP');
    copyFileSync(pk, renamedP);
    expect(loadCandidates(renamedP).map((c) => c.W)).toEqual(ps.map((c) => c.W));
  });
});
