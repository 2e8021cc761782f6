/**
 * Audit of a refusal. A refusal proves nothing about the point, but its reason and evidence are
 * claims too (a minimum certificate relabelled "refused (not-positive-definite)" must not pass):
 *   - not-positive-definite: "the Float64 Hessian at the centre has smallest eigenvalue
 *     lambdaMinFloat ≤ 0". Re-checked by recomputing it (float evidence about a float
 *     computation; a value above FLOAT_SCREEN_TOLERANCE refutes the reason, and the recorded
 *     value must agree with the recomputed one).
 *   - gradient-too-large / precision-too-low: "the gradient at the centre is at most gradBound, and
 *     the box proof failed at each recorded (μ, ρ) while it succeeds at the centre alone (ρ = 0)".
 *   - leaves-smooth-domain: "the box of half-width rho (0: the centre) is not proved inside Ω".
 *   - degenerate (saddle path): "the Float64 Hessian at the centre has nearestZeroFloat as its
 *     eigenvalue nearest to 0, and either that is zero within float precision or, even at the
 *     centre alone, certify's inertia proof has a Gershgorin disc reaching 0".
 *   - existence-not-proved (saddle path): "the inertia at the centre alone is proved, but with the
 *     Newton-step bound eta the existence test or the inertia fails over the box of half-width
 *     rho" (eta absent: the Newton step overflowed).
 * All but the first are statements about certify's own attempt, so they are re-run with certify's
 * engines (src/objective box Hessian, src/linalg proofs, certifySaddle's float screen); the
 * gradient bound with the audit's kernel.
 */
import { doubleAtLeast } from '../../arith/f64Interval.js';
import { exactCompare } from '../../arith/exact.js';
import { exactDecimalOf } from '../../certify/decimalStrings.js';
import { floatPointOf, floatProblemOf } from '../../certify/polish.js';
import { lambdaMinFloat } from '../../linalg/floatEigen.js';
import { proveIntervalMatrixAtLeast } from '../../linalg/intervalPositiveDefinite.js';
import { hessianBoxEnclosure } from '../../objective/boxHessian.js';
import { hessianFloat, NonSmoothPointError } from '../../objective/reluFloat.js';
import { SmoothDomainError } from '../../objective/smoothDomainError.js';
import type { RefusalCertificate } from '../schema.js';
import { teacherMatrixOf } from '../schema.js';
import { centreEnclosures } from './populationKernel.js';
import { decimalIntervals } from '../../arith/decimalInterval.js';
import { floatScreen, kappaClaim, newtonStepClaim, proveOnBox, type FloatScreen } from '../../certify/certifySaddle.js';
import { existenceHolds } from '../../certify/saddleLemma.js';
import { lossAndGradientEnclosure, type ExactPoint } from '../../objective/reluRigorous.js';
import type { AuditCheck, Recomputed } from './types.js';

/**
 * A recomputed Float64 λ_min above this refutes a "not positive definite" refusal. Float
 * evaluations of the same smallest eigenvalue by two routes differ by ~N·u·‖H‖ ≈ 1e-13 here;
 * the minima certmin certifies have λ_min ≳ 1e-4.
 */
export const FLOAT_SCREEN_TOLERANCE = 1e-10;

/**
 * The claims of a not-positive-definite refusal, given the recomputed float λ_min: it is ≤
 * FLOAT_SCREEN_TOLERANCE ('reason') and agrees with the recorded one ('evidence').
 */
export function floatLambdaChecks(recorded: number, lambda: number, what: string): AuditCheck[] {
  const low = lambda <= FLOAT_SCREEN_TOLERANCE;
  return [
    { name: 'reason', ok: low, detail: `recomputed ${what} = ${lambda.toPrecision(6)} ${low ? '≤' : '>'} ${FLOAT_SCREEN_TOLERANCE}` },
    {
      name: 'evidence',
      ok: Math.abs(lambda - recorded) <= 1e-8 * Math.max(1, Math.abs(lambda)),
      detail: `recorded λ_min ${recorded} vs recomputed ${lambda.toPrecision(6)}`,
    },
  ];
}

export function auditRefusal(c: RefusalCertificate, checks: AuditCheck[], recomputed: Recomputed): void {
  const { d, n, k } = c.problem;
  const V = teacherMatrixOf(c.problem);
  const pt = { d, n, k, W: c.point.W, V };
  const ev = c.claims.evidence;
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  switch (c.claims.reason) {
    case 'not-positive-definite': {
      if (ev.lambdaMinFloat === undefined) {
        check('evidence', false, 'a not-positive-definite refusal must record lambdaMinFloat');
        return;
      }
      let lambda: number;
      try {
        lambda = lambdaMinFloat(hessianFloat(floatProblemOf(pt), floatPointOf(pt)), n * d);
      } catch (err) {
        if (!(err instanceof NonSmoothPointError)) throw err;
        check('reason', false, `the Float64 Hessian is undefined at the centre (${err.message}): the reason is leaves-smooth-domain`);
        return;
      }
      recomputed.lambdaMinFloat = lambda;
      checks.push(...floatLambdaChecks(ev.lambdaMinFloat, lambda, 'Float64 λ_min at the centre'));
      return;
    }
    case 'leaves-smooth-domain': {
      const rho = ev.rho ?? '0';
      const atCentre = exactCompare(rho, '0') === 0;
      let left = false;
      let detail = '';
      if (atCentre) {
        const centre = centreEnclosures(pt, c.method.precision);
        left = !centre.ok;
        detail = centre.ok ? 'the centre is proved inside Ω' : centre.reason;
      } else {
        try {
          hessianBoxEnclosure(pt, rho, { anglePrecision: c.method.anglePrecision });
          detail = `the box of half-width ${rho} is proved inside Ω`;
        } catch (err) {
          if (!(err instanceof SmoothDomainError)) throw err;
          left = true;
          detail = err.message;
        }
      }
      check('reason', left, detail);
      return;
    }
    case 'gradient-too-large':
    case 'precision-too-low': {
      if (ev.gradBound === undefined || ev.attempts === undefined) {
        check('evidence', false, `a ${c.claims.reason} refusal must record gradBound and attempts`);
        return;
      }
      const centre = centreEnclosures(pt, c.method.precision);
      if (!centre.ok) {
        check('evidence', false, `the centre is not proved inside Ω: ${centre.reason}`);
        return;
      }
      check('evidence', exactCompare(centre.gradNormUpper, ev.gradBound) <= 0, `recomputed ‖∇F(W̃)‖ ≤ ${centre.gradNormUpper}; recorded g = ${ev.gradBound}`);
      for (const { mu, rho } of ev.attempts) {
        let failed = true;
        try {
          const box = hessianBoxEnclosure(pt, rho, { anglePrecision: c.method.anglePrecision });
          failed = !proveIntervalMatrixAtLeast(box.lo, box.hi, n * d, doubleAtLeast(exactDecimalOf(mu))).ok;
        } catch (err) {
          if (!(err instanceof SmoothDomainError)) throw err;
        }
        check('reason', failed, `the box proof at μ = ${mu}, ρ = ${rho} ${failed ? 'fails' : 'succeeds: the refusal is unfounded'}`);
      }
      const last = ev.attempts[ev.attempts.length - 1]!;
      let atCentre = false;
      try {
        const box0 = hessianBoxEnclosure(pt, '0', { anglePrecision: c.method.anglePrecision });
        atCentre = proveIntervalMatrixAtLeast(box0.lo, box0.hi, n * d, doubleAtLeast(exactDecimalOf(last.mu))).ok;
      } catch (err) {
        if (!(err instanceof SmoothDomainError)) throw err;
      }
      check(
        'reason',
        atCentre,
        atCentre
          ? `at the centre alone the Hessian is proved ⪰ ${last.mu}·I: the box width (the gradient) is the cause`
          : `at the centre alone the Hessian is not proved ⪰ ${last.mu}·I: the cause is not the gradient`,
      );
      return;
    }
    case 'degenerate':
      recheckDegenerate(c, checks);
      return;
    case 'existence-not-proved':
      recheckExistenceNotProved(c, checks);
      return;
    default:
      check('reason', false, `refusal reason ${c.claims.reason} cannot be re-checked for this objective`);
  }
}

function centreOf(c: RefusalCertificate): ExactPoint {
  const { d, n, k } = c.problem;
  return { d, n, k, W: c.point.W, V: teacherMatrixOf(c.problem) };
}

/** certify's float screen at the centre, or why it is undefined (a zero neuron). */
function screenOrReason(centre: ExactPoint): { screen: FloatScreen } | { reason: string } {
  try {
    return { screen: floatScreen(centre) };
  } catch (err) {
    if (!(err instanceof NonSmoothPointError)) throw err;
    return { reason: `the Float64 Hessian is undefined at the centre (${err.message}): the reason is leaves-smooth-domain` };
  }
}

/** Whether certify's inertia proof holds for the Hessian enclosure at the centre alone (ρ = 0). */
function inertiaAtCentre(centre: ExactPoint, screen: FloatScreen, anglePrecision: number): { ok: boolean; detail: string } {
  try {
    const p = proveOnBox(centre, '0', screen, anglePrecision).inertia;
    return { ok: p.ok, detail: p.ok ? `at the centre alone the inertia is proved (index ${p.negative})` : `at the centre alone: ${p.reason ?? ''}` };
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return { ok: false, detail: `the centre is not proved inside Ω (${err.message})` };
  }
}

function recheckDegenerate(c: RefusalCertificate, checks: AuditCheck[]): void {
  const ev = c.claims.evidence;
  if (ev.nearestZeroFloat === undefined) {
    checks.push({ name: 'evidence', ok: false, detail: 'a degenerate refusal must record nearestZeroFloat' });
    return;
  }
  const centre = centreOf(c);
  const s = screenOrReason(centre);
  if ('reason' in s) {
    checks.push({ name: 'reason', ok: false, detail: s.reason });
    return;
  }
  const lambda = s.screen.spectrum.nearestZero;
  const agree = Math.abs(lambda - ev.nearestZeroFloat) <= 1e-8 * Math.max(1, Math.abs(lambda));
  checks.push({ name: 'evidence', ok: agree, detail: `recorded eigenvalue nearest 0: ${ev.nearestZeroFloat}; recomputed ${lambda}` });
  if (s.screen.degenerate) {
    checks.push({ name: 'reason', ok: true, detail: `the Float64 eigenvalue ${lambda} is zero within float precision` });
    return;
  }
  const atCentre = inertiaAtCentre(centre, s.screen, c.method.anglePrecision);
  checks.push({
    name: 'reason',
    ok: !atCentre.ok,
    detail: atCentre.ok ? `${atCentre.detail}: the point is not degenerate` : atCentre.detail,
  });
}

function recheckExistenceNotProved(c: RefusalCertificate, checks: AuditCheck[]): void {
  const ev = c.claims.evidence;
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  if (ev.eta !== undefined && ev.rho === undefined) {
    check('evidence', false, 'an existence-not-proved refusal with eta must record the box half-width rho');
    return;
  }
  const centre = centreOf(c);
  const s = screenOrReason(centre);
  if ('reason' in s) {
    check('reason', false, s.reason);
    return;
  }
  if (s.screen.degenerate) {
    check('reason', false, `the Float64 Hessian at the centre is singular within float precision (${s.screen.spectrum.nearestZero}): the reason is degenerate`);
    return;
  }
  let enc;
  try {
    enc = lossAndGradientEnclosure(decimalIntervals(c.method.precision), centre);
  } catch (err) {
    if (!(err instanceof SmoothDomainError || err instanceof NonSmoothPointError)) throw err;
    check('reason', false, `the centre is not proved inside Ω (${err.message}): the reason is leaves-smooth-domain`);
    return;
  }
  const eta = newtonStepClaim(s.screen, enc.gradient);
  if (ev.eta === undefined) {
    check('reason', eta === undefined, eta === undefined ? 'the Newton step Y∇F(W̃) overflows' : `the Newton step is finite (η = ${eta.claim}): record it`);
    return;
  }
  check('evidence', eta !== undefined && exactCompare(eta.claim, ev.eta) === 0, `recorded η = ${ev.eta}; recomputed ${eta?.claim ?? 'overflow'}`);
  if (eta === undefined) return;
  const rho = ev.rho!;
  let failed: boolean;
  let detail: string;
  try {
    const box = proveOnBox(centre, rho, s.screen, c.method.anglePrecision);
    const kappa = kappaClaim(box.kappa);
    const existence = kappa !== undefined && existenceHolds(eta.claim, kappa, rho);
    failed = !box.inertia.ok || !existence;
    detail =
      `over the box of half-width ${rho}: κ = ${kappa ?? '∞'}, (c) η ≤ (1 − κ)ρ ${existence ? 'holds' : 'fails'}, ` +
      `inertia ${box.inertia.ok ? 'proved' : 'not proved'}${failed ? '' : ': the proof succeeds, the refusal is unfounded'}`;
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    failed = false;
    detail = `the box of half-width ${rho} is not proved inside Ω: the reason is leaves-smooth-domain`;
  }
  check('reason', failed, detail);
  const atCentre = inertiaAtCentre(centre, s.screen, c.method.anglePrecision);
  check('reason', atCentre.ok, atCentre.ok ? atCentre.detail : `${atCentre.detail}: the reason is degenerate`);
}
