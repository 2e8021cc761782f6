import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { summarizePoint } from '../../src/objective/classify.js';
import { identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { readMat } from '../../src/io/mat.js';

const A18 = '../shared/anchors/safran-shamir-2018';

/** Family `index` of WbadNew in a stored 2018 result (column-major K×N slices = neuron-major). */
function anchorPoint(file: string, index: number): { k: number; n: number; w: Float64Array } {
  const arr = readMat(new Uint8Array(readFileSync(`${A18}/${file}`)), file).arrays.get('WbadNew')!;
  const [k, n] = arr.dims as [number, number];
  return { k, n, w: arr.data.slice(index * k * n, (index + 1) * k * n) };
}

describe('summarizePoint', () => {
  it('near-global at W = V, not-converged at a random point', () => {
    const p = makeProblem(5, 5, identityTeacher(5));
    const g = summarizePoint(p, identityTeacher(5));
    expect(g.classification).toBe('near-global');
    expect(g.loss).toBeLessThan(1e-14);
    expect(g.gradNorm).toBeLessThan(1e-14);
    const w = new Float64Array(25).map((_, t) => Math.sin(7 * t + 1) / 2);
    const r = summarizePoint(p, w);
    expect(r.classification).toBe('not-converged');
    expect(r.gradNorm).toBeGreaterThan(1e-3);
    expect(r.gradNormMaxNeuron).toBeLessThanOrEqual(r.gradNorm);
    expect(r.gradNormMaxNeuron * Math.sqrt(5)).toBeGreaterThanOrEqual(r.gradNorm);
    // The thresholds are honoured.
    expect(summarizePoint(p, w, { globalThreshold: 1e9 }).classification).toBe('near-global');
  });

  it.skipIf(!existsSync(A18))('minimum-candidate and saddle-candidate on stored results', () => {
    const m = anchorPoint('newExp-7-7.mat', 0);
    const sm = summarizePoint(makeProblem(m.k, m.n, identityTeacher(m.k)), m.w);
    expect(sm).toMatchObject({ d: 7, n: 7, k: 7, classification: 'minimum-candidate' });
    expect(sm.lambdaMin).toBeGreaterThan(0.014);
    // REFERENCE-VALUES.md: newExp-15-16.mat family 6 is a saddle (λ_min ≈ −0.0027).
    const s = anchorPoint('newExp-15-16.mat', 6);
    const ss = summarizePoint(makeProblem(s.k, s.n, identityTeacher(s.k)), s.w);
    expect(ss).toMatchObject({ d: 15, n: 16, k: 15, classification: 'saddle-candidate' });
    expect(Math.abs(ss.lambdaMin - -0.00270210088165)).toBeLessThan(1e-7);
    // A tighter gradient tolerance than the stored point reached turns it into 'not-converged'.
    expect(summarizePoint(makeProblem(m.k, m.n, identityTeacher(m.k)), m.w, { gradTol: 1e-12 }).classification).toBe(
      'not-converged',
    );
  });

  it('a zero neuron away from the global minimum: λ_min undefined, explained, not a minimum', () => {
    const p = makeProblem(3, 3, identityTeacher(3));
    const w = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 0]); // third teacher neuron missing
    const s = summarizePoint(p, w, { gradTol: 1e9 });
    expect(Number.isNaN(s.lambdaMin)).toBe(true);
    expect(s.note).toMatch(/neuron 2 is zero/);
    expect(s.classification).toBe('not-converged');
  });
});
