/**
 * Minimum-cost perfect matching on a square cost matrix (the assignment problem), by the
 * Hungarian algorithm with potentials (Kuhn–Munkres, O(m³)): m augmenting phases, each a
 * Dijkstra-like sweep over reduced costs. Returns `assignment` with row r matched to column
 * assignment[r]; the sum of cost[r][assignment[r]] is minimal over all permutations (exact
 * optimality up to floating-point rounding of the cost sums; ties are broken deterministically).
 *
 * `cost` is row-major, length m·m, finite entries.
 */
export function solveAssignment(cost: Float64Array, m: number): Int32Array {
  if (cost.length !== m * m) throw new RangeError(`solveAssignment: cost has ${cost.length} entries, expected ${m * m}`);
  // 1-based arrays as in the classical formulation; index 0 is the virtual row/column.
  const u = new Float64Array(m + 1);
  const v = new Float64Array(m + 1);
  const matchOfCol = new Int32Array(m + 1); // row matched to column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= m; i++) {
    matchOfCol[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = matchOfCol[j0]!;
      const rowBase = (i0 - 1) * m - 1;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[rowBase + j]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      if (j1 === 0) throw new RangeError('solveAssignment: cost matrix has non-finite entries');
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[matchOfCol[j]!] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (matchOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      matchOfCol[j0] = matchOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Int32Array(m);
  for (let j = 1; j <= m; j++) assignment[matchOfCol[j]! - 1] = j - 1;
  return assignment;
}

/** Total cost of an assignment. */
export function assignmentCost(cost: Float64Array, m: number, assignment: Int32Array): number {
  let s = 0;
  for (let r = 0; r < m; r++) s += cost[r * m + assignment[r]!]!;
  return s;
}
