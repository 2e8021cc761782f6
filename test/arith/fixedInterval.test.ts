import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalInterval, decimalIntervals } from '../../src/arith/decimalInterval.js';
import { FixedArithmetic, ceilDiv, floorDiv, type FixedInterval } from '../../src/arith/fixedInterval.js';

/** Exact for +, −, × of the generated numbers; ÷ is bracketed by the directed oracles below. */
const Exact = Decimal.clone({ precision: 2000, rounding: Decimal.ROUND_HALF_EVEN });
const Lo = Decimal.clone({ precision: 300, rounding: Decimal.ROUND_FLOOR });
const Hi = Decimal.clone({ precision: 300, rounding: Decimal.ROUND_CEIL });

/** Decimal strings with up to 40 significant digits and exponents in [−30, 8], or zero. */
const decimalString = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 40n }), fc.integer({ min: -70, max: -30 }), fc.boolean()) },
  { weight: 2, arbitrary: fc.tuple(fc.bigInt({ min: 1n, max: 999n }), fc.integer({ min: -4, max: 2 }), fc.boolean()) },
  { weight: 1, arbitrary: fc.constant([0n, 0, false] as [bigint, number, boolean]) },
).map(([m, e, neg]) => `${neg ? '-' : ''}${m}e${e}`);

const intervalSpec = fc.tuple(decimalString, decimalString).map(([x, y]) => (new Exact(x).lte(y) ? [x, y] : [y, x]) as [string, string]);

/** A member of [lo, hi]: an end or a point in between (t ∈ [0, 1] with 3 digits). */
const member = (lo: string, hi: string, t: number): Decimal => new Exact(lo).plus(new Exact(hi).minus(lo).times(t));

const PLACES = [12, 40, 80];

function contains(fa: FixedArithmetic, x: FixedInterval, v: Decimal): boolean {
  return fa.exactDecimalOf(x.lo).lte(v) && v.lte(fa.exactDecimalOf(x.hi));
}

describe('fixed-point interval arithmetic', () => {
  it('floorDiv and ceilDiv round toward −∞ and +∞ for every sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const f = floorDiv(n, d);
        const c = ceilDiv(n, d);
        expect(f * d <= n && n < (f + 1n) * d).toBe(true);
        expect((c - 1n) * d < n && n <= c * d).toBe(true);
      }),
    );
  });

  it('point/fromDecimalInterval enclose the value; decimals with ≤ K places are exact', () => {
    fc.assert(
      fc.property(decimalString, fc.constantFrom(...PLACES), (x, K) => {
        const fa = new FixedArithmetic(K);
        const p = fa.point(x);
        expect(contains(fa, p, new Exact(x))).toBe(true);
        expect(p.hi - p.lo <= 1n).toBe(true);
        if (new Exact(x).decimalPlaces() <= K) expect(p.lo).toBe(p.hi);
      }),
    );
    const fa = new FixedArithmetic(20);
    const ar = decimalIntervals(30);
    const e = ar.exp(ar.point('0.3'));
    const f = fa.fromDecimalInterval(e);
    expect(contains(fa, f, e.lo) && contains(fa, f, e.hi)).toBe(true);
  });

  it('+, −, ×, x², ÷, ÷k, ×k, dot contain the exact result for members of the argument intervals', () => {
    fc.assert(
      fc.property(
        intervalSpec, intervalSpec, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...PLACES), fc.integer({ min: 1, max: 10000 }),
        ([xl, xh], [yl, yh], s, t, K, k) => {
          const fa = new FixedArithmetic(K);
          const x = fa.fromDecimalInterval(new DecimalInterval(new Exact(xl), new Exact(xh)));
          const y = fa.fromDecimalInterval(new DecimalInterval(new Exact(yl), new Exact(yh)));
          const u = member(xl, xh, Math.round(s * 1000) / 1000);
          const v = member(yl, yh, Math.round(t * 1000) / 1000);
          expect(contains(fa, fa.add(x, y), u.plus(v))).toBe(true);
          expect(contains(fa, fa.sub(x, y), u.minus(v))).toBe(true);
          expect(contains(fa, fa.neg(x), u.neg())).toBe(true);
          expect(contains(fa, fa.mul(x, y), u.times(v))).toBe(true);
          expect(contains(fa, fa.sqr(x), u.times(u))).toBe(true);
          expect(contains(fa, fa.divInteger(x, k), new Lo(u).div(k))).toBe(true);
          expect(contains(fa, fa.divInteger(x, k), new Hi(u).div(k))).toBe(true);
          expect(contains(fa, fa.mulInteger(x, k - 5000), u.times(k - 5000))).toBe(true);
          expect(contains(fa, fa.dot([x, y], [y, x]), u.times(v).times(2))).toBe(true);
          if (y.lo >= 0n) {
            expect(contains(fa, fa.mulByNonNegative(x, y), u.times(v))).toBe(true);
            if (x.lo >= 0n) expect(contains(fa, fa.mulNonNegative(x, y), u.times(v))).toBe(true);
          }
          if (y.lo > 0n) {
            const q = fa.div(x, y);
            expect(contains(fa, q, new Lo(u).div(v)) && contains(fa, q, new Hi(u).div(v))).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a rounding bug is caught: truncating products toward 0 instead of flooring misses negative products', () => {
    const fa = new FixedArithmetic(10);
    const truncatingMul = (x: FixedInterval, y: FixedInterval): FixedInterval => ({ lo: (x.lo * y.lo) / fa.ONE, hi: (x.hi * y.hi) / fa.ONE });
    const x = fa.point('-0.3333333333');
    const y = fa.point('0.7777777777');
    const exact = new Exact('-0.3333333333').times('0.7777777777');
    expect(contains(fa, fa.mul(x, y), exact)).toBe(true);
    expect(contains(fa, truncatingMul(x, y), exact)).toBe(false);
  });

  it('toDecimalInterval rounds outward to the precision of the decimal arithmetic', () => {
    const fa = new FixedArithmetic(60);
    const x = fa.div(fa.integer(1), fa.integer(3));
    const d = fa.toDecimalInterval(decimalIntervals(20), x);
    expect(d.lo.lte(new Lo(1).div(3)) && new Hi(1).div(3).lte(d.hi)).toBe(true);
    expect(d.lo.precision()).toBeLessThanOrEqual(20);
    expect(d.hi.minus(d.lo).lte('1e-19')).toBe(true);
  });
});
