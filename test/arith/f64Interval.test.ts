import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  addHi,
  addLo,
  divHi,
  divLo,
  dotIntervalInto,
  exactDecimalOfDouble,
  fAdd,
  fContains,
  fDiv,
  fHull,
  fMul,
  fNeg,
  fromDecimalInterval,
  fSqr,
  fSqrt,
  fSub,
  mulHi,
  mulLo,
  nextDown,
  nextUp,
  sqrHi,
  sqrLo,
  sqrtHi,
  sqrtLo,
  subHi,
  subLo,
  toDecimalPair,
} from '../../src/arith/f64Interval.js';

// Exact arithmetic on the exact values of doubles: a double has at most 767 significant digits,
// a product of two at most 1534 and a sum spans at most ~1400 digit positions, so 5000 digits
// make +, −, × exact (checked below by asserting the operations are exact).
const X = Decimal.clone({ precision: 5000, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
type D = InstanceType<typeof X>;
const exCache = new Map<number, D>();
const ex = (x: number): D => {
  let d = exCache.get(x);
  if (d === undefined) {
    d = new X(exactDecimalOfDouble(x));
    if (exCache.size > 20000) exCache.clear();
    exCache.set(x, d);
  }
  return d;
};

/** bound is a valid lower bound of the exact real v. */
function isLower(bound: number, v: D): boolean {
  if (Number.isNaN(bound)) return false;
  if (bound === -Infinity) return true;
  if (bound === Infinity) return false;
  return ex(bound).lte(v);
}
function isUpper(bound: number, v: D): boolean {
  if (Number.isNaN(bound)) return false;
  if (bound === Infinity) return true;
  if (bound === -Infinity) return false;
  return ex(bound).gte(v);
}

const MIN = Number.MIN_VALUE;
const MAX = Number.MAX_VALUE;
const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
const tiny = fc.double({ min: -1e-300, max: 1e-300, noNaN: true });
const subnormal = fc.integer({ min: -(2 ** 52), max: 2 ** 52 }).map((k) => k * MIN);
const huge = fc.tuple(fc.double({ min: 1e300, max: MAX, noNaN: true }), fc.boolean()).map(([x, s]) => (s ? -x : x));
const nice = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -1074, max: 1023 }).map((e) => 2 ** e),
  fc.constantFrom(0, -0, 0.1, -0.1, 1 / 3, MAX, -MAX, MIN, -MIN, 2 ** -1022, 1 - 2 ** -53),
);
const moderate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const num = fc.oneof(anyFinite, tiny, subnormal, huge, nice, moderate);
const interval = fc.tuple(num, num).map(([a, b]) => (a <= b ? { lo: a, hi: b } : { lo: b, hi: a }));
const corners = (a: { lo: number; hi: number }, b: { lo: number; hi: number }): [number, number][] => [
  [a.lo, b.lo],
  [a.lo, b.hi],
  [a.hi, b.lo],
  [a.hi, b.hi],
];

/** Reference successor through the 64-bit pattern as a BigInt (independent of the implementation). */
function refNextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return MIN;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = x > 0 ? b[0]! + 1n : b[0]! - 1n;
  return f[0]!;
}

describe('nextUp / nextDown', () => {
  it('handles the edge cases bit-exactly', () => {
    expect(nextUp(0)).toBe(MIN);
    expect(nextUp(-0)).toBe(MIN);
    expect(nextDown(0)).toBe(-MIN);
    expect(nextDown(-0)).toBe(-MIN);
    expect(Object.is(nextUp(-MIN), -0)).toBe(true);
    expect(Object.is(nextDown(MIN), 0)).toBe(true);
    expect(nextUp(MAX)).toBe(Infinity);
    expect(nextDown(-MAX)).toBe(-Infinity);
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextDown(-Infinity)).toBe(-Infinity);
    expect(nextUp(-Infinity)).toBe(-MAX);
    expect(nextDown(Infinity)).toBe(MAX);
    expect(Number.isNaN(nextUp(NaN))).toBe(true);
    expect(Number.isNaN(nextDown(NaN))).toBe(true);
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    // largest subnormal → smallest normal and back
    const largestSub = 2 ** -1022 - MIN;
    expect(nextUp(largestSub)).toBe(2 ** -1022);
    expect(nextDown(2 ** -1022)).toBe(largestSub);
    // carry across the 32-bit word boundary
    const w = 1 + 2 ** -20; // low word all zeros
    expect(nextDown(w)).toBe(1 + 2 ** -20 - 2 ** -52);
    expect(nextUp(nextDown(w))).toBe(w);
  });

  it('agrees with the bit-pattern reference in every binade (powers of two, their neighbours, random mantissas)', () => {
    const rand = (() => {
      let a = 12345;
      return () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
    })();
    let checked = 0;
    for (let e = -1074; e <= 1023; e++) {
      const p = 2 ** e;
      const xs = [p, refNextUp(p), -refNextUp(-p), p * (1 + rand()), p * (2 - 2 ** -52), p * 1.5];
      for (const x0 of xs) {
        if (!Number.isFinite(x0) || x0 === 0) continue;
        for (const x of [x0, -x0]) {
          expect(Object.is(nextUp(x), refNextUp(x))).toBe(true);
          expect(Object.is(nextDown(x), -refNextUp(-x))).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20000);
  });

  it('agrees with a BigInt reference and leaves no double in between', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), subnormal, huge, nice), (x) => {
        const up = nextUp(x);
        const down = nextDown(x);
        expect(Object.is(up, refNextUp(x))).toBe(true);
        expect(Object.is(down, -refNextUp(-x))).toBe(true);
        if (Number.isFinite(x)) {
          expect(up > x && down < x).toBe(true);
          // no double strictly between x and up: the exact midpoint rounds to one of them
          if (Number.isFinite(up)) expect(nextDown(up) === x).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scalar end-point helpers contain the exact result', () => {
  it('add / sub (exact decimal sum of the exact arguments)', () => {
    fc.assert(
      fc.property(num, num, (a, b) => {
        const s = ex(a).plus(ex(b));
        const d = ex(a).minus(ex(b));
        expect(s.minus(ex(b)).eq(ex(a))).toBe(true); // the reference is exact
        expect(isLower(addLo(a, b), s) && isUpper(addHi(a, b), s)).toBe(true);
        expect(isLower(subLo(a, b), d) && isUpper(subHi(a, b), d)).toBe(true);
        // one ulp outward, no more
        expect(addLo(a, b)).toBe(nextDown(a + b));
        expect(subHi(a, b)).toBe(nextUp(a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('mul over intervals contains every corner product (the extremes)', () => {
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        const lo = mulLo(a.lo, a.hi, b.lo, b.hi);
        const hi = mulHi(a.lo, a.hi, b.lo, b.hi);
        for (const [x, y] of corners(a, b)) {
          const p = ex(x).times(ex(y));
          expect(isLower(lo, p) && isUpper(hi, p)).toBe(true);
        }
        // point intervals: product of two doubles
        const p = ex(a.lo).times(ex(b.hi));
        expect(isLower(mulLo(a.lo, a.lo, b.hi, b.hi), p) && isUpper(mulHi(a.lo, a.lo, b.hi, b.hi), p)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('div over intervals contains every corner quotient (checked exactly by cross-multiplying)', () => {
    const divisor = interval.filter((b) => b.lo > 0 || b.hi < 0);
    fc.assert(
      fc.property(interval, divisor, (a, b) => {
        const lo = divLo(a.lo, a.hi, b.lo, b.hi);
        const hi = divHi(a.lo, a.hi, b.lo, b.hi);
        for (const [x, y] of corners(a, b)) {
          // lo ≤ x/y ⇔ lo·y ≤ x (y > 0) or lo·y ≥ x (y < 0)
          const pos = y > 0;
          if (lo !== -Infinity) {
            expect(Number.isFinite(lo)).toBe(true);
            const t = ex(lo).times(ex(y));
            expect(pos ? t.lte(ex(x)) : t.gte(ex(x))).toBe(true);
          }
          if (hi !== Infinity) {
            expect(Number.isFinite(hi)).toBe(true);
            const t = ex(hi).times(ex(y));
            expect(pos ? t.gte(ex(x)) : t.lte(ex(x))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sqrt contains the exact root (lo² ≤ x ≤ hi², exactly)', () => {
    fc.assert(
      fc.property(num.map(Math.abs), (x) => {
        const lo = sqrtLo(x);
        const hi = sqrtHi(x);
        expect(lo >= 0).toBe(true);
        expect(ex(lo).times(ex(lo)).lte(ex(x))).toBe(true);
        if (hi !== Infinity) expect(ex(hi).times(ex(hi)).gte(ex(x))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sqr contains x² for the ends and for 0 when the interval straddles 0', () => {
    fc.assert(
      fc.property(interval, (a) => {
        const lo = sqrLo(a.lo, a.hi);
        const hi = sqrHi(a.lo, a.hi);
        expect(lo >= 0).toBe(true);
        const pts = [a.lo, a.hi];
        if (a.lo < 0 && a.hi > 0) pts.push(0);
        for (const x of pts) {
          const s = ex(x).times(ex(x));
          expect(isLower(lo, s) && isUpper(hi, s)).toBe(true);
        }
        // the minimum is attained: the lower end is not below the true minimum by more than one step
        const m = a.lo >= 0 ? a.lo : a.hi <= 0 ? a.hi : 0;
        expect(lo).toBe(m === 0 ? 0 : Math.max(0, nextDown(m * m)));
      }),
      { numRuns: 300 },
    );
  });

  it('overflow gives ±MAX_VALUE / ±Infinity ends, never a wrong finite bound', () => {
    expect(addLo(MAX, MAX)).toBe(MAX);
    expect(addHi(MAX, MAX)).toBe(Infinity);
    expect(addLo(-MAX, -MAX)).toBe(-Infinity);
    expect(addHi(-MAX, -MAX)).toBe(-MAX);
    expect(mulLo(1e200, 1e200, 1e200, 1e200)).toBe(MAX);
    expect(mulHi(1e200, 1e200, 1e200, 1e200)).toBe(Infinity);
    expect(mulLo(-1e200, 1e200, 1e200, 1e200)).toBe(-Infinity);
    expect(divHi(1e300, 1e300, 1e-300, 1e-300)).toBe(Infinity);
    expect(divLo(1e300, 1e300, 1e-300, 1e-300)).toBe(MAX);
    expect(sqrHi(-1e200, 1)).toBe(Infinity);
  });

  it('NaN situations (∞ − ∞, 0·∞, ∞/∞, NaN arguments) give the whole line', () => {
    expect(addLo(Infinity, -Infinity)).toBe(-Infinity);
    expect(addHi(Infinity, -Infinity)).toBe(Infinity);
    expect(subLo(Infinity, Infinity)).toBe(-Infinity);
    expect(subHi(Infinity, Infinity)).toBe(Infinity);
    expect(mulLo(0, 0, -Infinity, Infinity)).toBe(-Infinity);
    expect(mulHi(0, 0, -Infinity, Infinity)).toBe(Infinity);
    expect(divLo(1, Infinity, 1, Infinity)).toBe(-Infinity);
    expect(divHi(1, Infinity, 1, Infinity)).toBe(Infinity);
    expect(addLo(NaN, 1)).toBe(-Infinity);
    expect(mulHi(NaN, 1, 1, 1)).toBe(Infinity);
    expect(sqrLo(NaN, 1)).toBe(-Infinity);
    expect(sqrHi(0, NaN)).toBe(Infinity);
  });

  it('infinite ends behave as extended-real bounds', () => {
    expect(addLo(-Infinity, 5)).toBe(-Infinity);
    expect(addHi(Infinity, -5)).toBe(Infinity);
    expect(mulHi(1, 2, 3, Infinity)).toBe(Infinity);
    expect(mulLo(1, 2, 3, Infinity)).toBe(nextDown(3));
    expect(divLo(1, 1, 2, Infinity)).toBe(-MIN); // 1/∞ = 0 stepped down
    expect(sqrtHi(Infinity)).toBe(Infinity);
  });

  it('rejects division by an interval containing 0 and sqrt of negatives', () => {
    expect(() => divLo(1, 2, -1, 1)).toThrow(RangeError);
    expect(() => divHi(1, 2, 0, 1)).toThrow(RangeError);
    expect(() => divHi(1, 2, -0, -0)).toThrow(RangeError);
    expect(() => divLo(1, 2, NaN, 1)).toThrow(RangeError);
    expect(() => fDiv({ lo: 1, hi: 2 }, { lo: -1, hi: 1 })).toThrow(RangeError);
    expect(() => sqrtLo(-MIN)).toThrow(RangeError);
    expect(() => sqrtHi(NaN)).toThrow(RangeError);
    expect(() => fSqrt({ lo: -1, hi: 4 })).toThrow(RangeError);
    expect(sqrtLo(-0)).toBe(0);
  });
});

describe('object conveniences', () => {
  it('contain the exact results at corners', () => {
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        const s = fAdd(a, b);
        const d = fSub(a, b);
        const m = fMul(a, b);
        for (const [x, y] of corners(a, b)) {
          expect(isLower(s.lo, ex(x).plus(ex(y))) && isUpper(s.hi, ex(x).plus(ex(y)))).toBe(true);
          expect(isLower(d.lo, ex(x).minus(ex(y))) && isUpper(d.hi, ex(x).minus(ex(y)))).toBe(true);
          expect(isLower(m.lo, ex(x).times(ex(y))) && isUpper(m.hi, ex(x).times(ex(y)))).toBe(true);
        }
        const q = fSqr(a);
        expect(isUpper(q.hi, ex(a.lo).times(ex(a.lo))) && isLower(q.lo, ex(a.hi).times(ex(a.hi)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('neg, hull, contains, sqrt, div', () => {
    expect(fNeg({ lo: -1, hi: 2 })).toEqual({ lo: -2, hi: 1 });
    expect(fHull({ lo: -1, hi: 2 }, { lo: 3, hi: 4 })).toEqual({ lo: -1, hi: 4 });
    expect(fContains({ lo: -1, hi: 2 }, 2)).toBe(true);
    expect(fContains({ lo: -1, hi: 2 }, 2.0000000000000004)).toBe(false);
    expect(fContains({ lo: -1, hi: 2 }, { lo: 0, hi: 2 })).toBe(true);
    expect(fContains({ lo: -1, hi: 2 }, { lo: -2, hi: 0 })).toBe(false);
    const r = fSqrt({ lo: 2, hi: 2 });
    expect(r.lo < Math.SQRT2 && Math.SQRT2 < r.hi).toBe(true);
    const q = fDiv({ lo: 1, hi: 1 }, { lo: 3, hi: 3 });
    expect(ex(q.lo).times(3).lte(1) && ex(q.hi).times(3).gte(1)).toBe(true);
  });
});

describe('dotIntervalInto', () => {
  const entry = fc.oneof(moderate, tiny, nice.filter((x) => Math.abs(x) < 1e100 && Math.abs(x) > 1e-100 || x === 0));
  const ivl = fc.tuple(entry, entry).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);

  it('contains the exact dot product of random points inside the intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ivl, ivl, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 0,
          maxLength: 30,
        }),
        fc.nat(3),
        fc.nat(3),
        (terms, aOff, bOff) => {
          const len = terms.length;
          const aLo = new Float64Array(len + aOff);
          const aHi = new Float64Array(len + aOff);
          const bLo = new Float64Array(len + bOff);
          const bHi = new Float64Array(len + bOff);
          aLo.fill(NaN, 0, aOff); // offsets must be respected: NaN would poison the result
          bHi.fill(NaN, 0, bOff);
          let exact = new X(0);
          terms.forEach(([[al, ah], [bl, bh], s, t], i) => {
            aLo[aOff + i] = al;
            aHi[aOff + i] = ah;
            bLo[bOff + i] = bl;
            bHi[bOff + i] = bh;
            const x = Math.min(ah, Math.max(al, al + s * (ah - al)));
            const y = Math.min(bh, Math.max(bl, bl + t * (bh - bl)));
            exact = exact.plus(ex(x).times(ex(y)));
          });
          const out = new Float64Array(5);
          dotIntervalInto(aLo, aHi, aOff, bLo, bHi, bOff, len, out, 2);
          expect(isLower(out[2]!, exact) && isUpper(out[3]!, exact)).toBe(true);
          expect(out[0]).toBe(0);
          expect(out[4]).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('contains the exact dot of point vectors (sum rounding errors accumulate)', () => {
    // values with full random mantissas (fast-check's double() favours short, exact ones)
    const small = fc.noBias(fc.integer({ min: -(2 ** 40), max: 2 ** 40 })).map((k) => (k * Math.SQRT1_2) / 2 ** 40);
    fc.assert(
      fc.property(fc.noBias(fc.integer({ min: 1e3, max: 1e6 })).map((k) => k * Math.PI), fc.array(fc.tuple(small, small), { minLength: 1, maxLength: 40 }), (big, rest) => {
        const a = new Float64Array([big, ...rest.map((r) => r[0])]);
        const b = new Float64Array([1, ...rest.map((r) => r[1])]);
        let exact = new X(0);
        for (let i = 0; i < a.length; i++) exact = exact.plus(ex(a[i]!).times(ex(b[i]!)));
        const out = new Float64Array(2);
        dotIntervalInto(a, a, 0, b, b, 0, a.length, out, 0);
        expect(isLower(out[0]!, exact) && isUpper(out[1]!, exact)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('contains the exact dot under cancellation (product rounding errors dominate)', () => {
    fc.assert(
      fc.property(moderate, moderate, moderate, fc.double({ min: -1, max: 1, noNaN: true }), (a1, b1, a2, c) => {
        fc.pre(a2 !== 0 && a1 * b1 !== 0);
        const b2 = -(a1 * b1) / a2; // a1·b1 + a2·b2 ≈ 0: the exact sum is far below ulp(a1·b1)
        fc.pre(Number.isFinite(b2));
        const a = new Float64Array([a1, a2, c]);
        const b = new Float64Array([b1, b2, 2 ** -60]);
        const exact = ex(a1).times(ex(b1)).plus(ex(a2).times(ex(b2))).plus(ex(c).times(ex(2 ** -60)));
        const out = new Float64Array(2);
        dotIntervalInto(a, a, 0, b, b, 0, 3, out, 0);
        expect(isLower(out[0]!, exact) && isUpper(out[1]!, exact)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is tight for point data and gives the whole line on 0·∞', () => {
    const n = 400;
    const a = new Float64Array(n).map((_, i) => 1 / (i + 1));
    const b = new Float64Array(n).map((_, i) => i + 1);
    const out = new Float64Array(2);
    dotIntervalInto(a, a, 0, b, b, 0, n, out, 0);
    expect(out[0]! <= 400 && 400 <= out[1]!).toBe(true);
    expect(out[1]! - out[0]!).toBeLessThan(1e-10);
    dotIntervalInto(new Float64Array([0, 1]), new Float64Array([0, 1]), 0, new Float64Array([-Infinity, 1]), new Float64Array([Infinity, 1]), 0, 2, out, 0);
    expect([out[0], out[1]]).toEqual([-Infinity, Infinity]);
    dotIntervalInto(new Float64Array([1, 1]), new Float64Array([1, 1]), 0, new Float64Array([-Infinity, 0]), new Float64Array([0, Infinity]), 0, 2, out, 0);
    expect([out[0], out[1]]).toEqual([-Infinity, Infinity]);
  });
});

describe('fromDecimalInterval / toDecimalPair', () => {
  const decimalString = fc
    .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,59}$/), fc.integer({ min: -360, max: 330 }))
    .map(([neg, digits, e]) => `${neg ? '-' : ''}${digits}e${e}`);

  it('gives the smallest enclosing double interval', () => {
    fc.assert(
      fc.property(decimalString, decimalString, (s, t) => {
        let a = new X(s);
        let b = new X(t);
        if (a.gt(b)) [a, b] = [b, a];
        const r = fromDecimalInterval({ lo: a, hi: b });
        expect(isLower(r.lo, a) && isUpper(r.hi, b)).toBe(true);
        // tightness: the next double inward is on the wrong side
        if (r.lo !== MAX) expect(isLower(nextUp(r.lo), a)).toBe(false);
        if (r.hi !== -MAX) expect(isUpper(nextDown(r.hi), b)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('maps exact doubles to themselves and handles range limits', () => {
    expect(fromDecimalInterval({ lo: new X('0.5'), hi: new X('0.75') })).toEqual({ lo: 0.5, hi: 0.75 });
    const tenth = fromDecimalInterval({ lo: new X('0.1'), hi: new X('0.1') });
    expect(tenth).toEqual({ lo: nextDown(0.1), hi: 0.1 }); // the double 0.1 is above 1/10
    expect(fromDecimalInterval({ lo: new X('1e400'), hi: new X('1e400') })).toEqual({ lo: MAX, hi: Infinity });
    expect(fromDecimalInterval({ lo: new X('-1e400'), hi: new X('-1e400') })).toEqual({ lo: -Infinity, hi: -MAX });
    expect(fromDecimalInterval({ lo: new X('1e-400'), hi: new X('1e-400') })).toEqual({ lo: 0, hi: MIN });
    expect(fromDecimalInterval({ lo: new X('-1e-400'), hi: new X('-1e-400') })).toEqual({ lo: -MIN, hi: 0 });
    expect(fromDecimalInterval({ lo: new X(exactDecimalOfDouble(MIN)), hi: new X(exactDecimalOfDouble(MAX)) })).toEqual({
      lo: MIN,
      hi: MAX,
    });
    expect(fromDecimalInterval({ lo: new X('-Infinity'), hi: new X('Infinity') })).toEqual({ lo: -Infinity, hi: Infinity });
    expect(() => fromDecimalInterval({ lo: new X(NaN), hi: new X(1) })).toThrow(RangeError);
  });

  it('toDecimalPair gives the exact ends', () => {
    fc.assert(
      fc.property(anyFinite, anyFinite, (a, b) => {
        const [s, t] = toDecimalPair(a, b);
        expect(Number(s)).toBe(a);
        expect(Number(t)).toBe(b);
        expect(fromDecimalInterval({ lo: new X(s), hi: new X(t) })).toEqual({ lo: a === 0 ? 0 : a, hi: b === 0 ? 0 : b });
      }),
      { numRuns: 200 },
    );
    expect(() => toDecimalPair(0, Infinity)).toThrow(RangeError);
  });
});
