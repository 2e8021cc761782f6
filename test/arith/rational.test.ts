import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, div, isRationalString, mul, neg, parseRational, rational, rationalString, sub } from '../../src/arith/rational.js';

const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -12, max: 6 }))
  .map(([m, e]) => `${m}e${e}`);

describe('exact rationals', () => {
  it('decimal strings parse to their exact value and print back to an equal decimal', () => {
    fc.assert(
      fc.property(decimal, (s) => {
        const x = parseRational(s);
        expect(new Big(rationalString(x)).eq(new Big(s))).toBe(true);
        expect(x.den > 0n).toBe(true);
      }),
    );
  });

  it('+, −, × agree with big.js exactly; ÷ then × gives back the dividend', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = parseRational(a);
        const y = parseRational(b);
        expect(new Big(rationalString(add(x, y))).eq(new Big(a).plus(b))).toBe(true);
        expect(new Big(rationalString(sub(x, y))).eq(new Big(a).minus(b))).toBe(true);
        expect(new Big(rationalString(mul(x, y))).eq(new Big(a).times(b))).toBe(true);
        expect(compare(x, y)).toBe(new Big(a).cmp(b));
        if (y.num !== 0n) expect(compare(mul(div(x, y), y), x)).toBe(0);
      }),
    );
  });

  it('quotients without a finite decimal print as p/q in lowest terms and parse back', () => {
    const third = div(rational(1n), rational(3n));
    expect(rationalString(third)).toBe('1/3');
    expect(rationalString(neg(div(rational(10n), rational(-6n))))).toBe('5/3');
    expect(compare(parseRational('-14/6'), parseRational('-7/3'))).toBe(0);
    expect(rationalString(parseRational('6/8'))).toBe('0.75');
    expect(isRationalString('1/0')).toBe(false);
    expect(isRationalString('1.5/2')).toBe(false);
    expect(() => parseRational('abc')).toThrow(RangeError);
  });
});
