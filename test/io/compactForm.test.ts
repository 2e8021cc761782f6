import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { expandCompactForm, valsMatrix } from '../../src/io/compactForm.js';
import { asNdArray, PickleObject, unpickle, type PickleValue } from '../../src/io/pickle.js';
import { readMat } from '../../src/io/mat.js';
import { gradientFloat, identityTeacher, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';
import { InputError } from '../../src/errors.js';

const ANCHORS = '../shared/anchors';
const haveAnchors = existsSync(`${ANCHORS}/safran-yehudai-shamir-2021`);

describe('expandCompactForm', () => {
  it('the global-minimum record vals = [[1, 0]], p = [k] is the identity I_k', () => {
    for (const k of [1, 2, 6, 13]) {
      const W = expandCompactForm([[1, 0]], [k]);
      expect(W).toEqual(Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (r === c ? 1 : 0))));
    }
  });

  it('places every block value (rows = coordinates, columns = neurons)', () => {
    // p = [1, 2, 3]; vals[i][j] = 10 i + j makes each value identify its source
    const p = [1, 2, 3];
    const vals = [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => 10 * i + j));
    const W = expandCompactForm(vals, p);
    const block = [0, 1, 1, 2, 2, 2];
    expect(W).toHaveLength(6);
    for (let r = 0; r < 6; r++) {
      expect(W[r]).toHaveLength(6);
      for (let c = 0; c < 6; c++) {
        const b = block[r]!;
        const expected = block[c] !== b ? 10 * b + block[c]! : r === c ? 11 * b : 10 * b + 3;
        expect(W[r]![c], `W[${r}][${c}]`).toBe(expected);
      }
    }
  });

  it('is equivariant: expanding then permuting blocks equals expanding permuted data', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }), fc.integer(), (p, seed) => {
        const m = p.length;
        const vals = Array.from({ length: m }, (_, i) => Array.from({ length: m + 1 }, (_, j) => ((seed + 31 * i + 7 * j) % 97) / 7));
        const W = expandCompactForm(vals, p);
        const k = p.reduce((s, x) => s + x, 0);
        // every row of block i restricted to a block j ≠ i is constant vals[i][j]
        const starts = p.map((_, i) => p.slice(0, i).reduce((s, x) => s + x, 0));
        for (let i = 0; i < m; i++)
          for (let j = 0; j < m; j++)
            for (let r = starts[i]!; r < starts[i]! + p[i]!; r++)
              for (let c = starts[j]!; c < starts[j]! + p[j]!; c++) {
                const want = i !== j ? vals[i]![j] : r === c ? vals[i]![i] : vals[i]![m];
                if (W[r]![c] !== want) return false;
              }
        return W.length === k && W.every((row) => row.length === k);
      }),
      { numRuns: 100 },
    );
  });

  it('validates shapes and values with InputError', () => {
    expect(() => expandCompactForm([[1, 0]], [])).toThrow(InputError);
    expect(() => expandCompactForm([[1, 0]], [0])).toThrow(/positive integer/);
    expect(() => expandCompactForm([[1, 0]], [2.5])).toThrow(InputError);
    expect(() => expandCompactForm([[1, 0]], [1, 2])).toThrow(/vals has 1 rows but p has 2 blocks/);
    expect(() => expandCompactForm([[1, 0, 0], [1, 0]], [1, 2])).toThrow(/row 1 of vals has 2 entries \(expected 3\)/);
    expect(() => expandCompactForm([[NaN, 0]], [3])).toThrow(/not a finite number/);
    expect(valsMatrix([1, 0], 1, 'x')).toEqual([[1, 0]]);
    expect(valsMatrix([1, 2, 3, 4, 5, 6], 2, 'x')).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(() => valsMatrix([1, 2, 3], 2, 'rec')).toThrow(/rec: vals has 3 entries but p has 2 blocks/);
  });
});

function minima(k: number): Map<PickleValue, PickleValue>[] {
  const f = `${ANCHORS}/safran-yehudai-shamir-2021/Processed minima k=${k}.p`;
  return (unpickle(new Uint8Array(readFileSync(f)), f) as PickleObject[]).map((m) => m.state as Map<PickleValue, PickleValue>);
}

function gradNorm(W: number[][]): number {
  const k = W.length;
  const g = new Float64Array(k * W[0]!.length);
  gradientFloat(makeProblem(k, W[0]!.length, identityTeacher(k)), matrixToNeuronMajor(W), g);
  return Math.hypot(...g);
}

function transpose(W: number[][]): number[][] {
  return W[0]!.map((_, c) => W.map((row) => row[c]!));
}

describe.skipIf(!haveAnchors)('expandCompactForm on the 2021 anchors (orientation settled by the gradient)', () => {
  for (const k of [7, 8, 9, 10]) {
    it(`k = ${k}: every spurious record is a critical point as W, not as Wᵀ; its grad_norm is ours`, () => {
      for (const st of minima(k)) {
        const p = Array.from(asNdArray(st.get('p')!)!.data);
        const W = expandCompactForm(valsMatrix(asNdArray(st.get('vals')!)!.data, p.length, 'vals'), p);
        const g = gradNorm(W);
        const stored = st.get('grad_norm') as number;
        if (p.length === 1) {
          expect(g).toBeLessThan(1e-12); // the identity is the global minimum (gradient 0)
          continue;
        }
        expect(g).toBeLessThan(1e-9);
        expect(Math.abs(g - stored) / stored).toBeLessThan(1e-3); // the stored norm is this one
        expect(gradNorm(transpose(W))).toBeGreaterThan(0.1);
      }
    });
  }

  it('k = 7: the spurious record is the 2018 family of newExp-7-7.mat up to coordinate/neuron permutations', () => {
    const st = minima(7)[1]!;
    const p = Array.from(asNdArray(st.get('p')!)!.data);
    const W21 = expandCompactForm(valsMatrix(asNdArray(st.get('vals')!)!.data, p.length, 'vals'), p);
    const mat = readMat(readFileSync(`${ANCHORS}/safran-shamir-2018/newExp-7-7.mat`), '7-7');
    const a = mat.arrays.get('WbadNew')!;
    const W18 = Array.from({ length: 7 }, (_, r) => Array.from({ length: 7 }, (_, c) => a.data[r + 7 * c]!));
    // the same multiset of row sorted values and of column sorted values, to 1e-6
    const sig = (M: number[][]) => M.map((row) => row.slice().sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
    const s21 = sig(W21);
    const s18 = sig(W18);
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) expect(Math.abs(s21[r]![c]! - s18[r]![c]!)).toBeLessThan(1e-6);
    const c21 = sig(transpose(W21));
    const c18 = sig(transpose(W18));
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) expect(Math.abs(c21[r]![c]! - c18[r]![c]!)).toBeLessThan(1e-6);
  });
});
