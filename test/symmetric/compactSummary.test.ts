import { describe, expect, it } from 'vitest';
import { identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { summarizePoint } from '../../src/objective/classify.js';
import { compactSize, expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { summarizeCompact } from '../../src/symmetric/compactSummary.js';
import { compactMinimum28, compactSaddle24, denseSpectrum, PATTERNS, randomCompactPoint } from './fixtures.js';

/** The dense float summary of the expanded point (neuron-major doubles). */
function denseSummary(pt: { p: number[]; vals: string[][] }) {
  const k = compactSize(pt);
  const W = expandCompactPoint(pt);
  const w = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let i = 0; i < k; i++) w[i * k + a] = Number(W[a]![i]!);
  return summarizePoint(makeProblem(k, k, identityTeacher(k)), w);
}

describe('summarizeCompact (inspect of compact points)', () => {
  it('its spectrum, each eigenvalue repeated by its multiplicity, is the dense float spectrum', () => {
    for (const pt of [compactMinimum28(), compactSaddle24(), ...PATTERNS.slice(0, 4).map((p, q) => randomCompactPoint(p, 40 + q))]) {
      const s = summarizeCompact(pt);
      const expanded = s.spectrum.flatMap((e) => new Array<number>(Number(e.multiplicity)).fill(e.value));
      const dense = denseSpectrum(pt);
      expect(expanded).toHaveLength(dense.length);
      expanded.forEach((x, q) => expect(Math.abs(x - dense[q]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(dense[q]!))));
      expect(s.dimensionCheck.ok).toBe(true);
      expect(s.lambdaMin).toBe(expanded[0]);
    }
  });

  it('loss, gradient norms and classification agree with the dense screening', () => {
    for (const pt of [compactMinimum28(), compactSaddle24(), randomCompactPoint([1, 2, 3], 7)]) {
      const s = summarizeCompact(pt);
      const d = denseSummary(pt);
      expect(s.loss).toBeCloseTo(d.loss, 12);
      expect(Math.abs(s.gradNorm - d.gradNorm)).toBeLessThan(1e-12 + 1e-9 * d.gradNorm);
      expect(Math.abs(s.gradNormMaxNeuron - d.gradNormMaxNeuron)).toBeLessThan(1e-12 + 1e-9 * d.gradNormMaxNeuron);
      expect(s.classification).toBe(d.classification);
    }
    expect(summarizeCompact(compactMinimum28()).classification).toBe('minimum-candidate');
    expect(summarizeCompact(compactSaddle24()).classification).toBe('saddle-candidate');
  });

  it('works at k = 10⁵ without anything of size k², and names global minima and points outside Ω', () => {
    const big = summarizeCompact({ p: [40000, 60000], vals: [['-0.3', '0.001', '0.0001'], ['0.002', '0.9', '-0.00005']] });
    expect(big.k).toBe(100000);
    expect(big.dimensionCheck).toMatchObject({ kSquared: '10000000000', ok: true });
    expect(big.spectrum.reduce((a, e) => a + BigInt(e.multiplicity), 0n)).toBe(10n ** 10n);
    const global = summarizeCompact({ p: [3, 2], vals: [['1', '0', '0'], ['0', '1', '0']] });
    expect([global.loss, global.classification]).toEqual([0, 'near-global']);
    expect(global.note).toMatch(/teacher up to a permutation/);
    const zero = summarizeCompact({ p: [2, 2], vals: [['0', '0', '0'], ['0', '1', '0.2']] });
    expect(zero.classification).toBe('not-converged');
    expect(zero.note).toMatch(/zero|parallel/);
  });
});
