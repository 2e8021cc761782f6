/**
 * The conditions of Safran, Yehudai & Shamir (2021, §4, Theorem 4.1) at a certified minimum
 * (DESIGN.md §11), proved for every point of the certified ball.
 *
 * Setting: V = I_k, n = d = k; a minimum certificate (lemma of §3) proves a critical point W*
 * with ‖W* − W̃‖_F ≤ r. W* is known only through that ball, so each condition is proved for every
 * W with ‖W − W̃‖_F ≤ r; the ball lies in the max-norm box {|W_ab − W̃_ab| ≤ r} (|h_ab| ≤ ‖h‖_F).
 *
 * (i) Norm sum. For W = W̃ + h in the ball, Σ_i‖w_i‖ ≤ Σ_i‖w̃_i‖ + Σ_i‖h_i‖ ≤ Σ_i‖w̃_i‖ + √n·‖h‖_F
 *     (triangle inequality, then Cauchy–Schwarz on (‖h_1‖, …, ‖h_n‖)). normSumUpper bounds this
 *     from above: each ‖w̃_i‖ from a decimal enclosure at precision P, then the sum and √n·r
 *     with rounding toward +∞. The condition is normSumUpper ≤ k, compared exactly.
 * (ii) Negative block eigenvalue. For every neuron i,
 *     H′_ii(W) = Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j)   (the diagonal Hessian block without I/2)
 *     is enclosed over the box (boxHessian.ts, the same code as the Hessian's diagonal blocks).
 *     For the float eigenvector u of the midpoint's smallest eigenvalue and any symmetric H in
 *     the enclosure, λ_min(H) ≤ uᵀHu/uᵀu (Rayleigh) ≤ blockEigUpper, an upper bound of the
 *     quotient over the whole enclosure (outward-rounded interval dot products, then the upper
 *     end of an interval quotient). H′_ii(W*) is such an H, so blockEigUpper < 0 proves
 *     λ_min(H′_ii(W*)) < 0.
 * The float values the 2021 code stored are reported beside the proofs: block_eigs = λ_min of
 * the enclosure's midpoint (float, within rounding of λ_min(H′_ii(W̃))) and pred_eigs = the
 * paper's bound (Σ_j ‖w_j‖ sin θ_ij − Σ_j sin θ(w_i, v_j)) / (2π‖w_i‖), the coefficient of
 * (I − w̄_i w̄_iᵀ) in H′_ii, whose enclosure over the box comes with the block.
 *
 * Cost (dense): the pair geometry O(n²d), each block O((n + k)·d²) interval operations plus a
 * d×d float eigen-decomposition, so O(k⁴) for all k neurons at n = d = k. At a point fixed by a
 * block symmetry (DESIGN.md §9) one neuron per orbit suffices (`neurons`): the minimum W* in the
 * ball is then fixed too (the ball is invariant and W* unique in it), so neurons of one orbit
 * have permutation-similar blocks.
 */
import type { Decimal } from 'decimal.js';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactCompare, exactLess, isDecimalString } from '../arith/exact.js';
import { exactDecimalOfDouble } from '../arith/f64Interval.js';
import { InputError } from '../errors.js';
import { floatSymmetricEigen } from '../linalg/floatSymmetricEigen.js';
import { rayleighQuotientUpper } from '../linalg/rayleighBound.js';
import { validateExactPoint } from '../objective/exactPoint.js';
import { diagonalBlocksBoxEnclosure, type ExactPoint } from '../objective/reluRigorous.js';
import { decimalString, exactDecimalOf, roundDownSignificant, roundUpSignificant } from './decimalStrings.js';

export const OVERPARAM_THEOREM =
  'Safran, Yehudai & Shamir (2021), Section 4 (Theorem 4.1): a non-global minimum of the n = k objective whose ' +
  'neurons satisfy these conditions becomes a saddle of the n = k + 1 objective';

/** Identifier of the theorem an overparam-conditions certificate relies on. */
export const OVERPARAM_THEOREM_ID = 'safran-yehudai-shamir-2021-section-4';

/** The conditions proved, as an overparam-conditions certificate states them (method.conditions). */
export const OVERPARAM_CONDITIONS =
  'For every W in the closed Frobenius ball of radius r (the radius of the minimum certificate) around W~: ' +
  '(i) sum_i |w_i| <= normSumUpper <= k; (ii) for every neuron i, lambda_min(H\'_ii(W)) <= blockEigUpper[i] < 0, where ' +
  'H\'_ii = sum_{j != i} A(w_i, w_j) - sum_j A(w_i, v_j) is the diagonal Hessian block without I/2.';

/**
 * The conditions as a reduced overparam-conditions certificate states them: one neuron per block of
 * the G-fixed centre. Sound because W*, the unique critical point in the G-invariant ball, is
 * G-fixed, so the neurons of one block have permutation-similar blocks H′_ii(W*).
 */
export const OVERPARAM_CONDITIONS_REDUCED =
  "For every W in the closed Frobenius ball of radius r (the radius of the minimum certificate) around the G-fixed centre W~: (i) sum_i |w_i| <= normSumUpper <= k; (ii) for the first neuron i of every block b, lambda_min(H'_ii(W)) <= blockEigUpper[b] < 0, where H'_ii = sum_{j != i} A(w_i, w_j) - sum_j A(w_i, v_j) is the diagonal Hessian block without I/2; at the G-fixed minimum W* every neuron of block b has a block permutation-similar to the first one's.";

/** The only claim about the (k + 1)-neuron objective: the theorem's conclusion (claims.conclusion). */
export const OVERPARAM_CONCLUSION = 'by the theorem: a saddle of the (k+1)-neuron objective';

export const DEFAULT_OVERPARAM_PRECISION = 40;
/** Significant digits of blockEigUpper (rounded up) and of the enclosure of pred_eig (outward). */
const BOUND_DIGITS = 6;
/** Significant digits of normSumUpper (rounded up). */
const NORM_SUM_DIGITS = 12;
/**
 * Relative slack added to the proved bounds before rounding them up for the claims: a claim weaker
 * than what was proved is still true, and the audit — which recomputes its own eigenvector u and
 * enclosures by another route, differing in the last bits — can then re-establish it. The block
 * bounds are float Rayleigh quotients (audit's differ by ~1e-15 relative); the norm sum is a
 * 40-digit decimal bound.
 */
const CLAIM_SLACK = '1e-9';
const NORM_SUM_SLACK = '1e-20';

export interface OverparamOptions {
  /** Decimal precision of the norm enclosures (default 40). */
  precision?: number;
  /** Decimal precision of the arccos/π enclosures in the blocks (default 20). */
  anglePrecision?: number;
  /** Neurons whose block condition is checked (default: all; see the module comment for orbits). */
  neurons?: readonly number[];
}

export interface NeuronBlockCondition {
  neuron: number;
  /** Proved: λ_min(H′_ii(W)) ≤ blockEigUpper for every W in the ball (null: no finite bound). */
  blockEigUpper: string | null;
  /** blockEigUpper < 0 (exact comparison): condition (ii) holds for this neuron. */
  negative: boolean;
  /** Float λ_min of the midpoint of the enclosure (compare with the stored block_eigs). */
  blockEigFloat: number;
  /** Float value of the paper's bound pred_eig (midpoint of its enclosure). */
  predEigFloat: number;
  /** Enclosure of pred_eig over the box, rounded outward. */
  predEigEnclosure: [string, string];
}

export interface OverparamResult {
  /** The certified Frobenius radius r the conditions were proved for. */
  radius: string;
  /** Proved: Σ_i‖w_i‖ ≤ normSumUpper for every W in the ball. */
  normSumUpper: string;
  /** normSumUpper ≤ k (exact comparison): condition (i) holds. */
  normSumHolds: boolean;
  /** Float Σ_i‖w̃_i‖ at the centre (compare with the stored norm_sum). */
  normSumFloat: number;
  neurons: NeuronBlockCondition[];
  /** Every listed neuron's condition (ii) holds. */
  allBlocksNegative: boolean;
  /** Both conditions hold for every listed neuron. */
  holds: boolean;
  seconds: { normSum: number; blocks: number; rayleigh: number; total: number };
}

function now(): number {
  return performance.now() / 1000;
}

/** Throws InputError unless V = I_k and n = d = k (the theorem's setting). */
function requireIdentityTeacherSquare(pt: ExactPoint): void {
  const { d, n, k } = pt;
  if (!(n === k && d === k)) throw new InputError(`overparameterisation conditions: need n = d = k (V = I_k), got d = ${d}, n = ${n}, k = ${k}`);
  for (let a = 0; a < d; a++) {
    for (let j = 0; j < k; j++) {
      if (exactCompare(pt.V[a]![j]!, a === j ? '1' : '0') !== 0) {
        throw new InputError(`overparameterisation conditions: the teacher must be the identity I_k (V[${a}][${j}] = ${pt.V[a]![j]})`);
      }
    }
  }
}

/** x + |x|·CLAIM_SLACK (exact in decimal.js at its default precision for the short numbers here, and ≥ x anyway). */
function withSlack(x: Decimal): Decimal {
  return x.plus(x.abs().times(CLAIM_SLACK));
}

/**
 * Σ_i upper(‖w̃_i‖) + √n·r, every operation rounded toward +∞ (condition (i)'s bound), plus
 * NORM_SUM_SLACK relative, rounded up to NORM_SUM_DIGITS digits.
 */
function normSumUpper(pt: ExactPoint, radius: string, precision: number): string {
  const ar = decimalIntervals(precision);
  const Up = ar.Up;
  let sum = new Up(0);
  for (let i = 0; i < pt.n; i++) {
    const sq = ar.sum(pt.W.map((row) => ar.sqr(ar.point(row[i]!))));
    sum = sum.plus(ar.sqrt(sq).hi);
  }
  const total = sum.plus(new Up(pt.n).sqrt().times(radius));
  return decimalString(roundUpSignificant(total.plus(total.abs().times(NORM_SUM_SLACK)), NORM_SUM_DIGITS));
}

/**
 * Proves conditions (i) and (ii) (module comment) for every point of the Frobenius ball of
 * radius `radius` around the centre. The centre and radius must come from a minimum certificate
 * of the same point (that is what makes the ball contain W*). Throws InputError for a teacher
 * other than I_k, n ≠ k, a bad radius or neuron index; SmoothDomainError if the box leaves Ω.
 */
export function overparamConditions(centre: ExactPoint, radius: string, opts: OverparamOptions = {}): OverparamResult {
  const tStart = now();
  validateExactPoint(centre);
  requireIdentityTeacherSquare(centre);
  if (!isDecimalString(radius) || exactLess(radius, '0')) {
    throw new InputError(`overparameterisation conditions: radius ${JSON.stringify(radius)} is not a decimal number ≥ 0`);
  }
  const P = opts.precision ?? DEFAULT_OVERPARAM_PRECISION;
  const { d, k } = centre;

  const t0 = now();
  const sumUpper = normSumUpper(centre, radius, P);
  let normSumFloat = 0;
  for (let i = 0; i < centre.n; i++) normSumFloat += Math.sqrt(centre.W.reduce((s, row) => s + Number(row[i]!) ** 2, 0));
  const tNorm = now() - t0;

  const t1 = now();
  const blocks = diagonalBlocksBoxEnclosure(centre, radius, {
    ...(opts.anglePrecision !== undefined ? { anglePrecision: opts.anglePrecision } : {}),
    ...(opts.neurons !== undefined ? { neurons: opts.neurons } : {}),
  });
  const tBlocks = now() - t1;

  const t2 = now();
  const neurons = blocks.map((block): NeuronBlockCondition => {
    const mid = block.lo.map((l, p) => l / 2 + block.hi[p]! / 2);
    const eig = floatSymmetricEigen(mid, d);
    const u = new Float64Array(d);
    for (let a = 0; a < d; a++) u[a] = eig.vectors[a * d]!; // column 0: the smallest eigenvalue
    const upper = rayleighQuotientUpper(u, block.lo, block.hi, d);
    const blockEigUpper = Number.isFinite(upper)
      ? decimalString(roundUpSignificant(withSlack(exactDecimalOf(exactDecimalOfDouble(upper))), BOUND_DIGITS))
      : null;
    const c = block.coefficient;
    return {
      neuron: block.neuron,
      blockEigUpper,
      negative: blockEigUpper !== null && exactLess(blockEigUpper, '0'),
      blockEigFloat: eig.values[0]!,
      predEigFloat: c.lo / 2 + c.hi / 2,
      predEigEnclosure: [
        decimalString(roundDownSignificant(exactDecimalOf(exactDecimalOfDouble(c.lo)), BOUND_DIGITS)),
        decimalString(roundUpSignificant(exactDecimalOf(exactDecimalOfDouble(c.hi)), BOUND_DIGITS)),
      ],
    };
  });
  const tRayleigh = now() - t2;

  const normSumHolds = exactCompare(sumUpper, String(k)) <= 0;
  const allBlocksNegative = neurons.every((x) => x.negative);
  return {
    radius,
    normSumUpper: sumUpper,
    normSumHolds,
    normSumFloat,
    neurons,
    allBlocksNegative,
    holds: normSumHolds && allBlocksNegative,
    seconds: { normSum: tNorm, blocks: tBlocks, rayleigh: tRayleigh, total: now() - tStart },
  };
}
