/**
 * The lemma pipeline for one candidate (DESIGN.md §3): polish, screen with the float Hessian,
 * bound the gradient rigorously, enclose the Hessian over the box of half-width ρ, prove it
 * ⪰ μI (Rump), check 2g < μρ exactly, and derive the radius and the loss enclosure.
 *
 * Soundness does not depend on the heuristics (polishing, λ̃, the choice of μ and ρ): a
 * verdict 'spurious-local-minimum' / 'local-minimum' is returned only when
 *  - g ≥ frobeniusNormUpper(gradient enclosure at the centre)      (hypothesis (i)),
 *  - hessianBoxEnclosure proved the box ⊂ Ω and proveIntervalMatrixAtLeast proved every symmetric
 *    matrix of the enclosure ⪰ μ_double·I with μ_double ≥ μ               (hypothesis (ii)),
 *  - 2g < μρ, r·μ ≥ g, 2μ(F_lo − lossLower) ≥ g² and lossUpper = F_hi, all exact (lemma.ts),
 * and 'spurious' additionally needs lossLower > 0 and n ≥ k₊ (the number of nonzero teacher
 * neurons; then V padded with zero neurons gives F = 0, the global minimum value).
 * A point whose float Hessian is not positive definite is refused before any of this.
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval, type DecimalIntervalArithmetic } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { fromDecimalInterval } from '../arith/f64Interval.js';
import { lambdaMinFloat } from '../linalg/floatEigen.js';
import { proveIntervalMatrixAtLeast, type IntervalPdResult } from '../linalg/intervalPositiveDefinite.js';
import { hessianFloat, NonSmoothPointError } from '../objective/reluFloat.js';
import {
  frobeniusNormUpper,
  hessianBoxEnclosure,
  lossAndGradientEnclosure,
  SmoothDomainError,
  type ExactPoint,
} from '../objective/reluRigorous.js';
import { validateExactPoint } from '../objective/exactPoint.js';
import {
  decimalString,
  exactDecimalOf,
  normaliseDecimalString,
  roundDownSignificant,
  roundUpSignificant,
} from './decimalStrings.js';
import { SymmetricFactor, smallestEigenvalueByInverseIteration } from './floatFactor.js';
import { ballInequalityHolds, isPositive, lossLowerHolds, radiusCovers } from './lemma.js';
import { floatPointOf, floatProblemOf, polishPoint, type PointEnclosures } from './polish.js';
import { isTeacherPermutation, nonzeroTeacherNeurons } from './teacherPermutation.js';

export type Verdict = 'spurious-local-minimum' | 'local-minimum' | 'global-minimum' | 'refused';
export type RefusalReason = 'not-positive-definite' | 'gradient-too-large' | 'leaves-smooth-domain' | 'precision-too-low';

export const DEFAULT_PRECISION = 40;
export const DEFAULT_ANGLE_PRECISION = 20;
/** Fractions of the float λ̃ tried as μ, in order. */
export const MU_FRACTIONS = ['0.9', '0.5', '0.25'] as const;
/** Significant digits of the certified g, μ, ρ, r (rounded in the safe direction). */
const SHORT_DIGITS = 4;
/**
 * Above this order the float λ̃ comes from a Cholesky factorisation and inverse iteration (tens of
 * milliseconds at N = 400) instead of the dense eigensolver (≈ 1 s at N = 400); the dense solver is
 * still used up to REFUSAL_EIGEN_MAX_ORDER to report λ̃ < 0 in a refusal's hint.
 */
const DENSE_EIGEN_MAX_ORDER = 150;
const REFUSAL_EIGEN_MAX_ORDER = 600;

export interface CertifyOptions {
  /** Decimal precision P (default 40). */
  precision?: number;
  /** Decimal precision of the arccos/π enclosures inside the box Hessian (default 20). */
  anglePrecision?: number;
  /** Newton polishing before certification (default true). */
  polish?: boolean;
  maxPolishSteps?: number;
  /** The input says this is a global minimum (recorded; the verdict still needs the exact check). */
  storedGlobal?: boolean;
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
  total: number;
}

export interface CertifyResult {
  verdict: Verdict;
  reason?: RefusalReason;
  hint?: string;
  /** Extra explanation (e.g. why a positive loss is not called spurious when n < k₊). */
  note?: string;
  /** The centre W̃ of the certificate (polished), exact decimal strings. */
  W: string[][];
  polish: { steps: number; distanceUpper: string };
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

function domainHint(err: SmoothDomainError | NonSmoothPointError): string {
  if (err instanceof NonSmoothPointError) {
    if (err.zero.length === 0) return `${err.message}; the Float64 screening cannot evaluate the Hessian there, so no certificate can be attempted`;
    return `${err.message}; a point with a zero neuron is outside the smooth domain, where the lemma does not apply`;
  }
  return `${err.message}; the lemma needs a ball inside the smooth domain (nonzero, pairwise non-parallel neurons)`;
}

/** Smallest double ≥ the exact decimal x. */
function doubleAtLeast(x: string): number {
  const d = exactDecimalOf(x);
  return fromDecimalInterval({ lo: d, hi: d }).hi;
}

/**
 * Float estimate of λ_min of the Hessian at W (neuron-major); −∞ if not even LDLᵀ works.
 * `near` is a float Hessian already factorised within float noise of W (from polishing), reused
 * for large N instead of a new factorisation.
 */
function floatLambdaMin(pt: ExactPoint, W: string[][], near?: { H: Float64Array; factor: SymmetricFactor }): number {
  const N = pt.n * pt.d;
  if (near && N > DENSE_EIGEN_MAX_ORDER && near.factor.positiveDefinite) {
    return smallestEigenvalueByInverseIteration(near.H, near.factor);
  }
  const H = hessianFloat(floatProblemOf(pt), floatPointOf({ ...pt, W }));
  if (N <= DENSE_EIGEN_MAX_ORDER) return lambdaMinFloat(H, N);
  const factor = SymmetricFactor.of(H, N);
  if (!factor || !factor.positiveDefinite) {
    // Numerically not positive definite: a refusal. Report the eigenvalue when it is affordable.
    return N <= REFUSAL_EIGEN_MAX_ORDER ? Math.min(lambdaMinFloat(H, N), 0) : -Infinity;
  }
  return smallestEigenvalueByInverseIteration(H, factor);
}

/**
 * Certifies one candidate. `pt.W`/`pt.V` are exact decimal strings. Throws InputError for a
 * malformed point; every mathematical failure is a 'refused' result with a reason and a hint.
 */
export function certifyCandidate(pt0: ExactPoint, opts: CertifyOptions = {}): CertifyResult {
  const tStart = now();
  validateExactPoint(pt0);
  const P = opts.precision ?? DEFAULT_PRECISION;
  const anglePrecision = opts.anglePrecision ?? DEFAULT_ANGLE_PRECISION;
  const ar = decimalIntervals(P);
  const norm = (M: string[][]) => M.map((row) => row.map(normaliseDecimalString));
  const pt: ExactPoint = { ...pt0, W: norm(pt0.W), V: norm(pt0.V) };
  const { d, n, k } = pt;
  const N = n * d;
  const seconds: PhaseSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, pdProof: 0, total: 0 };
  const base = {
    W: pt.W,
    polish: { steps: 0, distanceUpper: '0' },
    precision: P,
    anglePrecision,
    seconds,
  };
  const finish = (r: Omit<CertifyResult, 'seconds' | 'precision' | 'anglePrecision'>): CertifyResult => {
    seconds.total = now() - tStart;
    return { ...r, precision: P, anglePrecision, seconds };
  };

  // Global minimum: exactly the teacher up to a permutation of neurons (and zero neurons).
  if (isTeacherPermutation(pt.W, pt.V, n, k)) {
    return finish({
      ...base,
      verdict: 'global-minimum',
      lossLower: '0',
      lossUpper: '0',
      note:
        'W equals the teacher V up to a permutation of neurons and zero neurons, exactly; then the network ' +
        'functions agree for every input, so F(W) = 0, the smallest possible value (F ≥ 0).',
    });
  }

  // 1. Polishing (or one evaluation at the original point).
  let W = pt.W;
  let enc: PointEnclosures;
  let polishInfo = base.polish;
  let nearHessian: { H: Float64Array; factor: SymmetricFactor } | undefined;
  try {
    const t0 = now();
    if (opts.polish ?? true) {
      const pr = polishPoint(pt, { precision: P, maxSteps: opts.maxPolishSteps });
      W = pr.W;
      enc = pr.enclosures;
      polishInfo = { steps: pr.steps, distanceUpper: pr.distanceUpper };
      nearHessian = pr.hessian;
      seconds.gradient = pr.lastEvaluationSeconds;
      seconds.polish = now() - t0 - pr.lastEvaluationSeconds;
    } else {
      enc = lossAndGradientEnclosure(ar, pt);
      seconds.gradient = now() - t0;
    }
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return finish({ ...base, verdict: 'refused', reason: 'leaves-smooth-domain', hint: domainHint(err) });
  }
  const centre: ExactPoint = { ...pt, W };
  const at = { ...base, W, polish: polishInfo };

  // 2. Float screening: never certify a point whose float Hessian is not positive definite.
  let lambdaFloat: number;
  const tScreen = now();
  try {
    lambdaFloat = floatLambdaMin(pt, W, nearHessian);
    nearHessian = undefined; // N² doubles ×2: release before the box Hessian is built
    seconds.screen = now() - tScreen;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return finish({ ...at, verdict: 'refused', reason: 'leaves-smooth-domain', hint: domainHint(err) });
  }
  if (!(lambdaFloat > 0)) {
    return finish({
      ...at,
      lambdaFloat,
      verdict: 'refused',
      reason: 'not-positive-definite',
      hint:
        Number.isFinite(lambdaFloat)
          ? `the smallest float eigenvalue of the Hessian at the centre is λ̃ = ${lambdaFloat.toPrecision(6)} ≤ 0: ` +
            'a saddle candidate (or a degenerate point), not a strict local minimum'
          : 'the float Hessian at the centre is not positive definite (Cholesky and LDLᵀ fail): a saddle candidate',
    });
  }

  // 3. Hypothesis (i): g ≥ ‖∇F(W̃)‖, rounded up to a few digits (still an upper bound).
  const t1 = now();
  const gExact = frobeniusNormUpper(ar, enc.gradient);
  let gDec = roundUpSignificant(gExact, SHORT_DIGITS);
  if (gDec.isZero()) gDec = new Decimal(`1e-${2 * P}`); // any positive number bounds a zero gradient
  const g = decimalString(gDec);
  const midNormUpper = midpointNorm(ar, enc.gradient);
  seconds.gradient += now() - t1;

  // 4. μ candidates (fractions of λ̃, rounded down), each with its own ρ = 4g/μ rounded up (so
  //    2g < μρ with margin), and hypothesis (ii) on the box of half-width ρ: interval Hessian,
  //    proved ⪰ μI. The first μ usually succeeds; a smaller μ needs a larger box.
  const lambdaExact = exactDecimalOf(exactDecimalOfDouble(lambdaFloat));
  const mus = MU_FRACTIONS.map((f) => roundDownSignificant(lambdaExact.times(f), SHORT_DIGITS)).filter((m) => m.gt(0));
  let proved: { mu: string; rho: string; res: IntervalPdResult; attempts: number } | undefined;
  let lastTry = { mu: '', rho: '' };
  let lastPd: IntervalPdResult | undefined;
  let domainError: SmoothDomainError | undefined;
  for (let a = 0; a < mus.length; a++) {
    const mu = decimalString(mus[a]!);
    const rho = decimalString(roundUpSignificant(gDec.times(4).div(mus[a]!), SHORT_DIGITS));
    lastTry = { mu, rho };
    const t2 = now();
    let box;
    try {
      box = hessianBoxEnclosure(centre, rho, { anglePrecision });
    } catch (err) {
      seconds.hessian += now() - t2;
      if (!(err instanceof SmoothDomainError)) throw err;
      domainError = err; // a larger box (smaller μ) would not do better
      break;
    }
    seconds.hessian += now() - t2;
    const t3 = now();
    const res = proveIntervalMatrixAtLeast(box.lo, box.hi, N, doubleAtLeast(mu));
    seconds.pdProof += now() - t3;
    lastPd = res;
    if (res.ok) {
      proved = { mu, rho, res, attempts: a + 1 };
      break;
    }
  }
  if (!proved) {
    const { mu: muLast, rho: rhoLast } = lastTry;
    const detail = domainError
      ? domainError.message
      : `the interval Hessian over the box of half-width ρ = ${rhoLast} could not be proved ⪰ μI for μ ∈ {${mus
          .map((m) => decimalString(m))
          .join(', ')}} (${lastPd?.reason ?? 'no μ'})`;
    return finish({
      ...at,
      lambdaFloat,
      gradBound: g,
      rho: rhoLast,
      verdict: 'refused',
      ...explainFailure(centre, domainError ? 'domain' : 'pd', detail, domainError, {
        g,
        rho: rhoLast,
        muMin: muLast,
        lambdaFloat,
        P,
        anglePrecision,
        midNormUpper,
        seconds,
      }),
    });
  }

  // 5. Exact checks and the conclusions of the lemma.
  const { mu, rho } = proved;
  if (!ballInequalityHolds(g, mu, rho)) throw new Error(`internal: 2g < μρ fails for g=${g}, μ=${mu}, ρ=${rho}`);
  const Up = Decimal.clone({ precision: SHORT_DIGITS, rounding: Decimal.ROUND_CEIL });
  const radius = decimalString(new Up(g).div(mu));
  if (!radiusCovers(radius, mu, g)) throw new Error(`internal: r·μ < g for r=${radius}`);
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  const q = new ar.Up(g).times(g).div(new ar.Up(mu).times(2)); // ≥ g²/(2μ)
  const lossLower = decimalString(new ar.Down(enc.loss.lo).minus(q)); // ≤ F_lo − g²/(2μ)
  if (!lossLowerHolds(lossLower, fLo, mu, g)) throw new Error(`internal: loss lower bound check fails`);

  const kPlus = nonzeroTeacherNeurons(pt.V, k);
  const positive = isPositive(lossLower);
  const spurious = positive && n >= kPlus;
  seconds.total = now() - tStart;
  return finish({
    ...at,
    verdict: spurious ? 'spurious-local-minimum' : 'local-minimum',
    lambdaFloat,
    gradBound: g,
    mu,
    rho,
    radius,
    lossLower,
    lossUpper: fHi,
    pd: { t: proved.res.t, rumpShift: proved.res.rump?.shift ?? NaN, muDouble: proved.res.mu, attempts: proved.attempts },
    ...(positive && !spurious
      ? {
          note:
            `the loss is provably positive, but the student has n = ${n} < ${kPlus} nonzero teacher neurons, so ` +
            'the global minimum value may itself be positive: this does not prove the minimum spurious',
        }
      : {}),
  });
}

/** ‖mid(∇F)‖ (informative: tells whether g is dominated by the enclosure width). */
function midpointNorm(ar: DecimalIntervalArithmetic, gradient: DecimalInterval[]): number {
  let s = new Decimal(0);
  for (const x of gradient) {
    const m = ar.mid(x);
    s = s.plus(m.times(m));
  }
  return s.sqrt().toNumber();
}

interface FailureContext {
  g: string;
  rho: string;
  muMin: string;
  lambdaFloat: number;
  P: number;
  anglePrecision: number;
  midNormUpper: number;
  seconds: PhaseSeconds;
}

/**
 * Names the cause of a failed box step. The box at ρ failed (left Ω, or its Hessian was not
 * proved ⪰ μI). Re-run at ρ = 0 (the Hessian at the centre alone, enclosed): if that succeeds,
 * the width of the box — i.e. a gradient too large for the curvature — is the cause; if the
 * gradient bound is mostly enclosure width, the precision is the cause.
 */
function explainFailure(
  centre: ExactPoint,
  cause: 'domain' | 'pd',
  detail: string,
  err: SmoothDomainError | undefined,
  c: FailureContext,
): { reason: RefusalReason; hint: string } {
  const t0 = now();
  let pointOk: 'ok' | 'domain' | 'pd';
  let pointDomainError: SmoothDomainError | undefined;
  try {
    const box0 = hessianBoxEnclosure(centre, '0', { anglePrecision: c.anglePrecision });
    const res = proveIntervalMatrixAtLeast(box0.lo, box0.hi, centre.n * centre.d, doubleAtLeast(c.muMin));
    pointOk = res.ok ? 'ok' : 'pd';
  } catch (e) {
    if (!(e instanceof SmoothDomainError)) throw e;
    pointOk = 'domain';
    pointDomainError = e;
  }
  c.seconds.hessian += now() - t0;
  if (pointOk === 'domain') {
    return { reason: 'leaves-smooth-domain', hint: domainHint(pointDomainError!) };
  }
  if (pointOk === 'pd') {
    if (cause === 'domain' && err) return { reason: 'leaves-smooth-domain', hint: domainHint(err) };
    return {
      reason: 'not-positive-definite',
      hint:
        `smallest float eigenvalue λ̃ = ${c.lambdaFloat.toPrecision(6)}; even the Hessian enclosure at the centre alone ` +
        `could not be proved ⪰ ${c.muMin}·I: increase --precision (the angle enclosures use ${c.anglePrecision} digits) ` +
        'or check whether the point is degenerate',
    };
  }
  // The centre alone is fine: the box is too wide for the curvature.
  const gNum = Number(c.g);
  const widthDominated = c.midNormUpper < gNum / 10;
  if (widthDominated) {
    return {
      reason: 'precision-too-low',
      hint:
        `the gradient bound g = ${c.g} is dominated by the width of its enclosure (‖mid ∇F‖ ≈ ${c.midNormUpper.toPrecision(3)}) ` +
        `at precision ${c.P}, and the box of half-width ρ = ${c.rho} it needs fails (${detail}): increase --precision`,
    };
  }
  return {
    reason: 'gradient-too-large',
    hint:
      `the gradient bound g = ${c.g} is too large for the curvature (λ̃ = ${c.lambdaFloat.toPrecision(6)}): ` +
      `the box of half-width ρ = ${c.rho} = 4g/μ (μ = ${c.muMin}) fails (${detail}); polish the point (do not pass --no-polish), ` +
      'run gradient descent longer, or increase --precision',
  };
}
