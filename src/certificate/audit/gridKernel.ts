/**
 * The audit's own enclosures for the finite-data loss (DESIGN.md §7), written from the formulas and
 * independent of src/objective (which certify uses), so that a bug there is caught rather than
 * repeated (DESIGN.md §12):
 *   f(x) = Σ_i a_i σ(w_iᵀx),  L = (1/(2P)) Σ_p r_p²,  r_p = f(x_p) − y_p,
 *   ∂L/∂a_i = (1/P) Σ_p r_p σ_ip,  ∂L/∂w_ic = (a_i/P) Σ_p r_p σ′_ip x_pc,
 *   ∇²L = (1/P) Σ_p (J_p J_pᵀ + r_p G_p), J_p: ∂f/∂a_i = σ_ip, ∂f/∂w_ic = a_i σ′_ip x_pc;
 *   G_p: ∂²f/∂w_ic∂w_ie = a_i σ″_ip x_pc x_pe, ∂²f/∂w_ic∂a_i = σ′_ip x_pc (no cross-neuron terms);
 *   sigmoid: σ = 1/(1+E), 1 − σ = E/(1+E), σ′ = σ(1 − σ), σ″ = σ′((1 − σ) − σ), E = e^(−wᵀx);
 *   ReLU in reduced coordinates u_i = |a_i| w_i, s_i = sign a_i: f = Σ_i s_i relu(u_iᵀx);
 *   on a constant activation pattern A_i, ∇²L̂[(i,c),(j,e)] = (s_i s_j/P) Σ_{p∈A_i∩A_j} x_pc x_pe.
 * Routes that differ from certify's: every data point is evaluated on its own (no mirror-pair
 * folding, no grouping of sums by coordinate value); e^(−w·step·k) on a lattice coordinate is a
 * binary power of its own exp enclosures of e^(∓w·step) (certify: sequential products and a
 * reciprocal); the named data set and teacher are rebuilt here from DESIGN.md's definition; the
 * ReLU pattern and Hessian are decided in big.js/BigInt exact arithmetic and the ReLU curvature by
 * exact leading minors.
 *
 * What this module trusts, and nothing else: src/arith (decimal intervals with directed rounding
 * and decimal.js exp, fixed-point BigInt intervals, Float64 outward rounding, big.js exact
 * comparisons) and the exact positive-definiteness test of src/linalg/exactPositiveDefinite.ts.
 * Guarantee of every enclosure here: it contains the exact value for every point of the argument
 * box, because each step is an outward-rounded interval extension of the formulas above.
 */
import Big from 'big.js';
import type { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval, type DecimalIntervalArithmetic } from '../../arith/decimalInterval.js';
import { exactCompare, exactMul } from '../../arith/exact.js';
import { addHi, addLo, divHi, divLo, fromDecimalInterval, mulHi, mulLo, nextDown, nextUp, subHi, subLo } from '../../arith/f64Interval.js';
import { FixedArithmetic, ceilDiv, floorDiv, type FixedInterval } from '../../arith/fixedInterval.js';
import { normLower, normUpper } from '../../arith/intervalNorms.js';
import { exactPositiveDefinite } from '../../linalg/exactPositiveDefinite.js';
import type { GridProblem } from '../gridSchema.js';

/** The problem as the audit reads it: data (P × 2), and the teacher or the labels. */
export interface AuditGridProblem {
  activation: 'sigmoid' | 'relu';
  P: number;
  X: string[][];
  teacher?: { W: string[][]; a: string[] };
  y?: string[];
}

/** DESIGN.md §7: the grid {−5, −4.75, …, 5}² and the 4-neuron teacher of Şimşek et al. */
function namedGrid(): string[][] {
  const X: string[][] = [];
  for (let j = -20; j <= 20; j++) for (let i = -20; i <= 20; i++) X.push([String(i / 4), String(j / 4)]);
  return X;
}
const SIMSEK_TEACHER = {
  W: [
    ['0.6', '-0.5', '-0.2', '0.1'],
    ['0.5', '0.5', '-0.6', '-0.6'],
  ],
  a: ['1', '-1', '1', '-1'],
};

export function auditProblemOf(p: GridProblem): AuditGridProblem {
  const X = p.data.kind === 'grid-41x41' ? namedGrid() : p.data.X;
  const out: AuditGridProblem = { activation: p.activation, P: X.length, X };
  if (p.data.kind === 'inline' && p.data.y) out.y = p.data.y;
  if (p.teacher) out.teacher = p.teacher.kind === 'simsek-4' ? SIMSEK_TEACHER : { W: p.teacher.W, a: p.teacher.a };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per-coordinate values: the distinct values of each coordinate, and whether they lie on a lattice.

interface Coordinate {
  /** Distinct values (exact decimal strings) and, for every data point, the index of its value. */
  values: string[];
  index: Int32Array;
  /** Lattice: every value is step·k (k = ks[j]) with |k| ≤ 4096. */
  lattice?: { step: string; ks: number[] };
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const coordinateCache = new WeakMap<string[][], Coordinate[]>();

function coordinates(X: string[][]): Coordinate[] {
  const cached = coordinateCache.get(X);
  if (cached) return cached;
  const out: Coordinate[] = [];
  for (let c = 0; c < 2; c++) {
    const byValue = new Map<string, number>();
    const values: string[] = [];
    const index = new Int32Array(X.length);
    X.forEach((row, p) => {
      const key = new Big(row[c]!).toFixed();
      let j = byValue.get(key);
      if (j === undefined) {
        j = values.length;
        values.push(key);
        byValue.set(key, j);
      }
      index[p] = j;
    });
    const coord: Coordinate = { values, index };
    const places = Math.max(0, ...values.map((v) => (v.includes('.') ? v.length - v.indexOf('.') - 1 : 0)));
    const ints = values.map((v) => BigInt(new Big(v).times(new Big(10).pow(places)).toFixed(0)));
    let g = 0n;
    for (const k of ints) g = gcd(g, k);
    if (g > 0n) {
      const ks = ints.map((k) => Number(k / g));
      if (ks.every((k) => Math.abs(k) <= 4096)) coord.lattice = { step: decimalOfScaled(g, places), ks };
    }
    out.push(coord);
  }
  coordinateCache.set(X, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Centre enclosures (fixed-point BigInt intervals).

export type GridCentre =
  | { ok: true; lossLo: string; lossHi: string; gradient: DecimalInterval[]; gradNormUpper: string; gradNormLower: string }
  | { ok: false; reason: string };

/** [x]^k for x ≥ 0 by binary powering (products of nonnegative intervals, rounded outward). */
function fixedPower(fa: FixedArithmetic, x: FixedInterval, k: number): FixedInterval {
  let result = fa.integer(1);
  let base = x;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) result = fa.mulNonNegative(result, base);
    if (e > 1) base = fa.mulNonNegative(base, base);
  }
  return result;
}

/** Enclosures of e^(−w·v) for the distinct values v of one coordinate (w exact). */
function expFactors(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, w: string, coord: Coordinate): FixedInterval[] {
  const wi = ar.point(w);
  if (coord.lattice) {
    const step = ar.point(coord.lattice.step);
    const down = fa.fromDecimalInterval(ar.exp(ar.neg(ar.mul(wi, step)))); // e^(−w·step)
    const up = fa.fromDecimalInterval(ar.exp(ar.mul(wi, step))); // e^(w·step)
    return coord.lattice.ks.map((k) => (k >= 0 ? fixedPower(fa, down, k) : fixedPower(fa, up, -k)));
  }
  return coord.values.map((v) => fa.fromDecimalInterval(ar.exp(ar.neg(ar.mul(wi, ar.point(v))))));
}

/** σ(w_iᵀx_p) and σ′ for one sigmoid neuron at every data point. */
function sigmoidNeuron(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, X: string[][], w: [string, string]): { s: FixedInterval[]; ds: FixedInterval[] } {
  const coords = coordinates(X);
  const f0 = expFactors(fa, ar, w[0], coords[0]!);
  const f1 = expFactors(fa, ar, w[1], coords[1]!);
  const ONE = fa.ONE;
  const s: FixedInterval[] = [];
  const ds: FixedInterval[] = [];
  for (let p = 0; p < X.length; p++) {
    const E = fa.mulNonNegative(f0[coords[0]!.index[p]!]!, f1[coords[1]!.index[p]!]!);
    // σ = 1/(1+E) decreasing in E; 1 − σ = E/(1+E) increasing in E.
    const sig = fa.div(fa.integer(1), { lo: ONE + E.lo, hi: ONE + E.hi });
    const bar = { lo: floorDiv(E.lo * ONE, ONE + E.lo), hi: ceilDiv(E.hi * ONE, ONE + E.hi) };
    s.push(sig);
    ds.push(fa.mulNonNegative(sig, bar));
  }
  return { s, ds };
}

function column(W: string[][], i: number): [string, string] {
  return [W[0]![i]!, W[1]![i]!];
}

/** Network outputs Σ_i a_i σ(w_iᵀx_p) of a sigmoid network (used for the teacher's labels). */
function sigmoidOutputs(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, X: string[][], W: string[][], a: string[]): FixedInterval[] {
  const out: FixedInterval[] = X.map(() => fa.integer(0));
  a.forEach((ai, i) => {
    const { s } = sigmoidNeuron(fa, ar, X, column(W, i));
    const av = fa.point(ai);
    for (let p = 0; p < X.length; p++) out[p] = fa.add(out[p]!, fa.mul(av, s[p]!));
  });
  return out;
}

/** Network outputs of a ReLU network; undefined when some argument is not decided (never for exact data). */
function reluOutputs(fa: FixedArithmetic, X: string[][], W: string[][], a: string[]): FixedInterval[] {
  const xs = X.map((row) => row.map((v) => fa.point(v)));
  return xs.map((x) => {
    let f = fa.integer(0);
    a.forEach((ai, i) => {
      const z = fa.add(fa.mul(fa.point(W[0]![i]!), x[0]!), fa.mul(fa.point(W[1]![i]!), x[1]!));
      const r = { lo: z.lo > 0n ? z.lo : 0n, hi: z.hi > 0n ? z.hi : 0n };
      f = fa.add(f, fa.mul(fa.point(ai), r));
    });
    return f;
  });
}

function labels(fa: FixedArithmetic, ar: DecimalIntervalArithmetic, prob: AuditGridProblem): FixedInterval[] {
  if (prob.y) return prob.y.map((v) => fa.point(v));
  const t = prob.teacher!;
  return prob.activation === 'sigmoid' ? sigmoidOutputs(fa, ar, prob.X, t.W, t.a) : reluOutputs(fa, prob.X, t.W, t.a);
}

/** The reduced coordinates of a point: s_i = sign a_i and u_i = |a_i| w_i, exactly (2 rows × n). */
export function reducedOf(W: string[][], a: string[]): { s: number[]; U: string[][] } {
  const s = a.map((x) => new Big(x).cmp(0));
  const U = W.map((row) => row.map((w, i) => exactMul(new Big(a[i]!).abs().toFixed(), w)));
  return { s, U };
}

/**
 * Enclosures at the centre in the certificate's chart, at decimal precision `precision`:
 * 'theta' (sigmoid) — L and ∇_θ L (θ layout w_i1, w_i2, a_i per neuron); 'reduced-relu' — L̂ and
 * ∇_u L̂ (u_i1, u_i2 per neuron), ok = false when some u_iᵀx_p (x_p ≠ 0, s_i ≠ 0) is not proved
 * nonzero. Guarantee (ok): L ∈ [lossLo, lossHi] and gradNormLower ≤ ‖∇‖₂ ≤ gradNormUpper.
 */
export function gridCentreEnclosures(prob: AuditGridProblem, W: string[][], a: string[], chart: 'theta' | 'reduced-relu', precision: number): GridCentre {
  const ar = decimalIntervals(precision);
  const fa = FixedArithmetic.forDigits(precision);
  const { X, P } = prob;
  const n = a.length;
  const y = labels(fa, ar, prob);
  const grad: FixedInterval[] = [];
  const r: FixedInterval[] = y.map((v) => fa.neg(v));
  if (chart === 'theta') {
    if (prob.activation !== 'sigmoid') return { ok: false, reason: "the chart 'theta' is for the sigmoid activation" };
    const neurons = a.map((_, i) => sigmoidNeuron(fa, ar, X, column(W, i)));
    const av = a.map((x) => fa.point(x));
    for (let p = 0; p < P; p++) for (let i = 0; i < n; i++) r[p] = fa.add(r[p]!, fa.mul(av[i]!, neurons[i]!.s[p]!));
    const xs = X.map((row) => row.map((v) => fa.point(v)));
    for (let i = 0; i < n; i++) {
      let g0 = fa.integer(0);
      let g1 = fa.integer(0);
      let ga = fa.integer(0);
      for (let p = 0; p < P; p++) {
        const t = fa.mul(r[p]!, neurons[i]!.ds[p]!);
        g0 = fa.add(g0, fa.mul(t, xs[p]![0]!));
        g1 = fa.add(g1, fa.mul(t, xs[p]![1]!));
        ga = fa.add(ga, fa.mul(r[p]!, neurons[i]!.s[p]!));
      }
      grad.push(fa.divInteger(fa.mul(av[i]!, g0), P), fa.divInteger(fa.mul(av[i]!, g1), P), fa.divInteger(ga, P));
    }
  } else {
    if (prob.activation !== 'relu') return { ok: false, reason: "the chart 'reduced-relu' is for the ReLU activation" };
    const { s, U } = reducedOf(W, a);
    const xs = X.map((row) => row.map((v) => fa.point(v)));
    const on: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const u = [fa.point(U[0]![i]!), fa.point(U[1]![i]!)];
      const act = new Uint8Array(P);
      for (let p = 0; p < P; p++) {
        if (s[i] === 0) continue;
        const z = fa.add(fa.mul(u[0]!, xs[p]![0]!), fa.mul(u[1]!, xs[p]![1]!));
        if (z.lo > 0n) {
          act[p] = 1;
          r[p] = s[i]! > 0 ? fa.add(r[p]!, z) : fa.sub(r[p]!, z);
        } else if (!(z.hi < 0n) && !(X[p]!.every((v) => new Big(v).eq(0)))) {
          return { ok: false, reason: `data point ${p} is not proved off the kink of neuron ${i} at the centre` };
        }
      }
      on.push(act);
    }
    for (let i = 0; i < n; i++) {
      let g0 = fa.integer(0);
      let g1 = fa.integer(0);
      for (let p = 0; p < P; p++) {
        if (!on[i]![p]) continue;
        g0 = fa.add(g0, fa.mul(r[p]!, xs[p]![0]!));
        g1 = fa.add(g1, fa.mul(r[p]!, xs[p]![1]!));
      }
      const sg = fa.integer(s[i]!);
      grad.push(fa.divInteger(fa.mul(sg, g0), P), fa.divInteger(fa.mul(sg, g1), P));
    }
  }
  let sq = fa.integer(0);
  for (const v of r) sq = fa.add(sq, fa.sqr(v));
  const loss = fa.toDecimalInterval(ar, fa.divInteger(sq, 2 * P));
  const gradient = grad.map((g) => fa.toDecimalInterval(ar, g));
  return {
    ok: true,
    lossLo: loss.lo.toString(),
    lossHi: loss.hi.toString(),
    gradient,
    gradNormUpper: normUpper(ar, gradient).toString(),
    gradNormLower: normLower(ar, gradient).toString(),
  };
}

// ---------------------------------------------------------------------------------------------
// The sigmoid Hessian over the box {|θ − θ̃|∞ ≤ ρ}, in Float64 intervals (θ layout, N = 3n).

/** Decimal digits of the box ends and exp enclosures before rounding to doubles. */
const BOX_DIGITS = 25;

/** [x]^k for a nonnegative double interval (binary powering, outward rounded). */
function f64Power(lo: number, hi: number, k: number): [number, number] {
  let rl = 1;
  let rh = 1;
  let bl = lo;
  let bh = hi;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) {
      rl = Math.max(0, nextDown(rl * bl));
      rh = nextUp(rh * bh);
    }
    if (e > 1) {
      bl = Math.max(0, nextDown(bl * bl));
      bh = nextUp(bh * bh);
    }
  }
  return [rl, rh];
}

/** Ranges of e^(−w·v) over w ∈ [wLo, wHi] for the distinct values v of one coordinate. */
function expRanges(ar: DecimalIntervalArithmetic, wLo: Decimal, wHi: Decimal, coord: Coordinate): { lo: Float64Array; hi: Float64Array } {
  const m = coord.values.length;
  const lo = new Float64Array(m);
  const hi = new Float64Array(m);
  const w = ar.of(wLo, wHi);
  if (coord.lattice) {
    const step = ar.point(coord.lattice.step);
    const down = fromDecimalInterval(ar.exp(ar.neg(ar.mul(w, step))));
    const up = fromDecimalInterval(ar.exp(ar.mul(w, step)));
    coord.lattice.ks.forEach((k, j) => {
      const [l, h] = k >= 0 ? f64Power(down.lo, down.hi, k) : f64Power(up.lo, up.hi, -k);
      lo[j] = l;
      hi[j] = h;
    });
    return { lo, hi };
  }
  coord.values.forEach((v, j) => {
    const e = fromDecimalInterval(ar.exp(ar.neg(ar.mul(w, ar.point(v)))));
    lo[j] = e.lo;
    hi[j] = e.hi;
  });
  return { lo, hi };
}

/**
 * Enclosure of ∇²L over {|θ − θ̃|∞ ≤ ρ} for the sigmoid (θ̃ = (W, a), ρ ≥ 0 a decimal string).
 * Guarantee: lo ≤ ∂²L/∂θ_k∂θ_l(θ) ≤ hi for every θ of the box (module comment).
 */
export function gridSigmoidBoxHessianAudit(prob: AuditGridProblem, W: string[][], a: string[], rho: string): { N: number; lo: Float64Array; hi: Float64Array } {
  const ar = decimalIntervals(BOX_DIGITS);
  const { X, P } = prob;
  const n = a.length;
  const N = 3 * n;
  const coords = coordinates(X);
  const r = ar.point(rho);
  const boxOf = (v: string) => ar.of(ar.sub(ar.point(v), r).lo, ar.add(ar.point(v), r).hi);
  const wBox = [0, 1].map((c) => a.map((_, i) => boxOf(W[c]![i]!)));
  const aBox = a.map((v) => fromDecimalInterval(boxOf(v)));
  const factors = [0, 1].map((c) => a.map((_, i) => expRanges(ar, wBox[c]![i]!.lo, wBox[c]![i]!.hi, coords[c]!)));
  const xBox = [0, 1].map((c) => coords[c]!.values.map((v) => fromDecimalInterval(ar.point(v))));
  const fa = FixedArithmetic.forDigits(BOX_DIGITS);
  const yBox = labels(fa, ar, prob).map((v) => fromDecimalInterval(fa.toDecimalInterval(ar, v)));
  const HLo = new Float64Array(N * N);
  const HHi = new Float64Array(N * N);
  const jLo = new Float64Array(N);
  const jHi = new Float64Array(N);
  const d1 = new Float64Array(2 * n);
  const d2 = new Float64Array(2 * n);
  const add = (k: number, l: number, lo: number, hi: number) => {
    HLo[k * N + l] = addLo(HLo[k * N + l]!, lo);
    HHi[k * N + l] = addHi(HHi[k * N + l]!, hi);
  };
  for (let p = 0; p < P; p++) {
    const j0 = coords[0]!.index[p]!;
    const j1 = coords[1]!.index[p]!;
    const x = [xBox[0]![j0]!, xBox[1]![j1]!];
    let rLo = -yBox[p]!.hi;
    let rHi = -yBox[p]!.lo;
    for (let i = 0; i < n; i++) {
      const eLo = Math.max(0, nextDown(factors[0]![i]!.lo[j0]! * factors[1]![i]!.lo[j1]!));
      const eHi = nextUp(factors[0]![i]!.hi[j0]! * factors[1]![i]!.hi[j1]!);
      const sLo = Math.max(0, divLo(1, 1, addLo(1, eHi), addHi(1, eHi)));
      const sHi = Math.min(1, divHi(1, 1, addLo(1, eLo), addHi(1, eLo)));
      const bLo = Math.max(0, divLo(eLo, eLo, addLo(1, eLo), addHi(1, eLo)));
      const bHi = Math.min(1, divHi(eHi, eHi, addLo(1, eHi), addHi(1, eHi)));
      const dLo = mulLo(sLo, sHi, bLo, bHi); // σ′ = σ(1 − σ)
      const dHi = mulHi(sLo, sHi, bLo, bHi);
      const gLo = subLo(bLo, sHi); // (1 − σ) − σ
      const gHi = subHi(bHi, sLo);
      d1[2 * i] = dLo;
      d1[2 * i + 1] = dHi;
      d2[2 * i] = mulLo(dLo, dHi, gLo, gHi); // σ″
      d2[2 * i + 1] = mulHi(dLo, dHi, gLo, gHi);
      const A = aBox[i]!;
      rLo = addLo(rLo, mulLo(A.lo, A.hi, sLo, sHi));
      rHi = addHi(rHi, mulHi(A.lo, A.hi, sLo, sHi));
      jLo[3 * i + 2] = sLo;
      jHi[3 * i + 2] = sHi;
      const tLo = mulLo(A.lo, A.hi, dLo, dHi);
      const tHi = mulHi(A.lo, A.hi, dLo, dHi);
      for (let c = 0; c < 2; c++) {
        jLo[3 * i + c] = mulLo(tLo, tHi, x[c]!.lo, x[c]!.hi);
        jHi[3 * i + c] = mulHi(tLo, tHi, x[c]!.lo, x[c]!.hi);
      }
    }
    for (let k = 0; k < N; k++) {
      for (let l = k; l < N; l++) add(k, l, mulLo(jLo[k]!, jHi[k]!, jLo[l]!, jHi[l]!), mulHi(jLo[k]!, jHi[k]!, jLo[l]!, jHi[l]!));
    }
    for (let i = 0; i < n; i++) {
      const A = aBox[i]!;
      const aL = mulLo(A.lo, A.hi, d2[2 * i]!, d2[2 * i + 1]!);
      const aH = mulHi(A.lo, A.hi, d2[2 * i]!, d2[2 * i + 1]!);
      const t2Lo = mulLo(rLo, rHi, aL, aH); // r a σ″
      const t2Hi = mulHi(rLo, rHi, aL, aH);
      const t1Lo = mulLo(rLo, rHi, d1[2 * i]!, d1[2 * i + 1]!); // r σ′
      const t1Hi = mulHi(rLo, rHi, d1[2 * i]!, d1[2 * i + 1]!);
      for (let c = 0; c < 2; c++) {
        for (let e = c; e < 2; e++) {
          const xxLo = mulLo(x[c]!.lo, x[c]!.hi, x[e]!.lo, x[e]!.hi);
          const xxHi = mulHi(x[c]!.lo, x[c]!.hi, x[e]!.lo, x[e]!.hi);
          add(3 * i + c, 3 * i + e, mulLo(t2Lo, t2Hi, xxLo, xxHi), mulHi(t2Lo, t2Hi, xxLo, xxHi));
        }
        add(3 * i + c, 3 * i + 2, mulLo(t1Lo, t1Hi, x[c]!.lo, x[c]!.hi), mulHi(t1Lo, t1Hi, x[c]!.lo, x[c]!.hi));
      }
    }
  }
  const inv = fromDecimalInterval(ar.div(ar.point(1), ar.point(P)));
  const lo = new Float64Array(N * N);
  const hi = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    for (let l = k; l < N; l++) {
      const vl = mulLo(HLo[k * N + l]!, HHi[k * N + l]!, inv.lo, inv.hi);
      const vh = mulHi(HLo[k * N + l]!, HHi[k * N + l]!, inv.lo, inv.hi);
      lo[k * N + l] = lo[l * N + k] = vl;
      hi[k * N + l] = hi[l * N + k] = vh;
    }
  }
  return { N, lo, hi };
}

// ---------------------------------------------------------------------------------------------
// ReLU in reduced coordinates: the activation pattern over the box, exactly, and the exact Hessian.

export type ReluPatternResult =
  | { ok: true; active: Uint8Array[] }
  | { ok: false; kind: 'kink'; neuron: number; dataPoint: number }
  | { ok: false; kind: 'degenerate'; neuron: number; degeneracy: 'zero-outgoing-weight' | 'zero-incoming-weights' | 'never-active' };

/** |ũ_iᵀx_p| ≤ ρ‖x_p‖₁, exactly: data point p may cross neuron i's kink on the box (u_iᵀx_p ranges over ũ_iᵀx_p ± ρ‖x_p‖₁). */
export function reluKinkWithin(prob: AuditGridProblem, U: string[][], i: number, p: number, rho: string): boolean {
  const x = prob.X[p]!;
  const z = new Big(exactMul(U[0]![i]!, x[0]!)).plus(exactMul(U[1]![i]!, x[1]!)).abs();
  const l1 = new Big(x[0]!).abs().plus(new Big(x[1]!).abs());
  return exactCompare(z.toFixed(), exactMul(rho, l1.toFixed())) <= 0;
}

/**
 * The activation pattern of the reduced ReLU point (s, U) on the box {|u − ũ|∞ ≤ ρ}: constant
 * (ok) iff every neuron has s_i ≠ 0, ũ_i ≠ 0 and |ũ_iᵀx_p| > ρ‖x_p‖₁ for every x_p ≠ 0, and then
 * some data point active. Decided exactly (big.js), neurons then data points in index order.
 */
export function reluPatternAudit(prob: AuditGridProblem, s: number[], U: string[][], rho: string): ReluPatternResult {
  const active: Uint8Array[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 0) return { ok: false, kind: 'degenerate', neuron: i, degeneracy: 'zero-outgoing-weight' };
    if (new Big(U[0]![i]!).eq(0) && new Big(U[1]![i]!).eq(0)) return { ok: false, kind: 'degenerate', neuron: i, degeneracy: 'zero-incoming-weights' };
    const act = new Uint8Array(prob.P);
    let count = 0;
    for (let p = 0; p < prob.P; p++) {
      const x = prob.X[p]!;
      if (new Big(x[0]!).eq(0) && new Big(x[1]!).eq(0)) continue;
      if (reluKinkWithin(prob, U, i, p, rho)) return { ok: false, kind: 'kink', neuron: i, dataPoint: p };
      const z = new Big(exactMul(U[0]![i]!, x[0]!)).plus(exactMul(U[1]![i]!, x[1]!));
      if (z.gt(0)) {
        act[p] = 1;
        count++;
      }
    }
    if (count === 0) return { ok: false, kind: 'degenerate', neuron: i, degeneracy: 'never-active' };
    active.push(act);
  }
  return { ok: true, active };
}

/** The exact decimal t·10^(−places) (no division, so nothing rounds). */
function decimalOfScaled(t: bigint, places: number): string {
  const neg = t < 0n;
  const digits = (neg ? -t : t).toString().padStart(places + 1, '0');
  const cut = digits.length - places;
  return `${neg ? '-' : ''}${digits.slice(0, cut)}${places > 0 ? `.${digits.slice(cut)}` : ''}`;
}

/**
 * Hypothesis (ii) for L̂ on a box with the constant pattern `active`: the exact Hessian is
 * H = M/P with M[(i,c),(j,e)] = s_i s_j Σ_{p∈A_i∩A_j} x_pc x_pe, and H ⪰ μI ⇐ M − P·μ·I ≻ 0,
 * decided by exact leading minors (src/linalg/exactPositiveDefinite.ts).
 */
export function reluCurvatureAudit(prob: AuditGridProblem, s: number[], active: Uint8Array[], mu: string): { proved: boolean; detail: string } {
  const n = s.length;
  const M = 2 * n;
  const places = Math.max(0, ...prob.X.flat().map((v) => {
    const t = new Big(v).toFixed();
    return t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
  }));
  const scale = new Big(10).pow(places);
  const K = prob.X.map((row) => row.map((v) => BigInt(new Big(v).times(scale).toFixed(0))));
  const A: string[][] = Array.from({ length: M }, () => new Array<string>(M).fill('0'));
  const Pmu = new Big(mu).times(prob.P);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const sign = BigInt(s[i]! * s[j]!);
      for (let c = 0; c < 2; c++) {
        for (let e = 0; e < 2; e++) {
          if (j === i && e < c) continue;
          let t = 0n;
          for (let p = 0; p < prob.P; p++) if (active[i]![p] && active[j]![p]) t += K[p]![c]! * K[p]![e]!;
          let v = new Big(decimalOfScaled(sign * t, 2 * places));
          const k = 2 * i + c;
          const l = 2 * j + e;
          if (k === l) v = v.minus(Pmu);
          A[k]![l] = v.toFixed();
          A[l]![k] = v.toFixed();
        }
      }
    }
  }
  const pd = exactPositiveDefinite(A);
  return pd.ok
    ? { proved: true, detail: `(ii) the exact Hessian of L̂ on the box satisfies H − μI ≻ 0 (exact leading minors of P·H − P·μ·I, μ = ${mu})` }
    : { proved: false, detail: `(ii) P·H − P·μ·I is not positive definite (leading minor ${(pd.failedPivot ?? 0) + 1} ≤ 0), μ = ${mu}` };
}
