/**
 * Audit of finite-data certificates (problem.objective 'grid-teacher-2d', DESIGN.md §7, §12). Each
 * kind is decided by the one list of checks certify also runs — lemma.ts (minimum),
 * saddleLemma.ts (saddle), teacherEmbedding.ts (global) — on evidence this audit derives from
 * problem, point and method with its own kernel (gridKernel.ts: data and teacher rebuilt from the
 * certificate, centre enclosures, sigmoid box Hessian, exact ReLU pattern and Hessian), never with
 * certify's enclosure code. Refusals are re-checked claim by claim: exact ones (kink crossing,
 * degenerate neuron, not critical) with the audit's kernel; statements about certify's own attempt
 * (a box proof that failed, an existence test that failed) by re-running that attempt with
 * certify's engines; float evidence (a degenerate Hessian) by recomputing the float spectrum.
 *
 * The spurious rule needs min L = 0, known when the labels come from a teacher and n ≥ k₊, the
 * width of the teacher's canonical form (src/objective/gridNetwork.ts, exact).
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals } from '../../arith/decimalInterval.js';
import { doubleAtLeast } from '../../arith/f64Interval.js';
import { exactCompare } from '../../arith/exact.js';
import { exactDecimalOf } from '../../certify/decimalStrings.js';
import { DEGENERATE_REL, floatDegenerate } from '../../certify/gridCertify.js';
import { gridChartOf, floatVector } from '../../certify/gridChart.js';
import { newtonStepClaim, kappaClaim, proveOnBoxOf, screenOfHessian } from '../../certify/certifySaddle.js';
import { checkMinimumLemma, type LemmaStage, type MinimumEvidence, type MinimumNumbers } from '../../certify/lemma.js';
import { checkSaddleLemma, existenceHolds, type SaddleEvidence, type SaddleLemmaStage, type SaddleNumbers } from '../../certify/saddleLemma.js';
import { checkEmbeddingClaims } from '../../certify/teacherEmbedding.js';
import { proveIntervalMatrixAtLeast } from '../../linalg/intervalPositiveDefinite.js';
import { symmetricEigenvalues } from '../../linalg/symmetricEigen.js';
import { gridSigmoidBoxHessian } from '../../objective/gridBoxHessian.js';
import { gridProblemOfSpec } from '../../io/gridProblem.js';
import { reducedReluHessianOnBox, reluPatternOnBox } from '../../objective/gridReluReduced.js';
import { canonicalNetwork, embeddingWidth } from '../../objective/gridNetwork.js';
import type { FiniteDataProblem } from '../../objective/gridData.js';
import type { GridCertificate, GridMinimumCertificate, GridRefusalCertificate, GridSaddleCertificate } from '../gridSchema.js';
import { AUDIT_EXTRA_DIGITS } from './minimum.js';
import { proveIntervalCurvature } from './populationKernel.js';
import { saddleEvidenceOf } from './saddle.js';
import { type AuditGridProblem, auditProblemOf, gridCentreEnclosures, gridSigmoidBoxHessianAudit, reducedOf, reluCurvatureAudit, reluKinkWithin, reluPatternAudit } from './gridKernel.js';
import type { AuditCheck, AuditOptions, Recomputed } from './types.js';

/** What a finite-data audit rests on (audit --verbose). */
export const GRID_AUDIT_TRUSTS =
  'Finite-data certificates: the audit rebuilds the named data set and teacher from DESIGN.md, encloses the loss and ' +
  'gradient with its own fixed-point code (src/certificate/audit/gridKernel.ts; every data point on its own, exp by ' +
  'binary powers of decimal.js exp enclosures), the sigmoid box Hessian in Float64 intervals, and decides the ReLU ' +
  'pattern and Hessian exactly (big.js, exact leading minors); the canonical network form (src/objective/gridNetwork.ts) ' +
  'and rational arithmetic for teacher embeddings.';

function teacherWidth(p: AuditGridProblem): number {
  return p.teacher ? embeddingWidth(canonicalNetwork(p.activation, p.teacher.W, p.teacher.a)) : Infinity;
}

/** The chart a certificate's activation requires. */
function chartFits(c: GridCertificate, coordinates: string): AuditCheck {
  const expected = c.problem.activation === 'sigmoid' ? 'theta' : 'reduced-relu';
  return {
    name: 'coordinates',
    ok: coordinates === expected,
    detail: `${c.problem.activation} certificates use the chart '${expected}' (got '${coordinates}')`,
  };
}

export function auditGridCertificate(c: GridCertificate, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const prob = auditProblemOf(c.problem);
  switch (c.kind) {
    case 'minimum':
      auditGridMinimum(c, prob, opts, checks, recomputed);
      return;
    case 'saddle':
      auditGridSaddle(c, prob, opts, checks, recomputed);
      return;
    case 'global-minimum':
      checks.push(...checkEmbeddingClaims(prob.activation, prob.teacher, { W: c.point.W, a: c.point.a }, c.claims));
      return;
    case 'refusal':
      auditGridRefusal(c, prob, checks, recomputed);
      return;
  }
}

function auditGridMinimum(c: GridMinimumCertificate, prob: AuditGridProblem, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const chart = c.method.coordinates;
  const n = c.problem.n;
  checks.push(chartFits(c, chart));
  const strictOk = c.claims.minimumOfL === 'non-strict' || chart === 'theta';
  checks.push({
    name: 'minimumOfL',
    ok: strictOk,
    detail: strictOk
      ? `${c.claims.minimumOfL} local minimum of L (${chart === 'theta' ? 'strict in θ' : 'strict in the reduced coordinates only: the rescaling orbits are flat'})`
      : 'a minimum proved in the reduced coordinates is not a strict local minimum of L',
  });
  const numbers: MinimumNumbers = {
    verdict: c.claims.verdict,
    gradBound: c.claims.gradBound,
    claimedMu: c.claims.mu,
    mu: c.method.mu,
    rho: c.method.rho,
    radius: c.claims.radius,
    lossLower: c.claims.lossLower,
    lossUpper: c.claims.lossUpper,
    n,
    kPlus: teacherWidth(prob),
  };
  const evidence: MinimumEvidence = {};
  const failed = () => checks.some((ch) => !ch.ok);
  const run = (stage: LemmaStage) => checks.push(...checkMinimumLemma(numbers, evidence, [stage]));
  run('numbers');
  if (failed() && !opts.allChecks) return;
  const centre = gridCentreEnclosures(prob, c.point.W, c.point.a, chart, c.method.precision + AUDIT_EXTRA_DIGITS);
  if (!centre.ok) {
    checks.push({ name: 'gradBound', ok: false, detail: `the centre is not proved smooth: ${centre.reason}` });
    return;
  }
  recomputed.gradNormUpper = centre.gradNormUpper;
  recomputed.lossLo = centre.lossLo;
  recomputed.lossHi = centre.lossHi;
  evidence.gradNormUpper = centre.gradNormUpper;
  evidence.lossLo = centre.lossLo;
  evidence.lossHi = centre.lossHi;
  run('centre');
  if (failed() && !opts.allChecks) return;
  const mu = exactDecimalOf(c.method.mu);
  if (chart === 'theta') {
    const box = gridSigmoidBoxHessianAudit(prob, c.point.W, c.point.a, c.method.rho);
    const proof = proveIntervalCurvature(box.lo, box.hi, box.N, mu, opts.ldlMaxOrder);
    recomputed.order = box.N;
    if (proof.t !== undefined) recomputed.t = proof.t;
    recomputed.engines = proof.engines;
    evidence.curvature = { smoothDomain: true, proved: proof.proved, detail: proof.detail };
  } else {
    const { s, U } = reducedOf(c.point.W, c.point.a);
    const pattern = reluPatternAudit(prob, s, U, c.method.rho);
    recomputed.order = 2 * n;
    if (!pattern.ok) {
      const why = pattern.kind === 'kink' ? `data point ${pattern.dataPoint} may cross the kink of neuron ${pattern.neuron}` : `neuron ${pattern.neuron}: ${pattern.degeneracy}`;
      evidence.curvature = { smoothDomain: false, proved: false, detail: `the activation pattern is not proved constant on the box of half-width ${c.method.rho}: ${why}` };
    } else {
      const proof = reluCurvatureAudit(prob, s, pattern.active, c.method.mu);
      recomputed.engines = ['exact-leading-minors'];
      evidence.curvature = { smoothDomain: true, proved: proof.proved, detail: proof.detail };
    }
  }
  run('box');
}

function auditGridSaddle(c: GridSaddleCertificate, prob: AuditGridProblem, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  checks.push(chartFits(c, c.method.coordinates));
  const n = c.problem.n;
  const cl = c.claims;
  const numbers: SaddleNumbers = {
    rho: c.method.rho,
    eta: cl.eta,
    kappa: cl.kappa,
    radius: cl.radius,
    morseIndex: cl.morseIndex,
    lossLower: cl.lossLower,
    lossUpper: cl.lossUpper,
    N: 3 * n,
  };
  const run = (stage: SaddleLemmaStage, e: SaddleEvidence) => checks.push(...checkSaddleLemma(numbers, e, [stage]));
  run('numbers', { smoothDomain: false, domainDetail: 'not evaluated' });
  if (checks.some((ch) => !ch.ok) && !opts.allChecks) return;
  const centre = gridCentreEnclosures(prob, c.point.W, c.point.a, 'theta', c.method.precision + AUDIT_EXTRA_DIGITS);
  if (!centre.ok) {
    run('box', { smoothDomain: false, domainDetail: centre.reason });
    return;
  }
  const box = gridSigmoidBoxHessianAudit(prob, c.point.W, c.point.a, c.method.rho);
  // The sigmoid loss is smooth everywhere: every box lies in its domain.
  const evidence = saddleEvidenceOf(centre, box, `the sigmoid loss is smooth everywhere (box of half-width ${c.method.rho})`);
  recomputed.order = box.N;
  recomputed.lossLo = centre.lossLo;
  recomputed.lossHi = centre.lossHi;
  if (evidence.etaUpper !== undefined) recomputed.eta = evidence.etaUpper;
  if (evidence.kappaUpper !== undefined) recomputed.kappa = evidence.kappaUpper;
  if (evidence.inertia?.ok) recomputed.morseIndex = evidence.inertia.negative;
  if (evidence.hessianNormUpper !== undefined) recomputed.hessianNormUpper = evidence.hessianNormUpper;
  run('box', evidence);
}

/** The finite-data problem in certify's form, for re-running certify's own attempts (refusals). */
function certifyProblemOf(c: GridCertificate): FiniteDataProblem {
  const d = c.problem.data;
  const t = c.problem.teacher;
  return gridProblemOfSpec({
    activation: c.problem.activation,
    data: d.kind === 'grid-41x41' ? 'grid-41x41' : d.y ? { X: d.X, y: d.y } : { X: d.X },
    ...(t ? { teacher: t.kind === 'simsek-4' ? ('simsek-4' as const) : { W: t.W, a: t.a } } : {}),
  });
}

function auditGridRefusal(c: GridRefusalCertificate, prob: AuditGridProblem, checks: AuditCheck[], recomputed: Recomputed): void {
  const ev = c.claims.evidence;
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const chart = c.method.coordinates;
  checks.push(chartFits(c, chart));
  const need = (fields: (keyof typeof ev)[]): boolean => {
    const missing = fields.filter((f) => ev[f] === undefined);
    if (missing.length > 0) check('evidence', false, `a ${c.claims.reason} refusal must record ${missing.join(', ')}`);
    return missing.length === 0;
  };
  const { W, a } = c.point;
  switch (c.claims.reason) {
    case 'not-critical': {
      if (!need(['gradLower'])) return;
      const centre = gridCentreEnclosures(prob, W, a, chart, c.method.precision);
      if (!centre.ok) {
        check('evidence', false, `the gradient at the centre is not defined: ${centre.reason}`);
        return;
      }
      recomputed.gradNormUpper = centre.gradNormUpper;
      const ok = exactCompare(ev.gradLower!, centre.gradNormLower) <= 0 && exactCompare(ev.gradLower!, '0') > 0;
      check('reason', ok, `‖∇L(centre)‖ ≥ ${centre.gradNormLower} (proved) ${ok ? '≥' : '<'} gradLower = ${ev.gradLower} > 0: not a critical point`);
      return;
    }
    case 'kink-crossing': {
      if (!need(['neuron', 'dataPoint', 'rho'])) return;
      const { U } = reducedOf(W, a);
      const i = ev.neuron!;
      const p = ev.dataPoint!;
      if (chart !== 'reduced-relu' || i >= a.length || p >= prob.P) {
        check('evidence', false, `no neuron ${i} / data point ${p} of a reduced ReLU point`);
        return;
      }
      const within = reluKinkWithin(prob, U, i, p, ev.rho!);
      const nonzero = !prob.X[p]!.every((v) => new Decimal(v).isZero());
      check('reason', within && nonzero, `|ũ_${i}ᵀx_${p}| ${within ? '≤' : '>'} ρ‖x_${p}‖₁ with ρ = ${ev.rho}: ${within ? 'the data point may lie on the kink' : 'no kink crossing'}`);
      return;
    }
    case 'degenerate-neuron': {
      if (!need(['neuron', 'degeneracy', 'rho'])) return;
      const { s, U } = reducedOf(W, a);
      const i = ev.neuron!;
      if (chart !== 'reduced-relu' || i >= a.length) {
        check('evidence', false, `no neuron ${i} of a reduced ReLU point`);
        return;
      }
      let holds: boolean;
      if (ev.degeneracy === 'zero-outgoing-weight') holds = s[i] === 0;
      else if (ev.degeneracy === 'zero-incoming-weights') holds = new Decimal(U[0]![i]!).isZero() && new Decimal(U[1]![i]!).isZero();
      else {
        // Never active on the box: ũ_iᵀx_p + ρ‖x_p‖₁ < 0 for every x_p ≠ 0.
        holds = prob.X.every((x, p) => x.every((v) => new Decimal(v).isZero()) || (!reluKinkWithin(prob, U, i, p, ev.rho!) && new Decimal(U[0]![i]!).times(x[0]!).plus(new Decimal(U[1]![i]!).times(x[1]!)).lt(0)));
      }
      check('reason', holds, `neuron ${i}: ${ev.degeneracy} ${holds ? 'holds' : 'does not hold'} (box half-width ${ev.rho})`);
      return;
    }
    case 'degenerate':
    case 'not-positive-definite':
    case 'gradient-too-large':
    case 'precision-too-low':
    case 'existence-not-proved':
      recheckAttempt(c, prob, checks, recomputed);
      return;
  }
}

/** Refusals about the float spectrum or certify's own attempt: re-run with certify's engines. */
function recheckAttempt(c: GridRefusalCertificate, prob: AuditGridProblem, checks: AuditCheck[], recomputed: Recomputed): void {
  const ev = c.claims.evidence;
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const problem = certifyProblemOf(c);
  const point = { W: c.point.W, a: c.point.a };
  const chart = gridChartOf(problem, point);
  const v = chart.vectorOf(point);
  let values: Float64Array;
  try {
    values = symmetricEigenvalues(chart.floatHessian(floatVector(v)), chart.N);
  } catch (err) {
    check('evidence', false, `the Float64 Hessian cannot be evaluated at the centre: ${(err as Error).message}`);
    return;
  }
  recomputed.lambdaMinFloat = values[0]!;
  switch (c.claims.reason) {
    case 'degenerate': {
      if (ev.nearZeroEigenvalue === undefined) {
        check('evidence', false, 'a degenerate refusal must record nearZeroEigenvalue');
        return;
      }
      let near = values[0]!;
      for (const x of values) if (Math.abs(x) < Math.abs(near)) near = x;
      const agree = Math.abs(near - ev.nearZeroEigenvalue) <= 1e-8 * Math.max(1, Math.abs(near));
      check('evidence', agree, `recorded eigenvalue nearest 0: ${ev.nearZeroEigenvalue}; recomputed ${near}`);
      check('reason', floatDegenerate(values), `the Float64 eigenvalue ${near} is ${floatDegenerate(values) ? '' : 'not '}zero within ${DEGENERATE_REL} relative to the largest`);
      return;
    }
    case 'not-positive-definite': {
      if (ev.lambdaMinFloat === undefined || ev.attempts === undefined) {
        check('evidence', false, 'a not-positive-definite refusal must record lambdaMinFloat and attempts');
        return;
      }
      const agree = Math.abs(values[0]! - ev.lambdaMinFloat) <= 1e-8 * Math.max(1, Math.abs(values[0]!));
      check('evidence', agree, `recorded λ_min ${ev.lambdaMinFloat}; recomputed ${values[0]}`);
      const mu = ev.attempts[ev.attempts.length - 1]!.mu;
      const atCentre = boxProof(problem, chart, v, '0', mu);
      check('reason', !atCentre, `the Hessian enclosure at the centre alone is ${atCentre ? 'proved' : 'not proved'} ⪰ ${mu}·I`);
      return;
    }
    case 'gradient-too-large':
    case 'precision-too-low': {
      if (ev.gradBound === undefined || ev.attempts === undefined) {
        check('evidence', false, `a ${c.claims.reason} refusal must record gradBound and attempts`);
        return;
      }
      const centre = gridCentreEnclosures(prob, c.point.W, c.point.a, chart.kind, c.method.precision + AUDIT_EXTRA_DIGITS);
      if (!centre.ok) {
        check('evidence', false, `the centre is not proved smooth: ${centre.reason}`);
        return;
      }
      check('evidence', exactCompare(centre.gradNormUpper, ev.gradBound) <= 0, `recomputed ‖∇‖ ≤ ${centre.gradNormUpper}; recorded g = ${ev.gradBound}`);
      for (const { mu, rho } of ev.attempts) {
        const ok = boxProof(problem, chart, v, rho, mu);
        check('reason', !ok, `the box proof at μ = ${mu}, ρ = ${rho} ${ok ? 'succeeds: the refusal is unfounded' : 'fails'}`);
      }
      const last = ev.attempts[ev.attempts.length - 1]!;
      const atCentre = boxProof(problem, chart, v, '0', last.mu);
      check('reason', atCentre, `at the centre alone the Hessian is ${atCentre ? '' : 'not '}proved ⪰ ${last.mu}·I`);
      return;
    }
    case 'existence-not-proved': {
      if (ev.rho === undefined) {
        check('evidence', false, 'an existence-not-proved refusal must record rho');
        return;
      }
      if (chart.kind !== 'theta') {
        check('reason', false, 'finite-data saddles are attempted in the θ chart (sigmoid) only');
        return;
      }
      const screen = screenOfHessian(chart.floatHessian(floatVector(v)), chart.N);
      if (screen.degenerate) {
        check('reason', false, `the Float64 Hessian is singular within float precision: the reason is degenerate`);
        return;
      }
      const enc = chart.enclosures(decimalIntervals(c.method.precision), v);
      const eta = newtonStepClaim(screen, enc.gradient);
      if (ev.eta !== undefined) check('evidence', eta !== undefined && exactCompare(eta.claim, ev.eta) === 0, `recorded η = ${ev.eta}; recomputed ${eta?.claim ?? 'overflow'}`);
      const proof = proveOnBoxOf((r) => gridSigmoidBoxHessian(problem, chart.pointOf(v), r), chart.N, ev.rho, screen);
      const kappa = kappaClaim(proof.kappa);
      const existence = eta !== undefined && kappa !== undefined && existenceHolds(eta.claim, kappa, ev.rho);
      const failed = !proof.inertia.ok || !existence;
      check('reason', failed, `over the box of half-width ${ev.rho}: κ = ${kappa ?? '∞'}, existence ${existence ? 'holds' : 'fails'}, inertia ${proof.inertia.ok ? 'proved' : 'not proved'}`);
      return;
    }
  }
}

/** certify's box proof (its engines) at (μ, ρ): sigmoid box Hessian + Rump, or the ReLU pattern and exact Hessian + Rump. */
function boxProof(problem: FiniteDataProblem, chart: ReturnType<typeof gridChartOf>, v: readonly string[], rho: string, mu: string): boolean {
  const muD = doubleAtLeast(exactDecimalOf(mu));
  const pt = chart.pointOf(v);
  if (chart.kind === 'theta') {
    const box = gridSigmoidBoxHessian(problem, pt, rho);
    return proveIntervalMatrixAtLeast(box.lo, box.hi, chart.N, muD).ok;
  }
  try {
    const r = { s: pt.a.map(Number), U: pt.W };
    reluPatternOnBox(problem, r, rho);
    const h = reducedReluHessianOnBox(problem, r, rho);
    return proveIntervalMatrixAtLeast(h.lo, h.hi, chart.N, muD).ok;
  } catch {
    return false;
  }
}
