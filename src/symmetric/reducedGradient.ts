/**
 * Rigorous loss and gradient of the population ReLU loss (identity teacher, d = n = k) at an exact
 * compact-form point, at a cost independent of k: one gradient entry per orbit of pairs (a, i)
 * (= free entry of the compact form) and one κ per orbit of neuron pairs and of neuron–teacher
 * pairs, each multiplied by its exact count (DESIGN.md §9).
 *
 * Formulas: those of src/objective/reluRigorous.ts (module comment there), regrouped by classes:
 *   ∂F/∂W_ai = coef_i W_ai + Σ_{j≠i} β_ij W_aj − β'_{i,a},
 *   coef_i   = ½ + Σ_{j≠i} ‖w_j‖ s_ij/(2π‖w_i‖) − Σ_t s'_it/(2π‖w_i‖),
 *   F        = ¼Σ_i ‖w_i‖² + ½Σ_{i≠j} κ(w_i, w_j) − Σ_{i,t} κ(w_i, e_t) + k/4 + (k(k−1)/2)·κ(e_1, e_2),
 * with β = (π − θ)/(2π) (β' for the teacher pair (w_i, e_t), whose cosine is W_ti/‖w_i‖).
 * Guarantee: every returned interval contains the exact value (loss, or the common value of
 * ∂F/∂W_ai over the orbit of (a, i)), by the soundness argument of markedIndices.ts (regrouping
 * with exact counts; one value per orbit because the point is G-fixed). SmoothDomainError unless
 * the point is proved to lie in Ω (CompactBox).
 */
import type { Decimal } from 'decimal.js';
import type { DecimalInterval, DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import { pairAngles } from '../objective/pairGeometryDecimal.js';
import { CompactBox } from './compactBox.js';
import type { ExactCompactPoint } from './compactPoint.js';
import { neuronPairOrbits, pairOrbits } from './group.js';
import { extendClasses, type Sym } from './markedIndices.js';

export interface ReducedEnclosures {
  loss: DecimalInterval;
  /** One interval per free entry (freeEntries order): ∂F/∂W_ai for every (a, i) of that orbit. */
  gradient: DecimalInterval[];
  /** The orbit sizes (number of entries W_ai of each free entry). */
  sizes: number[];
}

/** Loss and gradient enclosures at the exact point (see the module comment for the guarantee). */
export function reducedLossAndGradient(ar: DecimalIntervalArithmetic, pt: ExactCompactPoint): ReducedEnclosures {
  const X = new CompactBox(ar, pt, '0', 'rigorous loss/gradient at the compact point');
  const { p, k } = X;
  const n = (x: number | bigint): DecimalInterval => ar.point(x.toString());
  const beta = (pa: { piMinusTheta: DecimalInterval }): DecimalInterval => ar.mul(pa.piMinusTheta, X.inv2pi);

  // coef_i for a neuron i of each block.
  const coef = p.map((_, s) => {
    const i: Sym = { id: 0, block: s };
    const terms: DecimalInterval[] = [ar.point('0.5')];
    for (const cls of extendClasses(p, [i], 1)) {
      const j = cls.syms[0]!;
      const cnt = n(cls.count);
      if (j.id !== i.id) {
        const g = X.studentPair(s, j.block);
        terms.push(ar.mul(cnt, ar.div(ar.mul(X.norm[j.block]!, ar.mul(g.s, X.inv2pi)), X.norm[s]!)));
      }
      const gt = X.teacherPair(s, j.block, j.id === i.id);
      terms.push(ar.neg(ar.mul(cnt, ar.div(ar.mul(gt.s, X.inv2pi), X.norm[s]!))));
    }
    return ar.sum(terms);
  });

  const orbits = pairOrbits(p);
  const gradient = orbits.map(({ rep: [a, i] }) => {
    const xs: DecimalInterval[] = [coef[i.block]!];
    const ys: DecimalInterval[] = [X.coord(a, i)];
    const named = a.id === i.id ? [a] : [a, i];
    for (const cls of extendClasses(p, named, 1)) {
      const j = cls.syms[0]!;
      if (j.id === i.id) continue;
      xs.push(ar.mul(n(cls.count), beta(X.studentPair(i.block, j.block))));
      ys.push(X.coord(a, j));
    }
    xs.push(ar.neg(beta(X.teacherPair(i.block, a.block, a.id === i.id))));
    ys.push(ar.point(1));
    return ar.dot(xs, ys);
  });

  const kappa = (nu: DecimalInterval, nv: DecimalInterval, g: { c: DecimalInterval; s: DecimalInterval; piMinusTheta: DecimalInterval }) =>
    ar.mul(ar.mul(nu, nv), ar.add(ar.mul(g.s, X.inv2pi), ar.mul(beta(g), g.c)));
  const plus: DecimalInterval[] = [];
  const minus: DecimalInterval[] = [];
  const quarter = ar.point('0.25');
  p.forEach((ps, s) => plus.push(ar.mul(n(ps), ar.mul(quarter, X.normSq[s]!))));
  for (const o of neuronPairOrbits(p)) {
    plus.push(ar.mul(ar.mul(n(o.size), ar.point('0.5')), kappa(X.norm[o.s]!, X.norm[o.t]!, X.studentPair(o.s, o.t))));
  }
  const one = ar.point(1);
  p.forEach((ps, s) => {
    minus.push(ar.mul(n(ps), kappa(X.norm[s]!, one, X.teacherPair(s, s, true))));
    p.forEach((pt2, t) => {
      const size = ps * (pt2 - (s === t ? 1 : 0));
      if (size > 0) minus.push(ar.mul(n(size), kappa(X.norm[s]!, one, X.teacherPair(s, t, false))));
    });
  });
  plus.push(ar.mul(n(k), quarter));
  if (k > 1) plus.push(ar.mul(n((BigInt(k) * BigInt(k - 1)) / 2n), kappa(one, one, pairAngles(ar, ar.point(0)))));
  const loss = ar.sub(ar.sum(plus), ar.sum(minus));
  return { loss, gradient, sizes: orbits.map((o) => o.size) };
}

/**
 * An upper bound of ‖∇F‖_F = sqrt(Σ_orbits size · entry²): each |entry| bounded by max(|lo|, |hi|),
 * the squares, products and sum rounded up (ar.Up), and a verified square root (ar.sqrtUp checks
 * r² ≥ the sum exactly). Guarantee: ≥ the exact Frobenius norm of the gradient.
 */
export function gradientNormUpper(ar: DecimalIntervalArithmetic, enc: Pick<ReducedEnclosures, 'gradient' | 'sizes'>): Decimal {
  const Up = ar.Up;
  let acc = new Up(0);
  enc.gradient.forEach((x, q) => {
    const a = x.lo.abs();
    const b = x.hi.abs();
    const big = new Up(a.gt(b) ? a : b);
    acc = acc.plus(big.times(big).times(enc.sizes[q]!));
  });
  return ar.sqrtUp(acc);
}

/** ‖mid ∇F‖_F (informative only; computed in decimal, returned as a double). */
export function gradientNormMid(ar: DecimalIntervalArithmetic, enc: Pick<ReducedEnclosures, 'gradient' | 'sizes'>): number {
  let s = new ar.Up(0);
  enc.gradient.forEach((x, q) => {
    const v = ar.mid(x);
    s = s.plus(v.times(v).times(enc.sizes[q]!));
  });
  return s.sqrt().toNumber();
}
