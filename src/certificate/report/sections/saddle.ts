/**
 * Sections of a saddle certificate (lemma 'krawczyk-morse', DESIGN.md §10): the lemma as stated
 * and proved in src/certify/saddleLemma.ts (the one text of it), then each hypothesis with its
 * certified number (and the audit's own bound beside it) and what follows.
 */
import { exactSub } from '../../../arith/exact.js';
import { SADDLE_LEMMA, SADDLE_LEMMA_PROOF } from '../../../certify/saddleLemma.js';
import type { AuditResult } from '../../audit/index.js';
import type { SaddleCertificate } from '../../schema.js';
import { em, list, m, mx, num, para, strong, type Block, type InlineLike, type Section } from '../model.js';
import { S } from '../symbols.js';
import { exactProduct } from './minimum.js';

function lemmaBlocks(): Block[] {
  return [
    para(strong(`Lemma (${SADDLE_LEMMA.id}, version ${SADDLE_LEMMA.version}).`), ' ', SADDLE_LEMMA.statement),
    ...SADDLE_LEMMA_PROOF.map((p, i) => (i === 0 ? para(em('Proof.'), ' ', p) : para(p))),
  ];
}

export function saddleSections(c: SaddleCertificate, audit?: AuditResult): Section[] {
  const cl = c.claims;
  const rc = audit?.recomputed;
  const eta = num(cl.eta, 'claims.eta', 'claim');
  const kappa = num(cl.kappa, 'claims.kappa', 'claim');
  const auditBound = (v: string | undefined, field: string): InlineLike[] =>
    v !== undefined ? [" (the audit's own bound: ", num(v, field, 'audit'), ')'] : [];
  const hypotheses: Block[] = [
    para(
      `Enclosures at the centre use decimal interval arithmetic with ${c.method.precision} significant digits; the Hessian over the box is enclosed ` +
        `in outward-rounded Float64 interval arithmetic (angles at ${c.method.anglePrecision} digits), which also proves `,
      m('B ⊂ Ω', 'B \\subset \\Omega'),
      '. Inequalities between certified numbers are decided exactly.',
    ),
    list(
      ['Box: ', mx(m('ρ = ', '\\rho = '), num(c.method.rho, 'method.rho', 'method')), ' (max-norm), proved inside ', S.Omega, '.'],
      ['(a) ', mx(m('η = ', '\\eta = '), eta), ...auditBound(rc?.eta, 'audit.eta'), '.'],
      ['(b) ', mx(m('κ = ', '\\kappa = '), kappa), ...auditBound(rc?.kappa, 'audit.kappa'), m(' < 1', ' < 1'), '.'],
      [
        '(c) ',
        mx(m('η ≤ (1 − κ)ρ = ', '\\eta \\le (1 - \\kappa)\\rho = '), num(exactProduct(exactSub('1', cl.kappa), c.method.rho), 'exact:(1-kappa)*rho', 'exact')),
        '; radius ',
        mx(m('r = ', 'r = '), num(cl.radius, 'claims.radius', 'claim'), m(' ≥ η/(1 − κ)', ' \\ge \\eta/(1 - \\kappa)')),
        '.',
      ],
      ['(d) Morse index ', mx(m('q = ', 'q = '), num(String(cl.morseIndex), 'claims.morseIndex', 'claim')), ' of ', m(`N = ${c.problem.n * c.problem.d}`, `N = ${c.problem.n * c.problem.d}`), '.'],
      [
        '(e) ',
        mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), num(cl.lossLower, 'claims.lossLower', 'claim'), m(', ', ',\\ '), num(cl.lossUpper, 'claims.lossUpper', 'claim'), m(']', ']')),
        ...(rc?.lossLo !== undefined && rc.lossHi !== undefined
          ? [', from ', mx(m('F(W̃) ∈ [', 'F(\\tilde W) \\in ['), num(rc.lossLo, 'audit.lossLo', 'audit'), m(', ', ',\\ '), num(rc.lossHi, 'audit.lossHi', 'audit'), m(']', ']'))]
          : []),
        '.',
      ],
    ),
  ];
  return [
    { id: 'lemma', title: 'The lemma', blocks: lemmaBlocks() },
    { id: 'hypotheses', title: 'The certified numbers', blocks: hypotheses },
  ];
}

export function saddleConclusion(c: SaddleCertificate): InlineLike[] {
  const cl = c.claims;
  return [
    'There is exactly one critical point ',
    S.Ws,
    ' of ',
    S.F,
    ' with ',
    mx(m('|W* − W̃|∞ ≤ ', '|W^* - \\tilde W|_\\infty \\le '), num(cl.radius, 'claims.radius', 'claim')),
    '; it is non-degenerate with Morse index ',
    num(String(cl.morseIndex), 'claims.morseIndex', 'claim'),
    ' (a saddle) and ',
    mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), num(cl.lossLower, 'claims.lossLower', 'claim'), m(', ', ',\\ '), num(cl.lossUpper, 'claims.lossUpper', 'claim'), m(']', ']')),
    '.',
  ];
}
