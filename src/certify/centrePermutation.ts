/**
 * Permutations of certified centres and exact distances between them (the geometry behind
 * src/certify/equivalence.ts, whose module comment states and proves the theorem that uses it).
 *
 * Convention: a permutation π = (coordinates c, neurons q), both 0-based index arrays, acts on a
 * d×n matrix by π(W)[a][i] = W[c[a]][q[i]], i.e. π(W) = P W Q with P[a][c[a]] = 1 and
 * Q[q[i]][i] = 1 (the convention of src/search/align.ts: rowPerm = c, colPerm = q). π permutes the
 * entries of W, so it is linear and preserves the Frobenius norm.
 *
 * A centre is a dense d×n matrix of exact decimal strings, or a compact point (DESIGN.md §6; then
 * d = n = k = Σp). Every distance here is exact (big.js: + − × only, no rounding). Two compact
 * points are compared through a block relabelling (below) at a cost independent of k: nothing of
 * size k² is allocated for them.
 */
import Big from 'big.js';
import { isDecimalString } from '../arith/exact.js';
import { InputError } from '../errors.js';
import {
  compactEntry,
  compactSize,
  squaredDistanceCompact,
  squaredDistanceToDense,
  validateCompactPoint,
  type ExactCompactPoint,
} from '../symmetric/compactPoint.js';
import { blockOf, blockStarts } from '../symmetric/group.js';
import { normaliseDecimalString } from './decimalStrings.js';

export interface IndexPermutation {
  /** c: row a of π(W) is row c[a] of W (length d). */
  coordinates: number[];
  /** q: column i of π(W) is column q[i] of W (length n). */
  neurons: number[];
}

/** A certified centre W̃: dense strings (d rows × n columns) or a compact point (d = n = Σp). */
export type Centre = { form: 'dense'; W: string[][] } | { form: 'compact'; point: ExactCompactPoint };

/** Largest k for which two compact points are compared entry by entry when π is not a block relabelling. */
export const MAX_ENTRYWISE_COMPACT_K = 1000;

/** True iff xs is a bijection of {0, …, size − 1} (integers, each exactly once). */
export function isBijection(xs: readonly unknown[], size: number): boolean {
  if (!Array.isArray(xs) || xs.length !== size) return false;
  const seen = new Uint8Array(size);
  for (const x of xs) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= size || seen[x]) return false;
    seen[x] = 1;
  }
  return true;
}

/** The identity permutation of {0, …, size − 1}. */
export function identityIndices(size: number): number[] {
  return Array.from({ length: size }, (_, i) => i);
}

/** The inverse of a bijection xs (xs[inv[j]] = j). */
export function inverseIndices(xs: readonly number[]): number[] {
  const inv = new Array<number>(xs.length);
  xs.forEach((x, i) => {
    inv[x] = i;
  });
  return inv;
}

/** π⁻¹ (π⁻¹(π(W)) = W). */
export function inversePermutation(pi: IndexPermutation): IndexPermutation {
  return { coordinates: inverseIndices(pi.coordinates), neurons: inverseIndices(pi.neurons) };
}

/**
 * Whether the coordinate permutation c (P[a][c[a]] = 1) leaves F invariant for the teacher V
 * (d×k exact strings): true iff the columns of PV are, as a multiset, exactly the columns of V
 * (compared as decimal numbers). That is the condition of the invariance proof in equivalence.ts;
 * for V = I_d every c qualifies. Cost O(d·k) string comparisons.
 */
export function isAllowedCoordinatePermutation(V: string[][], coordinates: readonly number[]): boolean {
  const d = V.length;
  if (!isBijection(coordinates, d)) return false;
  const k = V[0]!.length;
  const canon = V.map((row) => row.map(normaliseDecimalString));
  const columnsOf = (row: (a: number) => number): string[] =>
    Array.from({ length: k }, (_, j) => Array.from({ length: d }, (_, a) => canon[row(a)]![j]!).join(',')).sort();
  const permuted = columnsOf((a) => coordinates[a]!);
  const original = columnsOf((a) => a);
  return permuted.every((key, j) => key === original[j]);
}

/** π(W) for a dense d×n matrix (a new array of the same strings). */
export function permuteDense(W: string[][], pi: IndexPermutation): string[][] {
  return pi.coordinates.map((ca) => pi.neurons.map((qi) => W[ca]![qi]!));
}

function exactBig(x: string, where: string): Big {
  if (!isDecimalString(x)) throw new InputError(`${where}: ${JSON.stringify(x)} is not a decimal number`);
  return new Big(x.charAt(0) === '+' ? x.slice(1) : x);
}

/** ‖A − B‖²_F for two dense matrices of the same shape, exactly (big.js). */
export function squaredDistanceDense(A: string[][], B: string[][]): string {
  if (A.length !== B.length || A.some((row, a) => row.length !== B[a]!.length)) {
    throw new InputError('distance: the two points have different shapes');
  }
  let acc = new Big(0);
  A.forEach((row, a) =>
    row.forEach((x, i) => {
      const diff = exactBig(x, `W[${a}][${i}]`).minus(exactBig(B[a]![i]!, `W[${a}][${i}]`));
      acc = acc.plus(diff.times(diff));
    }),
  );
  return acc.toFixed();
}

/**
 * The block relabellings from compact point shape pB to pA: bijections σ of block indices with
 * pA[σ(b)] = pB[b] for every block b (all of them; at most ∏ (blocks of equal size)!, which is
 * small for the published m ≤ 3). Empty when the multisets of block sizes differ.
 */
export function blockRelabellings(pA: readonly number[], pB: readonly number[]): number[][] {
  const m = pB.length;
  if (pA.length !== m) return [];
  const out: number[][] = [];
  const sigma: number[] = [];
  const used = new Array<boolean>(m).fill(false);
  const extend = (b: number): void => {
    if (out.length >= 5040) return;
    if (b === m) {
      out.push([...sigma]);
      return;
    }
    for (let s = 0; s < m; s++) {
      if (used[s] || pA[s] !== pB[b]) continue;
      used[s] = true;
      sigma.push(s);
      extend(b + 1);
      sigma.pop();
      used[s] = false;
    }
  };
  extend(0);
  return out;
}

/**
 * The index permutation of a block relabelling σ (pA[σ(b)] = pB[b]): index t of block b of the
 * target shape pB comes from index t of block σ(b) of pA; the same array for coordinates and
 * neurons. Length k (no k² allocation).
 */
export function relabellingIndices(pA: readonly number[], pB: readonly number[], sigma: readonly number[]): number[] {
  const startsA = blockStarts(pA);
  const out: number[] = [];
  pB.forEach((size, b) => {
    for (let t = 0; t < size; t++) out.push(startsA[sigma[b]!]! + t);
  });
  return out;
}

/**
 * σ when π = (c, c) maps every block of pB onto one block of pA of the same size (c[r] lies in
 * block σ(b(r)) for every r, σ a bijection): then π(A) is again a compact point, with shape pB.
 * Undefined otherwise. O(k·m) time, O(m) memory besides the arrays given.
 */
export function blockRelabellingOf(pA: readonly number[], pB: readonly number[], pi: IndexPermutation): number[] | undefined {
  const { coordinates: c, neurons: q } = pi;
  const k = pB.reduce((s, x) => s + x, 0);
  if (pA.length !== pB.length || c.length !== k || q.length !== k || !isBijection(c, k)) return undefined;
  for (let r = 0; r < k; r++) if (c[r] !== q[r]) return undefined;
  const sigma: number[] = [];
  let r = 0;
  for (let b = 0; b < pB.length; b++) {
    const s = blockOf(pA, c[r]!);
    if (pA[s] !== pB[b]) return undefined;
    for (let t = 0; t < pB[b]!; t++, r++) if (blockOf(pA, c[r]!) !== s) return undefined;
    sigma.push(s);
  }
  return new Set(sigma).size === sigma.length ? sigma : undefined;
}

/**
 * π(A) for a block relabelling σ (pA[σ(b)] = pB[b]): the compact point of shape pB with
 * vals′[b][s] = vals[σ(b)][σ(s)] and vals′[b][m] = vals[σ(b)][m]. Indeed for π = (c, c) of
 * blockRelabellingOf, π(A)[a][i] = A[c[a]][c[i]] depends only on the blocks σ(b(a)), σ(b(i)) of
 * c[a], c[i] and on whether c[a] = c[i], i.e. whether a = i.
 */
export function relabelCompact(A: ExactCompactPoint, pB: readonly number[], sigma: readonly number[]): ExactCompactPoint {
  const m = pB.length;
  return {
    p: [...pB],
    vals: Array.from({ length: m }, (_, b) => [
      ...Array.from({ length: m }, (_, s) => A.vals[sigma[b]!]![sigma[s]!]!),
      A.vals[sigma[b]!]![m]!,
    ]),
  };
}

function centreShape(x: Centre): [number, number] {
  if (x.form === 'dense') return [x.W.length, x.W[0]?.length ?? 0];
  const k = compactSize(x.point);
  return [k, k];
}

/**
 * ‖π(W̃_A) − W̃_B‖²_F exactly (big.js). Dense–dense: O(dn). Compact–dense (either order): the
 * dense side is permuted (by π⁻¹ when A is compact, using ‖π(A) − B‖ = ‖A − π⁻¹(B)‖) and compared
 * with squaredDistanceToDense, O(k²) like the dense input itself. Compact–compact: when π is a
 * block relabelling, by orbit counts (squaredDistanceCompact), O(m² + k) with nothing of size k²;
 * otherwise entry by entry without allocating the matrices, only for k ≤ MAX_ENTRYWISE_COMPACT_K.
 * InputError when the shapes differ, π is not a permutation of the right sizes, or the
 * compact–compact case is out of reach.
 */
export function squaredDistanceUnderPermutation(A: Centre, B: Centre, pi: IndexPermutation): string {
  const [d, n] = centreShape(B);
  const [dA, nA] = centreShape(A);
  if (d !== dA || n !== nA) throw new InputError(`distance: the centres are ${dA}×${nA} and ${d}×${n}`);
  if (!isBijection(pi.coordinates, d) || !isBijection(pi.neurons, n)) {
    throw new InputError(`distance: the permutation is not a bijection of ${d} coordinates and ${n} neurons`);
  }
  if (A.form === 'dense' && B.form === 'dense') return squaredDistanceDense(permuteDense(A.W, pi), B.W);
  if (A.form === 'compact' && B.form === 'dense') return squaredDistanceToDense(A.point, permuteDense(B.W, inversePermutation(pi)));
  if (A.form === 'dense' && B.form === 'compact') return squaredDistanceToDense(B.point, permuteDense(A.W, pi));
  const a = (A as { point: ExactCompactPoint }).point;
  const b = (B as { point: ExactCompactPoint }).point;
  validateCompactPoint(a);
  validateCompactPoint(b);
  const sigma = blockRelabellingOf(a.p, b.p, pi);
  if (sigma) return squaredDistanceCompact(relabelCompact(a, b.p, sigma), b);
  if (d > MAX_ENTRYWISE_COMPACT_K) {
    throw new InputError(`distance: for two compact points with k = ${d} > ${MAX_ENTRYWISE_COMPACT_K} the permutation must be a block relabelling`);
  }
  let acc = new Big(0);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const diff = new Big(compactEntry(a, pi.coordinates[r]!, pi.neurons[c]!)).minus(new Big(compactEntry(b, r, c)));
      acc = acc.plus(diff.times(diff));
    }
  }
  return acc.toFixed();
}

/** The centre as a neuron-major Float64Array (x[i·d + a] = W[a][i]); a compact centre is expanded (O(k²)). */
export function floatCentre(x: Centre): Float64Array {
  const [d, n] = centreShape(x);
  const out = new Float64Array(d * n);
  for (let a = 0; a < d; a++) {
    for (let i = 0; i < n; i++) out[i * d + a] = Number(x.form === 'dense' ? x.W[a]![i]! : compactEntry(x.point, a, i));
  }
  return out;
}

/** Rows and columns (d, n) of a centre. */
export function centreDimensions(x: Centre): { d: number; n: number } {
  const [d, n] = centreShape(x);
  return { d, n };
}
