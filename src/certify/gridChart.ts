/**
 * The coordinates in which a finite-data point is certified (DESIGN.md §7):
 *  - 'theta' (sigmoid): θ = (w_1, a_1, …, w_n, a_n), N = n(d+1), the loss L itself;
 *  - 'reduced-relu' (ReLU): u_i = |a_i| w_i with the signs s_i = sign a_i fixed, N = n·d, the loss
 *    L̂(u) = L(s, u) (gridReluReduced.ts). A point of this chart is written as θ with W = U and
 *    a = s (each a_i = ±1), at which L equals L̂(u) and ∂L/∂w_i = ∂L̂/∂u_i.
 * One object per (problem, point) bundles the float and rigorous evaluations in that chart, so
 * polishing and the proofs do not branch on the activation. Vectors are exact decimal strings
 * (rigorous side) or doubles (float side), in the chart's order.
 */
import type { DecimalInterval, DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import { exactDecimal } from '../arith/decimalInterval.js';
import { type FiniteDataPoint, type FiniteDataProblem, aIndex, wIndex } from '../objective/gridData.js';
import {
  type GridFloatProblem,
  gridFloatProblem,
  gridGradientFloat,
  gridHessianFloat,
  reducedReluGradientFloat,
  reducedReluHessianFloat,
} from '../objective/gridFloat.js';
import { reducedReluLossGradientEnclosure, reducedReluPoint } from '../objective/gridReluReduced.js';
import { gridLossGradientEnclosure } from '../objective/gridRigorous.js';

export type ChartKind = 'theta' | 'reduced-relu';

export interface GridChart {
  kind: ChartKind;
  problem: FiniteDataProblem;
  fp: GridFloatProblem;
  d: number;
  n: number;
  /** Dimension of the chart. */
  N: number;
  /** The exact coordinates of a point (chart order). */
  vectorOf(pt: FiniteDataPoint): string[];
  /** The point of exact coordinates (for 'reduced-relu': W = U, a = s). */
  pointOf(v: readonly string[]): FiniteDataPoint;
  /** Float loss and gradient (into `out`). */
  floatGradient(v: Float64Array, out: Float64Array): number;
  /** Float Hessian, N×N row-major. */
  floatHessian(v: Float64Array): Float64Array;
  /** Rigorous loss and gradient enclosures at the exact coordinates (precision of `ar`). */
  enclosures(ar: DecimalIntervalArithmetic, v: readonly string[]): { loss: DecimalInterval; gradient: DecimalInterval[] };
}

/** The chart of `problem` for points of width n; for ReLU the signs s of the point `at` (a_i = 0 gives s_i = 0). */
export function gridChartOf(problem: FiniteDataProblem, at: FiniteDataPoint): GridChart {
  const d = problem.data.d;
  const n = at.a.length;
  const fp = gridFloatProblem(problem, n);
  if (problem.activation === 'sigmoid') {
    return {
      kind: 'theta',
      problem,
      fp,
      d,
      n,
      N: n * (d + 1),
      vectorOf: (pt) => {
        const v = new Array<string>(n * (d + 1));
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < d; c++) v[wIndex(i, c, d)] = pt.W[c]![i]!;
          v[aIndex(i, d)] = pt.a[i]!;
        }
        return v;
      },
      pointOf: (v) => ({
        W: Array.from({ length: d }, (_, c) => Array.from({ length: n }, (_, i) => v[wIndex(i, c, d)]!)),
        a: Array.from({ length: n }, (_, i) => v[aIndex(i, d)]!),
      }),
      floatGradient: (v, out) => gridGradientFloat(fp, v, out),
      floatHessian: (v) => gridHessianFloat(fp, v),
      enclosures: (ar, v) => gridLossGradientEnclosure(ar, problem, {
        W: Array.from({ length: d }, (_, c) => Array.from({ length: n }, (_, i) => v[wIndex(i, c, d)]!)),
        a: Array.from({ length: n }, (_, i) => v[aIndex(i, d)]!),
      }),
    };
  }
  const s = at.a.map((x) => {
    const a = exactDecimal(x);
    return a.isZero() ? 0 : a.isNegative() ? -1 : 1;
  });
  const sInt = Int8Array.from(s);
  const U = (v: readonly string[]) => Array.from({ length: d }, (_, c) => Array.from({ length: n }, (_, i) => v[i * d + c]!));
  return {
    kind: 'reduced-relu',
    problem,
    fp,
    d,
    n,
    N: n * d,
    vectorOf: (pt) => {
      const r = reducedReluPoint(problem, pt);
      const v = new Array<string>(n * d);
      for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) v[i * d + c] = r.U[c]![i]!;
      return v;
    },
    pointOf: (v) => ({ W: U(v), a: s.map(String) }),
    floatGradient: (v, out) => reducedReluGradientFloat(fp, v, sInt, out),
    floatHessian: (v) => reducedReluHessianFloat(fp, v, sInt),
    enclosures: (ar, v) => reducedReluLossGradientEnclosure(ar, problem, { s, U: U(v) }),
  };
}

/** Exact coordinates rounded to doubles. */
export function floatVector(v: readonly string[]): Float64Array {
  return Float64Array.from(v, Number);
}
