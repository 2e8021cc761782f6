import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { MAX_MAT_DATA_BYTES, MAX_SKIPPED_LISTED, readMat } from '../../src/io/mat.js';
import { InputError } from '../../src/errors.js';
import { expectInputError } from '../helpers/errors.js';
import { MI, compressed, doubles, header, matrix, u32 } from '../helpers/matWriter.js';

const ANCHORS = '../shared/anchors/safran-shamir-2018';
const haveAnchors = existsSync(ANCHORS);

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
    expect(m.skippedCount).toBe(7);
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

describe('readMat on zip bombs and floods of skipped elements', () => {
  const KiB = 1024;
  // Zero bytes read as 8-byte data element tags of type 0 with 0 bytes: each is one skipped element.
  const zerosBomb = (bytes: number) => compressed(Buffer.alloc(bytes));

  it('refuses a compressed element that inflates past the data cap, naming the limit and the offset', () => {
    const bomb = zerosBomb(64 * KiB);
    expect(bomb.length).toBeLessThan(1000); // a real bomb: tiny compressed, large inflated
    expectInputError(
      () => readMat(Buffer.concat([header(), bomb]), 'bomb.mat', { maxDataBytes: 32 * KiB }),
      /^bomb\.mat: compressed element inflates to more than the 0\.0313 MiB limit on decompressed data \(MAX_MAT_DATA_BYTES; .*\) at byte offset 128$/,
    );
    // The same file under a cap it fits in is read (as 8192 skipped zero tags).
    expect(readMat(Buffer.concat([header(), bomb]), 'bomb.mat', { maxDataBytes: 64 * KiB }).skippedCount).toBe(8192);
  });

  it('counts the cap over all compressed elements of a file, not per element', () => {
    const file = Buffer.concat([header(), zerosBomb(20 * KiB), zerosBomb(20 * KiB)]);
    expect(readMat(file, 'two.mat', { maxDataBytes: 40 * KiB }).skippedCount).toBe(2 * 2560);
    expectInputError(() => readMat(file, 'two.mat', { maxDataBytes: 30 * KiB }), /remaining 0\.00977 MiB of the 0\.0293 MiB limit .* at byte offset \d+$/);
  });

  it('caps the decoded arrays as doubles (uint8 data grow eightfold)', () => {
    const bytes = matrix({ cls: 9, dims: [1, 4096], name: 'big', realType: MI.UINT8, real: Buffer.alloc(4096, 1) });
    const file = Buffer.concat([header(), compressed(bytes)]);
    expect(readMat(file, 'u8.mat', { maxDataBytes: 32 * KiB }).arrays.get('big')!.data.length).toBe(4096);
    expectInputError(() => readMat(file, 'u8.mat', { maxDataBytes: 16 * KiB }), /array 'big' \(4096 values\) brings the decoded arrays above the 0\.0156 MiB limit/);
  });

  it('keeps at most MAX_SKIPPED_LISTED skipped elements, counting the rest', () => {
    const m = readMat(Buffer.concat([header(), zerosBomb(8 * 1000)]), 'flood.mat');
    expect(m.skippedCount).toBe(1000);
    expect(m.skipped).toHaveLength(MAX_SKIPPED_LISTED);
    expect(m.skipped[0]!.reason).toMatch(/top-level data element of type 0 at byte offset 0 of the data inflated/);
  });

  it('the default cap is far above real files and far below a 200 MB bomb', () => {
    expect(MAX_MAT_DATA_BYTES).toBeGreaterThanOrEqual(8 * 1024 * 1024); // newExp-20-20.mat inflates to 0.8 MB
    expect(MAX_MAT_DATA_BYTES).toBeLessThanOrEqual(64 * 1024 * 1024);
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
