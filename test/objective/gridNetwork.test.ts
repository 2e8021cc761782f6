import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { type Activation, defaultProblem, simsekTeacher } from '../../src/objective/gridData.js';
import { canonicalNetwork, canonicalNeurons, embeddingWidth, sameCanonicalNetwork } from '../../src/objective/gridNetwork.js';
import { gridLossEnclosure } from '../../src/objective/gridRigorous.js';
import { rng } from '../helpers/random.js';

/** f(x) of a network (float), for checking that equal canonical forms are equal functions. */
function floatOutput(act: Activation, W: string[][], a: string[], x: [number, number]): number {
  let f = 0;
  a.forEach((ai, i) => {
    const [p, q] = W[1]![i]!.split('/');
    const w1 = q ? Number(p) / Number(q) : Number(W[1]![i]);
    const [r, s] = W[0]![i]!.split('/');
    const w0 = s ? Number(r) / Number(s) : Number(W[0]![i]);
    const [u, v] = ai.split('/');
    const av = v ? Number(u) / Number(v) : Number(ai);
    const z = w0 * x[0] + w1 * x[1];
    f += av * (act === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.max(0, z));
  });
  return f;
}

const t = simsekTeacher();
/** Embeddings of the teacher: padded with zero-output neurons, a neuron split, permuted, (sigmoid) flipped. */
const embeddings = (act: Activation): { W: string[][]; a: string[] }[] => [
  { W: t.W, a: t.a },
  { W: t.W.map((r, c) => [...r, c === 0 ? '2.5' : '-0.125']), a: [...t.a, '0'] },
  { W: t.W.map((r) => [...r, r[0]!]), a: ['0.375', '-1', '1', '-1', '0.625'] },
  { W: t.W.map((r) => [r[2]!, r[0]!, r[3]!, r[1]!]), a: ['1', '1', '-1', '-1'] },
  ...(act === 'sigmoid'
    ? // σ(−z) = 1 − σ(z): all neurons flipped (Σ a_t = 0), and a pair flipped with a constant neuron w = 0 compensating.
      [
        { W: t.W.map((r) => r.map((v) => String(-Number(v)))), a: ['-1', '1', '-1', '1'] },
        { W: t.W.map((r, c) => [...r.map((v, i) => (i === 0 ? String(-Number(v)) : v)), '0']), a: ['-1', '-1', '1', '-1', '2'] },
      ]
    : [{ W: t.W.map((r) => [...r, String(2 * Number(r[1]!))]), a: ['1', '-0.5', '1', '-1', '-0.25'] }]),
];

describe('canonical network form (exact function identity)', () => {
  for (const act of ['sigmoid', 'relu'] as const) {
    it(`${act}: the teacher and its embeddings have the teacher's form, and L = 0 exactly there`, () => {
      const T = canonicalNetwork(act, t.W, t.a);
      expect(embeddingWidth(T)).toBe(4);
      const p = defaultProblem(act);
      const ar = decimalIntervals(30);
      for (const e of embeddings(act)) {
        expect(sameCanonicalNetwork(canonicalNetwork(act, e.W, e.a), T)).toBe(true);
        const L = gridLossEnclosure(ar, p, e);
        expect(L.lo.lte(0) && L.hi.gte(0)).toBe(true);
        if (act === 'relu') expect(L.lo.isZero() && L.hi.isZero()).toBe(true); // exact on the dyadic grid
        else expect(L.hi.lt('1e-25')).toBe(true);
      }
    });

    it(`${act}: a change of 1e-30 in one weight breaks the identity`, () => {
      const T = canonicalNetwork(act, t.W, t.a);
      expect(sameCanonicalNetwork(canonicalNetwork(act, t.W, ['1.000000000000000000000000000001', ...t.a.slice(1)]), T)).toBe(false);
      const W = t.W.map((r, c) => r.map((v, i) => (c === 1 && i === 2 ? '-0.600000000000000000000000000001' : v)));
      expect(sameCanonicalNetwork(canonicalNetwork(act, W, t.a), T)).toBe(false);
    });

    it(`${act}: equal canonical forms are equal functions (random networks under the identities, checked in floats)`, () => {
      let checked = 0;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
          const rand = rng(seed);
          const n = 3;
          const r = (k: number) => String(Math.round((2 * rand() - 1) * 1000) / k);
          const W = [Array.from({ length: n }, () => r(500)), Array.from({ length: n }, () => r(500))];
          const a = Array.from({ length: n }, () => r(100));
          // Split neuron 0 into two copies (ReLU: rescaled by 2), pad a zero-output neuron, permute.
          const W2 = W.map((row, c) => [row[2]!, act === 'relu' ? String(2 * Number(row[0]!)) : row[0]!, row[1]!, row[0]!, c === 0 ? '0.3' : '-0.7']);
          const a0 = Number(a[0]!);
          const a2 = [a[2]!, String(act === 'relu' ? a0 / 4 : a0 / 2), a[1]!, String(a0 / 2), '0'];
          const same = sameCanonicalNetwork(canonicalNetwork(act, W, a), canonicalNetwork(act, W2, a2));
          if (!same) return; // a0/2 or a0/4 may not be exact in the decimals written: then nothing is claimed
          checked++;
          for (let k = 0; k < 5; k++) {
            const x: [number, number] = [10 * rand() - 5, 10 * rand() - 5];
            expect(Math.abs(floatOutput(act, W, a, x) - floatOutput(act, W2, a2, x))).toBeLessThan(1e-9);
          }
        }),
        { numRuns: 50 },
      );
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('canonicalNeurons reproduces the form with embeddingWidth neurons (sigmoid with a constant term)', () => {
    const W = [['0', '-1', '2'], ['0', '0.5', '1']];
    const a = ['3', '1', '-2'];
    const T = canonicalNetwork('sigmoid', W, a);
    const c = canonicalNeurons(T, 2);
    expect(c.a).toHaveLength(embeddingWidth(T));
    expect(sameCanonicalNetwork(canonicalNetwork('sigmoid', c.W, c.a), T)).toBe(true);
  });
});
