/**
 * Newton polishing in the G-fixed subspace (DESIGN.md §9): the unknowns are the f free values of
 * the compact form, the residual is the reduced gradient r_α = ∂F/∂vals_α = (orbit size)·(common
 * value of ∂F/∂W_ai on the orbit), from the decimal enclosure at precision P (midpoints), and the
 * Jacobian ∂r/∂vals is the trivial-type block of the Hessian (isotypic.ts: φ_αᵀ∇²F φ_β with φ the
 * orbit indicators), in floats from the orbit Hessian at ρ = 0. Every iterate is written as exact
 * decimal strings with P significant digits, so the centre is exactly G-fixed; by symmetric
 * criticality a zero of the reduced gradient is a critical point of F (F(PWPᵀ) = F(W) makes ∇F at a
 * G-fixed point G-fixed, i.e. constant on each orbit, so r = 0 forces ∇F = 0).
 *
 * Nothing here is rigorous except `distanceUpper` (exact squared distance by orbit counts, verified
 * square root rounded up): polishing only moves the centre; certifyCompact proves the rest there.
 */
import { Decimal } from 'decimal.js';
import { Matrix, solve } from 'ml-matrix';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { decimalString } from '../certify/decimalStrings.js';
import { freeEntries } from '../io/compactForm.js';
import { type ExactCompactPoint, normaliseCompactPoint, sqrtUpper, squaredDistanceCompact } from './compactPoint.js';
import { HessianOrbits } from './group.js';
import { blockMatrixFloat, isotypicBlocks, type IsotypicBlock } from './isotypic.js';
import { orbitHessianEnclosure } from './orbitHessian.js';
import { gradientNormMid, reducedLossAndGradient, type ReducedEnclosures } from './reducedGradient.js';

export interface CompactPolishOptions {
  /** Decimal precision P of the gradient and of the polished values (significant digits). */
  precision: number;
  /** At most this many Newton steps (default 8). */
  maxSteps?: number;
  /** Decimal precision of the orbit Hessian behind the Jacobian (default: orbitHessian's default). */
  hessianPrecision?: number;
  orbits?: HessianOrbits;
  /** The trivial-type block of isotypicBlocks(orbits) (computed if absent). */
  trivialBlock?: IsotypicBlock;
}

export interface CompactPolishResult {
  /** The polished centre (exact strings, at most P significant digits per value). */
  centre: ExactCompactPoint;
  /** Newton steps accepted. */
  steps: number;
  /** Upper bound of ‖W_centre − W_start‖_F (rigorous). */
  distanceUpper: string;
  /** ‖mid ∇F‖_F (float, informative) at the start and after each accepted step. */
  gradNorms: number[];
  /** Loss and gradient enclosures at the centre (precision P). */
  enclosures: ReducedEnclosures;
  /** Number of Jacobians (orbit Hessians) computed. */
  jacobians: number;
}

/** A Jacobian gaining fewer than this many orders of magnitude per step is recomputed. */
const REFRESH_BELOW_GAIN = 1e-12;
/** A full Newton step that does not decrease the gradient norm (fresh Jacobian) is halved up to this many times. */
const MAX_HALVINGS = 20;

/**
 * Polishes `start` (see module comment). A step that does not decrease ‖mid ∇F‖ is retried with a
 * fresh Jacobian, then halved (damped Newton). Stops when ‖∇F‖ ≤ 10^(−P+6), when no halved step
 * decreases it, or after maxSteps steps. Throws SmoothDomainError
 * when the start is outside Ω; a step that leaves Ω is discarded.
 */
export function polishCompact(start0: ExactCompactPoint, opts: CompactPolishOptions): CompactPolishResult {
  const P = opts.precision;
  const ar = decimalIntervals(P);
  const start = normaliseCompactPoint(start0);
  const maxSteps = opts.maxSteps ?? 8;
  const orbits = opts.orbits ?? new HessianOrbits(start.p);
  const trivial = opts.trivialBlock ?? isotypicBlocks(orbits)[0]!;
  const free = freeEntries(start.p);
  const target = Number(`1e${-P + 6}`);
  const Round = Decimal.clone({ precision: P, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

  let current = { pt: start, enc: reducedLossAndGradient(ar, start) };
  const gradNorms = [gradientNormMid(ar, current.enc)];
  let jacobian: { J: Matrix; fresh: boolean } | undefined;
  let jacobians = 0;
  const jacobianAt = (pt: ExactCompactPoint): Matrix => {
    jacobians++;
    const values = orbitHessianEnclosure(pt, '0', { precision: opts.hessianPrecision, orbits }).midpoints();
    return new Matrix(blockMatrixFloat(trivial, values));
  };
  /** The iterate current − t·delta (exact decimal strings of P digits) and its gradient norm (∞ outside Ω). */
  const trial = (delta: number[], t: number): { pt: ExactCompactPoint; enc?: ReducedEnclosures; norm: number } => {
    const vals = current.pt.vals.map((row) => [...row]);
    free.forEach(({ i, j }, q) => {
      vals[i]![j] = decimalString(new Round(vals[i]![j]!).minus(exactDecimalOfDouble(t * delta[q]!)));
    });
    const pt = { p: start.p, vals };
    try {
      const enc = reducedLossAndGradient(ar, pt);
      return { pt, enc, norm: gradientNormMid(ar, enc) };
    } catch {
      return { pt, norm: Infinity }; // the step left Ω
    }
  };
  let steps = 0;
  while (steps < maxSteps && gradNorms[gradNorms.length - 1]! > target) {
    if (!jacobian) jacobian = { J: jacobianAt(current.pt), fresh: true };
    const r = current.enc.gradient.map((g, q) => ar.mid(g).toNumber() * current.enc.sizes[q]!);
    const delta = solve(jacobian.J, Matrix.columnVector(r)).getColumn(0);
    if (!delta.every((x) => Number.isFinite(x))) break;
    const previous = gradNorms[gradNorms.length - 1]!;
    let next = trial(delta, 1);
    let damped = false;
    if (!(next.norm < previous)) {
      if (!jacobian.fresh) {
        jacobian = undefined; // retry from the same point with a Jacobian taken there
        continue;
      }
      // Far from the solution (e.g. a continuation step near a fold): halve the Newton step until
      // the gradient norm decreases.
      let t = 1;
      for (let h = 0; h < MAX_HALVINGS && !(next.norm < previous); h++) {
        t /= 2;
        next = trial(delta, t);
      }
      if (!(next.norm < previous)) break;
      damped = true;
    }
    current = { pt: next.pt, enc: next.enc! };
    gradNorms.push(next.norm);
    steps++;
    jacobian = damped || next.norm > previous * REFRESH_BELOW_GAIN ? undefined : { J: jacobian.J, fresh: false };
  }
  return {
    centre: current.pt,
    steps,
    distanceUpper: steps === 0 ? '0' : sqrtUpper(squaredDistanceCompact(current.pt, start)),
    gradNorms,
    enclosures: current.enc,
    jacobians,
  };
}
