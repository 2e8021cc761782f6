/** Formulas that recur across sections, each spelled once in Unicode and once in LaTeX. */
import { m } from './model.js';

export const S = {
  F: m('F', 'F'),
  W: m('W', 'W'),
  Wt: m('W̃', '\\tilde W'),
  Ws: m('W*', 'W^*'),
  B: m('B', 'B'),
  Omega: m('Ω', '\\Omega'),
  rho: m('ρ', '\\rho'),
  mu: m('μ', '\\mu'),
  g: m('g', 'g'),
  h: m('h', 'h'),
  t: m('t', 't'),
  n: m('n', 'n'),
  k: m('k', 'k'),
  kPlus: m('k₊', 'k_+'),
  eta: m('η', '\\eta'),
  kappa: m('κ', '\\kappa'),
  Y: m('Y', 'Y'),
  X: m('X', 'X'),
  M: m('M', 'M'),
  R: m('R', 'R'),
  H: m('H', 'H'),
  q: m('q', 'q'),
  N: m('N', 'N'),
  qed: m('∎', '\\qquad\\blacksquare'),
} as const;
