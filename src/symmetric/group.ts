/**
 * The symmetry group G = S_{p_0} × … × S_{p_{m−1}} of a compact-form point and its orbits on the
 * index sets that matter (DESIGN.md §9): pairs (a, i) (entries of W: the free values of the
 * compact form), neuron pairs, and 4-tuples (a, i, b, j) (entries ∂²F/∂W_ai∂W_bj of the Hessian).
 * Orbits are enumerated with src/symmetric/markedIndices.ts (whose module comment holds the
 * soundness argument); every size is an exact integer. Nothing here is O(k): a concrete index is
 * mapped to its block by a scan over the m block sizes.
 */
import { freeEntries, valsColumnOf, type FreeEntry } from '../io/compactForm.js';
import { extendClasses, orbitKey, type Sym } from './markedIndices.js';

/** Index of the first member of each block (blocks are consecutive index ranges). */
export function blockStarts(p: readonly number[]): number[] {
  const out: number[] = [];
  let start = 0;
  for (const size of p) {
    out.push(start);
    start += size;
  }
  return out;
}

/** The block of concrete index r (0 ≤ r < Σp). */
export function blockOf(p: readonly number[], r: number): number {
  let end = 0;
  for (let b = 0; b < p.length; b++) {
    end += p[b]!;
    if (r < end) return b;
  }
  throw new RangeError(`index ${r} is outside 0…${end - 1}`);
}

/** The symbol of a concrete index (its id is the index itself). */
export function symOf(p: readonly number[], r: number): Sym {
  return { id: r, block: blockOf(p, r) };
}

/** Which free entry of the compact form (freeEntries order) holds W_ai for symbols a (row), i (column). */
export function freeEntryIndex(p: readonly number[], a: Sym, i: Sym): number {
  const m = p.length;
  const j = valsColumnOf(a.block, i.block, a.id === i.id, m);
  const q = freeEntries(p).findIndex((e) => e.i === a.block && e.j === j);
  if (q < 0) throw new RangeError(`no free entry for row block ${a.block}, column ${j}`);
  return q;
}

/** The orbits of pairs (a, i) = the free entries of the compact form, with their exact sizes. */
export interface PairOrbit extends FreeEntry {
  /** Number of entries W_ai in the orbit: p_i·p_j (j < m, j ≠ i), p_i (j = i), p_i(p_i − 1) (j = m). */
  size: number;
  /** A representative (a, i): row a, column i. */
  rep: [Sym, Sym];
}

export function pairOrbits(p: readonly number[]): PairOrbit[] {
  const free = freeEntries(p);
  const out: PairOrbit[] = free.map((e) => ({ ...e, size: 0, rep: [{ id: -1, block: -1 }, { id: -1, block: -1 }] }));
  for (const cls of extendClasses(p, [], 2)) {
    const [a, i] = cls.syms as [Sym, Sym];
    const q = freeEntryIndex(p, a, i);
    out[q]!.size = Number(cls.count);
    out[q]!.rep = [a, i];
  }
  return out;
}

/** The orbits of ordered neuron pairs (i, j), i ≠ j: one per (block i, block j) that has such a pair. */
export interface NeuronPairOrbit {
  s: number;
  t: number;
  /** Number of ordered pairs: p_s (p_t − [s = t]). */
  size: number;
}

export function neuronPairOrbits(p: readonly number[]): NeuronPairOrbit[] {
  const out: NeuronPairOrbit[] = [];
  p.forEach((ps, s) =>
    p.forEach((pt, t) => {
      const size = ps * (pt - (s === t ? 1 : 0));
      if (size > 0) out.push({ s, t, size });
    }),
  );
  return out;
}

/**
 * The G-orbits of Hessian entries: orbits of 4-tuples (a, i, b, j) merged with their transposes
 * (b, j, a, i), whose entries are equal (the Hessian is symmetric), so that every interval matrix
 * built from one value per orbit is symmetric and commutes with G.
 */
export class HessianOrbits {
  readonly p: number[];
  readonly m: number;
  readonly k: number;
  /** A representative (a, i, b, j) of each orbit; its distinct indices are its named symbols. */
  readonly reps: [Sym, Sym, Sym, Sym][] = [];
  /** Number of concrete 4-tuples in the orbit and its transpose (exact). Σ sizes = k⁴. */
  readonly sizes: bigint[] = [];
  private readonly index = new Map<string, number>();

  constructor(p: readonly number[]) {
    this.p = [...p];
    this.m = p.length;
    this.k = p.reduce((x, y) => x + y, 0);
    const pending: { key: string; tkey: string; rep: [Sym, Sym, Sym, Sym]; count: bigint }[] = [];
    for (const cls of extendClasses(p, [], 4)) {
      const [a, i, b, j] = cls.syms as [Sym, Sym, Sym, Sym];
      pending.push({ key: orbitKey([a, i, b, j]), tkey: orbitKey([b, j, a, i]), rep: [a, i, b, j], count: cls.count });
    }
    for (const o of pending) {
      const canonical = o.key <= o.tkey ? o.key : o.tkey;
      let q = this.index.get(canonical);
      if (q === undefined) {
        q = this.reps.length;
        this.index.set(canonical, q);
        this.reps.push(o.rep);
        this.sizes.push(0n);
      }
      this.index.set(o.key, q);
      this.sizes[q]! += o.count;
    }
  }

  get count(): number {
    return this.reps.length;
  }

  /** The orbit of a tuple of symbols (a, i, b, j). */
  indexOfSyms(t: readonly Sym[]): number {
    const q = this.index.get(orbitKey(t));
    if (q === undefined) throw new RangeError(`no Hessian orbit for ${orbitKey(t)}`);
    return q;
  }

  /** The orbit of the concrete entry ∂²F/∂W_ai∂W_bj. */
  indexOf(a: number, i: number, b: number, j: number): number {
    return this.indexOfSyms([a, i, b, j].map((r) => symOf(this.p, r)));
  }
}
