/**
 * Rigorous enclosures of the finite-data loss L and its gradient (gridData.ts, DESIGN.md §7) at a
 * point given by exact decimal strings, in decimal interval arithmetic at `ar.precision`:
 *   r_p = Σ_i a_i σ(z_ip) − y_p,   L = (1/(2P)) Σ_p r_p²,
 *   ∂L/∂a_i = (1/P) Σ_p r_p σ(z_ip),   ∂L/∂w_ic = (a_i/P) Σ_p r_p σ′(z_ip) x_pc.
 * Teacher labels y_p are enclosed by the same code applied to the teacher network.
 *
 * Sigmoid (never Math.exp): σ(z) = 1/(1 + E), 1 − σ(z) = E/(1 + E), σ′ = σ(1 − σ), with
 * E = e^(−z) = Π_c e^(−w_c x_pc). Each factor depends only on which value x_pc takes; the factors
 * are decimal.js exp enclosures (expEnclosure: correctly rounded exp under directed rounding, one
 * more unit outward). On a lattice coordinate (x = step·k, gridData.ts) they are powers
 * e^(−w·step·k) = (e^(−w·step))^k, enclosed by repeated interval multiplication from the entry
 * nearest k = 0 (a product of intervals contains the product of any members, so the k-th power of
 * an enclosure of e^(−w·step) encloses e^(−w·step·k)). E ↦ 1/(1+E) is decreasing and E ↦ E/(1+E)
 * increasing on E > 0, so their enclosures are the images of E's ends, rounded outward.
 * ReLU: z_ip is enclosed by an interval dot product (exact at the point when the precision
 * holds all digits); relu is increasing; relu′ = 1 when z > 0, 0 when z < 0, and where the
 * argument is not proved nonzero the gradient refuses with KinkCrossingError, unless the term
 * vanishes identically (a_i = 0 exactly, or x_p = 0, where a_i relu(w_iᵀx_p) is constant in w_i).
 *
 * Guarantee of every function here: each returned interval contains the exact value, because every
 * step is an interval extension (outward-rounded decimal +, −, ×, ÷ and exp enclosures) of an
 * identity for that value.
 */
import {
  DecimalInterval,
  exactDecimal,
  type DecimalIntervalArithmetic,
} from '../arith/decimalInterval.js';
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

interface ProblemCache {
  tables: CoordinateTable[];
  /** x_p is exactly 0 (every coordinate). */
  zeroPoint: Uint8Array;
  /** Mirror pairs (x_p̄ = −x_p) and the other points (gridData.ts mirrorPairs). */
  pairs: Int32Array;
  singles: Int32Array;
  /** Per precision: data points as point intervals (P·d) and the label enclosures (P). */
  x: Map<number, DecimalInterval[]>;
  labels: Map<number, DecimalInterval[]>;
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
      labels: new Map(),
    };
    caches.set(problem, c);
  }
  return c;
}

function dataIntervals(ar: DecimalIntervalArithmetic, problem: FiniteDataProblem): DecimalInterval[] {
  const c = cacheOf(problem);
  let x = c.x.get(ar.precision);
  if (!x) {
    x = [];
    for (const row of problem.data.X) for (const s of row) x.push(ar.point(s));
    c.x.set(ar.precision, x);
  }
  return x;
}

/** Enclosures of σ(z_ip) (and σ′(z_ip), null where ReLU's argument is not proved nonzero), p-major (p·n + i). */
interface Activations {
  S: DecimalInterval[];
  D: (DecimalInterval | null)[];
  /** ReLU only: the argument enclosures (for error messages). */
  Z?: DecimalInterval[];
}

/** Enclosures of e^(−w·v_j) for every entry v_j of one coordinate's table. */
function expTable(ar: DecimalIntervalArithmetic, w: DecimalInterval, table: CoordinateTable): DecimalInterval[] {
  const out = new Array<DecimalInterval>(table.values.length);
  const one = ar.point(1);
  if (!table.lattice) {
    table.values.forEach((v, j) => (out[j] = ar.exp(ar.neg(ar.mul(w, ar.point(v))))));
    return out;
  }
  const step = ar.point(table.lattice.step);
  const kMin = table.lattice.kMin;
  const anchor = Math.min(Math.max(-kMin, 0), out.length - 1);
  const kAnchor = kMin + anchor;
  out[anchor] = kAnchor === 0 ? one : ar.exp(ar.neg(ar.mul(w, ar.mul(step, ar.point(kAnchor)))));
  const up = ar.exp(ar.neg(ar.mul(w, step)));
  const down = ar.exp(ar.mul(w, step));
  for (let j = anchor + 1; j < out.length; j++) out[j] = ar.mul(out[j - 1]!, up);
  for (let j = anchor - 1; j >= 0; j--) out[j] = ar.mul(out[j + 1]!, down);
  return out;
}

function activationEnclosures(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  W: string[][],
  n: number,
  derivative: boolean,
): Activations {
  const { d, P } = problem.data;
  const S = new Array<DecimalInterval>(P * n);
  const D = new Array<DecimalInterval | null>(derivative ? P * n : 0);
  if (problem.activation === 'relu') {
    const x = dataIntervals(ar, problem);
    const Z = new Array<DecimalInterval>(P * n);
    const zero = ar.point(0);
    const one = ar.point(1);
    for (let i = 0; i < n; i++) {
      const w: DecimalInterval[] = [];
      for (let c = 0; c < d; c++) w.push(ar.point(W[c]![i]!));
      for (let q = 0; q < P; q++) {
        const z = ar.dot(w, x.slice(q * d, q * d + d));
        Z[q * n + i] = z;
        const lo = z.lo.s > 0 ? z.lo : zero.lo;
        const hi = z.hi.s > 0 ? z.hi : zero.hi;
        S[q * n + i] = new DecimalInterval(lo, hi);
        if (derivative) D[q * n + i] = ar.certainlyPositive(z) ? one : ar.certainlyNegative(z) ? zero : null;
      }
    }
    return { S, D, Z };
  }
  const { tables, pairs, singles } = cacheOf(problem);
  const Down = ar.Down;
  const Up = ar.Up;
  const oneDown = new Down(1);
  const oneUp = new Up(1);
  for (let i = 0; i < n; i++) {
    const factors = tables.map((t, c) => expTable(ar, ar.point(W[c]![i]!), t));
    // For a mirror pair, e^(−z(x̄)) = 1/E, so σ(x̄) = 1 − σ(x) and 1 − σ(x̄) = σ(x): one E serves both.
    const one = (q: number, mirror: number): void => {
      let E = factors[0]![tables[0]!.index[q]!]!;
      for (let c = 1; c < d; c++) E = ar.mul(E, factors[c]![tables[c]!.index[q]!]!);
      // σ = 1/(1+E) (decreasing in E), 1 − σ = E/(1+E) (increasing in E).
      const s = new DecimalInterval(ar.divDown(oneDown, ar.addUp(oneUp, E.hi)), ar.divUp(oneUp, ar.addDown(oneDown, E.lo)));
      const sBar = new DecimalInterval(ar.divDown(E.lo, ar.addUp(oneUp, E.lo)), ar.divUp(E.hi, ar.addDown(oneDown, E.hi)));
      S[q * n + i] = s;
      if (mirror >= 0) S[mirror * n + i] = sBar;
      if (derivative) {
        const ds = ar.mul(s, sBar);
        D[q * n + i] = ds;
        if (mirror >= 0) D[mirror * n + i] = ds;
      }
    };
    for (let k = 0; k < pairs.length; k += 2) one(pairs[k]!, pairs[k + 1]!);
    for (const q of singles) one(q, -1);
  }
  return { S, D };
}

/** Enclosures of the network outputs f(x_p) = Σ_i a_i σ(w_iᵀx_p), p = 0 … P−1. */
export function outputsEnclosure(
  ar: DecimalIntervalArithmetic,
  problem: FiniteDataProblem,
  W: string[][],
  a: string[],
): DecimalInterval[] {
  const n = a.length;
  const { S } = activationEnclosures(ar, problem, W, n, false);
  const av = a.map((s) => ar.point(s));
  const out: DecimalInterval[] = [];
  for (let q = 0; q < problem.data.P; q++) out.push(ar.dot(av, S.slice(q * n, q * n + n)));
  return out;
}

/** Enclosures of the labels y_p (given labels as point intervals, or the teacher's outputs), cached per precision. */
export function labelEnclosures(ar: DecimalIntervalArithmetic, problem: FiniteDataProblem): DecimalInterval[] {
  const c = cacheOf(problem);
  let y = c.labels.get(ar.precision);
  if (!y) {
    const t = problem.teacher;
    y = problem.data.y ? problem.data.y.map((s) => ar.point(s)) : outputsEnclosure(ar, problem, t!.W, t!.a);
    c.labels.set(ar.precision, y);
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
  for (const p of c.labels.keys()) if (p >= minPrecision && (best === undefined || p > best)) best = p;
  return best === undefined ? undefined : c.labels.get(best);
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
  const { d, P } = problem.data;
  const act = activationEnclosures(ar, problem, pt.W, n, wantGradient);
  const y = labelEnclosures(ar, problem);
  const av = pt.a.map((s) => ar.point(s));
  const r: DecimalInterval[] = [];
  for (let q = 0; q < P; q++) r.push(ar.sub(ar.dot(av, act.S.slice(q * n, q * n + n)), y[q]!));
  const invP = ar.div(ar.point(1), ar.point(P));
  const loss = ar.mul(ar.sum(r.map((v) => ar.sqr(v))), ar.div(invP, ar.point(2)));
  if (!wantGradient) return { loss };
  const { zeroPoint, tables } = cacheOf(problem);
  const gradient = new Array<DecimalInterval>(n * (d + 1));
  const zero = ar.point(0);
  for (let i = 0; i < n; i++) {
    const Si: DecimalInterval[] = [];
    for (let q = 0; q < P; q++) Si.push(act.S[q * n + i]!);
    gradient[aIndex(i, d)] = ar.mul(ar.dot(r, Si), invP);
    if (exactDecimal(pt.a[i]!).isZero()) {
      // a_i = 0: f does not depend on w_i at all, so ∂L/∂w_i = 0 exactly.
      for (let c = 0; c < d; c++) gradient[wIndex(i, c, d)] = zero;
      continue;
    }
    const t: DecimalInterval[] = [];
    for (let q = 0; q < P; q++) {
      const Dq = act.D[q * n + i];
      if (Dq === null || Dq === undefined) {
        if (zeroPoint[q]) {
          t.push(zero); // x_p = 0: the term is multiplied by x_pc = 0.
          continue;
        }
        const z = act.Z![q * n + i]!;
        throw new KinkCrossingError(i, q, [z.lo.toString(), z.hi.toString()], 'rigorous gradient at the point');
      }
      t.push(ar.mul(r[q]!, Dq));
    }
    for (let c = 0; c < d; c++) {
      // Σ_p t_p x_pc = Σ_j v_j Σ_{p: x_pc = v_j} t_p: sum t per distinct value first.
      const table = tables[c]!;
      const groups: DecimalInterval[][] = table.values.map(() => []);
      for (let q = 0; q < P; q++) groups[table.index[q]!]!.push(t[q]!);
      const sums: DecimalInterval[] = [];
      const values: DecimalInterval[] = [];
      groups.forEach((g, j) => {
        if (g.length === 0) return;
        sums.push(ar.sum(g));
        values.push(ar.point(table.values[j]!));
      });
      gradient[wIndex(i, c, d)] = ar.mul(ar.mul(av[i]!, ar.dot(sums, values)), invP);
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
