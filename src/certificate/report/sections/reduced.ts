/**
 * The parts of a report that differ for a reduced certificate (a compact centre, DESIGN.md §9):
 * the centre in compact form, and hypothesis (ii) through the isotypic blocks with the list of
 * types (dimension, multiplicity, proved lower bound).
 */
import type { Recomputed } from '../../audit/types.js';
import type { CompactCentre, ReducedMinimumCertificate } from '../../schema.js';
import { code, list, m, mx, num, para, strong, type Block, type InlineLike } from '../model.js';
import { S } from '../symbols.js';

/** The end of the problem section's sentence about the centre's coordinates. */
export function compactCentreInlines(pt: CompactCentre): InlineLike[] {
  const blocks = pt.p.length;
  return [
    'coordinates are given exactly in compact form (',
    code('point.compact'),
    `: block sizes p = [${pt.p.join(', ')}] and ${blocks}×${blocks + 1} decimal values; W[r][c] = vals[b(r)][b(c)] across blocks, ` +
      'vals[b][b] on the diagonal, vals[b][m] off the diagonal inside block b), so ',
    S.Wt,
    ' is fixed by ',
    m('G = S_{p₁} × … × S_{p_m}', 'G = S_{p_1} \\times \\dots \\times S_{p_m}'),
    ' acting by ',
    m('W ↦ PWPᵀ', 'W \\mapsto PWP^{\\top}'),
    '.',
  ];
}

/** Hypothesis (ii) by isotypic blocks, then the list of types. */
export function reducedCurvatureBlocks(c: ReducedMinimumCertificate, rc: Recomputed | undefined): Block[] {
  const meth = c.method;
  const cl = c.claims;
  const k = c.problem.k;
  return [
    para(
      strong('(ii) Curvature.'),
      ' ',
      mx(m('μ = ', '\\mu = '), num(meth.mu, 'method.mu', 'method')),
      '. The box ',
      m('{|W_ab − W̃_ab| ≤ ρ}', '\\{|W_{ab} - \\tilde W_{ab}| \\le \\rho\\}'),
      ` is invariant under G (W̃ is G-fixed), so the range of a Hessian entry over the box is the same for every entry of its ` +
        `G-orbit: the Hessian is enclosed with one decimal interval per orbit (${meth.hessianPrecision} digits, outward rounded). Its midpoint `,
      S.M,
      ' and radius ',
      S.R,
      ' commute with G; every symmetric ',
      S.H,
      ' in the enclosure satisfies ',
      mx(m('‖H − M‖₂ ≤ t = ', '\\|H - M\\|_2 \\le t = '), num(cl.t, 'claims.t', 'claim')),
      " (t ≥ the largest row sum of R, summed with exact orbit counts). By Schur's lemma, ",
      m(`ℝ^{${k}×${k}}`, `\\mathbb{R}^{${k}\\times ${k}}`),
      ' splits into the isotypic components of G, on each of which M acts through a small matrix ',
      m('B_τ', 'B_\\tau'),
      ' against the exact Gram matrix ',
      m('Γ_τ', '\\Gamma_\\tau'),
      ' of the chosen copies; exact Bareiss elimination (engine ',
      code(meth.pdEngine),
      ') proves ',
      m('B_τ − (μ_τ + t)Γ_τ ≻ 0', 'B_\\tau - (\\mu_\\tau + t)\\Gamma_\\tau \\succ 0'),
      ' for every type τ with ',
      m('μ_τ ≥ μ', '\\mu_\\tau \\ge \\mu'),
      '. Since the components fill the space (Σ dimension × multiplicity = ',
      num(cl.dimensionSum, 'claims.dimensionSum', 'claim'),
      ' = k²), ',
      m('M − (μ + t)I ≻ 0', 'M - (\\mu + t)I \\succ 0'),
      ', hence ',
      m('H ⪰ μI', 'H \\succeq \\mu I'),
      ' for every W in the box.',
      ...(rc?.engines?.includes('rump-cholesky-2006')
        ? [" The audit confirmed (i), (ii) and the loss by its own dense route (Rump's criterion on the dense box Hessian of the expanded point)."]
        : []),
    ),
    para(
      'The unique critical point ',
      S.Ws,
      ' in the ball is G-fixed (its image under G is another critical point in the G-invariant ball), so ',
      m('∇²F(W*)', '\\nabla^2 F(W^*)'),
      ' preserves each component and its eigenvalues there exceed the proved bound ',
      m('μ_τ', '\\mu_\\tau'),
      ' (type (its blocks): dimension × multiplicity, bound):',
    ),
    list(
      ...cl.types.map((t, i): InlineLike[] => [
        code(t.type),
        ...(t.blocks.length > 0 ? [' (blocks ', ...t.blocks.flatMap((b, q) => [...(q > 0 ? [', '] : []), num(String(b), `claims.types.${i}.blocks.${q}`, 'claim')]), ')'] : []),
        ': ',
        num(t.dimension, `claims.types.${i}.dimension`, 'claim'),
        ' × ',
        num(String(t.multiplicity), `claims.types.${i}.multiplicity`, 'claim'),
        ', ',
        mx(m('μ_τ = ', '\\mu_\\tau = '), num(t.lowerBound, `claims.types.${i}.lowerBound`, 'claim')),
      ]),
    ),
  ];
}
