/**
 * The box X = {W : |W − W̃|∞ ≤ ρ} around a compact-form point W̃ (ρ = 0: the point itself), seen
 * through symbols (src/symmetric/markedIndices.ts): the interval of any coordinate W_cl, the
 * norms of the neurons, and the angle data of every neuron–neuron and neuron–teacher pair, one per
 * orbit, in decimal interval arithmetic.
 *
 * Guarantee: every interval returned contains the exact value of its quantity for every W ∈ X and
 * every concrete choice of indices with the given blocks and equalities. The coordinate intervals
 * are vals ± ρ rounded outward; norms and dot products are the class regroupings of the dense
 * sums (argument (1) of markedIndices.ts: exact regroupings of the natural interval extension);
 * the angle data come from pairGeometryDecimal.ts (the same code as the dense path; the arccos
 * behind π − θ is evaluated only when asked for: the Hessian needs none for neuron–teacher pairs).
 * The constructor proves X ⊂ Ω (DESIGN.md §2) or throws SmoothDomainError naming representative
 * 0-based neurons: every norm interval > 0, every student–student and student–teacher cosine
 * strictly inside (−1, 1).
 */
import type { DecimalInterval, DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import {
  cosineEnclosure,
  formatInterval,
  pairSine,
  piMinusThetaOf,
  strictlyInsideUnit,
  type PairAngles,
} from '../objective/pairGeometryDecimal.js';
import { SmoothDomainError } from '../objective/smoothDomainError.js';
import { InputError } from '../errors.js';
import { valsColumnOf } from '../io/compactForm.js';
import { isDecimalString } from '../arith/exact.js';
import { type ExactCompactPoint, validateCompactPoint } from './compactPoint.js';
import { blockStarts } from './group.js';
import { extendClasses, type Sym } from './markedIndices.js';

/** pairAngles with π − θ computed on first use (same values). */
function lazyAngles(ar: DecimalIntervalArithmetic, cosine: DecimalInterval): PairAngles {
  const { c, s } = pairSine(ar, cosine);
  let theta: DecimalInterval | undefined;
  return {
    c,
    s,
    get piMinusTheta(): DecimalInterval {
      theta ??= piMinusThetaOf(ar, c);
      return theta;
    },
  };
}

export class CompactBox {
  readonly ar: DecimalIntervalArithmetic;
  readonly p: number[];
  readonly m: number;
  readonly k: number;
  /** 1/(2π). */
  readonly inv2pi: DecimalInterval;
  /** ‖w_l‖² and ‖w_l‖ for a neuron l of block s. */
  readonly normSq: DecimalInterval[];
  readonly norm: DecimalInterval[];
  /** vals[i][j] ± ρ. */
  private readonly box: DecimalInterval[][];
  /** studentPairs[s][t]: neurons i ≠ j of blocks s, t (undefined if no such pair). */
  private readonly studentPairs: (PairAngles | undefined)[][];
  /** teacherPairs[s][t][same]: neuron i of block s and teacher e_t of block t, same = (t = i). */
  private readonly teacherPairs: (PairAngles | undefined)[][][];
  private readonly units = new Map<number, DecimalInterval>();

  constructor(ar: DecimalIntervalArithmetic, pt: ExactCompactPoint, rho: string, where: string) {
    validateCompactPoint(pt);
    if (!isDecimalString(rho) || rho.trim().startsWith('-')) throw new InputError(`${where}: radius ${JSON.stringify(rho)} is not a decimal number ≥ 0`);
    this.ar = ar;
    this.p = [...pt.p];
    this.m = pt.p.length;
    this.k = pt.p.reduce((a, b) => a + b, 0);
    const r = ar.point(rho);
    if (r.lo.isNegative() && !r.lo.isZero()) throw new InputError(`${where}: radius ${rho} is negative`);
    this.box = pt.vals.map((row) =>
      row.map((x) => {
        const v = ar.point(x);
        return ar.of(ar.sub(v, r).lo, ar.add(v, r).hi);
      }),
    );
    this.inv2pi = ar.div(ar.point(1), ar.mul(ar.point(2), ar.pi()));
    const starts = blockStarts(this.p);
    const { p, m } = this;

    this.normSq = [];
    this.norm = [];
    for (let s = 0; s < m; s++) {
      const l: Sym = { id: 0, block: s };
      const sq = this.classSum([l], (c) => ar.sqr(this.coord(c, l)));
      const nrm = ar.sqrt(sq);
      if (!ar.certainlyPositive(nrm)) throw new SmoothDomainError('zero-neuron', [starts[s]!], formatInterval(ar, nrm), where);
      this.normSq.push(sq);
      this.norm.push(nrm);
    }

    this.studentPairs = p.map((_, s) =>
      p.map((pt2, t) => {
        if (pt2 - (s === t ? 1 : 0) < 1) return undefined;
        const i: Sym = { id: 0, block: s };
        const j: Sym = { id: 1, block: t };
        const dot = this.classSum([i, j], (c) => ar.mul(this.coord(c, i), this.coord(c, j)));
        const c0 = cosineEnclosure(ar, dot, this.norm[s]!, this.norm[t]!);
        if (!strictlyInsideUnit(c0)) {
          const jIndex = s === t ? starts[s]! + 1 : starts[t]!;
          throw new SmoothDomainError('parallel-students', [starts[s]!, jIndex], formatInterval(ar, c0), where);
        }
        return lazyAngles(ar, c0);
      }),
    );

    const one = ar.point(1);
    this.teacherPairs = p.map((_, s) =>
      p.map((pt2, t) =>
        [false, true].map((same) => {
          if (same ? s !== t : pt2 - (s === t ? 1 : 0) < 1) return undefined;
          const i: Sym = { id: 0, block: s };
          const tt: Sym = same ? i : { id: 1, block: t };
          const c0 = cosineEnclosure(ar, this.coord(tt, i), this.norm[s]!, one);
          if (!strictlyInsideUnit(c0)) {
            const tIndex = same ? starts[s]! : s === t ? starts[s]! + 1 : starts[t]!;
            throw new SmoothDomainError('parallel-teacher', [starts[s]!, tIndex], formatInterval(ar, c0), where);
          }
          return lazyAngles(ar, c0);
        }),
      ),
    );
  }

  /** The interval of W_cl (coordinate c of neuron l) over the box. */
  coord(c: Sym, l: Sym): DecimalInterval {
    return this.box[c.block]![valsColumnOf(c.block, l.block, c.id === l.id, this.m)]!;
  }

  /** The interval of ū_c = W_cl/‖w_l‖ (natural extension, as in boxHessian.ts). */
  unit(c: Sym, l: Sym): DecimalInterval {
    const key = (c.block * this.m + l.block) * 2 + (c.id === l.id ? 1 : 0);
    let u = this.units.get(key);
    if (u === undefined) {
      u = this.ar.div(this.coord(c, l), this.norm[l.block]!);
      this.units.set(key, u);
    }
    return u;
  }

  /** Angle data of two distinct student neurons of blocks s and t. */
  studentPair(s: number, t: number): PairAngles {
    const g = this.studentPairs[s]![t];
    if (!g) throw new RangeError(`no pair of distinct neurons in blocks ${s}, ${t}`);
    return g;
  }

  /** Angle data of student neuron i (block s) and teacher neuron e_t (block t), same = (t = i). */
  teacherPair(s: number, t: number, same: boolean): PairAngles {
    const g = this.teacherPairs[s]![t]![same ? 1 : 0];
    if (!g) throw new RangeError(`no neuron–teacher pair (${s}, ${t}, ${same ? 'same' : 'distinct'})`);
    return g;
  }

  /**
   * Σ over every index c ∈ [k] of term(c), with c ranging over the named symbols and one unnamed
   * member per block times its count (argument (1) of markedIndices.ts).
   */
  classSum(named: readonly Sym[], term: (c: Sym) => DecimalInterval): DecimalInterval {
    const ar = this.ar;
    const counts: DecimalInterval[] = [];
    const terms: DecimalInterval[] = [];
    for (const cls of extendClasses(this.p, named, 1)) {
      counts.push(ar.point(cls.count.toString()));
      terms.push(term(cls.syms[0]!));
    }
    return ar.dot(counts, terms);
  }
}
