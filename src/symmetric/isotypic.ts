/**
 * The isotypic decomposition of R^{k×k} under G = S_{p_0} × … × S_{p_{m−1}} (W ↦ PWPᵀ), and the
 * small matrices through which an orbit-constant (G-commuting) symmetric matrix M acts on each
 * component (DESIGN.md §9).
 *
 * Types (irreducible representations of G occurring in R^{k×k} = ⊕_{s,t} R^{p_s} ⊗ R^{p_t}):
 *   | type           | dimension              | multiplicity          | vector x of the irrep                   |
 *   | trivial        | 1                      | m² + #{p_r ≥ 2}       | 1                                       |
 *   | std(r)         | p_r − 1                | 2m + [p_r ≥ 3]        | e₀ − e₁ (marks 0, 1 in block r)          |
 *   | std(r)⊗std(s)  | (p_r − 1)(p_s − 1)     | 2                     | (e₀ − e₁) ⊗ (e₂ − e₃) (marks 0,1 ∈ r; 2,3 ∈ s) |
 *   | wedge2(r)      | (p_r − 1)(p_r − 2)/2   | 1 (p_r ≥ 3)           | 3-cycle on marks 0, 1, 2                 |
 *   | two-row(r)     | p_r (p_r − 3)/2        | 1 (p_r ≥ 4)           | X₀₁ = X₂₃ = 1, X₀₂ = X₁₃ = −1, symmetric |
 * Copies φ_α = T_α(x): images of the same x under G-equivariant linear maps T_α: V_type → R^{k×k}:
 *   trivial: the indicator of each orbit of pairs (a, i) (freeEntries order);
 *   std(r): diag(x) on block (r, r); X_ab = x_a and X_ab = x_b for a ≠ b in block r; for each
 *     t ≠ r, X_ac = x_a (a ∈ r, c ∈ t) and X_ca = x_a (c ∈ t, a ∈ r);
 *   std(r)⊗std(s): X_ac = x_a y_c (a ∈ r, c ∈ s) and X_ca = x_a y_c (c ∈ s, a ∈ r);
 *   wedge2(r), two-row(r): the single vector above, which lies in that isotypic component (it has
 *     zero row and column sums, so it is orthogonal to the trivial and std parts of the block (r, r);
 *     antisymmetric: Λ² of the permutation representation = std ⊕ wedge2; symmetric with zero
 *     diagonal: 1 ⊕ std ⊕ two-row).
 * Each copy is written as a function of the pair (a, i) of symbols relative to the marks, so all
 * sums below run over classes with exact counts (markedIndices.ts). Dependent copies (small p_r:
 * p_r = 2 makes the two in-block off-diagonal std copies opposite) are dropped by exact rank of the
 * Gram matrix Γ_αβ = ⟨φ_α, φ_β⟩ (greedily, in the listed order: independentColumnsOfGram).
 *
 * Schur: for an orbit-constant symmetric M (so PMPᵀ = M for P ∈ G) and T_α, T_β as above,
 * T_αᵀ M T_β commutes with G on the absolutely irreducible V_type, so it is c_αβ·I; likewise
 * T_αᵀT_β = γ_αβ·I. Hence B_αβ = ⟨φ_α, M φ_β⟩ = c_αβ|x|² and Γ_αβ = γ_αβ|x|², and for
 * u = Σ_α T_α v_α with v_α = Σ_l C_αl e_l (orthonormal basis e_l of V_type):
 *   ⟨u, (M − sI) u⟩ = |x|⁻² Σ_l C_lᵀ (B − sΓ) C_l.
 * With Γ positive definite (kept copies independent), u ↦ (C_l) is a bijection between the
 * component and (R^mult)^dim, so M − sI ≻ 0 on the component ⇔ B − sΓ ≻ 0, and the eigenvalues
 * of M there are the generalised eigenvalues of (B, Γ), each with multiplicity `dimension`.
 * Components of different types are orthogonal and M-invariant, and when Σ dimension × (kept
 * copies) = k² (checked: dimensionCheck) they fill R^{k×k}: then M − sI ≻ 0 ⇔ every B − sΓ ≻ 0.
 */
import Big from 'big.js';
import { freeEntries, valsColumnOf } from '../io/compactForm.js';
import { independentColumnsOfGram } from '../linalg/exactPositiveDefinite.js';
import type { HessianOrbits } from './group.js';
import { extendClasses, type Sym } from './markedIndices.js';

export type IsotypicKind = 'trivial' | 'std' | 'std⊗std' | 'wedge2' | 'two-row';

export interface IsotypicType {
  kind: IsotypicKind;
  /** The blocks the irreducible representation acts on: [] (trivial), [r] or [r, s]. */
  blocks: number[];
  /** Human-readable name, e.g. "std(1)⊗std(2)" (0-based blocks). */
  label: string;
  dimension: number;
  /** The multiplicity of DESIGN.md §9's table (the number of independent copies). */
  multiplicity: number;
}

/** A copy φ_α as a function of the pair (a, i) = (row/coordinate, column/neuron). */
interface Copy {
  name: string;
  value: (a: Sym, i: Sym) => number;
}

/** The independent copies of one type and their exact Gram matrix. */
export interface IsotypicCopies extends IsotypicType {
  /** Names of the copies kept (linearly independent), in order. */
  copies: string[];
  /** Names of the listed copies dropped as linearly dependent on earlier ones. */
  dropped: string[];
  /** Exact Gram matrix of the kept copies (positive definite). */
  gram: bigint[][];
}

/** The B-matrix of one type as integer combinations of orbit values. */
export interface IsotypicBlock extends IsotypicCopies {
  /** terms[α][β] (α ≤ β): B_αβ = Σ coef · M[orbit] over these terms (exact counts). */
  terms: { orbit: number; coef: bigint }[][][];
}

/** The types occurring for block sizes p, with the table's dimensions and multiplicities. */
export function isotypicTypes(p: readonly number[]): IsotypicType[] {
  const m = p.length;
  const out: IsotypicType[] = [
    { kind: 'trivial', blocks: [], label: 'trivial', dimension: 1, multiplicity: m * m + p.filter((x) => x >= 2).length },
  ];
  p.forEach((pr, r) => {
    if (pr >= 2) out.push({ kind: 'std', blocks: [r], label: `std(${r})`, dimension: pr - 1, multiplicity: 2 * m + (pr >= 3 ? 1 : 0) });
  });
  p.forEach((pr, r) =>
    p.forEach((ps, s) => {
      if (r < s && pr >= 2 && ps >= 2) {
        out.push({ kind: 'std⊗std', blocks: [r, s], label: `std(${r})⊗std(${s})`, dimension: (pr - 1) * (ps - 1), multiplicity: 2 });
      }
    }),
  );
  p.forEach((pr, r) => {
    if (pr >= 3) out.push({ kind: 'wedge2', blocks: [r], label: `wedge2(${r})`, dimension: ((pr - 1) * (pr - 2)) / 2, multiplicity: 1 });
    if (pr >= 4) out.push({ kind: 'two-row', blocks: [r], label: `two-row(${r})`, dimension: (pr * (pr - 3)) / 2, multiplicity: 1 });
  });
  return out;
}

/** Σ dimension × multiplicity over the types, and whether it equals k² (exact integers). */
export function dimensionCheck(types: readonly { dimension: number; multiplicity: number }[], k: number): {
  sum: string;
  kSquared: string;
  ok: boolean;
} {
  const sum = types.reduce((a, t) => a + BigInt(t.dimension) * BigInt(t.multiplicity), 0n);
  const kSquared = BigInt(k) * BigInt(k);
  return { sum: sum.toString(), kSquared: kSquared.toString(), ok: sum === kSquared };
}

/** The marks of a type: the indices its vector x is built on. */
function marksOf(t: IsotypicType): Sym[] {
  const [r, s] = t.blocks;
  const marks = (block: number, count: number, first: number): Sym[] =>
    Array.from({ length: count }, (_, q) => ({ id: first + q, block, mark: first + q }));
  switch (t.kind) {
    case 'trivial':
      return [];
    case 'std':
      return marks(r!, 2, 0);
    case 'std⊗std':
      return [...marks(r!, 2, 0), ...marks(s!, 2, 2)];
    case 'wedge2':
      return marks(r!, 3, 0);
    case 'two-row':
      return marks(r!, 4, 0);
  }
}

/** e_first − e_{first+1} on the marks: +1, −1, or 0 for any other index. */
const signed = (first: number) => (x: Sym): number => (x.mark === first ? 1 : x.mark === first + 1 ? -1 : 0);

const WEDGE2: Record<string, number> = { '0,1': 1, '1,2': 1, '2,0': 1, '1,0': -1, '2,1': -1, '0,2': -1 };
const TWO_ROW: Record<string, number> = { '0,1': 1, '1,0': 1, '2,3': 1, '3,2': 1, '0,2': -1, '2,0': -1, '1,3': -1, '3,1': -1 };

/** The listed copies of a type (DESIGN.md §9), before dependent ones are dropped. */
function copiesOf(p: readonly number[], t: IsotypicType): Copy[] {
  const m = p.length;
  const [r, s] = t.blocks;
  switch (t.kind) {
    case 'trivial':
      return freeEntries(p).map((e) => ({
        name: `vals[${e.i}][${e.j}]`,
        value: (a, i) => (a.block === e.i && valsColumnOf(a.block, i.block, a.id === i.id, m) === e.j ? 1 : 0),
      }));
    case 'std': {
      const x = signed(0);
      const inR = (a: Sym, i: Sym): boolean => a.block === r && i.block === r;
      const out: Copy[] = [
        { name: `diag(${r},${r})`, value: (a, i) => (inR(a, i) && a.id === i.id ? x(a) : 0) },
        { name: `row(${r},${r})`, value: (a, i) => (inR(a, i) && a.id !== i.id ? x(a) : 0) },
        { name: `col(${r},${r})`, value: (a, i) => (inR(a, i) && a.id !== i.id ? x(i) : 0) },
      ];
      for (let u = 0; u < m; u++) {
        if (u === r) continue;
        out.push({ name: `row(${r},${u})`, value: (a, i) => (a.block === r && i.block === u ? x(a) : 0) });
        out.push({ name: `col(${u},${r})`, value: (a, i) => (a.block === u && i.block === r ? x(i) : 0) });
      }
      return out;
    }
    case 'std⊗std': {
      const x = signed(0);
      const y = signed(2);
      return [
        { name: `(${r},${s})`, value: (a, i) => (a.block === r && i.block === s ? x(a) * y(i) : 0) },
        { name: `(${s},${r})`, value: (a, i) => (a.block === s && i.block === r ? x(i) * y(a) : 0) },
      ];
    }
    case 'wedge2':
    case 'two-row': {
      const table = t.kind === 'wedge2' ? WEDGE2 : TWO_ROW;
      return [{ name: t.kind, value: (a, i) => (a.mark !== undefined && i.mark !== undefined ? (table[`${a.mark},${i.mark}`] ?? 0) : 0) }];
    }
  }
}

interface KeptCopies extends IsotypicCopies {
  marks: Sym[];
  kept: Copy[];
}

function keptCopies(p: readonly number[], t: IsotypicType): KeptCopies {
  const marks = marksOf(t);
  const listed = copiesOf(p, t);
  // Γ_αβ = Σ over classes of pairs (a, i) of count · φ_α(a, i) φ_β(a, i), in doubles that stay
  // exact integers: |Γ_αβ| ≤ (number of pairs) · max|φ|² ≤ k² · 1 < 2⁵³ (checked).
  const full = listed.map(() => new Array<number>(listed.length).fill(0));
  for (const cls of extendClasses(p, marks, 2)) {
    const count = Number(cls.count);
    const phi = listed.map((c) => c.value(cls.syms[0]!, cls.syms[1]!));
    for (let alpha = 0; alpha < phi.length; alpha++) {
      const x = phi[alpha]!;
      if (x === 0) continue;
      for (let beta = 0; beta < phi.length; beta++) if (phi[beta] !== 0) full[alpha]![beta]! += count * x * phi[beta]!;
    }
  }
  if (!full.flat().every((x) => Number.isSafeInteger(x))) throw new Error(`internal: Gram matrix of ${t.label} is not exact in doubles`);
  const gramOf = (alpha: number, beta: number): bigint => BigInt(full[alpha]![beta]!);
  const kept = independentColumnsOfGram(listed.map((_, x) => listed.map((_, y) => gramOf(x, y))));
  const dropped = listed.filter((_, q) => !kept.includes(q)).map((c) => c.name);
  const gram = kept.map((x) => kept.map((y) => gramOf(x, y)));
  return { ...t, copies: kept.map((q) => listed[q]!.name), dropped, gram, marks, kept: kept.map((q) => listed[q]!) };
}

/**
 * The independent copies of every type for block sizes p, with exact Gram matrices (cost
 * independent of k). `copies.length` is the multiplicity found; it should equal the table's
 * `multiplicity`, and Σ dimension × copies.length should equal k² (dimensionCheck).
 */
export function isotypicCopies(p: readonly number[]): IsotypicCopies[] {
  return isotypicTypes(p).map((t) => {
    const { marks: _marks, kept: _kept, ...rest } = keptCopies(p, t);
    return rest;
  });
}

/**
 * The block of every type: kept copies, exact Gram matrix and the integer coefficients of B in
 * terms of orbit values (a few thousand classes; cost independent of k). Throws if the number of
 * independent copies differs from the table (a bug, never an input error).
 */
export function isotypicBlocks(orbits: HessianOrbits): IsotypicBlock[] {
  const { p } = orbits;
  return isotypicTypes(p).map((t) => {
    const { marks, kept, ...copies } = keptCopies(p, t);
    if (kept.length !== t.multiplicity) {
      throw new Error(`internal: type ${t.label} of p = [${p.join(', ')}] has ${kept.length} independent copies, the table says ${t.multiplicity}`);
    }
    const acc = kept.map(() => kept.map(() => new Map<number, bigint>()));
    for (const first of extendClasses(p, marks, 2)) {
      const [a, i] = first.syms as [Sym, Sym];
      const v1 = kept.map((c) => c.value(a, i));
      if (v1.every((x) => x === 0)) continue;
      for (const second of extendClasses(p, first.named, 2)) {
        const [b, j] = second.syms as [Sym, Sym];
        const v2 = kept.map((c) => c.value(b, j));
        if (v2.every((x) => x === 0)) continue;
        const orbit = orbits.indexOfSyms([a, i, b, j]);
        const count = first.count * second.count;
        for (let x = 0; x < kept.length; x++) {
          if (v1[x] === 0) continue;
          for (let y = x; y < kept.length; y++) {
            if (v2[y] === 0) continue;
            const map = acc[x]![y]!;
            map.set(orbit, (map.get(orbit) ?? 0n) + count * BigInt(v1[x]! * v2[y]!));
          }
        }
      }
    }
    const terms = acc.map((row) => row.map((map) => [...map].filter(([, c]) => c !== 0n).map(([orbit, coef]) => ({ orbit, coef }))));
    return { ...copies, terms };
  });
}

/** B of a block from orbit values given as doubles (float evidence). */
export function blockMatrixFloat(block: IsotypicBlock, values: ArrayLike<number>): number[][] {
  const r = block.copies.length;
  const B = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let x = 0; x < r; x++) {
    for (let y = x; y < r; y++) {
      let s = 0;
      for (const { orbit, coef } of block.terms[x]![y]!) s += Number(coef) * values[orbit]!;
      B[x]![y] = s;
      B[y]![x] = s;
    }
  }
  return B;
}

/** B of a block from exact orbit values (big.js: + and × without rounding). */
export function blockMatrixExact(block: IsotypicBlock, values: readonly Big[]): Big[][] {
  const r = block.copies.length;
  const B: Big[][] = Array.from({ length: r }, () => new Array<Big>(r).fill(new Big(0)));
  for (let x = 0; x < r; x++) {
    for (let y = x; y < r; y++) {
      let s = new Big(0);
      for (const { orbit, coef } of block.terms[x]![y]!) s = s.plus(values[orbit]!.times(coef.toString()));
      B[x]![y] = s;
      B[y]![x] = s;
    }
  }
  return B;
}
