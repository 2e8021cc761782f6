/**
 * The saddle lemma (DESIGN.md §10), stated once, its proof as text for reports, the exact
 * inequalities between certified numbers, and **the one list of its hypotheses and conclusions**
 * (`checkSaddleLemma`). certify (as a final self-check on its own evidence, certifySaddle.ts) and
 * audit (on evidence it derives by its own route, src/certificate/audit/saddle.ts) both decide a
 * saddle certificate with this list; only the evidence comes from different code.
 *
 * Lemma (krawczyk-morse, version 1): SADDLE_LEMMA.statement below; the proof is
 * SADDLE_LEMMA_PROOF (existence: a Krawczyk / Newton–Kantorovich contraction argument; index:
 * Sylvester's law of inertia with Gershgorin discs, INERTIA_ARGUMENT; loss: Taylor's formula,
 * LOSS_ARGUMENT). Every inequality between certified numbers is decided exactly (big.js).
 */
import { Decimal } from 'decimal.js';
import { exactAdd, exactCompare, exactLess, exactLessOrEqual, exactMul, exactSub } from '../arith/exact.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { decimalString, exactDecimalOf, roundDownSignificant, roundUpSignificant } from './decimalStrings.js';

export const SADDLE_LEMMA = {
  id: 'krawczyk-morse',
  version: 1,
  statement:
    'Let B = {W : |W - W~|_inf <= rho} lie inside the smooth domain and let Y, X be any N x N matrices. If ' +
    '(a) |Y grad F(W~)|_inf <= eta, (b) |I - Y Hess F(W)|_inf <= kappa < 1 for every W in B, (c) eta <= (1 - kappa) rho, ' +
    '(d) for every W in B the Gershgorin discs of X^T Hess F(W) X lie q of them in (-inf, 0) and N - q in (0, inf) with ' +
    '1 <= q <= N - 1, and (e) |Hess F(W)|_2 <= L for every W in B, then grad F has exactly one zero W* in B, ' +
    '|W* - W~|_inf <= eta/(1 - kappa) <= r, Hess F(W*) has exactly q negative and N - q positive eigenvalues (W* is a ' +
    'non-degenerate saddle of Morse index q), and F(W*) lies in [F(W~) - L N r^2/2, F(W~) + L N r^2/2].',
} as const;

/** The existence part of the proof (hypotheses (a)–(c)). */
export const EXISTENCE_ARGUMENT =
  'Let T(W) = W − Y∇F(W). For W, W′ ∈ B the segment between them lies in the convex set B, and ' +
  'T(W) − T(W′) = (I − YH̄)(W − W′) with H̄ = ∫₀¹ ∇²F(W′ + s(W − W′)) ds. Each entry of H̄ is an average of values that ' +
  'entry takes on B, so H̄ lies in every entrywise enclosure of {∇²F(W) : W ∈ B}, and the bound (b) — computed for every ' +
  'matrix of such an enclosure — gives ‖I − YH̄‖∞ ≤ κ: T is a κ-contraction of B in the max-norm. For W ∈ B, ' +
  '‖T(W) − W̃‖∞ ≤ ‖T(W) − T(W̃)‖∞ + ‖T(W̃) − W̃‖∞ ≤ κρ + η ≤ ρ by (a) and (c), so T maps the complete metric space B ' +
  'into itself and Banach\'s fixed-point theorem gives exactly one fixed point W* ∈ B. Since ‖I − Y∇²F(W̃)‖∞ ≤ κ < 1, ' +
  'Y∇²F(W̃) is nonsingular (Neumann series), hence so is Y, and T(W) = W ⇔ ∇F(W) = 0: the fixed points of T in B are ' +
  'exactly the zeros of ∇F in B. Finally ‖W* − W̃‖∞ ≤ ‖T(W*) − T(W̃)‖∞ + ‖T(W̃) − W̃‖∞ ≤ κ‖W* − W̃‖∞ + η, so ' +
  '‖W* − W̃‖∞ ≤ η/(1 − κ).';

/** The Morse-index part (hypothesis (d)), as proved by src/linalg/intervalInertia.ts. */
export const INERTIA_ARGUMENT =
  'Let H = ∇²F(W*) (W* ∈ B) and G = XᵀHX. By (d) the union L of the q Gershgorin discs of G in {Re z < 0} is disjoint ' +
  'from the union U of the other N − q discs in {Re z > 0}; by Gershgorin\'s theorem on disjoint unions (Horn & Johnson, ' +
  'Matrix Analysis, Thm 6.1.1; continuity of the eigenvalues along D + τ(G − D)) L holds exactly q eigenvalues of G and ' +
  'U the other N − q. G is real symmetric, so its eigenvalues are real: q negative, N − q positive, none zero. Then ' +
  'det G = det(X)²·det H ≠ 0, so X is nonsingular, and by Sylvester\'s law of inertia the congruent matrices H and G ' +
  'have the same inertia. The discs are enclosed for every symmetric H with |H − M| ≤ R (the interval Hessian of B in ' +
  'midpoint–radius form) from fl(Xᵀ fl(MX)) with a-priori bounds of the rounding errors of both products (Higham, §3) ' +
  'and |X|ᵀR|X|, every sum rounded up. A non-degenerate critical point with 1 ≤ q ≤ N − 1 negative eigenvalues is a ' +
  'saddle: F decreases along a negative and increases along a positive eigen-direction.';

/** The loss part (hypothesis (e)). */
export const LOSS_ARGUMENT =
  'φ(t) = F(W* + t(W̃ − W*)) is C² on [0, 1] (the segment lies in B ⊂ Ω) with φ′(0) = ∇F(W*)ᵀh = 0 (h = W̃ − W*), so ' +
  'Taylor\'s formula with Lagrange remainder gives F(W̃) − F(W*) = ½hᵀ∇²F(ξ)h for some ξ on the segment, and ' +
  '|hᵀ∇²F(ξ)h| ≤ ‖∇²F(ξ)‖₂‖h‖₂² ≤ L·N·‖h‖∞² ≤ L·N·r². L is max_i Σ_j (|M_ij| + R_ij) rounded up, which bounds ' +
  '‖H‖∞ ≥ ‖H‖₂ for every symmetric H of the enclosure.';

/** The whole proof, in order (for reports). */
export const SADDLE_LEMMA_PROOF = [EXISTENCE_ARGUMENT, INERTIA_ARGUMENT, LOSS_ARGUMENT] as const;

/** Hypotheses (b)'s κ < 1 and (c) η ≤ (1 − κ)ρ, exactly (decimal strings, big.js). */
export function existenceHolds(eta: string, kappa: string, rho: string): boolean {
  return exactLess(kappa, '1') && exactLessOrEqual(eta, exactMul(exactSub('1', kappa), rho));
}

/** The radius claim r ≥ η/(1 − κ), checked exactly as r·(1 − κ) ≥ η (requires κ < 1). */
export function existenceRadiusCovers(radius: string, eta: string, kappa: string): boolean {
  return exactLess(kappa, '1') && exactCompare(exactMul(radius, exactSub('1', kappa)), eta) >= 0;
}

/**
 * An upper bound of η/(1 − κ) with at most `digits` significant digits (κ < 1): 1 − κ is exact,
 * and the quotient is rounded toward +∞ at a precision of `digits` (both operands are ≥ 0).
 */
export function existenceRadius(eta: string, kappa: string, digits = 4): string {
  if (!exactLess(kappa, '1')) throw new RangeError(`existenceRadius: κ = ${kappa} is not < 1`);
  const Up = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_CEIL });
  return decimalString(new Up(eta).div(exactSub('1', kappa)));
}

/** Δ = ½·L·N·r² exactly, for L a finite double, N the order and r a decimal string. */
export function lossPerturbation(L: number, N: number, radius: string): string {
  return exactMul('0.5', exactMul(exactDecimalOfDouble(L), exactMul(String(N), exactMul(radius, radius))));
}

/**
 * [lossLower, lossUpper] ⊇ [fLo − Δ, fHi + Δ] (the lemma's enclosure of F(W*)), each end rounded
 * outward to `digits` significant digits.
 */
export function saddleLossEnclosure(
  fLo: string,
  fHi: string,
  L: number,
  N: number,
  radius: string,
  digits: number,
): { lossLower: string; lossUpper: string; delta: string } {
  const delta = lossPerturbation(L, N, radius);
  const lossLower = decimalString(roundDownSignificant(exactDecimalOf(exactSub(fLo, delta)), digits));
  const lossUpper = decimalString(roundUpSignificant(exactDecimalOf(exactAdd(fHi, delta)), digits));
  return { lossLower, lossUpper, delta };
}

/** The certified numbers of a saddle certificate (method.rho and the claims). */
export interface SaddleNumbers {
  rho: string;
  eta: string;
  kappa: string;
  radius: string;
  morseIndex: number;
  lossLower: string;
  lossUpper: string;
  /** Order N = n·d of the Hessian. */
  N: number;
}

/**
 * What the hypotheses need, established by the caller's own route over the box of half-width ρ
 * with the caller's own Y and X (any matrices serve the lemma). Absent until the box stage.
 */
export interface SaddleEvidence {
  /** Whether the centre and the box were proved inside Ω (with an explanation). */
  smoothDomain: boolean;
  domainDetail: string;
  /** A rigorous upper bound of ‖Y∇F(W̃)‖∞ (hypothesis (a)), exact decimal; undefined: overflow. */
  etaUpper?: string;
  /** A rigorous upper bound of ‖I − YH‖∞ over the box's Hessian enclosure (hypothesis (b)); undefined: overflow. */
  kappaUpper?: string;
  /** The inertia proof over the box's Hessian enclosure (hypothesis (d)). */
  inertia?: { ok: boolean; negative: number; positive: number; detail: string };
  /** A rigorous enclosure [lossLo, lossHi] of F(W̃). */
  lossLo?: string;
  lossHi?: string;
  /** L ≥ ‖∇²F(W)‖₂ on the box (hypothesis (e)), a finite double. */
  hessianNormUpper?: number;
}

export type SaddleLemmaStage = 'numbers' | 'box';

export interface SaddleLemmaCheck {
  /** The claim this check supports (named in audit failures). */
  name: string;
  ok: boolean;
  detail: string;
}

interface CheckSpec {
  name: string;
  stage: SaddleLemmaStage;
  run(c: SaddleNumbers, e: SaddleEvidence): { ok: boolean; detail: string };
}

const notReached = (e: SaddleEvidence) => ({ ok: false, detail: `not reached: ${e.domainDetail}` });

/** Hypotheses and conclusions of the saddle lemma, cheapest first. */
const SADDLE_CHECKS: readonly CheckSpec[] = [
  {
    name: 'kappa',
    stage: 'numbers',
    run: (c) => ({ ok: exactLess(c.kappa, '1'), detail: `(b) κ = ${c.kappa} < 1` }),
  },
  {
    name: 'rho',
    stage: 'numbers',
    run: (c) => ({ ok: existenceHolds(c.eta, c.kappa, c.rho), detail: `(c) η = ${c.eta} ≤ (1 − κ)ρ = (1 − ${c.kappa})·${c.rho}` }),
  },
  {
    name: 'radius',
    stage: 'numbers',
    run: (c) => ({ ok: existenceRadiusCovers(c.radius, c.eta, c.kappa), detail: `r(1 − κ) = ${c.radius}·(1 − ${c.kappa}) ≥ η = ${c.eta}` }),
  },
  {
    name: 'morseIndex',
    stage: 'numbers',
    run: (c) => ({
      ok: Number.isInteger(c.morseIndex) && c.morseIndex >= 1 && c.morseIndex <= c.N - 1,
      detail: `a saddle needs 1 ≤ q ≤ N − 1: q = ${c.morseIndex}, N = ${c.N}`,
    }),
  },
  {
    name: 'smoothDomain',
    stage: 'box',
    run: (c, e) => ({ ok: e.smoothDomain, detail: e.smoothDomain ? `the box of half-width ρ = ${c.rho} is proved inside Ω` : e.domainDetail }),
  },
  {
    name: 'eta',
    stage: 'box',
    run: (c, e) => {
      if (!e.smoothDomain) return notReached(e);
      if (e.etaUpper === undefined) return { ok: false, detail: '(a) ‖Y∇F(W̃)‖∞ could not be bounded (overflow)' };
      return { ok: exactCompare(e.etaUpper, c.eta) <= 0, detail: `(a) proved ‖Y∇F(W̃)‖∞ ≤ ${e.etaUpper} ≤ η = ${c.eta}` };
    },
  },
  {
    name: 'kappa',
    stage: 'box',
    run: (c, e) => {
      if (!e.smoothDomain) return notReached(e);
      if (e.kappaUpper === undefined) return { ok: false, detail: '(b) ‖I − Y∇²F‖∞ could not be bounded (overflow)' };
      return { ok: exactCompare(e.kappaUpper, c.kappa) <= 0, detail: `(b) proved ‖I − Y∇²F(W)‖∞ ≤ ${e.kappaUpper} ≤ κ = ${c.kappa} on the box` };
    },
  },
  {
    name: 'morseIndex',
    stage: 'box',
    run: (c, e) => {
      if (!e.smoothDomain) return notReached(e);
      const inertia = e.inertia;
      if (!inertia) throw new Error('internal: saddle lemma check needs the inertia proof');
      if (!inertia.ok) return { ok: false, detail: `(d) the inertia is not proved over the box: ${inertia.detail}` };
      return {
        ok: inertia.negative === c.morseIndex,
        detail: `(d) every Hessian of the box has exactly ${inertia.negative} negative and ${inertia.positive} positive eigenvalues; claimed q = ${c.morseIndex}`,
      };
    },
  },
  {
    name: 'lossLower',
    stage: 'box',
    run: (c, e) => {
      if (!e.smoothDomain) return notReached(e);
      const L = need(e.hessianNormUpper, 'hessianNormUpper');
      if (!Number.isFinite(L)) return { ok: false, detail: '(e) no finite bound L of the Hessian norm on the box' };
      const delta = lossPerturbation(L, c.N, c.radius);
      const lo = need(e.lossLo, 'lossLo');
      return { ok: exactCompare(c.lossLower, exactSub(lo, delta)) <= 0, detail: `(e) lossLower = ${c.lossLower} ≤ F_lo(W̃) − ½LNr² = ${lo} − ${delta}` };
    },
  },
  {
    name: 'lossUpper',
    stage: 'box',
    run: (c, e) => {
      if (!e.smoothDomain) return notReached(e);
      const L = need(e.hessianNormUpper, 'hessianNormUpper');
      if (!Number.isFinite(L)) return { ok: false, detail: '(e) no finite bound L of the Hessian norm on the box' };
      const delta = lossPerturbation(L, c.N, c.radius);
      const hi = need(e.lossHi, 'lossHi');
      return { ok: exactCompare(exactAdd(hi, delta), c.lossUpper) <= 0, detail: `(e) F_hi(W̃) + ½LNr² = ${hi} + ${delta} ≤ lossUpper = ${c.lossUpper}` };
    },
  },
];

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`internal: saddle lemma check needs ${what}`);
  return x;
}


/** Runs the saddle lemma's checks of the given stages (default: all) on the numbers and evidence. */
export function checkSaddleLemma(
  c: SaddleNumbers,
  e: SaddleEvidence,
  stages: readonly SaddleLemmaStage[] = ['numbers', 'box'],
): SaddleLemmaCheck[] {
  return SADDLE_CHECKS.filter((s) => stages.includes(s.stage)).map((s) => ({ name: s.name, ...s.run(c, e) }));
}
