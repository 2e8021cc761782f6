/**
 * The parts of the Markdown proof (report.ts) that differ for a reduced certificate (a compact
 * centre, DESIGN.md §9): the centre in compact form, and hypothesis (ii) through the isotypic
 * blocks with the table of types (dimension, multiplicity, proved lower bound).
 */
import type { Recomputed } from './audit/types.js';
import type { CompactCentre, ReducedMinimumCertificate } from './schema.js';

/** The sentence ending the report's description of the centre. */
export function compactCentreText(pt: CompactCentre): string {
  const m = pt.p.length;
  return (
    `coordinates are given exactly in compact form (\`point.compact\`: block sizes p = [${pt.p.join(', ')}] and ${m}×${m + 1} ` +
    'decimal values; W[r][c] = vals[b(r)][b(c)] across blocks, vals[b][b] on the diagonal, vals[b][m] off the diagonal inside ' +
    'block b), so W̃ is fixed by G = S_{p₁} × … × S_{p_m} acting by W ↦ PWPᵀ.'
  );
}

/** Hypothesis (ii) by isotypic blocks, then the types table. */
export function reducedCurvatureText(c: ReducedMinimumCertificate, rc: Recomputed | undefined): string[] {
  const m = c.method;
  const cl = c.claims;
  const k = c.problem.k;
  const rows = cl.types.map((t) => `| ${t.type} | ${t.dimension} | ${t.multiplicity} | ${t.lowerBound} |`);
  return [
    `**(ii) Curvature.** μ = ${m.mu}. The box {|W_ab − W̃_ab| ≤ ρ} is invariant under G (W̃ is G-fixed), so the range of a ` +
      'Hessian entry over the box is the same for every entry of its G-orbit: the Hessian is enclosed with one decimal ' +
      `interval per orbit (${m.hessianPrecision} digits, outward rounded). Its midpoint M and radius R commute with G; every symmetric H ` +
      `in the enclosure satisfies ‖H − M‖₂ ≤ t = ${cl.t} (t ≥ the largest row sum of R, summed with exact orbit counts). ` +
      `By Schur's lemma, R^{${k}×${k}} splits into the isotypic components of G, on each of which M acts through a small ` +
      'matrix B_τ against the exact Gram matrix Γ_τ of the chosen copies; exact Bareiss elimination ' +
      `(engine \`${m.pdEngine}\`) proves B_τ − (μ_τ + t)Γ_τ ≻ 0 for every type τ with μ_τ ≥ μ. Since the components fill the ` +
      `space (Σ dimension × multiplicity = ${cl.dimensionSum} = k²), M − (μ + t)I ≻ 0, hence H ⪰ μI for every W in the box.` +
      (rc?.engines?.includes('rump-cholesky-2006')
        ? " The audit confirmed (i), (ii) and the loss by its own dense route (Rump's criterion on the dense box Hessian of the expanded point)."
        : ''),
    '',
    'The unique critical point W* in the ball is G-fixed (its image under G is another critical point in the G-invariant ball), so ' +
      '∇²F(W*) preserves each component and its eigenvalues there exceed the proved bound μ_τ:',
    '',
    '| type | dimension | multiplicity | proved lower bound μ_τ |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}
