import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { readSafranShamir2018, readSafranYehudaiShamir2021 } from '../../src/io/storedResults.js';
import { readMat } from '../../src/io/mat.js';
import { InputError } from '../../src/errors.js';
import { gradientFloat, identityTeacher, lossFloat, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';

const A18 = '../shared/anchors/safran-shamir-2018';
const A21 = '../shared/anchors/safran-yehudai-shamir-2021';
const have18 = existsSync(A18);
const have21 = existsSync(A21);

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Reference losses (REFERENCE-VALUES.md: 40-digit losses of the critical points next to family 0). */
const REFERENCE_LOSS: Record<string, number> = {
  'newExp-6-6.mat': 0.02508058100246301,
  'newExp-7-7.mat': 0.023202714913566076,
  'newExp-8-8.mat': 0.021508037171521421,
  'newExp-8-9.mat': 0.020560791802999801,
  'newExp-9-9.mat': 0.020014175808510958,
  'newExp-10-10.mat': 0.018702194585606973,
};

describe.skipIf(!have18)('readSafranShamir2018', () => {
  const files = have18 ? readdirSync(A18).filter((f) => f.endsWith('.mat')) : [];
  for (const f of files) {
    it(`${f}: one candidate per family, exact W, multiplicities from magnitude`, () => {
      const path = `${A18}/${f}`;
      const [, K, N] = /newExp-(\d+)-(\d+)\.mat/.exec(f)!.map(Number) as [number, number, number];
      const cs = readSafranShamir2018(path);
      const mat = readMat(readFileSync(path), f);
      const raw = mat.arrays.get('WbadNew')!.data;
      const mag = Array.from(mat.arrays.get('magnitude')!.data);
      expect(cs).toHaveLength(mag.length);
      cs.forEach((c, fam) => {
        expect(c.id).toBe(`${f}#${fam}`);
        expect([c.d, c.n]).toEqual([K, N]);
        expect(c.multiplicity).toBe(mag[fam]);
        expect(c.source).toEqual({ file: path, format: 'mat', index: fam, sha256: sha(path) });
        expect(c.V).toEqual(Array.from({ length: K }, (_, a) => Array.from({ length: K }, (_, j) => (a === j ? '1' : '0'))));
        expect(c.W).toHaveLength(K);
        for (let a = 0; a < K; a++) {
          expect(c.W[a]).toHaveLength(N);
          for (let i = 0; i < N; i++) {
            const x = raw[a + K * i + K * N * fam]!;
            const s = c.W[a]![i]!;
            // the string is the exact value of the stored double (not the shortest round-trip text)
            expect(s).toBe(exact(x));
            expect(Number(s)).toBe(x);
          }
        }
      });
      const total = cs.reduce((s, c) => s + c.multiplicity!, 0);
      expect(total).toBeLessThanOrEqual(1000);
      if (REFERENCE_LOSS[f] !== undefined) {
        const W = cs[0]!.W.map((row) => row.map(Number));
        const loss = lossFloat(makeProblem(K, N, identityTeacher(K)), matrixToNeuronMajor(W));
        expect(Math.abs(loss - REFERENCE_LOSS[f]!)).toBeLessThan(1e-12);
      }
    });
  }

  it('the strings are exact, so longer than the shortest round-trip text', () => {
    const c = readSafranShamir2018(`${A18}/newExp-7-7.mat`)[0]!;
    const s = c.W[0]![0]!;
    expect(s.length).toBeGreaterThan(String(Number(s)).length);
    expect(s).toBe(exact(Number(s)));
  });
});

/** Independent exact decimal of a double: m·2^e = m·5^(−e)/10^(−e), evaluated in decimal.js at 1200 digits (exact). */
const D = Decimal.clone({ precision: 1200 });
function exact(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const be = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = new D((be === 0 ? frac : frac | (1n << 52n)).toString());
  const e = (be === 0 ? 1 : be) - 1075;
  const v = e >= 0 ? m.times(new D(2).pow(e)) : m.times(new D(5).pow(-e)).div(new D(10).pow(-e));
  return (bits >> 63n && !v.isZero() ? '-' : '') + v.toFixed();
}

describe.skipIf(!have21)('readSafranYehudaiShamir2021', () => {
  const files = have21 ? readdirSync(A21).filter((f) => f.endsWith('.p')) : [];
  for (const f of files) {
    it(`${f}: Minimum records as k×k candidates`, () => {
      const path = `${A21}/${f}`;
      const k = Number(/k=(\d+)\.p$/.exec(f)![1]);
      const cs = readSafranYehudaiShamir2021(path);
      expect(cs.length).toBeGreaterThan(0);
      let total = 0;
      cs.forEach((c, i) => {
        expect(c.id).toBe(`Processed minima k=${k}.p#${i}`);
        expect([c.d, c.n]).toEqual([k, k]);
        expect(c.source).toEqual({ file: path, format: 'pickle', index: i, sha256: sha(path) });
        const p = c.stored!.p as number[];
        expect(p.reduce((s, x) => s + x, 0)).toBe(k);
        expect(c.stored!.vals as number[]).toHaveLength(p.length * (p.length + 1));
        for (const key of ['max_dist', 'min_eig', 'grad_norm', 'norm_sum', 'block_eigs', 'pred_eigs']) expect(c.stored).toHaveProperty(key);
        expect(typeof c.stored!.min_eig).toBe('number');
        total += c.multiplicity!;
        const W = c.W.map((row) => row.map(Number));
        for (const row of c.W) for (const s of row) expect(s).toMatch(/^-?\d+(\.\d+)?$/);
        if (c.storedGlobal) {
          expect(p).toEqual([k]);
          expect(c.W).toEqual(c.V);
        } else {
          expect(p.length).toBeGreaterThan(1);
          const g = new Float64Array(k * k);
          gradientFloat(makeProblem(k, k, identityTeacher(k)), matrixToNeuronMajor(W), g);
          // The published 10-digit vals promise only the stored grad_norm (up to 4.8e-9 at k = 20), not a fixed
          // tolerance: the reconstructed norm must equal it up to float evaluation noise (observed ≤ 2.2e-14 at k ≤ 60).
          const storedNorm = c.stored!.grad_norm as number;
          expect(storedNorm).toBeGreaterThan(0);
          expect(Math.abs(Math.hypot(...g) - storedNorm)).toBeLessThanOrEqual(1e-4 * storedNorm + 1e-14 * k);
        }
      });
      // at most one global record (from k = 31 on, some files have none: no run of 500 reached it)
      expect(cs.filter((c) => c.storedGlobal).length).toBeLessThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(500);
    });
  }
});

describe('stored-result readers reject bad input', () => {
  it('missing files and wrong contents are InputErrors', () => {
    expect(() => readSafranShamir2018('/nonexistent/x.mat')).toThrow(/\/nonexistent\/x\.mat: no such file/);
    expect(() => readSafranYehudaiShamir2021('/nonexistent/x.p')).toThrow(InputError);
    expect(() => readSafranShamir2018('.')).toThrow(/^\. is not a regular file \(directory\)$/);
  });
  it.skipIf(!have21)('a pickle that is not a Minimum list', () => {
    expect(() => readSafranShamir2018(`${A21}/Processed minima k=6.p`)).toThrow(InputError);
  });
});
