import { InputError } from '../errors.js';

/** block[r]: the block (0 … m−1) that row/column r belongs to, for block sizes p. */
export function blockOfIndex(p: readonly number[]): number[] {
  const block: number[] = [];
  p.forEach((size, b) => {
    for (let t = 0; t < size; t++) block.push(b);
  });
  return block;
}

/**
 * The column of vals[block[r]] that gives W[r][c] (DESIGN.md §6): block[c] when r and c lie in
 * different blocks, the block's own index on the diagonal, m off the diagonal inside a block.
 */
export function valsColumn(block: readonly number[], m: number, r: number, c: number): number {
  return valsColumnOf(block[r]!, block[c]!, r === c, m);
}

/**
 * valsColumn for an entry given by the blocks of its row and column and whether row = column
 * (the form used where indices are symbolic, src/symmetric).
 */
export function valsColumnOf(rowBlock: number, colBlock: number, sameIndex: boolean, m: number): number {
  return rowBlock !== colBlock ? colBlock : sameIndex ? rowBlock : m;
}

/** A cell class of the compact form: vals[i][j], with j = m for the off-diagonal part of block i. */
export interface FreeEntry {
  i: number;
  j: number;
}

/**
 * The entries of vals that appear in W, in the order used everywhere (compactNewton's reduced
 * gradient, src/symmetric's orbits of index pairs): for i = 0…m−1, j = 0…m, all but vals[i][m]
 * for singleton blocks.
 */
export function freeEntries(p: readonly number[]): FreeEntry[] {
  const m = p.length;
  const out: FreeEntry[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j <= m; j++) if (j < m || p[i]! > 1) out.push({ i, j });
  return out;
}

/**
 * The symmetric compact form of the 2021 stored minima (DESIGN.md §6): block sizes
 * p = [p_1 … p_m] with Σ p_i = k, and vals, an m×(m+1) array.
 *
 * Returns the k×k point W with ROWS = COORDINATES and COLUMNS = NEURONS (the d×n layout of
 * `Candidate.W`, d = n = k), where, writing b(r) for the block of index r (blocks are
 * consecutive index ranges of sizes p_1, p_2, …):
 *   W[r][c] = vals[b(r)][b(c)]   for b(r) ≠ b(c),
 *   W[r][r] = vals[b][b],
 *   W[r][c] = vals[b][m]         for r ≠ c in the same block b.
 *
 * Orientation was settled from the data, not assumed: for every non-global record of the anchor
 * pickles (k = 7…10) this W has Frobenius gradient norm ≈ 1.2e-10 … 2.0e-10 under the identity
 * teacher — equal to the record's own `grad_norm` — and its loss matches the 2018 .mat family of
 * the same k (e.g. 0.023203 for k = 7), while the transpose has gradient norm ≈ 0.37 … 0.62.
 * (The loss is invariant under simultaneous coordinate/neuron permutations but not under
 * transposition.) The global-minimum record vals = [[1, 0]], p = [k] gives W = I_k.
 */
export function expandCompactForm(vals: number[][], p: number[]): number[][] {
  const m = p.length;
  if (m === 0) throw new InputError('compact form: the block sizes p are empty');
  let k = 0;
  for (const size of p) {
    if (!Number.isInteger(size) || size < 1) throw new InputError(`compact form: block size ${size} is not a positive integer`);
    k += size;
  }
  if (k > 100_000) throw new InputError(`compact form: Σp = ${k} is too large`);
  if (vals.length !== m) throw new InputError(`compact form: vals has ${vals.length} rows but p has ${m} blocks (expected ${m}×${m + 1})`);
  vals.forEach((row, i) => {
    if (row.length !== m + 1) throw new InputError(`compact form: row ${i} of vals has ${row.length} entries (expected ${m + 1})`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new InputError(`compact form: vals[${i}][${j}] = ${x} is not a finite number`);
    });
  });
  const block = blockOfIndex(p);
  const W: number[][] = [];
  for (let r = 0; r < k; r++) {
    const row = vals[block[r]!]!;
    const out = new Array<number>(k);
    for (let c = 0; c < k; c++) out[c] = row[valsColumn(block, m, r, c)]!;
    W.push(out);
  }
  return W;
}

/**
 * Reshapes a stored vals array (any shape whose element count is m·(m+1), e.g. the 1-D [1, 0]
 * of the global-minimum records) into m rows of m + 1, in C order.
 */
export function valsMatrix(flat: ArrayLike<number>, m: number, label: string): number[][] {
  if (flat.length !== m * (m + 1)) {
    throw new InputError(`${label}: vals has ${flat.length} entries but p has ${m} blocks (expected ${m}×${m + 1} = ${m * (m + 1)})`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < m; i++) rows.push(Array.from({ length: m + 1 }, (_, j) => flat[i * (m + 1) + j]!));
  return rows;
}
