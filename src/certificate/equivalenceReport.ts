/**
 * A short Markdown statement of an 'equivalence' certificate (`certmin report` on that kind): the
 * theorem, the numbers of its hypotheses, each check of the audit that ran first, and a conclusion
 * built from claims only, given only when the audit holds. The theorem's proof is in
 * src/certify/equivalence.ts; the two embedded certificates have their own reports.
 */
import { EQUIVALENCE_LEMMA } from '../certify/equivalence.js';
import type { AuditResult } from './audit/index.js';
import type { EquivalenceCertificate } from './schema.js';

/** The one quotable sentence (claims and problem data only); none without a passing audit. */
export function equivalenceConclusion(c: EquivalenceCertificate, audit?: AuditResult): string {
  if (audit && !audit.ok) return `No conclusion: the certificate does not pass audit (claim "${audit.failedClaim}").`;
  const a = c.certificates.a.point.candidate.id;
  const b = c.certificates.b.point.candidate.id;
  return (
    `The local minimum certified for \`${a}\` (W*_a) and the one certified for \`${b}\` (W*_b) are the same up to a ` +
    'permutation: π(W*_a) = W*_b with π(W)[r][i] = W[coordinates[r]][neurons[i]] for the permutation in the table above; in particular ' +
    'F(W*_a) = F(W*_b) and their Hessians have the same spectrum.'
  );
}

export function equivalenceReportMarkdown(c: EquivalenceCertificate, audit?: AuditResult): string {
  const { a, b } = c.certificates;
  const { d, n, k } = c.problem;
  const auditText = !audit
    ? '_Not audited._'
    : audit.ok
      ? `Audited by this tool before writing this report: all ${audit.checks.length} checks hold (${audit.seconds.toFixed(2)} s), both embedded certificates re-checked in full.`
      : `**AUDIT FAILED**: the claim \`${audit.failedClaim}\` does not hold. Nothing below is proved.`;
  const out = [
    `# certmin equivalence certificate: ${a.point.candidate.id} ≡ ${b.point.candidate.id}`,
    '',
    `**Verdict: ${c.claims.verdict}.** ${auditText}`,
    '',
    `Problem: population ReLU loss F with d = ${d}, n = ${n}, k = ${k}, teacher ${c.problem.teacher.kind === 'identity' ? `I_${d}` : 'V (in the certificate)'}.`,
    '',
    `**Theorem (${EQUIVALENCE_LEMMA.id}, version ${EQUIVALENCE_LEMMA.version}).** ${EQUIVALENCE_LEMMA.statement}`,
    '',
    '*Proof.* π permutes entries, so it is linear and keeps the Frobenius norm, and F ∘ π = F (the coordinate permutation ' +
      "maps the teacher's columns onto themselves), so π(W*_a) is a critical point of F. It lies within " +
      '‖π(W*_a) − π(W̃_a)‖ + ‖π(W̃_a) − W̃_b‖ ≤ r_a + √D ≤ ρ_b of W̃_b, and W*_b is the only critical point of F in that ' +
      'ball (certificate b), so π(W*_a) = W*_b. ∎',
    '',
    '| quantity | value |',
    '|---|---|',
    `| certificate a | \`${a.point.candidate.id}\` (${a.claims.verdict}), r_a = ${a.claims.radius} |`,
    `| certificate b | \`${b.point.candidate.id}\` (${b.claims.verdict}), ρ_b = ${b.method.rho} |`,
    `| π: coordinates | [${c.claims.permutation.coordinates.join(', ')}] |`,
    `| π: neurons | [${c.claims.permutation.neurons.join(', ')}] |`,
    `| D ≥ ‖π(W̃_a) − W̃_b‖²_F | ${c.claims.squaredDistance} |`,
    '',
  ];
  if (audit) {
    out.push('Checks:', '');
    for (const ch of audit.checks) out.push(`- ${ch.ok ? '✓' : '✗'} ${ch.name}: ${ch.detail}`);
    out.push('');
  }
  out.push(`**Conclusion.** ${equivalenceConclusion(c, audit)}`, '');
  return out.join('\n');
}
