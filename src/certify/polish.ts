/**
 * Newton polishing of a candidate (DESIGN.md §4, "Polishing"). Newton steps W ← W − H⁻¹ ∇F(W)
 * with the linear solve in Float64 and a float Hessian factorised once per phase: first a
 * float phase (Float64 gradient, Hessian at the original point) down to float noise, then a
 * decimal phase (gradient = midpoints of the precision-P enclosure, reluRigorous.ts: one
 * implementation of the formula per arithmetic) with the Hessian refactorised once at the end
 * of the float phase. Because that Hessian is accurate to float precision at the critical
 * point, each decimal step gains ~13 digits (a Hessian from 1e-8 away gains only ~7), so three
 * decimal gradient evaluations — the expensive part — usually reach 10^(−P+6).
 *
 * Nothing here is rigorous except `distanceUpper`: polishing only moves the centre of the ball;
 * the certificate then proves everything about that centre from scratch.
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { gradientFloat, hessianFloat, makeProblem, type ReluProblem } from '../objective/reluFloat.js';
import { midpointNorm, normUpper } from '../arith/intervalNorms.js';
import { lossAndGradientEnclosure, type ExactPoint } from '../objective/reluRigorous.js';
import { decimalString, normaliseDecimalString } from './decimalStrings.js';
import { SymmetricFactor } from './floatFactor.js';

export interface PolishOptions {
  /** Decimal precision P of the gradient and of the polished coordinates (significant digits). */
  precision: number;
  /** At most this many Newton steps (default 6). */
  maxSteps?: number;
  /**
   * Up to this order N the decimal phase always refactorises after the float phase moved the
   * point (default EAGER_REFACTOR_MAX_ORDER); above it, only when needed (see polishPoint).
   */
  eagerRefactorMaxOrder?: number;
}

/** The loss and gradient enclosures at one point (precision P), as reluRigorous.ts returns them. */
export interface PointEnclosures {
  loss: DecimalInterval;
  gradient: DecimalInterval[];
  /** pointDigest of the point they enclose F and ∇F at. */
  at: string;
}

export interface PolishResult {
  /** The polished centre, d×n decimal strings with at most P significant digits. */
  W: string[][];
  /** Newton steps accepted, float and decimal (0: the original point is returned unchanged). */
  steps: number;
  /**
   * Upper bound of ‖W − W_original‖_F. Rigorous: the differences are enclosed in decimal
   * interval arithmetic and normUpper rounds every square, sum and root upward.
   */
  distanceUpper: string;
  /** ‖midpoint of the gradient enclosure‖ (a float, informative) at the start of the decimal phase and after each decimal step. */
  gradNorms: number[];
  /** The enclosures at the returned centre (precision P), so the caller need not recompute them. */
  enclosures: PointEnclosures;
  /** Seconds spent in the last enclosure evaluation (the one returned in `enclosures`). */
  lastEvaluationSeconds: number;
  /** Number of float Hessian factorisations made (each costs ~N³/3 flops). */
  factorizations: number;
  /** How the float Hessian was factorised ('none': polishing skipped because it could not be). */
  factorization: 'cholesky' | 'ldlt' | 'none';
  /**
   * The float Hessian used by the decimal phase and its factorisation, taken at a point within
   * STALE_HESSIAN_MAX_MOVE (1e-6) of the returned centre, usually within float noise
   * (reusable for a float eigenvalue estimate there).
   */
  hessian?: { H: Float64Array; factor: SymmetricFactor };
}

/** The Float64 problem of an exact point (teacher rounded to doubles; for non-rigorous work only). */
export function floatProblemOf(pt: ExactPoint): ReluProblem {
  const v = new Float64Array(pt.k * pt.d);
  for (let a = 0; a < pt.d; a++) for (let j = 0; j < pt.k; j++) v[j * pt.d + a] = Number(pt.V[a]![j]!);
  return makeProblem(pt.d, pt.n, v);
}

/** The student of an exact point rounded to doubles, neuron-major. */
export function floatPointOf(pt: ExactPoint): Float64Array {
  const w = new Float64Array(pt.n * pt.d);
  for (let a = 0; a < pt.d; a++) for (let i = 0; i < pt.n; i++) w[i * pt.d + a] = Number(pt.W[a]![i]!);
  return w;
}

function now(): number {
  return performance.now() / 1000;
}

function evaluate(precision: number, pt: ExactPoint): { enc: PointEnclosures; seconds: number } {
  const t0 = now();
  const enc = lossAndGradientEnclosure(decimalIntervals(precision), pt);
  return { enc, seconds: now() - t0 };
}

/**
 * Up to this order a float factorisation costs less than one decimal gradient evaluation
 * (measured: N = 400, 10 ms vs 0.3 s; N = 2 500, 1.5–2.7 s vs 2–3.6 s; N = 10 000, ~75 s vs
 * ~18 s), so the decimal phase always refactorises after the float phase moved the point.
 */
const EAGER_REFACTOR_MAX_ORDER = 2500;

/**
 * Above EAGER_REFACTOR_MAX_ORDER, a float-phase move up to this (Frobenius) keeps the first
 * Hessian: its error ≈ L₃·move then still lets a Newton step gain ≈ −log10(move·L₃/λ) ≳ 6
 * digits for the curvatures seen so far, and a step that gains fewer triggers a refactorisation.
 */
const STALE_HESSIAN_MAX_MOVE = 1e-6;

/** Float gradient norms at or below this are float noise: the float phase stops there. */
const FLOAT_NOISE_LEVEL = 1e-13;

function norm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/**
 * Polishes `pt` (see module comment) in two phases.
 * Float phase: while the float gradient is above float noise, Newton steps in Float64 with the
 * Hessian at the original point (each must halve the float gradient norm, else it is undone).
 * Decimal phase: Newton steps with the decimal gradient (midpoints of the precision-P enclosure)
 * and the float Hessian refactorised once at the start of this phase (at the end of the float
 * phase, so the Hessian is accurate to float precision and each step gains ~13 digits). Above
 * order eagerRefactorMaxOrder, where a factorisation costs several decimal gradients, a float
 * phase that moved the point by ≤ 1e-6 keeps the first factorisation and refactorises only if a
 * step gains fewer than 6 digits or fails.
 * Stops when the gradient norm is ≤ 10^(−P+6), when a step no longer decreases it (that step is
 * discarded), or after maxSteps decimal steps. Throws what the objective throws at a point
 * outside Ω (SmoothDomainError, NonSmoothPointError).
 */
export function polishPoint(pt: ExactPoint, opts: PolishOptions): PolishResult {
  const P = opts.precision;
  const maxSteps = opts.maxSteps ?? 6;
  const eagerMax = opts.eagerRefactorMaxOrder ?? EAGER_REFACTOR_MAX_ORDER;
  let factorizations = 0;
  const { d, n } = pt;
  const N = n * d;
  const target = Number(`1e${-P + 6}`);
  const Round = Decimal.clone({ precision: P, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
  const problem = floatProblemOf(pt);
  let factorization: PolishResult['factorization'] = 'none';
  let steps = 0;
  let start = pt.W;
  let hessianAtStart: { H: Float64Array; factor: SymmetricFactor } | undefined;
  /** hessianAtStart was taken at the original point, not at the start of the decimal phase. */
  let staleHessian = false;

  // Float phase.
  if (maxSteps > 0) {
    const w = floatPointOf(pt);
    const g = new Float64Array(N);
    gradientFloat(problem, w, g);
    let gNorm = norm2(g);
    if (gNorm > FLOAT_NOISE_LEVEL && Number.isFinite(gNorm)) {
      const H0 = hessianFloat(problem, w);
      const factor = SymmetricFactor.of(H0, N);
      factorizations++;
      if (factor) {
        factorization = factor.kind;
        hessianAtStart = { H: H0, factor };
        const delta = new Float64Array(N);
        const trial = new Float64Array(N);
        const gTrial = new Float64Array(N);
        let moved = false;
        for (let it = 0; it < 8 && gNorm > FLOAT_NOISE_LEVEL; it++) {
          factor.solve(g, delta);
          for (let p = 0; p < N; p++) trial[p] = w[p]! - delta[p]!;
          let gTrialNorm: number;
          try {
            gradientFloat(problem, trial, gTrial);
            gTrialNorm = norm2(gTrial);
          } catch {
            break;
          }
          if (!(gTrialNorm <= gNorm / 2)) break;
          w.set(trial);
          g.set(gTrial);
          gNorm = gTrialNorm;
          moved = true;
          steps++;
        }
        if (moved) {
          start = neuronMajorToStrings(w, d, n);
          // The decimal phase refactorises at the new start, unless that is expensive and the
          // float phase moved so little that the Hessian at the original point still gains
          // several digits per step; a step that then gains fewer than 6 triggers the refactorisation.
          let moveSq = 0;
          const w0 = floatPointOf(pt);
          for (let p = 0; p < N; p++) moveSq += (w[p]! - w0[p]!) ** 2;
          if (N <= eagerMax || !(Math.sqrt(moveSq) <= STALE_HESSIAN_MAX_MOVE)) hessianAtStart = undefined;
          else staleHessian = true;
        }
      }
    }
  }

  // Decimal phase.
  let current = { W: start, ...evaluate(P, { ...pt, W: start }) };
  const gradNorms = [midpointNorm(decimalIntervals(P), current.enc.gradient)];
  let decimalSteps = 0;
  if (gradNorms[0]! > target && maxSteps > 0) {
    if (!hessianAtStart) {
      const H1 = hessianFloat(problem, floatPointOf({ ...pt, W: start }));
      const f1 = SymmetricFactor.of(H1, N);
      factorizations++;
      if (f1) hessianAtStart = { H: H1, factor: f1 };
    }
    let factor = hessianAtStart?.factor;
    if (factor) {
      if (factorization === 'none') factorization = factor.kind;
      const rhs = new Float64Array(N);
      const delta = new Float64Array(N);
      const refactorAtCurrent = (): boolean => {
        staleHessian = false;
        const H2 = hessianFloat(problem, floatPointOf({ ...pt, W: current.W }));
        const f2 = SymmetricFactor.of(H2, N);
        factorizations++;
        if (!f2) return false;
        hessianAtStart = { H: H2, factor: f2 };
        factor = f2;
        return true;
      };
      while (decimalSteps < maxSteps && gradNorms[gradNorms.length - 1]! > target) {
        const ar = decimalIntervals(P);
        for (let p = 0; p < N; p++) rhs[p] = ar.mid(current.enc.gradient[p]!).toNumber();
        factor.solve(rhs, delta);
        if (!delta.every((x) => Number.isFinite(x))) break;
        const W: string[][] = [];
        for (let a = 0; a < d; a++) {
          const row: string[] = [];
          for (let i = 0; i < n; i++) {
            // W − δ with δ taken at its exact binary value, rounded to P significant digits.
            const x = new Round(current.W[a]![i]!).minus(exactDecimalOfDouble(delta[i * d + a]!));
            row.push(decimalString(x));
          }
          W.push(row);
        }
        let next: { enc: PointEnclosures; seconds: number };
        try {
          next = evaluate(P, { ...pt, W });
        } catch {
          if (staleHessian && refactorAtCurrent()) continue;
          break; // the step left Ω: keep the last good point
        }
        const norm = midpointNorm(decimalIntervals(P), next.enc.gradient);
        const previous = gradNorms[gradNorms.length - 1]!;
        if (!(norm < previous)) {
          if (staleHessian && refactorAtCurrent()) continue;
          break;
        }
        current = { W, ...next };
        gradNorms.push(norm);
        decimalSteps++;
        if (staleHessian && norm > previous * 1e-6 && norm > target && !refactorAtCurrent()) break;
      }
    }
  }
  steps += decimalSteps;

  return {
    W: current.W,
    steps,
    distanceUpper: steps === 0 ? '0' : distanceUpper(P, pt.W, current.W),
    gradNorms,
    enclosures: current.enc,
    lastEvaluationSeconds: current.seconds,
    factorizations,
    factorization,
    ...(hessianAtStart && decimalSteps > 0 ? { hessian: hessianAtStart } : {}),
  };
}

/** A neuron-major double vector as exact decimal strings (d×n). */
function neuronMajorToStrings(w: Float64Array, d: number, n: number): string[][] {
  const W: string[][] = [];
  for (let a = 0; a < d; a++) {
    const row: string[] = [];
    for (let i = 0; i < n; i++) row.push(normaliseDecimalString(exactDecimalOfDouble(w[i * d + a]!)));
    W.push(row);
  }
  return W;
}

/**
 * Upper bound of ‖A − B‖_F for two exact decimal matrices: each difference is enclosed by
 * outward-rounded subtraction, then normUpper bounds the norm from above.
 */
export function distanceUpper(precision: number, A: string[][], B: string[][]): string {
  const ar = decimalIntervals(precision);
  const diffs: DecimalInterval[] = [];
  for (let a = 0; a < A.length; a++) {
    for (let i = 0; i < A[a]!.length; i++) diffs.push(ar.sub(ar.point(A[a]![i]!), ar.point(B[a]![i]!)));
  }
  const r = normUpper(ar, diffs);
  return decimalString(r.toSignificantDigits(6, Decimal.ROUND_UP));
}
