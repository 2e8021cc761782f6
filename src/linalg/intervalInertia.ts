/**
 * Proof of the inertia of every symmetric matrix in an interval matrix [M − R, M + R]
 * (DESIGN.md §10, "Morse index"), by congruence with float eigenvectors and Gershgorin discs.
 *
 * Statement. Let X be any real N×N matrix of doubles (in practice approximate eigenvectors of
 * M, as columns) and H any real symmetric matrix with |H − M| ≤ R entrywise. Put G = XᵀHX.
 * Suppose that for every row i the interval [c_i − s_i, c_i + s_i] computed below contains the
 * Gershgorin disc of G (centre G_ii, radius Σ_{j≠i}|G_ij|, as a disc in ℂ centred on the real
 * axis) and lies either in (−∞, 0) or in (0, ∞), with q rows in (−∞, 0). Then H has exactly q
 * negative eigenvalues, N − q positive ones and none zero.
 *
 * Proof. Let L be the union of the q Gershgorin discs of G whose enclosing interval is in
 * (−∞, 0), and U the union of the other N − q. L ⊂ {Re z < 0} and U ⊂ {Re z > 0} are disjoint,
 * so by Gershgorin's theorem on disjoint unions (Horn & Johnson, Matrix Analysis, 2nd ed.,
 * Thm 6.1.1: a union of q discs disjoint from the other N − q contains exactly q eigenvalues,
 * counted with multiplicity — continuity of the eigenvalues along G(τ) = D + τ(G − D)) L holds
 * exactly q eigenvalues of G and U the other N − q. G is real symmetric, so its eigenvalues are
 * real: q are negative, N − q positive, none is 0. In particular det G ≠ 0, and since
 * det G = det(X)²·det H, X is nonsingular (no separate test ‖I − XᵀX‖ < 1 is needed). By
 * Sylvester's law of inertia, the congruent matrices H and G = XᵀHX have the same inertia. ∎
 *
 * The enclosure. With P = fl(MX), Q = fl(XᵀP) (floatProductBounds.ts, error bounds from
 * Higham's model with underflow):
 *     G − Q = Xᵀ(H − M)X + Xᵀ(MX − P) + (XᵀP − Q),
 * |Xᵀ(H − M)X| ≤ |X|ᵀR|X|, |MX − P| ≤ err(M, X), |XᵀP − Q| ≤ err(Xᵀ, P). So for every j,
 * |G_ij − Q_ij| ≤ D_ij with Σ_j D_ij ≤ e_i := (|X|ᵀR|X|1)_i + (|X|ᵀ(err(M,X)1))_i + (err(Xᵀ,P)1)_i,
 * each a matrix–vector product with upward rounding. Then G_ii ∈ [Q_ii − D_ii, Q_ii + D_ii] and
 * Σ_{j≠i}|G_ij| ≤ Σ_{j≠i}|Q_ij| + Σ_{j≠i} D_ij, so the disc of row i lies in
 * [Q_ii − s_i, Q_ii + s_i] with s_i = Σ_{j≠i}|Q_ij| + e_i, rounded up.
 * Cost: two float N×N products (2N³ multiply-adds) and O(N²) upward-rounded work.
 */
import { addHi, subLo } from '../arith/f64Interval.js';
import {
  absMatVecUpper,
  allFinite,
  matMulFloat,
  productErrorTimesUpper,
  transposeFloat,
} from './floatProductBounds.js';
import type { MidpointRadius } from './midpointRadius.js';

/** Row i of the congruent matrix: its Gershgorin disc lies in [lo, hi] (rigorous). */
export interface GershgorinInterval {
  /** Row index = column i of X (the float eigen-direction). */
  index: number;
  lo: number;
  hi: number;
}

export interface InertiaProof {
  /** True ⇒ every symmetric H with |H − M| ≤ R has exactly `negative` negative and `positive` positive eigenvalues, none zero. */
  ok: boolean;
  negative: number;
  positive: number;
  /**
   * min over rows of the distance from 0 to the disc interval, rounded down (> 0 when ok): every
   * eigenvalue of XᵀHX has at least this absolute value.
   */
  minGap: number;
  /** Largest disc half-width s_i (rounded up): how much the enclosure widened the rows. */
  maxHalfWidth: number;
  /** The disc intervals that contain or touch 0 (empty when ok). */
  touching: GershgorinInterval[];
  /** Every row's disc interval, by row. */
  discLo: Float64Array;
  discHi: Float64Array;
  reason?: string;
}

/**
 * Inertia proof for the interval matrix [M ± R] (mr.R required) with the congruence X
 * (N×N row-major; column j is the j-th direction). See the module comment for the guarantee.
 * ok = false means "not proved": some disc touches 0 (`touching` names it), or a product
 * overflowed.
 */
export function proveInertia(mr: MidpointRadius, X: Float64Array): InertiaProof {
  const { N, M, R } = mr;
  if (!R) throw new RangeError('proveInertia: the midpoint–radius form must keep R');
  if (X.length < N * N) throw new RangeError(`proveInertia: X has ${X.length} entries for order ${N}`);
  const discLo = new Float64Array(N);
  const discHi = new Float64Array(N);
  const fail = (reason: string): InertiaProof => ({
    ok: false,
    negative: 0,
    positive: 0,
    minGap: 0,
    maxHalfWidth: Infinity,
    touching: [],
    discLo,
    discHi,
    reason,
  });
  if (!allFinite(X)) return fail('the congruence matrix X has a non-finite entry');

  const P = matMulFloat(M, X, N, N, N);
  const Xt = transposeFloat(X, N, N);
  const Q = matMulFloat(Xt, P, N, N, N);
  if (!allFinite(P) || !allFinite(Q)) return fail('overflow in the product XᵀMX');

  const ones = new Float64Array(N).fill(1);
  const absX1 = absMatVecUpper(X, N, N, ones); // |X|1
  const congruedR = absMatVecUpper(Xt, N, N, absMatVecUpper(R, N, N, absX1)); // |X|ᵀR|X|1
  const firstError = absMatVecUpper(Xt, N, N, productErrorTimesUpper(M, X, N, N, N, ones)); // |X|ᵀ err(M,X) 1
  const secondError = productErrorTimesUpper(Xt, P, N, N, N, ones); // err(Xᵀ,P) 1

  let negative = 0;
  let positive = 0;
  let minGap = Infinity;
  let maxHalfWidth = 0;
  const touching: GershgorinInterval[] = [];
  for (let i = 0; i < N; i++) {
    const row = i * N;
    let s = 0;
    for (let j = 0; j < N; j++) if (j !== i) s = addHi(s, Math.abs(Q[row + j]!));
    s = addHi(addHi(addHi(s, congruedR[i]!), firstError[i]!), secondError[i]!);
    const c = Q[row + i]!;
    const lo = subLo(c, s);
    const hi = addHi(c, s);
    discLo[i] = lo;
    discHi[i] = hi;
    if (!(s <= maxHalfWidth)) maxHalfWidth = s;
    if (hi < 0) {
      negative++;
      minGap = Math.min(minGap, -hi);
    } else if (lo > 0) {
      positive++;
      minGap = Math.min(minGap, lo);
    } else {
      touching.push({ index: i, lo, hi });
    }
  }
  if (touching.length > 0) {
    const t = touching[0]!;
    return {
      ok: false,
      negative,
      positive,
      minGap: 0,
      maxHalfWidth,
      touching,
      discLo,
      discHi,
      reason: `${touching.length} Gershgorin disc${touching.length > 1 ? 's' : ''} of XᵀHX reach 0 (first: direction ${t.index}, disc ⊂ [${t.lo}, ${t.hi}])`,
    };
  }
  return { ok: true, negative, positive, minGap, maxHalfWidth, touching, discLo, discHi };
}
