import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { midpointNorm, normLower, normUpper } from '../../src/arith/intervalNorms.js';

const Hi = Decimal.clone({ precision: 80 });
const pairs = fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true })), {
  minLength: 1,
  maxLength: 20,
});

describe('normUpper', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is an upper bound of sqrt(Σ max|x|²) and tight to the precision', () => {
    const ar = decimalIntervals(20);
    fc.assert(
      fc.property(pairs, (ps) => {
        const xs = ps.map(([a, w]) => ar.of(exactDecimalOfDouble(a), exactDecimalOfDouble(a + w)));
        const exact = xs.reduce((s, x) => {
          const m = Hi.max(new Hi(x.lo).abs(), new Hi(x.hi).abs());
          return s.plus(m.times(m));
        }, new Hi(0)).sqrt();
        const up = normUpper(ar, xs);
        expect(up.gte(exact)).toBe(true);
        expect(up.minus(exact).lte(exact.times('1e-18').plus('1e-300'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('stays an upper bound when the library square root returns a result one unit too low (the square is verified)', () => {
    // Simulates a decimal.js sqrt that rounds the wrong way: normUpper must not trust its last digit.
    const ar = decimalIntervals(20);
    const realSqrt = Decimal.prototype.sqrt;
    vi.spyOn(Decimal.prototype, 'sqrt').mockImplementation(function (this: Decimal) {
      const r = realSqrt.call(this);
      return r.isZero() ? r : r.minus(new Decimal(`1e${r.e - 19}`));
    });
    fc.assert(
      fc.property(pairs, (ps) => {
        const xs = ps.map(([a, w]) => ar.of(exactDecimalOfDouble(a), exactDecimalOfDouble(a + w)));
        const sum = xs.reduce((s, x) => {
          const m = Hi.max(new Hi(x.lo).abs(), new Hi(x.hi).abs());
          return s.plus(m.times(m));
        }, new Hi(0));
        const up = new Hi(normUpper(ar, xs));
        expect(up.times(up).gte(sum)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('normLower', () => {
  it('is a lower bound of the norm of every vector of the box, tight for point intervals, 0 when every interval holds 0', () => {
    const ar = decimalIntervals(20);
    fc.assert(
      fc.property(pairs, fc.double({ min: 0, max: 1, noNaN: true }), (ps, t) => {
        const xs = ps.map(([a, w]) => ar.of(exactDecimalOfDouble(a), exactDecimalOfDouble(a + w)));
        // A member of the box: lo + t·(hi − lo) in every coordinate.
        const member = xs.map((x) => new Hi(x.lo).plus(new Hi(x.hi).minus(x.lo).times(exactDecimalOfDouble(t))));
        const norm = member.reduce((s, v) => s.plus(v.times(v)), new Hi(0)).sqrt();
        const lo = normLower(ar, xs);
        expect(lo.lte(norm)).toBe(true);
        if (ps.every(([, w]) => w === 0)) expect(norm.minus(lo).lte(norm.times('1e-18').plus('1e-300'))).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(normLower(ar, [ar.of(-1, 2), ar.of('-0.5', '0.5')]).isZero()).toBe(true);
    // A broken variant that takes max(|lo|, |hi|) would exceed the norm of the member (0.1, …).
    expect(normLower(ar, [ar.of('0.1', '5')]).lte('0.1')).toBe(true);
  });
});

describe('midpointNorm', () => {
  it('is the norm of the midpoints (to double precision)', () => {
    const ar = decimalIntervals(30);
    const xs = [ar.of('3', '3'), ar.of('3.9', '4.1')];
    expect(midpointNorm(ar, xs)).toBeCloseTo(5, 12);
  });
});
