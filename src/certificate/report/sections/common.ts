/**
 * Sections every certificate kind shares: the problem (objective, sizes, teacher, candidate and
 * centre) and the provenance (informative, never part of a conclusion).
 */
import type { Certificate } from '../../schema.js';
import { code, display, inl, m, num, para, text, type Block, type Inline, type Section } from '../model.js';
import { S } from '../symbols.js';
import { compactCentreInlines } from './reduced.js';

/** The objective, in words and formulas (DESIGN.md §2). */
export function objectiveBlocks(): Block[] {
  return [
    para(
      'Student ',
      m('W = [w₁ … wₙ] ∈ ℝ^{d×n}', 'W = [w_1 \\dots w_n] \\in \\mathbb{R}^{d\\times n}'),
      ', teacher ',
      m('V = [v₁ … v_k] ∈ ℝ^{d×k}', 'V = [v_1 \\dots v_k] \\in \\mathbb{R}^{d\\times k}'),
      ', second layers all ones, ',
      m('σ(z) = max(z, 0)', '\\sigma(z) = \\max(z, 0)'),
      ':',
    ),
    display(
      m(
        'F(W) = ½ · E_{x ~ N(0, I_d)} [ ( Σᵢ σ(wᵢᵀx) − Σⱼ σ(vⱼᵀx) )² ]',
        'F(W) = \\tfrac12\\, \\mathbb{E}_{x \\sim N(0, I_d)} \\Big[ \\Big( \\sum_i \\sigma(w_i^{\\top} x) - \\sum_j \\sigma(v_j^{\\top} x) \\Big)^2 \\Big]',
      ),
    ),
    para(
      'In closed form, with ',
      m(
        'κ(u, v) = E[σ(uᵀx)σ(vᵀx)] = |u||v|(sin θ + (π − θ) cos θ)/(2π)',
        '\\kappa(u, v) = \\mathbb{E}[\\sigma(u^{\\top} x)\\sigma(v^{\\top} x)] = |u|\\,|v|\\,(\\sin\\theta + (\\pi - \\theta)\\cos\\theta)/(2\\pi)',
      ),
      ', ',
      m('θ', '\\theta'),
      ' the angle between ',
      m('u', 'u'),
      ' and ',
      m('v', 'v'),
      ',',
    ),
    display(
      m(
        'F(W) = ½ Σ_{i,j} κ(wᵢ, wⱼ) − Σ_{i,j} κ(wᵢ, vⱼ) + ½ Σ_{i,j} κ(vᵢ, vⱼ).',
        'F(W) = \\tfrac12 \\sum_{i,j} \\kappa(w_i, w_j) - \\sum_{i,j} \\kappa(w_i, v_j) + \\tfrac12 \\sum_{i,j} \\kappa(v_i, v_j).',
      ),
    ),
    para(
      m('F ≥ 0', 'F \\ge 0'),
      '. ',
      S.F,
      ' is real-analytic on the smooth domain ',
      m(
        'Ω = {every wᵢ ≠ 0, no two student neurons parallel or antiparallel, no student neuron parallel or antiparallel to a teacher neuron}',
        '\\Omega = \\{\\text{every } w_i \\ne 0,\\ \\text{no two student neurons parallel or antiparallel, no student neuron parallel or antiparallel to a teacher neuron}\\}',
      ),
      '.',
    ),
  ];
}

function teacherInlines(c: Certificate): Inline[] {
  const { d, k } = c.problem;
  if (c.problem.teacher.kind === 'identity') {
    return inl('the identity ', m(`V = I_${d}`, `V = I_{${d}}`), ' (', m(`k = d = ${d}`, `k = d = ${d}`), ')');
  }
  return inl('the ', m(`${d}×${k}`, `${d}\\times ${k}`), ' matrix ', m('V', 'V'), ' given exactly in the certificate (', code('problem.teacher.V'), ')');
}

function candidateInlines(c: Certificate): Inline[] {
  const cand = c.point.candidate;
  const src = cand.source;
  const out: Inline[] = [code(cand.id), text(' from '), code(src.file), text(` (${src.format}`)];
  if (src.index !== undefined) out.push(text(`, index ${src.index}`));
  if (src.seed !== undefined) out.push(text(`, seed ${src.seed}`));
  out.push(text(')'));
  if (src.sha256) out.push(text(', sha256 '), code(src.sha256));
  if (cand.multiplicity !== undefined) {
    out.push(text(`; the original experiment reached this family in ${cand.multiplicity} runs`));
  }
  return out;
}

export function problemSection(c: Certificate): Section {
  const { d, n, k } = c.problem;
  return {
    id: 'problem',
    title: 'Problem',
    blocks: [
      ...objectiveBlocks(),
      para(
        'Here ',
        m(`d = ${d}, n = ${n}, k = ${k}`, `d = ${d},\\ n = ${n},\\ k = ${k}`),
        '; the teacher is ',
        ...teacherInlines(c),
        '.',
      ),
      para(
        'The candidate is ',
        ...candidateInlines(c),
        '. The centre ',
        S.Wt,
        ` of the certificate is the candidate after ${c.point.polish.steps} Newton polishing step(s), at Frobenius distance at most `,
        num(c.point.polish.distanceUpper, 'point.polish.distanceUpper', 'method'),
        ` from it; its ${d * n} `,
        ...('compact' in c.point
          ? compactCentreInlines(c.point.compact)
          : ['coordinates are listed exactly (decimal strings) in ', code('point.W'), ' of the certificate.']),
      ),
    ],
  };
}

/** Informative numbers, kept apart from the proof (audit never reads them). */
export function provenanceSection(c: Certificate, extra: Block[] = []): Section {
  const p = c.provenance;
  const phases = Object.entries(p.seconds)
    .map(([name, sec]) => `${name} ${sec}`)
    .join(', ');
  return {
    id: 'provenance',
    title: 'Provenance (informative, not checked)',
    informative: true,
    blocks: [
      para(`Created by ${p.tool} ${p.version} at ${p.createdAt}; seconds: ${phases}. Re-check with `, code('certmin audit'), '.'),
      ...extra,
    ],
  };
}

/** "certmin's explanation (informative …)" for a hint certify wrote. */
export function hintBlock(hint: string): Block {
  return para("certmin's explanation (informative, not part of any claim): ", hint);
}
