/**
 * Saddle certificates (DESIGN.md §10): a nondegenerate critical point W* of Morse index q ≥ 1
 * within a proved max-norm distance of the centre W̃, with an enclosure of F(W*). The lemma, its
 * proof and the one list of its checks are in saddleLemma.ts.
 *
 * Pipeline (certifySaddle): polish W̃ by Newton (polish.ts; Newton converges to nondegenerate
 * critical points of any index) → float screening: float Hessian at W̃, its eigen-decomposition
 * (approximate eigenvectors X, inverse Y = XΛ⁻¹Xᵀ), refusal of float-degenerate points and of
 * float minima (index 0: the lemma of §3 is the right tool) → η ≥ ‖Y∇F(W̃)‖∞ from the decimal
 * gradient enclosure (src/linalg/existenceBounds.ts) → ρ = 2η (rounded up) → interval Hessian over
 * B = {‖W − W̃‖∞ ≤ ρ} (proves B ⊂ Ω) → κ and the inertia of every symmetric matrix of that interval
 * Hessian (src/linalg/intervalInertia.ts) → the exact check η ≤ (1 − κ)ρ → radius r ≥ η/(1 − κ)
 * and the loss enclosure → the final self-check `checkSaddleLemma` on certify's own evidence.
 *
 * Claimed numbers carry slack (AUDIT_SLACK): the claimed η and κ are twice the bounds certify
 * proved (κ only while 2κ < 1), and the loss enclosure uses 2L. A claim that is weaker than what
 * was proved is still true, and the audit — which recomputes its own Y, X and enclosures by
 * another route, slightly different numbers for the same statements — can then re-establish it.
 *
 * Heuristics (polishing, X, Y, ρ) affect only whether the proof succeeds. A refusal names its
 * reason; floatScreen and proveOnBox are exported so that the audit of a refusal can re-run
 * exactly the attempt that failed (src/certificate/audit/refusal.ts).
 *
 * Cost: dense O(N³) — the float eigen-decomposition (ml-matrix), the float inverse and three
 * float N×N products with a-priori error bounds, plus the box Hessian; meant for N ≲ 600
 * (bench/saddle.ts: a few seconds at N = 240 and 400). Symmetric points at large k need the
 * isotypic blocks of DESIGN.md §9 instead.
 */
import { normUpper } from '../arith/intervalNorms.js';
import { decimalIntervals, type DecimalInterval } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble, fromDecimalIntervals } from '../arith/f64Interval.js';
import { contractionBound, newtonStepBound } from '../linalg/existenceBounds.js';
import { floatInverseFromEigen, floatSymmetricEigen, type FloatEigen } from '../linalg/floatSymmetricEigen.js';
import { proveInertia, type InertiaProof } from '../linalg/intervalInertia.js';
import { spectralNormUpper, symmetricMidpointRadius } from '../linalg/midpointRadius.js';
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
import { checkSaddleLemma, existenceHolds, existenceRadius, existenceRadiusCovers, saddleLossEnclosure } from './saddleLemma.js';

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
export const DEGENERATE_ULPS = 8;
const U = 2 ** -53;
/** Claimed η, κ and the loss's L are AUDIT_SLACK times what certify proved (module comment). */
export const AUDIT_SLACK = 2;

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
export interface FloatScreen {
  eig: FloatEigen;
  spectrum: FloatSpectrum;
  /** True when some eigenvalue is zero within the eigensolver's accuracy (|λ| ≤ DEGENERATE_ULPS·N·u·max|λ|). */
  degenerate: boolean;
  Y: Float64Array;
}

/** Float Hessian at the centre and its spectrum (not rigorous). Throws NonSmoothPointError at a zero neuron. */
export function floatScreen(centre: ExactPoint): FloatScreen {
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

/**
 * The claimed η: AUDIT_SLACK times the proved bound of ‖Y∇F(W̃)‖∞ over the gradient enclosure
 * (newtonStepBound), rounded up to SHORT_DIGITS; also the proved bound itself (exact decimal).
 * Undefined when the product overflows.
 */
export function newtonStepClaim(screen: FloatScreen, gradient: readonly DecimalInterval[]): { claim: string; proved: string } | undefined {
  const g = fromDecimalIntervals(gradient);
  const eta = newtonStepBound(screen.Y, gradient.length, g.lo, g.hi);
  if (!Number.isFinite(eta) || !Number.isFinite(AUDIT_SLACK * eta)) return undefined;
  return { claim: shortUp(AUDIT_SLACK * eta), proved: exactDecimalOfDouble(eta) };
}

/** The claimed κ for a proved κ: AUDIT_SLACK·κ while that is < 1, else κ itself (rounded up). Undefined for +∞. */
export function kappaClaim(kappa: number): string | undefined {
  if (!Number.isFinite(kappa)) return undefined;
  return AUDIT_SLACK * kappa < 1 ? shortUp(AUDIT_SLACK * kappa) : shortUp(kappa);
}

/** Everything proved on the box of half-width ρ (doubles are rigorous upper/lower bounds). */
export interface BoxProof {
  rho: string;
  kappa: number;
  inertia: InertiaProof;
  /** L ≥ ‖∇²F(W)‖₂ on the box. */
  hessianNorm: number;
}

/** Interval Hessian over the box, κ and the inertia proof. Throws SmoothDomainError unless the box is proved inside Ω. */
export function proveOnBox(centre: ExactPoint, rho: string, screen: FloatScreen, anglePrecision: number, seconds?: SaddleSeconds): BoxProof {
  const N = centre.n * centre.d;
  const t0 = now();
  const box = hessianBoxEnclosure(centre, rho, { anglePrecision });
  const mr = symmetricMidpointRadius(box.lo, box.hi, N, { keepRadius: true });
  const t1 = now();
  if (!mr.ok) throw new Error(`internal: box Hessian not a symmetric interval matrix: ${mr.reason}`);
  const kappa = contractionBound(screen.Y, mr.value);
  const t2 = now();
  const inertia = proveInertia(mr.value, screen.eig.vectors);
  if (seconds) {
    seconds.hessian += t1 - t0;
    seconds.existence += t2 - t1;
    seconds.inertia += now() - t2;
  }
  return { rho, kappa, inertia, hessianNorm: spectralNormUpper(mr.value) };
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
    return refuse('leaves-smooth-domain', domainHint(err), { rho: '0' });
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
    return refuse('leaves-smooth-domain', domainHint(err), { rho: '0' });
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
  const etaClaim = newtonStepClaim(screen, enc.gradient);
  seconds.existence += now() - t1;
  if (!etaClaim) {
    return refuse('existence-not-proved', 'the Newton step Y∇F(W̃) overflowed: the float Hessian is too ill-conditioned');
  }
  const eta = etaClaim.claim;
  let proof: BoxProof | undefined;
  let rho = decimalString(roundUpSignificant(exactDecimalOf(eta).times(RHO_FACTOR), SHORT_DIGITS));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      proof = proveOnBox(centre, rho, screen, anglePrecision, seconds);
    } catch (err) {
      if (!(err instanceof SmoothDomainError)) throw err;
      return refuse('leaves-smooth-domain', domainHint(err), { rho, eta });
    }
    const k = kappaClaim(proof.kappa);
    if (k === undefined || !(Number(k) < 1) || existenceHolds(eta, k, rho)) break;
    // κ < 1 but η > (1 − κ)ρ: a box sized for this κ, with margin (κ grows a little with the box).
    rho = decimalString(roundUpSignificant(exactDecimalOf(eta).times(1.5).div(1 - Number(k)), SHORT_DIGITS));
  }
  const { kappa: kappaDouble, inertia } = proof!;
  const kappa = kappaClaim(kappaDouble);
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
      kappa === undefined || !(Number(kappa) < 1)
        ? `‖I − Y∇²F‖∞ over the box of half-width ρ = ${rho} is only bounded by κ = ${kappa ?? '∞'} ≥ 1: the Hessian ` +
            'enclosure is too wide for its conditioning (polish further or raise the precision)'
        : `η = ${eta} > (1 − κ)ρ with κ = ${kappa}, ρ = ${rho}`,
    );
  }
  if (inertia.negative === 0) return refuse('minimum-candidate', minimumHint(spectrum.smallest), { morseIndex: 0 });
  if (inertia.positive === 0) {
    return refuse('maximum-candidate', `index ${N}: every eigenvalue is negative, a strict local maximum, not a saddle`, { morseIndex: N });
  }

  // 5. Radius, loss enclosure (with AUDIT_SLACK·L), and the self-check of every hypothesis on certify's own evidence.
  const radius = existenceRadius(eta, kappa);
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  const L = proof!.hessianNorm;
  const loss = saddleLossEnclosure(fLo, fHi, AUDIT_SLACK * L, N, radius, P);
  const selfCheck = checkSaddleLemma(
    { rho, eta, kappa, radius, morseIndex: inertia.negative, lossLower: loss.lossLower, lossUpper: loss.lossUpper, N },
    {
      smoothDomain: true,
      domainDetail: `the box of half-width ${rho} is proved inside Ω`,
      etaUpper: etaClaim.proved,
      kappaUpper: exactDecimalOfDouble(kappaDouble),
      inertia: { ok: inertia.ok, negative: inertia.negative, positive: inertia.positive, detail: inertia.reason ?? '' },
      lossLo: fLo,
      lossHi: fHi,
      hessianNormUpper: L,
    },
  );
  const failed = selfCheck.find((c) => !c.ok);
  if (failed) throw new Error(`internal: certify's own saddle numbers fail the lemma check '${failed.name}': ${failed.detail}`);
  if (!existenceRadiusCovers(radius, eta, kappa)) throw new Error(`internal: radius ${radius} does not cover η/(1 − κ)`);
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
