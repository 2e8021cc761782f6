/**
 * certify's saddle path as a certify result: a proved saddle (verdict 'saddle', lemma
 * krawczyk-morse), or a refusal whose reason and evidence describe exactly the attempt that
 * failed, so that audit can re-run it (src/certificate/audit/refusal.ts):
 *   - degenerate: the float Hessian at the centre is singular within float precision, or even at
 *     the centre alone (ρ = 0) a Gershgorin disc of the inertia proof reaches 0; evidence: the float
 *     eigenvalue nearest to 0;
 *   - existence-not-proved: the inertia at the centre alone is proved, but the existence test
 *     (or the inertia) fails over the box of half-width rho with the Newton-step bound eta
 *     (eta absent: the Newton step overflowed);
 *   - leaves-smooth-domain: the box of half-width rho ('0': the centre) is not proved inside Ω.
 * A point certifySaddle finds to be a minimum or maximum candidate stays a
 * 'not-positive-definite' refusal of the minimum lemma (its float λ_min ≤ 0 is the evidence).
 */
import type { RefusalEvidence, RefusalReason } from '../certificate/schema.js';
import type { CertifyResult } from './certifyCandidate.js';
import type { SaddleResult } from './certifySaddle.js';

export type SaddleOutcome = Pick<
  CertifyResult,
  'verdict' | 'lemma' | 'reason' | 'evidence' | 'hint' | 'rho' | 'radius' | 'lossLower' | 'lossUpper' | 'gradBound' | 'saddle'
>;

export function saddleOutcome(r: SaddleResult, lambdaFloat: number): SaddleOutcome {
  if (r.verdict === 'saddle') {
    return {
      verdict: 'saddle',
      lemma: 'krawczyk-morse',
      rho: r.rho!,
      radius: r.radius!,
      lossLower: r.lossLower!,
      lossUpper: r.lossUpper!,
      ...(r.gradBound !== undefined ? { gradBound: r.gradBound } : {}),
      saddle: { morseIndex: r.morseIndex!, eta: r.eta!, kappa: r.kappa! },
    };
  }
  const refusal = (lemma: 'strong-convexity-ball' | 'krawczyk-morse', reason: RefusalReason, evidence: RefusalEvidence): SaddleOutcome => ({
    verdict: 'refused',
    lemma,
    reason,
    evidence,
    hint: r.hint ?? '',
  });
  switch (r.reason!) {
    case 'degenerate':
      return refusal('krawczyk-morse', 'degenerate', { nearestZeroFloat: r.floatSpectrum!.nearestZero });
    case 'existence-not-proved':
      return refusal('krawczyk-morse', 'existence-not-proved', {
        ...(r.eta !== undefined ? { eta: r.eta } : {}),
        ...(r.rho !== undefined ? { rho: r.rho } : {}),
      });
    case 'leaves-smooth-domain':
      return refusal('krawczyk-morse', 'leaves-smooth-domain', { rho: r.rho ?? '0' });
    case 'minimum-candidate':
    case 'maximum-candidate':
      return {
        ...refusal('strong-convexity-ball', 'not-positive-definite', { lambdaMinFloat: lambdaFloat }),
        hint:
          `the smallest float eigenvalue of the Hessian at the centre is λ̃ = ${lambdaFloat.toPrecision(6)} ≤ 0, so no minimum ` +
          `certificate; the saddle path found no saddle either: ${r.hint ?? r.reason}`,
      };
  }
}
