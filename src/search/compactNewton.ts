import { Matrix, solve } from 'ml-matrix';
import { blockOfIndex, expandCompactForm, freeEntries, valsColumn, type FreeEntry } from '../io/compactForm.js';
import { gradientFloat, identityTeacher, makeProblem, matrixToNeuronMajor } from '../objective/reluFloat.js';

/**
 * Newton's method for critical points in the symmetric compact form of DESIGN.md §6 (block sizes
 * p, values vals, identity teacher, n = k = Σp). Float evidence only: `certmin certify` decides.
 *
 * Why a zero of the reduced gradient is a critical point of F: F is invariant under simultaneous
 * permutations of neurons and coordinates, so at a point with the block symmetry its gradient has
 * the same symmetry (constant on each cell class), and the reduced gradient, the sum of ∇F over
 * each class, vanishes only if ∇F itself does (symmetric criticality).
 */

export interface CompactPoint {
  p: number[];
  vals: number[][];
}

export interface CompactNewtonResult extends CompactPoint {
  loss: number;
  /** Euclidean norm of the reduced gradient (one entry per free value of vals). */
  reducedGradNorm: number;
  /** Frobenius norm of the full gradient at the expanded point. */
  gradNorm: number;
  iterations: number;
}

/** Loss, reduced gradient (one entry per free entry) and full gradient norm at a compact point. */
export function compactGradient(pt: CompactPoint): { loss: number; reduced: number[]; gradNorm: number } {
  const { p, vals } = pt;
  const m = p.length;
  const k = p.reduce((a, b) => a + b, 0);
  const w = matrixToNeuronMajor(expandCompactForm(vals, p));
  const g = new Float64Array(k * k);
  const loss = gradientFloat(makeProblem(k, k, identityTeacher(k)), w, g);
  const block = blockOfIndex(p);
  // sums[i][j]: Σ ∂F/∂W[r][c] over the cells that read vals[i][j]; W[r][c] is g[c·k + r].
  const sums = Array.from({ length: m }, () => new Array<number>(m + 1).fill(0));
  let frob2 = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const x = g[c * k + r]!;
      frob2 += x * x;
      sums[block[r]!]![valsColumn(block, m, r, c)]! += x;
    }
  }
  return { loss, reduced: freeEntries(p).map(({ i, j }) => sums[i]![j]!), gradNorm: Math.sqrt(frob2) };
}

const norm = (v: readonly number[]): number => Math.hypot(...v);

/**
 * Damped Newton on the free entries of vals, from `start`, with a central-difference Jacobian of
 * the reduced gradient; stops when the reduced gradient norm is ≤ tol, no step decreases it, or
 * after maxIterations. Each iteration costs 2·(free entries) + 1 gradient evaluations at size k.
 */
export function compactNewton(start: CompactPoint, opts: { tol?: number; maxIterations?: number } = {}): CompactNewtonResult {
  const tol = opts.tol ?? 1e-14;
  const maxIterations = opts.maxIterations ?? 40;
  const free = freeEntries(start.p);
  let vals = start.vals.map((row) => [...row]);
  const withValue = (base: number[][], e: FreeEntry, x: number): number[][] => {
    const v = base.map((row) => [...row]);
    v[e.i]![e.j] = x;
    return v;
  };
  let cur = compactGradient({ p: start.p, vals });
  let iterations = 0;
  for (; iterations < maxIterations && norm(cur.reduced) > tol; iterations++) {
    const J = free.map(() => new Array<number>(free.length).fill(0));
    free.forEach((e, col) => {
      const x = vals[e.i]![e.j]!;
      const h = 1e-6 * Math.max(1, Math.abs(x));
      const gp = compactGradient({ p: start.p, vals: withValue(vals, e, x + h) }).reduced;
      const gm = compactGradient({ p: start.p, vals: withValue(vals, e, x - h) }).reduced;
      for (let row = 0; row < free.length; row++) J[row]![col] = (gp[row]! - gm[row]!) / (2 * h);
    });
    const step = solve(new Matrix(J), Matrix.columnVector(cur.reduced.map((x) => -x))).getColumn(0);
    let accepted = false;
    for (let damp = 1; damp > 1e-4 && !accepted; damp /= 2) {
      const next = vals.map((row) => [...row]);
      free.forEach((e, q) => (next[e.i]![e.j]! += damp * step[q]!));
      const r = compactGradient({ p: start.p, vals: next });
      if (norm(r.reduced) < norm(cur.reduced)) {
        vals = next;
        cur = r;
        accepted = true;
      }
    }
    if (!accepted) break;
  }
  return { p: [...start.p], vals, loss: cur.loss, reducedGradNorm: norm(cur.reduced), gradNorm: cur.gradNorm, iterations };
}
