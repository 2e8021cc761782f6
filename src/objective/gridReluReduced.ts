/**
 * ReLU in reduced coordinates (DESIGN.md §7). a_i relu(w_iᵀx) = s_i relu(u_iᵀx) with s_i = sign a_i
 * and u_i = |a_i| w_i, so L(θ) = L̂(u) := (1/(2P)) Σ_p (Σ_i s_i relu(u_iᵀx_p) − y_p)² for fixed signs.
 * The rescaling orbits (a_i, w_i) → (a_i/c, c w_i), c > 0, are flat for L, so ∇²L is singular at
 * every critical point; L̂ removes them. A strict local minimum u* of L̂ gives a (non-strict) local
 * minimum of L at every θ with sign a_i = s_i, |a_i| w_i = u*_i: near such θ the signs are fixed and
 * L(θ) = L̂(u(θ)) ≥ L̂(u*) by continuity of θ ↦ u(θ).
 *
 * On a box of u on which no data point crosses a kink (every u_iᵀx_p with x_p ≠ 0 keeps one strict
 * sign; points x_p = 0 contribute the constant relu(0) = 0), the activation pattern
 * A_i = {p : u_iᵀx_p > 0} is constant, f(x_p) = Σ_i s_i [p ∈ A_i] u_iᵀx_p is linear in u, and L̂ is
 * a quadratic with the constant Hessian
 *   ∇²L̂[(i,c),(j,e)] = (s_i s_j / P) Σ_{p ∈ A_i ∩ A_j} x_pc x_pe   (positive semidefinite),
 * computed here EXACTLY: the numerators are exact decimals (integer sums of scaled data), the
 * denominator is P.
 *
 * The box is {u : |u_ic − ũ_ic| ≤ ρ}: over it u_iᵀx_p ranges exactly over ũ_iᵀx_p ± ρ‖x_p‖₁, so
 * the pattern is constant iff |ũ_iᵀx_p| > ρ‖x_p‖₁ for every i and every p with x_p ≠ 0 — decided
 * here in exact decimal arithmetic.
 */
import type { Decimal } from 'decimal.js';
import { decimalIntervals, exactDecimal, type DecimalInterval, type DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import { fromDecimalInterval } from '../arith/f64Interval.js';
import { InputError } from '../errors.js';
import { DegenerateNeuronError, KinkCrossingError } from './gridDomainError.js';
import { type FiniteDataPoint, type FiniteDataProblem, validatePoint, validateProblem, wIndex } from './gridData.js';
import { gridLossGradientEnclosure } from './gridRigorous.js';

/** A point in reduced coordinates: signs s (−1, 0, 1) and U (d rows × n columns, exact decimals). */
export interface ReducedReluPoint {
  s: number[];
  U: string[][];
}

/** s_i = sign a_i and u_i = |a_i| w_i, exactly. */
export function reducedReluPoint(problem: FiniteDataProblem, pt: FiniteDataPoint): ReducedReluPoint {
  const n = validatePoint(problem, pt);
  const s: number[] = [];
  const U: string[][] = pt.W.map(() => []);
  for (let i = 0; i < n; i++) {
    const a = exactDecimal(pt.a[i]!);
    s.push(a.isZero() ? 0 : a.isNegative() ? -1 : 1);
    const m = a.abs();
    pt.W.forEach((row, c) => U[c]!.push(m.times(exactDecimal(row[i]!)).toString()));
  }
  return { s, U };
}

/** The θ point (W = U, a = s) at which L equals L̂(u): then ∂L/∂w_i = ∂L̂/∂u_i. */
export function thetaOfReduced(r: ReducedReluPoint): FiniteDataPoint {
  return { W: r.U.map((row) => row.slice()), a: r.s.map(String) };
}

/**
 * Enclosures of L̂(u) and ∇_u L̂ (length n·d, index i·d + c) at the exact reduced point, via
 * gridRigorous at θ = (U, s) (same guarantee; KinkCrossingError when some u_iᵀx_p, x_p ≠ 0,
 * s_i ≠ 0, is not proved nonzero).
 */
export function reducedReluLossGradientEnclosure(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  r: ReducedReluPoint,
): { loss: DecimalInterval; gradient: DecimalInterval[] } {
  const d = problem.data.d;
  const n = r.s.length;
  const e = gridLossGradientEnclosure(ar, problem, thetaOfReduced(r));
  const gradient: DecimalInterval[] = [];
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) gradient.push(e.gradient[wIndex(i, c, d)]!);
  return { loss: e.loss, gradient };
}

export interface ReluPattern {
  /** active[i·P + p] = 1 iff u_iᵀx_p > 0 on the whole box. */
  active: Uint8Array;
  /** Active data points per neuron. */
  counts: number[];
}

function parseRadius(rho: string): Decimal {
  let r: Decimal;
  try {
    r = exactDecimal(rho);
  } catch {
    throw new InputError(`reduced ReLU box: radius ${JSON.stringify(rho)} is not a decimal number`);
  }
  if (r.isNegative()) throw new InputError(`reduced ReLU box: radius ${rho} must be ≥ 0`);
  return r;
}

/**
 * The activation pattern, proved constant on the box {|u − ũ|∞ ≤ ρ} (ρ = '0': at the point).
 * Throws DegenerateNeuronError for a neuron with s_i = 0, with u_i = 0, or active on no data point,
 * and KinkCrossingError (first neuron, then data point, in index order) when some |ũ_iᵀx_p| ≤
 * ρ‖x_p‖₁ with x_p ≠ 0. All comparisons are exact.
 */
export function reluPatternOnBox(problem: FiniteDataProblem, r: ReducedReluPoint, rho: string): ReluPattern {
  validateProblem(problem);
  if (problem.activation !== 'relu') throw new InputError('reduced coordinates are for the ReLU activation');
  const radius = parseRadius(rho);
  const { d, P, X } = problem.data;
  const n = r.s.length;
  const where = radius.isZero() ? 'reduced ReLU point' : `reduced ReLU box of radius ${rho}`;
  // Exact integer form: x_pc = K_pc·10^(−D_c); scale every argument by 10^(Du + Dmax + Dρ), where
  // Du = decimal places of u_i, Dmax = max_c D_c, Dρ = decimal places of ρ. Then
  //   ũ_iᵀx_p ↦ Z = Σ_c U_ic K_pc 10^(Dmax − D_c) · 10^Dρ,   ρ‖x_p‖₁ ↦ R = ρ10^Dρ · 10^Du · Σ_c |K_pc| 10^(Dmax − D_c).
  const { K, D } = scaledCoordinates(X, d);
  const Dmax = Math.max(...D);
  const Drho = radius.decimalPlaces();
  const rhoInt = BigInt(radius.times(`1e${Drho}`).toFixed(0));
  const tenRho = 10n ** BigInt(Drho);
  const lift = D.map((Dc) => 10n ** BigInt(Dmax - Dc));
  const xl1: bigint[] = [];
  for (let q = 0; q < P; q++) {
    let t = 0n;
    for (let c = 0; c < d; c++) {
      const k = K[c]![q]!;
      t += (k < 0n ? -k : k) * lift[c]!;
    }
    xl1.push(t);
  }
  const active = new Uint8Array(n * P);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (r.s[i] === 0) throw new DegenerateNeuronError(i, 'zero-outgoing-weight', where);
    const u = r.U.map((row) => exactDecimal(row[i]!));
    if (u.every((v) => v.isZero())) throw new DegenerateNeuronError(i, 'zero-incoming-weights', where);
    const Du = Math.max(0, ...u.map((v) => v.decimalPlaces()));
    const Ui = u.map((v, c) => BigInt(v.times(`1e${Du}`).toFixed(0)) * lift[c]! * tenRho);
    const rhoScaled = rhoInt * 10n ** BigInt(Du);
    let count = 0;
    for (let q = 0; q < P; q++) {
      const R = rhoScaled * xl1[q]!;
      if (R === 0n && xl1[q] === 0n) continue; // x_p = 0: relu(u·0) = 0 for every u
      let Z = 0n;
      for (let c = 0; c < d; c++) Z += Ui[c]! * K[c]![q]!;
      const absZ = Z < 0n ? -Z : Z;
      if (absZ <= R) {
        let z = exactDecimal(0);
        for (let c = 0; c < d; c++) z = z.plus(u[c]!.times(exactDecimal(X[q]![c]!)));
        const m = radius.times(X[q]!.reduce((t, v) => t.plus(exactDecimal(v).abs()), exactDecimal(0)));
        throw new KinkCrossingError(i, q, [z.minus(m).toString(), z.plus(m).toString()], `${where}, data point (${X[q]!.join(', ')})`);
      }
      if (Z > 0n) {
        active[i * P + q] = 1;
        count++;
      }
    }
    if (count === 0) throw new DegenerateNeuronError(i, 'never-active', where);
    counts.push(count);
  }
  return { active, counts };
}

export interface ReducedReluHessian {
  /** M = n·d, index i·d + c. */
  M: number;
  /** ∇²L̂ = numerators / denominator exactly; numerators row-major M×M, exact decimal strings, symmetric. */
  numerators: string[];
  denominator: string;
  /** The smallest double intervals containing each entry (lo = hi where the entry is a double). */
  lo: Float64Array;
  hi: Float64Array;
  pattern: ReluPattern;
}

/** Per coordinate c: x_pc = K_pc · 10^(−D_c) with integers K_pc. */
function scaledCoordinates(X: string[][], d: number): { K: bigint[][]; D: number[] } {
  const D: number[] = [];
  const K: bigint[][] = [];
  for (let c = 0; c < d; c++) {
    const col = X.map((row) => exactDecimal(row[c]!));
    const places = Math.max(0, ...col.map((v) => v.decimalPlaces()));
    D.push(places);
    K.push(col.map((v) => BigInt(v.times(`1e${places}`).toFixed(0))));
  }
  return { K, D };
}

/**
 * The exact Hessian of L̂ on the box {|u − ũ|∞ ≤ ρ}, after proving (reluPatternOnBox) that the
 * activation pattern is constant there, so that this one matrix is ∇²L̂ at every point of the box.
 * Guarantee: numerators[k·M + l] / denominator = ∂²L̂/∂u_k∂u_l exactly, for every u in the box, and
 * lo ≤ that value ≤ hi.
 */
export function reducedReluHessianOnBox(problem: FiniteDataProblem, r: ReducedReluPoint, rho: string): ReducedReluHessian {
  const pattern = reluPatternOnBox(problem, r, rho);
  const { d, P, X } = problem.data;
  const n = r.s.length;
  const M = n * d;
  const { K, D } = scaledCoordinates(X, d);
  const numerators = new Array<string>(M * M);
  const lo = new Float64Array(M * M);
  const hi = new Float64Array(M * M);
  const ar = decimalIntervals(40);
  const Pd = ar.point(P);
  const put = (k: number, l: number, value: Decimal): void => {
    const text = value.toString();
    numerators[k * M + l] = text;
    numerators[l * M + k] = text;
    const f = fromDecimalInterval(ar.div(ar.point(text), Pd));
    lo[k * M + l] = lo[l * M + k] = f.lo;
    hi[k * M + l] = hi[l * M + k] = f.hi;
  };
  const { active } = pattern;
  const LIMIT = 1n << 20n;
  const small = P < 4096 && K.every((col) => col.every((k) => k <= LIMIT && k >= -LIMIT));
  const Kn = K.map((col) => Float64Array.from(col, Number));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const sign = BigInt(r.s[i]! * r.s[j]!);
      for (let c = 0; c < d; c++) {
        for (let e = 0; e < d; e++) {
          const k = i * d + c;
          const l = j * d + e;
          if (l < k) continue;
          let sum: bigint | number;
          if (small) {
            // |K| ≤ 2^20 and P < 2^12: every partial sum is an integer below 2^52, exact in doubles.
            let t = 0;
            const kc = Kn[c]!;
            const ke = Kn[e]!;
            for (let q = 0; q < P; q++) if (active[i * P + q] && active[j * P + q]) t += kc[q]! * ke[q]!;
            sum = BigInt(t);
          } else {
            let t = 0n;
            for (let q = 0; q < P; q++) if (active[i * P + q] && active[j * P + q]) t += K[c]![q]! * K[e]![q]!;
            sum = t;
          }
          put(k, l, exactDecimal((sign * sum).toString()).times(`1e-${D[c]! + D[e]!}`));
        }
      }
    }
  }
  return { M, numerators, denominator: String(P), lo, hi, pattern };
}
