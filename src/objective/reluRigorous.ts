/**
 * Rigorous enclosures of the population ReLU loss F(W) and its gradient (DESIGN.md §2) at a
 * point given by exact decimal strings, in decimal interval arithmetic at `ar.precision`.
 * The box-Hessian enclosure lives in boxHessian.ts and is re-exported here.
 *
 * Formulas (u, v nonzero, θ = arccos(ūᵀv̄), c = cos θ, s = sin θ, β = (π − θ)/(2π)):
 *   κ(u, v)   = |u||v| (s/(2π) + β c),          κ(u, u) = |u|²/2
 *   ∇_u κ     = α(u, v) u + β v,   α(u, v) = |v| s / (2π |u|)      (= (|v| s ū + (π − θ) v)/(2π))
 *   F         = ¼Σ_i|w_i|² + Σ_{i<j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j) + ¼Σ_j|v_j|² + Σ_{i<j} κ(v_i, v_j)
 *   ∇_{w_i}F  = (½ + Σ_{j≠i} α(w_i, w_j) − Σ_j α(w_i, v_j)) w_i + Σ_{j≠i} β_ij w_j − Σ_j β'_ij v_j
 * (regroupings of DESIGN.md's sums; each is an identity, so its interval extension is sound).
 * A zero teacher neuron contributes nothing (κ(w, 0) = 0 identically) and is skipped.
 *
 * Domain rule: the point must be PROVED to lie in Ω (every student norm interval > 0, every
 * student–student and student–teacher cosine interval strictly inside (−1, 1)); otherwise
 * SmoothDomainError. Teacher–teacher pairs need no check (their cosine is clamped to [−1, 1]).
 */
import { exactDecimal } from '../arith/decimalInterval.js';
import type { DecimalInterval, DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import { type ExactPoint, pointDigest, validateExactPoint } from './exactPoint.js';
import {
  cosineEnclosure,
  formatInterval,
  pairAngles,
  strictlyInsideUnit,
} from './pairGeometryDecimal.js';
import { SmoothDomainError } from './smoothDomainError.js';

export { SmoothDomainError } from './smoothDomainError.js';
export type { SmoothDomainKind } from './smoothDomainError.js';
export type { ExactPoint } from './exactPoint.js';
export { diagonalBlocksBoxEnclosure, hessianBoxEnclosure } from './boxHessian.js';
export type { BoxHessian, BoxHessianOptions, DiagonalBlockEnclosure } from './boxHessian.js';

/** A neuron as decimal intervals, with the coordinates that are not exactly zero. */
interface IntervalNeuron {
  x: DecimalInterval[];
  nonzero: number[];
  sq: DecimalInterval;
  norm: DecimalInterval;
}

function neuronsOf(ar: DecimalIntervalArithmetic, M: string[][], d: number, count: number): IntervalNeuron[] {
  const out: IntervalNeuron[] = [];
  for (let i = 0; i < count; i++) {
    const x: DecimalInterval[] = [];
    const nonzero: number[] = [];
    for (let a = 0; a < d; a++) {
      const s = M[a]![i]!;
      x.push(ar.point(s));
      if (!exactDecimal(s).isZero()) nonzero.push(a);
    }
    const sq = ar.sum(nonzero.map((a) => ar.sqr(x[a]!)));
    out.push({ x, nonzero, sq, norm: ar.sqrt(sq) });
  }
  return out;
}

/** Enclosure of uᵀv; sums only over `idx`, which must hold every coordinate where u or v is nonzero. */
function dotOver(ar: DecimalIntervalArithmetic, u: IntervalNeuron, v: IntervalNeuron): DecimalInterval {
  const idx = u.nonzero.length <= v.nonzero.length ? u.nonzero : v.nonzero;
  if (idx.length === u.x.length) return ar.dot(u.x, v.x);
  return ar.dot(
    idx.map((a) => u.x[a]!),
    idx.map((a) => v.x[a]!),
  );
}

interface Wanted {
  loss: boolean;
  gradient: boolean;
}

function evaluate(
  ar: DecimalIntervalArithmetic,
  pt: ExactPoint,
  want: Wanted,
): { loss: DecimalInterval | undefined; gradient: DecimalInterval[] | undefined } {
  validateExactPoint(pt);
  const { d, n, k } = pt;
  const where = 'rigorous loss/gradient at the point';
  const zero = ar.point(0);
  const half = ar.point('0.5');
  const quarter = ar.point('0.25');
  const inv2pi = ar.div(ar.point(1), ar.mul(ar.point(2), ar.pi()));

  const W = neuronsOf(ar, pt.W, d, n);
  const allV = neuronsOf(ar, pt.V, d, k);
  const teacherIndex = allV.map((v, j) => (v.nonzero.length > 0 ? j : -1)).filter((j) => j >= 0);
  const V = teacherIndex.map((j) => allV[j]!);

  for (let i = 0; i < n; i++) {
    if (!ar.certainlyPositive(W[i]!.norm)) {
      throw new SmoothDomainError('zero-neuron', [i], formatInterval(ar, W[i]!.norm), where);
    }
  }

  const lossPlus: DecimalInterval[] = [];
  const lossMinus: DecimalInterval[] = [];
  // Gradient pieces: the terms of the coefficient of w_i, and the weights β_ij of w_j and −β'_ij of v_j.
  const coefTerms: DecimalInterval[][] = W.map(() => [half]);
  const betaW: DecimalInterval[][] = W.map(() => new Array<DecimalInterval>(n).fill(zero));
  const betaV: DecimalInterval[][] = W.map(() => new Array<DecimalInterval>(V.length).fill(zero));

  if (want.loss) {
    lossPlus.push(ar.mul(quarter, ar.sum(W.map((w) => w.sq))));
    if (V.length > 0) lossPlus.push(ar.mul(quarter, ar.sum(V.map((v) => v.sq))));
  }

  // Student–student pairs.
  for (let i = 0; i < n; i++) {
    const wi = W[i]!;
    for (let j = i + 1; j < n; j++) {
      const wj = W[j]!;
      const c0 = cosineEnclosure(ar, dotOver(ar, wi, wj), wi.norm, wj.norm);
      if (!strictlyInsideUnit(c0)) throw new SmoothDomainError('parallel-students', [i, j], formatInterval(ar, c0), where);
      const { c, s, piMinusTheta } = pairAngles(ar, c0);
      const beta = ar.mul(piMinusTheta, inv2pi);
      const sOver2pi = ar.mul(s, inv2pi);
      if (want.loss) lossPlus.push(ar.mul(ar.mul(wi.norm, wj.norm), ar.add(sOver2pi, ar.mul(beta, c))));
      if (want.gradient) {
        coefTerms[i]!.push(ar.div(ar.mul(wj.norm, sOver2pi), wi.norm));
        coefTerms[j]!.push(ar.div(ar.mul(wi.norm, sOver2pi), wj.norm));
        betaW[i]![j] = beta;
        betaW[j]![i] = beta;
      }
    }
  }

  // Student–teacher pairs.
  for (let i = 0; i < n; i++) {
    const wi = W[i]!;
    for (let t = 0; t < V.length; t++) {
      const vj = V[t]!;
      const c0 = cosineEnclosure(ar, dotOver(ar, wi, vj), wi.norm, vj.norm);
      if (!strictlyInsideUnit(c0)) {
        throw new SmoothDomainError('parallel-teacher', [i, teacherIndex[t]!], formatInterval(ar, c0), where);
      }
      const { c, s, piMinusTheta } = pairAngles(ar, c0);
      const beta = ar.mul(piMinusTheta, inv2pi);
      const sOver2pi = ar.mul(s, inv2pi);
      if (want.loss) lossMinus.push(ar.mul(ar.mul(wi.norm, vj.norm), ar.add(sOver2pi, ar.mul(beta, c))));
      if (want.gradient) {
        coefTerms[i]!.push(ar.neg(ar.div(ar.mul(vj.norm, sOver2pi), wi.norm)));
        betaV[i]![t] = ar.neg(beta);
      }
    }
  }

  // Teacher–teacher pairs (constant term; no domain requirement).
  if (want.loss) {
    for (let i = 0; i < V.length; i++) {
      for (let j = i + 1; j < V.length; j++) {
        const vi = V[i]!;
        const vj = V[j]!;
        const { c, s, piMinusTheta } = pairAngles(ar, cosineEnclosure(ar, dotOver(ar, vi, vj), vi.norm, vj.norm));
        const kappa = ar.mul(
          ar.mul(vi.norm, vj.norm),
          ar.add(ar.mul(s, inv2pi), ar.mul(ar.mul(piMinusTheta, inv2pi), c)),
        );
        lossPlus.push(kappa);
      }
    }
  }

  const loss = want.loss ? ar.sub(ar.sum(lossPlus), lossMinus.length > 0 ? ar.sum(lossMinus) : zero) : undefined;
  let gradient: DecimalInterval[] | undefined;
  if (want.gradient) {
    gradient = new Array<DecimalInterval>(n * d);
    // Per coordinate a, the neurons whose coordinate a is not exactly zero (zero terms are exact 0).
    const studentsAt: number[][] = Array.from({ length: d }, () => []);
    const teachersAt: number[][] = Array.from({ length: d }, () => []);
    W.forEach((w, j) => w.nonzero.forEach((a) => studentsAt[a]!.push(j)));
    V.forEach((v, t) => v.nonzero.forEach((a) => teachersAt[a]!.push(t)));
    for (let i = 0; i < n; i++) {
      const coef = ar.sum(coefTerms[i]!);
      const wi = W[i]!;
      for (let a = 0; a < d; a++) {
        // coef·w_ia + Σ_{j≠i} β_ij w_ja − Σ_t β'_it v_ta as one interval dot product.
        const xs: DecimalInterval[] = [coef];
        const ys: DecimalInterval[] = [wi.x[a]!];
        for (const j of studentsAt[a]!) {
          if (j === i) continue;
          xs.push(betaW[i]![j]!);
          ys.push(W[j]!.x[a]!);
        }
        for (const t of teachersAt[a]!) {
          xs.push(betaV[i]![t]!);
          ys.push(V[t]!.x[a]!);
        }
        gradient[i * d + a] = ar.dot(xs, ys);
      }
    }
  }
  return { loss, gradient };
}

/**
 * Enclosure of F(W) at the exact point. Guarantee: contains the exact loss, because it is the
 * interval extension (outward-rounded decimal operations, rigorous arccos and π) of the formula
 * above. Throws SmoothDomainError unless the point is proved to lie in Ω.
 */
export function lossEnclosure(ar: DecimalIntervalArithmetic, pt: ExactPoint): DecimalInterval {
  return evaluate(ar, pt, { loss: true, gradient: false }).loss!;
}

/**
 * Enclosures of ∇F(W) (length n·d, index i·d + a = ∂F/∂W[a][i]). Guarantee: each interval
 * contains the exact partial derivative (same reasoning as lossEnclosure). SmoothDomainError
 * unless the point is proved to lie in Ω.
 */
export function gradientEnclosure(ar: DecimalIntervalArithmetic, pt: ExactPoint): DecimalInterval[] {
  return evaluate(ar, pt, { loss: false, gradient: true }).gradient!;
}

/**
 * Loss and gradient enclosures sharing one pass over the pair geometry (same guarantees), tagged
 * with `pointDigest(pt.W)` so that a caller can check they belong to the point it certifies.
 */
export function lossAndGradientEnclosure(
  ar: DecimalIntervalArithmetic,
  pt: ExactPoint,
): { loss: DecimalInterval; gradient: DecimalInterval[]; at: string } {
  const r = evaluate(ar, pt, { loss: true, gradient: true });
  return { loss: r.loss!, gradient: r.gradient!, at: pointDigest(pt.W) };
}
