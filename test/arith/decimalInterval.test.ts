import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import {
  DecimalInterval,
  decimalIntervals,
  type DecimalIntervalArithmetic,
} from '../../src/arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';

const LIMITS = { toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 } as const;
/** Enough digits that +, −, × of the generated numbers are exact (exponents within ±1500). */
const Exact = Decimal.clone({ precision: 5000, rounding: Decimal.ROUND_HALF_EVEN, ...LIMITS });
/** Directed-rounding oracles at 3p + 20 digits for ÷ and √ (the true value lies between them). */
function oracles(p: number) {
  const precision = 3 * p + 20;
  return {
    Lo: Decimal.clone({ precision, rounding: Decimal.ROUND_FLOOR, ...LIMITS }),
    Hi: Decimal.clone({ precision, rounding: Decimal.ROUND_CEIL, ...LIMITS }),
  };
}
/** Rounding of an exact value to p digits (decimal.js toSD is exact rounding of the stored value). */
const down = (x: Decimal, p: number) => new Exact(x).toSD(p, Decimal.ROUND_FLOOR);
const up = (x: Decimal, p: number) => new Exact(x).toSD(p, Decimal.ROUND_CEIL);

const PRECISIONS = [10, 20, 50] as const;

/** Decimal strings across magnitudes: ordinary, 1e±300 and beyond (to 1e±1500), zero. */
const decimalString = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 45n }), fc.integer({ min: -30, max: 30 }), fc.boolean()) },
  { weight: 3, arbitrary: fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 45n }), fc.integer({ min: -1500, max: 1500 }), fc.boolean()) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 1n, max: 99n }), fc.constantFrom(-330, -300, 300, 330), fc.boolean()) },
  { weight: 1, arbitrary: fc.constant([0n, 0, false] as [bigint, number, boolean]) },
).map(([m, e, neg]) => `${neg ? '-' : ''}${m}e${e}`);

/** An interval spec: a point, two arbitrary ends (often sign-changing) or a narrow interval. */
const intervalSpec = fc.oneof(
  decimalString.map((x) => [x, x] as const),
  fc.tuple(decimalString, decimalString).map(([x, y]) => (new Exact(x).lte(y) ? ([x, y] as const) : ([y, x] as const))),
  fc.tuple(decimalString, fc.integer({ min: 1, max: 40 })).map(([x, k]) => {
    const d = new Exact(x);
    const w = d.abs().times(`1e-${k}`);
    return [d.toString(), d.plus(w).toString()] as const;
  }),
);

/**
 * Interval from a spec: usually built with `of` (ends rounded to p digits); sometimes the raw
 * exact ends with more digits than p, from a foreign decimal.js clone, to exercise rounding of
 * operands that do not belong to the arithmetic's own clones.
 */
function build(A: DecimalIntervalArithmetic, spec: readonly [string, string], raw: boolean): DecimalInterval {
  return raw ? new DecimalInterval(new Exact(spec[0]), new Exact(spec[1])) : A.of(spec[0], spec[1]);
}

/** Points of a: both ends and lo + (hi − lo)·k/1000 (exact). */
function samplePoints(a: DecimalInterval, k: number): Decimal[] {
  const lo = new Exact(a.lo);
  const hi = new Exact(a.hi);
  return [lo, hi, lo.plus(hi.minus(lo).times(k).div(1000))];
}

function corners(a: DecimalInterval, b: DecimalInterval, f: (x: Decimal, y: Decimal) => Decimal): Decimal[] {
  return [f(new Exact(a.lo), new Exact(b.lo)), f(new Exact(a.lo), new Exact(b.hi)), f(new Exact(a.hi), new Exact(b.lo)), f(new Exact(a.hi), new Exact(b.hi))];
}
const minOf = (xs: Decimal[]) => xs.reduce((m, x) => (x.lt(m) ? x : m));
const maxOf = (xs: Decimal[]) => xs.reduce((m, x) => (x.gt(m) ? x : m));

type BinaryOp = (A: DecimalIntervalArithmetic, a: DecimalInterval, b: DecimalInterval) => DecimalInterval;

/**
 * Property: the ends of op(a, b) are exactly the exact ends [lo, hi] (computed in the 5000-digit
 * clone) rounded outward to the precision p: the enclosure is as tight as rounding allows.
 */
function tightEndsProperty(op: BinaryOp, exactEnds: (a: DecimalInterval, b: DecimalInterval) => [Decimal, Decimal]) {
  return fc.property(fc.constantFrom(...PRECISIONS), intervalSpec, intervalSpec, fc.boolean(), (p, sa, sb, raw) => {
    const A = decimalIntervals(p);
    const a = build(A, sa, raw);
    const b = build(A, sb, raw);
    const r = op(A, a, b);
    const [lo, hi] = exactEnds(a, b);
    return r.lo.eq(down(lo, p)) && r.hi.eq(up(hi, p));
  });
}

/**
 * Property: op(a, b) contains the exact f(x, y) for the corners and random inner points x ∈ a,
 * y ∈ b (f exact in the 5000-digit clone, so this is an exact check).
 */
function exactContainmentProperty(op: BinaryOp, f: (x: Decimal, y: Decimal) => Decimal) {
  return fc.property(
    fc.constantFrom(...PRECISIONS),
    intervalSpec,
    intervalSpec,
    fc.boolean(),
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 1000 }),
    (p, sa, sb, raw, ka, kb) => {
      const A = decimalIntervals(p);
      const a = build(A, sa, raw);
      const b = build(A, sb, raw);
      const r = op(A, a, b);
      for (const x of samplePoints(a, ka)) {
        for (const y of samplePoints(b, kb)) {
          const v = f(x, y);
          if (!(r.lo.lte(v) && v.lte(r.hi))) return false;
        }
      }
      return true;
    },
  );
}

describe('decimalIntervals', () => {
  it('is cached per precision and validates the precision', () => {
    expect(decimalIntervals(20)).toBe(decimalIntervals(20));
    expect(decimalIntervals(20).precision).toBe(20);
    expect(decimalIntervals(20).Down.rounding).toBe(Decimal.ROUND_FLOOR);
    expect(decimalIntervals(20).Up.rounding).toBe(Decimal.ROUND_CEIL);
    expect(decimalIntervals(20).Up.precision).toBe(20);
    for (const bad of [9, 10001, 20.5, Number.NaN]) expect(() => decimalIntervals(bad)).toThrow(RangeError);
    expect(decimalIntervals(10).precision).toBe(10);
    expect(decimalIntervals(10000).precision).toBe(10000);
  });
});

describe('point and of', () => {
  const A = decimalIntervals(20);

  it('is exact for representable values and outward-rounds others', () => {
    const x = A.point('1.25e-400');
    expect(x.lo.eq('1.25e-400') && x.hi.eq('1.25e-400')).toBe(true);
    const third = A.point('0.333333333333333333333333333');
    expect(third.lo.toString()).toBe('0.33333333333333333333');
    expect(third.hi.toString()).toBe('0.33333333333333333334');
    const neg = A.point('-0.333333333333333333333333333');
    expect(neg.lo.toString()).toBe('-0.33333333333333333334');
    expect(neg.hi.toString()).toBe('-0.33333333333333333333');
  });

  it('takes a JS number at its exact binary value', () => {
    const exact01 = exactDecimalOfDouble(0.1); // 0.1000000000000000055511151231257827021181583404541015625
    const A60 = decimalIntervals(60);
    const p60 = A60.point(0.1);
    expect(p60.lo.eq(exact01) && p60.hi.eq(exact01)).toBe(true);
    expect(A60.contains(p60, '0.1')).toBe(false);
    const p20 = A.point(0.1);
    expect(A.contains(p20, exact01)).toBe(true);
    expect(p20.lo.toString()).toBe('0.10000000000000000555');
    expect(p20.hi.toString()).toBe('0.10000000000000000556');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const r = A.point(v);
        const e = new Exact(exactDecimalOfDouble(v));
        return r.lo.lte(e) && e.lte(r.hi) && r.lo.eq(down(e, 20)) && r.hi.eq(up(e, 20));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects NaN, infinities, malformed and out-of-range input with RangeError', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 'abc', '', '1.2.3', 'NaN', 'Infinity', '-Infinity', '1e99999999999999999', '1e-99999999999999999']) {
      expect(() => A.point(bad as string | number)).toThrow(RangeError);
    }
    expect(() => A.point(new Decimal(Number.NaN))).toThrow(RangeError);
    expect(() => A.point(new Decimal(Number.POSITIVE_INFINITY))).toThrow(RangeError);
    expect(A.point('0e-99999999999999999').lo.isZero()).toBe(true);
    expect(A.point('-0.000').hi.isZero()).toBe(true);
  });

  it('of rounds each end outward and rejects lo > hi', () => {
    const r = A.of('0.333333333333333333333333333', '0.666666666666666666666666666');
    expect(r.lo.toString()).toBe('0.33333333333333333333');
    expect(r.hi.toString()).toBe('0.66666666666666666667');
    expect(() => A.of('2', '1')).toThrow(RangeError);
    expect(() => A.of(1, Number.NaN)).toThrow(RangeError);
    const p = A.of(3, 3);
    expect(p.lo.eq(3) && p.hi.eq(3)).toBe(true);
  });
});

describe('arithmetic: containment and tightness against exact results', () => {
  const runs = { numRuns: 250 };

  it('add: ends are the exact sums rounded outward', () => {
    fc.assert(exactContainmentProperty((A, a, b) => A.add(a, b), (x, y) => x.plus(y)), runs);
    fc.assert(tightEndsProperty((A, a, b) => A.add(a, b), (a, b) => [new Exact(a.lo).plus(b.lo), new Exact(a.hi).plus(b.hi)]), runs);
  });

  it('sub: ends are the exact differences rounded outward', () => {
    fc.assert(exactContainmentProperty((A, a, b) => A.sub(a, b), (x, y) => x.minus(y)), runs);
    fc.assert(tightEndsProperty((A, a, b) => A.sub(a, b), (a, b) => [new Exact(a.lo).minus(b.hi), new Exact(a.hi).minus(b.lo)]), runs);
  });

  it('mul: ends are the exact min/max corner products rounded outward', () => {
    fc.assert(exactContainmentProperty((A, a, b) => A.mul(a, b), (x, y) => x.times(y)), runs);
    fc.assert(
      tightEndsProperty((A, a, b) => A.mul(a, b), (a, b) => {
        const c = corners(a, b, (x, y) => x.times(y));
        return [minOf(c), maxOf(c)];
      }),
      runs,
    );
  });

  it('div: contains every quotient (directed oracle at 3p digits), tight, and rejects divisors containing 0', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRECISIONS),
        intervalSpec,
        intervalSpec,
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (p, sa, sb, raw, ka, kb) => {
          const A = decimalIntervals(p);
          const a = build(A, sa, raw);
          const b = build(A, sb, raw);
          if (!A.certainlyPositive(b) && !A.certainlyNegative(b)) {
            expect(() => A.div(a, b)).toThrow(RangeError);
            return true;
          }
          const r = A.div(a, b);
          const { Lo, Hi } = oracles(p);
          for (const x of samplePoints(a, ka)) {
            for (const y of samplePoints(b, kb)) {
              if (!(r.lo.lte(Lo.div(x, y)) && Hi.div(x, y).lte(r.hi))) return false;
            }
          }
          // tight: the ends are the correctly rounded extreme corner quotients
          const lows = corners(a, b, (x, y) => A.Down.div(x, y));
          const highs = corners(a, b, (x, y) => A.Up.div(x, y));
          return r.lo.eq(minOf(lows)) && r.hi.eq(maxOf(highs));
        },
      ),
      runs,
    );
    const A = decimalIntervals(20);
    for (const [l, h] of [['-1', '1'], ['0', '1'], ['-1', '0'], ['0', '0'], ['-0', '2']]) {
      expect(() => A.div(A.point(1), A.of(l!, h!))).toThrow(RangeError);
    }
  });

  it('sqr: [0, max] across 0, exact min/max of squares rounded outward', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), intervalSpec, fc.boolean(), fc.integer({ min: 0, max: 1000 }), (p, sa, raw, k) => {
        const A = decimalIntervals(p);
        const a = build(A, sa, raw);
        const r = A.sqr(a);
        for (const x of samplePoints(a, k)) if (!(r.lo.lte(x.times(x)) && x.times(x).lte(r.hi))) return false;
        const lo = new Exact(a.lo);
        const hi = new Exact(a.hi);
        const straddles = lo.isNeg() && hi.isPos() && !lo.isZero() && !hi.isZero();
        const minSq = straddles ? new Exact(0) : minOf([lo.times(lo), hi.times(hi)]);
        return r.lo.eq(down(minSq, p)) && r.hi.eq(up(maxOf([lo.times(lo), hi.times(hi)]), p));
      }),
      runs,
    );
    const A = decimalIntervals(20);
    const s = A.sqr(A.of(-2, 3));
    expect(s.lo.isZero() && s.hi.eq(9)).toBe(true);
  });

  it('sqrt: contains √x (directed oracle), ends correctly rounded, rejects negative parts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), intervalSpec, fc.boolean(), fc.integer({ min: 0, max: 1000 }), (p, sa, raw, k) => {
        const A = decimalIntervals(p);
        const a0 = build(A, sa, raw);
        const a = A.abs(a0); // non-negative argument
        const r = A.sqrt(a);
        const { Lo, Hi } = oracles(p);
        for (const x of samplePoints(a, k)) if (!(r.lo.lte(Lo.sqrt(x)) && Hi.sqrt(x).lte(r.hi))) return false;
        // correctly rounded: lo ≤ √a.lo < lo + ulp and hi − ulp < √a.hi ≤ hi (checked by exact squares)
        const lo = new Exact(r.lo);
        const hi = new Exact(r.hi);
        if (!lo.isZero()) {
          const next = lo.plus(new Exact(`1e${lo.e - p + 1}`));
          if (!next.times(next).gt(a.lo)) return false;
        }
        if (!hi.isZero()) {
          const prev = hi.minus(new Exact(`1e${hi.e - p + 1}`));
          if (!prev.times(prev).lt(a.hi)) return false;
        }
        return true;
      }),
      runs,
    );
    const A = decimalIntervals(20);
    expect(() => A.sqrt(A.of('-1e-30', 4))).toThrow(RangeError);
    expect(() => A.sqrt(A.point(-2))).toThrow(RangeError);
    expect(A.sqrt(A.of('-0', 4)).hi.eq(2)).toBe(true);
    const two = A.sqrt(A.point(4));
    expect(two.lo.eq(2) && two.hi.eq(2)).toBe(true);
  });

  it('neg and abs are exact', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), intervalSpec, fc.integer({ min: 0, max: 1000 }), (p, sa, k) => {
        const A = decimalIntervals(p);
        const a = A.of(sa[0], sa[1]);
        const n = A.neg(a);
        const m = A.abs(a);
        if (!(n.lo.eq(a.hi.neg()) && n.hi.eq(a.lo.neg()))) return false;
        for (const x of samplePoints(a, k)) if (!(m.lo.lte(x.abs()) && x.abs().lte(m.hi))) return false;
        const maxAbs = maxOf([a.lo.abs(), a.hi.abs()]);
        return m.hi.eq(maxAbs) && (A.contains(a, 0) ? m.lo.isZero() : m.lo.eq(minOf([a.lo.abs(), a.hi.abs()])));
      }),
      runs,
    );
  });

  it('rounds operands from foreign clones to its own precision', () => {
    const A = decimalIntervals(10);
    const a = new DecimalInterval(new Exact('1.23456789012345678901'), new Exact('1.23456789012345678901'));
    const r = A.add(a, a);
    expect(r.lo.toString()).toBe('2.46913578');
    expect(r.hi.toString()).toBe('2.469135781');
    const q = A.mul(a, A.point(1));
    expect(q.lo.toString()).toBe('1.23456789');
    expect(q.hi.toString()).toBe('1.234567891');
  });
});

describe('the containment properties can catch a violation', () => {
  // Round-to-nearest ends instead of directed rounding: must be detected by the same properties.
  const Near = Decimal.clone({ precision: 10, rounding: Decimal.ROUND_HALF_EVEN, ...LIMITS });
  it('detects nearest rounding in add and mul', () => {
    const sloppyAdd: BinaryOp = (_A, a, b) => new DecimalInterval(Near.add(a.lo, b.lo), Near.add(a.hi, b.hi));
    expect(fc.check(exactContainmentProperty(sloppyAdd, (x, y) => x.plus(y)), { numRuns: 300 }).failed).toBe(true);
    const sloppyMul: BinaryOp = (A, a, b) => {
      // the right corners, but rounded to nearest at the arithmetic's precision
      const N = Decimal.clone({ precision: A.precision, rounding: Decimal.ROUND_HALF_EVEN, ...LIMITS });
      const c = corners(a, b, (x, y) => N.mul(x, y));
      return new DecimalInterval(minOf(c), maxOf(c));
    };
    expect(fc.check(exactContainmentProperty(sloppyMul, (x, y) => x.times(y)), { numRuns: 300 }).failed).toBe(true);
  });
});

describe('hull, intersect, mid, rad, width', () => {
  it('hull contains both; intersect is the common part or throws', () => {
    const A = decimalIntervals(20);
    const h = A.hull(A.of(1, 2), A.of(-3, 1.5));
    expect(h.lo.eq(-3) && h.hi.eq(2)).toBe(true);
    const i = A.intersect(A.of(1, 3), A.of(2, 5));
    expect(i.lo.eq(2) && i.hi.eq(3)).toBe(true);
    const touch = A.intersect(A.of(1, 2), A.of(2, 5));
    expect(touch.lo.eq(2) && touch.hi.eq(2)).toBe(true);
    expect(() => A.intersect(A.of(1, 2), A.of(2.5, 3))).toThrow(RangeError);
  });

  it('mid lies in a; [mid − rad, mid + rad] ⊇ a; rad ≥ (hi − lo)/2; width ≥ hi − lo', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), intervalSpec, (p, sa) => {
        const A = decimalIntervals(p);
        const a = A.of(sa[0], sa[1]);
        const m = new Exact(A.mid(a));
        const r = new Exact(A.rad(a));
        const w = new Exact(A.width(a));
        const lo = new Exact(a.lo);
        const hi = new Exact(a.hi);
        return (
          lo.lte(m) && m.lte(hi) &&
          m.minus(r).lte(lo) && hi.lte(m.plus(r)) &&
          r.times(2).gte(hi.minus(lo)) &&
          w.gte(hi.minus(lo)) &&
          w.lte(up(hi.minus(lo), p))
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('comparisons', () => {
  const A = decimalIntervals(20);
  it('certainly/possibly less/greater and signs', () => {
    const a = A.of(1, 2);
    const b = A.of(3, 4);
    const c = A.of('1.5', 5);
    expect(A.certainlyLess(a, b)).toBe(true);
    expect(A.certainlyLess(a, c)).toBe(false);
    expect(A.possiblyLess(a, c)).toBe(true);
    expect(A.possiblyLess(b, a)).toBe(false);
    expect(A.certainlyGreater(b, a)).toBe(true);
    expect(A.certainlyGreater(c, a)).toBe(false);
    expect(A.possiblyGreater(c, a)).toBe(true);
    expect(A.possiblyGreater(a, b)).toBe(false);
    expect(A.certainlyLess(A.of(1, 2), A.of(2, 3))).toBe(false); // touching ends
    expect(A.certainlyPositive(A.of('1e-400', 1))).toBe(true);
    expect(A.certainlyPositive(A.of(0, 1))).toBe(false);
    expect(A.certainlyPositive(A.of('-0', 1))).toBe(false);
    expect(A.certainlyNegative(A.of(-1, '-1e-400'))).toBe(true);
    expect(A.certainlyNegative(A.of(-1, 0))).toBe(false);
  });
  it('contains compares exact values', () => {
    const a = A.of('0.1', '0.2');
    expect(A.contains(a, '0.1')).toBe(true);
    expect(A.contains(a, 0.1)).toBe(true); // 0.1000000000000000055…
    expect(A.contains(a, 0.2)).toBe(false); // 0.2000000000000000111… > 0.2
    expect(A.contains(a, new Decimal('0.15'))).toBe(true);
    expect(A.contains(a, '0.09999999999999999999999999')).toBe(false);
  });
});

describe('sum and dot', () => {
  const vectors = fc.array(fc.tuple(intervalSpec, intervalSpec), { minLength: 0, maxLength: 12 });

  it('sum: ends are the exact sums of ends, accumulated in Down / Up, and contain inner sums', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), vectors, fc.integer({ min: 0, max: 1000 }), (p, specs, k) => {
        const A = decimalIntervals(p);
        const xs = specs.map(([s]) => A.of(s[0], s[1]));
        const r = A.sum(xs);
        let lo = new Exact(0);
        let hi = new Exact(0);
        let inner = new Exact(0);
        for (const x of xs) {
          lo = lo.plus(x.lo);
          hi = hi.plus(x.hi);
          inner = inner.plus(samplePoints(x, k)[2]!);
        }
        // each step rounds at most one ulp, so the result is below/above the exact sums
        return r.lo.lte(lo) && hi.lte(r.hi) && r.lo.lte(inner) && inner.lte(r.hi) && (xs.length !== 1 || (r.lo.eq(down(lo, p)) && r.hi.eq(up(hi, p))));
      }),
      { numRuns: 200 },
    );
  });

  it('dot: contains Σ x_i·y_i for inner points, equals the interval sum of interval products', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECISIONS), vectors, fc.integer({ min: 0, max: 1000 }), (p, specs, k) => {
        const A = decimalIntervals(p);
        const xs = specs.map(([s]) => A.of(s[0], s[1]));
        const ys = specs.map(([, s]) => A.of(s[0], s[1]));
        const r = A.dot(xs, ys);
        const viaMul = A.sum(xs.map((x, i) => A.mul(x, ys[i]!)));
        if (!(r.lo.eq(viaMul.lo) && r.hi.eq(viaMul.hi))) return false;
        for (const pick of [0, 1, 2]) {
          let v = new Exact(0);
          for (let i = 0; i < xs.length; i++) v = v.plus(samplePoints(xs[i]!, k)[pick]!.times(samplePoints(ys[i]!, 1000 - k)[pick]!));
          if (!(r.lo.lte(v) && v.lte(r.hi))) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
    const A = decimalIntervals(20);
    expect(() => A.dot([A.point(1)], [])).toThrow(RangeError);
    const e = A.dot([], []);
    expect(e.lo.isZero() && e.hi.isZero()).toBe(true);
  });
});

describe('DecimalInterval construction', () => {
  it('refuses lo > hi and NaN ends, whichever way the interval is built', () => {
    const ar = decimalIntervals(20);
    expect(() => new DecimalInterval(new Decimal(2), new Decimal(1))).toThrow(RangeError);
    expect(() => new DecimalInterval(new Decimal(NaN), new Decimal(1))).toThrow(RangeError);
    expect(() => ar.of('2', '1')).toThrow(RangeError);
    expect(new DecimalInterval(new Decimal(1), new Decimal(1)).lo.toNumber()).toBe(1);
  });
});
