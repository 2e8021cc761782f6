/**
 * Proof of hypothesis (ii) of the lemma (DESIGN.md §3) from the orbit-wise Hessian enclosure,
 * through the isotypic blocks (DESIGN.md §9), with exact arithmetic only.
 *
 * Statement. Let [lo, hi] be the orbit-constant interval matrix of orbitHessian.ts over the box X
 * (⊇ the Frobenius ball of radius ρ), M = (lo + hi)/2 and R = (hi − lo)/2 (exact, so
 * [lo, hi] = [M − R, M + R]), t ≥ max_row Σ_col R (rowSumBound), s = μ + t. If
 * B_τ − sΓ_τ ≻ 0 for every type τ (B_τ = blockMatrixExact(M), exact) and the dimensions add up to
 * k², then every symmetric H with lo ≤ H ≤ hi entrywise satisfies H ≻ μI — in particular ∇²F(W)
 * for every W in the ball, G-invariant or not.
 * Proof. M is symmetric (an orbit and its transpose share one value) and commutes with G (one value
 * per orbit), so by Schur's lemma (isotypic.ts) M − sI ≻ 0 ⇔ every B_τ − sΓ_τ ≻ 0. For H as above,
 * |H − M| ≤ R entrywise, so ‖H − M‖₂ ≤ ‖ |H − M| ‖₂ ≤ ‖R‖₂ = ρ(R) ≤ max row sum of R ≤ t (R is
 * symmetric and non-negative; the spectral radius is at most any induced norm). By Weyl's
 * inequality λ_min(H) ≥ λ_min(M) − ‖H − M‖₂ > s − t = μ.
 * Per type: a G-invariant H in the enclosure (such as ∇²F(W*) at the unique critical point W* of a
 * G-invariant ball, which is G-fixed by uniqueness) preserves each isotypic component, and there
 * λ_min(H|τ) ≥ λ_min(M|τ) − t > s_τ − t whenever B_τ − s_τΓ_τ ≻ 0.
 * Exactness: M, R, t, B are exact decimals (big.js + and × of decimal ends and integer counts; the
 * halving is a multiplication by 0.5), and B − sΓ ≻ 0 is decided by exact Bareiss elimination
 * (src/linalg/exactPositiveDefinite.ts). No rounding occurs except t rounded UP to a few digits.
 */
import Big from 'big.js';
import { decimalString, roundUpSignificant } from '../certify/decimalStrings.js';
import { exactPositiveDefinite, type ExactPdResult } from '../linalg/exactPositiveDefinite.js';
import { exactDecimalOf } from '../certify/decimalStrings.js';
import { pairOrbits, type HessianOrbits } from './group.js';
import { blockMatrixExact, type IsotypicBlock } from './isotypic.js';
import { distinctSyms, extendClasses } from './markedIndices.js';
import type { OrbitHessian } from './orbitHessian.js';

/** Midpoint and radius of every orbit interval, exactly: [lo, hi] = [M − R, M + R]. */
export function orbitMidRad(h: OrbitHessian): { M: Big[]; R: Big[] } {
  const half = new Big('0.5');
  const M: Big[] = [];
  const R: Big[] = [];
  h.lo.forEach((l, q) => {
    const lo = new Big(decimalString(l));
    const hi = new Big(decimalString(h.hi[q]!));
    M.push(lo.plus(hi).times(half));
    R.push(hi.minus(lo).times(half));
  });
  return { M, R };
}

/**
 * For every orbit of pairs (a, i) (the rows of the Hessian), the exact number of columns (b, j)
 * of each Hessian orbit in that row: rowCounts[row] = [(orbit, count)].
 */
export function rowCounts(orbits: HessianOrbits): { orbit: number; count: bigint }[][] {
  return pairOrbits(orbits.p).map(({ rep: [a, i] }) => {
    const acc = new Map<number, bigint>();
    for (const cls of extendClasses(orbits.p, distinctSyms([a, i]), 2)) {
      const q = orbits.indexOfSyms([a, i, cls.syms[0]!, cls.syms[1]!]);
      acc.set(q, (acc.get(q) ?? 0n) + cls.count);
    }
    return [...acc].map(([orbit, count]) => ({ orbit, count }));
  });
}

/**
 * The largest row sum of R, exactly: every row of one pair orbit has the same sum (R is
 * orbit-constant), Σ count · R[orbit] over that row's orbits (big.js, no rounding).
 */
export function maxRowSum(rows: readonly { orbit: number; count: bigint }[][], R: readonly Big[]): Big {
  let t = new Big(0);
  for (const row of rows) {
    let s = new Big(0);
    for (const { orbit, count } of row) s = s.plus(R[orbit]!.times(count.toString()));
    if (s.gt(t)) t = s;
  }
  return t;
}

/** t: maxRowSum rounded up to `digits` significant digits (an upper bound of it). */
export function rowSumBound(rows: readonly { orbit: number; count: bigint }[][], R: readonly Big[], digits = 6): string {
  return decimalString(roundUpSignificant(exactDecimalOf(maxRowSum(rows, R).toFixed()), digits));
}

/** Whether B_τ(M) − sΓ_τ ≻ 0, decided exactly (s an exact decimal string). */
export function proveBlockAbove(block: IsotypicBlock, M: readonly Big[], s: string): ExactPdResult {
  const B = blockMatrixExact(block, M);
  const sBig = new Big(s);
  const A = B.map((row, x) => row.map((b, y) => b.minus(sBig.times(block.gram[x]![y]!.toString()))));
  return exactPositiveDefinite(A);
}
