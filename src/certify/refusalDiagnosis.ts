/**
 * Why a minimum certification failed, for the refusal's reason, evidence and hint. Called when
 * the box of half-width ρ left Ω or its Hessian was not proved ⪰ μI for any μ tried. Re-runs the
 * proof at ρ = 0 (the Hessian at the centre alone, enclosed): if that succeeds, the width of the
 * box — a gradient too large for the curvature — is the cause; if moreover the gradient bound is
 * mostly enclosure width, the precision is. The reason and evidence returned here are re-checked by
 * audit (src/certificate/audit/refusal.ts), so they must describe what was actually tried.
 */
import { doubleAtLeast } from '../arith/f64Interval.js';
import type { RefusalEvidence, RefusalReason } from '../certificate/schema.js';
import { proveIntervalMatrixAtLeast } from '../linalg/intervalPositiveDefinite.js';
import { hessianBoxEnclosure } from '../objective/boxHessian.js';
import { NonSmoothPointError } from '../objective/reluFloat.js';
import { SmoothDomainError, type ExactPoint } from '../objective/reluRigorous.js';
import { exactDecimalOf } from './decimalStrings.js';

export interface Refusal {
  reason: RefusalReason;
  evidence: RefusalEvidence;
  /** certmin's explanation and what would help (informative, not a claim). */
  hint: string;
}

/** The hint for a point or box outside the smooth domain Ω. */
export function domainHint(err: SmoothDomainError | NonSmoothPointError): string {
  if (err instanceof NonSmoothPointError) {
    if (err.zero.length === 0) return `${err.message}; the Float64 screening cannot evaluate the Hessian there, so no certificate can be attempted`;
    return `${err.message}; a point with a zero neuron is outside the smooth domain, where the lemma does not apply`;
  }
  return `${err.message}; the lemma needs a ball inside the smooth domain (nonzero, pairwise non-parallel neurons)`;
}

export interface FailedAttempt {
  /** The proved gradient bound g at the centre. */
  g: string;
  /** (μ, ρ) pairs tried, in order; the box proof failed (or left Ω) at the last one. */
  attempts: { mu: string; rho: string }[];
  /** Set when the last box left Ω. */
  domainError?: SmoothDomainError;
  /** Why the last proof failed (for the hint). */
  detail: string;
  lambdaFloat: number;
  precision: number;
  anglePrecision: number;
  /** ‖mid ∇F‖ at the centre (a float): tells a gradient from the width of its enclosure. */
  midpointGradNorm: number;
}

/** A failed minimum attempt at `centre` as a refusal (see the module comment). */
export function diagnoseFailedAttempt(centre: ExactPoint, f: FailedAttempt): Refusal {
  const last = f.attempts[f.attempts.length - 1]!;
  let pointOk: 'ok' | 'domain' | 'pd';
  let pointDomainError: SmoothDomainError | undefined;
  try {
    const box0 = hessianBoxEnclosure(centre, '0', { anglePrecision: f.anglePrecision });
    const res = proveIntervalMatrixAtLeast(box0.lo, box0.hi, centre.n * centre.d, doubleAtLeast(exactDecimalOf(last.mu)));
    pointOk = res.ok ? 'ok' : 'pd';
  } catch (e) {
    if (!(e instanceof SmoothDomainError)) throw e;
    pointOk = 'domain';
    pointDomainError = e;
  }
  if (pointOk === 'domain') {
    return { reason: 'leaves-smooth-domain', evidence: { rho: '0' }, hint: domainHint(pointDomainError!) };
  }
  if (f.domainError) {
    return { reason: 'leaves-smooth-domain', evidence: { rho: last.rho }, hint: domainHint(f.domainError) };
  }
  if (pointOk === 'pd') {
    return {
      reason: 'not-positive-definite',
      evidence: { lambdaMinFloat: f.lambdaFloat },
      hint:
        `smallest float eigenvalue λ̃ = ${f.lambdaFloat.toPrecision(6)}; even the Hessian enclosure at the centre alone ` +
        `could not be proved ⪰ ${last.mu}·I: increase --precision (the angle enclosures use ${f.anglePrecision} digits) ` +
        'or check whether the point is degenerate',
    };
  }
  // The centre alone is fine: the box is too wide for the curvature.
  const evidence: RefusalEvidence = { gradBound: f.g, attempts: f.attempts };
  if (f.midpointGradNorm < Number(f.g) / 10) {
    return {
      reason: 'precision-too-low',
      evidence,
      hint:
        `the gradient bound g = ${f.g} is dominated by the width of its enclosure (‖mid ∇F‖ ≈ ${f.midpointGradNorm.toPrecision(3)}) ` +
        `at precision ${f.precision}, and the box of half-width ρ = ${last.rho} it needs fails (${f.detail}): increase --precision`,
    };
  }
  return {
    reason: 'gradient-too-large',
    evidence,
    hint:
      `the gradient bound g = ${f.g} is too large for the curvature (λ̃ = ${f.lambdaFloat.toPrecision(6)}): ` +
      `the box of half-width ρ = ${last.rho} (μ = ${last.mu}) fails (${f.detail}); polish the point (do not pass --no-polish), ` +
      'run gradient descent longer, or increase --precision',
  };
}
