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

/**
 * Polishes `start` (see module comment). Stops when ‖∇F‖ ≤ 10^(−P+6), when a step no longer
 * decreases it (even with a fresh Jacobian), or after maxSteps steps. Throws SmoothDomainError
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
  let steps = 0;
  while (steps < maxSteps && gradNorms[gradNorms.length - 1]! > target) {
    if (!jacobian) jacobian = { J: jacobianAt(current.pt), fresh: true };
    const r = current.enc.gradient.map((g, q) => ar.mid(g).toNumber() * current.enc.sizes[q]!);
    const delta = solve(jacobian.J, Matrix.columnVector(r)).getColumn(0);
    if (!delta.every((x) => Number.isFinite(x))) break;
    const vals = current.pt.vals.map((row) => [...row]);
    free.forEach(({ i, j }, q) => {
      vals[i]![j] = decimalString(new Round(vals[i]![j]!).minus(exactDecimalOfDouble(delta[q]!)));
    });
    const pt = { p: start.p, vals };
    let enc: ReducedEnclosures | undefined;
    try {
      enc = reducedLossAndGradient(ar, pt);
    } catch {
      enc = undefined; // the step left Ω
    }
    const norm = enc ? gradientNormMid(ar, enc) : Infinity;
    const previous = gradNorms[gradNorms.length - 1]!;
    if (!(norm < previous)) {
      if (jacobian.fresh) break;
      jacobian = undefined; // retry from the same point with a Jacobian taken there
      continue;
    }
    current = { pt, enc: enc! };
    gradNorms.push(norm);
    steps++;
    jacobian = norm > previous * REFRESH_BELOW_GAIN ? undefined : { J: jacobian.J, fresh: false };
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
