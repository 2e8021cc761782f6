/**
 * Exact points in the symmetric compact form (DESIGN.md §6): block sizes p and an m×(m+1) array
 * of exact decimal strings. The identity teacher and d = n = k = Σp are implied.
 * W[r][c] = vals[b(r)][valsColumn(r, c)] (src/io/compactForm.ts). vals[i][m] of a singleton
 * block appears nowhere in W: it is accepted, ignored, and written as "0" by this module.
 */
import { createHash } from 'node:crypto';
import Big from 'big.js';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { isDecimalString } from '../arith/exact.js';
import { decimalString, normaliseDecimalString, roundUpSignificant } from '../certify/decimalStrings.js';
import { InputError } from '../errors.js';
import type { Candidate } from '../io/candidate.js';
import { freeEntries, valsColumnOf } from '../io/compactForm.js';
import { blockOf, pairOrbits } from './group.js';

export interface ExactCompactPoint {
  p: number[];
  vals: string[][];
}

/** Largest k = Σp accepted: k² stays an exact double and k⁴ counts stay manageable BigInts. */
export const MAX_COMPACT_K = 1_000_000;

/**
 * Throws InputError (one line, naming the place) unless p is a non-empty list of positive
 * integers with Σp ≤ MAX_COMPACT_K and vals has m rows of m + 1 finite decimal strings.
 */
export function validateCompactPoint(pt: ExactCompactPoint, label = 'compact point'): void {
  const { p, vals } = pt;
  if (!Array.isArray(p) || p.length === 0) throw new InputError(`${label}: the block sizes p are empty`);
  let k = 0;
  p.forEach((size, b) => {
    if (!Number.isInteger(size) || size < 1) throw new InputError(`${label}: p[${b}] = ${size} is not a positive integer`);
    k += size;
  });
  if (k > MAX_COMPACT_K) throw new InputError(`${label}: Σp = ${k} exceeds ${MAX_COMPACT_K}`);
  const m = p.length;
  if (!Array.isArray(vals) || vals.length !== m) {
    throw new InputError(`${label}: vals has ${Array.isArray(vals) ? vals.length : 'no'} rows but p has ${m} blocks (expected ${m}×${m + 1})`);
  }
  vals.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== m + 1) {
      throw new InputError(`${label}: row ${i} of vals has ${Array.isArray(row) ? row.length : 'no'} entries (expected ${m + 1})`);
    }
    row.forEach((x, j) => {
      if (typeof x !== 'string' || !isDecimalString(x)) {
        throw new InputError(`${label}: vals[${i}][${j}] = ${JSON.stringify(x)} is not a finite decimal number`);
      }
    });
  });
}

/** The same point with canonical strings and "0" in the unused vals[i][m] of singleton blocks. */
export function normaliseCompactPoint(pt: ExactCompactPoint): ExactCompactPoint {
  validateCompactPoint(pt);
  const m = pt.p.length;
  return {
    p: [...pt.p],
    vals: pt.vals.map((row, i) => row.map((x, j) => (j === m && pt.p[i] === 1 ? '0' : normaliseDecimalString(x)))),
  };
}

/** The size k = Σp. */
export function compactSize(pt: ExactCompactPoint): number {
  return pt.p.reduce((a, b) => a + b, 0);
}

/** The value W[r][c] of the expanded point. */
export function compactEntry(pt: ExactCompactPoint, r: number, c: number): string {
  const br = blockOf(pt.p, r);
  return pt.vals[br]![valsColumnOf(br, blockOf(pt.p, c), r === c, pt.p.length)]!;
}

/** The dense k×k point (rows = coordinates, columns = neurons). O(k²): for tests and small k only. */
export function expandCompactPoint(pt: ExactCompactPoint): string[][] {
  validateCompactPoint(pt);
  const k = compactSize(pt);
  return Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => compactEntry(pt, r, c)));
}

/**
 * ‖W_a − W_b‖²_F for two compact points with the same p, exactly (big.js: + − × without
 * rounding): Σ over free entries of (orbit size) · (difference)², an exact regrouping of the
 * dense sum (every entry of an orbit has the same difference).
 */
export function squaredDistanceCompact(a: ExactCompactPoint, b: ExactCompactPoint): string {
  validateCompactPoint(a);
  validateCompactPoint(b);
  if (a.p.length !== b.p.length || a.p.some((x, i) => x !== b.p[i])) {
    throw new InputError(`compact distance: the points have different block sizes [${a.p.join(', ')}] and [${b.p.join(', ')}]`);
  }
  let acc = new Big(0);
  pairOrbits(a.p).forEach((o) => {
    const diff = new Big(a.vals[o.i]![o.j]!).minus(new Big(b.vals[o.i]![o.j]!));
    acc = acc.plus(diff.times(diff).times(o.size));
  });
  return acc.toFixed();
}

/** ‖W_compact − W_dense‖²_F exactly (big.js); W_dense is k×k decimal strings. O(k²). */
export function squaredDistanceToDense(pt: ExactCompactPoint, W: string[][]): string {
  validateCompactPoint(pt);
  const k = compactSize(pt);
  if (W.length !== k || W.some((row) => row.length !== k)) throw new InputError(`compact distance: the dense point is not ${k}×${k}`);
  let acc = new Big(0);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const x = W[r]![c]!;
      if (!isDecimalString(x)) throw new InputError(`compact distance: W[${r}][${c}] = ${JSON.stringify(x)} is not a decimal number`);
      const diff = new Big(compactEntry(pt, r, c)).minus(new Big(x));
      acc = acc.plus(diff.times(diff));
    }
  }
  return acc.toFixed();
}

/**
 * An upper bound of √x for an exact non-negative decimal x, with at most `digits` significant
 * digits: a verified square root (r² ≥ x checked exactly, decimalInterval.sqrtUp) rounded up.
 */
export function sqrtUpper(x: string, digits = 6): string {
  const ar = decimalIntervals(Math.max(20, digits + 2));
  const r = ar.sqrtUp(new ar.Up(x));
  return decimalString(roundUpSignificant(r, digits));
}

/**
 * True iff the expanded W is a permutation matrix (= V = I up to a permutation of neurons, the
 * global minimum, F = 0: src/certify/teacherPermutation.ts). Decided from the compact form: every
 * free value is exactly 0 or 1, and every row and every column holds exactly one 1 (counted
 * with the orbit multiplicities of the row's or column's block).
 */
export function isCompactTeacherPermutation(pt: ExactCompactPoint): boolean {
  const { p } = pt;
  const m = p.length;
  const one = (i: number, j: number): boolean => new Big(pt.vals[i]![j]!).eq(1);
  const zero = (i: number, j: number): boolean => new Big(pt.vals[i]![j]!).eq(0);
  if (!freeEntries(p).every(({ i, j }) => one(i, j) || zero(i, j))) return false;
  for (let b = 0; b < m; b++) {
    let rowOnes = (one(b, b) ? 1 : 0) + (p[b]! > 1 && one(b, m) ? p[b]! - 1 : 0);
    let colOnes = rowOnes;
    for (let s = 0; s < m; s++) {
      if (s === b) continue;
      if (one(b, s)) rowOnes += p[s]!;
      if (one(s, b)) colOnes += p[s]!;
    }
    if (rowOnes !== 1 || colOnes !== 1) return false;
  }
  return true;
}

/**
 * The compact point a candidate carries (`Candidate.compact`: the 2021 pickles, JSON compact point
 * files, family members), normalised; undefined for a dense candidate. Stored numbers beside a
 * dense W (e.g. `stored.p` of a converted list) are never used: W is what the input states.
 */
export function compactPointOfCandidate(c: Candidate): ExactCompactPoint | undefined {
  return c.compact ? normaliseCompactPoint(c.compact) : undefined;
}

/**
 * sha256 of a compact point as written (JSON of {p, vals} in canonical strings): the digest of a
 * compact input point, as pointDigest is of a dense one (resume matches it).
 */
export function compactPointDigest(pt: ExactCompactPoint): string {
  const n = normaliseCompactPoint(pt);
  return createHash('sha256').update(JSON.stringify({ p: n.p, vals: n.vals })).digest('hex');
}

/**
 * The same point W written with block b split into consecutive blocks of sizes `sizes` (Σ = p_b,
 * each ≥ 1): W is fixed by G, hence by the subgroup that keeps the parts apart, whose compact form
 * has m + |sizes| − 1 blocks. Entries between two different parts of the old block take its
 * in-block off-diagonal value vals[b][m]. Exact (the strings are copied).
 */
export function splitCompactBlock(pt0: ExactCompactPoint, b: number, sizes: readonly number[]): ExactCompactPoint {
  const pt = normaliseCompactPoint(pt0);
  const m = pt.p.length;
  if (!Number.isInteger(b) || b < 0 || b >= m) throw new InputError(`split: block ${b} is not a block of p = [${pt.p.join(', ')}]`);
  if (!sizes.every((x) => Number.isInteger(x) && x >= 1) || sizes.reduce((a, x) => a + x, 0) !== pt.p[b]) {
    throw new InputError(`split: sizes [${sizes.join(', ')}] are not positive integers adding up to p[${b}] = ${pt.p[b]}`);
  }
  const origin = pt.p.flatMap((_, i) => (i === b ? sizes.map(() => i) : [i]));
  const p = pt.p.flatMap((x, i) => (i === b ? [...sizes] : [x]));
  const m2 = p.length;
  const vals = origin.map((oi, i) =>
    Array.from({ length: m2 + 1 }, (_, j) => {
      if (j === m2) return p[i] === 1 ? '0' : pt.vals[oi]![m]!;
      const oj = origin[j]!;
      if (oi !== oj) return pt.vals[oi]![oj]!;
      return i === j ? pt.vals[oi]![oi]! : pt.vals[oi]![m]!;
    }),
  );
  return { p, vals };
}
