import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { getPreset } from '../../src/search/presets.js';
import { resolveSettings, settingsDifferences } from '../../src/search/settings.js';

describe('presets', () => {
  it('hold the published settings (DESIGN.md §2)', () => {
    const a = resolveSettings({ preset: 'safran-shamir-2018', k: 8 });
    expect(a).toMatchObject({ k: 8, n: 8, d: 8, teacher: 'identity', init: 'xavier', step: 0.1, tol: 1e-9, tolNorm: 'per-neuron', spuriousThreshold: 1e-3 });
    const b = resolveSettings({ preset: 'safran-yehudai-shamir-2021', k: 20 });
    expect(b).toMatchObject({ k: 20, n: 20, d: 20, step: 0.25, tol: 1e-12, tolNorm: 'frobenius' });
    expect(getPreset('safran-shamir-2018').runs).toBe(1000);
    expect(getPreset('safran-yehudai-shamir-2021').runs).toBe(500);
  });

  it('let explicit flags override every value', () => {
    const s = resolveSettings({
      preset: 'safran-shamir-2018', k: '6', n: '7', step: '0.05', tol: '1e-8', tolNorm: 'frobenius', maxIters: '500',
      spuriousThreshold: '0.01', familyTol: '1e-5', seed: '18446744073709551615',
    });
    expect(s).toMatchObject({ n: 7, step: 0.05, tol: 1e-8, tolNorm: 'frobenius', maxIters: 500, spuriousThreshold: 0.01, familyTol: 1e-5, seed: '18446744073709551615' });
  });

  it('reject bad input with one-line InputErrors naming the flag', () => {
    const bad: [Record<string, string | number>, RegExp][] = [
      [{ preset: 'nope', k: 6 }, /unknown preset 'nope' \(known presets: safran-shamir-2018, safran-yehudai-shamir-2021, simsek-2021-grid\)/],
      [{ k: 6 }, /--preset is required/],
      [{ preset: 'safran-shamir-2018' }, /--k is required/],
      [{ preset: 'safran-shamir-2018', k: 0 }, /--k 0/],
      [{ preset: 'safran-shamir-2018', k: 'six' }, /--k six/],
      [{ preset: 'safran-shamir-2018', k: 6, d: 7 }, /--d 7: the identity teacher needs d = k = 6/],
      [{ preset: 'safran-shamir-2018', k: 6, step: -1 }, /--step -1/],
      [{ preset: 'safran-shamir-2018', k: 6, tolNorm: 'max' }, /--tol-norm max/],
      [{ preset: 'safran-shamir-2018', k: 6, init: 'he' }, /--init he/],
      [{ preset: 'safran-shamir-2018', k: 6, seed: -3 }, /--seed -3/],
      [{ preset: 'safran-shamir-2018', k: 6, maxIters: 2.5 }, /--max-iters 2.5/],
    ];
    for (const [input, msg] of bad) {
      let err: unknown;
      try {
        resolveSettings(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('report which settings differ (for resume)', () => {
    const a = resolveSettings({ preset: 'safran-shamir-2018', k: 6, seed: 1 });
    expect(settingsDifferences(a, { ...a })).toEqual([]);
    expect(settingsDifferences(a, { ...a, seed: '2', step: 0.2 })).toEqual(['step', 'seed']);
    // Files written before --stop-below-threshold existed lack the field: it means false.
    expect(settingsDifferences(a, { ...a, stopBelowThreshold: false })).toEqual([]);
    expect(settingsDifferences(a, { ...a, stopBelowThreshold: true })).toEqual(['stopBelowThreshold']);
  });
});
