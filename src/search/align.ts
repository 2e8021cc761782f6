import { solveAssignment } from './hungarian.js';

/**
 * Symmetries of the loss used to compare points: 'neurons' — any permutation Q of the student's
 * neurons (columns of W); 'neurons-and-coordinates' — for the identity teacher also any
 * permutation P of the coordinates (rows of W), independently of Q, since P·I_k is I_k with its
 * columns (teacher neurons) permuted. Points are neuron-major Float64Arrays (x[i·d + a] = X[a][i]).
 */
export type Symmetry = 'neurons' | 'neurons-and-coordinates';

/**
 * The aligned copy of X is Y[a][i] = X[rowPerm[a]][colPerm[i]]; `dist` is ‖Y − R‖_F.
 */
export interface Alignment {
  dist: number;
  rowPerm: Int32Array;
  colPerm: Int32Array;
}

const MAX_ALTERNATIONS = 50;

/**
 * Finds permutations that bring X close to R. With 'neurons' the column assignment is solved
 * exactly (one Hungarian problem), so `dist` is the true distance up to symmetry. With
 * 'neurons-and-coordinates' it alternates exact row and column assignments (each step cannot
 * increase the distance) from three starts — rows matched by their sorted entries, columns matched
 * by their sorted entries (both invariant under the other permutation), and the identity row
 * order (so `dist` ≤ ‖X − R‖_F) — and keeps the best result: `dist` is
 * an upper bound on the distance up to symmetry (a local optimum of a hard problem; it is exact
 * in the case that matters, a permuted copy of R plus a perturbation small against the gaps
 * between R's distinct entries).
 */
export function alignPoint(x: Float64Array, r: Float64Array, d: number, n: number, symmetry: Symmetry): Alignment {
  const identityRows = new Int32Array(d);
  for (let a = 0; a < d; a++) identityRows[a] = a;
  if (symmetry === 'neurons') {
    const colPerm = solveAssignment(columnCost(x, r, d, n, identityRows), n);
    return { dist: alignedDistance(x, r, d, n, identityRows, colPerm), rowPerm: identityRows, colPerm };
  }
  let best = alternate(x, r, d, n, solveAssignment(sortedRowCost(x, r, d, n), d), null);
  for (const start of [
    () => alternate(x, r, d, n, null, solveAssignment(sortedColumnCost(x, r, d, n), n)),
    () => alternate(x, r, d, n, identityRows, null),
  ]) {
    if (best.dist === 0) break;
    const other = start();
    if (other.dist < best.dist) best = other;
  }
  return best;
}

/**
 * A lower bound on ‖P X Q − R‖_F over all permutations P, Q: the distance between the sorted
 * lists of all entries. (Matching sorted lists minimises the sum of squared differences over all
 * bijections between the two multisets of entries, and every P, Q induces such a bijection.)
 */
export function sortedEntriesDistance(sortedX: Float64Array, sortedR: Float64Array): number {
  let s = 0;
  for (let j = 0; j < sortedX.length; j++) {
    const t = sortedX[j]! - sortedR[j]!;
    s += t * t;
  }
  return Math.sqrt(s);
}

/** The entries of x in ascending order (a copy). */
export function sortedEntries(x: Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/** ‖Y − R‖_F for Y[a][i] = X[rowPerm[a]][colPerm[i]]. */
export function alignedDistance(
  x: Float64Array, r: Float64Array, d: number, n: number, rowPerm: Int32Array, colPerm: Int32Array,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const xb = colPerm[i]! * d;
    const rb = i * d;
    for (let a = 0; a < d; a++) {
      const t = x[xb + rowPerm[a]!]! - r[rb + a]!;
      s += t * t;
    }
  }
  return Math.sqrt(s);
}

function alternate(
  x: Float64Array, r: Float64Array, d: number, n: number, rowPerm: Int32Array | null, colPerm: Int32Array | null,
): Alignment {
  let rows = rowPerm ?? solveAssignment(rowCost(x, r, d, n, colPerm!), d);
  let cols = colPerm ?? solveAssignment(columnCost(x, r, d, n, rows), n);
  let dist = alignedDistance(x, r, d, n, rows, cols);
  for (let it = 0; it < MAX_ALTERNATIONS; it++) {
    const newCols = solveAssignment(columnCost(x, r, d, n, rows), n);
    const newRows = solveAssignment(rowCost(x, r, d, n, newCols), d);
    const newDist = alignedDistance(x, r, d, n, newRows, newCols);
    if (!(newDist < dist)) break;
    rows = newRows;
    cols = newCols;
    dist = newDist;
  }
  return { dist, rowPerm: rows, colPerm: cols };
}

/** C[i][j] = Σ_a (X[rowPerm[a]][j] − R[a][i])²: cost of placing X's column j at R's column i. */
function columnCost(x: Float64Array, r: Float64Array, d: number, n: number, rowPerm: Int32Array): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) {
        const t = x[j * d + rowPerm[a]!]! - r[i * d + a]!;
        s += t * t;
      }
      c[i * n + j] = s;
    }
  }
  return c;
}

/** C[a][b] = Σ_i (X[b][colPerm[i]] − R[a][i])²: cost of placing X's row b at R's row a. */
function rowCost(x: Float64Array, r: Float64Array, d: number, n: number, colPerm: Int32Array): Float64Array {
  const c = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const t = x[colPerm[i]! * d + b]! - r[i * d + a]!;
        s += t * t;
      }
      c[a * d + b] = s;
    }
  }
  return c;
}

/** Row cost invariant under column permutations: squared distance of the sorted rows. */
function sortedRowCost(x: Float64Array, r: Float64Array, d: number, n: number): Float64Array {
  const xs = sortedLines(x, d, n, 'rows');
  const rs = sortedLines(r, d, n, 'rows');
  return lineCost(rs, xs, d, n);
}

/** Column cost invariant under row permutations: squared distance of the sorted columns. */
function sortedColumnCost(x: Float64Array, r: Float64Array, d: number, n: number): Float64Array {
  const xs = sortedLines(x, d, n, 'columns');
  const rs = sortedLines(r, d, n, 'columns');
  return lineCost(rs, xs, n, d);
}

/** Each row (length n) or column (length d) of the d×n matrix, sorted, stored consecutively. */
function sortedLines(x: Float64Array, d: number, n: number, which: 'rows' | 'columns'): Float64Array {
  const out = new Float64Array(d * n);
  if (which === 'rows') {
    for (let a = 0; a < d; a++) {
      const line = out.subarray(a * n, (a + 1) * n);
      for (let i = 0; i < n; i++) line[i] = x[i * d + a]!;
      line.sort();
    }
  } else {
    for (let i = 0; i < n; i++) {
      const line = out.subarray(i * d, (i + 1) * d);
      line.set(x.subarray(i * d, (i + 1) * d));
      line.sort();
    }
  }
  return out;
}

/** C[p][q] = ‖rLines[p] − xLines[q]‖² for `count` lines of length `len`. */
function lineCost(rLines: Float64Array, xLines: Float64Array, count: number, len: number): Float64Array {
  const c = new Float64Array(count * count);
  for (let p = 0; p < count; p++) {
    for (let q = 0; q < count; q++) {
      let s = 0;
      for (let t = 0; t < len; t++) {
        const e = rLines[p * len + t]! - xLines[q * len + t]!;
        s += e * e;
      }
      c[p * count + q] = s;
    }
  }
  return c;
}
