/**
 * Enclosure of the Hessian of F over the box X = {W : |W − W̃|∞ ≤ ρ} around a compact-form point,
 * one interval per G-orbit of entries (DESIGN.md §9), in decimal interval arithmetic.
 *
 * Formulas: the A/B blocks of src/objective/boxHessian.ts (its module comment; DESIGN.md §2):
 *   H_ij[a][b] = B(w_i, w_j)[a][b] = t δ_ab + x_a f_b + y_a v̄_b            (i ≠ j)
 *     t = (π − θ)/(2π), x = (v̄ − c ū)/(2π s), f = ū − c v̄, y = s ū/(2π), u = w_i, v = w_j;
 *   H_ii[a][b] = δ_ab/2 + G1 (δ_ab − ū_a ū_b) + Σ_l σ_l g2_l e_la e_lb
 *     over the other students l (σ = +1) and the teachers e_t (σ = −1), with
 *     g1 = ‖v‖ s/(2π‖u‖), g2 = ‖v‖/(2π‖u‖ s), e = v̄ − c ū, G1 = Σ σ g1.
 * The sums over l and t run over the named indices of the entry and, per block, one unnamed
 * member times its count.
 *
 * Guarantee: for every orbit q, every entry (a, i, b, j) of q (or of its transpose) and every
 * W ∈ X, lo[q] ≤ ∂²F/∂W_ai∂W_bj (W) ≤ hi[q]. Why: the soundness argument of markedIndices.ts —
 * (1) the interval of the representative entry is the natural interval extension of the dense
 * formula regrouped with exact counts, valid at every W ∈ X (CompactBox's intervals are), and
 * (2) every other member of the orbit has the same range over the G-invariant box X; a transposed
 * entry has the same value (Schwarz: F is C² on Ω ⊃ X). SmoothDomainError unless X ⊂ Ω.
 */
import type { Decimal } from 'decimal.js';
import { decimalIntervals, DecimalInterval } from '../arith/decimalInterval.js';
import { CompactBox } from './compactBox.js';
import type { ExactCompactPoint } from './compactPoint.js';
import { HessianOrbits } from './group.js';
import { distinctSyms, extendClasses, type Sym } from './markedIndices.js';

/** Default decimal precision of the orbit Hessian (digits): ample for k up to 10⁴ (see bench/symmetric.ts). */
export const DEFAULT_HESSIAN_PRECISION = 24;

export interface OrbitHessianOptions {
  /** Decimal precision of the enclosure (default DEFAULT_HESSIAN_PRECISION). */
  precision?: number;
  /** The orbits of p, when the caller already has them (they depend on p only). */
  orbits?: HessianOrbits;
}

export class OrbitHessian {
  constructor(
    readonly orbits: HessianOrbits,
    /** Ends of the enclosure of each orbit (orbits.reps order). */
    readonly lo: Decimal[],
    readonly hi: Decimal[],
    readonly precision: number,
    readonly rho: string,
  ) {}

  /** The enclosure of ∂²F/∂W_ai∂W_bj over the box (concrete 0-based indices). */
  entry(a: number, i: number, b: number, j: number): DecimalInterval {
    const q = this.orbits.indexOf(a, i, b, j);
    return new DecimalInterval(this.lo[q]!, this.hi[q]!);
  }

  /** Midpoints as doubles (float evidence: block spectra, Newton). */
  midpoints(): Float64Array {
    return Float64Array.from(this.lo, (l, q) => (l.toNumber() + this.hi[q]!.toNumber()) / 2);
  }
}

/** The orbit-wise enclosure over the box of half-width ρ ≥ 0 (decimal string) around pt. */
export function orbitHessianEnclosure(pt: ExactCompactPoint, rho: string, opts: OrbitHessianOptions = {}): OrbitHessian {
  const precision = opts.precision ?? DEFAULT_HESSIAN_PRECISION;
  const ar = decimalIntervals(precision);
  const X = new CompactBox(ar, pt, rho, `Hessian over the box of radius ${rho}`);
  const orbits = opts.orbits ?? new HessianOrbits(pt.p);
  if (orbits.p.join() !== pt.p.join()) throw new RangeError('orbitHessianEnclosure: orbits of another p');
  const { p } = X;
  const zero = ar.point(0);
  const one = ar.point(1);
  const half = ar.point('0.5');
  const count = (c: bigint): DecimalInterval => ar.point(c.toString());

  // G1 = Σ_{l≠i} ‖w_l‖ s/(2π‖w_i‖) − Σ_t s'/(2π‖w_i‖), per block of i.
  const G1 = p.map((_, s) => {
    const i: Sym = { id: 0, block: s };
    const terms: DecimalInterval[] = [];
    const over = ar.div(X.inv2pi, X.norm[s]!);
    for (const cls of extendClasses(p, [i], 1)) {
      const l = cls.syms[0]!;
      if (l.id !== i.id) terms.push(ar.mul(count(cls.count), ar.mul(ar.mul(X.norm[l.block]!, over), X.studentPair(s, l.block).s)));
      terms.push(ar.neg(ar.mul(count(cls.count), ar.mul(over, X.teacherPair(s, l.block, l.id === i.id).s))));
    }
    return ar.sum(terms);
  });

  const offDiagonal = (a: Sym, i: Sym, b: Sym, j: Sym): DecimalInterval => {
    const g = X.studentPair(i.block, j.block);
    const ua = X.unit(a, i);
    const va = X.unit(a, j);
    const ub = X.unit(b, i);
    const vb = X.unit(b, j);
    const x = ar.div(ar.mul(ar.sub(va, ar.mul(g.c, ua)), X.inv2pi), g.s);
    const f = ar.sub(ub, ar.mul(g.c, vb));
    const y = ar.mul(ua, ar.mul(g.s, X.inv2pi));
    const v = ar.add(ar.mul(x, f), ar.mul(y, vb));
    return a.id === b.id ? ar.add(v, ar.mul(g.piMinusTheta, X.inv2pi)) : v;
  };

  const diagonal = (a: Sym, i: Sym, b: Sym): DecimalInterval => {
    const same = a.id === b.id;
    const ua = X.unit(a, i);
    const ub = X.unit(b, i);
    const over = ar.div(X.inv2pi, X.norm[i.block]!);
    const terms: DecimalInterval[] = [];
    const outer = (ea: DecimalInterval, eb: DecimalInterval): DecimalInterval => (same ? ar.sqr(ea) : ar.mul(ea, eb));
    for (const cls of extendClasses(p, distinctSyms([a, i, b]), 1)) {
      const l = cls.syms[0]!;
      const cnt = count(cls.count);
      if (l.id !== i.id) {
        const g = X.studentPair(i.block, l.block);
        const g2 = ar.div(ar.mul(X.norm[l.block]!, over), g.s);
        const ea = ar.sub(X.unit(a, l), ar.mul(g.c, ua));
        const eb = same ? ea : ar.sub(X.unit(b, l), ar.mul(g.c, ub));
        terms.push(ar.mul(cnt, ar.mul(g2, outer(ea, eb))));
      }
      const gt = X.teacherPair(i.block, l.block, l.id === i.id);
      const g2t = ar.div(over, gt.s);
      const ea = ar.sub(l.id === a.id ? one : zero, ar.mul(gt.c, ua));
      const eb = same ? ea : ar.sub(l.id === b.id ? one : zero, ar.mul(gt.c, ub));
      terms.push(ar.neg(ar.mul(cnt, ar.mul(g2t, outer(ea, eb)))));
    }
    const proj = same ? ar.sub(one, ar.sqr(ua)) : ar.neg(ar.mul(ua, ub));
    terms.push(ar.mul(G1[i.block]!, proj));
    if (same) terms.push(half);
    return ar.sum(terms);
  };

  const lo: Decimal[] = [];
  const hi: Decimal[] = [];
  for (const [a, i, b, j] of orbits.reps) {
    const v = i.id === j.id ? diagonal(a, i, b) : offDiagonal(a, i, b, j);
    lo.push(v.lo);
    hi.push(v.hi);
  }
  return new OrbitHessian(orbits, lo, hi, precision, rho);
}
