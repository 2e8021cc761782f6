/**
 * Audit of an 'equivalence' certificate (theorem 'symmetric-uniqueness', src/certify/equivalence.ts):
 * first the theorem's exact hypotheses on the claimed permutation and distance (equivalenceChecks:
 * one problem, bijections, the coordinate permutation allowed for the teacher, the exact squared
 * distance, the ball inequality), then — the expensive part — each embedded minimum certificate is
 * audited in full (its failure is named 'a.<claim>' or 'b.<claim>'). Unless `allChecks`, the audit
 * stops at the first stage with a failed check.
 */
import { certifiedMinimumOf, equivalenceChecks } from '../../certify/equivalence.js';
import type { EquivalenceCertificate } from '../schema.js';
import type { AuditCheck, AuditOptions, AuditResult } from './types.js';

export function auditEquivalence(
  c: EquivalenceCertificate,
  opts: AuditOptions,
  checks: AuditCheck[],
  auditEmbedded: (doc: unknown, opts: AuditOptions) => AuditResult,
): void {
  checks.push(
    ...equivalenceChecks({
      problem: c.problem,
      from: certifiedMinimumOf(c.certificates.a),
      to: certifiedMinimumOf(c.certificates.b),
      permutation: c.claims.permutation,
      squaredDistance: c.claims.squaredDistance,
    }),
  );
  for (const name of ['a', 'b'] as const) {
    if (checks.some((ch) => !ch.ok) && !opts.allChecks) return;
    const r = auditEmbedded(c.certificates[name], opts);
    const failed = r.checks.find((ch) => !ch.ok);
    checks.push({
      name: r.ok ? name : `${name}.${r.failedClaim ?? 'evaluation'}`,
      ok: r.ok,
      detail: r.ok
        ? `certificate ${name} (${r.id}) holds: ${r.verdict}, every claim re-checked`
        : `certificate ${name} does not hold: ${failed?.name}: ${failed?.detail ?? ''}`,
    });
  }
}
