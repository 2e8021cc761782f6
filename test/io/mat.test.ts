import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { readMat } from '../../src/io/mat.js';
import { InputError } from '../../src/errors.js';
import { expectInputError } from '../helpers/errors.js';

const ANCHORS = '../shared/anchors/safran-shamir-2018';
const haveAnchors = existsSync(ANCHORS);

// ---- a minimal level-5 writer, to build files with known contents -----------------------------

const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15 };

function u32(x: number, le: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (le) b.writeUInt32LE(x >>> 0);
  else b.writeUInt32BE(x >>> 0);
  return b;
}

function pad8(b: Buffer): Buffer {
  const r = b.length % 8;
  return r === 0 ? b : Buffer.concat([b, Buffer.alloc(8 - r)]);
}

/** A data element; `small` packs ≤ 4 bytes into the tag as MATLAB does. */
function element(type: number, data: Buffer, le = true, small = data.length <= 4 && data.length > 0): Buffer {
  if (small) {
    const tag = u32((data.length << 16) | type, le);
    return Buffer.concat([tag, data, Buffer.alloc(4 - data.length)]);
  }
  return pad8(Buffer.concat([u32(type, le), u32(data.length, le), data]));
}

function matrix(opts: {
  cls: number;
  dims: number[];
  name: string;
  realType?: number;
  real?: Buffer;
  flags?: number;
  le?: boolean;
  smallName?: boolean;
}): Buffer {
  const le = opts.le ?? true;
  const flags = Buffer.concat([u32((opts.flags ?? 0) | opts.cls, le), u32(0, le)]);
  const dims = Buffer.concat(opts.dims.map((d) => u32(d, le)));
  const parts = [
    element(MI.UINT32, flags, le, false),
    element(MI.INT32, dims, le, false),
    element(MI.INT8, Buffer.from(opts.name, 'latin1'), le, opts.smallName ?? (opts.name.length <= 4 && opts.name.length > 0)),
  ];
  if (opts.real) parts.push(element(opts.realType ?? MI.DOUBLE, opts.real, le));
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(MI.MATRIX, le), u32(body.length, le), body]);
}

function compressed(inner: Buffer, le = true): Buffer {
  const z = deflateSync(inner);
  return Buffer.concat([u32(MI.COMPRESSED, le), u32(z.length, le), z]);
}

function header(le = true, version = 0x0100): Buffer {
  const h = Buffer.alloc(128, 0x20);
  h.write('MATLAB 5.0 MAT-file, Platform: test, Created on: never', 0, 'latin1');
  h.fill(0, 116, 124);
  if (le) h.writeUInt16LE(version, 124);
  else h.writeUInt16BE(version, 124);
  h.write(le ? 'IM' : 'MI', 126, 'latin1');
  return h;
}

function doubles(xs: number[], le = true): Buffer {
  const b = Buffer.alloc(8 * xs.length);
  xs.forEach((x, i) => (le ? b.writeDoubleLE(x, 8 * i) : b.writeDoubleBE(x, 8 * i)));
  return b;
}

// ---------------------------------------------------------------------------------------------

describe('readMat on synthetic files', () => {
  it('reads an uncompressed double matrix column-major, with its name and dimensions', () => {
    const file = Buffer.concat([header(), matrix({ cls: 6, dims: [2, 3], name: 'Wmat', real: doubles([1, 2, 3, 4, 5, 6.5]) })]);
    const m = readMat(file, 'a.mat');
    expect(m.header).toMatch(/^MATLAB 5\.0 MAT-file/);
    const a = m.arrays.get('Wmat')!;
    expect(a.dims).toEqual([2, 3]);
    expect(a.className).toBe('double');
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  it('reads compressed elements and several arrays, rank 3, and small-element real parts', () => {
    const a = matrix({ cls: 6, dims: [2, 2, 2], name: 'cube', real: doubles([1, -2, 3, -4, 5, -6, 7, -8]) });
    const mag = matrix({ cls: 6, dims: [1, 2], name: 'magnitude', realType: MI.UINT8, real: Buffer.from([7, 250]) });
    const m = readMat(Buffer.concat([header(), compressed(a), compressed(mag)]), 'b.mat');
    expect(m.arrays.get('cube')!.dims).toEqual([2, 2, 2]);
    expect(Array.from(m.arrays.get('cube')!.data)).toEqual([1, -2, 3, -4, 5, -6, 7, -8]);
    expect(Array.from(m.arrays.get('magnitude')!.data)).toEqual([7, 250]);
    expect(m.arrays.get('magnitude')!.className).toBe('double');
  });

  it('converts every numeric storage type to doubles', () => {
    const cases: [number, Buffer, number[]][] = [
      [MI.INT8, Buffer.from([0xff, 0x7f, 0x80]), [-1, 127, -128]],
      [MI.UINT8, Buffer.from([0xff, 0x7f, 0x80]), [255, 127, 128]],
      [MI.INT16, Buffer.from([0xff, 0xff, 0x00, 0x80, 0x01, 0x00]), [-1, -32768, 1]],
      [MI.UINT16, Buffer.from([0xff, 0xff, 0x00, 0x80, 0x01, 0x00]), [65535, 32768, 1]],
      [MI.INT32, Buffer.from([0xfe, 0xff, 0xff, 0xff, 5, 0, 0, 0, 0, 0, 0, 0x80]), [-2, 5, -(2 ** 31)]],
      [MI.UINT32, Buffer.from([0xfe, 0xff, 0xff, 0xff, 5, 0, 0, 0, 0, 0, 0, 0x80]), [2 ** 32 - 2, 5, 2 ** 31]],
      [MI.SINGLE, (() => { const b = Buffer.alloc(12); b.writeFloatLE(0.5, 0); b.writeFloatLE(-3.25, 4); b.writeFloatLE(0.1, 8); return b; })(), [0.5, -3.25, Math.fround(0.1)]],
      [MI.INT64, (() => { const b = Buffer.alloc(24); b.writeBigInt64LE(-5n, 0); b.writeBigInt64LE(2n ** 40n, 8); b.writeBigInt64LE(7n, 16); return b; })(), [-5, 2 ** 40, 7]],
      [MI.UINT64, (() => { const b = Buffer.alloc(24); b.writeBigUInt64LE(5n, 0); b.writeBigUInt64LE(2n ** 40n, 8); b.writeBigUInt64LE(7n, 16); return b; })(), [5, 2 ** 40, 7]],
    ];
    for (const [type, raw, expected] of cases) {
      const m = readMat(Buffer.concat([header(), matrix({ cls: 6, dims: [1, 3], name: 'x', realType: type, real: raw })]), 't.mat');
      expect(Array.from(m.arrays.get('x')!.data), `miTYPE ${type}`).toEqual(expected);
    }
  });

  it('reports the MATLAB class of integer and logical arrays', () => {
    const m = readMat(
      Buffer.concat([
        header(),
        matrix({ cls: 12, dims: [1, 1], name: 'i', realType: MI.INT32, real: Buffer.from([3, 0, 0, 0]) }),
        matrix({ cls: 9, dims: [1, 2], name: 'l', realType: MI.UINT8, real: Buffer.from([1, 0]), flags: 0x0200 }),
      ]),
      'c.mat',
    );
    expect(m.arrays.get('i')!.className).toBe('int32');
    expect(m.arrays.get('l')!.className).toBe('logical');
  });

  it('reads big-endian files', () => {
    const file = Buffer.concat([header(false), matrix({ cls: 6, dims: [1, 3], name: 'be', real: doubles([0.1, -2, 1e300], false), le: false })]);
    const m = readMat(file, 'be.mat');
    expect(Array.from(m.arrays.get('be')!.data)).toEqual([0.1, -2, 1e300]);
  });

  it('skips cells, structs, char, sparse, complex, objects and unnamed arrays with a reason', () => {
    const cell = matrix({ cls: 1, dims: [1, 1], name: 'cel' });
    const struct = matrix({ cls: 2, dims: [1, 1], name: 'st' });
    const char = matrix({ cls: 4, dims: [1, 2], name: 'txt', realType: 16, real: Buffer.from('hi') });
    const sparse = matrix({ cls: 5, dims: [2, 2], name: 'sp' });
    const complex = matrix({ cls: 6, dims: [1, 1], name: 'z', real: doubles([1]), flags: 0x0800 });
    const obj = matrix({ cls: 3, dims: [1, 1], name: 'ob' });
    const unnamed = matrix({ cls: 9, dims: [1, 2], name: '', realType: MI.UINT8, real: Buffer.from([1, 2]) });
    const ok = matrix({ cls: 6, dims: [1, 1], name: 'ok', real: doubles([42]) });
    const m = readMat(Buffer.concat([header(), cell, struct, compressed(char), sparse, complex, obj, unnamed, ok]), 's.mat');
    expect([...m.arrays.keys()]).toEqual(['ok']);
    expect(m.skipped.map((s) => s.name)).toEqual(['cel', 'st', 'txt', 'sp', 'z', 'ob', '']);
    expect(m.skipped.find((s) => s.name === 'z')!.reason).toMatch(/complex/);
    expect(m.skipped.find((s) => s.name === 'sp')!.reason).toMatch(/sparse/);
  });

  it('rejects non-MAT data, v7.3 files and bad versions with InputError naming the file', () => {
    expectInputError(() => readMat(Buffer.from('hello'), 'x.mat'), /^x\.mat: .*byte offset 0/);
    expectInputError(() => readMat(Buffer.alloc(200), 'zeros.mat'), /zeros\.mat: .*endian/);
    const h73 = header();
    h73.write('MATLAB 7.3 MAT-file', 0, 'latin1');
    expectInputError(() => readMat(h73, 'v73.mat'), /v7\.3/);
    expectInputError(() => readMat(header(true, 0x0200), 'v.mat'), /version 0x200 .*byte offset 124/);
  });

  it('rejects truncated and inconsistent elements with the byte offset', () => {
    const good = Buffer.concat([header(), matrix({ cls: 6, dims: [2, 2], name: 'A', real: doubles([1, 2, 3, 4]) })]);
    expectInputError(() => readMat(good.subarray(0, good.length - 9), 't.mat'), /t\.mat: .*extends past the end .* at byte offset 128/);
    expectInputError(() => readMat(good.subarray(0, 131), 't.mat'), /truncated data element tag .*byte offset 128/);
    const wrongCount = Buffer.concat([header(), matrix({ cls: 6, dims: [3, 2], name: 'A', real: doubles([1, 2, 3, 4]) })]);
    expectInputError(() => readMat(wrongCount, 'w.mat'), /'A' has dimensions 3×2 \(6 elements\) but 4 stored values/);
    const badZip = Buffer.concat([header(), u32(MI.COMPRESSED, true), u32(6, true), Buffer.from([1, 2, 3, 4, 5, 6])]);
    expectInputError(() => readMat(badZip, 'z.mat'), /z\.mat: cannot decompress .*byte offset 128/);
    const innerBad = compressed(matrix({ cls: 6, dims: [2, 2], name: 'A', real: doubles([1, 2, 3, 4]) }).subarray(0, 40));
    expectInputError(() => readMat(Buffer.concat([header(), innerBad]), 'i.mat'), /inflated from the compressed element at byte offset 128/);
  });
});

describe('readMat fuzzing', () => {
  const synthetic = Buffer.concat([
    header(),
    matrix({ cls: 6, dims: [2, 3], name: 'W', real: doubles([1, 2, 3, 4, 5, 6]) }),
    matrix({ cls: 1, dims: [1, 1], name: 'c' }),
    compressed(matrix({ cls: 6, dims: [1, 2], name: 'magnitude', realType: MI.UINT8, real: Buffer.from([3, 4]) })),
  ]);
  const sources: [string, Buffer][] = [['synthetic.mat', synthetic]];
  if (haveAnchors) sources.push(['newExp-6-6.mat', readFileSync(`${ANCHORS}/newExp-6-6.mat`)]);

  function onlyInputErrors(bytes: Uint8Array): void {
    try {
      readMat(bytes, 'fuzz.mat');
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      expect(e.message.startsWith('fuzz.mat: ')).toBe(true);
      expect(e.message).toMatch(/byte offset \d+/);
    }
  }

  for (const [label, bytes] of sources) {
    it(`truncations of ${label} end in InputError or a result`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => onlyInputErrors(bytes.subarray(0, cut))), { numRuns: 150 });
    });
    it(`byte flips of ${label} end in InputError or a result`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
          const b = Buffer.from(bytes);
          for (const [pos, x] of flips) b[pos]! ^= x;
          onlyInputErrors(b);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('random bytes behind a valid header end in InputError or a result', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => onlyInputErrors(Buffer.concat([header(), tail]))), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (all) => onlyInputErrors(all)), { numRuns: 100 });
  });
});

describe.skipIf(!haveAnchors)('readMat on the 2018 anchor files', () => {
  const files = haveAnchors ? readdirSync(ANCHORS).filter((f) => f.endsWith('.mat')) : [];

  it('finds every anchor file', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  for (const f of files) {
    it(`${f}: WbadNew is K×N(×count) with count = numel(magnitude), Σ magnitude ≤ 1000`, () => {
      const [, K, N] = /newExp-(\d+)-(\d+)\.mat/.exec(f)!.map(Number) as [number, number, number];
      const m = readMat(readFileSync(`${ANCHORS}/${f}`), f);
      const W = m.arrays.get('WbadNew')!;
      const mag = m.arrays.get('magnitude')!;
      const count = mag.data.length;
      expect(W.dims.slice(0, 2)).toEqual([K, N]);
      expect(W.dims.length === 2 ? 1 : W.dims[2]).toBe(count);
      expect(W.data.length).toBe(K * N * count);
      const total = mag.data.reduce((s, x) => s + x, 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(1000);
      for (const x of W.data) expect(Number.isFinite(x)).toBe(true);
      // the symbolic-toolbox variables are skipped, by name
      expect(m.skipped.filter((s) => /opaque MATLAB object of class 'sym'/.test(s.reason)).map((s) => s.name)).toContain('lambdaMin');
    });
  }
});
