import { normUpper } from '../../src/arith/intervalNorms.js';
import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { lossAndGradientEnclosure } from '../../src/objective/reluRigorous.js';
import { squaredDistanceCompact } from '../../src/symmetric/compactPoint.js';
import { polishCompact } from '../../src/symmetric/polishCompact.js';
import { denseOf, havePickles, storedCompactPoints } from './fixtures.js';

describe('polishing in the fixed subspace', () => {
  it.skipIf(!havePickles)('takes the stored k = 7…10 minima to |∇F| ≤ 1e-34 at P = 40 (dense check), with a true distance bound', () => {
    for (let k = 7; k <= 10; k++) {
      for (const { pt } of storedCompactPoints(k)) {
        const r = polishCompact(pt, { precision: 40 });
        expect(r.steps).toBeGreaterThan(0);
        expect(r.steps).toBeLessThanOrEqual(4);
        expect(r.gradNorms[r.gradNorms.length - 1]!).toBeLessThan(1e-34);
        // Every value has at most 40 significant digits and the centre's dense gradient vanishes.
        for (const row of r.centre.vals) for (const x of row) expect(new Big(x).c.length).toBeLessThanOrEqual(40);
        const g = normUpper(decimalIntervals(60), lossAndGradientEnclosure(decimalIntervals(60), denseOf(r.centre)).gradient);
        expect(g.toNumber()).toBeLessThan(1e-33);
        const d2 = new Big(squaredDistanceCompact(r.centre, pt));
        expect(new Big(r.distanceUpper).pow(2).gte(d2)).toBe(true);
        expect(new Big(r.distanceUpper).pow(2).lte(d2.times('1.0001'))).toBe(true);
        expect(Number(r.distanceUpper)).toBeLessThan(1e-8);
      }
    }
  });

  it('leaves a point at which it cannot improve unchanged (maxSteps 0)', () => {
    const pt = { p: [1, 3], vals: [['0.9', '0.1', '0'], ['0.05', '1.1', '-0.02']] };
    const r = polishCompact(pt, { precision: 30, maxSteps: 0 });
    expect(r.steps).toBe(0);
    expect(r.distanceUpper).toBe('0');
    expect(r.centre.vals).toEqual(pt.vals);
  });
});
