/**
 * Marked indices: the bookkeeping that makes every computation of src/symmetric cost the same at
 * any k (DESIGN.md §9).
 *
 * Setting. Block sizes p = [p_0 … p_{m−1}], k = Σp, identity teacher, d = n = k. The group
 * G = S_{p_0} × … × S_{p_{m−1}} (permutations that keep every block) acts on W ∈ R^{k×k} (rows =
 * coordinates, columns = neurons) by W ↦ PWPᵀ, and F(PWPᵀ) = F(W) (DESIGN.md §2). A point of the
 * compact form (§6) is G-fixed.
 *
 * Symbols. A quantity is computed for a representative tuple of indices whose distinct indices
 * are NAMED symbols (`Sym`: an id, the block, and for the copies of src/symmetric/isotypic.ts an
 * optional mark number). Every other index is "an unnamed member of block s"; there are
 * p_s − (#named in s) of them. `extendClasses` lists the ways to add n further indices to the
 * named ones — each new index is an existing symbol or a new member of some block — with the
 * exact number of concrete index tuples each way stands for (a falling factorial).
 *
 * THE SOUNDNESS ARGUMENT (cited by every module of src/symmetric). Let W̃ be G-fixed and
 * X = {W : |W − W̃|∞ ≤ ρ} (ρ ≥ 0; ρ = 0 is the point itself). X is G-invariant, and the interval
 * that X gives to a coordinate W_ci depends only on (block c, block i, c = i) — the same for all
 * members of a class. Hence:
 *  (1) Regrouping. A sum over a free index (Σ_c W_ci W_cj, Σ_{l≠i} A(w_i, w_l), Σ_t …) splits into
 *      the named values of the index and, per block, the unnamed members. The natural interval
 *      extension of the term is the same interval J for every unnamed member (its inputs are the
 *      same intervals), so the interval sum of the dense formula over those `count` members is
 *      exactly count·J. Every interval computed this way therefore contains the exact value of its
 *      quantity for every W ∈ X and every concrete choice of the indices in its class — the same
 *      guarantee as the dense interval code, which sums the same terms one by one.
 *  (2) One enclosure per orbit. For g ∈ G and W ∈ X, the entry of index tuple gτ satisfies
 *      H_{gτ}(W) = H_τ(g⁻¹W) (differentiate F(W) = F(g⁻¹W)), and g⁻¹W ∈ X. So the range over X of
 *      every member of a G-orbit equals the range of its representative: one enclosure per orbit
 *      encloses every entry of the orbit at every point of X. The same holds for gradient entries
 *      (orbits of pairs (a, i)) and for the pair terms of the loss (orbits of neuron pairs).
 *  (3) Exact counts. Orbit sizes and class counts are products of falling factorials, computed
 *      exactly in integers (BigInt where they can exceed 2⁵³: k⁴ for 4-tuples).
 */

/** A named index: `id` distinguishes indices (equal ids = the same index), `block` its block. */
export interface Sym {
  id: number;
  block: number;
  /** For the copies of an irreducible representation: which marked index this is (0, 1, …). */
  mark?: number;
}

/** One way of extending the named symbols by n indices, standing for `count` concrete tuples. */
export interface IndexClass {
  /** The n new indices (each an existing symbol or a new one, ids above every named id). */
  syms: Sym[];
  /** Every named symbol after the extension (the input ones, then the new ones). */
  named: Sym[];
  /** Number of concrete index tuples in this class (given the concrete named indices). */
  count: bigint;
}

/** r-th falling factorial n (n−1) … (n−r+1), exactly (0 when r > n). */
export function fallingFactorial(n: number, r: number): bigint {
  let out = 1n;
  for (let q = 0; q < r; q++) out *= BigInt(Math.max(n - q, 0));
  return out;
}

/**
 * Every class of n further indices over the named symbols `named`, for block sizes p: each new
 * index equals a named symbol, an earlier new index, or is a new member of a block that still has
 * unnamed members. The classes partition the k^n concrete tuples (given concrete named indices),
 * and `count` is the exact size of each: Σ count = k^n.
 */
export function extendClasses(p: readonly number[], named: readonly Sym[], n: number): IndexClass[] {
  const used = new Array<number>(p.length).fill(0);
  let nextId = 0;
  for (const s of named) {
    used[s.block]!++;
    nextId = Math.max(nextId, s.id + 1);
  }
  const out: IndexClass[] = [];
  const syms: Sym[] = [];
  const all: Sym[] = [...named];
  const walk = (count: bigint): void => {
    if (syms.length === n) {
      out.push({ syms: [...syms], named: [...all], count });
      return;
    }
    for (const s of all) {
      syms.push(s);
      walk(count);
      syms.pop();
    }
    for (let b = 0; b < p.length; b++) {
      const free = p[b]! - used[b]!;
      if (free <= 0) continue;
      const s: Sym = { id: nextId++, block: b };
      used[b]!++;
      all.push(s);
      syms.push(s);
      walk(count * BigInt(free));
      syms.pop();
      all.pop();
      used[b]!--;
      nextId--;
    }
  };
  walk(1n);
  return out;
}

/** The named symbols of a tuple: its distinct indices, in order of first appearance. */
export function distinctSyms(tuple: readonly Sym[]): Sym[] {
  const out: Sym[] = [];
  for (const s of tuple) if (!out.some((t) => t.id === s.id)) out.push(s);
  return out;
}

/**
 * The G-orbit key of a tuple of symbols: the equality pattern (ids renumbered by first
 * appearance) and the block of each distinct index. Two concrete tuples lie in the same G-orbit
 * iff their keys agree (G acts on each block by all permutations, so only blocks and equalities
 * are invariant, and they determine the orbit).
 */
export function orbitKey(tuple: readonly Sym[]): string {
  const ids: number[] = [];
  let eq = '';
  let blocks = '';
  for (const s of tuple) {
    let q = ids.indexOf(s.id);
    if (q < 0) {
      q = ids.length;
      ids.push(s.id);
      blocks += (blocks ? ',' : '') + s.block;
    }
    eq += String.fromCharCode(48 + q);
  }
  return `${eq}:${blocks}`;
}
