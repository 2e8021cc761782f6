/**
 * Audit of a 'saddle' certificate: the saddle lemma's hypotheses and conclusions (the one list in
 * src/certify/saddleLemma.ts), decided on evidence this audit derives itself from problem, point
 * and method:
 *   - the gradient and loss enclosures at the centre and the Hessian enclosure over the box of
 *     half-width method.rho come from populationKernel.ts (the audit's own formulas, independent of
 *     src/objective; they also prove the centre and the box inside Ω);
 *   - its own Y and X: a float eigen-decomposition of the midpoint of its own box Hessian
 *     (src/linalg/floatSymmetricEigen.ts). Not trusted: the lemma holds for any Y and X;
 *   - η, κ (src/linalg/existenceBounds.ts), the inertia (src/linalg/intervalInertia.ts) and
 *     L ≥ ‖H‖₂ (src/linalg/midpointRadius.ts), with float products whose rounding errors are
 *     bounded a priori (src/linalg/floatProductBounds.ts).
 * What it trusts: src/arith, those src/linalg bounds, and the exact comparisons of saddleLemma.ts.
 * Stages run cheapest first (exact relations between the claimed numbers, then the box); unless
 * `allChecks`, the audit stops after the first stage with a failed check.
 */
import { exactDecimalOfDouble, fromDecimalIntervals } from '../../arith/f64Interval.js';
import { checkSaddleLemma, type SaddleEvidence, type SaddleLemmaStage, type SaddleNumbers } from '../../certify/saddleLemma.js';
import { contractionBound, newtonStepBound } from '../../linalg/existenceBounds.js';
import { floatInverseFromEigen, floatSymmetricEigen } from '../../linalg/floatSymmetricEigen.js';
import { proveInertia } from '../../linalg/intervalInertia.js';
import { spectralNormUpper, symmetricMidpointRadius } from '../../linalg/midpointRadius.js';
import type { SaddleCertificate } from '../schema.js';
import { teacherMatrixOf } from '../schema.js';
import { AUDIT_EXTRA_DIGITS } from './minimum.js';
import { boxHessianEnclosure, centreEnclosures, type DensePoint } from './populationKernel.js';
import type { AuditCheck, AuditOptions, Recomputed } from './types.js';

/** A finite double bound as its exact decimal value; undefined for ±∞/NaN. */
function exactOrUndefined(x: number): string | undefined {
  return Number.isFinite(x) ? exactDecimalOfDouble(x) : undefined;
}

/** The saddle lemma's evidence by the audit's own route (module comment). */
export function saddleEvidence(pt: DensePoint, rho: string, precision: number, anglePrecision: number): SaddleEvidence {
  const N = pt.n * pt.d;
  const centre = centreEnclosures(pt, precision);
  if (!centre.ok) return { smoothDomain: false, domainDetail: `the centre is not proved inside Ω: ${centre.reason}` };
  const box = boxHessianEnclosure(pt, rho, anglePrecision);
  if (!box.ok) return { smoothDomain: false, domainDetail: `the box of half-width ${rho} is not proved inside Ω: ${box.reason}` };
  const mr = symmetricMidpointRadius(box.H.lo, box.H.hi, N, { keepRadius: true });
  if (!mr.ok) throw new Error(`the audit's box Hessian is not a symmetric interval matrix: ${mr.reason}`);
  const eig = floatSymmetricEigen(mr.value.M, N);
  const Y = floatInverseFromEigen(eig);
  const g = fromDecimalIntervals(centre.gradient);
  const inertia = proveInertia(mr.value, eig.vectors);
  const evidence: SaddleEvidence = {
    smoothDomain: true,
    domainDetail: `the centre and the box of half-width ${rho} are proved inside Ω`,
    inertia: { ok: inertia.ok, negative: inertia.negative, positive: inertia.positive, detail: inertia.reason ?? '' },
    lossLo: centre.lossLo,
    lossHi: centre.lossHi,
    hessianNormUpper: spectralNormUpper(mr.value),
  };
  const eta = exactOrUndefined(newtonStepBound(Y, N, g.lo, g.hi));
  const kappa = exactOrUndefined(contractionBound(Y, mr.value));
  if (eta !== undefined) evidence.etaUpper = eta;
  if (kappa !== undefined) evidence.kappaUpper = kappa;
  return evidence;
}

export function auditSaddle(c: SaddleCertificate, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const { d, n, k } = c.problem;
  const pt: DensePoint = { d, n, k, W: c.point.W, V: teacherMatrixOf(c.problem) };
  const cl = c.claims;
  const numbers: SaddleNumbers = {
    rho: c.method.rho,
    eta: cl.eta,
    kappa: cl.kappa,
    radius: cl.radius,
    morseIndex: cl.morseIndex,
    lossLower: cl.lossLower,
    lossUpper: cl.lossUpper,
    N: n * d,
  };
  const run = (stage: SaddleLemmaStage, e: SaddleEvidence) => checks.push(...checkSaddleLemma(numbers, e, [stage]));
  run('numbers', { smoothDomain: false, domainDetail: 'not evaluated' });
  if (checks.some((ch) => !ch.ok) && !opts.allChecks) return;

  // As for minima, the centre enclosures use AUDIT_EXTRA_DIGITS more digits than certify did.
  const evidence = saddleEvidence(pt, c.method.rho, c.method.precision + AUDIT_EXTRA_DIGITS, c.method.anglePrecision);
  recomputed.order = n * d;
  if (evidence.lossLo !== undefined) {
    recomputed.lossLo = evidence.lossLo;
    recomputed.lossHi = evidence.lossHi!;
  }
  if (evidence.etaUpper !== undefined) recomputed.eta = evidence.etaUpper;
  if (evidence.kappaUpper !== undefined) recomputed.kappa = evidence.kappaUpper;
  if (evidence.inertia?.ok) recomputed.morseIndex = evidence.inertia.negative;
  if (evidence.hessianNormUpper !== undefined) recomputed.hessianNormUpper = evidence.hessianNormUpper;
  run('box', evidence);
}
