/**
 * Float64 intervals with outward rounding (DESIGN.md §4, "Float64 intervals").
 *
 * Why one ulp is enough. IEEE 754 binary64 +, −, ×, ÷ and sqrt (JavaScript's operators and
 * Math.sqrt) return the double nearest to the exact real result r̂ (round to nearest, ties to
 * even; V8 never fuses a·b + c). If the returned double is f, then no double lies strictly closer
 * to r̂ than f, hence pred(f) ≤ r̂ ≤ succ(f): were r̂ > succ(f), succ(f) would be closer. This
 * holds everywhere: across binade boundaries, in the subnormal range (where pred/succ are one
 * subnormal step, 2^-1074, away) and at overflow (a finite result that rounds to +∞ exceeds
 * MAX_VALUE = pred(+∞)). So `nextDown(f)` / `nextUp(f)` are rigorous lower / upper bounds.
 *
 * Non-finite results. A NaN (∞ − ∞, 0·∞, ∞/∞, or a NaN argument) carries no information, so
 * every end-point helper returns −∞ for a lower end and +∞ for an upper end in that case
 * (the whole line, always sound), never a wrong finite bound.
 *
 * An interval is a pair lo ≤ hi of doubles (±∞ allowed as ends) denoting the closed set
 * {x real : lo ≤ x ≤ hi}.
 */
import type { Decimal } from 'decimal.js';
import { exactDecimalOfDouble } from './exactDouble.js';

export { exactDecimalOfDouble };

// ---------------------------------------------------------------------------------------------
// nextUp / nextDown.
//
// Fast path, |x| ∈ [2^-969, MAX_VALUE]: succ(x) = fl(x + fl(φ·|x|)) with φ = 2^-53 + 2^-105
// (Rump, Zimmermann, Boldo, Melquiond, "Computing predecessor and successor in rounding to
// nearest", BIT 49, 2009). Proof sketch: write |x| = m·2^e, 2^52 ≤ m < 2^53, so the spacing of
// doubles just above |x| is 2^e. Then φ|x| = (m/2^53)(1 + 2^-52)·2^e lies in
// [2^(e-1) + 2^(e-53), 2^e(1 + 2^-53)); its lower end is a double, and the bound |x| ≥ 2^-969
// keeps φ|x| normal, so fl(φ|x|) = d with ½·2^e < d < 1.5·2^e. For x > 0, x + d is strictly
// nearer to x + 2^e = succ(x) than to x or to x + 2·2^e (also when succ(x) starts the next
// binade, and x = MAX_VALUE gives +∞ since d exceeds half its spacing). For x < 0 the spacing
// towards zero is 2^e, or 2^(e-1) when m = 2^52, and in both cases x + d rounds to succ(x).
// nextDown is the mirror image (rounding to nearest is symmetric).
//
// Slow path (0, subnormals, tiny normals, ±∞, NaN): the 64-bit pattern through a BigInt64Array
// view of a Float64Array: positive doubles are ordered like their patterns, negative ones
// reversed, so the successor is the pattern ± 1. (A 64-bit view avoids the store-forwarding
// stall of writing two 32-bit halves and reading the double back.)

const bitsF64 = new Float64Array(1);
const bitsI64 = new BigInt64Array(bitsF64.buffer);
const PHI = 2 ** -53 + 2 ** -105;
const FAST_MIN = 2 ** -969;
const MAX = Number.MAX_VALUE;

/** x with its 64-bit pattern moved one step away from zero (increment) or towards it. */
function stepBits(x: number, awayFromZero: boolean): number {
  bitsF64[0] = x;
  bitsI64[0] = awayFromZero ? bitsI64[0]! + 1n : bitsI64[0]! - 1n;
  return bitsF64[0]!;
}

/**
 * The smallest double greater than x (IEEE 754 nextUp): nextUp(±0) = 2^-1074,
 * nextUp(MAX_VALUE) = +∞, nextUp(+∞) = +∞, nextUp(−∞) = −MAX_VALUE, nextUp(NaN) = NaN,
 * nextUp(−2^-1074) = −0.
 */
export function nextUp(x: number): number {
  const a = Math.abs(x);
  if (a >= FAST_MIN && a <= MAX) return x + a * PHI;
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  return stepBits(x, x > 0);
}

/** The largest double smaller than x (IEEE 754 nextDown); nextDown(x) = −nextUp(−x). */
export function nextDown(x: number): number {
  const a = Math.abs(x);
  if (a >= FAST_MIN && a <= MAX) return x - a * PHI;
  if (x !== x || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  return stepBits(x, x < 0);
}

// ---------------------------------------------------------------------------------------------
// Scalar end-point helpers (allocation-free). Each returns a rigorous bound of the exact result
// for all reals in the argument intervals: the rounded-to-nearest result stepped one double
// outward (see the module comment). nextDown/nextUp are monotone, so the bound of a min/max
// over several rounded values is the min/max stepped once.

/** Lower bound of a + b (a, b doubles). */
export function addLo(a: number, b: number): number {
  const s = a + b;
  return s !== s ? -Infinity : nextDown(s);
}

/** Upper bound of a + b. */
export function addHi(a: number, b: number): number {
  const s = a + b;
  return s !== s ? Infinity : nextUp(s);
}

/** Lower bound of a − b (for intervals: subLo(a.lo, b.hi)). */
export function subLo(a: number, b: number): number {
  const s = a - b;
  return s !== s ? -Infinity : nextDown(s);
}

/** Upper bound of a − b (for intervals: subHi(a.hi, b.lo)). */
export function subHi(a: number, b: number): number {
  const s = a - b;
  return s !== s ? Infinity : nextUp(s);
}

/**
 * Lower end of [alo, ahi]·[blo, bhi]: the product of intervals attains its extremes at corners,
 * so min over the four corner products (each within one double of the rounded value) bounds it.
 */
export function mulLo(alo: number, ahi: number, blo: number, bhi: number): number {
  return lowerOf4(alo * blo, alo * bhi, ahi * blo, ahi * bhi);
}

/** Upper end of [alo, ahi]·[blo, bhi] (max over the four corner products, stepped up). */
export function mulHi(alo: number, ahi: number, blo: number, bhi: number): number {
  return upperOf4(alo * blo, alo * bhi, ahi * blo, ahi * bhi);
}

/** nextDown of the least of four rounded values; −∞ if any is NaN. */
function lowerOf4(p: number, q: number, r: number, s: number): number {
  if (p !== p || q !== q || r !== r || s !== s) return -Infinity;
  const m1 = p < q ? p : q;
  const m2 = r < s ? r : s;
  return nextDown(m1 < m2 ? m1 : m2);
}

/** nextUp of the greatest of four rounded values; +∞ if any is NaN. */
function upperOf4(p: number, q: number, r: number, s: number): number {
  if (p !== p || q !== q || r !== r || s !== s) return Infinity;
  const m1 = p > q ? p : q;
  const m2 = r > s ? r : s;
  return nextUp(m1 > m2 ? m1 : m2);
}

// The throwing paths live in separate functions: a `throw` with a template literal inside a
// small hot function stops V8 from inlining it (measured 15× slower for sqrtLo/sqrtHi).
function divisorError(blo: number, bhi: number): never {
  throw new RangeError(`f64Interval: divisor [${blo}, ${bhi}] contains 0`);
}
function sqrtDomainError(x: number): never {
  throw new RangeError(`f64Interval: sqrt of ${x}`);
}

/**
 * Lower end of [alo, ahi] / [blo, bhi]; throws RangeError if the divisor contains 0. With
 * 0 ∉ [blo, bhi] the quotient is monotone in each argument, so its extremes are at corners.
 */
export function divLo(alo: number, ahi: number, blo: number, bhi: number): number {
  if (!(blo > 0 || bhi < 0)) divisorError(blo, bhi);
  return lowerOf4(alo / blo, alo / bhi, ahi / blo, ahi / bhi);
}

/** Upper end of [alo, ahi] / [blo, bhi]; throws RangeError if the divisor contains 0. */
export function divHi(alo: number, ahi: number, blo: number, bhi: number): number {
  if (!(blo > 0 || bhi < 0)) divisorError(blo, bhi);
  return upperOf4(alo / blo, alo / bhi, ahi / blo, ahi / bhi);
}

/** Lower bound of √x (x ≥ 0, else RangeError); clamped at 0 since √x ≥ 0 exactly. */
export function sqrtLo(x: number): number {
  if (!(x >= 0)) sqrtDomainError(x);
  const d = nextDown(Math.sqrt(x));
  return d > 0 ? d : 0;
}

/** Upper bound of √x (x ≥ 0, else RangeError). */
export function sqrtHi(x: number): number {
  if (!(x >= 0)) sqrtDomainError(x);
  return nextUp(Math.sqrt(x));
}

/** Lower end of {x² : lo ≤ x ≤ hi}: 0 if the interval contains 0, else the smaller |end| squared. */
export function sqrLo(lo: number, hi: number): number {
  if (lo !== lo || hi !== hi) return -Infinity;
  let p: number;
  if (lo >= 0) p = lo * lo;
  else if (hi <= 0) p = hi * hi;
  else return 0;
  const d = nextDown(p);
  return d > 0 ? d : 0;
}

/** Upper end of {x² : lo ≤ x ≤ hi}: the larger |end| squared, stepped up. */
export function sqrHi(lo: number, hi: number): number {
  if (lo !== lo || hi !== hi) return Infinity;
  return nextUp(Math.max(lo * lo, hi * hi));
}

// ---------------------------------------------------------------------------------------------
// Object-returning conveniences. Each result contains {x ∘ y : x ∈ a, y ∈ b}.

export interface F64Interval {
  lo: number;
  hi: number;
}

export function fAdd(a: F64Interval, b: F64Interval): F64Interval {
  return { lo: addLo(a.lo, b.lo), hi: addHi(a.hi, b.hi) };
}

export function fSub(a: F64Interval, b: F64Interval): F64Interval {
  return { lo: subLo(a.lo, b.hi), hi: subHi(a.hi, b.lo) };
}

export function fMul(a: F64Interval, b: F64Interval): F64Interval {
  return { lo: mulLo(a.lo, a.hi, b.lo, b.hi), hi: mulHi(a.lo, a.hi, b.lo, b.hi) };
}

/** Throws RangeError if b contains 0. */
export function fDiv(a: F64Interval, b: F64Interval): F64Interval {
  return { lo: divLo(a.lo, a.hi, b.lo, b.hi), hi: divHi(a.lo, a.hi, b.lo, b.hi) };
}

/** Negation is exact in floating point. */
export function fNeg(a: F64Interval): F64Interval {
  return { lo: -a.hi, hi: -a.lo };
}

export function fSqr(a: F64Interval): F64Interval {
  return { lo: sqrLo(a.lo, a.hi), hi: sqrHi(a.lo, a.hi) };
}

/** Throws RangeError if a.lo < 0. */
export function fSqrt(a: F64Interval): F64Interval {
  if (!(a.lo >= 0)) throw new RangeError(`f64Interval: sqrt of [${a.lo}, ${a.hi}] (negative lower end)`);
  return { lo: sqrtLo(a.lo), hi: sqrtHi(a.hi) };
}

/** The smallest interval containing both (exact: no arithmetic). */
export function fHull(a: F64Interval, b: F64Interval): F64Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** Whether x (a number, or every point of an interval) lies in a. Exact comparison. */
export function fContains(a: F64Interval, x: number | F64Interval): boolean {
  if (typeof x === 'number') return a.lo <= x && x <= a.hi;
  return a.lo <= x.lo && x.hi <= a.hi;
}

// ---------------------------------------------------------------------------------------------
// Array kernel.

/**
 * Interval dot product Σ_i [a_i]·[b_i] of interval vectors of length `len`, stored as separate
 * lo/hi arrays read from offsets aOff and bOff; writes out[outIndex] = lower end and
 * out[outIndex + 1] = upper end. Allocation-free.
 * Guarantee: for every choice of reals x_i ∈ [a_i], y_i ∈ [b_i], lo ≤ Σ x_i y_i ≤ hi: each
 * product interval is rounded outward (mulLo/mulHi inlined) and every partial sum is rounded
 * outward (addLo/addHi inlined), so each step bounds the exact partial sum; any NaN makes the
 * result the whole line.
 */
export function dotIntervalInto(
  aLo: Float64Array,
  aHi: Float64Array,
  aOff: number,
  bLo: Float64Array,
  bHi: Float64Array,
  bOff: number,
  len: number,
  out: Float64Array,
  outIndex: number,
): void {
  let sLo = 0;
  let sHi = 0;
  for (let i = 0; i < len; i++) {
    const al = aLo[aOff + i]!;
    const ah = aHi[aOff + i]!;
    const bl = bLo[bOff + i]!;
    const bh = bHi[bOff + i]!;
    const p1 = al * bl;
    const p2 = al * bh;
    const p3 = ah * bl;
    const p4 = ah * bh;
    let pMin = p1 < p2 ? p1 : p2;
    let pMax = p1 < p2 ? p2 : p1;
    if (p3 < pMin) pMin = p3;
    if (p3 > pMax) pMax = p3;
    if (p4 < pMin) pMin = p4;
    if (p4 > pMax) pMax = p4;
    // A NaN product fails every comparison above; p1..p4 are checked jointly here.
    if (p1 !== p1 || p2 !== p2 || p3 !== p3 || p4 !== p4) {
      out[outIndex] = -Infinity;
      out[outIndex + 1] = Infinity;
      return;
    }
    sLo = nextDown(sLo + nextDown(pMin));
    sHi = nextUp(sHi + nextUp(pMax));
  }
  // −∞ + +∞ along the way leaves NaN, which again means "no information".
  out[outIndex] = sLo !== sLo ? -Infinity : sLo;
  out[outIndex + 1] = sHi !== sHi ? Infinity : sHi;
}

// ---------------------------------------------------------------------------------------------
// Conversions to and from exact decimals.

/** The largest double ≤ v (v a finite or infinite decimal, not NaN). */
function doubleBelow(v: Decimal): number {
  if (v.isNaN()) throw new RangeError('fromDecimalInterval: NaN end');
  if (!v.isFinite()) {
    if (v.isNegative()) return -Infinity;
    return Number.MAX_VALUE; // +∞ is not a real number; MAX_VALUE is below every real ≥ it
  }
  let d = Number(v.toString()); // a guess; corrected below by exact comparison
  if (d === Infinity) d = Number.MAX_VALUE;
  // Step down while d > v exactly.
  while (d !== -Infinity && v.cmp(exactDecimalOfDouble(d)) < 0) d = nextDown(d);
  // Step up while the next double is still ≤ v (so d is the largest such double).
  for (;;) {
    const up = nextUp(d);
    if (up === Infinity || v.cmp(exactDecimalOfDouble(up)) < 0) break;
    d = up;
  }
  return d;
}

/** The smallest double ≥ v. */
function doubleAbove(v: Decimal): number {
  return -doubleBelow(v.negated());
}

/**
 * The smallest double interval enclosing the decimal interval [x.lo, x.hi]: lo is the largest
 * double ≤ x.lo and hi the smallest double ≥ x.hi, found by exact comparison of the decimal
 * with the exact decimal values of candidate doubles (Number(string) is only a first guess).
 * Ends beyond ±MAX_VALUE become ±∞.
 */
export function fromDecimalInterval(x: { lo: Decimal; hi: Decimal }): F64Interval {
  const lo = doubleBelow(x.lo);
  const hi = doubleAbove(x.hi);
  // −0 and +0 denote the same real; keep +0 for a zero lower end of a nonnegative interval.
  return { lo: lo === 0 ? 0 : lo, hi: hi === 0 ? 0 : hi };
}

/**
 * A vector of decimal intervals as two double arrays, each entry the smallest enclosing double
 * interval (fromDecimalInterval; exact zeros short-cut). Guarantee: lo[p] ≤ x ≤ hi[p] for every
 * real x in xs[p].
 */
export function fromDecimalIntervals(xs: readonly { lo: Decimal; hi: Decimal }[]): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(xs.length);
  const hi = new Float64Array(xs.length);
  xs.forEach((x, p) => {
    if (x.lo.isZero() && x.hi.isZero()) return;
    const y = fromDecimalInterval(x);
    lo[p] = y.lo;
    hi[p] = y.hi;
  });
  return { lo, hi };
}

/**
 * The smallest double ≥ the exact value of the decimal string or Decimal x (exact comparison, see
 * fromDecimalInterval). Used wherever a decimal bound enters Float64 code on the safe side, e.g. a
 * proved μ passed to a Float64 positive-definiteness engine.
 */
export function doubleAtLeast(x: Decimal): number {
  return fromDecimalInterval({ lo: x, hi: x }).hi;
}

/** The exact decimal values of two finite doubles (RangeError for ±∞ or NaN). */
export function toDecimalPair(lo: number, hi: number): [string, string] {
  return [exactDecimalOfDouble(lo), exactDecimalOfDouble(hi)];
}
