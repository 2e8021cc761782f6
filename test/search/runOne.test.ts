import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, initialPoint, pointFromStrings, pointStrings, problemOfSettings, runOne } from '../../src/search/runOne.js';
import { resolveSettings } from '../../src/search/settings.js';
import { runSeed } from '../../src/search/rng.js';

describe('initialPoint', () => {
  it('depends only on (seed, run) and has entries of variance 1/d', () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 10, seed: 5 });
    expect([...initialPoint(s, 3)]).toEqual([...initialPoint(s, 3)]);
    expect([...initialPoint(s, 3)]).not.toEqual([...initialPoint(s, 4)]);
    expect([...initialPoint({ ...s, seed: '6' }, 3)]).not.toEqual([...initialPoint(s, 3)]);
    let sum2 = 0;
    let count = 0;
    for (let r = 0; r < 200; r++) for (const x of initialPoint(s, r)) (sum2 += x * x), count++;
    // E[x²] = 1/d = 0.1; the sample mean of x² has sd √2·0.1/√count.
    expect(Math.abs(sum2 / count - 0.1)).toBeLessThan(5 * (Math.SQRT2 * 0.1) / Math.sqrt(count));
  });
});

describe('pointStrings', () => {
  it('round-trips every double exactly, including -0 and subnormals', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 6, maxLength: 6 }), (xs) => {
        const w = Float64Array.from(xs);
        const back = pointFromStrings(pointStrings(w, 2, 3), 2, 3);
        for (let j = 0; j < 6; j++) expect(Object.is(back[j], w[j])).toBe(true);
      }),
    );
  });

  it('writes W as d rows × n columns', () => {
    const w = Float64Array.from([1, 2, 3, 4, 5, 6]); // neurons (1,2), (3,4), (5,6) with d = 2
    expect(pointStrings(w, 2, 3)).toEqual([['1', '3', '5'], ['2', '4', '6']]);
  });
});

describe('classify', () => {
  it('follows the stopping reason, the loss threshold and the sign of λ_min', () => {
    expect(classify('max-iters', 0, 1e-3, null)).toBe('not-converged');
    expect(classify('below-loss', 5e-4, 1e-3, null)).toBe('below-threshold');
    expect(classify('diverged', 0.5, 1e-3, 1)).toBe('not-converged');
    expect(classify('tolerance', 9.99e-4, 1e-3, null)).toBe('global');
    expect(classify('tolerance', 1e-3, 1e-3, 0.01)).toBe('spurious-candidate');
    expect(classify('tolerance', 0.02, 1e-3, 0)).toBe('saddle-candidate');
    expect(classify('tolerance', 0.02, 1e-3, -0.002)).toBe('saddle-candidate');
    expect(classify('tolerance', 0.02, 1e-3, null)).toBe('saddle-candidate');
  });
});

describe('runOne', () => {
  it('records a converged run consistently', () => {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k: 4, seed: 1 });
    const p = problemOfSettings(s);
    const rec = runOne(s, p, 2);
    expect(rec.run).toBe(2);
    expect(rec.seed).toBe(runSeed(1n, 2).toString());
    expect(rec.stop).toBe('tolerance');
    expect(rec.gradNormMaxNeuron!).toBeLessThanOrEqual(1e-9);
    expect(rec.point).toHaveLength(4);
    expect(rec.point[0]).toHaveLength(4);
    expect(rec).toEqual(runOne(s, p, 2));
    if (rec.classification === 'global') expect(rec.loss!).toBeLessThan(1e-3);
    else expect(rec.lambdaMin).not.toBeNull();
  });

  it('--stop-below-threshold changes no spurious or saddle candidate, only stops global runs early', () => {
    // k = n = 9 with seed 2018: run 5 ends at a spurious candidate.
    const base = resolveSettings({ preset: 'safran-shamir-2018', k: 9, seed: 2018 });
    const early = resolveSettings({ preset: 'safran-shamir-2018', k: 9, seed: 2018, stopBelowThreshold: true });
    expect(early.stopBelowThreshold).toBe(true);
    const p = problemOfSettings(base);
    let candidates = 0;
    for (let r = 0; r < 12; r++) {
      const a = runOne(base, p, r);
      const b = runOne(early, p, r);
      if (a.classification === 'global') {
        expect(b.classification).toBe('below-threshold');
        expect(b.stop).toBe('below-loss');
        expect(b.iterations).toBeLessThan(a.iterations);
      } else {
        candidates++;
        expect(b).toEqual(a);
      }
    }
    expect(candidates).toBeGreaterThan(0);
  });
});
