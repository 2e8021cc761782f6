/**
 * Enclosures of π, atan, acos, asin, exp, ln. decimal.js's own trigonometric functions at ≥ 3×
 * the precision serve as the oracle here (tests only; never in src/).
 *
 * Achieved tightness, asserted below: π is exactly one unit in the last place wide (the two
 * p-digit neighbours of π); atan, acos and asin of a point argument are at most 2 units in the
 * last place wide at the target precision (the guard-digit enclosure is far narrower than one
 * ulp, so outward rounding to p digits adds at most one ulp on each side); for narrow interval
 * arguments the width is at most 1% above the exact image's width plus 2 ulps.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { DecimalInterval, decimalIntervals, type DecimalIntervalArithmetic } from '../../src/arith/decimalInterval.js';

const LIMITS = { toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 } as const;

/** π to 139 decimals (truncated). */
const PI_139 =
  '3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679821480865132823066470938446095505822317';

/** Exact for the inner points lo + (hi − lo)·k/1000 of the generated arguments. */
const Wide = Decimal.clone({ precision: 2000, ...LIMITS });

function oracle(p: number) {
  return Decimal.clone({ precision: 3 * p + 20, rounding: Decimal.ROUND_HALF_EVEN, ...LIMITS });
}

/** One unit in the last place at precision p of the larger end's magnitude. */
function ulp(r: DecimalInterval, p: number): Decimal {
  const m = r.lo.abs().gt(r.hi.abs()) ? r.lo.abs() : r.hi.abs();
  return new Decimal(`1e${m.e - p + 1}`);
}
/** Width in units of the last place (0 for [0, 0]). */
function widthUlps(r: DecimalInterval, p: number): number {
  if (r.lo.isZero() && r.hi.isZero()) return 0;
  return r.hi.minus(r.lo).div(ulp(r, p)).toNumber();
}

const PRECISIONS = [10, 20, 40] as const;

/** p-digit decimals of any sign across magnitudes 1e-320..1e320, plus special values. */
function anyReal(p: number) {
  return fc.oneof(
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** BigInt(p) - 1n }), fc.integer({ min: -25 - p, max: 25 - p }), fc.boolean()).map(
      ([m, e, neg]) => `${neg ? '-' : ''}${m}e${e}`,
    ),
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** BigInt(p) - 1n }), fc.integer({ min: -320, max: 320 }), fc.boolean()).map(
      ([m, e, neg]) => `${neg ? '-' : ''}${m}e${e}`,
    ),
    fc.constantFrom('0', '1', '-1', '1e-30', '-1e-30', '1e30', '1e300', '-1e-300', '0.5', '2', '1.000000001', '0.999999999'),
  );
}

/** Points of [−1, 1]: uniform-ish p-digit values, values within 10^−k of ±1, tiny ones, ±1, 0. */
function unitReal(p: number) {
  const digits = fc.bigInt({ min: 0n, max: 10n ** BigInt(p) });
  return fc.oneof(
    fc.tuple(digits, fc.boolean()).map(([m, neg]) => new Decimal(m.toString()).div(new Decimal(10).pow(p)).times(neg ? -1 : 1).toString()),
    fc.tuple(fc.integer({ min: 1, max: 3 * p }), fc.integer({ min: 1, max: 9 }), fc.boolean()).map(([k, d, neg]) => {
      const Big = Decimal.clone({ precision: 400 });
      return new Big(1).minus(new Big(d).times(new Big(10).pow(-k))).times(neg ? -1 : 1).toString();
    }),
    fc.tuple(fc.integer({ min: 1, max: 300 }), fc.boolean()).map(([k, neg]) => `${neg ? '-' : ''}3e-${k}`),
    fc.constantFrom('1', '-1', '0', '0.5', '-0.5', '0.7071067811865475244', '-0.7071067811865475244'),
  );
}

type Fn = 'atan' | 'acos' | 'asin';
const reference = (O: Decimal.Constructor, f: Fn, x: Decimal.Value) => (f === 'atan' ? O.atan(x) : f === 'acos' ? O.acos(x) : O.asin(x));

/**
 * Property: the enclosure of f on a point or an interval argument contains the oracle values at
 * both ends and at an inner point; for point arguments it is at most 2 ulps wide; for narrow
 * intervals at most 1% wider than the exact image plus 2 ulps.
 */
function enclosureProperty(
  f: Fn,
  enclose: (A: DecimalIntervalArithmetic, x: DecimalInterval) => DecimalInterval,
  arg: (p: number) => fc.Arbitrary<string>,
  checkWidth = true,
) {
  return fc.property(
    fc.constantFrom(...PRECISIONS).chain((p) => fc.tuple(fc.constant(p), arg(p), arg(p), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }))),
    ([p, s1, s2, shape, k]) => {
      const A = decimalIntervals(p);
      const O = oracle(p);
      let x: DecimalInterval;
      if (shape === 0) x = A.point(s1);
      else if (shape === 1) x = new O(s1).lte(s2) ? A.of(s1, s2) : A.of(s2, s1);
      else {
        // narrow interval around s1 (kept inside [−1, 1] for acos/asin)
        const c = new O(s1);
        const w = c.abs().times(`1e-${shape * 6}`).plus('1e-60');
        let lo = c.minus(w);
        let hi = c.plus(w);
        if (f !== 'atan') {
          if (lo.lt(-1)) lo = new O(-1);
          if (hi.gt(1)) hi = new O(1);
        }
        x = A.of(lo, hi);
      }
      const r = enclose(A, x);
      const lo = new O(x.lo);
      const hi = new O(x.hi);
      const inner = new Wide(lo).plus(new Wide(hi).minus(lo).times(k).div(1000)); // exact
      for (const v of [lo, hi, inner]) {
        const y = reference(O, f, v);
        if (!(r.lo.lte(y) && y.lte(r.hi))) return false;
      }
      if (!checkWidth) return true;
      if (x.lo.eq(x.hi)) return widthUlps(r, p) <= 2;
      if (shape >= 2) {
        const exact = reference(O, f, hi).minus(reference(O, f, lo)).abs();
        return r.hi.minus(r.lo).lte(exact.times(1.01).plus(ulp(r, p).times(2)));
      }
      return true;
    },
  );
}

describe('pi', () => {
  it('agrees with 139 known digits, and is the pair of p-digit neighbours of π (1 ulp wide)', () => {
    const Ref = Decimal.clone({ precision: 200 });
    const truncated = new Ref(PI_139); // < π < truncated + 1e-139
    for (const p of [10, 11, 20, 50, 100, 110, 120]) {
      const A = decimalIntervals(p);
      const pi = A.pi();
      expect(pi.lo.lte(truncated)).toBe(true);
      expect(pi.hi.gte(truncated.plus('1e-139'))).toBe(true);
      expect(pi.hi.minus(pi.lo).eq(`1e-${p - 1}`)).toBe(true);
      expect(pi.lo.toString()).toBe(PI_139.slice(0, p + 1));
      expect(A.pi()).toBe(pi); // cached
    }
    expect(decimalIntervals(110).pi().lo.toString().slice(0, 102)).toBe(PI_139.slice(0, 102)); // 100+ decimals
  });

  it('contains π at 1000 digits (oracle: decimal.js at 1020 digits, its limit for π)', () => {
    const A = decimalIntervals(1000);
    const pi = A.pi();
    const ref = Decimal.clone({ precision: 1020 }).acos(-1);
    expect(pi.lo.lte(ref) && ref.lte(pi.hi)).toBe(true);
    expect(widthUlps(pi, 1000)).toBe(1);
  });
});

describe('atan', () => {
  it('contains atan at the ends and inside, ≤ 2 ulps wide for points, across magnitudes and signs', () => {
    fc.assert(enclosureProperty('atan', (A, x) => A.atan(x), anyReal), { numRuns: 200 });
  });

  it('is exact at 0, odd, and tight for tiny and huge arguments', () => {
    const A = decimalIntervals(30);
    const z = A.atan(A.point(0));
    expect(z.lo.isZero() && z.hi.isZero()).toBe(true);
    const O = oracle(30);
    for (const s of ['1e-30', '1e-300', '1e30', '1e300', '1', '0.2', '123.456']) {
      const r = A.atan(A.point(s));
      const n = A.atan(A.point(`-${s}`));
      expect(n.lo.eq(r.hi.neg()) && n.hi.eq(r.lo.neg())).toBe(true);
      const ref = O.atan(s);
      expect(r.lo.lte(ref) && ref.lte(r.hi)).toBe(true);
      expect(widthUlps(r, 30)).toBeLessThanOrEqual(2);
    }
    // wide interval across 0: [atan(lo), atan(hi)]
    const w = A.atan(A.of(-3, '1e10'));
    expect(w.lo.lte(O.atan(-3)) && O.atan(-3).lte(w.lo.plus('1e-28'))).toBe(true);
    expect(w.hi.gte(O.atan('1e10')) && w.hi.lte(O.atan('1e10').plus('1e-28'))).toBe(true);
  });
});

describe('acos', () => {
  it('contains acos at the ends and inside, ≤ 2 ulps wide for points, incl. near ±1, 0 and tiny', () => {
    fc.assert(enclosureProperty('acos', (A, x) => A.acos(x), unitReal), { numRuns: 200 });
  });

  it('is exact at ±1 (0 and π) and tight next to them', () => {
    const A = decimalIntervals(40);
    const O = oracle(40);
    const one = A.acos(A.point(1));
    expect(one.lo.isZero() && one.hi.isZero()).toBe(true);
    const minusOne = A.acos(A.point(-1));
    expect(minusOne.lo.eq(A.pi().lo) && minusOne.hi.eq(A.pi().hi)).toBe(true);
    for (const c of ['0.999999999999999999999999999999', '-0.999999999999999999999999999999', '0', '1e-30', '-1e-30', '0.5']) {
      const r = A.acos(A.point(c));
      const ref = O.acos(c);
      expect(r.lo.lte(ref) && ref.lte(r.hi)).toBe(true);
      expect(widthUlps(r, 40)).toBeLessThanOrEqual(2);
    }
    // 1 − 1e−30: acos ≈ 1.414e−15, known to ~40 significant digits
    const near = A.acos(A.point('0.999999999999999999999999999999'));
    expect(near.hi.lt('1.4143e-15') && near.lo.gt('1.4142e-15')).toBe(true);
    // decreasing: acos([a, b]) = [acos(b), acos(a)]
    const w = A.acos(A.of('-0.3', '0.9'));
    expect(w.lo.lte(O.acos('0.9')) && O.acos('0.9').minus(w.lo).lt('1e-38')).toBe(true);
    expect(w.hi.gte(O.acos('-0.3')) && w.hi.minus(O.acos('-0.3')).lt('1e-38')).toBe(true);
    const all = A.acos(A.of(-1, 1));
    expect(all.lo.isZero() && all.hi.eq(A.pi().hi)).toBe(true);
  });

  it('rejects arguments outside [−1, 1] with a RangeError naming the function', () => {
    const A = decimalIntervals(20);
    for (const [lo, hi] of [['1', '1.0000001'], ['-1.5', '0'], ['2', '3'], ['-1.00000000000000000001', '-1']]) {
      expect(() => A.acos(A.of(lo!, hi!))).toThrow(/acos: argument .* not inside \[-1, 1\]/);
      expect(() => A.asin(A.of(lo!, hi!))).toThrow(RangeError);
    }
  });
});

describe('asin', () => {
  it('contains asin at the ends and inside, ≤ 2 ulps wide for points', () => {
    fc.assert(enclosureProperty('asin', (A, x) => A.asin(x), unitReal), { numRuns: 200 });
  });

  it('is exact at 0 and ±π/2 at ±1', () => {
    const A = decimalIntervals(20);
    const z = A.asin(A.point(0));
    expect(z.lo.isZero() && z.hi.isZero()).toBe(true);
    const O = oracle(20);
    const halfPi = O.acos(-1).div(2);
    const r = A.asin(A.point(1));
    expect(r.lo.lte(halfPi) && halfPi.lte(r.hi) && widthUlps(r, 20) <= 2).toBe(true);
    const m = A.asin(A.point(-1));
    expect(m.lo.lte(halfPi.neg()) && halfPi.neg().lte(m.hi)).toBe(true);
    const tiny = A.asin(A.point('1e-200'));
    expect(tiny.lo.lte('1e-200') && tiny.hi.gte('1e-200') && widthUlps(tiny, 20) <= 2).toBe(true);
  });
});

describe('the enclosure property can catch a violation', () => {
  it('detects a non-rigorous acos (decimal.js acos rounded to nearest, as a point)', () => {
    const sloppy = (A: DecimalIntervalArithmetic, x: DecimalInterval) => {
      const Near = Decimal.clone({ precision: A.precision, rounding: Decimal.ROUND_HALF_EVEN });
      const v = Near.acos(x.lo);
      return new DecimalInterval(v, v);
    };
    expect(fc.check(enclosureProperty('acos', sloppy, unitReal, false), { numRuns: 200 }).failed).toBe(true);
  });
  it('detects an enclosure that is one ulp too narrow on one side', () => {
    const shaved = (A: DecimalIntervalArithmetic, x: DecimalInterval) => {
      const r = A.atan(x);
      if (r.lo.eq(r.hi)) return r;
      return new DecimalInterval(A.Down.add(r.lo, A.ulp(r.lo)), r.hi);
    };
    expect(fc.check(enclosureProperty('atan', shaved, anyReal, false), { numRuns: 300 }).failed).toBe(true);
  });
});

describe('exp and ln', () => {
  const arg = fc.tuple(fc.constantFrom(...PRECISIONS), fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.integer({ min: -40, max: -15 }), fc.boolean());

  it('exp contains the oracle value at both ends', () => {
    fc.assert(
      fc.property(arg, arg, ([p, m1, e1, n1], [, m2, e2, n2]) => {
        const A = decimalIntervals(p);
        const O = oracle(p);
        const a = new O(`${n1 ? '-' : ''}${m1}e${e1}`);
        const b = new O(`${n2 ? '-' : ''}${m2}e${e2}`);
        const x = a.lte(b) ? A.of(a, b) : A.of(b, a);
        const r = A.exp(x);
        return r.lo.lte(O.exp(x.lo)) && O.exp(x.hi).lte(r.hi) && (!x.lo.eq(x.hi) || widthUlps(r, p) <= 3);
      }),
      { numRuns: 200 },
    );
    const A = decimalIntervals(20);
    const one = A.exp(A.point(0));
    expect(one.lo.eq(1) && one.hi.eq(1)).toBe(true);
    expect(() => A.exp(A.point('1e16'))).toThrow(RangeError);
  });

  it('ln contains the oracle value at both ends and rejects non-positive arguments', () => {
    fc.assert(
      fc.property(arg, arg, ([p, m1, e1], [, m2, e2]) => {
        const A = decimalIntervals(p);
        const O = oracle(p);
        const a = new O(`${m1}e${e1 + 10}`);
        const b = new O(`${m2}e${e2 + 10}`);
        const x = a.lte(b) ? A.of(a, b) : A.of(b, a);
        const r = A.ln(x);
        return r.lo.lte(O.ln(x.lo)) && O.ln(x.hi).lte(r.hi) && (!x.lo.eq(x.hi) || widthUlps(r, p) <= 3);
      }),
      { numRuns: 200 },
    );
    const A = decimalIntervals(20);
    const zero = A.ln(A.point(1));
    expect(zero.lo.isZero() && zero.hi.isZero()).toBe(true);
    expect(() => A.ln(A.of(0, 1))).toThrow(RangeError);
    expect(() => A.ln(A.of(-1, 1))).toThrow(RangeError);
  });
});
