/**
 * Numerical continuation of a family of symmetric critical points in k (float evidence only;
 * certifyCompact decides): move the block sizes p from the start's towards a target p′ step by step
 * (each step changes k by a factor ≤ `growth`, the sizes in between on a monotone path close to
 * the straight line, blockSizesOnPath), predict the values at the new size by linear extrapolation in 1/k from
 * the last two members (the first step reuses the values), and correct with damped Newton in the
 * fixed subspace (polishCompact, cost independent of k). A step is accepted only if the corrected
 * member leads back: Newton from it at the previous block sizes must return to the previous member
 * (otherwise the corrector jumped to another branch of critical points). A step whose Newton
 * iteration does not reach the tolerance, or does not lead back, is retried with half the change of
 * k; a failure at a change of one is a ContinuationStop (the family has no critical point there
 * that Newton reaches from the last member on the same branch: typically a fold of the family in k).
 * Growing one block (`continueFamily`) is the case p′ = p + (K − k)·e_block.
 */
import { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';
import { compactSize, type ExactCompactPoint, MAX_COMPACT_K, normaliseCompactPoint } from './compactPoint.js';
import { polishCompact } from './polishCompact.js';
import { SmoothDomainError } from '../objective/smoothDomainError.js';

export interface ContinuationOptions {
  /** Largest ratio between consecutive k (default 1.25; steps of at least 1). */
  growth?: number;
  /** Decimal precision of the Newton corrector (default continuationPrecision(target k)). */
  precision?: number;
  /** Called after each accepted member. */
  onStep?: (member: FamilyMember) => void;
}

export interface FamilyMember {
  k: number;
  point: ExactCompactPoint;
  /** ‖mid ∇F‖ at the member (float). */
  gradNorm: number;
  newtonSteps: number;
}

/**
 * Newton found no member at `failedK` from the member at `lastK` (the last one in `members`),
 * even with a change of k by one: the family (as followed from the start) does not reach there.
 */
export class ContinuationStop extends InputError {
  constructor(
    readonly members: FamilyMember[],
    readonly failedK: number,
    readonly failedP: number[],
  ) {
    super(
      `continuation: Newton in the fixed subspace found no critical point of the same branch at k = ${failedK} ` +
        `(p = [${failedP.join(', ')}]) from the member at k = ${members[members.length - 1]!.k}`,
    );
  }
}

const D = Decimal.clone({ precision: 60 });

/** Largest difference of a value between a member and the point Newton returns to from the next one. */
const BRANCH_TOLERANCE = 1e-8;

/**
 * Default precision of the Newton corrector up to size k: 30 digits, plus 2 per decade above
 * k = 1000 (the gradient's k² entries each carry an error of about 10^(−P), so its norm cannot get
 * below about k²·10^(−P); a member is accepted at ‖∇F‖ ≤ 10^(−P+8)·max(1, (k/100)²)).
 */
export function continuationPrecision(k: number): number {
  return 30 + 2 * Math.max(0, Math.ceil(Math.log10(k / 1000)));
}

/** vals(k') from the members at kPrev and k by linear extrapolation in 1/k. */
function extrapolate(prev: FamilyMember, cur: FamilyMember, k2: number): string[][] {
  const w = new D(1).div(k2).minus(new D(1).div(cur.k)).div(new D(1).div(cur.k).minus(new D(1).div(prev.k)));
  return cur.point.vals.map((row, i) => row.map((x, j) => new D(x).plus(new D(x).minus(prev.point.vals[i]![j]!).times(w)).toString()));
}

/**
 * The block sizes at size k on the path from p0 (size k0) to p1 (size k1), where every block moves
 * in the direction of k (p1 ≥ p0 entrywise when k1 > k0, ≤ when k1 < k0): starting from p0, each
 * unit step of k changes by one the block whose size lags most behind the straight line
 * p0 + (p1 − p0)(k − k0)/(k1 − k0) (ties to the lower index). So Σp = k and every size moves
 * monotonically from p0_i to p1_i. No block is ever one unit ahead of the line (it moves only
 * while it lags, by one), and the lags add up to 0, so each size stays within max(1, m − 1) of
 * the line. O(|k − k0|·m).
 */
export function blockSizesOnPath(p0: readonly number[], p1: readonly number[], k: number): number[] {
  const k0 = p0.reduce((a, b) => a + b, 0);
  const k1 = p1.reduce((a, b) => a + b, 0);
  if (k1 === k0) return [...p0];
  const dir = Math.sign(k1 - k0);
  const out = [...p0];
  for (let kk = k0 + dir; dir * (k - kk) >= 0; kk += dir) {
    const f = (kk - k0) / (k1 - k0);
    let best = -1;
    let bestLag = -Infinity;
    out.forEach((x, i) => {
      const lag = dir * (p0[i]! + (p1[i]! - p0[i]!) * f - x);
      if (lag > bestLag + 1e-12 && dir * (p1[i]! - x) > 0) {
        best = i;
        bestLag = lag;
      }
    });
    out[best]! += dir;
  }
  return out;
}

/** The members from the polished start to the target block sizes (see the module comment). */
export function continueToBlockSizes(start: ExactCompactPoint, targetP: readonly number[], opts: ContinuationOptions = {}): FamilyMember[] {
  const pt0 = normaliseCompactPoint(start);
  const m = pt0.p.length;
  if (targetP.length !== m || !targetP.every((x) => Number.isInteger(x) && x >= 1)) {
    throw new InputError(`continuation: target p = [${targetP.join(', ')}] is not ${m} positive block sizes (start p = [${pt0.p.join(', ')}])`);
  }
  const k0 = compactSize(pt0);
  const K = targetP.reduce((a, b) => a + b, 0);
  if (K > MAX_COMPACT_K) throw new InputError(`continuation: target k = ${K} exceeds ${MAX_COMPACT_K}`);
  if (targetP.some((x, i) => (K === k0 ? x !== pt0.p[i] : Math.sign(x - pt0.p[i]!) * Math.sign(K - k0) < 0))) {
    throw new InputError(`continuation: target p = [${targetP.join(', ')}] moves a block against k (start p = [${pt0.p.join(', ')}]): every block must grow with k or shrink with k`);
  }
  const precision = opts.precision ?? continuationPrecision(Math.max(k0, K));
  const growth = opts.growth ?? 1.25;
  if (!(growth > 1)) throw new InputError(`continuation: growth ${growth} must exceed 1`);
  // ‖∇F‖ sums k² entries, each with an absolute error of about 10^(−P): the tolerance grows with k².
  const tolerance = (k: number) => Number(`1e${-precision + 8}`) * Math.max(1, (k / 100) ** 2);
  const solve = (p: number[], vals: string[][]): FamilyMember | undefined => {
    let r;
    try {
      r = polishCompact({ p, vals }, { precision, maxSteps: 40 });
    } catch (err) {
      if (err instanceof SmoothDomainError) return undefined; // the predicted point lies outside Ω
      throw err;
    }
    const gradNorm = r.gradNorms[r.gradNorms.length - 1]!;
    const k = compactSize(r.centre);
    return gradNorm <= tolerance(k) ? { k, point: r.centre, gradNorm, newtonSteps: r.steps } : undefined;
  };
  // A member is accepted only if Newton from it, back at the previous size, returns to the previous
  // member: otherwise the corrector jumped to another branch of critical points.
  const sameBranch = (next: FamilyMember, cur: FamilyMember): boolean => {
    const back = solve(cur.point.p, next.point.vals);
    return back !== undefined && back.point.vals.every((row, i) => row.every((x, j) => Math.abs(Number(x) - Number(cur.point.vals[i]![j]!)) <= BRANCH_TOLERANCE));
  };
  const first = solve(pt0.p, pt0.vals);
  if (!first) throw new InputError(`continuation: the start (k = ${k0}) does not polish to a critical point`);
  const members = [first];
  opts.onStep?.(first);
  const sign = Math.sign(K - k0);
  while (members[members.length - 1]!.k !== K) {
    const cur = members[members.length - 1]!;
    const prev = members.length > 1 ? members[members.length - 2] : undefined;
    const far = sign > 0 ? Math.ceil(cur.k * growth) : Math.floor(cur.k / growth);
    let k2 = sign > 0 ? Math.min(K, Math.max(cur.k + 1, far)) : Math.max(K, Math.min(cur.k - 1, far));
    let next: FamilyMember | undefined;
    let p: number[];
    for (;;) {
      p = blockSizesOnPath(pt0.p, targetP, k2);
      next = solve(p, prev ? extrapolate(prev, cur, k2) : cur.point.vals);
      if (next && !sameBranch(next, cur)) next = undefined;
      if (next || Math.abs(k2 - cur.k) === 1) break;
      k2 = cur.k + sign * Math.max(1, Math.floor(Math.abs(k2 - cur.k) / 2));
    }
    if (!next) throw new ContinuationStop(members, k2, p);
    members.push(next);
    opts.onStep?.(next);
  }
  return members;
}

/** The members from the polished start up to targetK, growing one block (0-based). */
export function continueFamily(start: ExactCompactPoint, opts: ContinuationOptions & { block: number; targetK: number }): FamilyMember[] {
  const pt0 = normaliseCompactPoint(start);
  const { block, targetK } = opts;
  if (!Number.isInteger(block) || block < 0 || block >= pt0.p.length) throw new InputError(`continuation: block ${block} is not a block of p`);
  const k0 = compactSize(pt0);
  if (!Number.isInteger(targetK) || targetK - k0 + pt0.p[block]! < 1) {
    throw new InputError(`continuation: target k = ${targetK} would leave block ${block} (size ${pt0.p[block]} at k = ${k0}) empty`);
  }
  const target = [...pt0.p];
  target[block]! += targetK - k0;
  return continueToBlockSizes(pt0, target, opts);
}
