/**
 * Audit of a 'minimum' certificate: the lemma's hypotheses and conclusions (the one list in
 * src/certify/lemma.ts), decided on evidence that this audit derives itself from problem, point
 * and method with populationKernel.ts — never with certify's enclosure code. Stages run cheapest
 * first (exact relations between the claimed numbers, then the centre, then the box); unless
 * `allChecks`, the audit stops at the first stage with a failed check.
 */
import { checkMinimumLemma, type LemmaStage, type MinimumEvidence, type MinimumNumbers } from '../../certify/lemma.js';
import { nonzeroTeacherNeurons } from '../../certify/teacherPermutation.js';
import { exactDecimalOf } from '../../certify/decimalStrings.js';
import type { MinimumCertificate, MinimumClaims } from '../schema.js';
import { teacherMatrixOf } from '../schema.js';
import { centreEnclosures, proveCurvature, SECOND_PROOF_MAX_ORDER, type DensePoint } from './populationKernel.js';
import type { AuditCheck, AuditOptions, Recomputed } from './types.js';

/** Extra decimal digits the audit's centre enclosures use beyond method.precision. */
export const AUDIT_EXTRA_DIGITS = 10;

/** The lemma's numbers as a minimum certificate (dense or reduced) states them. */
export function minimumNumbersOf(c: { claims: MinimumClaims; method: { mu: string; rho: string } }, n: number, kPlus: number): MinimumNumbers {
  const { claims, method } = c;
  return {
    verdict: claims.verdict,
    gradBound: claims.gradBound,
    claimedMu: claims.mu,
    mu: method.mu,
    rho: method.rho,
    radius: claims.radius,
    lossLower: claims.lossLower,
    lossUpper: claims.lossUpper,
    n,
    kPlus,
  };
}

export function auditMinimum(c: MinimumCertificate, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const { d, n, k } = c.problem;
  const V = teacherMatrixOf(c.problem);
  const pt: DensePoint = { d, n, k, W: c.point.W, V };
  const numbers = minimumNumbersOf(c, n, nonzeroTeacherNeurons(V, k));
  const evidence: MinimumEvidence = {};
  const failed = () => checks.some((ch) => !ch.ok);
  const run = (stage: LemmaStage) => checks.push(...checkMinimumLemma(numbers, evidence, [stage]));

  run('numbers');
  if (failed() && !opts.allChecks) return;

  // The audit's own enclosure route has more operations than certify's, so it is evaluated with
  // AUDIT_EXTRA_DIGITS more digits: a claim proved at method.precision is then re-established
  // whenever it holds with a little room (any precision gives a valid enclosure).
  const centre = centreEnclosures(pt, c.method.precision + AUDIT_EXTRA_DIGITS);
  if (!centre.ok) {
    checks.push({ name: 'gradBound', ok: false, detail: `the centre is not proved inside the smooth domain: ${centre.reason}` });
    return;
  }
  recomputed.gradNormUpper = centre.gradNormUpper;
  recomputed.lossLo = centre.lossLo;
  recomputed.lossHi = centre.lossHi;
  evidence.gradNormUpper = centre.gradNormUpper;
  evidence.lossLo = centre.lossLo;
  evidence.lossHi = centre.lossHi;
  run('centre');
  if (failed() && !opts.allChecks) return;

  const proof = proveCurvature(
    pt,
    c.method.rho,
    exactDecimalOf(c.method.mu),
    c.method.anglePrecision,
    opts.ldlMaxOrder ?? SECOND_PROOF_MAX_ORDER,
  );
  recomputed.order = n * d;
  if (proof.t !== undefined) recomputed.t = proof.t;
  recomputed.engines = proof.engines;
  evidence.curvature = proof;
  run('box');
}
