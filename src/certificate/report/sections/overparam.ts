/**
 * Sections of an overparam-conditions certificate (DESIGN.md §11): the minimum it rests on (with
 * its numbers), the cited theorem, the conditions proved over the minimum's ball and their bounds.
 */
import { isReducedCertificate, type OverparamCertificate, type ReducedOverparamCertificate } from '../../schema.js';

type AnyOverparam = OverparamCertificate | ReducedOverparamCertificate;
import { list, m, mx, num, para, strong, type InlineLike, type Section } from '../model.js';
import { S } from '../symbols.js';

export function overparamSections(c: AnyOverparam): Section[] {
  const mn = c.minimum;
  const blocks: InlineLike[] = [];
  c.claims.blockEigUpper.forEach((b, i) => {
    if (i > 0) blocks.push(', ');
    blocks.push(num(b, `claims.blockEigUpper.${i}`, 'claim'));
  });
  return [
    {
      id: 'minimum',
      title: 'The minimum it rests on',
      blocks: [
        para(
          `Lemma ${mn.method.lemma} (see a minimum certificate's report for its proof): `,
          mx(m('g = ', 'g = '), num(mn.claims.gradBound, 'minimum.claims.gradBound', 'claim')),
          ', ',
          mx(m('μ = ', '\\mu = '), num(mn.method.mu, 'minimum.method.mu', 'method')),
          ', ',
          mx(m('ρ = ', '\\rho = '), num(mn.method.rho, 'minimum.method.rho', 'method')),
          `; verdict ${mn.claims.verdict}, `,
          mx(m('‖W* − W̃‖_F ≤ r = ', '\\|W^* - \\tilde W\\|_F \\le r = '), num(mn.claims.radius, 'minimum.claims.radius', 'claim')),
          ', ',
          mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), num(mn.claims.lossLower, 'minimum.claims.lossLower', 'claim'), m(', ', ',\\ '), num(mn.claims.lossUpper, 'minimum.claims.lossUpper', 'claim'), m(']', ']')),
          '.',
        ),
      ],
    },
    {
      id: 'conditions',
      title: 'The theorem and the conditions proved',
      blocks: [
        para(strong('Theorem (cited, not checked).'), ` ${c.method.theoremStatement}.`),
        para(strong('Conditions (proved).'), ` ${c.method.conditions}`),
        list(
          ['(i) ', mx(m('normSumUpper = ', '\\mathrm{normSumUpper} = '), num(c.claims.normSumUpper, 'claims.normSumUpper', 'claim'), m(` ≤ k = ${c.problem.k}`, ` \\le k = ${c.problem.k}`)), '.'],
          [isReducedCertificate(c) ? `(ii) blockEigUpper by block (its first neuron; p = [${c.point.compact.p.join(', ')}]): ` : '(ii) blockEigUpper by neuron: ', ...blocks, '.'],
        ),
      ],
    },
  ];
}

/** The largest per-neuron bound (as printed in the certificate). */
function maxBound(c: AnyOverparam): string {
  return c.claims.blockEigUpper.reduce((a, x) => (Number(x) > Number(a) ? x : a));
}

export function overparamConclusion(c: AnyOverparam): InlineLike[] {
  return [
    'There is a spurious local minimum ',
    S.Ws,
    ' of ',
    S.F,
    ` (n = k = ${c.problem.k}) with `,
    mx(m('‖W* − W̃‖_F ≤ ', '\\|W^* - \\tilde W\\|_F \\le '), num(c.minimum.claims.radius, 'minimum.claims.radius', 'claim')),
    '; on that ball ',
    mx(m('Σᵢ‖wᵢ‖ ≤ ', '\\sum_i \\|w_i\\| \\le '), num(c.claims.normSumUpper, 'claims.normSumUpper', 'claim'), m(' ≤ k', ' \\le k')),
    ...(isReducedCertificate(c)
      ? [' and the block ', m('H′ᵢᵢ', "H'_{ii}"), ' of the first neuron i of every block of the compact form has an eigenvalue ']
      : [' and every block ', m('H′ᵢᵢ', "H'_{ii}"), ' has an eigenvalue ']),
    mx(m('≤ ', '\\le '), num(maxBound(c), `claims.blockEigUpper.${c.claims.blockEigUpper.indexOf(maxBound(c))}`, 'claim'), m(' < 0', ' < 0')),
    ...(isReducedCertificate(c) ? ['; W* is G-fixed, so at W* the blocks of all neurons of a block are permutation-similar and have it too'] : []),
    ', so by Safran, Yehudai & Shamir (2021, §4) ',
    S.Ws,
    ' becomes a saddle of the (k+1)-neuron objective.',
  ];
}
