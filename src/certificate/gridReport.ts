/**
 * A minimal Markdown report of a finite-data certificate (the full renderer of every kind belongs
 * to src/certificate/report.ts): the problem with its loss normalisation, the verdict, a conclusion
 * built from claims only and only when the audit holds, the audit's checks, and the float evidence
 * of an embedding of a smaller network, labelled as such.
 */
import type { AuditResult } from './audit/types.js';
import type { GridCertificate } from './gridSchema.js';

/** The quotable conclusion, from claims (checked by audit) and problem data only. */
export function gridConclusionSentence(c: GridCertificate, audit?: AuditResult): string {
  if (audit && !audit.ok) return `No conclusion: the certificate does not pass audit (claim "${audit.failedClaim}").`;
  switch (c.kind) {
    case 'minimum': {
      const cl = c.claims;
      const relu = c.method.coordinates === 'reduced-relu';
      const head = relu
        ? `L̂(u) = L(s, u) (u_i = |a_i| w_i, s = signs of a) has a strict local minimum u* with ‖u* − ũ‖₂ ≤ ${cl.radius}, so every θ with sign a_i = s_i and |a_i| w_i = u*_i is a (non-strict) local minimum of L`
        : `L has a strict local minimum θ* with ‖θ* − θ̃‖₂ ≤ ${cl.radius}`;
      const loss = ` and L(·*) ∈ [${cl.lossLower}, ${cl.lossUpper}]`;
      return cl.verdict === 'spurious-local-minimum'
        ? `${head}${loss}; since ${cl.lossLower} > 0 = min L (the student embeds the teacher), it is spurious.`
        : `${head}${loss}; the certificate does not decide whether it is spurious.`;
    }
    case 'saddle':
      return `L has exactly one critical point θ* with ‖θ* − θ̃‖∞ ≤ ${c.claims.radius}; it is non-degenerate with Morse index ${c.claims.morseIndex} (a saddle) and L(θ*) ∈ [${c.claims.lossLower}, ${c.claims.lossUpper}].`;
    case 'global-minimum':
      return `The point θ_E of the certificate is a global minimum (L(θ_E) = 0: its network function equals the teacher's) and ‖θ̃ − θ_E‖₂ ≤ ${c.claims.distance}.`;
    case 'refusal':
      return `No claim about the point: certification was refused (${c.claims.reason}).`;
  }
}

export function gridReportMarkdown(c: GridCertificate, audit?: AuditResult): string {
  const p = c.problem;
  const data = p.data.kind === 'grid-41x41' ? 'the grid {−5, −4.75, …, 5}² (P = 1681)' : `${p.P} data points given in the certificate`;
  const labels = p.teacher ? `labelled by the teacher ${p.teacher.kind === 'simsek-4' ? 'simsek-4' : 'given in the certificate'}` : 'with labels given in the certificate';
  const out = [
    `# certmin certificate: ${c.point.candidate.id}`,
    '',
    `**Verdict: ${c.claims.verdict}${c.kind === 'refusal' ? ` (${c.claims.reason})` : ''}.** ${audit ? (audit.ok ? 'The audit re-derived every claim.' : `**AUDIT FAILED** (claim \`${audit.failedClaim}\`).`) : 'Not audited.'}`,
    '',
    '## Conclusion',
    '',
    `> ${gridConclusionSentence(c, audit)}`,
    '',
    '## Problem',
    '',
    `Finite-data teacher–student (grid-teacher-2d), ${p.activation}, student width n = ${p.n}, data ${data}, ${labels}; ` +
      `loss ${p.loss}.`,
    '',
    `Method: ${c.method.lemma}${'statement' in c.method ? ` — ${c.method.statement}` : ''}`,
    '',
  ];
  if (audit) {
    out.push('## Audit', '', '| check | holds | detail |', '|---|---|---|');
    for (const ch of audit.checks) out.push(`| ${ch.name} | ${ch.ok ? 'yes' : '**no**'} | ${ch.detail.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  const emb = c.provenance.details?.floatEmbedding as { reducedN?: number; level?: number } | undefined;
  if (emb && typeof emb.level === 'number') {
    out.push(
      '## Float evidence (not proved)',
      '',
      emb.level === 0
        ? 'At the candidate no neuron has outgoing weight ≈ 0 and no two neurons have equal incoming weights.'
        : `At the candidate, removing neurons of outgoing weight ≈ 0 and merging duplicated neurons leaves a network of width ${emb.reducedN} (level ${emb.level}): float evidence of an embedding of a smaller network.`,
      '',
    );
  }
  if (c.provenance.hint) out.push(`certmin's note: ${c.provenance.hint}`, '');
  return `${out.join('\n')}\n`;
}
