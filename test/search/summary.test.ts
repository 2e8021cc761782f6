import { describe, expect, it } from 'vitest';
import { buildSummary, summaryMarkdown, wilsonInterval } from '../../src/search/summary.js';
import { groupFamilies } from '../../src/search/families.js';
import { resolveSettings } from '../../src/search/settings.js';
import type { RunClassification, RunRecord } from '../../src/search/runOne.js';

function rec(run: number, classification: RunClassification, point: string[][], loss: number): RunRecord {
  return {
    run, seed: '0', iterations: 100 + run, loss, gradNorm: 1e-10, gradNormMaxNeuron: 1e-10,
    lambdaMin: classification === 'global' ? null : 0.01, classification,
    stop: classification === 'not-converged' ? 'max-iters' : 'tolerance', point,
  };
}

describe('summary', () => {
  it('counts classifications, families and percentages', () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 2 });
    const I = [['1', '0'], ['0', '1']];
    const A = [['0.5', '0.2'], ['0.1', '-0.3']];
    const recs = [rec(0, 'global', I, 0), rec(1, 'spurious-candidate', A, 0.02), rec(2, 'global', [['0', '1'], ['1', '0']], 0), rec(3, 'not-converged', A, 0.3)];
    const fams = groupFamilies(recs, s);
    const sum = buildSummary(s, recs, fams, 5);
    expect(sum.runs).toBe(4);
    expect(sum.complete).toBe(false);
    expect(sum.counts).toEqual({ global: 2, 'below-threshold': 0, 'spurious-candidate': 1, 'saddle-candidate': 0, 'not-converged': 1 });
    expect(sum.percent.global).toBe(50);
    expect(sum.spuriousFraction).toBe(0.25);
    expect(sum.families).toBe(3);
    expect(sum.familyTable[0]).toMatchObject({ classification: 'global', multiplicity: 2 });
    expect(sum.iterations).toEqual({ median: 101, max: 102 });
    const md = summaryMarkdown(sum);
    expect(md).toContain('| 2 | 2 | 4 | 50.0% | 25.0% | 0.0% | 25.0% | 3 |');
    expect(md).toContain('Incomplete: 4 of 5 runs');
    expect(md).not.toContain('below threshold');
  });

  it('shows runs stopped below the threshold in their own column', () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 2, stopBelowThreshold: true });
    const A = [['0.5', '0.2'], ['0.1', '-0.3']];
    const recs = [
      { ...rec(0, 'below-threshold', [['0.9', '0'], ['0', '0.9']], 0), stop: 'below-loss' as const },
      rec(1, 'spurious-candidate', A, 0.02),
    ];
    const sum = buildSummary(s, recs, groupFamilies(recs, s), 2);
    expect(sum.stopBelowThreshold).toBe(true);
    expect(sum.counts['below-threshold']).toBe(1);
    const md = summaryMarkdown(sum);
    expect(md).toContain('| k | n | runs | below threshold (stopped early) | global |');
    expect(md).toContain('| 2 | 2 | 2 | 50.0% | 0.0% | 50.0% | 0.0% | 0.0% | 2 |');
    expect(md).toMatch(/\| 1 \(1 family\) \| below-threshold \| 1 \|/);
  });

  it('gives Wilson intervals that contain the estimate and widen with confidence', () => {
    const [lo, hi] = wilsonInterval(55, 1000, 2.5758293035489004);
    expect(lo).toBeLessThan(0.055);
    expect(hi).toBeGreaterThan(0.055);
    // Reference (hand computation, z = 2.5758): Wilson 99% interval for 55/1000 is [0.03919, 0.07667].
    expect(lo).toBeCloseTo(0.03919, 4);
    expect(hi).toBeCloseTo(0.07667, 4);
    const [lo95, hi95] = wilsonInterval(55, 1000, 1.959963984540054);
    expect(lo95).toBeGreaterThan(lo);
    expect(hi95).toBeLessThan(hi);
    expect(wilsonInterval(0, 10, 2.576)[0]).toBe(0);
    expect(wilsonInterval(10, 10, 2.576)[1]).toBe(1);
  });
});
