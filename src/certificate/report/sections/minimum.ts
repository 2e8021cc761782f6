/**
 * Sections of a minimum certificate (lemma 'strong-convexity-ball', DESIGN.md §3): the lemma with
 * its full proof, each hypothesis with its certified number, and each inequality checked exactly.
 */
import { exactMul, exactSub } from '../../../arith/exact.js';
import { normaliseDecimalString } from '../../../certify/decimalStrings.js';
import type { AuditResult } from '../../audit/index.js';
import type { Recomputed } from '../../audit/types.js';
import { isReducedCertificate, type MinimumCertificate, type ReducedMinimumCertificate } from '../../schema.js';
import { display, em, inl, list, m, mx, num, para, strong, type Block, type InlineLike, type NumberPart, type Section } from '../model.js';
import { S } from '../symbols.js';
import { reducedCurvatureBlocks } from './reduced.js';

/** An exact product of certified numbers, printed in exponent notation when tiny or huge. */
export function exactProduct(a: string, b: string): string {
  return normaliseDecimalString(exactMul(a, b));
}

/** The lemma and its proof (the same text for every minimum certificate). */
export function minimumLemmaBlocks(): Block[] {
  const ball = m('B = {W : ‖W − W̃‖_F ≤ ρ}', 'B = \\{W : \\|W - \\tilde W\\|_F \\le \\rho\\}');
  const hNorm = m('‖h‖ ≤ ρ', '\\|h\\| \\le \\rho');
  return [
    para(
      strong('Lemma (strong-convexity ball, version 1).'),
      ' Let ',
      m('W̃ ∈ ℝ^{d×n}', '\\tilde W \\in \\mathbb{R}^{d\\times n}'),
      ', ',
      m('ρ > 0', '\\rho > 0'),
      ', and let ',
      ball,
      ' be contained in ',
      S.Omega,
      '. Suppose',
    ),
    list(
      ['(i) ', m('‖∇F(W̃)‖_F ≤ g', '\\|\\nabla F(\\tilde W)\\|_F \\le g'), ';'],
      ['(ii) ', m('∇²F(W) ⪰ μI', '\\nabla^2 F(W) \\succeq \\mu I'), ' for every ', m('W ∈ B', 'W \\in B'), ', with ', m('μ > 0', '\\mu > 0'), ';'],
      ['(iii) ', m('2g < μρ', '2g < \\mu\\rho'), '.'],
    ),
    para(
      'Then ',
      S.F,
      ' has exactly one critical point ',
      S.Ws,
      ' in ',
      S.B,
      '; it is a strict local minimum; ',
      m('‖W* − W̃‖_F ≤ g/μ', '\\|W^* - \\tilde W\\|_F \\le g/\\mu'),
      '; and ',
      m('F(W̃) − g²/(2μ) ≤ F(W*) ≤ F(W̃)', 'F(\\tilde W) - g^2/(2\\mu) \\le F(W^*) \\le F(\\tilde W)'),
      '.',
    ),
    para(
      em('Proof.'),
      ' ',
      S.F,
      ' is twice continuously differentiable on a neighbourhood of ',
      S.B,
      ' (',
      m('B ⊂ Ω', 'B \\subset \\Omega'),
      ', ',
      S.F,
      ' is analytic on the open set ',
      S.Omega,
      '). Let ',
      S.h,
      ' satisfy ',
      hNorm,
      '. The segment ',
      m('{W̃ + th : 0 ≤ t ≤ 1}', '\\{\\tilde W + th : 0 \\le t \\le 1\\}'),
      " lies in the convex set B, so Taylor's formula with integral remainder gives",
    ),
    display(
      m(
        'F(W̃ + h) = F(W̃) + ⟨∇F(W̃), h⟩ + ∫₀¹ (1 − t) · hᵀ ∇²F(W̃ + th) h dt.',
        'F(\\tilde W + h) = F(\\tilde W) + \\langle \\nabla F(\\tilde W), h\\rangle + \\int_0^1 (1 - t)\\, h^{\\top} \\nabla^2 F(\\tilde W + th)\\, h \\, dt.',
      ),
    ),
    para(
      'By the Cauchy–Schwarz inequality and (i), ',
      m('⟨∇F(W̃), h⟩ ≥ −g‖h‖', '\\langle \\nabla F(\\tilde W), h\\rangle \\ge -g\\|h\\|'),
      '; by (ii), the integrand is at least ',
      m('(1 − t)μ‖h‖²', '(1 - t)\\mu\\|h\\|^2'),
      ', whose integral is ',
      m('μ‖h‖²/2', '\\mu\\|h\\|^2/2'),
      '. Hence',
    ),
    display(m('F(W̃ + h) ≥ F(W̃) − g‖h‖ + μ‖h‖²/2   for all ‖h‖ ≤ ρ.', 'F(\\tilde W + h) \\ge F(\\tilde W) - g\\|h\\| + \\mu\\|h\\|^2/2 \\quad \\text{for all } \\|h\\| \\le \\rho.'), '★'),
    para(
      em('Existence.'),
      ' ',
      S.F,
      ' is continuous on the compact set ',
      S.B,
      ', so it attains its minimum over ',
      S.B,
      ' at some ',
      S.Ws,
      '. On the boundary ',
      m('‖h‖ = ρ', '\\|h\\| = \\rho'),
      ', (★) gives ',
      m('F(W̃ + h) ≥ F(W̃) + ρ(μρ/2 − g) > F(W̃)', 'F(\\tilde W + h) \\ge F(\\tilde W) + \\rho(\\mu\\rho/2 - g) > F(\\tilde W)'),
      ', because ',
      m('μρ/2 > g', '\\mu\\rho/2 > g'),
      ' by (iii). So the minimum value, which is at most ',
      m('F(W̃)', 'F(\\tilde W)'),
      ', is not attained on the boundary: ',
      S.Ws,
      ' is an interior point of ',
      S.B,
      ', hence a local minimum of ',
      S.F,
      ' on ',
      m('ℝ^{d×n}', '\\mathbb{R}^{d\\times n}'),
      ', and ',
      m('∇F(W*) = 0', '\\nabla F(W^*) = 0'),
      '.',
    ),
    para(
      em('Uniqueness and strictness.'),
      ' For ',
      m("W, W′ ∈ B", "W, W' \\in B"),
      ', the fundamental theorem of calculus along the segment from ',
      m("W′", "W'"),
      ' to ',
      S.W,
      ' (inside ',
      S.B,
      ') and (ii) give ',
      m(
        "⟨∇F(W) − ∇F(W′), W − W′⟩ = ∫₀¹ (W − W′)ᵀ ∇²F(W′ + t(W − W′)) (W − W′) dt ≥ μ‖W − W′‖²",
        "\\langle \\nabla F(W) - \\nabla F(W'), W - W'\\rangle = \\int_0^1 (W - W')^{\\top} \\nabla^2 F(W' + t(W - W'))\\,(W - W')\\,dt \\ge \\mu\\|W - W'\\|^2",
      ),
      '. If ',
      m("W, W′", "W, W'"),
      ' were two critical points in ',
      S.B,
      ', the left side would be 0, so ',
      m("W = W′", "W = W'"),
      ': ',
      S.Ws,
      ' is the only critical point in ',
      S.B,
      '. Applying (★) with ',
      S.Ws,
      ' in place of ',
      S.Wt,
      ' and ',
      m('g = 0', 'g = 0'),
      ' (its gradient vanishes; (★) only used that the segment lies in ',
      S.B,
      ') gives ',
      m('F(W* + h) ≥ F(W*) + μ‖h‖²/2 > F(W*)', 'F(W^* + h) \\ge F(W^*) + \\mu\\|h\\|^2/2 > F(W^*)'),
      ' for every ',
      m('h ≠ 0', 'h \\ne 0'),
      ' with ',
      m('W* + h ∈ B', 'W^* + h \\in B'),
      ': ',
      S.Ws,
      ' is a strict local minimum.',
    ),
    para(
      em('Distance.'),
      ' Taking ',
      m("W = W̃, W′ = W*", "W = \\tilde W,\\ W' = W^*"),
      ' above: ',
      m('μ‖W̃ − W*‖² ≤ ⟨∇F(W̃) − 0, W̃ − W*⟩ ≤ g‖W̃ − W*‖', '\\mu\\|\\tilde W - W^*\\|^2 \\le \\langle \\nabla F(\\tilde W) - 0, \\tilde W - W^*\\rangle \\le g\\|\\tilde W - W^*\\|'),
      ', so ',
      m('‖W* − W̃‖ ≤ g/μ', '\\|W^* - \\tilde W\\| \\le g/\\mu'),
      '.',
    ),
    para(
      em('Loss.'),
      ' ',
      m('F(W*) ≤ F(W̃)', 'F(W^*) \\le F(\\tilde W)'),
      ' because ',
      S.Ws,
      ' minimises ',
      S.F,
      ' over ',
      S.B,
      ' and ',
      m('W̃ ∈ B', '\\tilde W \\in B'),
      '. With ',
      m('h = W* − W̃', 'h = W^* - \\tilde W'),
      ' (',
      hNorm,
      ') in (★), ',
      m('F(W*) ≥ F(W̃) + min_{s ≥ 0} (μs²/2 − gs) = F(W̃) − g²/(2μ)', 'F(W^*) \\ge F(\\tilde W) + \\min_{s \\ge 0} (\\mu s^2/2 - gs) = F(\\tilde W) - g^2/(2\\mu)'),
      '. ',
      S.qed,
    ),
    para(
      em('Consequence.'),
      ' When ',
      m('n ≥ k₊', 'n \\ge k_+'),
      ' (the number of nonzero teacher neurons), the student can reproduce the teacher exactly (its nonzero neurons, the rest zero), so ',
      m('min F = 0', '\\min F = 0'),
      '. If moreover ',
      m('F(W̃) − g²/(2μ) > 0', 'F(\\tilde W) - g^2/(2\\mu) > 0'),
      ', then ',
      m('F(W*) > 0 = min F', 'F(W^*) > 0 = \\min F'),
      ': the local minimum ',
      S.Ws,
      ' is ',
      strong('spurious'),
      '.',
    ),
    para(
      'This is a Taylor-expansion argument in the spirit of Safran & Shamir (2018), who bounded third derivatives over a ball; ' +
        'here hypothesis (ii) is instead proved by enclosing the Hessian over the whole ball with interval arithmetic, so no external bound is trusted.',
    ),
  ];
}

/** Hypothesis (ii) of a dense certificate: Rump's criterion on the dense interval Hessian (and the audit's second proofs). */
function denseCurvature(c: MinimumCertificate, N: number, mu: NumberPart, rc: Recomputed | undefined): Block {
  const meth = c.method;
  return para(
      strong('(ii) Curvature.'),
      ' ',
      mx(m('μ = ', '\\mu = '), mu),
      '. The Hessian of ',
      S.F,
      ' (the ',
      m(`${N}×${N}`, `${N}\\times ${N}`),
      ' matrix of ',
      m('d×d', 'd\\times d'),
      ' blocks) is enclosed entrywise over the whole box, in Float64 interval arithmetic with outward rounding (transcendental parts from decimal ' +
        `enclosures at ${meth.anglePrecision} digits). With `,
      S.M,
      ' the midpoint matrix and ',
      S.R,
      ' the radius matrix of the enclosure, every symmetric ',
      S.H,
      ' in it satisfies ',
      rc?.t !== undefined
        ? mx(m('‖H − M‖₂ ≤ t = max row sum of R = ', '\\|H - M\\|_2 \\le t = \\text{max row sum of } R = '), num(rc.t.toExponential(4), 'audit.t', 'audit'))
        : m('‖H − M‖₂ ≤ t = max row sum of R', '\\|H - M\\|_2 \\le t = \\text{max row sum of } R'),
      ". Rump's floating-point Cholesky criterion (S. M. Rump, \"Verification of positive definiteness\", BIT 46, 2006; engine ",
      { kind: 'code', text: meth.pdEngine },
      ') proves ',
      m('M − (μ + t)I', 'M - (\\mu + t)I'),
      ' positive definite, hence ',
      m('H − μI = (M − (μ + t)I) + (H − M + tI) ≻ 0', 'H - \\mu I = (M - (\\mu + t)I) + (H - M + tI) \\succ 0'),
      ' for every ',
      S.W,
      ' in the box.',
      ...(rc?.engines?.includes('congruence-gershgorin')
        ? [
            ' The audit confirms it by an independent route: with ',
            S.X,
            ' a float eigenvector matrix, every Gershgorin disc of ',
            m('Xᵀ(H − μI)X', 'X^{\\top}(H - \\mu I)X'),
            ' lies in ',
            m('(0, ∞)', '(0, \\infty)'),
            ", so by Sylvester's law of inertia ",
            m('H − μI', 'H - \\mu I'),
            ' has no eigenvalue ',
            m('≤ 0', '\\le 0'),
            '.',
          ]
        : []),
      ...(rc?.engines?.includes('decimal-ldl') ? [' An LDLᵀ factorisation in decimal interval arithmetic confirms it as well.'] : []),
    );
}

/** The hypotheses with their certified numbers, and the inequalities checked exactly. */
export function minimumSections(c: MinimumCertificate | ReducedMinimumCertificate, kPlus: number, audit?: AuditResult): Section[] {
  const cl = c.claims;
  const meth = c.method;
  const { d, n } = c.problem;
  const N = n * d;
  const rc = audit?.recomputed;
  const g = num(cl.gradBound, 'claims.gradBound', 'claim');
  const mu = num(meth.mu, 'method.mu', 'method');
  const rho = num(meth.rho, 'method.rho', 'method');
  const hypotheses: Block[] = [
    para(
      `All enclosures use decimal interval arithmetic with ${meth.precision} significant digits (every lower end rounded toward −∞, ` +
        'every upper end toward +∞; arccos and π enclosed from +, −, ×, ÷, √ with explicit series remainders). ' +
        'Inequalities between certified numbers are decided exactly (big.js, no rounding).',
    ),
    para(
      strong(m('B ⊂ Ω', 'B \\subset \\Omega'), '.'),
      ' The Hessian enclosure below is computed over the box ',
      m('{W : |W_ab − W̃_ab| ≤ ρ}', '\\{W : |W_{ab} - \\tilde W_{ab}| \\le \\rho\\}'),
      ' with ',
      mx(m('ρ = ', '\\rho = '), rho),
      ', which contains ',
      S.B,
      ' (',
      m('‖h‖_max ≤ ‖h‖_F', '\\|h\\|_{\\max} \\le \\|h\\|_F'),
      '). The enclosure proves, for every point of the box, that every student norm is positive and every student–student and ' +
        'student–teacher cosine lies strictly inside ',
      m('(−1, 1)', '(-1, 1)'),
      '; so ',
      m('B ⊂ Ω', 'B \\subset \\Omega'),
      '.',
    ),
    para(
      strong('(i) Gradient.'),
      ' ',
      mx(m('g = ', 'g = '), g),
      '. The gradient ',
      m('∇F(W̃)', '\\nabla F(\\tilde W)'),
      ' is enclosed coordinate-wise; the Frobenius norm of the enclosure, rounded upward, is ',
      rc?.gradNormUpper !== undefined ? mx(num(rc.gradNormUpper, 'audit.gradNormUpper', 'audit'), m(' ≤ g', ' \\le g')) : mx(m('(recomputed by audit) ≤ g', '(\\text{recomputed by audit}) \\le g')),
      '.',
    ),
    ...(isReducedCertificate(c) ? reducedCurvatureBlocks(c, rc) : [denseCurvature(c, N, mu, rc)]),
    para(
      strong('(iii) Ball.'),
      ' ',
      mx(
        m('2g = ', '2g = '),
        num(exactProduct('2', cl.gradBound), 'exact:2g', 'exact'),
        m(' < μρ = ', ' < \\mu\\rho = '),
        num(exactProduct(meth.mu, meth.rho), 'exact:mu*rho', 'exact'),
      ),
      '.',
    ),
  ];

  const checks: InlineLike[][] = [
    [
      'Radius: ',
      mx(m('r = ', 'r = '), num(cl.radius, 'claims.radius', 'claim')),
      ' and ',
      mx(
        m('r·μ = ', 'r\\mu = '),
        num(exactProduct(cl.radius, meth.mu), 'exact:r*mu', 'exact'),
        m(' ≥ g = ', ' \\ge g = '),
        g,
      ),
      ', so ',
      m('‖W* − W̃‖ ≤ g/μ ≤ r', '\\|W^* - \\tilde W\\| \\le g/\\mu \\le r'),
      '.',
    ],
  ];
  const lossLower = num(cl.lossLower, 'claims.lossLower', 'claim');
  const lossUpper = num(cl.lossUpper, 'claims.lossUpper', 'claim');
  if (rc?.lossLo !== undefined && rc.lossHi !== undefined) {
    const lo = num(rc.lossLo, 'audit.lossLo', 'audit');
    const hi = num(rc.lossHi, 'audit.lossHi', 'audit');
    checks.push(['Loss of the centre: ', mx(m('F(W̃) ∈ [', 'F(\\tilde W) \\in ['), lo, m(', ', ',\\ '), hi, m(']', ']')), '.']);
    checks.push(['Upper loss bound: ', mx(lossUpper, m(' ≥ ', ' \\ge '), hi, m(' ≥ F(W̃) ≥ F(W*)', ' \\ge F(\\tilde W) \\ge F(W^*)')), '.']);
    const lhs = exactProduct(exactMul('2', meth.mu), exactSub(rc.lossLo, cl.lossLower));
    checks.push([
      'Lower loss bound: ',
      mx(
        m('2μ(F_lo − ', '2\\mu(F_{\\mathrm{lo}} - '),
        lossLower,
        m(') = ', ') = '),
        num(lhs, 'exact:2mu(Flo-lossLower)', 'exact'),
        m(' ≥ g² = ', ' \\ge g^2 = '),
        num(exactProduct(cl.gradBound, cl.gradBound), 'exact:g*g', 'exact'),
      ),
      ', so ',
      mx(lossLower, m(' ≤ F(W̃) − g²/(2μ) ≤ F(W*)', ' \\le F(\\tilde W) - g^2/(2\\mu) \\le F(W^*)')),
      '.',
    ]);
  } else {
    checks.push(['Loss: ', mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), lossLower, m(', ', ',\\ '), lossUpper, m(']', ']')), ' (checked by audit).']);
  }
  if (cl.verdict === 'spurious-local-minimum') {
    checks.push([
      'Spurious: ',
      mx(lossLower, m(' > 0', ' > 0')),
      ' and ',
      m(`n = ${n} ≥ k₊ = ${kPlus}`, `n = ${n} \\ge k_+ = ${kPlus}`),
      ' (so ',
      m('min F = 0', '\\min F = 0'),
      ').',
    ]);
  }
  return [
    { id: 'lemma', title: 'The lemma', blocks: minimumLemmaBlocks() },
    { id: 'hypotheses', title: 'The hypotheses, with certified numbers', blocks: hypotheses },
    { id: 'checks', title: 'Inequalities checked (exactly)', blocks: [list(...checks)] },
  ];
}

/** The conclusion of a minimum certificate, from its claims and problem only. */
export function minimumConclusion(c: MinimumCertificate | ReducedMinimumCertificate, kPlus: number): InlineLike[] {
  const cl = c.claims;
  const lossLower = num(cl.lossLower, 'claims.lossLower', 'claim');
  const head: InlineLike[] = [
    'There is a strict local minimum ',
    S.Ws,
    ' of ',
    S.F,
    ' with ',
    mx(m('‖W* − W̃‖_F ≤ ', '\\|W^* - \\tilde W\\|_F \\le '), num(cl.radius, 'claims.radius', 'claim')),
    ' and ',
    mx(m('F(W*) ∈ [', 'F(W^*) \\in ['), lossLower, m(', ', ',\\ '), num(cl.lossUpper, 'claims.lossUpper', 'claim'), m(']', ']')),
  ];
  const { n } = c.problem;
  if (cl.verdict === 'spurious-local-minimum') {
    return [...head, '; since ', mx(lossLower, m(' > 0', ' > 0')), ' and ', m(`n = ${n} ≥ k₊ = ${kPlus}`, `n = ${n} \\ge k_+ = ${kPlus}`), ', it is spurious.'];
  }
  if (n < kPlus) {
    return [
      ...head,
      '; the student has ',
      m(`n = ${n} < k₊ = ${kPlus}`, `n = ${n} < k_+ = ${kPlus}`),
      ' nonzero teacher neurons, so ',
      m('min F', '\\min F'),
      ' may be positive and the certificate does not decide whether ',
      S.Ws,
      ' is spurious.',
    ];
  }
  return [...head, '; the lower loss bound is not positive, so the certificate does not decide whether ', S.Ws, ' is spurious.'];
}

