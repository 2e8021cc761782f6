/**
 * Proofs that two certified minima are NOT the same minimum up to any permutation of entries (so in
 * particular up to no allowed π of equivalence.ts). Two exact criteria, cheapest first:
 *
 * - Loss. If π(W*_A) = W*_B for an allowed π then F(W*_A) = F(W*_B) (equivalence.ts: F ∘ π = F),
 *   so both loss enclosures contain one number. Disjoint enclosures prove the minima distinct.
 * - Sorted entries. If π(W*_A) = W*_B for any permutation of entries, the sorted lists of entries
 *   agree: sort(W*_A) = sort(W*_B). Sorting is 1-Lipschitz for the Euclidean norm
 *   (‖sort(x) − sort(y)‖ ≤ ‖x − y‖: matching sorted lists minimises Σ (x_t − y_σ(t))² over all
 *   bijections σ, by the rearrangement inequality). Hence
 *     ‖sort(W̃_A) − sort(W̃_B)‖ ≤ ‖sort(W̃_A) − sort(W*_A)‖ + ‖sort(W*_B) − sort(W̃_B)‖ ≤ r_A + r_B,
 *   and S = ‖sort(W̃_A) − sort(W̃_B)‖² > (r_A + r_B)² proves the minima distinct.
 * Both are decided exactly (big.js). Minima of different problems are distinct by definition.
 */
import Big from 'big.js';
import { exactAdd, exactCompare, exactLess, exactMul } from '../arith/exact.js';
import { pairOrbits } from '../symmetric/group.js';
import type { Centre } from './centrePermutation.js';
import { sameProblem, type CertifiedMinimum } from './equivalence.js';

export type Distinctness = { distinct: true; by: 'problem' | 'loss' | 'entries'; detail: string } | { distinct: false; detail: string };

/** The entries of a centre as (value, count) in ascending order; a compact centre by orbit sizes (no k² allocation). */
function sortedEntries(x: Centre): { v: Big; count: number }[] {
  const out: { v: Big; count: number }[] = [];
  if (x.form === 'dense') for (const row of x.W) for (const e of row) out.push({ v: new Big(e), count: 1 });
  else for (const o of pairOrbits(x.point.p)) out.push({ v: new Big(x.point.vals[o.i]![o.j]!), count: o.size });
  return out.sort((s, t) => s.v.cmp(t.v));
}

/**
 * ‖sort(A) − sort(B)‖² exactly for two centres with the same number of entries: the two sorted
 * lists (with multiplicities) are walked together, pairing equal ranks.
 */
export function sortedEntriesSquaredDistance(A: Centre, B: Centre): string {
  const a = sortedEntries(A);
  const b = sortedEntries(B);
  let acc = new Big(0);
  let i = 0;
  let j = 0;
  let leftA = a[0]?.count ?? 0;
  let leftB = b[0]?.count ?? 0;
  while (i < a.length && j < b.length) {
    const take = Math.min(leftA, leftB);
    const diff = a[i]!.v.minus(b[j]!.v);
    acc = acc.plus(diff.times(diff).times(take));
    leftA -= take;
    leftB -= take;
    if (leftA === 0 && ++i < a.length) leftA = a[i]!.count;
    if (leftB === 0 && ++j < b.length) leftB = b[j]!.count;
  }
  if (i < a.length || j < b.length) throw new RangeError('sortedEntriesSquaredDistance: the centres have different numbers of entries');
  return acc.toFixed();
}

/** Whether a and b are proved to be different minima (see the module comment for both criteria). */
export function provedDistinct(a: CertifiedMinimum, b: CertifiedMinimum): Distinctness {
  if (!sameProblem(a.problem, b.problem)) return { distinct: true, by: 'problem', detail: 'minima of different problems' };
  if (exactLess(a.lossUpper, b.lossLower) || exactLess(b.lossUpper, a.lossLower)) {
    return { distinct: true, by: 'loss', detail: `disjoint loss enclosures [${a.lossLower}, ${a.lossUpper}] and [${b.lossLower}, ${b.lossUpper}]` };
  }
  const s = sortedEntriesSquaredDistance(a.centre, b.centre);
  const reach = exactAdd(a.radius, b.radius);
  if (exactCompare(s, exactMul(reach, reach)) > 0) {
    return { distinct: true, by: 'entries', detail: `‖sort(W̃_a) − sort(W̃_b)‖² = ${Number(s).toPrecision(4)} > (r_a + r_b)²` };
  }
  return { distinct: false, detail: 'overlapping loss enclosures and sorted entries within r_a + r_b' };
}
