import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';

const Wide = Decimal.clone({ precision: 1200, toExpNeg: -9e15, toExpPos: 9e15 });

describe('exactDecimalOfDouble', () => {
  it('gives the exact value of simple doubles', () => {
    expect(exactDecimalOfDouble(0.5)).toBe('0.5');
    expect(exactDecimalOfDouble(-3)).toBe('-3');
    expect(exactDecimalOfDouble(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimalOfDouble(2 ** 60)).toBe('1152921504606846976');
    expect(exactDecimalOfDouble(Number.MIN_VALUE)).toMatch(/^0\.0{323}494065645841246544176568792868221372365059802/);
  });

  it('round-trips every finite double exactly and is exact at high precision', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = exactDecimalOfDouble(x);
        expect(Number(s)).toBe(x);
        // x·2^1074 is an integer for every double; check the string is that integer over 2^1074.
        const scaled = new Wide(s).times(new Wide(2).pow(1074));
        expect(scaled.isInteger()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects non-finite values', () => {
    expect(() => exactDecimalOfDouble(Number.NaN)).toThrow();
    expect(() => exactDecimalOfDouble(Infinity)).toThrow();
  });
});
