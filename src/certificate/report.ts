/**
 * A certificate as a human-readable proof (Markdown): the problem, the lemma with its full
 * proof, each hypothesis with its certified number, each inequality checked (with the numbers,
 * recomputed by the audit that the report runs first), and a one-sentence conclusion.
 */
import { exactMul, exactSub } from '../arith/exact.js';
import { normaliseDecimalString } from '../certify/decimalStrings.js';
import { nonzeroTeacherNeurons } from '../certify/teacherPermutation.js';

/** An exact product for display: the same number, in exponent notation when it is tiny or huge. */
function mul(a: string, b: string): string {
  return normaliseDecimalString(exactMul(a, b));
}
import type { AuditResult } from './audit/index.js';
import { teacherMatrixOf, type Certificate, type OverparamCertificate, type RefusalCertificate, type SaddleCertificate } from './schema.js';
import { SADDLE_LEMMA, SADDLE_LEMMA_PROOF } from '../certify/saddleLemma.js';

const OBJECTIVE_TEXT = [
  'Student W = [w₁ … wₙ] ∈ ℝ^{d×n}, teacher V = [v₁ … v_k] ∈ ℝ^{d×k}, second layers all ones, σ(z) = max(z, 0):',
  '',
  '    F(W) = ½ · E_{x ~ N(0, I_d)} [ ( Σᵢ σ(wᵢᵀx) − Σⱼ σ(vⱼᵀx) )² ]',
  '',
  'In closed form, with κ(u, v) = E[σ(uᵀx)σ(vᵀx)] = |u||v|(sin θ + (π − θ) cos θ)/(2π), θ the angle between u and v,',
  '',
  '    F(W) = ½ Σ_{i,j} κ(wᵢ, wⱼ) − Σ_{i,j} κ(wᵢ, vⱼ) + ½ Σ_{i,j} κ(vᵢ, vⱼ).',
  '',
  'F ≥ 0. F is real-analytic on the smooth domain Ω = {every wᵢ ≠ 0, no two student neurons parallel or antiparallel, ' +
    'no student neuron parallel or antiparallel to a teacher neuron}.',
].join('\n');

const LEMMA_PROOF = [
  '**Lemma (strong-convexity ball, version 1).** Let W̃ ∈ ℝ^{d×n}, ρ > 0, and let B = {W : ‖W − W̃‖_F ≤ ρ} be contained in Ω. Suppose',
  '',
  '- (i) ‖∇F(W̃)‖_F ≤ g;',
  '- (ii) ∇²F(W) ⪰ μI for every W ∈ B, with μ > 0;',
  '- (iii) 2g < μρ.',
  '',
  'Then F has exactly one critical point W* in B; it is a strict local minimum; ‖W* − W̃‖_F ≤ g/μ; and ' +
    'F(W̃) − g²/(2μ) ≤ F(W*) ≤ F(W̃).',
  '',
  '*Proof.* F is twice continuously differentiable on a neighbourhood of B (B ⊂ Ω, F is analytic on the open set Ω). ' +
    'Let h satisfy ‖h‖ ≤ ρ. The segment {W̃ + th : 0 ≤ t ≤ 1} lies in the convex set B, so Taylor\'s formula with ' +
    'integral remainder gives',
  '',
  '    F(W̃ + h) = F(W̃) + ⟨∇F(W̃), h⟩ + ∫₀¹ (1 − t) · hᵀ ∇²F(W̃ + th) h dt.',
  '',
  'By the Cauchy–Schwarz inequality and (i), ⟨∇F(W̃), h⟩ ≥ −g‖h‖; by (ii), the integrand is at least (1 − t)μ‖h‖², whose ' +
    'integral is μ‖h‖²/2. Hence',
  '',
  '    F(W̃ + h) ≥ F(W̃) − g‖h‖ + μ‖h‖²/2   for all ‖h‖ ≤ ρ.        (★)',
  '',
  '*Existence.* F is continuous on the compact set B, so it attains its minimum over B at some W*. On the boundary ' +
    '‖h‖ = ρ, (★) gives F(W̃ + h) ≥ F(W̃) + ρ(μρ/2 − g) > F(W̃), because μρ/2 > g by (iii). So the minimum value, ' +
    'which is at most F(W̃), is not attained on the boundary: W* is an interior point of B, hence a local minimum of F ' +
    'on ℝ^{d×n}, and ∇F(W*) = 0.',
  '',
  '*Uniqueness and strictness.* For W, W′ ∈ B, the fundamental theorem of calculus along the segment from W′ to W ' +
    '(inside B) and (ii) give ⟨∇F(W) − ∇F(W′), W − W′⟩ = ∫₀¹ (W − W′)ᵀ ∇²F(W′ + t(W − W′)) (W − W′) dt ≥ μ‖W − W′‖². ' +
    'If W, W′ were two critical points in B, the left side would be 0, so W = W′: W* is the only critical point in B. ' +
    'Applying (★) with W* in place of W̃ and g = 0 (its gradient vanishes; (★) only used that the segment lies in B) ' +
    'gives F(W* + h) ≥ F(W*) + μ‖h‖²/2 > F(W*) for every h ≠ 0 with W* + h ∈ B: W* is a strict local minimum.',
  '',
  '*Distance.* Taking W = W̃, W′ = W* above: μ‖W̃ − W*‖² ≤ ⟨∇F(W̃) − 0, W̃ − W*⟩ ≤ g‖W̃ − W*‖, so ‖W* − W̃‖ ≤ g/μ.',
  '',
  '*Loss.* F(W*) ≤ F(W̃) because W* minimises F over B and W̃ ∈ B. With h = W* − W̃ (‖h‖ ≤ ρ) in (★), ' +
    'F(W*) ≥ F(W̃) + min_{s ≥ 0} (μs²/2 − gs) = F(W̃) − g²/(2μ). ∎',
  '',
  '*Consequence.* When n ≥ k₊ (the number of nonzero teacher neurons), the student can reproduce the teacher exactly (its ' +
    'nonzero neurons, the rest zero), so min F = 0. If moreover F(W̃) − g²/(2μ) > 0, then F(W*) > 0 = min F: the local ' +
    'minimum W* is **spurious**.',
  '',
  'This is a Taylor-expansion argument in the spirit of Safran & Shamir (2018), who bounded third derivatives over a ' +
    'ball; here hypothesis (ii) is instead proved by enclosing the Hessian over the whole ball with interval arithmetic, so ' +
    'no external bound is trusted.',
].join('\n');

function teacherText(c: Certificate): string {
  const t = c.problem.teacher;
  if (t.kind === 'identity') return `the identity V = I_${c.problem.d} (k = d = ${c.problem.d})`;
  return `the ${c.problem.d}×${c.problem.k} matrix V given exactly in the certificate (problem.teacher.V)`;
}

function candidateText(c: Certificate): string {
  const cand = c.point.candidate;
  const src = cand.source;
  const parts = [`\`${cand.id}\` from \`${src.file}\` (${src.format}`];
  if (src.index !== undefined) parts.push(`, index ${src.index}`);
  if (src.seed !== undefined) parts.push(`, seed ${src.seed}`);
  parts.push(')');
  if (src.sha256) parts.push(`, sha256 \`${src.sha256}\``);
  if (cand.multiplicity !== undefined) parts.push(`; the original experiment reached this family in ${cand.multiplicity} runs`);
  return parts.join('');
}

function auditLine(a: AuditResult | undefined): string {
  if (!a) return '_Not audited._';
  if (a.ok) {
    return `Audited by this tool before writing this report: all ${a.checks.length} checks hold (${a.seconds.toFixed(2)} s), recomputed from the problem, the point and the method alone.`;
  }
  const f = a.checks.find((ch) => !ch.ok);
  return `**AUDIT FAILED**: the claim \`${a.failedClaim}\` does not hold (${f?.detail ?? ''}). Nothing below is proved.`;
}

/**
 * The one quotable sentence, built only from claims (which audit checks) and problem data; no
 * free text of the certificate ever enters it. Without a passing audit there is no conclusion.
 */
export function conclusionSentence(c: Certificate, audit?: AuditResult): string {
  if (audit && !audit.ok) return `No conclusion: the certificate does not pass audit (claim "${audit.failedClaim}").`;
  const kPlus = nonzeroTeacherNeurons(teacherMatrixOf(c.problem), c.problem.k);
  switch (c.kind) {
    case 'minimum': {
      const cl = c.claims;
      const head = `There is a strict local minimum W* of F with ‖W* − W̃‖_F ≤ ${cl.radius} and F(W*) ∈ [${cl.lossLower}, ${cl.lossUpper}]`;
      if (cl.verdict === 'spurious-local-minimum') return `${head}; since ${cl.lossLower} > 0 and n = ${c.problem.n} ≥ k₊ = ${kPlus}, it is spurious.`;
      if (c.problem.n < kPlus) {
        return `${head}; the student has n = ${c.problem.n} < k₊ = ${kPlus} nonzero teacher neurons, so min F may be positive and the certificate does not decide whether W* is spurious.`;
      }
      return `${head}; the lower loss bound is not positive, so the certificate does not decide whether W* is spurious.`;
    }
    case 'saddle': {
      const cl = c.claims;
      return (
        `There is exactly one critical point W* of F with |W* − W̃|∞ ≤ ${cl.radius}; it is non-degenerate with Morse index ` +
        `${cl.morseIndex} (a saddle) and F(W*) ∈ [${cl.lossLower}, ${cl.lossUpper}].`
      );
    }
    case 'global-minimum':
      return 'W̃ is a global minimum of F: it equals the teacher up to a permutation of neurons (and zero neurons), so F(W̃) = 0 = min F.';
    case 'refusal':
      return `No claim about the point: certification was refused (${c.claims.reason}).`;
    case 'overparam-conditions': {
      const cl = c.claims;
      const max = cl.blockEigUpper.reduce((m, x) => (Number(x) > Number(m) ? x : m));
      return (
        `There is a spurious local minimum W* of F (n = k = ${c.problem.k}) with ‖W* − W̃‖_F ≤ ${c.minimum.claims.radius}; on that ` +
        `ball Σᵢ‖wᵢ‖ ≤ ${cl.normSumUpper} ≤ k and every block H′ᵢᵢ has an eigenvalue ≤ ${max} < 0, so by Safran, Yehudai & ` +
        'Shamir (2021, §4) W* becomes a saddle of the (k+1)-neuron objective.'
      );
    }
  }
}

function refusalEvidenceText(c: RefusalCertificate): string {
  const ev = c.claims.evidence;
  const parts: string[] = [];
  if (ev.lambdaMinFloat !== undefined) parts.push(`the Float64 smallest eigenvalue of the Hessian at the centre is ${ev.lambdaMinFloat}`);
  if (ev.gradBound !== undefined) parts.push(`the gradient at the centre is proved at most g = ${ev.gradBound}`);
  if (ev.attempts) parts.push(`the box proof failed for (μ, ρ) ∈ {${ev.attempts.map((a) => `(${a.mu}, ${a.rho})`).join(', ')}}`);
  if (ev.nearestZeroFloat !== undefined) parts.push(`the Float64 Hessian eigenvalue at the centre nearest to 0 is ${ev.nearestZeroFloat}`);
  if (c.claims.reason === 'existence-not-proved') {
    parts.push(
      ev.rho === undefined
        ? 'the Newton step Y∇F(W̃) overflowed'
        : `with η = ${ev.eta}, the existence test (or the inertia) fails over the box of half-width ${ev.rho}, while the inertia at the centre alone is proved`,
    );
  } else if (ev.rho !== undefined) {
    parts.push(ev.rho === '0' ? 'the centre itself is not proved inside Ω' : `the box of half-width ${ev.rho} is not proved inside Ω`);
  }
  return parts.length > 0 ? `Evidence (re-checked by audit): ${parts.join('; ')}.` : '';
}

/** Markdown proof of a (schema-valid) certificate; `audit` is the result of auditCertificate on it. */
export function reportMarkdown(c: Certificate, audit?: AuditResult): string {
  const { d, n, k } = c.problem;
  const out: string[] = [];
  const reason = c.kind === 'refusal' ? ` (${c.claims.reason})` : '';
  out.push(`# certmin certificate: ${c.point.candidate.id}`, '');
  out.push(`**Verdict: ${c.claims.verdict}${reason}.** ${auditLine(audit)}`, '');
  out.push('## Conclusion', '', `> ${conclusionSentence(c, audit)}`, '');
  out.push('## Problem', '', OBJECTIVE_TEXT, '');
  out.push(`Here d = ${d}, n = ${n}, k = ${k}; the teacher is ${teacherText(c)}.`, '');
  out.push(
    `The candidate is ${candidateText(c)}. The centre W̃ of the certificate is the candidate after ${c.point.polish.steps} ` +
      `Newton polishing step(s), at Frobenius distance at most ${c.point.polish.distanceUpper} from it; its ${d * n} ` +
      'coordinates are listed exactly (decimal strings) in `point.W` of the certificate.',
    '',
  );

  if (c.kind === 'refusal') {
    out.push('## What failed', '', `Reason: **${c.claims.reason}**. ${refusalEvidenceText(c)}`, '');
    if (c.provenance.hint) out.push(`certmin's explanation (informative, not part of any claim): ${c.provenance.hint}`, '');
    out.push('A refusal is a result, not a proof: this document claims nothing about the point beyond the evidence above.', '');
    out.push(provenanceText(c));
    return out.join('\n');
  }
  if (c.kind === 'global-minimum') {
    out.push(
      '## Proof',
      '',
      'The nonzero columns of W̃ are, as a multiset, exactly the nonzero columns of V (checked by exact decimal comparison). ' +
        'Hence Σᵢ σ(w̃ᵢᵀx) = Σⱼ σ(vⱼᵀx) for every x (σ(0) = 0; the sums differ only by the order of their terms), the ' +
        'integrand of F vanishes identically, and F(W̃) = 0. Since F ≥ 0, W̃ is a global minimum. ∎',
      '',
    );
    out.push(provenanceText(c));
    return out.join('\n');
  }
  if (c.kind === 'saddle') {
    out.push(...saddleSection(c, audit));
    out.push(provenanceText(c));
    return out.join('\n');
  }
  if (c.kind === 'overparam-conditions') {
    out.push(...overparamSection(c, audit));
    out.push(provenanceText(c));
    return out.join('\n');
  }
  if (c.kind !== 'minimum') {
    out.push(provenanceText(c));
    return out.join('\n');
  }
  const cl = c.claims;
  const m = c.method;
  const g = cl.gradBound;
  const mu = m.mu;
  const rho = m.rho;
  const r = cl.radius;
  const rc = audit?.recomputed;
  out.push('## The lemma', '', LEMMA_PROOF, '');
  out.push('## The hypotheses, with certified numbers', '');
  out.push(
    `All enclosures use decimal interval arithmetic with ${m.precision} significant digits (every lower end rounded toward ` +
      '−∞, every upper end toward +∞; arccos and π enclosed from +, −, ×, ÷, √ with explicit series remainders). ' +
      'Inequalities between certified numbers are decided exactly (big.js, no rounding).',
    '',
  );
  out.push(
    `**B ⊂ Ω.** The Hessian enclosure below is computed over the box {W : |W_ab − W̃_ab| ≤ ρ} with ρ = ${rho}, which ` +
      'contains B (‖h‖_max ≤ ‖h‖_F). The enclosure proves, for every point of the box, that every student norm is ' +
      'positive and every student–student and student–teacher cosine lies strictly inside (−1, 1); so B ⊂ Ω.',
    '',
  );
  out.push(
    `**(i) Gradient.** g = ${g}. The gradient ∇F(W̃) is enclosed coordinate-wise; the Frobenius norm of the enclosure, ` +
      `rounded upward, is ${rc?.gradNormUpper ?? '(recomputed by audit)'} ≤ g.`,
    '',
  );
  const N = n * d;
  out.push(
    `**(ii) Curvature.** μ = ${mu}. The Hessian of F (the ${N}×${N} matrix of d×d blocks) is enclosed entrywise ` +
      'over the whole box, in Float64 interval arithmetic with outward rounding (transcendental parts from decimal ' +
      `enclosures at ${m.anglePrecision} digits). With M the midpoint matrix and R the radius matrix of the enclosure, ` +
      `every symmetric H in it satisfies ‖H − M‖₂ ≤ t = max row sum of R${rc?.t !== undefined ? ` = ${rc.t.toExponential(4)}` : ''}. ` +
      'Rump\'s floating-point Cholesky criterion (S. M. Rump, "Verification of positive definiteness", BIT 46, 2006; ' +
      `engine \`${m.pdEngine}\`) proves M − (μ + t)I positive definite` +
      ', hence H − μI = (M − (μ + t)I) + (H − M + tI) ≻ 0 for every W in the box.' +
      (rc?.engines?.includes('congruence-gershgorin')
        ? ' The audit confirms it by an independent route: with X a float eigenvector matrix, every Gershgorin disc of Xᵀ(H − μI)X lies in (0, ∞), so by Sylvester\'s law of inertia H − μI has no eigenvalue ≤ 0.'
        : '') +
      (rc?.engines?.includes('decimal-ldl')
        ? ' An LDLᵀ factorisation in decimal interval arithmetic confirms it as well.'
        : ''),
    '',
  );
  out.push(`**(iii) Ball.** 2g = ${mul('2', g)} < μρ = ${mul(mu, rho)}.`, '');

  out.push('## Inequalities checked (exactly)', '');
  out.push(`- Radius: r = ${r} and r·μ = ${mul(r, mu)} ≥ g = ${g}, so ‖W* − W̃‖ ≤ g/μ ≤ r.`);
  if (rc?.lossLo !== undefined) {
    out.push(`- Loss of the centre: F(W̃) ∈ [${rc.lossLo}, ${rc.lossHi}].`);
    out.push(`- Upper loss bound: ${cl.lossUpper} ≥ ${rc.lossHi} ≥ F(W̃) ≥ F(W*).`);
    const lhs = mul(exactMul('2', mu), exactSub(rc.lossLo, cl.lossLower));
    out.push(
      `- Lower loss bound: 2μ(F_lo − ${cl.lossLower}) = ${lhs} ≥ g² = ${mul(g, g)}, so ` +
        `${cl.lossLower} ≤ F(W̃) − g²/(2μ) ≤ F(W*).`,
    );
  } else {
    out.push(`- Loss: F(W*) ∈ [${cl.lossLower}, ${cl.lossUpper}] (checked by audit).`);
  }
  if (cl.verdict === 'spurious-local-minimum') {
    out.push(
      `- Spurious: ${cl.lossLower} > 0 and n = ${n} ≥ k₊ = ${nonzeroTeacherNeurons(teacherMatrixOf(c.problem), k)} (so min F = 0).`,
    );
  }
  out.push('', '## Conclusion', '', `> ${conclusionSentence(c, audit)}`, '');
  out.push(provenanceText(c));
  return out.join('\n');
}

/** A short section for a saddle certificate: the lemma, its proof (saddleLemma.ts) and the certified numbers. */
function saddleSection(c: SaddleCertificate, audit?: AuditResult): string[] {
  const cl = c.claims;
  const rc = audit?.recomputed;
  return [
    '## The lemma',
    '',
    `**Lemma (${SADDLE_LEMMA.id}, version ${SADDLE_LEMMA.version}).** ${SADDLE_LEMMA.statement}`,
    '',
    ...SADDLE_LEMMA_PROOF.flatMap((p) => [p, '']),
    '## The certified numbers',
    '',
    `- Box: ρ = ${c.method.rho} (max-norm), proved inside Ω.`,
    `- (a) η = ${cl.eta}${rc?.eta !== undefined ? ` ≥ the audit's own bound ${Number(rc.eta).toPrecision(6)}` : ''}.`,
    `- (b) κ = ${cl.kappa}${rc?.kappa !== undefined ? ` ≥ the audit's own bound ${Number(rc.kappa).toPrecision(6)}` : ''} < 1.`,
    `- (c) η ≤ (1 − κ)ρ; radius r = ${cl.radius} ≥ η/(1 − κ).`,
    `- (d) Morse index q = ${cl.morseIndex} of N = ${c.problem.n * c.problem.d}.`,
    `- (e) F(W*) ∈ [${cl.lossLower}, ${cl.lossUpper}]${rc?.lossLo !== undefined ? `, from F(W̃) ∈ [${rc.lossLo}, ${rc.lossHi}]` : ''}.`,
    '',
    '## Conclusion',
    '',
    `> ${conclusionSentence(c, audit)}`,
    '',
  ];
}

/** A short section for an overparam-conditions certificate: the theorem, the conditions, the bounds. */
function overparamSection(c: OverparamCertificate, audit?: AuditResult): string[] {
  const m = c.minimum;
  return [
    '## The minimum it rests on',
    '',
    `Lemma ${m.method.lemma} (see a minimum certificate's report for its proof): g = ${m.claims.gradBound}, μ = ${m.method.mu}, ` +
      `ρ = ${m.method.rho}; verdict ${m.claims.verdict}, ‖W* − W̃‖_F ≤ r = ${m.claims.radius}, F(W*) ∈ [${m.claims.lossLower}, ${m.claims.lossUpper}].`,
    '',
    '## The theorem and the conditions proved',
    '',
    `**Theorem (cited, not checked).** ${c.method.theoremStatement}.`,
    '',
    `**Conditions (proved).** ${c.method.conditions}`,
    '',
    `- (i) normSumUpper = ${c.claims.normSumUpper} ≤ k = ${c.problem.k}.`,
    `- (ii) blockEigUpper by neuron: ${c.claims.blockEigUpper.join(', ')}.`,
    '',
    '## Conclusion',
    '',
    `> ${conclusionSentence(c, audit)}`,
    '',
  ];
}

/** Informative numbers, kept apart from the proof (audit never reads them). */
function provenanceText(c: Certificate): string {
  const p = c.provenance;
  const phases = Object.entries(p.seconds)
    .map(([name, sec]) => `${name} ${sec}`)
    .join(', ');
  return [
    '## Provenance (informative, not checked)',
    '',
    `Created by ${p.tool} ${p.version} at ${p.createdAt}; seconds: ${phases}. Re-check with \`certmin audit\`.`,
    '',
  ].join('\n');
}
