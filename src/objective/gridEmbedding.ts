/**
 * Float evidence (NOT a proof) that a finite-data point is an embedding of a smaller network
 * (DESIGN.md §7; Fukumizu–Amari, Şimşek et al.): neurons with zero outgoing weight can be removed,
 * and duplicated neurons merged, without changing the network function f:
 * - sigmoid: neurons with equal incoming weights w_i = w_j act as one neuron (w_i, a_i + a_j);
 * - ReLU: neurons with positively parallel incoming weights (w_j = c·w_i, c > 0) act as one neuron
 *   (w_i, a_i + c·a_j), since relu(c z) = c relu(z).
 * Each removal or merge lowers the width by one; the level is the number of neurons removed.
 * The reduced network's own loss equals L (f is unchanged up to the tolerances) and its gradient
 * tells whether the point is (numerically) a critical point of the smaller network.
 */
import { type Activation, aIndex, wIndex } from './gridData.js';
import { type GridFloatProblem, gridGradientFloat, withWidth } from './gridFloat.js';

export interface EmbeddingOptions {
  /** Outgoing weights with |a_i| ≤ zeroTol count as zero (default 1e-6). */
  zeroTol?: number;
  /** Incoming weights within relative distance dupTol count as duplicates (default 1e-3). */
  dupTol?: number;
}

export interface Embedding {
  /** Width of the reduced network. */
  reducedN: number;
  /** Neurons removed: n − reducedN. */
  level: number;
  /** Groups (≥ 2 neurons, 0-based) merged into one neuron each. */
  duplicates: number[][];
  /** Neurons removed for their zero outgoing weight (0-based; incl. merged groups whose weights sum to 0). */
  zeroOutput: number[];
  /** θ of the reduced network (layout of gridData.ts). */
  reduced: Float64Array;
  /** Float loss and gradient norm of the reduced network at `reduced` (undefined when reducedN = 0). */
  reducedLoss?: number;
  reducedGradNorm?: number;
}

function norm(x: ArrayLike<number>, from: number, len: number): number {
  let s = 0;
  for (let j = 0; j < len; j++) s += x[from + j]! * x[from + j]!;
  return Math.sqrt(s);
}

/** Duplicate test and merge factor c (w_j ≈ c·w_i) for the activation; undefined when not duplicates. */
function duplicateFactor(act: Activation, theta: Float64Array, d: number, i: number, j: number, tol: number): number | undefined {
  const wi = wIndex(i, 0, d);
  const wj = wIndex(j, 0, d);
  const ni = norm(theta, wi, d);
  const nj = norm(theta, wj, d);
  if (ni === 0 || nj === 0) return ni === nj ? 1 : undefined;
  const c = act === 'relu' ? nj / ni : 1;
  let diff = 0;
  for (let k = 0; k < d; k++) diff = Math.max(diff, Math.abs(theta[wj + k]! - c * theta[wi + k]!));
  return diff <= tol * Math.max(1, nj) ? c : undefined;
}

/** The embedding structure of θ (float evidence; see the module comment). */
export function embeddingOf(fp: GridFloatProblem, theta: Float64Array, opts: EmbeddingOptions = {}): Embedding {
  const zeroTol = opts.zeroTol ?? 1e-6;
  const dupTol = opts.dupTol ?? 1e-3;
  const { d, n, activation } = fp;
  const zeroOutput: number[] = [];
  const live: number[] = [];
  for (let i = 0; i < n; i++) (Math.abs(theta[aIndex(i, d)]!) <= zeroTol ? zeroOutput : live).push(i);
  // Greedy grouping in index order: each live neuron joins the first group whose leader it duplicates.
  const groups: { leader: number; members: number[]; a: number }[] = [];
  for (const i of live) {
    let home: (typeof groups)[number] | undefined;
    let c = 1;
    for (const g of groups) {
      const f = duplicateFactor(activation, theta, d, g.leader, i, dupTol);
      if (f !== undefined) {
        home = g;
        c = f;
        break;
      }
    }
    if (home) {
      home.members.push(i);
      home.a += c * theta[aIndex(i, d)]!;
    } else {
      groups.push({ leader: i, members: [i], a: theta[aIndex(i, d)]! });
    }
  }
  const kept = groups.filter((g) => {
    if (g.members.length > 1 && Math.abs(g.a) <= zeroTol) {
      zeroOutput.push(...g.members);
      return false;
    }
    return true;
  });
  zeroOutput.sort((x, y) => x - y);
  const reducedN = kept.length;
  const reduced = new Float64Array(reducedN * (d + 1));
  kept.forEach((g, r) => {
    for (let k = 0; k < d; k++) reduced[wIndex(r, k, d)] = theta[wIndex(g.leader, k, d)]!;
    reduced[aIndex(r, d)] = g.a;
  });
  const out: Embedding = {
    reducedN,
    level: n - reducedN,
    duplicates: groups.filter((g) => g.members.length > 1).map((g) => g.members),
    zeroOutput,
    reduced,
  };
  if (reducedN > 0) {
    const g = new Float64Array(reduced.length);
    out.reducedLoss = gridGradientFloat(withWidth(fp, reducedN), reduced, g);
    out.reducedGradNorm = norm(g, 0, g.length);
  }
  return out;
}
