/**
 * Rigorous enclosures of π, atan, acos, asin (from +, −, ×, ÷ and √ of decimal.js under directed
 * rounding, with explicit series remainder bounds — DESIGN.md §4), and of exp, ln (decimal.js's
 * exp/ln in the Down/Up clones, widened by one unit in the last place).
 *
 * Method.
 *  - atan(y) for |y| < 1 small: the alternating series Σ (−1)^k y^(2k+1)/(2k+1). Its terms
 *    decrease, so the sum lies between consecutive partial sums: the first omitted term bounds
 *    the remainder (with the sign it carries).
 *  - atan(t), t ∈ [0, 1]: table reduction atan(t) = atan(c) + atan((t − c)/(1 + t·c)) with
 *    c = j/2^K the nearest table point (|y| ≤ 2^−(K+1)); the table entries atan(j/2^K) are
 *    computed once per precision by the half-angle reduction on the cotangent,
 *    acot(u) = 2·acot(u + √(u² + 1)) (increasing in u at every occurrence), applied until
 *    u ≥ 2^REDUCTION_BITS, then the series at 1/u.
 *  - atan(x) = π/2 − atan(1/x) for x > 1; atan(−x) = −atan(x).
 *  - acos(c) = 2·atan(√((1−c)/(1+c))) (half-angle; tight near ±1; every occurrence of c moves the
 *    value the same way, so interval evaluation does not widen), and for c < 0 the equivalent
 *    π − 2·atan(√((1+c)/(1−c))). This is the same function as π/2 − atan(c/√(1−c²)).
 *  - asin(x) = atan(x/√((1−x)(1+x))) (= π/2 − acos(x), but tight for small x).
 *  - π = 16·atan(1/5) − 4·atan(1/239) (Machin), cached per precision.
 * Internally GUARD_DIGITS extra digits are carried; the result is rounded outward at the end.
 * Monotone functions of wide intervals are evaluated at the two end points separately.
 *
 * Achieved tightness (tested in test/arith/decimalElementary.test.ts): π is the pair of p-digit
 * neighbours of π (1 unit in the last place); atan, acos, asin of a point argument are at most
 * 2 units in the last place wide at the target precision; for a narrow interval argument at most
 * 1% wider than the exact image plus 2 units.
 */
import { Decimal } from 'decimal.js';
import {
  arithmeticAtPrecision,
  DecimalInterval,
  type DecimalIntervalArithmetic,
} from './decimalInterval.js';

const GUARD_DIGITS = 10;

/** The series is used for y = 1/u ≤ 2^−REDUCTION_BITS(p) (more halvings at high precision). */
function reductionBits(precision: number): number {
  return Math.max(2, Math.min(40, Math.round(Math.sqrt(precision) * 0.7)));
}

interface Tables {
  /** Bounds of 1/(2k+1), grown on demand. */
  invLo: Decimal[];
  invHi: Decimal[];
  /** 2^REDUCTION_BITS, the reduction target for u. */
  target: Decimal;
  one: Decimal;
}

const tablesByPrecision = new Map<number, Tables>();

function tables(W: DecimalIntervalArithmetic): Tables {
  let t = tablesByPrecision.get(W.precision);
  if (t === undefined) {
    t = {
      invLo: [new W.Down(1)],
      invHi: [new W.Up(1)],
      target: new W.Down(2 ** reductionBits(W.precision)),
      one: new W.Down(1),
    };
    tablesByPrecision.set(W.precision, t);
  }
  return t;
}

function guardArithmetic(A: DecimalIntervalArithmetic): DecimalIntervalArithmetic {
  return arithmeticAtPrecision(A.precision + GUARD_DIGITS);
}

/** Bounds [lo, hi] of a real quantity, as plain Decimals (internal, avoids allocation churn). */
type Bounds = [lo: Decimal, hi: Decimal];

/** Bounds of 1/(2k+1) (grown on demand). */
function inverseOdd(W: DecimalIntervalArithmetic, T: Tables, k: number): void {
  for (let i = T.invLo.length; i <= k; i++) {
    T.invLo.push(W.Down.div(1, 2 * i + 1));
    T.invHi.push(W.Up.div(1, 2 * i + 1));
  }
}

/** An upper bound of x^n for x ≥ 0 (square-and-multiply, every product rounded up). */
function powUp(W: DecimalIntervalArithmetic, x: Decimal, n: number): Decimal {
  let result: Decimal = new W.Up(1);
  let base = x;
  for (let m = n; m > 0; m >>= 1) {
    if (m & 1) result = W.mulUp(result, base);
    if (m > 1) base = W.mulUp(base, base);
  }
  return result;
}

/**
 * Bounds of atan(y) over y ∈ [ylo, yhi] with 0 ≤ ylo ≤ yhi < 1/2.
 * atan(y) = Σ_k (−1)^k y^(2k+1)/(2k+1); the terms decrease (y < 1), so after the terms 0..N−1
 * the remainder lies between 0 and (−1)^N·y^(2N+1)/(2N+1), bounded by yhi^(2N+1)/(2N+1) rounded
 * up. The partial sum y·P(z), z = y², P(z) = Σ_{k<N} (−1)^k z^k/(2k+1), is evaluated by Horner,
 * P ← 1/(2k+1) − z·P, in intervals: every intermediate P lies in (0, 1] because
 * z·(upper bound of the next P) < 1/4·1/(2k+3)·(1 + tiny) < 1/(2k+1), so z·P is bounded by the
 * products of like ends. N is chosen (in floating point) so the remainder is below 10^−(p+1)·y;
 * the choice only affects tightness, the bound is rigorous whatever N is.
 */
function atanSeries(W: DecimalIntervalArithmetic, ylo: Decimal, yhi: Decimal): Bounds {
  if (!yhi.lt(0.5) || (ylo.s < 0 && !ylo.isZero())) {
    throw new Error(`internal: atan series needs 0 ≤ y < 1/2, got [${ylo}, ${yhi}]`);
  }
  if (yhi.isZero()) return [new W.Down(0), new W.Up(0)];
  const T = tables(W);
  const log10y = yhi.e > -300 ? Math.log10(yhi.toNumber()) : yhi.e + 1;
  const N = Math.max(1, Math.ceil((W.precision + 1) / (-2 * log10y)));
  inverseOdd(W, T, N);
  const zlo = W.mulDown(ylo, ylo);
  const zhi = W.mulUp(yhi, yhi);
  let plo = T.invLo[N - 1]!;
  let phi = T.invHi[N - 1]!;
  for (let k = N - 2; k >= 0; k--) {
    const nlo = W.subDown(T.invLo[k]!, W.mulUp(zhi, phi));
    phi = W.subUp(T.invHi[k]!, W.mulDown(zlo, plo));
    plo = nlo;
  }
  let slo = W.mulDown(ylo, plo);
  let shi = W.mulUp(yhi, phi);
  // remainder after N terms: in [0, t_N] for even N, in [−t_N, 0] for odd N
  const tN = W.mulUp(W.mulUp(powUp(W, zhi, N), yhi), T.invHi[N]!);
  if (N % 2 === 1) slo = W.subDown(slo, tN);
  else shi = W.addUp(shi, tN);
  return [slo, shi];
}

/**
 * Bounds of acot(u) = atan(1/u) over u ∈ [ulo, uhi], 0 < ulo (acot is decreasing, so the lower
 * bound comes from uhi and the upper from ulo). Half-angle steps u ↦ u + √(u²+1) (increasing in u),
 * r times, then acot(u) = 2^r·atan(1/u_r).
 */
function acotBounds(W: DecimalIntervalArithmetic, ulo: Decimal, uhi: Decimal): Bounds {
  const T = tables(W);
  if (uhi.lt(T.one)) {
    // acot(u) = π/2 − acot(1/u) for u > 0
    const [alo, ahi] = acotBounds(W, W.divDown(T.one, uhi), W.divUp(T.one, ulo));
    const hp = halfPi(W);
    return [W.subDown(hp.lo, ahi), W.subUp(hp.hi, alo)];
  }
  let lo = ulo;
  let hi = uhi;
  let r = 0;
  while (lo.lt(T.target)) {
    lo = W.addDown(lo, W.sqrtDown(W.addDown(W.mulDown(lo, lo), T.one)));
    hi = W.addUp(hi, W.sqrtUp(W.addUp(W.mulUp(hi, hi), T.one)));
    r++;
  }
  // atan(1/u) is decreasing in u: lower bound from the largest u, upper from the smallest
  const [slo, shi] = atanSeries(W, W.divDown(T.one, hi), W.divUp(T.one, lo));
  if (r === 0) return [slo, shi];
  const scale = new W.Down(2 ** r);
  return [W.mulDown(slo, scale), W.mulUp(shi, scale)];
}

const piByPrecision = new Map<number, DecimalInterval>();
const halfPiByPrecision = new Map<number, DecimalInterval>();

/** π ∈ result: Machin, π = 16·atan(1/5) − 4·atan(1/239), both series with bounded remainders. */
export function piEnclosure(A: DecimalIntervalArithmetic): DecimalInterval {
  let pi = piByPrecision.get(A.precision);
  if (pi === undefined) {
    const W = guardArithmetic(A);
    const one = tables(W).one;
    const fifth = new W.Down('0.2');
    const m239 = new W.Down(239);
    const [aLo, aHi] = atanSeries(W, fifth, fifth);
    const [bLo, bHi] = atanSeries(W, W.divDown(one, m239), W.divUp(one, m239));
    const lo = W.subDown(W.mulDown(aLo, new W.Down(16)), W.mulUp(bHi, new W.Up(4)));
    const hi = W.subUp(W.mulUp(aHi, new W.Up(16)), W.mulDown(bLo, new W.Down(4)));
    pi = A.roundOut(new DecimalInterval(lo, hi));
    piByPrecision.set(A.precision, pi);
  }
  return pi;
}

/** π/2 ∈ result. */
function halfPi(A: DecimalIntervalArithmetic): DecimalInterval {
  let h = halfPiByPrecision.get(A.precision);
  if (h === undefined) {
    const pi = piEnclosure(A);
    h = new DecimalInterval(A.divDown(pi.lo, new A.Down(2)), A.divUp(pi.hi, new A.Up(2)));
    halfPiByPrecision.set(A.precision, h);
  }
  return h;
}

// ---- atan by table reduction -----------------------------------------------------------------

/** atan(t) for t ∈ [0, 1] is reduced with a table of atan(j/2^K): |t − j/2^K| ≤ 2^−(K+1). */
function tableBits(precision: number): number {
  return precision <= 60 ? 6 : precision <= 150 ? 7 : 8;
}

interface AtanTable {
  scale: number; // 2^K
  c: Decimal[]; // c_j = j/2^K (exact)
  atanLo: (Decimal | undefined)[]; // bounds of atan(c_j), filled on demand
  atanHi: (Decimal | undefined)[];
}

const atanTables = new Map<number, AtanTable>();

function atanTable(W: DecimalIntervalArithmetic): AtanTable {
  let t = atanTables.get(W.precision);
  if (t === undefined) {
    const scale = 2 ** tableBits(W.precision);
    const c: Decimal[] = [];
    for (let j = 0; j <= scale; j++) c.push(new W.Down(j).div(scale)); // j/2^K has ≤ K+3 digits: exact
    t = { scale, c, atanLo: [], atanHi: [] };
    atanTables.set(W.precision, t);
  }
  return t;
}

/** Bounds of atan(c_j), computed once per precision by the half-angle reduction. */
function tableEntry(W: DecimalIntervalArithmetic, t: AtanTable, j: number): Bounds {
  let lo = t.atanLo[j];
  let hi = t.atanHi[j];
  if (lo === undefined || hi === undefined) {
    if (j === 0) {
      lo = new W.Down(0);
      hi = new W.Up(0);
    } else {
      // atan(c) = acot(1/c), c ∈ (0, 1]
      const one = tables(W).one;
      const c = t.c[j]!;
      [lo, hi] = acotBounds(W, W.divDown(one, c), W.divUp(one, c));
    }
    t.atanLo[j] = lo;
    t.atanHi[j] = hi;
  }
  return [lo, hi];
}

/** Bounds of atan over [ylo, yhi], |y| < 1, any signs (atan is odd and increasing). */
function atanSeriesSigned(W: DecimalIntervalArithmetic, ylo: Decimal, yhi: Decimal): Bounds {
  if (ylo.s > 0 || ylo.isZero()) return atanSeries(W, ylo, yhi);
  if (yhi.s < 0 || yhi.isZero()) {
    const [lo, hi] = atanSeries(W, yhi.neg(), ylo.neg());
    return [hi.neg(), lo.neg()];
  }
  return [atanSeries(W, ylo.neg(), ylo.neg())[1].neg(), atanSeries(W, yhi, yhi)[1]];
}

/** A lower (up = false) or upper bound of (t − c)/(1 + t·c) for t, c ≥ 0. */
function reducedArgument(W: DecimalIntervalArithmetic, t: Decimal, c: Decimal, up: boolean): Decimal {
  const one = tables(W).one;
  const n = up ? W.subUp(t, c) : W.subDown(t, c);
  // a lower bound of n/d needs d rounded up when n ≥ 0 and rounded down when n < 0 (and vice versa)
  const nonNegative = n.s > 0 || n.isZero();
  const d = up === nonNegative ? W.addDown(one, W.mulDown(t, c)) : W.addUp(one, W.mulUp(t, c));
  return up ? W.divUp(n, d) : W.divDown(n, d);
}

/**
 * Bounds of atan over [tlo, thi] ⊆ [0, 1], one pass (valid for any such interval; tight when
 * narrow). With c = j/2^K the nearest table point, atan(t) = atan(c) + atan((t − c)/(1 + t·c))
 * (valid for t·c > −1), and |(t − c)/(1 + t·c)| ≤ |t − c| is small, so the series converges fast.
 */
function atanUnit(W: DecimalIntervalArithmetic, tlo: Decimal, thi: Decimal): Bounds {
  const T = atanTable(W);
  const j = Math.min(T.scale, Math.max(0, Math.round(thi.toNumber() * T.scale)));
  const c = T.c[j]!;
  const [alo, ahi] = tableEntry(W, T, j);
  if (j === 0) {
    const [slo, shi] = atanSeriesSigned(W, tlo, thi);
    return [slo, shi];
  }
  // y(t) = (t − c)/(1 + t·c) is increasing in t, so y over [tlo, thi] is [y(tlo), y(thi)];
  // each end is evaluated at its own t with the rounding directions its sign requires.
  const ylo = reducedArgument(W, tlo, c, false);
  const yhi = reducedArgument(W, thi, c, true);
  const [slo, shi] = atanSeriesSigned(W, ylo, yhi);
  return [W.addDown(alo, slo), W.addUp(ahi, shi)];
}

/** Bounds of atan over [xlo, xhi] with 0 < xlo ≤ xhi, one pass. */
function atanPositive(W: DecimalIntervalArithmetic, xlo: Decimal, xhi: Decimal): Bounds {
  const one = tables(W).one;
  if (xhi.lte(one)) return atanUnit(W, xlo, xhi);
  if (xlo.gte(one)) {
    // atan(x) = π/2 − atan(1/x), 1/x ∈ (0, 1], decreasing in x
    const [alo, ahi] = atanUnit(W, W.divDown(one, xhi), W.divUp(one, xlo));
    const hp = halfPi(W);
    return [W.subDown(hp.lo, ahi), W.subUp(hp.hi, alo)];
  }
  // straddles 1: ends separately (atan increasing)
  return [atanUnit(W, xlo, xlo)[0], atanPositive(W, xhi, xhi)[1]];
}

/** Bounds of atan over [xlo, xhi], any signs, one pass (atan is odd). */
function atanBounds(W: DecimalIntervalArithmetic, xlo: Decimal, xhi: Decimal): Bounds {
  if (xlo.s > 0 && !xlo.isZero()) return atanPositive(W, xlo, xhi);
  if (xhi.s < 0 && !xhi.isZero()) {
    const [lo, hi] = atanPositive(W, xhi.neg(), xlo.neg());
    return [hi.neg(), lo.neg()];
  }
  if (xlo.isZero() && xhi.isZero()) return [new W.Down(0), new W.Up(0)];
  // contains 0: atan(xlo) ≤ atan ≤ atan(xhi) at the (separately evaluated) end points
  const lo = xlo.isZero() ? new W.Down(0) : atanBounds(W, xlo, xlo)[0];
  const hi = xhi.isZero() ? new W.Up(0) : atanBounds(W, xhi, xhi)[1];
  return [lo, hi];
}

/**
 * Whether [lo, hi] is narrow enough (relative width ≤ 1e-6) for a single interval evaluation to be
 * as tight as evaluating the two ends separately. Only affects tightness, never validity.
 */
function narrow(lo: Decimal, hi: Decimal): boolean {
  if (lo.eq(hi)) return true;
  return hi.minus(lo).abs().times(1e6).lte(lo.abs());
}

/** atan over [xlo, xhi]: one pass if narrow, else at the two ends (atan is increasing). */
function atanMonotone(W: DecimalIntervalArithmetic, xlo: Decimal, xhi: Decimal): Bounds {
  if (narrow(xlo, xhi)) return atanBounds(W, xlo, xhi);
  return [atanBounds(W, xlo, xlo)[0], atanBounds(W, xhi, xhi)[1]];
}

/** atan(x) for every x ∈ X lies in the result. */
export function atanEnclosure(A: DecimalIntervalArithmetic, x: DecimalInterval): DecimalInterval {
  const W = guardArithmetic(A);
  const [lo, hi] = atanMonotone(W, x.lo, x.hi);
  return A.roundOut(new DecimalInterval(lo, hi));
}

function checkUnitDomain(name: string, x: DecimalInterval): void {
  if (x.lo.lt(-1) || x.hi.gt(1)) {
    throw new RangeError(`${name}: argument ${x.toString()} is not inside [-1, 1]`);
  }
}

/**
 * Bounds [l, h] of √r over r ∈ [rlo, rhi], 0 ≤ rlo ≤ rhi. With s ≥ √rlo from Newton (see
 * sqrtUpNewton): l = rlo/s ≤ √rlo. For a relatively narrow [rlo, rhi] (d = (rhi − rlo)/rlo
 * ≤ 1e-8), h = s + s·(rhi − rlo)/(2·rlo) ≥ √rlo·(1 + d/2) ≥ √rhi since √(1 + d) ≤ 1 + d/2
 * (over-estimating by a fraction d/4 of the width only); otherwise h is a Newton bound of √rhi.
 */
function sqrtBounds(W: DecimalIntervalArithmetic, rlo: Decimal, rhi: Decimal): Bounds {
  if (rlo.isZero()) return [new W.Down(0), W.sqrtUpNewton(rhi)];
  const s = W.sqrtUpNewton(rlo);
  const lo = W.divDown(rlo, s);
  if (rhi.eq(rlo)) return [lo, s];
  const spread = W.subUp(rhi, rlo);
  if (spread.times(1e8).gt(rlo)) return [lo, W.sqrtUpNewton(rhi)];
  const excess = W.divUp(W.mulUp(s, spread), W.addDown(rlo, rlo));
  return [lo, W.addUp(s, excess)];
}

/**
 * Bounds of acos over [clo, chi] ⊂ (−1, 1), one pass (valid for any such interval), by the
 * half-angle form acos(c) = 2·atan(√((1−c)/(1+c))):
 *  c ≥ 0: 2·atan(t), t = √((1−c)/(1+c)) ∈ (0, 1], decreasing in c at every occurrence;
 *  c < 0: π − 2·atan(t), t = √((1+c)/(1−c)) ∈ (0, 1), increasing in c at every occurrence.
 */
function acosInterior(W: DecimalIntervalArithmetic, clo: Decimal, chi: Decimal): Bounds {
  const one = tables(W).one;
  if (clo.s > 0 || clo.isZero()) {
    const [tlo, thi] = sqrtBounds(
      W,
      W.divDown(W.subDown(one, chi), W.addUp(one, chi)),
      W.divUp(W.subUp(one, clo), W.addDown(one, clo)),
    );
    const [alo, ahi] = atanUnit(W, tlo, thi);
    return [W.addDown(alo, alo), W.addUp(ahi, ahi)];
  }
  if (chi.s < 0 && !chi.isZero()) {
    const [tlo, thi] = sqrtBounds(
      W,
      W.divDown(W.addDown(one, clo), W.subUp(one, clo)),
      W.divUp(W.addUp(one, chi), W.subDown(one, chi)),
    );
    const [alo, ahi] = atanUnit(W, tlo, thi);
    const pi = piEnclosure(W);
    return [W.subDown(pi.lo, W.addUp(ahi, ahi)), W.subUp(pi.hi, W.addDown(alo, alo))];
  }
  // straddles 0: ends separately (acos decreasing)
  return [acosInterior(W, chi, chi)[0], acosInterior(W, clo, clo)[1]];
}

/** Bounds of acos at one point c ∈ [−1, 1] (exact at ±1: acos(1) = 0, acos(−1) = π). */
function acosPoint(W: DecimalIntervalArithmetic, c: Decimal): Bounds {
  if (c.eq(1)) return [new W.Down(0), new W.Up(0)];
  if (c.eq(-1)) {
    const pi = piEnclosure(W);
    return [pi.lo, pi.hi];
  }
  return acosInterior(W, c, c);
}

/**
 * acos(c) for every c ∈ C lies in the result. acos is decreasing, so for a wide C the lower bound
 * is taken at C.hi and the upper at C.lo. RangeError unless C ⊆ [−1, 1].
 */
export function acosEnclosure(A: DecimalIntervalArithmetic, c: DecimalInterval): DecimalInterval {
  checkUnitDomain('acos', c);
  const W = guardArithmetic(A);
  const { lo, hi } = c;
  let b: Bounds;
  if (lo.gt(-1) && hi.lt(1) && narrow(lo, hi)) b = acosInterior(W, lo, hi);
  else b = [acosPoint(W, hi)[0], acosPoint(W, lo)[1]];
  return A.roundOut(new DecimalInterval(b[0], b[1]));
}

/**
 * Bounds of asin over [xlo, xhi] ⊂ (0, 1), one pass: with v = √((1−x)(1+x)) (decreasing in x;
 * both factors are taken at the same end, so there is no dependency widening),
 * asin(x) = atan(x/v) when x ≤ v, and π/2 − atan(v/x) when x ≥ v (x/v and v/x are monotone in x).
 */
function asinPositive(W: DecimalIntervalArithmetic, xlo: Decimal, xhi: Decimal): Bounds {
  const one = tables(W).one;
  const [vlo, vhi] = sqrtBounds(
    W,
    W.mulDown(W.subDown(one, xhi), W.addDown(one, xhi)),
    W.mulUp(W.subUp(one, xlo), W.addUp(one, xlo)),
  );
  if (xhi.lte(vlo)) return atanUnit(W, W.divDown(xlo, vhi), W.divUp(xhi, vlo));
  if (xlo.gte(vhi)) {
    const [alo, ahi] = atanUnit(W, W.divDown(vlo, xhi), W.divUp(vhi, xlo));
    const hp = halfPi(W);
    return [W.subDown(hp.lo, ahi), W.subUp(hp.hi, alo)];
  }
  // x ≈ v ≈ 1/√2: asin(x) = atan(x/v) with x/v near 1 (atanPositive handles either side of 1)
  return atanPositive(W, W.divDown(xlo, vhi), W.divUp(xhi, vlo));
}

/** Bounds of asin at one point x ∈ [−1, 1] (asin(±1) = ±π/2, asin(0) = 0, odd). */
function asinPoint(W: DecimalIntervalArithmetic, x: Decimal): Bounds {
  if (x.isZero()) return [new W.Down(0), new W.Up(0)];
  const ax = x.abs();
  let b: Bounds;
  if (ax.eq(1)) {
    const hp = halfPi(W);
    b = [hp.lo, hp.hi];
  } else b = asinPositive(W, ax, ax);
  return x.s > 0 ? b : [b[1].neg(), b[0].neg()];
}

/** asin(x) for every x ∈ X lies in the result (asin increasing). RangeError unless X ⊆ [−1, 1]. */
export function asinEnclosure(A: DecimalIntervalArithmetic, x: DecimalInterval): DecimalInterval {
  checkUnitDomain('asin', x);
  const W = guardArithmetic(A);
  const { lo, hi } = x;
  let b: Bounds;
  const inside = lo.gt(-1) && hi.lt(1) && narrow(lo, hi);
  if (inside && lo.s > 0 && !lo.isZero()) b = asinPositive(W, lo, hi);
  else if (inside && hi.s < 0 && !hi.isZero()) {
    const [l, h] = asinPositive(W, hi.neg(), lo.neg());
    b = [h.neg(), l.neg()];
  } else b = [asinPoint(W, lo)[0], asinPoint(W, hi)[1]];
  return A.roundOut(new DecimalInterval(b[0], b[1]));
}

// ---- exp, ln --------------------------------------------------------------------------------

/** |x| beyond this would leave decimal.js's exponent range (10^±9e15) for exp. */
const EXP_ARGUMENT_LIMIT = new Decimal('1e15');

/**
 * exp(x) for every x ∈ X lies in the result. decimal.js documents exp as correctly rounded in the
 * clone's rounding mode; its known failure mode is a misrounding by one unit at a rounding boundary
 * (github.com/MikeMcl/decimal.js/pull/261), so each end is moved one more unit outward.
 */
export function expEnclosure(A: DecimalIntervalArithmetic, x: DecimalInterval): DecimalInterval {
  if (x.lo.abs().gt(EXP_ARGUMENT_LIMIT) || x.hi.abs().gt(EXP_ARGUMENT_LIMIT)) {
    throw new RangeError(`exp: argument ${x.toString()} outside the supported range [-1e15, 1e15]`);
  }
  return new DecimalInterval(expBound(A, x.lo, false), expBound(A, x.hi, true));
}

function expBound(A: DecimalIntervalArithmetic, v: Decimal, up: boolean): Decimal {
  if (v.isZero()) return up ? new A.Up(1) : new A.Down(1);
  const r = up ? A.Up.exp(v) : A.Down.exp(v);
  return up ? A.addUp(r, A.ulp(r)) : A.subDown(r, A.ulp(r));
}

/** ln(x) for every x ∈ X lies in the result (one extra unit outward, as for exp). X.lo > 0. */
export function lnEnclosure(A: DecimalIntervalArithmetic, x: DecimalInterval): DecimalInterval {
  if (!(x.lo.s > 0 && !x.lo.isZero())) {
    throw new RangeError(`ln: argument ${x.toString()} is not positive`);
  }
  return new DecimalInterval(lnBound(A, x.lo, false), lnBound(A, x.hi, true));
}

function lnBound(A: DecimalIntervalArithmetic, v: Decimal, up: boolean): Decimal {
  if (v.eq(1)) return up ? new A.Up(0) : new A.Down(0);
  const r = up ? A.Up.ln(v) : A.Down.ln(v);
  if (r.isZero()) throw new Error(`internal: ln(${v.toString()}) returned 0`);
  return up ? A.addUp(r, A.ulp(r)) : A.subDown(r, A.ulp(r));
}
