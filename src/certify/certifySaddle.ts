/**
 * Saddle certificates (DESIGN.md §10): a nondegenerate critical point W* of Morse index q ≥ 1
 * within a proved max-norm distance of the centre W̃, with an enclosure of F(W*).
 *
 * Pipeline (certifySaddle): polish W̃ by Newton (polish.ts; Newton converges to nondegenerate
 * critical points of any index) → float screening: float Hessian at W̃, its eigen-decomposition
 * (approximate eigenvectors X, inverse Y = XΛ⁻¹Xᵀ), refusal of float-degenerate points and of
 * float minima (index 0: the lemma of §3 is the right tool) → η ≥ ‖Y∇F(W̃)‖∞ from the decimal
 * gradient enclosure → ρ = 2η (rounded up) → interval Hessian over B = {‖W − W̃‖∞ ≤ ρ} (proves
 * B ⊂ Ω) → κ (saddleExistence.ts) and the inertia of every symmetric matrix of that interval
 * Hessian (intervalInertia.ts) → the exact check η ≤ (1 − κ)ρ → radius r ≥ η/(1 − κ) and the loss
 * enclosure (saddleLoss.ts).
 *
 * What a verdict 'saddle' proves (and why): the existence theorem (saddleExistence.ts) gives
 * exactly one critical point W* in B with ‖W* − W̃‖∞ ≤ η/(1 − κ) ≤ r; ∇²F(W*) is a symmetric
 * matrix of the interval Hessian of B, so by the inertia proof it has exactly q negative
 * eigenvalues and none zero: W* is a nondegenerate critical point of Morse index q, and q ≥ 1
 * makes it a saddle (F decreases along a negative eigen-direction, increases along a positive
 * one — a positive one exists because the verdict also needs q < N). The loss claim is the lemma
 * of saddleLoss.ts with r. Heuristics (polishing, X, Y, ρ) affect only whether the proof succeeds.
 *
 * Cost: dense O(N³) — the float eigen-decomposition (ml-matrix), the float inverse and three
 * float N×N products with a-priori error bounds, plus the box Hessian; meant for N ≲ 600
 * (bench/saddle.ts: a few seconds at N = 240 and 400). Symmetric points at large k need the
 * isotypic blocks of DESIGN.md §9 instead.
 *
 * checkSaddleClaims is the pure checker for audit: from the centre, ρ and the claims alone it
 * recomputes its own X and Y (any matrices serve the theorems, so none is stored) and every
 * bound, and reports which inequality holds.
 */
import { normUpper } from '../arith/intervalNorms.js';
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../arith/decimalInterval.js';
import { isDecimalString } from '../arith/exact.js';
import { exactDecimalOfDouble, fromDecimalInterval } from '../arith/f64Interval.js';
import { InputError } from '../errors.js';
import { floatInverseFromEigen, floatSymmetricEigen, type FloatEigen } from '../linalg/floatSymmetricEigen.js';
import { proveInertia, type InertiaProof } from '../linalg/intervalInertia.js';
import { symmetricMidpointRadius } from '../linalg/midpointRadius.js';
import { validateExactPoint } from '../objective/exactPoint.js';
import { hessianFloat, NonSmoothPointError } from '../objective/reluFloat.js';
import {
  hessianBoxEnclosure,
  lossAndGradientEnclosure,
  SmoothDomainError,
  type ExactPoint,
} from '../objective/reluRigorous.js';
import {
  decimalString,
  exactDecimalOf,
  normaliseDecimalString,
  roundDownSignificant,
  roundUpSignificant,
} from './decimalStrings.js';
import { floatPointOf, floatProblemOf, polishPoint, type PointEnclosures } from './polish.js';
import {
  contractionBound,
  existenceHolds,
  existenceRadius,
  existenceRadiusCovers,
  newtonStepBound,
} from './saddleExistence.js';
import { hessianNormUpper, saddleLossClaimHolds, saddleLossEnclosure } from './saddleLoss.js';

export type SaddleVerdict = 'saddle' | 'refused';
export type SaddleRefusalReason =
  | 'minimum-candidate'
  | 'maximum-candidate'
  | 'degenerate'
  | 'existence-not-proved'
  | 'leaves-smooth-domain';

export const DEFAULT_SADDLE_PRECISION = 40;
export const DEFAULT_SADDLE_ANGLE_PRECISION = 20;
/** Significant digits of the certified η, κ, ρ, r (each rounded in the safe direction). */
const SHORT_DIGITS = 4;
/** ρ = RHO_FACTOR·η: (c) then needs κ ≤ 1 − 1/RHO_FACTOR. */
const RHO_FACTOR = 2;
/**
 * A float eigenvalue with |λ| ≤ DEGENERATE_ULPS·N·u·max|λ| is zero within the accuracy of the
 * float eigensolver (backward error ≈ N·u·‖H‖): the point is refused as degenerate at once.
 */
const DEGENERATE_ULPS = 8;
const U = 2 ** -53;

export interface SaddleOptions {
  /** Decimal precision P of the gradient and loss enclosures and of polishing (default 40). */
  precision?: number;
  /** Decimal precision of the arccos/π enclosures inside the box Hessian (default 20). */
  anglePrecision?: number;
  /** Newton polishing before certification (default true). */
  polish?: boolean;
  maxPolishSteps?: number;
}

export interface SaddleSeconds {
  polish: number;
  /** The precision-P loss/gradient enclosure at the centre. */
  gradient: number;
  /** Float Hessian, its eigen-decomposition and the float inverse. */
  screen: number;
  /** Interval Hessian over the box(es). */
  hessian: number;
  /** η and κ. */
  existence: number;
  inertia: number;
  total: number;
}

/** Float evidence about the Hessian at the centre (not rigorous). */
export interface FloatSpectrum {
  /** Number of negative float eigenvalues. */
  negative: number;
  smallest: number;
  largest: number;
  /** The float eigenvalue of smallest absolute value and its index (ascending order). */
  nearestZero: number;
  nearestZeroIndex: number;
}

export interface SaddleResult {
  verdict: SaddleVerdict;
  reason?: SaddleRefusalReason;
  hint?: string;
  /** The centre W̃ (polished), exact decimal strings. */
  W: string[][];
  polish: { steps: number; distanceUpper: string };
  precision: number;
  anglePrecision: number;
  floatSpectrum?: FloatSpectrum;
  /** Proved number of negative eigenvalues of ∇²F(W*) (none is zero). */
  morseIndex?: number;
  /** Half-width of the max-norm box B around W̃. */
  rho?: string;
  /** η ≥ ‖Y∇F(W̃)‖∞. */
  eta?: string;
  /** κ ≥ ‖I − Y∇²F(W)‖∞ over B. */
  kappa?: string;
  /** r ≥ η/(1 − κ) ≥ ‖W* − W̃‖∞. */
  radius?: string;
  /** Upper bound of ‖∇F(W̃)‖_F (informative). */
  gradBound?: string;
  /** F(W*) ∈ [lossLower, lossUpper]. */
  lossLower?: string;
  lossUpper?: string;
  /** Inertia proof margins: every eigenvalue of XᵀHX is ≥ minGap in absolute value; discs are ≤ maxHalfWidth wide. */
  inertia?: { minGap: string; maxHalfWidth: string };
  /** For 'degenerate': the eigen-direction whose disc reaches 0 (or whose float eigenvalue is ≈ 0). */
  degenerateDirection?: { index: number; floatEigenvalue: number; disc?: [string, string] };
  seconds: SaddleSeconds;
}

function now(): number {
  return performance.now() / 1000;
}

function isDomainError(err: unknown): err is SmoothDomainError | NonSmoothPointError {
  return err instanceof SmoothDomainError || err instanceof NonSmoothPointError;
}

function domainHint(err: SmoothDomainError | NonSmoothPointError): string {
  return `${err.message}; a saddle certificate needs a box inside the smooth domain (nonzero, pairwise non-parallel neurons)`;
}

/** A double upper bound as a decimal string with SHORT_DIGITS digits, rounded up. */
function shortUp(x: number): string {
  return decimalString(roundUpSignificant(exactDecimalOf(exactDecimalOfDouble(x)), SHORT_DIGITS));
}

/** A double lower bound as a decimal string with SHORT_DIGITS digits, rounded down. */
function shortDown(x: number): string {
  return decimalString(roundDownSignificant(exactDecimalOf(exactDecimalOfDouble(x)), SHORT_DIGITS));
}

/** The float data every proof step uses: Hessian spectrum, eigenvectors X, inverse Y. */
interface FloatScreen {
  eig: FloatEigen;
  spectrum: FloatSpectrum;
  /** True when some eigenvalue is zero within the eigensolver's accuracy. */
  degenerate: boolean;
  Y: Float64Array;
}

/** Float Hessian at the centre and its spectrum. Throws NonSmoothPointError at a zero neuron. */
function floatScreen(centre: ExactPoint): FloatScreen {
  const N = centre.n * centre.d;
  const H = hessianFloat(floatProblemOf(centre), floatPointOf(centre));
  const eig = floatSymmetricEigen(H, N);
  const { values } = eig;
  let nearestZeroIndex = 0;
  for (let j = 1; j < N; j++) if (Math.abs(values[j]!) < Math.abs(values[nearestZeroIndex]!)) nearestZeroIndex = j;
  const largestAbs = Math.max(Math.abs(values[0]!), Math.abs(values[N - 1]!));
  const spectrum: FloatSpectrum = {
    negative: values.filter((x) => x < 0).length,
    smallest: values[0]!,
    largest: values[N - 1]!,
    nearestZero: values[nearestZeroIndex]!,
    nearestZeroIndex,
  };
  const degenerate = !(Math.abs(spectrum.nearestZero) > DEGENERATE_ULPS * N * U * largestAbs);
  return { eig, spectrum, degenerate, Y: degenerate ? new Float64Array(0) : floatInverseFromEigen(eig) };
}

/** The gradient enclosure rounded outward to double intervals. */
function gradientIntervals(gradient: DecimalInterval[]): { gLo: Float64Array; gHi: Float64Array } {
  const N = gradient.length;
  const gLo = new Float64Array(N);
  const gHi = new Float64Array(N);
  gradient.forEach((g, p) => {
    const x = g.lo.isZero() && g.hi.isZero() ? { lo: 0, hi: 0 } : fromDecimalInterval(g);
    gLo[p] = x.lo;
    gHi[p] = x.hi;
  });
  return { gLo, gHi };
}

/** Everything proved on the box of half-width ρ (doubles are rigorous upper/lower bounds). */
interface BoxProof {
  rho: string;
  kappa: number;
  inertia: InertiaProof;
  /** L ≥ ‖∇²F(W)‖₂ on the box. */
  hessianNorm: number;
}

/** Interval Hessian over the box, κ and the inertia proof. Throws SmoothDomainError unless the box is proved inside Ω. */
function proveOnBox(centre: ExactPoint, rho: string, screen: FloatScreen, anglePrecision: number, seconds: SaddleSeconds): BoxProof {
  const N = centre.n * centre.d;
  const t0 = now();
  const box = hessianBoxEnclosure(centre, rho, { anglePrecision });
  const mr = symmetricMidpointRadius(box.lo, box.hi, N, { keepRadius: true });
  seconds.hessian += now() - t0;
  if (!mr.ok) throw new Error(`internal: box Hessian not a symmetric interval matrix: ${mr.reason}`);
  const t1 = now();
  const kappa = contractionBound(screen.Y, mr.value);
  seconds.existence += now() - t1;
  const t2 = now();
  const inertia = proveInertia(mr.value, screen.eig.vectors);
  seconds.inertia += now() - t2;
  return { rho, kappa, inertia, hessianNorm: hessianNormUpper(mr.value) };
}

/**
 * Certifies `pt0` as a saddle (see the module comment). Throws InputError for a malformed
 * point; every mathematical failure is a 'refused' result naming the reason, with a hint.
 * A float minimum (no negative eigenvalue) or a proved index 0 is refused as 'minimum-candidate':
 * never a 'saddle'.
 */
export function certifySaddle(pt0: ExactPoint, opts: SaddleOptions = {}): SaddleResult {
  const tStart = now();
  validateExactPoint(pt0);
  const P = opts.precision ?? DEFAULT_SADDLE_PRECISION;
  const anglePrecision = opts.anglePrecision ?? DEFAULT_SADDLE_ANGLE_PRECISION;
  const norm = (M: string[][]) => M.map((row) => row.map(normaliseDecimalString));
  const pt: ExactPoint = { ...pt0, W: norm(pt0.W), V: norm(pt0.V) };
  const N = pt.n * pt.d;
  const seconds: SaddleSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, existence: 0, inertia: 0, total: 0 };
  let at: Omit<SaddleResult, 'verdict' | 'seconds'> = {
    W: pt.W,
    polish: { steps: 0, distanceUpper: '0' },
    precision: P,
    anglePrecision,
  };
  const finish = (r: Omit<SaddleResult, 'seconds'>): SaddleResult => {
    seconds.total = now() - tStart;
    return { ...r, seconds };
  };
  const refuse = (reason: SaddleRefusalReason, hint: string, extra: Partial<SaddleResult> = {}): SaddleResult =>
    finish({ ...at, ...extra, verdict: 'refused', reason, hint });

  // 1. Polishing (or one evaluation at the given point).
  let enc: PointEnclosures;
  try {
    const t0 = now();
    if (opts.polish ?? true) {
      const pr = polishPoint(pt, { precision: P, maxSteps: opts.maxPolishSteps });
      at = { ...at, W: pr.W, polish: { steps: pr.steps, distanceUpper: pr.distanceUpper } };
      enc = pr.enclosures;
      seconds.gradient = pr.lastEvaluationSeconds;
      seconds.polish = now() - t0 - pr.lastEvaluationSeconds;
    } else {
      enc = lossAndGradientEnclosure(decimalIntervals(P), pt);
      seconds.gradient = now() - t0;
    }
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return refuse('leaves-smooth-domain', domainHint(err));
  }
  const centre: ExactPoint = { ...pt, W: at.W };
  at = { ...at, gradBound: decimalString(roundUpSignificant(normUpper(decimalIntervals(P), enc.gradient), SHORT_DIGITS)) };

  // 2. Float screening.
  let screen: FloatScreen;
  const tScreen = now();
  try {
    screen = floatScreen(centre);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return refuse('leaves-smooth-domain', domainHint(err));
  }
  seconds.screen = now() - tScreen;
  const spectrum = screen.spectrum;
  at = { ...at, floatSpectrum: spectrum };
  if (screen.degenerate) {
    return refuse(
      'degenerate',
      `the float Hessian at the centre has the eigenvalue ${spectrum.nearestZero.toPrecision(3)} (direction ${spectrum.nearestZeroIndex}), ` +
        'zero within float precision: a degenerate critical point (or a point on a continuum of critical points) has no ' +
        'nondegenerate certificate',
      { degenerateDirection: { index: spectrum.nearestZeroIndex, floatEigenvalue: spectrum.nearestZero } },
    );
  }
  if (spectrum.negative === 0) return refuse('minimum-candidate', minimumHint(spectrum.smallest));

  // 3. (a): η from the decimal gradient; ρ = 2η; the box proofs; retry once with a box sized by κ.
  const t1 = now();
  const { gLo, gHi } = gradientIntervals(enc.gradient);
  const etaDouble = newtonStepBound(screen.Y, N, gLo, gHi);
  seconds.existence += now() - t1;
  if (!Number.isFinite(etaDouble)) {
    return refuse('existence-not-proved', 'the Newton step Y∇F(W̃) overflowed: the float Hessian is too ill-conditioned');
  }
  const eta = shortUp(etaDouble);
  let proof: BoxProof | undefined;
  let rho = decimalString(roundUpSignificant(exactDecimalOf(eta).times(RHO_FACTOR), SHORT_DIGITS));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      proof = proveOnBox(centre, rho, screen, anglePrecision, seconds);
    } catch (err) {
      if (!(err instanceof SmoothDomainError)) throw err;
      return refuse('leaves-smooth-domain', domainHint(err), { rho, eta });
    }
    if (!(proof.kappa < 1) || existenceHolds(eta, shortUp(proof.kappa), rho)) break;
    // κ < 1 but η > (1 − κ)ρ: a box sized for this κ, with margin (κ grows a little with the box).
    rho = decimalString(roundUpSignificant(exactDecimalOf(eta).times(1.5).div(1 - proof.kappa), SHORT_DIGITS));
  }
  const { kappa: kappaDouble, inertia } = proof!;
  const kappa = Number.isFinite(kappaDouble) ? shortUp(kappaDouble) : undefined;
  at = { ...at, rho, eta, ...(kappa !== undefined ? { kappa } : {}) };

  // 4. Decisions. A disc reaching 0 means 'degenerate' only if it does so for the Hessian at the
  //    centre alone (ρ = 0); otherwise the box (sized by η) is too wide: existence is the issue.
  //    Index 0 is never a saddle.
  if (!inertia.ok) {
    const atCentre = rho === '0' ? proof! : proveOnBox(centre, '0', screen, anglePrecision, seconds);
    if (atCentre.inertia.ok) {
      return refuse(
        'existence-not-proved',
        `the Hessian at the centre has a proved inertia (index ${atCentre.inertia.negative}), but over the box of half-width ` +
          `ρ = ${rho} needed for η = ${eta} its enclosure is too wide (${inertia.reason ?? ''}; κ = ${kappa ?? '∞'}): ` +
          'the gradient is too large for the curvature — polish the point (do not pass --no-polish) or raise the precision',
      );
    }
    const t = atCentre.inertia.touching[0];
    if (!t) return refuse('degenerate', `the inertia proof failed: ${atCentre.inertia.reason ?? ''}`);
    const lambda = screen.eig.values[t.index]!;
    return refuse(
      'degenerate',
      `even at the centre alone, the Gershgorin disc of eigen-direction ${t.index} (float eigenvalue ${lambda.toPrecision(6)}) ` +
        `lies in [${t.lo.toPrecision(6)}, ${t.hi.toPrecision(6)}], which contains 0 (${atCentre.inertia.touching.length} disc(s) in all): ` +
        'the sign of that eigenvalue is not proved — the point is degenerate or the enclosure too wide (raise the precision)',
      { degenerateDirection: { index: t.index, floatEigenvalue: lambda, disc: [exactDecimalOfDouble(t.lo), exactDecimalOfDouble(t.hi)] } },
    );
  }
  if (kappa === undefined || !existenceHolds(eta, kappa, rho)) {
    return refuse(
      'existence-not-proved',
      kappa === undefined || !(kappaDouble < 1)
        ? `‖I − Y∇²F‖∞ over the box of half-width ρ = ${rho} is only bounded by κ = ${kappa ?? '∞'} ≥ 1: the Hessian ` +
            'enclosure is too wide for its conditioning (polish further or raise the precision)'
        : `η = ${eta} > (1 − κ)ρ with κ = ${kappa}, ρ = ${rho}`,
    );
  }
  if (inertia.negative === 0) return refuse('minimum-candidate', minimumHint(spectrum.smallest), { morseIndex: 0 });
  if (inertia.positive === 0) {
    return refuse('maximum-candidate', `index ${N}: every eigenvalue is negative, a strict local maximum, not a saddle`, { morseIndex: N });
  }

  // 5. Radius and loss enclosure.
  const radius = existenceRadius(eta, kappa);
  if (!existenceRadiusCovers(radius, eta, kappa)) throw new Error(`internal: radius ${radius} does not cover η/(1 − κ)`);
  const loss = saddleLossEnclosure(decimalString(enc.loss.lo), decimalString(enc.loss.hi), proof!.hessianNorm, N, radius, P);
  return finish({
    ...at,
    verdict: 'saddle',
    morseIndex: inertia.negative,
    radius,
    lossLower: loss.lossLower,
    lossUpper: loss.lossUpper,
    inertia: { minGap: shortDown(inertia.minGap), maxHalfWidth: shortUp(inertia.maxHalfWidth) },
  });
}

function minimumHint(smallest: number): string {
  return (
    `index 0: every eigenvalue of the Hessian is positive (smallest float eigenvalue ${smallest.toPrecision(6)}), ` +
    'so this is a minimum candidate, not a saddle: certify it with the lemma (certmin certify)'
  );
}

// ---------------------------------------------------------------------------------------------
// The checker for audit.

/** What a saddle certificate claims (decimal strings), checked by checkSaddleClaims. */
export interface SaddleClaims {
  rho: string;
  radius: string;
  morseIndex: number;
  lossLower: string;
  lossUpper: string;
}

export type SaddleCheckName = 'smooth-domain' | 'contraction' | 'self-map' | 'radius' | 'morse-index' | 'loss-enclosure';

export interface SaddleCheck {
  name: SaddleCheckName;
  holds: boolean;
  detail: string;
}

export interface SaddleCheckResult {
  /** True iff every check holds: then every claim is proved from the centre alone. */
  ok: boolean;
  checks: SaddleCheck[];
  /** The numbers recomputed by the checker (its own X and Y). */
  recomputed: { eta?: string; kappa?: string; morseIndex?: number; lossLower?: string; lossUpper?: string };
}

const CHECK_ORDER: SaddleCheckName[] = ['smooth-domain', 'contraction', 'self-map', 'radius', 'morse-index', 'loss-enclosure'];

/**
 * Re-derives a saddle certificate's claims from the centre and ρ alone: the gradient and loss
 * enclosures at precision P, a fresh float X and Y, the interval Hessian over the box, κ, η, the
 * inertia, and the exact checks (c) η ≤ (1 − κ)ρ, r(1 − κ) ≥ η and the loss enclosure. A check
 * that cannot be evaluated (e.g. after a domain failure) is reported as not holding.
 */
export function checkSaddleClaims(
  centre: ExactPoint,
  claims: SaddleClaims,
  opts: { precision?: number; anglePrecision?: number } = {},
): SaddleCheckResult {
  validateExactPoint(centre);
  for (const key of ['rho', 'radius', 'lossLower', 'lossUpper'] as const) {
    if (!isDecimalString(claims[key])) throw new InputError(`saddle claims: ${key} = ${JSON.stringify(claims[key])} is not a decimal number`);
  }
  if (!Number.isInteger(claims.morseIndex) || claims.morseIndex < 0) {
    throw new InputError(`saddle claims: morseIndex = ${claims.morseIndex} is not a nonnegative integer`);
  }
  const P = opts.precision ?? DEFAULT_SADDLE_PRECISION;
  const anglePrecision = opts.anglePrecision ?? DEFAULT_SADDLE_ANGLE_PRECISION;
  const N = centre.n * centre.d;
  const results = new Map<SaddleCheckName, SaddleCheck>();
  const record = (name: SaddleCheckName, holds: boolean, detail: string) => results.set(name, { name, holds, detail });
  const recomputed: SaddleCheckResult['recomputed'] = {};
  const finish = (): SaddleCheckResult => {
    const checks = CHECK_ORDER.map((name) => results.get(name) ?? { name, holds: false, detail: 'not evaluated' });
    return { ok: checks.every((c) => c.holds), checks, recomputed };
  };

  let enc: PointEnclosures;
  let screen: FloatScreen;
  let proof: BoxProof;
  const seconds: SaddleSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, existence: 0, inertia: 0, total: 0 };
  try {
    enc = lossAndGradientEnclosure(decimalIntervals(P), centre);
    screen = floatScreen(centre);
    if (screen.degenerate) {
      record('smooth-domain', true, 'the centre is in the smooth domain');
      record('contraction', false, `the float Hessian is singular within float precision (eigenvalue ${screen.spectrum.nearestZero})`);
      return finish();
    }
    proof = proveOnBox(centre, claims.rho, screen, anglePrecision, seconds);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    record('smooth-domain', false, err.message);
    return finish();
  }
  record('smooth-domain', true, `the box of half-width ρ = ${claims.rho} is proved inside the smooth domain`);
  const { gLo, gHi } = gradientIntervals(enc.gradient);
  const etaDouble = newtonStepBound(screen.Y, N, gLo, gHi);
  const eta = Number.isFinite(etaDouble) ? exactDecimalOfDouble(etaDouble) : undefined;
  const kappa = Number.isFinite(proof.kappa) ? exactDecimalOfDouble(proof.kappa) : undefined;
  if (eta !== undefined) recomputed.eta = eta;
  if (kappa !== undefined) recomputed.kappa = kappa;
  const contraction = kappa !== undefined && proof.kappa < 1;
  record('contraction', contraction, `κ = ${kappa ?? '∞'} ${contraction ? '<' : '≥'} 1`);
  if (contraction && eta !== undefined) {
    const selfMap = existenceHolds(eta, kappa, claims.rho);
    record('self-map', selfMap, `η = ${eta} ${selfMap ? '≤' : '>'} (1 − κ)ρ`);
    const covers = existenceRadiusCovers(claims.radius, eta, kappa);
    record('radius', covers, `r(1 − κ) ${covers ? '≥' : '<'} η for r = ${claims.radius}`);
    if (selfMap && covers) {
      const fLo = decimalString(enc.loss.lo);
      const fHi = decimalString(enc.loss.hi);
      const lossOk = saddleLossClaimHolds(claims, fLo, fHi, proof.hessianNorm, N, claims.radius);
      const own = saddleLossEnclosure(fLo, fHi, proof.hessianNorm, N, claims.radius, P);
      recomputed.lossLower = own.lossLower;
      recomputed.lossUpper = own.lossUpper;
      record('loss-enclosure', lossOk, `[${own.lossLower}, ${own.lossUpper}] ${lossOk ? '⊆' : '⊄'} [${claims.lossLower}, ${claims.lossUpper}]`);
    }
  }
  const inertia = proof.inertia;
  if (inertia.ok) recomputed.morseIndex = inertia.negative;
  const indexOk = inertia.ok && inertia.negative === claims.morseIndex;
  record(
    'morse-index',
    indexOk,
    inertia.ok ? `proved index ${inertia.negative}, claimed ${claims.morseIndex}` : `inertia not proved: ${inertia.reason ?? ''}`,
  );
  return finish();
}
