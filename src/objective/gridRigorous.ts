/**
 * Rigorous enclosures of the finite-data loss L and its gradient (gridData.ts, DESIGN.md §7) at a
 * point given by exact decimal strings:
 *   r_p = Σ_i a_i σ(z_ip) − y_p,   L = (1/(2P)) Σ_p r_p²,
 *   ∂L/∂a_i = (1/P) Σ_p r_p σ(z_ip),   ∂L/∂w_ic = (a_i/P) Σ_p r_p σ′(z_ip) x_pc.
 * Teacher labels y_p are enclosed by the same code applied to the teacher network.
 *
 * Arithmetic: fixed-point intervals on BigInt (src/arith/fixedInterval.ts) with about
 * `ar.precision` + 14 decimal places (an exact decimal scale) (every sum exact, every product and quotient
 * rounded outward), the results returned as decimal intervals rounded outward to `ar.precision`.
 *
 * Sigmoid (never Math.exp): σ(z) = 1/(1 + E), 1 − σ(z) = E/(1 + E), σ′ = σ(1 − σ), with
 * E = e^(−z) = Π_c e^(−w_c x_pc). Each factor depends only on which value x_pc takes; the factors
 * are decimal.js exp enclosures (`ar.exp`: correctly rounded exp under directed rounding, one
 * more unit outward) converted outward to fixed point. On a lattice coordinate (x = step·k,
 * gridData.ts) they are powers e^(−w·step·k) = (e^(−w·step))^k, enclosed by repeated interval
 * multiplication from the entry nearest k = 0 (a product of intervals contains the product of any
 * members, so the k-th power of an enclosure of e^(−w·step) encloses e^(−w·step·k)).
 * E ↦ 1/(1+E) is decreasing and E ↦ E/(1+E) increasing on E > 0, so their enclosures are the
 * images of E's ends, rounded outward.
 * ReLU: z_ip is enclosed by an interval dot product (exact when the data and weights are dyadic,
 * e.g. on the default grid); relu is increasing; relu′ = 1 when z > 0, 0 when z < 0, and where
 * the argument is not proved nonzero the gradient refuses with KinkCrossingError, unless the term
 * vanishes identically (a_i = 0 exactly, or x_p = 0, where a_i relu(w_iᵀx_p) is constant in w_i).
 *
 * Guarantee of every function here: each returned interval contains the exact value, because every
 * step is an interval extension (outward-rounded fixed-point +, −, ×, ÷ and exp enclosures) of an
 * identity for that value.
 */
import {
  DecimalInterval,
  exactDecimal,
  type DecimalIntervalArithmetic,
} from '../arith/decimalInterval.js';
import { FixedArithmetic, ceilDiv, floorDiv, type FixedInterval } from '../arith/fixedInterval.js';
import { KinkCrossingError } from './gridDomainError.js';
import {
  type CoordinateTable,
  type FiniteDataPoint,
  type FiniteDataProblem,
  aIndex,
  coordinateTables,
  mirrorPairs,
  validatePoint,
  validateProblem,
  wIndex,
} from './gridData.js';

/** Decimal digits after the point carried by the fixed-point arithmetic beyond ar.precision. */
const GUARD_DIGITS = 6;

const fixedByPrecision = new Map<number, FixedArithmetic>();

/** The fixed-point arithmetic used at decimal precision P. */
export function fixedArithmeticFor(precision: number): FixedArithmetic {
  let fa = fixedByPrecision.get(precision);
  if (!fa) {
    fa = FixedArithmetic.forDigits(precision + GUARD_DIGITS);
    fixedByPrecision.set(precision, fa);
  }
  return fa;
}

interface ProblemCache {
  tables: CoordinateTable[];
  /** x_p is exactly 0 (every coordinate). */
  zeroPoint: Uint8Array;
  /** Mirror pairs (x_p̄ = −x_p) and the other points (gridData.ts mirrorPairs). */
  pairs: Int32Array;
  singles: Int32Array;
  /** Per fixed-point arithmetic (keyed by its decimal places): data points (P·d), table values per coordinate, labels (P). */
  x: Map<number, FixedInterval[]>;
  values: Map<number, FixedInterval[][]>;
  labels: Map<number, FixedInterval[]>;
  /** Label enclosures as decimal intervals, per decimal precision. */
  decimalLabels: Map<number, DecimalInterval[]>;
}

const caches = new WeakMap<FiniteDataProblem, ProblemCache>();

function cacheOf(problem: FiniteDataProblem): ProblemCache {
  let c = caches.get(problem);
  if (!c) {
    validateProblem(problem);
    c = {
      tables: coordinateTables(problem.data),
      zeroPoint: Uint8Array.from(problem.data.X, (row) => (row.every((s) => exactDecimal(s).isZero()) ? 1 : 0)),
      ...mirrorPairs(problem.data.X),
      x: new Map(),
      values: new Map(),
      labels: new Map(),
      decimalLabels: new Map(),
    };
    caches.set(problem, c);
  }
  return c;
}

function dataIntervals(fa: FixedArithmetic, problem: FiniteDataProblem): FixedInterval[] {
  const c = cacheOf(problem);
  let x = c.x.get(fa.places);
  if (!x) {
    x = [];
    for (const row of problem.data.X) for (const s of row) x.push(fa.point(s));
    c.x.set(fa.places, x);
  }
  return x;
}

function tableValues(fa: FixedArithmetic, problem: FiniteDataProblem): FixedInterval[][] {
  const c = cacheOf(problem);
  let v = c.values.get(fa.places);
  if (!v) {
    v = c.tables.map((t) => t.values.map((s) => fa.point(s)));
    c.values.set(fa.places, v);
  }
  return v;
}

/** Enclosures of σ(z_ip) (and σ′(z_ip), null where ReLU's argument is not proved nonzero), p-major (p·n + i). */
interface Activations {
  S: FixedInterval[];
  D: (FixedInterval | null)[];
  /** ReLU only: the argument enclosures (for error messages). */
  Z?: FixedInterval[];
}

/** Enclosures of e^(−w·v_j) for every entry v_j of one coordinate's table (w exact). */
function expTable(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, w: string, table: CoordinateTable): FixedInterval[] {
  const out = new Array<FixedInterval>(table.values.length);
  const wi = ar.point(w);
  const expOf = (v: DecimalInterval): FixedInterval => fa.fromDecimalInterval(ar.exp(v));
  if (!table.lattice) {
    table.values.forEach((v, j) => (out[j] = expOf(ar.neg(ar.mul(wi, ar.point(v))))));
    return out;
  }
  const step = ar.point(table.lattice.step);
  const kMin = table.lattice.kMin;
  const anchor = Math.min(Math.max(-kMin, 0), out.length - 1);
  const kAnchor = kMin + anchor;
  out[anchor] = kAnchor === 0 ? fa.integer(1) : expOf(ar.neg(ar.mul(wi, ar.mul(step, ar.point(kAnchor)))));
  const up = expOf(ar.neg(ar.mul(wi, step)));
  // e^(w·step) = 1/e^(−w·step): the reciprocal of up's enclosure (1/t is decreasing on t > 0).
  const one2 = fa.ONE * fa.ONE;
  const down = { lo: floorDiv(one2, up.hi), hi: ceilDiv(one2, up.lo) };
  for (let j = anchor + 1; j < out.length; j++) out[j] = fa.mulNonNegative(out[j - 1]!, up);
  for (let j = anchor - 1; j >= 0; j--) out[j] = fa.mulNonNegative(out[j + 1]!, down);
  return out;
}

function activationEnclosures(
  fa: FixedArithmetic,
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  W: string[][],
  n: number,
  derivative: boolean,
): Activations {
  const { d, P } = problem.data;
  const S = new Array<FixedInterval>(P * n);
  const D = new Array<FixedInterval | null>(derivative ? P * n : 0);
  if (problem.activation === 'relu') {
    const x = dataIntervals(fa, problem);
    const Z = new Array<FixedInterval>(P * n);
    const zero = fa.integer(0);
    const one = fa.integer(1);
    for (let i = 0; i < n; i++) {
      const w: FixedInterval[] = [];
      for (let c = 0; c < d; c++) w.push(fa.point(W[c]![i]!));
      for (let q = 0; q < P; q++) {
        const z = fa.dot(w, x.slice(q * d, q * d + d));
        Z[q * n + i] = z;
        S[q * n + i] = { lo: z.lo > 0n ? z.lo : 0n, hi: z.hi > 0n ? z.hi : 0n };
        if (derivative) D[q * n + i] = z.lo > 0n ? one : z.hi < 0n ? zero : null;
      }
    }
    return { S, D, Z };
  }
  const { tables, pairs, singles } = cacheOf(problem);
  const ONE = fa.ONE;
  const oneSquared = ONE * ONE;
  for (let i = 0; i < n; i++) {
    const factors = tables.map((t, c) => expTable(fa, ar, W[c]![i]!, t));
    // For a mirror pair, e^(−z(x̄)) = 1/E, so σ(x̄) = 1 − σ(x) and 1 − σ(x̄) = σ(x): one E serves both.
    const one = (q: number, mirror: number): void => {
      let E = factors[0]![tables[0]!.index[q]!]!;
      for (let c = 1; c < d; c++) E = fa.mulNonNegative(E, factors[c]![tables[c]!.index[q]!]!);
      // σ = 1/(1+E) (decreasing in E), 1 − σ = E/(1+E) (increasing in E).
      const s = { lo: floorDiv(oneSquared, ONE + E.hi), hi: ceilDiv(oneSquared, ONE + E.lo) };
      const sBar = { lo: floorDiv(E.lo * ONE, ONE + E.lo), hi: ceilDiv(E.hi * ONE, ONE + E.hi) };
      S[q * n + i] = s;
      if (mirror >= 0) S[mirror * n + i] = sBar;
      if (derivative) {
        const ds = fa.mulNonNegative(s, sBar);
        D[q * n + i] = ds;
        if (mirror >= 0) D[mirror * n + i] = ds;
      }
    };
    for (let k = 0; k < pairs.length; k += 2) one(pairs[k]!, pairs[k + 1]!);
    for (const q of singles) one(q, -1);
  }
  return { S, D };
}

function outputsFixed(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, problem: FiniteDataProblem, W: string[][], a: string[]): FixedInterval[] {
  const n = a.length;
  const { S } = activationEnclosures(fa, ar, problem, W, n, false);
  const av = a.map((s) => fa.point(s));
  const out: FixedInterval[] = [];
  for (let q = 0; q < problem.data.P; q++) out.push(fa.dot(av, S.slice(q * n, q * n + n)));
  return out;
}

/** Enclosures of the network outputs f(x_p) = Σ_i a_i σ(w_iᵀx_p), p = 0 … P−1. */
export function outputsEnclosure(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  W: string[][],
  a: string[],
): DecimalInterval[] {
  const fa = fixedArithmeticFor(ar.precision);
  return outputsFixed(fa, ar, problem, W, a).map((v) => fa.toDecimalInterval(ar, v));
}

function labelsFixed(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, problem: FiniteDataProblem): FixedInterval[] {
  const c = cacheOf(problem);
  let y = c.labels.get(fa.places);
  if (!y) {
    const t = problem.teacher;
    y = problem.data.y ? problem.data.y.map((s) => fa.point(s)) : outputsFixed(fa, ar, problem, t!.W, t!.a);
    c.labels.set(fa.places, y);
  }
  return y;
}

/** Enclosures of the labels y_p (given labels as point intervals, or the teacher's outputs), cached per precision. */
export function labelEnclosures(ar: DecimalIntervalArithmetic, problem: FiniteDataProblem): DecimalInterval[] {
  const c = cacheOf(problem);
  let y = c.decimalLabels.get(ar.precision);
  if (!y) {
    const fa = fixedArithmeticFor(ar.precision);
    y = labelsFixed(fa, ar, problem).map((v) => fa.toDecimalInterval(ar, v));
    c.decimalLabels.set(ar.precision, y);
  }
  return y;
}

/**
 * Label enclosures already computed (by labelEnclosures) at a precision ≥ minPrecision, if any:
 * any enclosure contains the labels, so a more precise one can serve a less precise caller.
 */
export function cachedLabelEnclosures(problem: FiniteDataProblem, minPrecision: number): DecimalInterval[] | undefined {
  const c = caches.get(problem);
  if (!c) return undefined;
  let best: number | undefined;
  for (const p of c.decimalLabels.keys()) if (p >= minPrecision && (best === undefined || p > best)) best = p;
  return best === undefined ? undefined : c.decimalLabels.get(best);
}

export interface GridEnclosures {
  loss: DecimalInterval;
  /** In the θ layout (gridData.ts: wIndex, aIndex), length n(d+1). */
  gradient: DecimalInterval[];
}

function evaluate(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  pt: FiniteDataPoint,
  wantGradient: boolean,
): { loss: DecimalInterval; gradient?: DecimalInterval[] } {
  const n = validatePoint(problem, pt);
  const fa = fixedArithmeticFor(ar.precision);
  const { d, P } = problem.data;
  const act = activationEnclosures(fa, ar, problem, pt.W, n, wantGradient);
  const y = labelsFixed(fa, ar, problem);
  const av = pt.a.map((s) => fa.point(s));
  const { S, D } = act;
  // r_p = Σ_i a_i σ_ip − y_p and Σ_p r_p², with every product rounded outward and every sum exact.
  const r: FixedInterval[] = new Array(P);
  let sqLo = 0n;
  let sqHi = 0n;
  for (let q = 0; q < P; q++) {
    let lo = -y[q]!.hi;
    let hi = -y[q]!.lo;
    for (let i = 0; i < n; i++) {
      const p = fa.mulByNonNegative(av[i]!, S[q * n + i]!);
      lo += p.lo;
      hi += p.hi;
    }
    const rq = { lo, hi };
    r[q] = rq;
    const sq = fa.sqr(rq);
    sqLo += sq.lo;
    sqHi += sq.hi;
  }
  const loss = fa.toDecimalInterval(ar, fa.divInteger({ lo: sqLo, hi: sqHi }, 2 * P));
  if (!wantGradient) return { loss };
  const { zeroPoint, tables } = cacheOf(problem);
  const values = tableValues(fa, problem);
  const gradient = new Array<DecimalInterval>(n * (d + 1));
  const zero = fa.integer(0);
  for (let i = 0; i < n; i++) {
    let gLo = 0n;
    let gHi = 0n;
    for (let q = 0; q < P; q++) {
      const p = fa.mulByNonNegative(r[q]!, S[q * n + i]!);
      gLo += p.lo;
      gHi += p.hi;
    }
    gradient[aIndex(i, d)] = fa.toDecimalInterval(ar, fa.divInteger({ lo: gLo, hi: gHi }, P));
    if (exactDecimal(pt.a[i]!).isZero()) {
      // a_i = 0: f does not depend on w_i at all, so ∂L/∂w_i = 0 exactly.
      for (let c = 0; c < d; c++) gradient[wIndex(i, c, d)] = fa.toDecimalInterval(ar, zero);
      continue;
    }
    // Σ_p t_p x_pc with t_p = r_p σ′_ip = Σ_j v_j Σ_{p: x_pc = v_j} t_p: sum t per distinct value first.
    const sumsLo = tables.map((t) => new Array<bigint>(t.values.length).fill(0n));
    const sumsHi = tables.map((t) => new Array<bigint>(t.values.length).fill(0n));
    for (let q = 0; q < P; q++) {
      const Dq = D[q * n + i];
      if (Dq === null || Dq === undefined) {
        if (zeroPoint[q]) continue; // x_p = 0: the term is multiplied by x_pc = 0.
        const z = fa.toDecimalInterval(ar, act.Z![q * n + i]!);
        throw new KinkCrossingError(i, q, [z.lo.toString(), z.hi.toString()], 'rigorous gradient at the point');
      }
      const t = fa.mulByNonNegative(r[q]!, Dq);
      for (let c = 0; c < d; c++) {
        const j = tables[c]!.index[q]!;
        sumsLo[c]![j] += t.lo;
        sumsHi[c]![j] += t.hi;
      }
    }
    for (let c = 0; c < d; c++) {
      const sums = sumsLo[c]!.map((lo, j) => ({ lo, hi: sumsHi[c]![j]! }));
      const g = fa.mul(av[i]!, fa.dot(sums, values[c]!));
      gradient[wIndex(i, c, d)] = fa.toDecimalInterval(ar, fa.divInteger(g, P));
    }
  }
  return { loss, gradient };
}

/** Enclosure of L at the exact point (see the module comment for the guarantee). */
export function gridLossEnclosure(ar: DecimalIntervalArithmetic, problem: FiniteDataProblem, pt: FiniteDataPoint): DecimalInterval {
  return evaluate(ar, problem, pt, false).loss;
}

/**
 * Enclosures of L and ∇L at the exact point (gradient in the θ layout). ReLU: KinkCrossingError
 * when some w_iᵀx_p (a_i ≠ 0, x_p ≠ 0) is not proved nonzero, i.e. L may not be differentiable.
 */
export function gridLossGradientEnclosure(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  pt: FiniteDataPoint,
): GridEnclosures {
  const r = evaluate(ar, problem, pt, true);
  return { loss: r.loss, gradient: r.gradient! };
}
