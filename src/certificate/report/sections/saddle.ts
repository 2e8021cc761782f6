/**
 * Sections of a saddle certificate (lemma 'krawczyk-morse', DESIGN.md §10): the existence theorem
 * in a max-norm box with its proof, the Morse-index argument, the loss lemma, and the certified
 * numbers η, κ, ρ, r, q and the loss enclosure.
 */
import { exactSub } from '../../../arith/exact.js';
import type { SaddleCertificate } from '../../schema.js';
import { em, list, m, mx, num, para, strong, type Block, type InlineLike, type Section } from '../model.js';
import { S } from '../symbols.js';
import { exactProduct } from './minimum.js';

function theoremBlocks(): Block[] {
  return [
    para(
      strong('Theorem (critical point in a box, with its Morse index).'),
      ' Let ',
      m('B = {W : |W − W̃|∞ ≤ ρ} ⊂ Ω', 'B = \\{W : |W - \\tilde W|_\\infty \\le \\rho\\} \\subset \\Omega'),
      ' and let ',
      S.Y,
      ' be any ',
      m('N×N', 'N\\times N'),
      ' matrix. If',
    ),
    list(
      ['(a) ', m('‖Y ∇F(W̃)‖∞ ≤ η', '\\|Y \\nabla F(\\tilde W)\\|_\\infty \\le \\eta'), ','],
      ['(b) ', m('‖I − Y ∇²F(W)‖∞ ≤ κ < 1', '\\|I - Y \\nabla^2 F(W)\\|_\\infty \\le \\kappa < 1'), ' for every ', m('W ∈ B', 'W \\in B'), ', and'],
      ['(c) ', m('η ≤ (1 − κ)ρ', '\\eta \\le (1 - \\kappa)\\rho'), ','],
    ),
    para(
      'then ',
      m('∇F', '\\nabla F'),
      ' has exactly one zero ',
      S.Ws,
      ' in ',
      S.B,
      ', and ',
      m('|W* − W̃|∞ ≤ η/(1 − κ)', '|W^* - \\tilde W|_\\infty \\le \\eta/(1 - \\kappa)'),
      '. If moreover, for a matrix ',
      S.X,
      ' with ',
      m('‖I − XᵀX‖∞ < 1', '\\|I - X^{\\top}X\\|_\\infty < 1'),
      ', the Gershgorin discs of the interval matrix ',
      m('C = XᵀMX ± |X|ᵀR|X|', 'C = X^{\\top}MX \\pm |X|^{\\top}R|X|'),
      ' (',
      m('[M ± R]', '[M \\pm R]'),
      ' the interval Hessian over ',
      S.B,
      ') split into ',
      S.q,
      ' discs inside ',
      m('(−∞, 0)', '(-\\infty, 0)'),
      ' and ',
      m('N − q', 'N - q'),
      ' inside ',
      m('(0, ∞)', '(0, \\infty)'),
      ', then ',
      m('∇²F(W*)', '\\nabla^2 F(W^*)'),
      ' has exactly ',
      S.q,
      ' negative eigenvalues and none zero: ',
      S.Ws,
      ' is a non-degenerate critical point of Morse index ',
      S.q,
      ', a saddle when ',
      m('1 ≤ q < N', '1 \\le q < N'),
      '.',
    ),
    para(
      em('Proof.'),
      ' ',
      m('T(W) = W − Y∇F(W)', 'T(W) = W - Y\\nabla F(W)'),
      ' satisfies ',
      m(
        "T(W) − T(W′) = ∫₀¹ (I − Y∇²F(W′ + s(W − W′))) ds · (W − W′)",
        "T(W) - T(W') = \\int_0^1 \\big(I - Y\\nabla^2 F(W' + s(W - W'))\\big)\\,ds\\,(W - W')",
      ),
      ', so by (b) it is a ',
      S.kappa,
      '-contraction on the convex set ',
      S.B,
      ', and by (a) and (c) ',
      m('|T(W) − W̃|∞ ≤ κρ + η ≤ ρ', '|T(W) - \\tilde W|_\\infty \\le \\kappa\\rho + \\eta \\le \\rho'),
      ': ',
      m('T', 'T'),
      ' maps ',
      S.B,
      " into itself. Banach's fixed-point theorem gives exactly one fixed point ",
      S.Ws,
      '; ',
      m('κ < 1', '\\kappa < 1'),
      ' makes ',
      m('Y∇²F', 'Y\\nabla^2 F'),
      ' nonsingular, so ',
      S.Y,
      ' is, and the fixed points of ',
      m('T', 'T'),
      ' are exactly the zeros of ',
      m('∇F', '\\nabla F'),
      '. Its distance: ',
      m('|W* − W̃| ≤ |T(W*) − T(W̃)| + |T(W̃) − W̃| ≤ κ|W* − W̃| + η', '|W^* - \\tilde W| \\le |T(W^*) - T(\\tilde W)| + |T(\\tilde W) - \\tilde W| \\le \\kappa|W^* - \\tilde W| + \\eta'),
      '. For every symmetric ',
      m('H ∈ [M ± R]', 'H \\in [M \\pm R]'),
      ', ',
      m('XᵀHX ∈ C', 'X^{\\top}HX \\in C'),
      '; ',
      S.X,
      ' is nonsingular, so by Sylvester\'s law of inertia ',
      S.H,
      ' and ',
      m('XᵀHX', 'X^{\\top}HX'),
      ' have the same inertia, which Gershgorin\'s count on the disjoint unions of discs fixes. ',
      m('∇²F(W*)', '\\nabla^2 F(W^*)'),
      ' is such an ',
      S.H,
      ' because ',
      m('W* ∈ B', 'W^* \\in B'),
      '. ',
      S.qed,
    ),
    para(
      strong('Loss.'),
      ' With ',
      m('L ≥ ‖∇²F(W)‖₂', 'L \\ge \\|\\nabla^2 F(W)\\|_2'),
      ' on ',
      S.B,
      ' and ',
      m('|W* − W̃|∞ ≤ r', '|W^* - \\tilde W|_\\infty \\le r'),
      ', Taylor\'s formula at the critical point ',
      S.Ws,
      ' gives ',
      m('|F(W̃) − F(W*)| ≤ ½·L·N·r²', '|F(\\tilde W) - F(W^*)| \\le \\tfrac12 L N r^2'),
      '; the loss enclosure below is the enclosure of ',
      m('F(W̃)', 'F(\\tilde W)'),
      ' widened by that amount and rounded outward.',
    ),
  ];
}

export function saddleSections(c: SaddleCertificate): Section[] {
  const cl = c.claims;
  const rho = num(c.method.rho, 'method.rho', 'method');
  const eta = num(cl.eta, 'claims.eta', 'claim');
  const kappa = num(cl.kappa, 'claims.kappa', 'claim');
  const oneMinusKappa = exactSub('1', cl.kappa);
  const hypotheses: Block[] = [
    para(
      `Enclosures at the centre use decimal interval arithmetic with ${c.method.precision} significant digits; the Hessian over the box is enclosed ` +
        `in outward-rounded Float64 interval arithmetic (angles at ${c.method.anglePrecision} digits), which also proves `,
      m('B ⊂ Ω', 'B \\subset \\Omega'),
      '. Inequalities between certified numbers are decided exactly.',
    ),
    para(strong('Box.'), ' ', mx(m('ρ = ', '\\rho = '), rho), '.'),
    para(strong('(a) Newton step.'), ' ', mx(m('η = ', '\\eta = '), eta), '.'),
    para(strong('(b) Contraction.'), ' ', mx(m('κ = ', '\\kappa = '), kappa), ' (max row sum of ', m('|I − YM| + |Y|R', '|I - YM| + |Y|R'), ', rounded up).'),
    para(
      strong('(c) Self-map.'),
      ' ',
      mx(
        m('η = ', '\\eta = '),
        eta,
        m(' ≤ (1 − κ)ρ = ', ' \\le (1 - \\kappa)\\rho = '),
        num(exactProduct(oneMinusKappa, c.method.rho), 'exact:(1-kappa)*rho', 'exact'),
      ),
      '.',
    ),
    para(strong('Morse index.'), ' ', mx(m('q = ', 'q = '), num(String(cl.morseIndex), 'claims.morseIndex', 'claim')), ' negative eigenvalues, none zero.'),
  ];
  const checks: InlineLike[][] = [
    [
      'Radius: ',
      mx(m('|W* − W̃|∞ ≤ η/(1 − κ) ≤ r = ', '|W^* - \\tilde W|_\\infty \\le \\eta/(1 - \\kappa) \\le r = '), num(cl.radius, 'claims.radius', 'claim')),
      '.',
    ],
    [
      'Loss: ',
      mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), num(cl.lossLower, 'claims.lossLower', 'claim'), m(', ', ',\\ '), num(cl.lossUpper, 'claims.lossUpper', 'claim'), m(']', ']')),
      '.',
    ],
  ];
  return [
    { id: 'lemma', title: 'The theorem', blocks: theoremBlocks() },
    { id: 'hypotheses', title: 'The hypotheses, with certified numbers', blocks: hypotheses },
    { id: 'checks', title: 'What follows', blocks: [list(...checks)] },
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

