/**
 * Numerical continuation of a family of symmetric critical points in k (float evidence only;
 * certifyCompact decides): grow one block of p step by step, predict the values at the new size by
 * linear extrapolation in 1/k from the last two members (the first step reuses the values), and
 * correct with Newton in the fixed subspace (polishCompact, cost independent of k). A step whose
 * Newton iteration does not reach the tolerance is retried with half the increase.
 */
import { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';
import { compactSize, type ExactCompactPoint, normaliseCompactPoint } from './compactPoint.js';
import { polishCompact } from './polishCompact.js';

export interface ContinuationOptions {
  /** The block that grows (0-based). */
  block: number;
  /** The size k to reach. */
  targetK: number;
  /** Largest ratio k_next / k per step (default 1.25). */
  growth?: number;
  /** Decimal precision of the Newton corrector (default 30). */
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

const D = Decimal.clone({ precision: 60 });

/** vals(k') from the members at kPrev and k by linear extrapolation in 1/k. */
function extrapolate(prev: FamilyMember, cur: FamilyMember, k2: number): string[][] {
  const w = new D(1).div(k2).minus(new D(1).div(cur.k)).div(new D(1).div(cur.k).minus(new D(1).div(prev.k)));
  return cur.point.vals.map((row, i) => row.map((x, j) => new D(x).plus(new D(x).minus(prev.point.vals[i]![j]!).times(w)).toString()));
}

/** The members from the polished start up to targetK (see the module comment). */
export function continueFamily(start: ExactCompactPoint, opts: ContinuationOptions): FamilyMember[] {
  const pt0 = normaliseCompactPoint(start);
  const { block, targetK } = opts;
  if (!Number.isInteger(block) || block < 0 || block >= pt0.p.length) throw new InputError(`continuation: block ${block} is not a block of p`);
  const k0 = compactSize(pt0);
  if (!Number.isInteger(targetK) || targetK < k0) throw new InputError(`continuation: target k = ${targetK} is below the start's k = ${k0}`);
  const precision = opts.precision ?? 30;
  const growth = opts.growth ?? 1.25;
  const tolerance = Number(`1e${-precision + 8}`);
  const solve = (p: number[], vals: string[][]): FamilyMember | undefined => {
    const r = polishCompact({ p, vals }, { precision, maxSteps: 12 });
    const gradNorm = r.gradNorms[r.gradNorms.length - 1]!;
    return gradNorm <= tolerance ? { k: compactSize(r.centre), point: r.centre, gradNorm, newtonSteps: r.steps } : undefined;
  };
  const first = solve(pt0.p, pt0.vals);
  if (!first) throw new InputError(`continuation: the start (k = ${k0}) does not polish to a critical point`);
  const members = [first];
  opts.onStep?.(first);
  while (members[members.length - 1]!.k < targetK) {
    const cur = members[members.length - 1]!;
    const prev = members.length > 1 ? members[members.length - 2] : undefined;
    let k2 = Math.min(targetK, Math.max(cur.k + 1, Math.ceil(cur.k * growth)));
    let next: FamilyMember | undefined;
    for (;;) {
      const p = [...cur.point.p];
      p[block]! += k2 - cur.k;
      next = solve(p, prev ? extrapolate(prev, cur, k2) : cur.point.vals);
      if (next || k2 === cur.k + 1) break;
      k2 = cur.k + Math.max(1, Math.floor((k2 - cur.k) / 2));
    }
    if (!next) throw new InputError(`continuation: Newton failed from k = ${cur.k} to k = ${k2}`);
    members.push(next);
    opts.onStep?.(next);
  }
  return members;
}
