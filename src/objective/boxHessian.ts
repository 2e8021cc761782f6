/**
 * Enclosure of the Hessian of the population ReLU loss over a whole box
 * {W : |W_ab − W̃_ab| ≤ ρ for all a, b} (DESIGN.md §2, §3), in Float64 interval arithmetic with
 * the transcendental pieces (π, arccos) taken from rigorous decimal enclosures.
 *
 * Blocks (u = w_i, c, s, θ of the pair, ū = u/|u|):
 *   H_ii = I/2 + Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j),   H_ij = B(w_i, w_j)  (i ≠ j)
 *   A(u, v) = g1 (I − ūūᵀ) + g2 e eᵀ,  g1 = |v| s / (2π|u|),  g2 = |v| / (2π|u| s),  e = v̄ − c ū
 *   B(u, v) = t I + x fᵀ + y v̄ᵀ,  t = (π − θ)/(2π),  x = (v̄ − c ū)/(2π s),  f = ū − c v̄,  y = s ū/(2π)
 * The A form is DESIGN.md's expression multiplied out. The B form is an identity: with
 * e = v̄ − cū and f = ū − cv̄, e fᵀ + s² ū v̄ᵀ = ūv̄ᵀ + v̄ūᵀ − c(ūūᵀ + v̄v̄ᵀ), so
 * B = (1/2π)[(π − θ)I + (ūv̄ᵀ + v̄ūᵀ − c(ūūᵀ + v̄v̄ᵀ))/s] exactly. In H_ii the terms g1 (I − ūūᵀ)
 * all share ū = w̄_i, so they are summed as (Σ ±g1)(I − ūūᵀ), again an identity.
 *
 * Soundness: every quantity is the natural interval extension of an expression that equals the
 * exact function on the box, evaluated with outward-rounded Float64 operations (f64Interval.ts)
 * on interval inputs that contain the box coordinates; hence each result contains the exact
 * value at every point of the box. π and θ come from decimal enclosures (decimalInterval.ts,
 * arccos built from +, −, ×, ÷, √ with explicit remainders) converted outward to doubles.
 * The diagonal blocks without their I/2, H′_ii (DESIGN.md §11), come from the same code
 * (diagonalBlocksBoxEnclosure: the block writer with shift 0 instead of 1/2).
 *
 * Symmetry: F is C² on Ω, so ∂²F/∂W_p∂W_q = ∂²F/∂W_q∂W_p (Schwarz) and both A and B are symmetric
 * matrices (B(u, v) = B(v, u) = B(u, v)ᵀ by the formula). Hence an enclosure of entry (p, q) is
 * also one of (q, p): only the upper triangle of each block is computed, then mirrored. The
 * returned lo/hi are exactly symmetric.
 */
import type { Decimal } from 'decimal.js';
import {
  decimalIntervals,
  exactDecimal,
  type DecimalInterval,
  type DecimalIntervalArithmetic,
} from '../arith/decimalInterval.js';
import {
  addHi,
  addLo,
  divHi,
  divLo,
  dotIntervalInto,
  fromDecimalInterval,
  mulHi,
  mulLo,
  sqrHi,
  sqrLo,
  sqrtHi,
  sqrtLo,
  subHi,
  subLo,
} from '../arith/f64Interval.js';
import { InputError } from '../errors.js';
import { type ExactPoint, isZeroColumn, validateExactPoint } from './exactPoint.js';
import { SmoothDomainError } from './smoothDomainError.js';

/** N = n·d; lo/hi are N×N row-major, index (i·d + a)·N + (j·d + b), symmetric. */
export interface BoxHessian {
  N: number;
  lo: Float64Array;
  hi: Float64Array;
}

export interface BoxHessianOptions {
  /** Decimal precision of the arccos/π enclosures before rounding outward to doubles (default 20). */
  anglePrecision?: number;
}

/** Precision of the decimal box ends W̃ ± ρ before they are rounded outward to doubles. */
const BOX_PRECISION = 40;

/**
 * The smallest double interval containing [lo, hi] (fromDecimalInterval), with exact zeros
 * short-cut (the general search would step through the subnormals' exact decimal expansions).
 */
function toF64(x: { lo: Decimal; hi: Decimal }): { lo: number; hi: number } {
  if (x.lo.isZero() && x.hi.isZero()) return { lo: 0, hi: 0 };
  return fromDecimalInterval(x);
}

/** An n×d (or k×d) interval matrix, neuron-major, plus norms. */
interface IntervalNeurons {
  lo: Float64Array;
  hi: Float64Array;
  normLo: Float64Array;
  normHi: Float64Array;
  /** unit vector ū = u/|u| (natural extension over the box) */
  unitLo: Float64Array;
  unitHi: Float64Array;
}

function f64Message(lo: number, hi: number): [string, string] {
  return [String(lo), String(hi)];
}

function normsAndUnits(lo: Float64Array, hi: Float64Array, count: number, d: number): IntervalNeurons {
  const normLo = new Float64Array(count);
  const normHi = new Float64Array(count);
  const unitLo = new Float64Array(count * d);
  const unitHi = new Float64Array(count * d);
  for (let i = 0; i < count; i++) {
    let sLo = 0;
    let sHi = 0;
    for (let a = 0; a < d; a++) {
      const l = lo[i * d + a]!;
      const h = hi[i * d + a]!;
      sLo = addLo(sLo, sqrLo(l, h));
      sHi = addHi(sHi, sqrHi(l, h));
    }
    normLo[i] = sqrtLo(Math.max(sLo, 0));
    normHi[i] = sqrtHi(sHi);
    if (normLo[i]! > 0) {
      for (let a = 0; a < d; a++) {
        const p = i * d + a;
        unitLo[p] = divLo(lo[p]!, hi[p]!, normLo[i]!, normHi[i]!);
        unitHi[p] = divHi(lo[p]!, hi[p]!, normLo[i]!, normHi[i]!);
      }
    }
  }
  return { lo, hi, normLo, normHi, unitLo, unitHi };
}

/** Cosine and sine enclosures of all pairs (row neuron of `U`, column neuron of `V`). */
interface PairTable {
  cLo: Float64Array;
  cHi: Float64Array;
  sLo: Float64Array;
  sHi: Float64Array;
}

/** Threshold on |c| above which s is also enclosed through the wedge |u ∧ v| (near-parallel pairs). */
const NEAR_PARALLEL = 0.9;

/**
 * Cosine and sine enclosures over the box for every included pair:
 *   c = uᵀv/(|u||v|) ∩ [−1, 1],   s = sqrt((1 − c)(1 + c)),
 * and for near-parallel pairs (|c| may exceed 0.9) also s = |u ∧ v|/(|u||v|) with
 * |u ∧ v|² = Σ_{a<b} (u_a v_b − u_b v_a)², which stays tight when θ is small compared to the box
 * (1 − c is then below the width of the cosine enclosure); s is the intersection of both and
 * c is tightened by |c| ≤ sqrt(1 − s_lo²) (exact: c² + s² = 1).
 * Returns the first pair for which s is not provably > 0, i.e. the box is not proved to avoid
 * parallel/antiparallel configurations.
 */
function pairTable(
  U: IntervalNeurons,
  nu: number,
  V: IntervalNeurons,
  nv: number,
  d: number,
  include: (i: number, j: number) => boolean,
): PairTable & { bad?: [number, number, number, number] } {
  const cLo = new Float64Array(nu * nv);
  const cHi = new Float64Array(nu * nv);
  const sLo = new Float64Array(nu * nv);
  const sHi = new Float64Array(nu * nv);
  const dot = new Float64Array(2);
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      if (!include(i, j)) continue;
      dotIntervalInto(U.lo, U.hi, i * d, V.lo, V.hi, j * d, d, dot, 0);
      const pLo = mulLo(U.normLo[i]!, U.normHi[i]!, V.normLo[j]!, V.normHi[j]!);
      const pHi = mulHi(U.normLo[i]!, U.normHi[i]!, V.normLo[j]!, V.normHi[j]!);
      let lo = Math.max(divLo(dot[0]!, dot[1]!, pLo, pHi), -1);
      let hi = Math.min(divHi(dot[0]!, dot[1]!, pLo, pHi), 1);
      const s2Lo = mulLo(subLo(1, hi), subHi(1, lo), addLo(1, lo), addHi(1, hi));
      const s2Hi = mulHi(subLo(1, hi), subHi(1, lo), addLo(1, lo), addHi(1, hi));
      let sl = sqrtLo(Math.max(s2Lo, 0));
      let sh = Math.min(sqrtHi(s2Hi), 1);
      if (Math.max(-lo, hi) > NEAR_PARALLEL) {
        let wLo = 0;
        let wHi = 0;
        for (let a = 0; a < d; a++) {
          const ual = U.lo[i * d + a]!;
          const uah = U.hi[i * d + a]!;
          const val = V.lo[j * d + a]!;
          const vah = V.hi[j * d + a]!;
          for (let b = a + 1; b < d; b++) {
            const ubl = U.lo[i * d + b]!;
            const ubh = U.hi[i * d + b]!;
            const vbl = V.lo[j * d + b]!;
            const vbh = V.hi[j * d + b]!;
            const mLo = subLo(mulLo(ual, uah, vbl, vbh), mulHi(ubl, ubh, val, vah));
            const mHi = subHi(mulHi(ual, uah, vbl, vbh), mulLo(ubl, ubh, val, vah));
            wLo = addLo(wLo, sqrLo(mLo, mHi));
            wHi = addHi(wHi, sqrHi(mLo, mHi));
          }
        }
        const wedgeLo = sqrtLo(Math.max(wLo, 0));
        const wedgeHi = sqrtHi(wHi);
        sl = Math.max(sl, divLo(wedgeLo, wedgeHi, pLo, pHi));
        sh = Math.min(sh, divHi(wedgeLo, wedgeHi, pLo, pHi));
        if (!(sl <= sh)) throw new Error(`internal error: disjoint sine enclosures (pair ${i}, ${j})`);
        if (sl > 0) {
          const cMax = sqrtHi(subHi(1, sqrLo(sl, sl)));
          hi = Math.min(hi, cMax);
          lo = Math.max(lo, -cMax);
        }
      }
      const q = i * nv + j;
      cLo[q] = lo;
      cHi[q] = hi;
      sLo[q] = sl;
      sHi[q] = sh;
      if (!(sl > 0)) return { cLo, cHi, sLo, sHi, bad: [i, j, lo, hi] };
    }
  }
  return { cLo, cHi, sLo, sHi };
}

/**
 * t = (π − θ)/(2π) = arccos(−c)/(2π) for c in [cLo, cHi] ⊂ (−1, 1), as a double interval.
 * Guarantee: contains the exact value for every c in the interval (decimal enclosure of arccos,
 * monotone, rounded outward to doubles by fromDecimalInterval).
 */
function piMinusThetaOver2pi(
  arAngle: DecimalIntervalArithmetic,
  twoPi: DecimalInterval,
  cLo: number,
  cHi: number,
): { lo: number; hi: number } {
  const c = arAngle.of(arAngle.point(cLo).lo, arAngle.point(cHi).hi);
  const clamped = arAngle.of(c.lo.gte(-1) ? c.lo : -1, c.hi.lte(1) ? c.hi : 1);
  return fromDecimalInterval(arAngle.div(arAngle.acos(arAngle.neg(clamped)), twoPi));
}

/**
 * Everything the blocks need about the box: the interval neurons (norms, unit vectors), the
 * cosine/sine tables of the student–student and student–teacher pairs and 1/(2π), after the
 * domain checks (each pair proved non-parallel, each student norm proved > 0).
 */
interface BoxGeometry {
  d: number;
  n: number;
  /** Number of nonzero teacher neurons (T holds only those). */
  kk: number;
  S: IntervalNeurons;
  T: IntervalNeurons;
  ss: PairTable;
  st: PairTable;
  inv2pi: { lo: number; hi: number };
  /** t = (π − θ)/(2π) of a cosine interval (decimal arccos enclosure). */
  angleTerm: (cLo: number, cHi: number) => { lo: number; hi: number };
}

/**
 * The geometry of the box {|W_ab − W̃_ab| ≤ ρ}. `what` prefixes input errors; `subject` names the
 * enclosure in domain errors ("<subject> over the box of radius ρ"). Throws InputError for a bad ρ
 * and SmoothDomainError unless the box is proved inside Ω.
 */
function boxGeometry(pt: ExactPoint, rho: string, opts: BoxHessianOptions, what: string, subject: string): BoxGeometry {
  validateExactPoint(pt);
  let rhoDec: Decimal;
  try {
    rhoDec = exactDecimal(rho);
  } catch {
    throw new InputError(`${what}: radius ${JSON.stringify(rho)} is not a decimal number`);
  }
  if (!rhoDec.isFinite() || rhoDec.isNegative()) {
    throw new InputError(`${what}: radius ${rho} must be a finite number ≥ 0`);
  }
  const anglePrecision = opts.anglePrecision ?? 20;
  const { d, n, k } = pt;
  const N = n * d;
  const where = `${subject} over the box of radius ${rho}`;
  const arBox = decimalIntervals(BOX_PRECISION);
  const arAngle = decimalIntervals(anglePrecision);

  // The box and the teacher as outward-rounded double intervals.
  const r = arBox.point(rho);
  const wLo = new Float64Array(N);
  const wHi = new Float64Array(N);
  // Student neurons with a coordinate whose decimal box excludes 0: nonzero on the whole box.
  const provablyNonzero = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const x = arBox.point(pt.W[a]![i]!);
      const ends = { lo: arBox.sub(x, r).lo, hi: arBox.add(x, r).hi };
      if (ends.lo.isPositive() && !ends.lo.isZero()) provablyNonzero[i] = true;
      if (ends.hi.isNegative() && !ends.hi.isZero()) provablyNonzero[i] = true;
      const box = toF64(ends);
      wLo[i * d + a] = box.lo;
      wHi[i * d + a] = box.hi;
    }
  }
  const teacherIndex: number[] = [];
  for (let j = 0; j < k; j++) if (!isZeroColumn(pt.V, j)) teacherIndex.push(j);
  const kk = teacherIndex.length;
  const vLo = new Float64Array(kk * d);
  const vHi = new Float64Array(kk * d);
  teacherIndex.forEach((j, t) => {
    for (let a = 0; a < d; a++) {
      const x = toF64(arBox.point(pt.V[a]![j]!));
      vLo[t * d + a] = x.lo;
      vHi[t * d + a] = x.hi;
    }
  });
  const inv2pi = fromDecimalInterval(arBox.div(arBox.point(1), arBox.mul(arBox.point(2), arBox.pi())));
  const twoPiAngle = arAngle.mul(arAngle.point(2), arAngle.pi());

  // Geometry and domain checks.
  const S = normsAndUnits(wLo, wHi, n, d);
  for (let i = 0; i < n; i++) {
    if (S.normLo[i]! > 0) continue;
    // Not proved in Ω either way; the message says whether Float64 underflow is the reason.
    const kind = provablyNonzero[i] ? 'float-underflow' : 'zero-neuron';
    throw new SmoothDomainError(kind, [i], f64Message(S.normLo[i]!, S.normHi[i]!), where);
  }
  const T = normsAndUnits(vLo, vHi, kk, d);
  for (let t = 0; t < kk; t++) {
    if (!(T.normLo[t]! > 0)) {
      throw new InputError(`${what}: teacher neuron ${teacherIndex[t]} (0-based) is too small for Float64 intervals (norm underflows)`);
    }
  }
  const ss = pairTable(S, n, S, n, d, (i, j) => i < j);
  if (ss.bad) throw new SmoothDomainError('parallel-students', [ss.bad[0], ss.bad[1]], f64Message(ss.bad[2], ss.bad[3]), where);
  const st = pairTable(S, n, T, kk, d, () => true);
  if (st.bad) {
    throw new SmoothDomainError('parallel-teacher', [st.bad[0], teacherIndex[st.bad[1]]!], f64Message(st.bad[2], st.bad[3]), where);
  }
  // Mirror the student–student table (cosine and sine are symmetric in the pair).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      ss.cLo[i * n + j] = ss.cLo[j * n + i]!;
      ss.cHi[i * n + j] = ss.cHi[j * n + i]!;
      ss.sLo[i * n + j] = ss.sLo[j * n + i]!;
      ss.sHi[i * n + j] = ss.sHi[j * n + i]!;
    }
  }
  const angleTerm = (cLo: number, cHi: number) => piMinusThetaOver2pi(arAngle, twoPiAngle, cLo, cHi);
  return { d, n, kk, S, T, ss, st, inv2pi, angleTerm };
}

/**
 * Enclosure of the Hessian of F over the box {|W_ab − W̃_ab| ≤ ρ} (W̃ = pt.W, ρ ≥ 0 a decimal string).
 * Guarantee: for every W in the box and every p, q: lo[p·N + q] ≤ ∂²F/∂W_p∂W_q (W) ≤ hi[p·N + q],
 * with p = i·d + a (neuron i, coordinate a). Throws SmoothDomainError unless every point of the
 * box is proved to lie in Ω (student norms > 0, student–student and student–teacher cosines
 * strictly inside (−1, 1)); zero teacher neurons contribute nothing and are skipped.
 */
export function hessianBoxEnclosure(pt: ExactPoint, rho: string, opts: BoxHessianOptions = {}): BoxHessian {
  const g = boxGeometry(pt, rho, opts, 'box Hessian', 'Hessian');
  const { d, n } = g;
  const N = n * d;
  const lo = new Float64Array(N * N);
  const hi = new Float64Array(N * N);
  const writeDiagonalBlock = diagonalBlockWriter(g);
  for (let i = 0; i < n; i++) writeDiagonalBlock(i, 0.5, lo, hi, N, i * d * N + i * d);
  offDiagonalBlocks(d, n, g.S, g.ss, g.inv2pi, N, lo, hi, g.angleTerm);
  return { N, lo, hi };
}

/** The enclosure of one neuron's diagonal block H′_ii (without I/2) over a box. */
export interface DiagonalBlockEnclosure {
  neuron: number;
  d: number;
  /** d×d row-major, symmetric. */
  lo: Float64Array;
  hi: Float64Array;
  /**
   * The coefficient G1 = (Σ_{j≠i} |w_j| sin θ(w_i, w_j) − Σ_j |v_j| sin θ(w_i, v_j)) / (2π|w_i|) of
   * (I − w̄_i w̄_iᵀ) in H′_ii (the bound of Safran, Yehudai & Shamir 2021 on λ_min(H′_ii)), enclosed.
   */
  coefficient: { lo: number; hi: number };
}

/**
 * Enclosures over the box {|W_ab − W̃_ab| ≤ ρ} of the diagonal blocks without their I/2,
 *   H′_ii = Σ_{j≠i} A(w_i, w_j) − Σ_j A(w_i, v_j),
 * for the listed neurons (default: all), by the same code as hessianBoxEnclosure's diagonal
 * blocks (which are H′_ii + I/2). Guarantee: for every W in the box, every listed i and every
 * a, b: lo[a·d + b] ≤ (H′_ii(W))_ab ≤ hi[a·d + b], and coefficient ∋ G1(W). Same domain checks
 * and errors as hessianBoxEnclosure.
 */
export function diagonalBlocksBoxEnclosure(
  pt: ExactPoint,
  rho: string,
  opts: BoxHessianOptions & { neurons?: readonly number[] } = {},
): DiagonalBlockEnclosure[] {
  const g = boxGeometry(pt, rho, opts, 'diagonal Hessian blocks', 'diagonal Hessian blocks');
  const { d, n } = g;
  const neurons = opts.neurons ?? Array.from({ length: n }, (_, i) => i);
  for (const i of neurons) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new InputError(`diagonal Hessian blocks: no neuron ${i} (0-based; n = ${n})`);
  }
  const writeDiagonalBlock = diagonalBlockWriter(g);
  return neurons.map((i) => {
    const lo = new Float64Array(d * d);
    const hi = new Float64Array(d * d);
    const coefficient = writeDiagonalBlock(i, 0, lo, hi, d, 0);
    return { neuron: i, d, lo, hi, coefficient };
  });
}

/**
 * Returns a writer of the diagonal block of neuron i:
 *   shift·I + G1 (I − ūūᵀ) + Σ_j σ_j g2_j e_j e_jᵀ,   G1 = Σ_j σ_j g1_j,
 * over the other students (σ = +1) and the nonzero teachers (σ = −1); shift = 1/2 gives H_ii,
 * shift = 0 gives H′_ii. Entry (a, b) goes to lo/hi[offset + a·stride + b]; the upper triangle is
 * computed and mirrored. The writer returns the enclosure of G1. Scratch space is allocated once.
 */
function diagonalBlockWriter(
  g: BoxGeometry,
): (i: number, shift: number, lo: Float64Array, hi: Float64Array, stride: number, offset: number) => { lo: number; hi: number } {
  const { d, n, kk, S, T, ss, st, inv2pi } = g;
  const J = n - 1 + kk;
  // Transposed layouts (row a, column j) so the sums over j are contiguous.
  const eLo = new Float64Array(d * J);
  const eHi = new Float64Array(d * J);
  const hLo = new Float64Array(d * J); // σ g2 e
  const hHi = new Float64Array(d * J);
  const g2Lo = new Float64Array(J); // σ g2
  const g2Hi = new Float64Array(J);
  const acc = new Float64Array(2);
  return (i, shift, lo, hi, stride, offset) => {
    const uNormLo = S.normLo[i]!;
    const uNormHi = S.normHi[i]!;
    // 2π|u| as an interval: |u| / (1/(2π)).
    const den2Lo = divLo(uNormLo, uNormHi, inv2pi.lo, inv2pi.hi);
    const den2Hi = divHi(uNormLo, uNormHi, inv2pi.lo, inv2pi.hi);
    let G1Lo = 0;
    let G1Hi = 0;
    let jj = 0;
    for (let other = 0; other < n - 1 + kk; other++) {
      const isStudent = other < n - 1;
      const j = isStudent ? (other < i ? other : other + 1) : other - (n - 1);
      const Vn = isStudent ? S : T;
      const tab = isStudent ? ss : st;
      const q = isStudent ? i * n + j : i * kk + j;
      const cLo = tab.cLo[q]!;
      const cHi = tab.cHi[q]!;
      const sLo = tab.sLo[q]!;
      const sHi = tab.sHi[q]!;
      // f = |v| / (2π|u|), g1 = f s, g2 = f / s
      const fLo = divLo(Vn.normLo[j]!, Vn.normHi[j]!, den2Lo, den2Hi);
      const fHi = divHi(Vn.normLo[j]!, Vn.normHi[j]!, den2Lo, den2Hi);
      const g1Lo = mulLo(fLo, fHi, sLo, sHi);
      const g1Hi = mulHi(fLo, fHi, sLo, sHi);
      let gLo = divLo(fLo, fHi, sLo, sHi);
      let gHi = divHi(fLo, fHi, sLo, sHi);
      if (isStudent) {
        G1Lo = addLo(G1Lo, g1Lo);
        G1Hi = addHi(G1Hi, g1Hi);
      } else {
        G1Lo = subLo(G1Lo, g1Hi);
        G1Hi = subHi(G1Hi, g1Lo);
        const t = gLo;
        gLo = -gHi;
        gHi = -t;
      }
      g2Lo[jj] = gLo;
      g2Hi[jj] = gHi;
      for (let a = 0; a < d; a++) {
        // e_a = v̄_a − c ū_a
        const uaLo = S.unitLo[i * d + a]!;
        const uaHi = S.unitHi[i * d + a]!;
        const cuLo = mulLo(cLo, cHi, uaLo, uaHi);
        const cuHi = mulHi(cLo, cHi, uaLo, uaHi);
        const elo = subLo(Vn.unitLo[j * d + a]!, cuHi);
        const ehi = subHi(Vn.unitHi[j * d + a]!, cuLo);
        eLo[a * J + jj] = elo;
        eHi[a * J + jj] = ehi;
        hLo[a * J + jj] = mulLo(gLo, gHi, elo, ehi);
        hHi[a * J + jj] = mulHi(gLo, gHi, elo, ehi);
      }
      jj++;
    }
    const base = i * d;
    for (let a = 0; a < d; a++) {
      const uaLo = S.unitLo[base + a]!;
      const uaHi = S.unitHi[base + a]!;
      // Diagonal entry: shift + G1 (1 − ū_a²) + Σ_j σ g2 e_a².
      let sLo = 0;
      let sHi = 0;
      for (let t = 0; t < J; t++) {
        const e2Lo = sqrLo(eLo[a * J + t]!, eHi[a * J + t]!);
        const e2Hi = sqrHi(eLo[a * J + t]!, eHi[a * J + t]!);
        sLo = addLo(sLo, mulLo(g2Lo[t]!, g2Hi[t]!, e2Lo, e2Hi));
        sHi = addHi(sHi, mulHi(g2Lo[t]!, g2Hi[t]!, e2Lo, e2Hi));
      }
      const omLo = subLo(1, sqrHi(uaLo, uaHi));
      const omHi = subHi(1, sqrLo(uaLo, uaHi));
      const pLo = mulLo(G1Lo, G1Hi, omLo, omHi);
      const pHi = mulHi(G1Lo, G1Hi, omLo, omHi);
      const p = offset + a * stride + a;
      lo[p] = addLo(addLo(shift, pLo), sLo);
      hi[p] = addHi(addHi(shift, pHi), sHi);
      // Off-diagonal entries a < b: −G1 ū_a ū_b + Σ_j σ g2 e_a e_b.
      for (let b = a + 1; b < d; b++) {
        const ubLo = S.unitLo[base + b]!;
        const ubHi = S.unitHi[base + b]!;
        const uuLo = mulLo(uaLo, uaHi, ubLo, ubHi);
        const uuHi = mulHi(uaLo, uaHi, ubLo, ubHi);
        // G1 · (−ū_a ū_b)
        const qLo = mulLo(G1Lo, G1Hi, -uuHi, -uuLo);
        const qHi = mulHi(G1Lo, G1Hi, -uuHi, -uuLo);
        dotIntervalInto(hLo, hHi, a * J, eLo, eHi, b * J, J, acc, 0);
        const vlo = addLo(qLo, acc[0]!);
        const vhi = addHi(qHi, acc[1]!);
        const p1 = offset + a * stride + b;
        const p2 = offset + b * stride + a;
        lo[p1] = vlo;
        hi[p1] = vhi;
        lo[p2] = vlo;
        hi[p2] = vhi;
      }
    }
    return { lo: G1Lo, hi: G1Hi };
  };
}

/** H_ij = H_ji = B(w_i, w_j) for i < j (see the module comment for the form used). */
function offDiagonalBlocks(
  d: number,
  n: number,
  S: IntervalNeurons,
  ss: PairTable,
  inv2pi: { lo: number; hi: number },
  N: number,
  lo: Float64Array,
  hi: Float64Array,
  angleTerm: (cLo: number, cHi: number) => { lo: number; hi: number },
): void {
  const xLo = new Float64Array(d);
  const xHi = new Float64Array(d);
  const fLo = new Float64Array(d);
  const fHi = new Float64Array(d);
  const yLo = new Float64Array(d);
  const yHi = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const q = i * n + j;
      const cLo = ss.cLo[q]!;
      const cHi = ss.cHi[q]!;
      const sLo = ss.sLo[q]!;
      const sHi = ss.sHi[q]!;
      const t = angleTerm(cLo, cHi);
      // 1/(2π s) and s/(2π)
      const ksLo = divLo(inv2pi.lo, inv2pi.hi, sLo, sHi);
      const ksHi = divHi(inv2pi.lo, inv2pi.hi, sLo, sHi);
      const s2pLo = mulLo(sLo, sHi, inv2pi.lo, inv2pi.hi);
      const s2pHi = mulHi(sLo, sHi, inv2pi.lo, inv2pi.hi);
      for (let a = 0; a < d; a++) {
        const pLo = S.unitLo[i * d + a]!;
        const pHi = S.unitHi[i * d + a]!;
        const qLo = S.unitLo[j * d + a]!;
        const qHi = S.unitHi[j * d + a]!;
        // x_a = (q_a − c p_a) / (2π s)
        const eLo = subLo(qLo, mulHi(cLo, cHi, pLo, pHi));
        const eHi = subHi(qHi, mulLo(cLo, cHi, pLo, pHi));
        xLo[a] = mulLo(eLo, eHi, ksLo, ksHi);
        xHi[a] = mulHi(eLo, eHi, ksLo, ksHi);
        // f_a = p_a − c q_a
        fLo[a] = subLo(pLo, mulHi(cLo, cHi, qLo, qHi));
        fHi[a] = subHi(pHi, mulLo(cLo, cHi, qLo, qHi));
        // y_a = p_a s / (2π)
        yLo[a] = mulLo(pLo, pHi, s2pLo, s2pHi);
        yHi[a] = mulHi(pLo, pHi, s2pLo, s2pHi);
      }
      // B is symmetric, so the enclosure of (a, b), a ≤ b, also encloses (b, a): written to the
      // four mirrored places (H_ij and H_ji = H_ijᵀ).
      const qOff = j * d;
      for (let a = 0; a < d; a++) {
        const xal = xLo[a]!;
        const xah = xHi[a]!;
        const yal = yLo[a]!;
        const yah = yHi[a]!;
        const rA = (i * d + a) * N;
        const sA = (j * d + a) * N;
        for (let b = a; b < d; b++) {
          const qbLo = S.unitLo[qOff + b]!;
          const qbHi = S.unitHi[qOff + b]!;
          let l = addLo(mulLo(xal, xah, fLo[b]!, fHi[b]!), mulLo(yal, yah, qbLo, qbHi));
          let h = addHi(mulHi(xal, xah, fLo[b]!, fHi[b]!), mulHi(yal, yah, qbLo, qbHi));
          if (a === b) {
            l = addLo(l, t.lo);
            h = addHi(h, t.hi);
          }
          const rB = (i * d + b) * N;
          const sB = (j * d + b) * N;
          lo[rA + j * d + b] = l;
          hi[rA + j * d + b] = h;
          lo[rB + j * d + a] = l;
          hi[rB + j * d + a] = h;
          lo[sB + i * d + a] = l;
          hi[sB + i * d + a] = h;
          lo[sA + i * d + b] = l;
          hi[sA + i * d + b] = h;
        }
      }
    }
  }
}
