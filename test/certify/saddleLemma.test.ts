import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactCompare, exactMul, exactSub } from '../../src/arith/exact.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { existenceHolds, existenceRadius, existenceRadiusCovers } from '../../src/certify/saddleLemma.js';

const ex = exactDecimalOfDouble;

describe('exact inequalities (c) and the radius', () => {
  it('existenceHolds is η ≤ (1 − κ)ρ with κ < 1, decided exactly at the boundary', () => {
    expect(existenceHolds('0.5', '0.5', '1')).toBe(true); // equality
    expect(existenceHolds('0.5000000000000000000000000000001', '0.5', '1')).toBe(false);
    expect(existenceHolds('1e-40', '0.25', '2e-40')).toBe(true);
    expect(existenceHolds('1.6e-40', '0.25', '2e-40')).toBe(false); // η > (1 − κ)ρ = 1.5e-40
    expect(existenceHolds('0', '1', '1')).toBe(false); // κ = 1 is not a contraction
    expect(existenceHolds('0', '0.999999', '0')).toBe(true); // ρ = 0 with zero gradient
  });

  it('existenceRadius is ≥ η/(1 − κ), with at most the requested digits; existenceRadiusCovers checks it exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-60, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (etaD, kappaD) => {
          const eta = ex(etaD);
          const kappa = ex(kappaD);
          const r = existenceRadius(eta, kappa);
          expect(existenceRadiusCovers(r, eta, kappa)).toBe(true);
          expect(exactCompare(exactMul(r, exactSub('1', kappa)), eta)).toBeGreaterThanOrEqual(0);
          expect(r.replace(/e.*$/, '').replace(/^0\.0*/, '').replace('.', '').length).toBeLessThanOrEqual(4);
        },
      ),
    );
    expect(existenceRadiusCovers('1e-40', '1e-40', '0.1')).toBe(false);
    expect(() => existenceRadius('1e-40', '1')).toThrow(RangeError);
  });
});
