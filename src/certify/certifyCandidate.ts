/**
 * The lemma pipeline for one candidate (DESIGN.md §3, src/certify/lemma.ts): polish, screen with
 * the float Hessian, bound the gradient rigorously, enclose the Hessian over the box of half-width
 * ρ, prove it ⪰ μI (Rump), and derive the radius and the loss enclosure.
 *
 * Soundness does not depend on the heuristics (polishing, λ̃, the choice of μ and ρ): a minimum
 * verdict is returned only when `checkMinimumLemma` — the same list of hypotheses audit decides —
 * holds on certify's own evidence: g ≥ normUpper(gradient enclosure at the centre), the loss
 * enclosure of the centre, the box ⊂ Ω and every symmetric matrix of the box Hessian ⪰ μ·I. The
 * enclosures are checked to belong to the centre being certified (their point digest).
 * A point whose float Hessian is not positive definite goes to the saddle path instead
 * (certifySaddle.ts, saddleOutcome.ts): a proved saddle, or a refusal naming why not.
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { doubleAtLeast } from '../arith/f64Interval.js';
import { midpointNorm, normUpper } from '../arith/intervalNorms.js';
import type { MinimumVerdict, RefusalEvidence, RefusalReason } from '../certificate/schema.js';
import { lambdaMinFloat } from '../linalg/floatEigen.js';
import { proveIntervalMatrixAtLeast, type IntervalPdResult } from '../linalg/intervalPositiveDefinite.js';
import { pointDigest, validateExactPoint } from '../objective/exactPoint.js';
import { checkFloatRange, checkHessianOrder } from '../objective/floatRange.js';
import { hessianFloat, NonSmoothPointError } from '../objective/reluFloat.js';
import { hessianBoxEnclosure, lossAndGradientEnclosure, SmoothDomainError, type ExactPoint } from '../objective/reluRigorous.js';
import { decimalString, exactDecimalOf, normaliseDecimalString, roundDownSignificant, roundUpSignificant } from './decimalStrings.js';
import { SymmetricFactor, smallestEigenvalueByInverseIteration } from './floatFactor.js';
import { checkMinimumLemma, RHO_OVER_G_MU, spuriousRuleHolds } from './lemma.js';
import { floatPointOf, floatProblemOf, polishPoint, type PointEnclosures } from './polish.js';
import { diagnoseFailedAttempt, domainHint } from './refusalDiagnosis.js';
import { certifySaddle } from './certifySaddle.js';
import { saddleOutcome } from './saddleOutcome.js';
import { isTeacherPermutation, nonzeroTeacherNeurons } from './teacherPermutation.js';

export type Verdict = MinimumVerdict | 'saddle' | 'global-minimum' | 'refused';
export type { RefusalReason } from '../certificate/schema.js';

/** Default decimal precision P of the rigorous arithmetic (significant digits). */
export const DEFAULT_PRECISION = 40;
/** Default precision of the arccos/π enclosures inside the box Hessian. */
export const DEFAULT_ANGLE_PRECISION = 20;
/** Fractions of the float λ̃ tried as μ, in order. */
export const MU_FRACTIONS = ['0.9', '0.5', '0.25'] as const;
/** Significant digits of the certified g, μ, ρ, r (rounded in the safe direction). */
const SHORT_DIGITS = 4;
/**
 * Above this order the float λ̃ comes from a Cholesky factorisation and inverse iteration (tens of
 * milliseconds at N = 400) instead of the dense eigensolver (≈ 1 s at N = 400).
 */
const DENSE_EIGEN_MAX_ORDER = 150;

export interface CertifyOptions {
  /** Decimal precision P (default DEFAULT_PRECISION). */
  precision?: number;
  /** Decimal precision of the arccos/π enclosures inside the box Hessian (default DEFAULT_ANGLE_PRECISION). */
  anglePrecision?: number;
  /** Newton polishing before certification (default true). */
  polish?: boolean;
  maxPolishSteps?: number;
}

export interface PhaseSeconds {
  polish: number;
  /** The precision-P loss/gradient enclosure at the centre and the bound g. */
  gradient: number;
  /** Float screening: float Hessian and the estimate λ̃ of its smallest eigenvalue. */
  screen: number;
  /** Interval Hessian over the box(es). */
  hessian: number;
  pdProof: number;
  /** The saddle path (certifySaddle at the centre), when the float Hessian is not positive definite. */
  saddle?: number;
  total: number;
}

export interface CertifyResult {
  verdict: Verdict;
  /** The lemma a refusal was attempting (default: the minimum lemma). */
  lemma?: 'strong-convexity-ball' | 'krawczyk-morse';
  reason?: RefusalReason;
  /** The refusal's evidence (re-checked by audit). */
  evidence?: RefusalEvidence;
  /** certmin's explanation of a refusal (informative). */
  hint?: string;
  /** The centre W̃ of the certificate (polished), exact decimal strings. */
  W: string[][];
  polish: { steps: number; distanceUpper: string };
  /** Whether polishing was requested (part of the method). */
  polished: boolean;
  precision: number;
  anglePrecision: number;
  /** Float estimate of λ_min at the centre (not rigorous). */
  lambdaFloat?: number;
  gradBound?: string;
  mu?: string;
  rho?: string;
  radius?: string;
  lossLower?: string;
  lossUpper?: string;
  /** Saddle claims (verdict 'saddle'): Morse index and the existence bounds η, κ (rho, radius, loss above). */
  saddle?: { morseIndex: number; eta: string; kappa: string };
  /** Details of the positive-definiteness proof (informative: audit recomputes them). */
  pd?: { t: number; rumpShift: number; muDouble: number; attempts: number };
  seconds: PhaseSeconds;
}

function now(): number {
  return performance.now() / 1000;
}

function isDomainError(err: unknown): err is SmoothDomainError | NonSmoothPointError {
  return err instanceof SmoothDomainError || err instanceof NonSmoothPointError;
}

/**
 * Float estimate of λ_min of the Hessian at W (neuron-major). `near` is a float Hessian already
 * factorised within float noise of W (from polishing), reused for large N instead of a new
 * factorisation. Non-positive or non-finite results mean "not positive definite".
 */
function floatLambdaMin(pt: ExactPoint, W: string[][], near?: { H: Float64Array; factor: SymmetricFactor }): number {
  const N = pt.n * pt.d;
  if (near && N > DENSE_EIGEN_MAX_ORDER && near.factor.positiveDefinite) {
    return smallestEigenvalueByInverseIteration(near.H, near.factor);
  }
  const H = hessianFloat(floatProblemOf(pt), floatPointOf({ ...pt, W }));
  if (N <= DENSE_EIGEN_MAX_ORDER) return lambdaMinFloat(H, N);
  const factor = SymmetricFactor.of(H, N);
  if (!factor || !factor.positiveDefinite) return Math.min(lambdaMinFloat(H, N), 0);
  return smallestEigenvalueByInverseIteration(H, factor);
}

/**
 * Certifies one candidate. `pt.W`/`pt.V` are exact decimal strings. Throws InputError for a
 * malformed point; every mathematical failure is a 'refused' result with a reason, evidence and
 * a hint.
 */
export function certifyCandidate(pt0: ExactPoint, opts: CertifyOptions = {}): CertifyResult {
  const tStart = now();
  validateExactPoint(pt0);
  const P = opts.precision ?? DEFAULT_PRECISION;
  const anglePrecision = opts.anglePrecision ?? DEFAULT_ANGLE_PRECISION;
  const polished = opts.polish ?? true;
  const ar = decimalIntervals(P);
  const norm = (M: string[][]) => M.map((row) => row.map(normaliseDecimalString));
  const pt: ExactPoint = { ...pt0, W: norm(pt0.W), V: norm(pt0.V) };
  const { d, n, k } = pt;
  const N = n * d;
  // The Float64 screening needs the dense Hessian and finite float values (InputError otherwise).
  checkHessianOrder(d, n, 'point');
  checkFloatRange(floatProblemOf(pt), floatPointOf(pt), 'point');
  const seconds: PhaseSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, pdProof: 0, total: 0 };
  type Outcome = Omit<CertifyResult, 'seconds' | 'precision' | 'anglePrecision' | 'polished'>;
  type RefusalExtras = Pick<CertifyResult, 'lambdaFloat' | 'gradBound' | 'rho'>;
  const finish = (r: Outcome): CertifyResult => {
    seconds.total = now() - tStart;
    return { ...r, precision: P, anglePrecision, polished, seconds };
  };
  const refuse = (W: string[][], polish: Outcome['polish'], reason: RefusalReason, evidence: RefusalEvidence, hint: string, extra: RefusalExtras = {}) =>
    finish({ verdict: 'refused', W, polish, reason, evidence, hint, ...extra });
  const unpolished = { steps: 0, distanceUpper: '0' };

  // Global minimum: exactly the teacher up to a permutation of neurons (and zero neurons).
  if (isTeacherPermutation(pt.W, pt.V, n, k)) {
    return finish({ verdict: 'global-minimum', W: pt.W, polish: unpolished, lossLower: '0', lossUpper: '0' });
  }

  // 1. Polishing (or one evaluation at the original point). A polishing step that leaves Ω does not
  //    make the point a refusal: the original point is then certified as given.
  let W = pt.W;
  let enc: PointEnclosures;
  let polishInfo = unpolished;
  let nearHessian: { H: Float64Array; factor: SymmetricFactor } | undefined;
  const t0 = now();
  try {
    if (!polished) throw new SkipPolish();
    const pr = polishPoint(pt, { precision: P, maxSteps: opts.maxPolishSteps });
    W = pr.W;
    enc = pr.enclosures;
    polishInfo = { steps: pr.steps, distanceUpper: pr.distanceUpper };
    nearHessian = pr.hessian;
    seconds.gradient = pr.lastEvaluationSeconds;
    seconds.polish = now() - t0 - pr.lastEvaluationSeconds;
  } catch (err) {
    if (!(err instanceof SkipPolish) && !isDomainError(err)) throw err;
    seconds.polish = now() - t0;
    const t1 = now();
    try {
      enc = lossAndGradientEnclosure(ar, pt);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return refuse(pt.W, unpolished, 'leaves-smooth-domain', { rho: '0' }, domainHint(e));
    }
    seconds.gradient = now() - t1;
  }
  const centre: ExactPoint = { ...pt, W };
  if (enc.at !== pointDigest(centre.W)) throw new Error('internal: the gradient enclosure does not belong to the centre being certified');

  // 2. Float screening: a point whose float Hessian is not positive definite is never certified as
  //    a minimum; it goes to the saddle path (DESIGN.md §10), which proves a saddle or refuses.
  let lambdaFloat: number;
  const tScreen = now();
  try {
    lambdaFloat = floatLambdaMin(pt, W, nearHessian);
    nearHessian = undefined; // N² doubles ×2: release before the box Hessian is built
    seconds.screen = now() - tScreen;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return refuse(W, polishInfo, 'leaves-smooth-domain', { rho: '0' }, domainHint(err));
  }
  if (!(lambdaFloat > 0)) {
    if (!Number.isFinite(lambdaFloat)) lambdaFloat = lambdaMinFloat(hessianFloat(floatProblemOf(pt), floatPointOf(centre)), N);
    const tSaddle = now();
    const saddle = certifySaddle(centre, { precision: P, anglePrecision, polish: false });
    seconds.saddle = now() - tSaddle;
    return finish({ W, polish: polishInfo, lambdaFloat, ...saddleOutcome(saddle, lambdaFloat) });
  }

  // 3. Hypothesis (i): g ≥ ‖∇F(W̃)‖, rounded up to a few digits (still an upper bound).
  const t1 = now();
  const gProved = normUpper(ar, enc.gradient);
  let gDec = roundUpSignificant(gProved, SHORT_DIGITS);
  if (gDec.isZero()) gDec = new Decimal(`1e-${2 * P}`); // any positive number bounds a zero gradient
  const g = decimalString(gDec);
  seconds.gradient += now() - t1;

  // 4. μ candidates (fractions of λ̃, rounded down), each with its own ρ = RHO_OVER_G_MU·g/μ rounded
  //    up, and hypothesis (ii) on the box of half-width ρ. A smaller μ needs a larger box.
  const lambdaExact = exactDecimalOf(exactDecimalOfDouble(lambdaFloat));
  const mus = MU_FRACTIONS.map((f) => roundDownSignificant(lambdaExact.times(f), SHORT_DIGITS)).filter((m) => m.gt(0));
  const attempts: { mu: string; rho: string }[] = [];
  let proved: { mu: string; rho: string; res: IntervalPdResult } | undefined;
  let lastDetail = '';
  let domainError: SmoothDomainError | undefined;
  for (const muDec of mus) {
    const mu = decimalString(muDec);
    const rho = decimalString(roundUpSignificant(gDec.times(RHO_OVER_G_MU).div(muDec), SHORT_DIGITS));
    attempts.push({ mu, rho });
    const t2 = now();
    let box;
    try {
      box = hessianBoxEnclosure(centre, rho, { anglePrecision });
    } catch (err) {
      seconds.hessian += now() - t2;
      if (!(err instanceof SmoothDomainError)) throw err;
      domainError = err; // a larger box (smaller μ) would not do better
      lastDetail = err.message;
      break;
    }
    seconds.hessian += now() - t2;
    const t3 = now();
    const res = proveIntervalMatrixAtLeast(box.lo, box.hi, N, doubleAtLeast(muDec));
    seconds.pdProof += now() - t3;
    if (res.ok) {
      proved = { mu, rho, res };
      break;
    }
    lastDetail = `not proved ⪰ ${mu}·I over the box of half-width ${rho} (${res.reason ?? ''})`;
  }
  if (!proved) {
    const t4 = now();
    const r = diagnoseFailedAttempt(centre, {
      g,
      attempts,
      domainError,
      detail: lastDetail,
      lambdaFloat,
      precision: P,
      anglePrecision,
      midpointGradNorm: midpointNorm(ar, enc.gradient),
    });
    seconds.hessian += now() - t4;
    const last = attempts[attempts.length - 1];
    return refuse(W, polishInfo, r.reason, r.evidence, r.hint, { lambdaFloat, gradBound: g, ...(last ? { rho: last.rho } : {}) });
  }

  // 5. The lemma's conclusions, and the final self-check of every hypothesis on this evidence.
  const { mu, rho } = proved;
  const Up = Decimal.clone({ precision: SHORT_DIGITS, rounding: Decimal.ROUND_CEIL });
  const radius = decimalString(new Up(g).div(mu));
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  // q ≥ g²/(2μ): the square rounded up, the denominator 2μ (exact) rounded down.
  const q = new ar.Up(g).times(g).div(new ar.Down(mu).times(2));
  const lossLower = decimalString(new ar.Down(enc.loss.lo).minus(q));
  const kPlus = nonzeroTeacherNeurons(pt.V, k);
  const verdict: MinimumVerdict = spuriousRuleHolds(lossLower, n, kPlus) ? 'spurious-local-minimum' : 'local-minimum';
  const selfCheck = checkMinimumLemma(
    { verdict, gradBound: g, claimedMu: mu, mu, rho, radius, lossLower, lossUpper: fHi, n, kPlus },
    {
      gradNormUpper: decimalString(gProved),
      lossLo: fLo,
      lossHi: fHi,
      curvature: { smoothDomain: true, proved: proved.res.ok, detail: `Rump's criterion, t = ${proved.res.t}` },
    },
  );
  const failed = selfCheck.find((c) => !c.ok);
  if (failed) throw new Error(`internal: certify's own numbers fail the lemma check '${failed.name}': ${failed.detail}`);
  return finish({
    verdict,
    W,
    polish: polishInfo,
    lambdaFloat,
    gradBound: g,
    mu,
    rho,
    radius,
    lossLower,
    lossUpper: fHi,
    pd: { t: proved.res.t, rumpShift: proved.res.rump?.shift ?? NaN, muDouble: proved.res.mu, attempts: attempts.length },
  });
}

/** Control flow only: polishing was not requested. */
class SkipPolish extends Error {}
