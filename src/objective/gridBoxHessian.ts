/**
 * Enclosure of the Hessian of the finite-data sigmoid loss (gridData.ts) over a whole box
 * {θ : |θ_j − θ̃_j| ≤ ρ for every j}, in outward-rounded Float64 interval arithmetic
 * (f64Interval.ts), with every exponential taken from a decimal enclosure rounded outward.
 *
 *   ∇²L = (1/P) Σ_p (J_p J_pᵀ + r_p G_p),  J_p = ∇_θ f(x_p): ∂f/∂a_i = σ_ip, ∂f/∂w_ic = a_i σ′_ip x_pc,
 *   G_p (block-diagonal per neuron): ∂²f/∂w_ic∂w_ie = a_i σ″_ip x_pc x_pe, ∂²f/∂w_ic∂a_i = σ′_ip x_pc,
 *   ∂²f/∂a_i² = 0, and no cross-neuron terms.
 *
 * Soundness, for every θ in the box and every p, i (z = w_iᵀx_p, E = e^(−z)):
 * - E = Π_c e^(−w_ic x_pc); each factor lies in the table entry for x_pc: e^(−w x) is monotone in
 *   w, so its range over w's box interval is the image of the interval's ends, enclosed by
 *   decimal.js exp under directed rounding (expEnclosure) and rounded outward to doubles. On a
 *   lattice coordinate (x = step·k) the entries are powers of the enclosure of e^(−w·step) (or of
 *   e^(w·step) for k < 0) from the entry nearest k = 0, by outward-rounded products (the product of
 *   two intervals contains every product of members, so [E₁]^k ∋ E₁(w)^k for each w).
 * - σ = 1/(1 + E) is decreasing and 1 − σ = E/(1 + E) increasing in E > 0, so they lie in the
 *   images of E's enclosure ends; then σ′ = σ(1 − σ) and σ″ = σ(1 − σ)((1 − σ) − σ) are natural
 *   interval extensions of these identities (no monotonicity assumed), clamped by 0 ≤ σ ≤ 1.
 * - a_i and w_ic lie in their box intervals; every sum and product below is outward rounded.
 * Hence every entry of the exact Hessian at every point of the box lies in [lo, hi]. The Hessian
 * is symmetric (L is C²), so only the upper triangle is computed and it is mirrored.
 */
import type { Decimal } from 'decimal.js';
import { decimalIntervals, exactDecimal, type DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import {
  addHi,
  addLo,
  divHi,
  divLo,
  fromDecimalInterval,
  mulHi,
  mulLo,
  nextDown,
  nextUp,
  subHi,
  subLo,
} from '../arith/f64Interval.js';
import { InputError } from '../errors.js';
import type { BoxHessian } from './boxHessian.js';
import {
  type CoordinateTable,
  type FiniteDataPoint,
  type FiniteDataProblem,
  aIndex,
  coordinateTables,
  validatePoint,
  validateProblem,
  wIndex,
} from './gridData.js';
import { cachedLabelEnclosures, labelEnclosures } from './gridRigorous.js';

/** Decimal precision of the box ends, the exp enclosures and the labels before rounding to doubles. */
const DECIMAL_PRECISION = 30;

interface BoxCache {
  tables: CoordinateTable[];
  /** Table values as double intervals, per coordinate. */
  values: { lo: Float64Array; hi: Float64Array }[];
  /** Labels y_p as double intervals. */
  yLo: Float64Array;
  yHi: Float64Array;
}

const caches = new WeakMap<FiniteDataProblem, BoxCache>();

function cacheOf(problem: FiniteDataProblem, ar: DecimalIntervalArithmetic): BoxCache {
  let c = caches.get(problem);
  if (!c) {
    validateProblem(problem);
    const tables = coordinateTables(problem.data);
    const values = tables.map((t) => {
      const lo = new Float64Array(t.values.length);
      const hi = new Float64Array(t.values.length);
      t.values.forEach((v, j) => {
        const f = fromDecimalInterval(ar.point(v));
        lo[j] = f.lo;
        hi[j] = f.hi;
      });
      return { lo, hi };
    });
    const labels = cachedLabelEnclosures(problem, DECIMAL_PRECISION) ?? labelEnclosures(ar, problem);
    const yLo = new Float64Array(labels.length);
    const yHi = new Float64Array(labels.length);
    labels.forEach((y, q) => {
      const f = fromDecimalInterval(y);
      yLo[q] = f.lo;
      yHi[q] = f.hi;
    });
    c = { tables, values, yLo, yHi };
    caches.set(problem, c);
  }
  return c;
}

/** {e^(−w·x) : w ∈ [wLo, wHi]} for a decimal x, as a double interval (exp is increasing). */
function expRange(ar: DecimalIntervalArithmetic, wLo: Decimal, wHi: Decimal, x: string): { lo: number; hi: number } {
  const arg = ar.neg(ar.mul(ar.of(wLo, wHi), ar.point(x)));
  return fromDecimalInterval(ar.exp(arg));
}

/** Table of e^(−w·v_j) over w ∈ [wLo, wHi] for one coordinate, into lo/hi. */
function expTableOverBox(
  ar: DecimalIntervalArithmetic,
  wLo: Decimal,
  wHi: Decimal,
  table: CoordinateTable,
  lo: Float64Array,
  hi: Float64Array,
): void {
  const len = table.values.length;
  if (!table.lattice) {
    for (let j = 0; j < len; j++) {
      const e = expRange(ar, wLo, wHi, table.values[j]!);
      lo[j] = e.lo;
      hi[j] = e.hi;
    }
    return;
  }
  const { step, kMin } = table.lattice;
  const anchor = Math.min(Math.max(-kMin, 0), len - 1);
  const a = expRange(ar, wLo, wHi, table.values[anchor]!);
  const up = expRange(ar, wLo, wHi, step);
  const down = expRange(ar, wLo, wHi, exactDecimal(step).neg().toString());
  lo[anchor] = a.lo;
  hi[anchor] = a.hi;
  // Nonnegative intervals: [l₁, h₁]·[l₂, h₂] = [l₁l₂, h₁h₂], each rounded outward.
  for (let j = anchor + 1; j < len; j++) {
    lo[j] = Math.max(0, nextDown(lo[j - 1]! * up.lo));
    hi[j] = nextUp(hi[j - 1]! * up.hi);
  }
  for (let j = anchor - 1; j >= 0; j--) {
    lo[j] = Math.max(0, nextDown(lo[j + 1]! * down.lo));
    hi[j] = nextUp(hi[j + 1]! * down.hi);
  }
}

/** The box θ̃ ± ρ as double intervals (ends computed in decimal, rounded outward), in the θ layout. */
export function thetaBox(
  problem: FiniteDataProblem,
  pt: FiniteDataPoint,
  rho: string,
): { lo: Float64Array; hi: Float64Array; decimalLo: Decimal[]; decimalHi: Decimal[] } {
  let r: Decimal;
  try {
    r = exactDecimal(rho);
  } catch {
    throw new InputError(`box Hessian: radius ${JSON.stringify(rho)} is not a decimal number`);
  }
  if (r.isNegative()) throw new InputError(`box Hessian: radius ${rho} must be ≥ 0`);
  const n = validatePoint(problem, pt);
  const d = problem.data.d;
  const N = n * (d + 1);
  const lo = new Float64Array(N);
  const hi = new Float64Array(N);
  const decimalLo = new Array<Decimal>(N);
  const decimalHi = new Array<Decimal>(N);
  const set = (j: number, s: string): void => {
    const x = exactDecimal(s);
    decimalLo[j] = x.minus(r);
    decimalHi[j] = x.plus(r);
    const f = fromDecimalInterval({ lo: decimalLo[j]!, hi: decimalHi[j]! });
    lo[j] = f.lo;
    hi[j] = f.hi;
  };
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) set(wIndex(i, c, d), pt.W[c]![i]!);
    set(aIndex(i, d), pt.a[i]!);
  }
  return { lo, hi, decimalLo, decimalHi };
}

/**
 * Enclosure of ∇²L over the box {|θ − θ̃|∞ ≤ ρ} (θ̃ = pt, ρ ≥ 0 a decimal string) for the sigmoid
 * activation, in the θ layout (N = n(d+1)). Guarantee: for every θ in the box and all k, l,
 * lo[k·N + l] ≤ ∂²L/∂θ_k∂θ_l(θ) ≤ hi[k·N + l] (see the module comment); lo and hi are symmetric.
 */
export function gridSigmoidBoxHessian(problem: FiniteDataProblem, pt: FiniteDataPoint, rho: string): BoxHessian {
  if (problem.activation !== 'sigmoid') {
    throw new InputError('box Hessian: the θ-Hessian box enclosure is for the sigmoid; ReLU uses reduced coordinates (gridReluReduced.ts)');
  }
  const box = thetaBox(problem, pt, rho);
  const ar = decimalIntervals(DECIMAL_PRECISION);
  const cache = cacheOf(problem, ar);
  const { d, P } = problem.data;
  const n = pt.a.length;
  const D1 = d + 1;
  const N = n * D1;

  // Tables of e^(−w_ic v) over the box, per neuron and coordinate.
  const tLo: Float64Array[] = [];
  const tHi: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      const table = cache.tables[c]!;
      const lo = new Float64Array(table.values.length);
      const hi = new Float64Array(table.values.length);
      const j = wIndex(i, c, d);
      expTableOverBox(ar, box.decimalLo[j]!, box.decimalHi[j]!, table, lo, hi);
      tLo.push(lo);
      tHi.push(hi);
    }
  }

  const hLo = new Float64Array(N * N);
  const hHi = new Float64Array(N * N);
  const jLo = new Float64Array(N);
  const jHi = new Float64Array(N);
  const s1Lo = new Float64Array(n);
  const s1Hi = new Float64Array(n);
  const s2Lo = new Float64Array(n);
  const s2Hi = new Float64Array(n);
  const xLo = new Float64Array(d);
  const xHi = new Float64Array(d);
  const acc = (k: number, l: number, pl: number, ph: number): void => {
    const q = k * N + l;
    hLo[q] = addLo(hLo[q]!, pl);
    hHi[q] = addHi(hHi[q]!, ph);
  };

  for (let q = 0; q < P; q++) {
    for (let c = 0; c < d; c++) {
      const e = cache.tables[c]!.index[q]!;
      xLo[c] = cache.values[c]!.lo[e]!;
      xHi[c] = cache.values[c]!.hi[e]!;
    }
    let rLo = -cache.yHi[q]!;
    let rHi = -cache.yLo[q]!;
    for (let i = 0; i < n; i++) {
      let eLo = 1;
      let eHi = 1;
      for (let c = 0; c < d; c++) {
        const e = cache.tables[c]!.index[q]!;
        eLo = Math.max(0, nextDown(eLo * tLo[i * d + c]![e]!));
        eHi = nextUp(eHi * tHi[i * d + c]![e]!);
      }
      // σ ∈ [1/(1+E_hi), 1/(1+E_lo)], 1 − σ ∈ [E_lo/(1+E_lo), E_hi/(1+E_hi)], both within [0, 1].
      const sLo = Math.max(0, divLo(1, 1, addLo(1, eHi), addHi(1, eHi)));
      const sHi = Math.min(1, divHi(1, 1, addLo(1, eLo), addHi(1, eLo)));
      const bLo = Math.max(0, divLo(eLo, eLo, addLo(1, eLo), addHi(1, eLo)));
      const bHi = Math.min(1, divHi(eHi, eHi, addLo(1, eHi), addHi(1, eHi)));
      const dLo = mulLo(sLo, sHi, bLo, bHi);
      const dHi = mulHi(sLo, sHi, bLo, bHi);
      const gLo = subLo(bLo, sHi);
      const gHi = subHi(bHi, sLo);
      s1Lo[i] = dLo;
      s1Hi[i] = dHi;
      s2Lo[i] = mulLo(dLo, dHi, gLo, gHi);
      s2Hi[i] = mulHi(dLo, dHi, gLo, gHi);
      const ka = aIndex(i, d);
      const aLo = box.lo[ka]!;
      const aHi = box.hi[ka]!;
      rLo = addLo(rLo, mulLo(aLo, aHi, sLo, sHi));
      rHi = addHi(rHi, mulHi(aLo, aHi, sLo, sHi));
      jLo[ka] = sLo;
      jHi[ka] = sHi;
      const tl = mulLo(aLo, aHi, dLo, dHi);
      const th = mulHi(aLo, aHi, dLo, dHi);
      for (let c = 0; c < d; c++) {
        jLo[wIndex(i, c, d)] = mulLo(tl, th, xLo[c]!, xHi[c]!);
        jHi[wIndex(i, c, d)] = mulHi(tl, th, xLo[c]!, xHi[c]!);
      }
    }
    // Gauss–Newton part J Jᵀ (upper triangle; squares on the diagonal).
    for (let k = 0; k < N; k++) {
      const kl = jLo[k]!;
      const kh = jHi[k]!;
      if (kl === 0 && kh === 0) continue;
      const m = kl >= 0 ? kl : kh <= 0 ? -kh : 0;
      const M = Math.max(-kl, kh);
      acc(k, k, nextDown(m * m), nextUp(M * M));
      for (let l = k + 1; l < N; l++) acc(k, l, mulLo(kl, kh, jLo[l]!, jHi[l]!), mulHi(kl, kh, jLo[l]!, jHi[l]!));
    }
    // Residual part r_p G_p, per neuron block.
    for (let i = 0; i < n; i++) {
      const ka = aIndex(i, d);
      const aLo = box.lo[ka]!;
      const aHi = box.hi[ka]!;
      const t2Lo = mulLo(rLo, rHi, mulLo(aLo, aHi, s2Lo[i]!, s2Hi[i]!), mulHi(aLo, aHi, s2Lo[i]!, s2Hi[i]!));
      const t2Hi = mulHi(rLo, rHi, mulLo(aLo, aHi, s2Lo[i]!, s2Hi[i]!), mulHi(aLo, aHi, s2Lo[i]!, s2Hi[i]!));
      const t1Lo = mulLo(rLo, rHi, s1Lo[i]!, s1Hi[i]!);
      const t1Hi = mulHi(rLo, rHi, s1Lo[i]!, s1Hi[i]!);
      for (let c = 0; c < d; c++) {
        const kc = wIndex(i, c, d);
        for (let e = c; e < d; e++) {
          const xxLo = mulLo(xLo[c]!, xHi[c]!, xLo[e]!, xHi[e]!);
          const xxHi = mulHi(xLo[c]!, xHi[c]!, xLo[e]!, xHi[e]!);
          acc(kc, wIndex(i, e, d), mulLo(t2Lo, t2Hi, xxLo, xxHi), mulHi(t2Lo, t2Hi, xxLo, xxHi));
        }
        acc(kc, ka, mulLo(t1Lo, t1Hi, xLo[c]!, xHi[c]!), mulHi(t1Lo, t1Hi, xLo[c]!, xHi[c]!));
      }
    }
  }
  const inv = fromDecimalInterval(ar.div(ar.point(1), ar.point(P)));
  const lo = new Float64Array(N * N);
  const hi = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    for (let l = k; l < N; l++) {
      const q = k * N + l;
      const vl = mulLo(hLo[q]!, hHi[q]!, inv.lo, inv.hi);
      const vh = mulHi(hLo[q]!, hHi[q]!, inv.lo, inv.hi);
      lo[q] = vl;
      hi[q] = vh;
      lo[l * N + k] = vl;
      hi[l * N + k] = vh;
    }
  }
  return { N, lo, hi };
}
