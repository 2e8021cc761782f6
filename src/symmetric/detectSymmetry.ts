/**
 * Finding the symmetry of a dense point (DESIGN.md §9, last point): a k×k point W of the
 * identity-teacher objective that is, up to relabellings of its rows and of its columns, the
 * expansion of a compact point (fixed by G = S_{p_1} × … × S_{p_m} acting by W ↦ PWPᵀ). Search end
 * points of the 2021 preset are such points up to float noise, with their blocks scattered over
 * the coordinates and the neurons in any order.
 *
 * This is float evidence only, used to choose the reduced path: nothing here is a claim. The
 * reduced path then polishes the compact point and proves everything it states about the compact
 * centre; the relation to W (the relabelling and the exact distance) is computed by
 * `squaredDistanceToPermutedDense` and recorded as information beside the certificate. A point that is
 * not within `tolerance` of a G-fixed point for some G with a block of size ≥ 2 is left to the
 * dense path.
 */
import Big from 'big.js';
import type { ExactCompactPoint } from './compactPoint.js';
import { compactEntry } from './compactPoint.js';
import { blockOfIndex, valsColumnOf } from '../io/compactForm.js';

export interface DetectedSymmetry {
  /** rowOrder[q] = the row (coordinate) of W placed at position q. */
  rowOrder: number[];
  /** colOrder[q] = the column (neuron) of W placed at position q: W[rowOrder[r]][colOrder[c]] ≈ the compact entry (r, c). */
  colOrder: number[];
  /** The compact point of orbit means (shortest decimal strings of the Float64 means). */
  point: ExactCompactPoint;
  /** max over entries of |W[rowOrder[r]][colOrder[c]] − the compact entry (r, c)| (Float64). */
  maxDeviation: number;
}

export interface DetectOptions {
  /** Entries of one orbit may differ by at most tolerance · max|W| (default 1e-6). */
  relativeTolerance?: number;
  /** Largest number of blocks m accepted (default 8): more blocks would make the reduced path slower than it is worth. */
  maxBlocks?: number;
}

/**
 * A relabelling of rows (coordinates) and columns (neurons) under which W is, up to
 * `relativeTolerance`, the expansion of a compact point with m ≤ maxBlocks blocks, one of them of
 * size ≥ 2; undefined if none is found (W not square, not close to such a point, or only
 * singletons). With V = I, F(P W Q) = F(W) for all permutation matrices P, Q, so rows and columns
 * are relabelled independently (a search meets the minima with its neurons in any order).
 *
 * Colour refinement on the bipartite graph rows × columns: a row class is split while two of its
 * rows see a column class through (min, max, mean) of their entries that differ by more than the
 * tolerance, and the same for columns; on a G-fixed point the classes end as the blocks. Row and
 * column classes are then paired (equal sizes; the pair whose submatrix has one odd entry per row
 * and column, else any), rows matched to columns inside a pair through the odd entry (the compact
 * diagonal), and every entry is checked against its orbit mean.
 */
export function detectSymmetry(W: readonly (readonly string[])[], opts: DetectOptions = {}): DetectedSymmetry | undefined {
  const k = W.length;
  if (k < 2 || W.some((row) => row.length !== k)) return undefined;
  const w = new Float64Array(k * k);
  let scale = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const x = Number(W[r]![c]!);
      if (!Number.isFinite(x)) return undefined;
      w[r * k + c] = x;
      scale = Math.max(scale, Math.abs(x));
    }
  }
  const tol = (opts.relativeTolerance ?? 1e-6) * Math.max(scale, Number.MIN_VALUE);
  const at = (r: number, c: number) => w[r * k + c]!;

  let rows: number[][] = [Array.from({ length: k }, (_, i) => i)];
  let cols: number[][] = [Array.from({ length: k }, (_, i) => i)];
  for (;;) {
    const nextRows = refine(rows, cols, (r, c) => at(r, c), tol);
    const nextCols = refine(cols, rows, (c, r) => at(r, c), tol);
    if (nextRows.length === rows.length && nextCols.length === cols.length) break;
    rows = nextRows;
    cols = nextCols;
  }
  const m = rows.length;
  if (m !== cols.length || m > (opts.maxBlocks ?? 8) || rows.every((c) => c.length === 1)) return undefined;

  // Pair row classes with column classes, then match rows to columns inside each pair.
  const free = new Set(cols.map((_, j) => j));
  const rowOrder: number[] = [];
  const colOrder: number[] = [];
  const p: number[] = [];
  rows.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  for (const R of rows) {
    const sameSize = [...free].filter((j) => cols[j]!.length === R.length);
    const matchings = sameSize.map((j) => ({ j, matching: oddMatching(R, cols[j]!, at, tol) }));
    const pick = matchings.find((x) => x.matching !== undefined && x.matching !== 'constant') ?? matchings.find((x) => x.matching === 'constant');
    if (!pick) return undefined;
    free.delete(pick.j);
    const C = cols[pick.j]!;
    const matched = pick.matching === 'constant' ? C : pick.matching!;
    rowOrder.push(...R);
    colOrder.push(...matched);
    p.push(R.length);
  }

  const blockAt = blockOfIndex(p);
  const col = (r: number, c: number) => valsColumnOf(blockAt[r]!, blockAt[c]!, r === c, m);
  const sums = Array.from({ length: m }, () => new Float64Array(m + 1));
  const counts = Array.from({ length: m }, () => new Float64Array(m + 1));
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      sums[blockAt[r]!]![col(r, c)] += at(rowOrder[r]!, colOrder[c]!);
      counts[blockAt[r]!]![col(r, c)] += 1;
    }
  }
  const vals = sums.map((row, b) => Array.from(row, (s, j) => (counts[b]![j]! > 0 ? String(s / counts[b]![j]!) : '0')));
  let maxDeviation = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      maxDeviation = Math.max(maxDeviation, Math.abs(at(rowOrder[r]!, colOrder[c]!) - Number(vals[blockAt[r]!]![col(r, c)]!)));
    }
  }
  if (!(maxDeviation <= tol)) return undefined;
  return { rowOrder, colOrder, point: { p, vals }, maxDeviation };
}

/** Splits every class of `own` by the (min, max, mean) of its members' entries toward each class of `other`. */
function refine(own: number[][], other: number[][], entry: (i: number, j: number) => number, tol: number): number[][] {
  const out: number[][] = [];
  for (const members of own) {
    let parts = [members];
    for (const to of other) {
      for (const stat of [0, 1, 2]) {
        parts = parts.flatMap((part) =>
          clusterBy(part, (i) => {
            let lo = Infinity;
            let hi = -Infinity;
            let sum = 0;
            for (const j of to) {
              const x = entry(i, j);
              lo = Math.min(lo, x);
              hi = Math.max(hi, x);
              sum += x;
            }
            return stat === 0 ? lo : stat === 1 ? hi : sum / to.length;
          }, tol),
        );
      }
    }
    out.push(...parts);
  }
  return out;
}

/**
 * The columns of C in the order matching the rows of R through the compact diagonal: each row's
 * one entry that differs (by more than tol) from the others in its row, forming a bijection;
 * 'constant' when the submatrix is constant (any bijection); for blocks of size 2 the entries
 * W[R0][C0] = W[R1][C1] decide; undefined when there is no such matching.
 */
function oddMatching(R: readonly number[], C: readonly number[], at: (r: number, c: number) => number, tol: number): number[] | 'constant' | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of R) for (const c of C) (lo = Math.min(lo, at(r, c))), (hi = Math.max(hi, at(r, c)));
  if (hi - lo <= tol) return 'constant';
  if (R.length === 1) return [C[0]!];
  if (R.length === 2) {
    const straight = Math.abs(at(R[0]!, C[0]!) - at(R[1]!, C[1]!)) <= tol && Math.abs(at(R[0]!, C[1]!) - at(R[1]!, C[0]!)) <= tol;
    return straight ? [C[0]!, C[1]!] : undefined;
  }
  const used = new Set<number>();
  const out: number[] = [];
  for (const r of R) {
    const values = C.map((c) => at(r, c)).sort((a, b) => a - b);
    const median = values[values.length >> 1]!;
    const odd = C.filter((c) => Math.abs(at(r, c) - median) > tol);
    if (odd.length !== 1 || used.has(odd[0]!)) return undefined;
    used.add(odd[0]!);
    out.push(odd[0]!);
  }
  return out;
}

/** Splits `items` into runs of consecutive sorted keys closer than tol. */
function clusterBy(items: readonly number[], key: (i: number) => number, tol: number): number[][] {
  const sorted = items.map((i) => ({ i, v: key(i) })).sort((a, b) => a.v - b.v);
  const out: number[][] = [];
  for (let q = 0; q < sorted.length; q++) {
    if (q === 0 || sorted[q]!.v - sorted[q - 1]!.v > tol) out.push([]);
    out[out.length - 1]!.push(sorted[q]!.i);
  }
  return out;
}

/**
 * ‖W − P·expand(pt)·Qᵀ‖²_F exactly (big.js), where P and Q place position q at row rowOrder[q]
 * and column colOrder[q]: (P·X·Qᵀ)[rowOrder[r]][colOrder[c]] = X[r][c]. O(k²) exact operations.
 */
export function squaredDistanceToPermutedDense(
  pt: ExactCompactPoint,
  rowOrder: readonly number[],
  colOrder: readonly number[],
  W: readonly (readonly string[])[],
): string {
  const k = rowOrder.length;
  let acc = new Big(0);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const diff = new Big(W[rowOrder[r]!]![colOrder[c]!]!).minus(new Big(compactEntry(pt, r, c)));
      acc = acc.plus(diff.times(diff));
    }
  }
  return acc.toFixed();
}
