import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { gridProblemOfSpec, gridSpecOfFlags, readDataFile, readTeacherFile } from '../../src/io/gridProblem.js';
import { readNpy } from '../../src/io/npy.js';
import { DEFAULT_DATA, DEFAULT_TEACHER } from '../../src/objective/gridData.js';
import { expectInputError } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'certmin-gridio-'));
function file(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A version-1.0 .npy file of float64 values (little-endian), header padded to a multiple of 64. */
function npy(shape: number[], values: number[], descr = '<f8'): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = new Uint8Array(10 + header.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(head.buffer).setUint16(8, header.length, true);
  for (let j = 0; j < header.length; j++) head[10 + j] = header.charCodeAt(j);
  const body = new Uint8Array(values.length * 8);
  values.forEach((v, j) => new DataView(body.buffer).setFloat64(8 * j, v, true));
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

const point = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ setting: 'grid-teacher-2d', activation: 'sigmoid', W: [[0.1, 0.25, -2], [1, 0.5, 0.125]], a: [1, -0.5, 0.75], ...extra });

describe('finite-data point files', () => {
  it('reads a point with the default data and teacher, keeping the decimal text', () => {
    const c = loadCandidates(file('p.json', point({ W: [['0.1', 0.25, -2], [1, 0.5, '1e-1']] })), { finiteData: true });
    expect(c).toHaveLength(1);
    const fd = c[0]!.finiteData!;
    expect(c[0]!.W).toEqual([['0.1', '0.25', '-2'], ['1', '0.5', '1e-1']]);
    expect(fd.a).toEqual(['1', '-0.5', '0.75']);
    expect(c[0]).toMatchObject({ d: 2, n: 3, source: { format: 'finite-data-json' } });
    expect(fd.spec).toEqual({ activation: 'sigmoid', data: DEFAULT_DATA, teacher: DEFAULT_TEACHER });
    expect(fd.problem.data.P).toBe(1681);
    expect(c[0]!.V).toBeUndefined();
  });

  it('refuses finite-data points unless the caller asks for them (population commands never see them)', () => {
    const p = file('q.json', point());
    expectInputError(() => loadCandidates(p), /finite-data points \(setting grid-teacher-2d\)/);
    // Population point files are unchanged.
    const pop = loadCandidates(file('pop.json', JSON.stringify({ W: [[1, 0], [0, 1]] })));
    expect(pop[0]!.finiteData).toBeUndefined();
    expect(loadCandidates(file('pop2.json', JSON.stringify([[1, 0], [0, 1]])), { finiteData: true })[0]!.finiteData).toBeUndefined();
  });

  it('names what is wrong: setting, activation, shapes, numbers, unknown fields, label sources', () => {
    const bad = (name: string, text: string, pattern: RegExp) => expectInputError(() => loadCandidates(file(name, text), { finiteData: true }), pattern);
    bad('b1.json', point({ setting: 'grid-3d' }), /unknown setting "grid-3d"/);
    bad('b2.json', point({ activation: 'tanh' }), /"activation" must be "sigmoid" or "relu"/);
    bad('b3.json', point({ W: [[1, 2, 3]] }), /W has 1 rows, expected 2/);
    bad('b4.json', point({ a: [1, 2] }), /"a" has 2 entries but W has 3 columns/);
    bad('b5.json', point({ a: [1, 'NaN', 2] }), /a\[0\]\[1\] = "NaN" is not a finite decimal/);
    bad('b6.json', point({ activaton: 'relu' }), /unknown field "activaton"/);
    bad('b7.json', point({ data: { X: [[1, 2], [3, 4]], y: [0.5, 1] }, teacher: 'simsek-4' }), /carries labels.*no teacher/);
    bad('b8.json', point({ data: 'missing.csv' }), /missing\.csv/);
    bad('b9.json', point({ data: { X: [[1, 2, 3]] } }), /3 columns, expected 2/);
    bad('b10.json', point({ teacher: { W: [[1, 2]], a: [1, 1] } }), /teacher: W has 1 rows/);
  });

  it('reads data and teacher files relative to the point file; inline data with labels needs no teacher', () => {
    file('grid.csv', 'x1,x2\n0.5,1\n-0.5,-1\n2,0.25\n');
    file('teach.json', JSON.stringify({ W: [['0.3', '-0.2'], ['0.1', '0.4']], a: ['1', '-1'] }));
    const c = loadCandidates(file('r.json', point({ data: 'grid.csv', teacher: 'teach.json' })), { finiteData: true })[0]!;
    const { problem, spec } = c.finiteData!;
    expect(problem.data.X).toEqual([['0.5', '1'], ['-0.5', '-1'], ['2', '0.25']]);
    expect(problem.data.y).toBeUndefined();
    expect(problem.teacher!.a).toEqual(['1', '-1']);
    expect(spec.data).toMatchObject({ file: join(dir, 'grid.csv') });
    expect((spec.data as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
    // The spec re-reads the same problem, and notices a changed file.
    expect(gridProblemOfSpec(spec).data.X).toEqual(problem.data.X);
    writeFileSync(join(dir, 'grid.csv'), 'x1,x2\n0.5,1\n');
    expectInputError(() => gridProblemOfSpec(spec), /has changed since it was recorded/);
    const inline = loadCandidates(file('s.json', point({ data: { X: [[1, 2], [3, '4.5']], y: [0.5, '-1'] } })), { finiteData: true })[0]!;
    expect(inline.finiteData!.problem.teacher).toBeUndefined();
    expect(inline.finiteData!.problem.data.y).toEqual(['0.5', '-1']);
  });
});

describe('finite-data data files', () => {
  it('CSV: 2 columns (inputs) or 3 (inputs and label), optional header', () => {
    const two = readDataFile(file('two.csv', '1,2\n-1,-2\n'));
    expect(two).toMatchObject({ d: 2, P: 2, X: [['1', '2'], ['-1', '-2']] });
    expect(two.y).toBeUndefined();
    const three = readDataFile(file('three.csv', 'x1,x2,y\n0.25,0.5,0.125\n'));
    expect(three.y).toEqual(['0.125']);
    expectInputError(() => readDataFile(file('four.csv', '1,2,3,4\n')), /expected 2 columns .* or 3 columns/);
    expectInputError(() => readDataFile(file('nan.csv', '1,NaN\n')), /not a finite decimal/);
  });

  it('NPY: a P×2 or P×3 array, each double taken at its exact value', () => {
    const d = readDataFile(file('d.npy', npy([2, 3], [0.5, -1, 0.25, 2, 0.1, -0.75])));
    expect(d.X).toEqual([['0.5', '-1'], ['2', '0.1000000000000000055511151231257827021181583404541015625']]);
    expect(d.y).toEqual(['0.25', '-0.75']);
    expect(readDataFile(file('e.npy', npy([1, 2], [3, 4]))).y).toBeUndefined();
    expectInputError(() => readDataFile(file('f.npy', npy([4], [1, 2, 3, 4]))), /P×2 .* or P×3/);
    expectInputError(() => readDataFile(file('g.npy', npy([1, 2], [1, Number.NaN]))), /not a finite number/);
    expectInputError(() => readNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x'), /bad magic/);
    const full = npy([2, 2], [1, 2, 3, 4]);
    const wrongBytes = full.subarray(0, full.length - 8);
    expectInputError(() => readNpy(wrongBytes, 'y'), /needs 32 bytes/);
  });

  it('teacher files and command-line specs', () => {
    const t = readTeacherFile(file('t.json', JSON.stringify({ W: [[0.5, -1], [2, 0.25]], a: [1, '2.5'] })));
    expect(t).toMatchObject({ W: [['0.5', '-1'], ['2', '0.25']], a: ['1', '2.5'] });
    expectInputError(() => readTeacherFile(file('t2.json', JSON.stringify({ V: [[1], [2]] }))), /a teacher is an object/);
    const { spec } = gridSpecOfFlags('relu');
    expect(spec).toEqual({ activation: 'relu', data: DEFAULT_DATA, teacher: DEFAULT_TEACHER });
    expectInputError(() => gridSpecOfFlags('relu', file('lab.csv', '1,2,3\n'), 'simsek-4'), /carries labels/);
  });
});
