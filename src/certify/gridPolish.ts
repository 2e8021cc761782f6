/**
 * Newton polishing of a finite-data candidate in its chart (gridChart.ts): steps v ← v − H⁻¹ g
 * with H the float Hessian (factorised once per phase, Cholesky or LDLᵀ: minima and saddles alike)
 * and g first the Float64 gradient (down to float noise), then the midpoints of the precision-P
 * gradient enclosure. Same scheme as polish.ts for the population loss; the chart supplies the
 * objective. Nothing here is rigorous except `distanceUpper`: polishing only moves the centre of
 * the certificate, which is then proved from scratch.
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { midpointNorm, normUpper } from '../arith/intervalNorms.js';
import { decimalString, normaliseDecimalString } from './decimalStrings.js';
import { SymmetricFactor } from './floatFactor.js';
import { type GridChart, floatVector } from './gridChart.js';

export interface GridPolishResult {
  /** The polished coordinates (chart order), exact decimals with at most P significant digits. */
  v: string[];
  steps: number;
  /** Upper bound of the Euclidean distance (in the chart) from the original coordinates. */
  distanceUpper: string;
  /** Enclosures at the returned point (precision P). */
  enclosures: { loss: DecimalInterval; gradient: DecimalInterval[] };
  /** ‖mid ∇‖ after each decimal evaluation (informative). */
  gradNorms: number[];
  /** Whether the midpoint gradient norm reached the target 10^(−P+8). */
  converged: boolean;
  /** Seconds in the last evaluation (informative). */
  lastEvaluationSeconds: number;
}

const FLOAT_NOISE_LEVEL = 1e-13;

function norm2(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s);
}

/**
 * Polishes the exact coordinates v0. Stops at ‖mid ∇‖ ≤ 10^(−P+8), when a step does not decrease
 * it (the step is discarded), or after maxSteps decimal steps. Errors of the objective (e.g. a ReLU
 * kink reached by a step) end polishing at the last good point; at v0 itself they propagate.
 */
export function polishGridPoint(chart: GridChart, v0: readonly string[], precision: number, maxSteps = 6): GridPolishResult {
  const N = chart.N;
  const ar = decimalIntervals(precision);
  const target = Number(`1e${-precision + 8}`);
  const Round = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
  let steps = 0;
  let start = v0.slice();

  // Float phase.
  const x = floatVector(v0);
  const g = new Float64Array(N);
  let gNorm = (chart.floatGradient(x, g), norm2(g));
  if (gNorm > FLOAT_NOISE_LEVEL && Number.isFinite(gNorm)) {
    const factor = SymmetricFactor.of(chart.floatHessian(x), N);
    if (factor) {
      const delta = new Float64Array(N);
      const trial = new Float64Array(N);
      const gTrial = new Float64Array(N);
      let moved = false;
      for (let it = 0; it < 8 && gNorm > FLOAT_NOISE_LEVEL; it++) {
        factor.solve(g, delta);
        for (let p = 0; p < N; p++) trial[p] = x[p]! - delta[p]!;
        const t = chart.floatGradient(trial, gTrial);
        const tn = norm2(gTrial);
        if (!Number.isFinite(t) || !(tn <= gNorm / 2)) break;
        x.set(trial);
        g.set(gTrial);
        gNorm = tn;
        moved = true;
        steps++;
      }
      if (moved) start = Array.from(x, (v) => normaliseDecimalString(exactDecimalOfDouble(v)));
    }
  }

  // Decimal phase.
  const evaluate = (v: readonly string[]) => {
    const t0 = performance.now();
    const enc = chart.enclosures(ar, v);
    return { enc, seconds: (performance.now() - t0) / 1000 };
  };
  let current = { v: start, ...evaluate(start) };
  const gradNorms = [midpointNorm(ar, current.enc.gradient)];
  let decimalSteps = 0;
  if (gradNorms[0]! > target && maxSteps > 0) {
    const factor = SymmetricFactor.of(chart.floatHessian(floatVector(start)), N);
    if (factor) {
      const rhs = new Float64Array(N);
      const delta = new Float64Array(N);
      while (decimalSteps < maxSteps && gradNorms[gradNorms.length - 1]! > target) {
        for (let p = 0; p < N; p++) rhs[p] = ar.mid(current.enc.gradient[p]!).toNumber();
        factor.solve(rhs, delta);
        if (!delta.every((v) => Number.isFinite(v))) break;
        const v = current.v.map((s, p) => decimalString(new Round(s).minus(exactDecimalOfDouble(delta[p]!))));
        let next: ReturnType<typeof evaluate>;
        try {
          next = evaluate(v);
        } catch {
          break;
        }
        const nn = midpointNorm(ar, next.enc.gradient);
        if (!(nn < gradNorms[gradNorms.length - 1]!)) break;
        current = { v, ...next };
        gradNorms.push(nn);
        decimalSteps++;
      }
    }
  }
  steps += decimalSteps;
  return {
    v: current.v,
    steps,
    distanceUpper: steps === 0 ? '0' : vectorDistanceUpper(precision, v0, current.v),
    enclosures: current.enc,
    gradNorms,
    converged: gradNorms[gradNorms.length - 1]! <= target,
    lastEvaluationSeconds: current.seconds,
  };
}

/** ‖x − y‖₂ rounded up to 6 significant digits (outward-rounded differences, normUpper). */
export function vectorDistanceUpper(precision: number, x: readonly string[], y: readonly string[]): string {
  const ar = decimalIntervals(precision);
  const r = normUpper(ar, x.map((s, p) => ar.sub(ar.point(s), ar.point(y[p]!))));
  return decimalString(r.toSignificantDigits(6, Decimal.ROUND_UP));
}
