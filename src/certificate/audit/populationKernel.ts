/**
 * The audit's own enclosures for the population ReLU loss (DESIGN.md §2), written from the
 * formulas of DESIGN.md directly and independent of src/objective (which certify uses), so that a
 * bug in certify's enclosure code is caught rather than repeated (DESIGN.md §12).
 *
 * What this module trusts, and nothing else:
 *   - src/arith: decimal interval arithmetic with directed rounding (+, −, ×, ÷, verified √),
 *     the enclosures of π and arccos built from them with explicit remainders, Float64
 *     outward rounding (nextUp/nextDown), exact decimal↔double conversion;
 *   - the positive-definiteness engines of src/linalg: Rump's floating-point Cholesky criterion
 *     (BIT 46, 2006; proved in Coq by ValidSDP), the congruence/Gershgorin inertia proof with
 *     rigorous float products (intervalInertia.ts, floatProductBounds.ts) and the decimal interval
 *     LDLᵀ; float eigenvectors (ml-matrix) only as the congruence X, which may be any matrix.
 *
 * Formulas (u, v nonzero, c = ūᵀv̄, s = sin θ = √((1 − c)(1 + c)), π − θ = arccos(−c)):
 *   κ(u, v) = |u||v|(s + (π − θ)c)/(2π),  κ(u, u) = |u|²/2
 *   F = ½Σ_{i,j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j) + ½Σ_{i,j} κ(v_i, v_j)
 *   ∇_{w_i}F = w_i/2 + Σ_{j≠i} ∇_uκ(w_i, w_j) − Σ_j ∇_uκ(w_i, v_j),  ∇_uκ(u, v) = (|v| s ū + (π − θ) v)/(2π)
 *   A(u, v) = |v|/(2π|u|) · [s(I − ūūᵀ) + (v̄ − cū)(v̄ − cū)ᵀ/s]
 *   B(u, v) = (1/2π) · [(π − θ)I + (ūv̄ᵀ + v̄ūᵀ − c(ūūᵀ + v̄v̄ᵀ))/s]
 *   H_ii = I/2 + Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j),   H_ij = B(w_i, w_j) (i ≠ j)
 * A zero teacher neuron contributes nothing (κ(u, 0) ≡ 0) and is skipped. Every enclosure is the
 * natural interval extension of these expressions, so it contains the exact value for every point
 * of the argument intervals; domain membership (nonzero students, student–student and
 * student–teacher cosines strictly inside (−1, 1)) is proved before any division by |u| or s.
 */
import type { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval, type DecimalIntervalArithmetic } from '../../arith/decimalInterval.js';
import {
  addHi,
  addLo,
  divHi,
  divLo,
  doubleAtLeast,
  fromDecimalInterval,
  mulHi,
  mulLo,
  sqrHi,
  sqrLo,
  sqrtHi,
  sqrtLo,
  subHi,
  subLo,
  type F64Interval,
} from '../../arith/f64Interval.js';
import { decimalLdlAtLeast } from '../../linalg/decimalLdl.js';
import { floatSymmetricEigen } from '../../linalg/floatSymmetricEigen.js';
import { proveInertia } from '../../linalg/intervalInertia.js';
import { proveIntervalMatrixAtLeast } from '../../linalg/intervalPositiveDefinite.js';
import { symmetricMidpointRadius } from '../../linalg/midpointRadius.js';

/** A dense population problem at an exact point: W (d×n) and V (d×k) as decimal strings. */
export interface DensePoint {
  d: number;
  n: number;
  k: number;
  W: string[][];
  V: string[][];
}

/** Columns of a d×count decimal-string matrix, without the exactly-zero ones if `dropZero`. */
function columns(M: string[][], d: number, count: number, dropZero: boolean): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const col = Array.from({ length: d }, (_, a) => M[a]![i]!);
    if (dropZero && col.every((x) => /^-?0*\.?0*(e[+-]?\d+)?$/i.test(x))) continue;
    out.push(col);
  }
  return out;
}

export type CentreEnclosures =
  | { ok: true; gradNormUpper: string; lossLo: string; lossHi: string; gradient: DecimalInterval[] }
  | { ok: false; reason: string };

/**
 * Enclosures at the centre, at decimal precision P. Guarantee (ok): ‖∇F(W)‖_F ≤ gradNormUpper,
 * F(W) ∈ [lossLo, lossHi] and ∂F/∂W_p(W) ∈ gradient[p] (neuron-major, p = i·d + a), exactly;
 * ok = false when W is not proved to lie in Ω.
 */
export function centreEnclosures(pt: DensePoint, precision: number): CentreEnclosures {
  const ar = decimalIntervals(precision);
  const twoPi = ar.mul(ar.point(2), ar.pi());
  const students = columns(pt.W, pt.d, pt.n, false).map((c) => c.map((x) => ar.point(x)));
  const teachers = columns(pt.V, pt.d, pt.k, true).map((c) => c.map((x) => ar.point(x)));
  const norm = (u: DecimalInterval[]) => ar.sqrt(ar.sum(u.map((x) => ar.sqr(x))));
  const sNorm = students.map(norm);
  const tNorm = teachers.map(norm);
  for (let i = 0; i < students.length; i++) {
    if (!ar.certainlyPositive(sNorm[i]!)) return { ok: false, reason: `student neuron ${i} is not proved nonzero` };
  }
  const one = ar.point(1);
  /** cos, sin and π − θ of a pair; undefined when the pair is not proved non-(anti)parallel. */
  const angles = (u: DecimalInterval[], nu: DecimalInterval, v: DecimalInterval[], nv: DecimalInterval, clamp: boolean) => {
    let c = ar.div(ar.dot(u, v), ar.mul(nu, nv));
    if (clamp) c = ar.of(c.lo.lt(-1) ? -1 : c.lo, c.hi.gt(1) ? 1 : c.hi);
    else if (!(c.lo.gt(-1) && c.hi.lt(1))) return undefined;
    const s = ar.sqrt(ar.mul(ar.sub(one, c), ar.add(one, c)));
    return { c, s, piMinusTheta: ar.acos(ar.neg(c)) };
  };
  const kappa = (nu: DecimalInterval, nv: DecimalInterval, a: { c: DecimalInterval; s: DecimalInterval; piMinusTheta: DecimalInterval }) =>
    ar.div(ar.mul(ar.mul(nu, nv), ar.add(a.s, ar.mul(a.piMinusTheta, a.c))), twoPi);

  const lossTerms: DecimalInterval[] = [];
  const half = ar.point('0.5');
  const n = students.length;
  const d = pt.d;
  // grad[i][a], accumulated from the pair terms.
  const grad = students.map((u) => u.map((x) => ar.mul(half, x)));
  const addGradient = (i: number, nv: DecimalInterval, v: DecimalInterval[], a: { s: DecimalInterval; piMinusTheta: DecimalInterval }, sign: 1 | -1) => {
    // ±(|v| s ū + (π − θ) v)/(2π), with ū = u/|u|
    const u = students[i]!;
    const coefU = ar.div(ar.mul(nv, a.s), ar.mul(sNorm[i]!, twoPi));
    const coefV = ar.div(a.piMinusTheta, twoPi);
    for (let b = 0; b < d; b++) {
      const term = ar.add(ar.mul(coefU, u[b]!), ar.mul(coefV, v[b]!));
      grad[i]![b] = sign > 0 ? ar.add(grad[i]![b]!, term) : ar.sub(grad[i]![b]!, term);
    }
  };
  for (let i = 0; i < n; i++) {
    lossTerms.push(ar.mul(ar.point('0.25'), ar.sqr(sNorm[i]!)));
    for (let j = i + 1; j < n; j++) {
      const a = angles(students[i]!, sNorm[i]!, students[j]!, sNorm[j]!, false);
      if (!a) return { ok: false, reason: `student neurons ${i} and ${j} are not proved non-parallel` };
      lossTerms.push(kappa(sNorm[i]!, sNorm[j]!, a));
      addGradient(i, sNorm[j]!, students[j]!, a, 1);
      addGradient(j, sNorm[i]!, students[i]!, a, 1);
    }
    for (let t = 0; t < teachers.length; t++) {
      const a = angles(students[i]!, sNorm[i]!, teachers[t]!, tNorm[t]!, false);
      if (!a) return { ok: false, reason: `student neuron ${i} is not proved non-parallel to a teacher neuron` };
      lossTerms.push(ar.neg(kappa(sNorm[i]!, tNorm[t]!, a)));
      addGradient(i, tNorm[t]!, teachers[t]!, a, -1);
    }
  }
  for (let s = 0; s < teachers.length; s++) {
    lossTerms.push(ar.mul(ar.point('0.25'), ar.sqr(tNorm[s]!)));
    for (let t = s + 1; t < teachers.length; t++) {
      lossTerms.push(kappa(tNorm[s]!, tNorm[t]!, angles(teachers[s]!, tNorm[s]!, teachers[t]!, tNorm[t]!, true)!));
    }
  }
  const loss = ar.sum(lossTerms);
  const gradient = grad.flat();
  return {
    ok: true,
    gradNormUpper: decimalText(normUpper(ar, gradient)),
    lossLo: decimalText(loss.lo),
    lossHi: decimalText(loss.hi),
    gradient,
  };
}

/** √(Σ max(|lo|, |hi|)²) rounded up; the square root is verified by squaring (sqrtUp). */
function normUpper(ar: DecimalIntervalArithmetic, xs: DecimalInterval[]): Decimal {
  let acc = new ar.Up(0);
  for (const x of xs) {
    const m = x.lo.abs().gt(x.hi.abs()) ? x.lo.abs() : x.hi.abs();
    acc = acc.plus(new ar.Up(m).times(m));
  }
  return ar.sqrtUp(acc);
}

/** A Decimal as a plain decimal string (no exponent unless tiny or huge; exact). */
function decimalText(x: Decimal): string {
  return x.toString();
}

// ---------------------------------------------------------------------------------------------
// The Hessian over the box {|W_ab − W̃_ab| ≤ ρ}, in Float64 intervals.

interface BoxNeuron {
  lo: Float64Array;
  hi: Float64Array;
  norm: F64Interval;
  unitLo: Float64Array;
  unitHi: Float64Array;
}

function boxNeuron(lo: Float64Array, hi: Float64Array): BoxNeuron | undefined {
  let sLo = 0;
  let sHi = 0;
  for (let a = 0; a < lo.length; a++) {
    sLo = addLo(sLo, sqrLo(lo[a]!, hi[a]!));
    sHi = addHi(sHi, sqrHi(lo[a]!, hi[a]!));
  }
  const norm = { lo: sqrtLo(Math.max(sLo, 0)), hi: sqrtHi(sHi) };
  if (!(norm.lo > 0)) return undefined;
  const unitLo = new Float64Array(lo.length);
  const unitHi = new Float64Array(lo.length);
  for (let a = 0; a < lo.length; a++) {
    unitLo[a] = divLo(lo[a]!, hi[a]!, norm.lo, norm.hi);
    unitHi[a] = divHi(lo[a]!, hi[a]!, norm.lo, norm.hi);
  }
  return { lo, hi, norm, unitLo, unitHi };
}

interface PairGeometry {
  c: F64Interval;
  s: F64Interval;
  /** (π − θ)/(2π) */
  t: F64Interval;
}

export interface BoxHessianEnclosure {
  N: number;
  lo: Float64Array;
  hi: Float64Array;
}

export type BoxHessianResult = { ok: true; H: BoxHessianEnclosure } | { ok: false; reason: string };

/** The box's neurons, the pair geometry and 1/(2π), or why the box is not proved inside Ω's neuron conditions. */
interface BoxSetup {
  students: BoxNeuron[];
  teachers: BoxNeuron[];
  geometry: (u: BoxNeuron, v: BoxNeuron) => PairGeometry | undefined;
  inv2pi: F64Interval;
}

function boxSetup(pt: DensePoint, rho: string, anglePrecision: number): { ok: true; setup: BoxSetup } | { ok: false; reason: string } {
  const { d, n } = pt;
  const arBox = decimalIntervals(Math.max(40, anglePrecision));
  const arAngle = decimalIntervals(anglePrecision);
  const r = arBox.point(rho);
  const toF64 = (x: DecimalInterval): F64Interval => fromDecimalInterval(x);
  const students: BoxNeuron[] = [];
  for (let i = 0; i < n; i++) {
    const lo = new Float64Array(d);
    const hi = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      const x = arBox.point(pt.W[a]![i]!);
      const box = toF64(arBox.of(arBox.sub(x, r).lo, arBox.add(x, r).hi));
      lo[a] = box.lo;
      hi[a] = box.hi;
    }
    const neuron = boxNeuron(lo, hi);
    if (!neuron) return { ok: false, reason: `student neuron ${i} is not proved nonzero on the box` };
    students.push(neuron);
  }
  const teachers: BoxNeuron[] = [];
  for (const col of columns(pt.V, d, pt.k, true)) {
    const lo = new Float64Array(d);
    const hi = new Float64Array(d);
    col.forEach((x, a) => {
      const y = toF64(arBox.point(x));
      lo[a] = y.lo;
      hi[a] = y.hi;
    });
    const neuron = boxNeuron(lo, hi);
    if (!neuron) return { ok: false, reason: 'a teacher neuron underflows in Float64' };
    teachers.push(neuron);
  }
  const twoPiDec = arAngle.mul(arAngle.point(2), arAngle.pi());
  const inv2pi = toF64(arBox.div(arBox.point(1), arBox.mul(arBox.point(2), arBox.pi())));

  const geometry = (u: BoxNeuron, v: BoxNeuron): PairGeometry | undefined => {
    let dl = 0;
    let dh = 0;
    for (let a = 0; a < d; a++) {
      dl = addLo(dl, mulLo(u.lo[a]!, u.hi[a]!, v.lo[a]!, v.hi[a]!));
      dh = addHi(dh, mulHi(u.lo[a]!, u.hi[a]!, v.lo[a]!, v.hi[a]!));
    }
    const pl = mulLo(u.norm.lo, u.norm.hi, v.norm.lo, v.norm.hi);
    const ph = mulHi(u.norm.lo, u.norm.hi, v.norm.lo, v.norm.hi);
    const c = { lo: Math.max(divLo(dl, dh, pl, ph), -1), hi: Math.min(divHi(dl, dh, pl, ph), 1) };
    if (!(c.lo <= c.hi)) return undefined;
    const s2lo = mulLo(subLo(1, c.hi), subHi(1, c.lo), addLo(1, c.lo), addHi(1, c.hi));
    const s2hi = mulHi(subLo(1, c.hi), subHi(1, c.lo), addLo(1, c.lo), addHi(1, c.hi));
    const s = { lo: sqrtLo(Math.max(s2lo, 0)), hi: Math.min(sqrtHi(s2hi), 1) };
    if (!(s.lo > 0)) return undefined;
    const cDec = arAngle.of(arAngle.point(c.lo).lo, arAngle.point(c.hi).hi);
    const t = toF64(arAngle.div(arAngle.acos(arAngle.neg(cDec)), twoPiDec));
    return { c, s, t };
  };
  return { ok: true, setup: { students, teachers, geometry, inv2pi } };
}

/**
 * Adds σ·A(u, v) to the d×d block of lo/hi starting at `offset` with row stride `stride` (upper
 * triangle only; the caller mirrors it):
 * A(u, v)_ab = f·[s(δ_ab − ū_a ū_b) + e_a e_b / s], f = |v|/(2π|u|), e = v̄ − c ū.
 */
function addABlock(
  u: BoxNeuron,
  v: BoxNeuron,
  g: PairGeometry,
  sigma: 1 | -1,
  inv2pi: F64Interval,
  lo: Float64Array,
  hi: Float64Array,
  stride: number,
  offset: number,
): void {
  const d = u.lo.length;
  const fl0 = mulLo(v.norm.lo, v.norm.hi, inv2pi.lo, inv2pi.hi);
  const fh0 = mulHi(v.norm.lo, v.norm.hi, inv2pi.lo, inv2pi.hi);
  const fl = divLo(fl0, fh0, u.norm.lo, u.norm.hi);
  const fh = divHi(fl0, fh0, u.norm.lo, u.norm.hi);
  const eLo = new Float64Array(d);
  const eHi = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    eLo[a] = subLo(v.unitLo[a]!, mulHi(g.c.lo, g.c.hi, u.unitLo[a]!, u.unitHi[a]!));
    eHi[a] = subHi(v.unitHi[a]!, mulLo(g.c.lo, g.c.hi, u.unitLo[a]!, u.unitHi[a]!));
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      // δ_ab − ū_a ū_b
      let ql = -mulHi(u.unitLo[a]!, u.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!);
      let qh = -mulLo(u.unitLo[a]!, u.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!);
      if (a === b) {
        ql = addLo(1, ql);
        qh = addHi(1, qh);
      }
      const el = mulLo(eLo[a]!, eHi[a]!, eLo[b]!, eHi[b]!);
      const eh = mulHi(eLo[a]!, eHi[a]!, eLo[b]!, eHi[b]!);
      const inl = addLo(mulLo(g.s.lo, g.s.hi, ql, qh), divLo(el, eh, g.s.lo, g.s.hi));
      const inh = addHi(mulHi(g.s.lo, g.s.hi, ql, qh), divHi(el, eh, g.s.lo, g.s.hi));
      let vl = mulLo(fl, fh, inl, inh);
      let vh = mulHi(fl, fh, inl, inh);
      if (sigma < 0) [vl, vh] = [-vh, -vl];
      const p = offset + a * stride + b;
      lo[p] = addLo(lo[p]!, vl);
      hi[p] = addHi(hi[p]!, vh);
    }
  }
}

/**
 * Adds H′_ii = Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j) (the diagonal block without I/2) to the d×d
 * block of lo/hi at `offset`, row stride `stride`, mirrored. Returns the geometry of each pair
 * (w_i, w_j) by student j (undefined at j = i), or the reason a pair is not proved non-parallel.
 */
function addDiagonalBlock(
  setup: BoxSetup,
  i: number,
  lo: Float64Array,
  hi: Float64Array,
  stride: number,
  offset: number,
): { pairs: (PairGeometry | undefined)[] } | { why: string } {
  const { students, teachers, geometry, inv2pi } = setup;
  const u = students[i]!;
  const d = u.lo.length;
  const pairs: (PairGeometry | undefined)[] = [];
  for (let j = 0; j < students.length; j++) {
    if (j === i) {
      pairs.push(undefined);
      continue;
    }
    const g = geometry(u, students[j]!);
    if (!g) return { why: `student neurons ${Math.min(i, j)} and ${Math.max(i, j)} are not proved non-parallel on the box` };
    pairs.push(g);
    addABlock(u, students[j]!, g, 1, inv2pi, lo, hi, stride, offset);
  }
  for (let t = 0; t < teachers.length; t++) {
    const g = geometry(u, teachers[t]!);
    if (!g) return { why: `student neuron ${i} is not proved non-parallel to a teacher neuron on the box` };
    addABlock(u, teachers[t]!, g, -1, inv2pi, lo, hi, stride, offset);
  }
  // Mirror the upper triangle of the block (A is symmetric).
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      lo[offset + b * stride + a] = lo[offset + a * stride + b]!;
      hi[offset + b * stride + a] = hi[offset + a * stride + b]!;
    }
  }
  return { pairs };
}

/**
 * Guarantee (ok): for every W with |W_ab − W̃_ab| ≤ ρ and all p, q: lo[pN+q] ≤ ∂²F/∂W_p∂W_q(W) ≤
 * hi[pN+q] (p = i·d + a), and every such W lies in Ω. ok = false: the box is not proved inside Ω.
 */
export function boxHessianEnclosure(pt: DensePoint, rho: string, anglePrecision: number): BoxHessianResult {
  const { d, n } = pt;
  const N = n * d;
  const built = boxSetup(pt, rho, anglePrecision);
  if (!built.ok) return built;
  const { students, inv2pi } = built.setup;
  const lo = new Float64Array(N * N);
  const hi = new Float64Array(N * N);
  // Diagonal blocks start at I/2.
  for (let p = 0; p < N; p++) {
    lo[p * N + p] = 0.5;
    hi[p * N + p] = 0.5;
  }
  for (let i = 0; i < n; i++) {
    const block = addDiagonalBlock(built.setup, i, lo, hi, N, i * d * N + i * d);
    if ('why' in block) return { ok: false, reason: block.why };
    for (let j = i + 1; j < n; j++) {
      const g = block.pairs[j]!;
      // B(w_i, w_j)_ab = (1/2π)[(π − θ)δ_ab + (ū_a v̄_b + v̄_a ū_b − c(ū_a ū_b + v̄_a v̄_b))/s]
      const u = students[i]!;
      const v = students[j]!;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const x1l = addLo(mulLo(u.unitLo[a]!, u.unitHi[a]!, v.unitLo[b]!, v.unitHi[b]!), mulLo(v.unitLo[a]!, v.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!));
          const x1h = addHi(mulHi(u.unitLo[a]!, u.unitHi[a]!, v.unitLo[b]!, v.unitHi[b]!), mulHi(v.unitLo[a]!, v.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!));
          const x2l = addLo(mulLo(u.unitLo[a]!, u.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!), mulLo(v.unitLo[a]!, v.unitHi[a]!, v.unitLo[b]!, v.unitHi[b]!));
          const x2h = addHi(mulHi(u.unitLo[a]!, u.unitHi[a]!, u.unitLo[b]!, u.unitHi[b]!), mulHi(v.unitLo[a]!, v.unitHi[a]!, v.unitLo[b]!, v.unitHi[b]!));
          const numl = subLo(x1l, mulHi(g.c.lo, g.c.hi, x2l, x2h));
          const numh = subHi(x1h, mulLo(g.c.lo, g.c.hi, x2l, x2h));
          let vl = mulLo(divLo(numl, numh, g.s.lo, g.s.hi), divHi(numl, numh, g.s.lo, g.s.hi), inv2pi.lo, inv2pi.hi);
          let vh = mulHi(divLo(numl, numh, g.s.lo, g.s.hi), divHi(numl, numh, g.s.lo, g.s.hi), inv2pi.lo, inv2pi.hi);
          if (a === b) {
            vl = addLo(vl, g.t.lo);
            vh = addHi(vh, g.t.hi);
          }
          // B is symmetric and H_ji = H_ijᵀ: the exact value at (a, b) is the one at (b, a).
          for (const [p, q] of [
            [i * d + a, j * d + b],
            [i * d + b, j * d + a],
            [j * d + b, i * d + a],
            [j * d + a, i * d + b],
          ] as const) {
            lo[p * N + q] = vl;
            hi[p * N + q] = vh;
          }
        }
      }
    }
  }
  return { ok: true, H: { N, lo, hi } };
}

export type DiagonalBlocksResult = { ok: true; blocks: { neuron: number; lo: Float64Array; hi: Float64Array }[] } | { ok: false; reason: string };

/**
 * The diagonal blocks without their I/2, H′_ii = Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j), of the
 * listed neurons only (d×d each; the full matrix is never formed), by the same code as
 * boxHessianEnclosure's diagonal blocks. Guarantee (ok): for every W in the box and every listed
 * i: lo ≤ H′_ii(W) ≤ hi entrywise, and every such W lies in Ω as far as neuron i's pairs go (all
 * students nonzero, neuron i non-parallel to every other student and teacher neuron).
 */
export function diagonalBlocksEnclosure(pt: DensePoint, rho: string, anglePrecision: number, neurons: readonly number[]): DiagonalBlocksResult {
  const built = boxSetup(pt, rho, anglePrecision);
  if (!built.ok) return built;
  const d = pt.d;
  const blocks = [];
  for (const i of neurons) {
    if (!Number.isInteger(i) || i < 0 || i >= pt.n) return { ok: false, reason: `no neuron ${i} (n = ${pt.n})` };
    const lo = new Float64Array(d * d);
    const hi = new Float64Array(d * d);
    const block = addDiagonalBlock(built.setup, i, lo, hi, d, 0);
    if ('why' in block) return { ok: false, reason: block.why };
    blocks.push({ neuron: i, lo, hi });
  }
  return { ok: true, blocks };
}

export interface CurvatureProof {
  smoothDomain: boolean;
  proved: boolean;
  detail: string;
  /** Bound of ‖H − M‖₂ used by the proofs. */
  t?: number;
  /** Engines that proved it: Rump always; the congruence proof up to N = 400; decimal LDLᵀ up to ldlMaxOrder. */
  engines: string[];
}

/** Largest order at which the decimal LDLᵀ third proof runs by default (≈ 1 s at 100). */
export const SECOND_PROOF_MAX_ORDER = 100;
/** Largest order at which the congruence (Gershgorin–Sylvester) second proof runs (≈ 1 s at 400). */
export const CONGRUENCE_PROOF_MAX_ORDER = 400;

/**
 * Second positive-definiteness proof, by a route independent of Rump's Cholesky: every symmetric
 * H in [lo, hi] has H − μ_d I with no negative and no zero eigenvalue, by congruence with float
 * eigenvectors and Gershgorin discs (src/linalg/intervalInertia.ts). μ_d ≥ μ is a double, and the
 * diagonal of [lo, hi] is shifted by −μ_d with outward rounding, so H − μI ⪰ H − μ_d I ≻ 0.
 */
function congruenceProof(lo: Float64Array, hi: Float64Array, N: number, muD: number): { ok: boolean; detail: string } {
  const sLo = lo.slice(0, N * N);
  const sHi = hi.slice(0, N * N);
  for (let p = 0; p < N; p++) {
    sLo[p * N + p] = subLo(lo[p * N + p]!, muD);
    sHi[p * N + p] = subHi(hi[p * N + p]!, muD);
  }
  const mr = symmetricMidpointRadius(sLo, sHi, N, { keepRadius: true });
  if (!mr.ok) return { ok: false, detail: mr.reason };
  const X = floatSymmetricEigen(mr.value.M, N).vectors;
  const inertia = proveInertia(mr.value, X);
  const ok = inertia.ok && inertia.negative === 0;
  return { ok, detail: ok ? `congruence: all ${N} Gershgorin discs of Xᵀ(H − μI)X lie in (0, ∞)` : `congruence: ${inertia.reason ?? `${inertia.negative} negative discs`}` };
}

/**
 * Hypothesis (ii) by the audit's own route: its box Hessian, then every symmetric H in it
 * ⪰ μI by Rump's criterion, and also by the congruence proof for N ≤ CONGRUENCE_PROOF_MAX_ORDER and
 * by decimal LDLᵀ for N ≤ ldlMaxOrder (every engine that runs must prove it).
 */
export function proveCurvature(pt: DensePoint, rho: string, mu: Decimal, anglePrecision: number, ldlMaxOrder = SECOND_PROOF_MAX_ORDER): CurvatureProof {
  const box = boxHessianEnclosure(pt, rho, anglePrecision);
  if (!box.ok) return { smoothDomain: false, proved: false, detail: box.reason, engines: [] };
  const { N, lo, hi } = box.H;
  const muD = doubleAtLeast(mu);
  const rump = proveIntervalMatrixAtLeast(lo, hi, N, muD);
  if (!rump.ok) {
    return { smoothDomain: true, proved: false, detail: `(ii) Rump's criterion does not prove H ⪰ ${mu.toString()}·I: ${rump.reason ?? ''}`, t: rump.t, engines: [] };
  }
  const engines = ['rump-cholesky-2006'];
  if (N <= CONGRUENCE_PROOF_MAX_ORDER) {
    const cong = congruenceProof(lo, hi, N, muD);
    if (!cong.ok) return { smoothDomain: true, proved: false, detail: `(ii) ${cong.detail}`, t: rump.t, engines };
    engines.push('congruence-gershgorin');
  }
  if (N <= ldlMaxOrder) {
    const ldl = decimalLdlAtLeast(lo, hi, N, mu.toString());
    if (!ldl.ok) {
      return { smoothDomain: true, proved: false, detail: `(ii) decimal LDLᵀ does not prove H − μI ≻ 0 (pivot ${ldl.failedPivot ?? '?'})`, t: rump.t, engines };
    }
    engines.push('decimal-ldl');
  }
  return {
    smoothDomain: true,
    proved: true,
    detail: `(ii) every symmetric H in the audit's box Hessian (N = ${N}) satisfies H ⪰ ${mu.toString()}·I (${engines.join(', ')}; t = ${rump.t.toExponential(3)})`,
    t: rump.t,
    engines,
  };
}
