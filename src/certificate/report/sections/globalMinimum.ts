/** Sections of a global-minimum certificate (lemma 'teacher-permutation'). */
import type { GlobalCertificate, ReducedGlobalCertificate } from '../../schema.js';
import { m, para, type InlineLike, type Section } from '../model.js';
import { S } from '../symbols.js';

export function globalMinimumSections(_c: GlobalCertificate | ReducedGlobalCertificate): Section[] {
  return [
    {
      id: 'proof',
      title: 'Proof',
      blocks: [
        para(
          'The nonzero columns of ',
          S.Wt,
          ' are, as a multiset, exactly the nonzero columns of ',
          m('V', 'V'),
          ' (checked by exact decimal comparison). Hence ',
          m('Σᵢ σ(w̃ᵢᵀx) = Σⱼ σ(vⱼᵀx)', '\\sum_i \\sigma(\\tilde w_i^{\\top} x) = \\sum_j \\sigma(v_j^{\\top} x)'),
          ' for every ',
          m('x', 'x'),
          ' (',
          m('σ(0) = 0', '\\sigma(0) = 0'),
          '; the sums differ only by the order of their terms), the integrand of ',
          S.F,
          ' vanishes identically, and ',
          m('F(W̃) = 0', 'F(\\tilde W) = 0'),
          '. Since ',
          m('F ≥ 0', 'F \\ge 0'),
          ', ',
          S.Wt,
          ' is a global minimum. ',
          S.qed,
        ),
      ],
    },
  ];
}

export function globalMinimumConclusion(): InlineLike[] {
  return [
    S.Wt,
    ' is a global minimum of ',
    S.F,
    ': it equals the teacher up to a permutation of neurons (and zero neurons), so ',
    m('F(W̃) = 0 = min F', 'F(\\tilde W) = 0 = \\min F'),
    '.',
  ];
}
