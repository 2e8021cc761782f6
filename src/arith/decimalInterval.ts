/**
 * Decimal interval arithmetic (DESIGN.md §4): a value is a pair [lo, hi] of decimal.js numbers;
 * every lower end is computed in a clone rounding toward −∞ (`Down`), every upper end in a clone
 * rounding toward +∞ (`Up`), both at `precision` significant digits. decimal.js rounds +, −, ×, ÷
 * correctly in the clone's mode, so each end is a rigorous bound.
 *
 * Guarantee of every operation: the returned interval contains the exact result for every real
 * choice of arguments inside the argument intervals.
 *
 * Range precondition: decimal.js exponents are limited to ±9e15 (about 10^±9e15); beyond that it
 * returns ±Infinity / 0 whatever the rounding mode. No computation of this project comes near that
 * range (inputs that would underflow or overflow on parsing are rejected by `point`/`of`).
 */
import { Decimal } from 'decimal.js';
import { exactDecimalOfDouble } from './exactDouble.js';
import {
  acosEnclosure,
  asinEnclosure,
  atanEnclosure,
  expEnclosure,
  lnEnclosure,
  piEnclosure,
} from './decimalElementary.js';

export type DecimalValue = string | number | Decimal;

/**
 * A closed interval [lo, hi] of decimal numbers. The constructor refuses lo > hi and NaN ends
 * (RangeError): an empty or undefined interval would make every later inclusion claim vacuous.
 */
export class DecimalInterval {
  constructor(
    readonly lo: Decimal,
    readonly hi: Decimal,
  ) {
    if (!lo.lte(hi)) throw new RangeError(`not an interval: lower end ${lo.toString()} is not ≤ upper end ${hi.toString()}`);
  }

  toString(): string {
    return `[${this.lo.toString()}, ${this.hi.toString()}]`;
  }
}

const EXPONENT_LIMITS = { toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 } as const;

/** Parses without rounding (the decimal.js constructor never rounds). */
const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN, ...EXPONENT_LIMITS });

/** A string whose value is zero (so a parsed zero is not a silent underflow). */
const ZERO_LITERAL = /^[+-]?(?:0[xbo])?[0.]*(?:[ep][+-]?\d+)?$/i;

/**
 * The exact value of x as a Decimal (no rounding). A JS number is taken at its exact binary value.
 * Throws RangeError for NaN, ±Infinity, malformed strings and strings outside decimal.js's range.
 */
export function exactDecimal(x: DecimalValue): Decimal {
  let d: Decimal;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    d = new Exact(exactDecimalOfDouble(x));
  } else if (typeof x === 'string') {
    try {
      d = new Exact(x);
    } catch {
      throw new RangeError(`not a decimal number: "${x}"`);
    }
    if (d.isZero() && !ZERO_LITERAL.test(x.trim())) {
      throw new RangeError(`decimal number "${x}" is outside the supported exponent range`);
    }
  } else if (Decimal.isDecimal(x)) {
    d = x;
  } else {
    throw new RangeError(`not a decimal value: ${String(x)}`);
  }
  if (!d.isFinite()) throw new RangeError(`not a finite number: ${typeof x === 'string' ? `"${x}"` : String(x)}`);
  return d;
}

/** x ≥ 0 (including −0). */
function nonNegative(x: Decimal): boolean {
  return x.s > 0 || x.isZero();
}
/** x ≤ 0 (including +0). */
function nonPositive(x: Decimal): boolean {
  return x.s < 0 || x.isZero();
}
/** Sign class of an interval: 1 if lo ≥ 0, −1 if hi ≤ 0, 0 if it straddles 0. */
function signClass(lo: Decimal, hi: Decimal): number {
  return nonNegative(lo) ? 1 : nonPositive(hi) ? -1 : 0;
}

export class DecimalIntervalArithmetic {
  /** Significant digits of every end point. */
  readonly precision: number;
  /** decimal.js clone rounding toward −∞ at this precision (computes lower ends). */
  readonly Down: Decimal.Constructor;
  /** decimal.js clone rounding toward +∞ at this precision (computes upper ends). */
  readonly Up: Decimal.Constructor;

  private readonly zeroDown: Decimal;
  private readonly zeroUp: Decimal;
  private readonly halfDown: Decimal;
  /** 2·precision digits: squares of end points are exact in it. */
  private readonly Square: Decimal.Constructor;
  private readonly halfUp: Decimal;
  /** Newton steps from a double estimate (≈ 15.5 correct digits) to reach `precision` digits. */
  private readonly newtonSteps: number;
  /** Scratch outputs of productBounds (avoids allocating a pair per product). */
  private prodLo: Decimal;
  private prodHi: Decimal;

  /** Prefer `decimalIntervals(precision)`, which caches. Accepts any integer precision 1..1e9. */
  constructor(precision: number) {
    if (!Number.isInteger(precision) || precision < 1 || precision > 1e9) {
      throw new RangeError(`decimal interval precision must be an integer in 1..1e9, got ${precision}`);
    }
    this.precision = precision;
    this.Down = Decimal.clone({ precision, rounding: Decimal.ROUND_FLOOR, ...EXPONENT_LIMITS });
    this.Up = Decimal.clone({ precision, rounding: Decimal.ROUND_CEIL, ...EXPONENT_LIMITS });
    this.Square = Decimal.clone({ precision: 2 * precision, rounding: Decimal.ROUND_HALF_EVEN, ...EXPONENT_LIMITS });
    this.zeroDown = new this.Down(0);
    this.zeroUp = new this.Up(0);
    this.halfDown = new this.Down('0.5');
    this.halfUp = new this.Up('0.5');
    let k = 1;
    while (15.5 * 2 ** k < precision) k++;
    this.newtonSteps = k;
    this.prodLo = this.zeroDown;
    this.prodHi = this.zeroUp;
  }

  // ---- end-point operations in one rounding direction -------------------------------------
  // The instance methods of decimal.js round in the mode of the receiver's own clone, so an
  // operand that already belongs to the right clone is used as receiver (saves a copy).

  /** x + y rounded down. */
  addDown(x: Decimal, y: Decimal): Decimal {
    const D = this.Down;
    return x.constructor === D ? x.plus(y) : y.constructor === D ? y.plus(x) : D.add(x, y);
  }
  /** x + y rounded up. */
  addUp(x: Decimal, y: Decimal): Decimal {
    const U = this.Up;
    return x.constructor === U ? x.plus(y) : y.constructor === U ? y.plus(x) : U.add(x, y);
  }
  /** x − y rounded down. */
  subDown(x: Decimal, y: Decimal): Decimal {
    return x.constructor === this.Down ? x.minus(y) : this.Down.sub(x, y);
  }
  /** x − y rounded up. */
  subUp(x: Decimal, y: Decimal): Decimal {
    return x.constructor === this.Up ? x.minus(y) : this.Up.sub(x, y);
  }
  /** x · y rounded down. */
  mulDown(x: Decimal, y: Decimal): Decimal {
    const D = this.Down;
    return x.constructor === D ? x.times(y) : y.constructor === D ? y.times(x) : D.mul(x, y);
  }
  /** x · y rounded up. */
  mulUp(x: Decimal, y: Decimal): Decimal {
    const U = this.Up;
    return x.constructor === U ? x.times(y) : y.constructor === U ? y.times(x) : U.mul(x, y);
  }
  /** x / y rounded down. */
  divDown(x: Decimal, y: Decimal): Decimal {
    return x.constructor === this.Down ? x.div(y) : this.Down.div(x, y);
  }
  /** x / y rounded up. */
  divUp(x: Decimal, y: Decimal): Decimal {
    return x.constructor === this.Up ? x.div(y) : this.Up.div(x, y);
  }

  /**
   * A lower bound of √x for x ≥ 0, correctly rounded. decimal.js documents sqrt as correctly
   * rounded; we do not rely on its last digit: the result r is accepted only when r² ≤ x (r² is
   * exact in 2·precision digits), which proves r ≤ √x; else it is lowered by one unit.
   */
  sqrtDown(x: Decimal): Decimal {
    if (x.isZero()) return this.zeroDown;
    let r = x.constructor === this.Down ? x.sqrt() : this.Down.sqrt(x);
    while (this.Square.mul(r, r).gt(x)) r = this.Down.sub(r, this.ulp(r));
    return r;
  }
  /** An upper bound of √x for x ≥ 0, correctly rounded, proved by r² ≥ x (exact square). */
  sqrtUp(x: Decimal): Decimal {
    if (x.isZero()) return this.zeroUp;
    let r = x.constructor === this.Up ? x.sqrt() : this.Up.sqrt(x);
    while (this.Square.mul(r, r).lt(x)) r = this.Up.add(r, this.ulp(r));
    return r;
  }
  /**
   * An upper bound s of √x (x ≥ 0), a few units in the last place above it, by Newton steps
   * from a double estimate. Each step s ← s + (x/s − s)/2 with every operation rounded up gives
   * s ≥ (s + x/s)/2 ≥ √x (AM–GM), whatever the previous s > 0, so the bound never depends on
   * convergence; the step count only decides tightness. For 0 ≤ y ≤ x, y/s rounded down is a
   * lower bound of √y (y/s ≤ y/√y).
   */
  sqrtUpNewton(x: Decimal): Decimal {
    if (x.isZero()) return this.zeroUp;
    const U = this.Up;
    let s: Decimal;
    const e = x.e;
    if (e > -300 && e < 300) s = new U(Math.sqrt(x.toNumber()));
    else {
      const half = Math.floor(e / 2); // x = y·10^(2·half), y ∈ [1, 100)
      const m = Number(x.toExponential(16).replace(/e.*$/, '')) * (e - 2 * half === 1 ? 10 : 1);
      s = new U(`${Math.sqrt(m)}e${half}`);
    }
    for (let i = 0; i < this.newtonSteps; i++) {
      s = s.plus(U.div(x, s).minus(s).times(this.halfUp));
    }
    return s;
  }

  /** One unit in the last place of a nonzero x at this precision (exact power of ten). */
  ulp(x: Decimal): Decimal {
    return new this.Up(`1e${x.e - this.precision + 1}`);
  }

  // ---- construction -----------------------------------------------------------------------

  /** [x, x] when x has at most `precision` digits, else the tightest outward-rounded interval. */
  point(x: DecimalValue): DecimalInterval {
    const d = exactDecimal(x);
    return new DecimalInterval(new this.Down(d).toSD(), new this.Up(d).toSD());
  }

  /** The interval [lo, hi] (ends rounded outward). RangeError if lo > hi or an end is invalid. */
  of(lo: DecimalValue, hi: DecimalValue): DecimalInterval {
    const l = exactDecimal(lo);
    const h = exactDecimal(hi);
    if (l.gt(h)) throw new RangeError(`empty interval: lower end ${l.toString()} > upper end ${h.toString()}`);
    return new DecimalInterval(new this.Down(l).toSD(), new this.Up(h).toSD());
  }

  /** a rounded outward to this precision (the result contains a). */
  roundOut(a: DecimalInterval): DecimalInterval {
    return new DecimalInterval(new this.Down(a.lo).toSD(), new this.Up(a.hi).toSD());
  }

  // ---- arithmetic -------------------------------------------------------------------------

  add(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    return new DecimalInterval(this.addDown(a.lo, b.lo), this.addUp(a.hi, b.hi));
  }

  sub(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    return new DecimalInterval(this.subDown(a.lo, b.hi), this.subUp(a.hi, b.lo));
  }

  /** Negation is exact (no rounding). */
  neg(a: DecimalInterval): DecimalInterval {
    return new DecimalInterval(a.hi.neg(), a.lo.neg());
  }

  /**
   * Sets prodLo/prodHi to bounds of {x·y : x ∈ [alo, ahi], y ∈ [blo, bhi]}: the extremes of a
   * bilinear function on a box are at its corners, and the sign classes tell which corners.
   */
  private productBounds(alo: Decimal, ahi: Decimal, blo: Decimal, bhi: Decimal): void {
    const ca = signClass(alo, ahi);
    const cb = signClass(blo, bhi);
    if (ca === 1) {
      if (cb === 1) {
        this.prodLo = this.mulDown(alo, blo);
        this.prodHi = this.mulUp(ahi, bhi);
      } else if (cb === -1) {
        this.prodLo = this.mulDown(ahi, blo);
        this.prodHi = this.mulUp(alo, bhi);
      } else {
        this.prodLo = this.mulDown(ahi, blo);
        this.prodHi = this.mulUp(ahi, bhi);
      }
    } else if (ca === -1) {
      if (cb === 1) {
        this.prodLo = this.mulDown(alo, bhi);
        this.prodHi = this.mulUp(ahi, blo);
      } else if (cb === -1) {
        this.prodLo = this.mulDown(ahi, bhi);
        this.prodHi = this.mulUp(alo, blo);
      } else {
        this.prodLo = this.mulDown(alo, bhi);
        this.prodHi = this.mulUp(alo, blo);
      }
    } else if (cb === 1) {
      this.prodLo = this.mulDown(alo, bhi);
      this.prodHi = this.mulUp(ahi, bhi);
    } else if (cb === -1) {
      this.prodLo = this.mulDown(ahi, blo);
      this.prodHi = this.mulUp(alo, blo);
    } else {
      const l1 = this.mulDown(alo, bhi);
      const l2 = this.mulDown(ahi, blo);
      const h1 = this.mulUp(alo, blo);
      const h2 = this.mulUp(ahi, bhi);
      this.prodLo = l1.lt(l2) ? l1 : l2;
      this.prodHi = h1.gt(h2) ? h1 : h2;
    }
  }

  mul(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    this.productBounds(a.lo, a.hi, b.lo, b.hi);
    return new DecimalInterval(this.prodLo, this.prodHi);
  }

  /** a / b; RangeError if b contains 0. Quotient extremes are at corners chosen by sign. */
  div(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    const { lo: alo, hi: ahi } = a;
    const { lo: blo, hi: bhi } = b;
    const ca = signClass(alo, ahi);
    if (blo.s > 0 && !blo.isZero()) {
      if (ca === 1) return new DecimalInterval(this.divDown(alo, bhi), this.divUp(ahi, blo));
      if (ca === -1) return new DecimalInterval(this.divDown(alo, blo), this.divUp(ahi, bhi));
      return new DecimalInterval(this.divDown(alo, blo), this.divUp(ahi, blo));
    }
    if (bhi.s < 0 && !bhi.isZero()) {
      if (ca === 1) return new DecimalInterval(this.divDown(ahi, bhi), this.divUp(alo, blo));
      if (ca === -1) return new DecimalInterval(this.divDown(ahi, blo), this.divUp(alo, bhi));
      return new DecimalInterval(this.divDown(ahi, bhi), this.divUp(alo, bhi));
    }
    throw new RangeError(`division by an interval containing 0: ${b.toString()}`);
  }

  abs(a: DecimalInterval): DecimalInterval {
    const c = signClass(a.lo, a.hi);
    if (c === 1) return a;
    if (c === -1) return this.neg(a);
    const mlo = a.lo.neg();
    return new DecimalInterval(this.zeroDown, mlo.gt(a.hi) ? mlo : a.hi);
  }

  /** a² with the dependency taken into account: [0, max(lo², hi²)] when a straddles 0. */
  sqr(a: DecimalInterval): DecimalInterval {
    const { lo, hi } = a;
    const c = signClass(lo, hi);
    if (c === 1) return new DecimalInterval(this.mulDown(lo, lo), this.mulUp(hi, hi));
    if (c === -1) return new DecimalInterval(this.mulDown(hi, hi), this.mulUp(lo, lo));
    const l2 = this.mulUp(lo, lo);
    const h2 = this.mulUp(hi, hi);
    return new DecimalInterval(this.zeroDown, l2.gt(h2) ? l2 : h2);
  }

  /** √a (increasing); RangeError if a.lo < 0. Ends are verified by squaring (see sqrtDown). */
  sqrt(a: DecimalInterval): DecimalInterval {
    if (a.lo.s < 0 && !a.lo.isZero()) {
      throw new RangeError(`square root of an interval with negative part: ${a.toString()}`);
    }
    return new DecimalInterval(this.sqrtDown(a.lo), this.sqrtUp(a.hi));
  }

  /** Smallest interval containing a and b (no rounding). */
  hull(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    return new DecimalInterval(a.lo.lte(b.lo) ? a.lo : b.lo, a.hi.gte(b.hi) ? a.hi : b.hi);
  }

  /** a ∩ b (no rounding); RangeError if empty. */
  intersect(a: DecimalInterval, b: DecimalInterval): DecimalInterval {
    const lo = a.lo.gte(b.lo) ? a.lo : b.lo;
    const hi = a.hi.lte(b.hi) ? a.hi : b.hi;
    if (lo.gt(hi)) throw new RangeError(`empty intersection of ${a.toString()} and ${b.toString()}`);
    return new DecimalInterval(lo, hi);
  }

  // ---- centre, radius, width --------------------------------------------------------------

  /** A point of a: the midpoint rounded to this precision, clamped into [lo, hi]. */
  mid(a: DecimalInterval): Decimal {
    const { lo, hi } = a;
    if (lo.eq(hi)) return lo;
    const m = this.mulDown(this.addDown(lo, hi), this.halfDown);
    return m.lt(lo) ? lo : m.gt(hi) ? hi : m;
  }

  /**
   * An upper bound r of (hi − lo)/2 such that [mid(a) − r, mid(a) + r] ⊇ a:
   * r = max(hi − m, m − lo) rounded up, and the larger of the two is at least half their sum.
   */
  rad(a: DecimalInterval): Decimal {
    const m = this.mid(a);
    const r1 = this.subUp(a.hi, m);
    const r2 = this.subUp(m, a.lo);
    return r1.gt(r2) ? r1 : r2;
  }

  /** An upper bound of hi − lo. */
  width(a: DecimalInterval): Decimal {
    return this.subUp(a.hi, a.lo);
  }

  isPoint(a: DecimalInterval): boolean {
    return a.lo.eq(a.hi);
  }

  // ---- comparisons (exact) ----------------------------------------------------------------

  /** lo ≤ x ≤ hi for the exact value of x. */
  contains(a: DecimalInterval, x: DecimalValue): boolean {
    const d = exactDecimal(x);
    return a.lo.lte(d) && d.lte(a.hi);
  }
  /** a ⊆ b. */
  subset(a: DecimalInterval, b: DecimalInterval): boolean {
    return b.lo.lte(a.lo) && a.hi.lte(b.hi);
  }
  /** Every element of a is below every element of b (a.hi < b.lo). */
  certainlyLess(a: DecimalInterval, b: DecimalInterval): boolean {
    return a.hi.lt(b.lo);
  }
  /** a.lo > b.hi. */
  certainlyGreater(a: DecimalInterval, b: DecimalInterval): boolean {
    return a.lo.gt(b.hi);
  }
  /** Some element of a is below some element of b (a.lo < b.hi). */
  possiblyLess(a: DecimalInterval, b: DecimalInterval): boolean {
    return a.lo.lt(b.hi);
  }
  /** a.hi > b.lo. */
  possiblyGreater(a: DecimalInterval, b: DecimalInterval): boolean {
    return a.hi.gt(b.lo);
  }
  /** a.lo > 0. */
  certainlyPositive(a: DecimalInterval): boolean {
    return a.lo.s > 0 && !a.lo.isZero();
  }
  /** a.hi < 0. */
  certainlyNegative(a: DecimalInterval): boolean {
    return a.hi.s < 0 && !a.hi.isZero();
  }

  // ---- reductions -------------------------------------------------------------------------

  /** Σ xs: lower ends accumulated rounding down, upper ends rounding up. */
  sum(xs: readonly DecimalInterval[]): DecimalInterval {
    let lo = this.zeroDown;
    let hi = this.zeroUp;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      lo = lo.plus(x.lo);
      hi = hi.plus(x.hi);
    }
    return new DecimalInterval(lo, hi);
  }

  /** Σ xs[i]·ys[i]: each product bounded as in mul, then summed as in sum. */
  dot(xs: readonly DecimalInterval[], ys: readonly DecimalInterval[]): DecimalInterval {
    if (xs.length !== ys.length) throw new RangeError(`dot: lengths differ (${xs.length} vs ${ys.length})`);
    let lo = this.zeroDown;
    let hi = this.zeroUp;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      this.productBounds(x.lo, x.hi, y.lo, y.hi);
      lo = lo.plus(this.prodLo);
      hi = hi.plus(this.prodHi);
    }
    return new DecimalInterval(lo, hi);
  }

  // ---- elementary functions (decimalElementary.ts) ----------------------------------------

  /** An enclosure of π (Machin's formula with bounded remainders), cached per precision. */
  pi(): DecimalInterval {
    return piEnclosure(this);
  }
  atan(x: DecimalInterval): DecimalInterval {
    return atanEnclosure(this, x);
  }
  /** RangeError unless x ⊆ [−1, 1]. */
  acos(x: DecimalInterval): DecimalInterval {
    return acosEnclosure(this, x);
  }
  /** RangeError unless x ⊆ [−1, 1]. */
  asin(x: DecimalInterval): DecimalInterval {
    return asinEnclosure(this, x);
  }
  exp(x: DecimalInterval): DecimalInterval {
    return expEnclosure(this, x);
  }
  /** RangeError unless x.lo > 0. */
  ln(x: DecimalInterval): DecimalInterval {
    return lnEnclosure(this, x);
  }
}

const cache = new Map<number, DecimalIntervalArithmetic>();

/** Arithmetic at any precision 1..1e9, cached (used internally for guard digits). */
export function arithmeticAtPrecision(precision: number): DecimalIntervalArithmetic {
  let a = cache.get(precision);
  if (a === undefined) {
    a = new DecimalIntervalArithmetic(precision);
    cache.set(precision, a);
  }
  return a;
}

/** The decimal interval arithmetic with `precision` significant digits (integer 10..10000), cached. */
export function decimalIntervals(precision: number): DecimalIntervalArithmetic {
  if (!Number.isInteger(precision) || precision < 10 || precision > 10000) {
    throw new RangeError(`decimal precision must be an integer in 10..10000, got ${precision}`);
  }
  return arithmeticAtPrecision(precision);
}
