/**
 * Certification of one finite-data candidate (setting grid-teacher-2d, DESIGN.md §7): every end
 * point of a search gets a proof or a refusal with re-checkable evidence.
 *
 * Order of the attempts:
 *  1. global: when the labels come from a teacher and the float loss is ≤ GLOBAL_LOSS, an explicit
 *     teacher embedding θ_E near the candidate (teacherEmbedding.ts): L(θ_E) = 0 by an exact
 *     identity of network functions, ‖θ̃ − θ_E‖ ≤ r exactly;
 *  2. ReLU only: the activation pattern at the candidate (exact): a data point on a kink
 *     ('kink-crossing') or a degenerate neuron ('degenerate-neuron': a_i = 0, w_i = 0, never active);
 *  3. polishing in the chart (θ for the sigmoid, u = |a|w for ReLU; gridPolish.ts); a point where
 *     Newton does not reach a tiny gradient is refused 'not-critical', with a proved lower bound of
 *     the gradient norm at the candidate;
 *  4. float spectrum at the polished centre: no negative eigenvalue → the minimum lemma
 *     (lemma.ts, checkMinimumLemma: the same list audit decides) with the sigmoid box Hessian over the
 *     θ-box or, for ReLU, the exact constant Hessian of L̂ on a box with a proved constant pattern;
 *     a negative eigenvalue (sigmoid) → the saddle certificate (gridSaddle.ts); a float eigenvalue
 *     that is zero within float precision → 'degenerate'.
 * ReLU conclusion: a strict local minimum u* of L̂ = L(s, ·); every θ with sign a_i = s_i and
 * |a_i| w_i = u*_i is a (non-strict: the rescaling orbits are flat) local minimum of L.
 * Spurious: loss lower bound > 0 and min L = 0 known — the labels come from a teacher and
 * n ≥ k₊, the teacher's embedding width (gridNetwork.ts: canonical terms, plus one neuron for a
 * nonzero sigmoid constant).
 * Soundness does not depend on the heuristics (float screening, polishing, μ, ρ): a minimum
 * verdict is returned only when checkMinimumLemma holds on certify's own evidence.
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { doubleAtLeast } from '../arith/f64Interval.js';
import { midpointNorm, normLower, normUpper } from '../arith/intervalNorms.js';
import { symmetricEigenvalues } from '../linalg/symmetricEigen.js';
import { proveIntervalMatrixAtLeast, type IntervalPdResult } from '../linalg/intervalPositiveDefinite.js';
import { gridSigmoidBoxHessian } from '../objective/gridBoxHessian.js';
import { type FiniteDataPoint, type FiniteDataProblem, thetaOfPoint, validatePoint } from '../objective/gridData.js';
import { DegenerateNeuronError, KinkCrossingError } from '../objective/gridDomainError.js';
import { embeddingOf } from '../objective/gridEmbedding.js';
import { gridFloatProblem, gridGradientFloat } from '../objective/gridFloat.js';
import { canonicalNetwork, embeddingWidth } from '../objective/gridNetwork.js';
import { reducedReluHessianOnBox, reluPatternOnBox } from '../objective/gridReluReduced.js';
import { decimalString, exactDecimalOf, roundDownSignificant, roundUpSignificant } from './decimalStrings.js';
import { type ChartKind, type GridChart, floatVector, gridChartOf } from './gridChart.js';
import { polishGridPoint } from './gridPolish.js';
import { certifyGridSaddle } from './gridSaddle.js';
import { MINIMUM_LEMMA, RHO_OVER_G_MU, checkMinimumLemma, spuriousRuleHolds } from './lemma.js';
import { checkEmbeddingClaims, distanceUpper, embeddingNear, squaredDistance, type NetworkStrings, TEACHER_EMBEDDING_LEMMA } from './teacherEmbedding.js';

export const DEFAULT_GRID_PRECISION = 40;
/** Float loss at or below which a teacher embedding is looked for. */
export const GLOBAL_LOSS = 1e-10;
/** Matching tolerances tried for the embedding (relative distance of a neuron to a teacher direction). */
const EMBEDDING_TOLS = [2e-3, 2e-2];
/**
 * A float eigenvalue with |λ| ≤ DEGENERATE_REL·max|λ| counts as zero (float evidence of a degenerate
 * critical point, e.g. a duplicated neuron); rounding errors of the float Hessian are ~1e-15 relative.
 */
export const DEGENERATE_REL = 1e-11;
/** Fractions of the float λ̃ tried as μ. */
const MU_FRACTIONS = ['0.9', '0.5', '0.25'] as const;
const SHORT_DIGITS = 4;

export type GridLemma = typeof MINIMUM_LEMMA.id | 'krawczyk-morse' | typeof TEACHER_EMBEDDING_LEMMA.id;
export type GridVerdict = 'spurious-local-minimum' | 'local-minimum' | 'saddle' | 'global-minimum' | 'refused';
export type GridRefusalReason =
  | 'not-positive-definite'
  | 'gradient-too-large'
  | 'precision-too-low'
  | 'degenerate'
  | 'existence-not-proved'
  | 'kink-crossing'
  | 'degenerate-neuron'
  | 'not-critical';

/** The numbers of a refusal (which ones depends on the reason); re-checked by audit. */
export interface GridRefusalEvidence {
  /** Float smallest eigenvalue of the chart Hessian at the centre. */
  lambdaMinFloat?: number;
  /** Float eigenvalue of smallest absolute value and the largest absolute eigenvalue ('degenerate'). */
  nearZeroEigenvalue?: number;
  largestEigenvalue?: number;
  gradBound?: string;
  attempts?: { mu: string; rho: string }[];
  /** Box half-width of a kink crossing or a degenerate neuron ('0': the centre). */
  rho?: string;
  neuron?: number;
  dataPoint?: number;
  degeneracy?: 'zero-outgoing-weight' | 'zero-incoming-weights' | 'never-active';
  /** A proved lower bound of the chart gradient norm at the centre ('not-critical'). */
  gradLower?: string;
  /** The claimed Newton-step bound of a failed saddle attempt ('existence-not-proved'). */
  eta?: string;
}

/** Float evidence of an embedding of a smaller network at the candidate (gridEmbedding.ts); not a proof. */
export interface EmbeddingEvidence {
  reducedN: number;
  level: number;
  duplicates: number[][];
  zeroOutput: number[];
}

export interface GridCertifyResult {
  verdict: GridVerdict;
  lemma: GridLemma;
  chart: ChartKind;
  /** The certificate's centre: θ (sigmoid) or (W = U, a = s) (ReLU); the candidate for global certificates. */
  centre: FiniteDataPoint;
  polish: { steps: number; distanceUpper: string };
  polished: boolean;
  precision: number;
  /** Student width and the teacher's embedding width (Infinity: labels given, min L unknown). */
  n: number;
  kPlus: number;
  gradBound?: string;
  mu?: string;
  rho?: string;
  radius?: string;
  lossLower?: string;
  lossUpper?: string;
  /** Minimum: strict in θ (sigmoid), or strict only for L̂ (ReLU: a non-strict minimum of L). */
  strict?: boolean;
  morseIndex?: number;
  eta?: string;
  kappa?: string;
  embedding?: NetworkStrings;
  distance?: string;
  reason?: GridRefusalReason;
  evidence?: GridRefusalEvidence;
  hint?: string;
  /** Informative float screening. */
  lambdaFloat?: number;
  floatLoss?: number;
  floatEmbedding?: EmbeddingEvidence;
  pd?: { t: number; attempts: number };
  seconds: { total: number; polish: number; gradient: number; hessian: number; proof: number };
}

export interface GridCertifyOptions {
  precision?: number;
  polish?: boolean;
  maxPolishSteps?: number;
}

function now(): number {
  return performance.now() / 1000;
}

/** The teacher's embedding width k₊ (Infinity without a teacher: min L is then unknown). */
export function teacherEmbeddingWidth(problem: FiniteDataProblem): number {
  const t = problem.teacher;
  return t ? embeddingWidth(canonicalNetwork(problem.activation, t.W, t.a)) : Infinity;
}

/** Float eigenvalues of the chart Hessian at exact coordinates. */
function floatSpectrum(chart: GridChart, v: readonly string[]): Float64Array {
  return symmetricEigenvalues(chart.floatHessian(floatVector(v)), chart.N);
}

function nearestZero(values: Float64Array): { value: number; largest: number } {
  let value = values[0]!;
  let largest = 0;
  for (const x of values) {
    if (Math.abs(x) < Math.abs(value)) value = x;
    largest = Math.max(largest, Math.abs(x));
  }
  return { value, largest };
}

/** Float degenerate: some eigenvalue is zero within float precision relative to the largest. */
export function floatDegenerate(values: Float64Array): boolean {
  const { value, largest } = nearestZero(values);
  return !(Math.abs(value) > DEGENERATE_REL * largest);
}

/** Certifies one finite-data candidate (see the module comment). Throws InputError for a malformed point. */
export function certifyGridCandidate(problem: FiniteDataProblem, candidate: FiniteDataPoint, opts: GridCertifyOptions = {}): GridCertifyResult {
  const tStart = now();
  const n = validatePoint(problem, candidate);
  const P = opts.precision ?? DEFAULT_GRID_PRECISION;
  const polished = opts.polish ?? true;
  const ar = decimalIntervals(P);
  const kPlus = teacherEmbeddingWidth(problem);
  const seconds = { total: 0, polish: 0, gradient: 0, hessian: 0, proof: 0 };
  const fp = gridFloatProblem(problem, n);
  const theta = thetaOfPoint(candidate);
  const gFloat = new Float64Array(theta.length);
  const floatLoss = gridGradientFloat(fp, theta, gFloat);
  const emb = embeddingOf(fp, theta);
  const floatEmbedding: EmbeddingEvidence = { reducedN: emb.reducedN, level: emb.level, duplicates: emb.duplicates, zeroOutput: emb.zeroOutput };
  const chartKind: ChartKind = problem.activation === 'sigmoid' ? 'theta' : 'reduced-relu';
  const base = { chart: chartKind, polished, precision: P, n, kPlus, floatLoss, floatEmbedding };
  const finish = (r: Omit<GridCertifyResult, 'seconds' | keyof typeof base>): GridCertifyResult => {
    seconds.total = now() - tStart;
    return { ...base, ...r, seconds };
  };
  const unpolished = { steps: 0, distanceUpper: '0' };

  // 1. Global: an exact teacher embedding near the candidate.
  if (problem.teacher && floatLoss <= GLOBAL_LOSS) {
    const teacher = { W: problem.teacher.W, a: problem.teacher.a };
    for (const matchTol of EMBEDDING_TOLS) {
      const E = embeddingNear(problem.activation, teacher, candidate, { matchTol });
      if (!E) continue;
      const distance = distanceUpper(squaredDistance(candidate, E));
      const checks = checkEmbeddingClaims(problem.activation, teacher, candidate, { embedding: E, distance });
      const failed = checks.find((c) => !c.ok);
      if (failed) throw new Error(`internal: the constructed embedding fails its own check '${failed.name}': ${failed.detail}`);
      return finish({
        verdict: 'global-minimum',
        lemma: TEACHER_EMBEDDING_LEMMA.id,
        centre: candidate,
        polish: unpolished,
        embedding: E,
        distance,
        lossLower: '0',
        lossUpper: '0',
      });
    }
  }

  // 2. The chart; ReLU: the activation pattern at the candidate.
  const chart = gridChartOf(problem, candidate);
  const v0 = chart.vectorOf(candidate);
  const lemma = MINIMUM_LEMMA.id;
  const refuse = (
    centre: readonly string[],
    polish: { steps: number; distanceUpper: string },
    reason: GridRefusalReason,
    evidence: GridRefusalEvidence,
    hint: string,
    extra: Partial<GridCertifyResult> = {},
  ): GridCertifyResult =>
    finish({ verdict: 'refused', lemma: extra.lemma ?? lemma, centre: chart.pointOf(centre), polish, reason, evidence, hint, ...extra });
  if (chart.kind === 'reduced-relu') {
    const problemAt = reluProblemAt(problem, chart, v0, '0');
    if (problemAt) return refuse(v0, unpolished, problemAt.reason, problemAt.evidence, problemAt.hint);
  }

  // 3. Polishing; a candidate where Newton does not reach a critical point is not critical.
  const t0 = now();
  let v = v0;
  let enc = chart.enclosures(ar, v0);
  let polish = unpolished;
  const notCritical = (detail: string): GridCertifyResult => {
    const e0 = chart.enclosures(ar, v0);
    const lower = normLower(ar, e0.gradient);
    const gradLower = decimalString(roundDownSignificant(lower, SHORT_DIGITS));
    return refuse(v0, unpolished, 'not-critical', { gradLower }, `${detail}; the gradient at the candidate is ≥ ${gradLower} (proved), so it is not a critical point`);
  };
  if (polished) {
    let pr;
    try {
      pr = polishGridPoint(chart, v0, P, opts.maxPolishSteps);
    } catch (err) {
      if (!(err instanceof KinkCrossingError || err instanceof DegenerateNeuronError)) throw err;
      return notCritical(`polishing failed (${err.message})`);
    }
    seconds.polish = now() - t0 - pr.lastEvaluationSeconds;
    seconds.gradient = pr.lastEvaluationSeconds;
    if (!pr.converged && lowerIsPositive(ar, v0, chart)) {
      // Newton stalls at degenerate points (a singular Hessian) and far from critical points.
      const at0 = floatSpectrum(chart, v0);
      if (floatDegenerate(at0)) {
        const z = nearestZero(at0);
        return refuse(v0, unpolished, 'degenerate', { nearZeroEigenvalue: z.value, largestEigenvalue: z.largest }, degenerateHint(chart, z), {
          lambdaFloat: at0[0]!,
        });
      }
      const last = pr.gradNorms[pr.gradNorms.length - 1]!;
      return notCritical(`Newton polishing stopped at ‖∇‖ ≈ ${last.toPrecision(3)} without reaching a critical point`);
    }
    v = pr.v;
    enc = pr.enclosures;
    polish = { steps: pr.steps, distanceUpper: pr.distanceUpper };
  }
  if (chart.kind === 'reduced-relu' && v !== v0) {
    const problemAt = reluProblemAt(problem, chart, v, '0');
    if (problemAt) return refuse(v, polish, problemAt.reason, problemAt.evidence, problemAt.hint);
  }

  // 4. Float spectrum at the centre: minimum, saddle or degenerate.
  const values = floatSpectrum(chart, v);
  const lambdaFloat = values[0]!;
  const nz = nearestZero(values);
  const degenerateRefusal = (extra: Partial<GridCertifyResult> = {}): GridCertifyResult =>
    refuse(
      v,
      polish,
      'degenerate',
      { nearZeroEigenvalue: nz.value, largestEigenvalue: nz.largest },
      degenerateHint(chart, nz),
      { lambdaFloat, ...extra },
    );
  if (lambdaFloat < 0 && chart.kind === 'theta') {
    if (floatDegenerate(values)) return degenerateRefusal({ lemma: 'krawczyk-morse' });
    const s = certifyGridSaddle(chart, v, enc, P);
    seconds.hessian += s.seconds.hessian;
    seconds.proof += s.seconds.existence + s.seconds.inertia;
    if (s.verdict === 'saddle') {
      return finish({
        verdict: 'saddle',
        lemma: 'krawczyk-morse',
        centre: chart.pointOf(v),
        polish,
        lambdaFloat,
        morseIndex: s.morseIndex!,
        eta: s.eta!,
        kappa: s.kappa!,
        rho: s.rho!,
        radius: s.radius!,
        lossLower: s.lossLower!,
        lossUpper: s.lossUpper!,
        gradBound: decimalString(roundUpSignificant(normUpper(ar, enc.gradient), SHORT_DIGITS)),
      });
    }
    if (s.reason !== 'existence-not-proved') return degenerateRefusal({ lemma: 'krawczyk-morse' });
    const evidence: GridRefusalEvidence = { rho: s.rho ?? '0' };
    if (s.eta !== undefined) evidence.eta = s.eta;
    return refuse(v, polish, 'existence-not-proved', evidence, s.hint ?? 'the existence test failed', { lemma: 'krawczyk-morse', lambdaFloat });
  }
  if (!(lambdaFloat > 0)) return degenerateRefusal();

  // 5. The minimum lemma: g, then (μ, ρ) attempts on the box.
  const gProved = normUpper(ar, enc.gradient);
  let gDec = roundUpSignificant(gProved, SHORT_DIGITS);
  if (gDec.isZero()) gDec = new Decimal(`1e-${2 * P}`);
  const g = decimalString(gDec);
  const lambdaExact = exactDecimalOf(exactDecimalOfDouble(lambdaFloat));
  const attempts: { mu: string; rho: string }[] = [];
  let proved: { mu: string; rho: string; res: IntervalPdResult } | undefined;
  let kink: ReturnType<typeof reluProblemAt>;
  for (const f of MU_FRACTIONS) {
    const muDec = roundDownSignificant(lambdaExact.times(f), SHORT_DIGITS);
    if (!muDec.gt(0)) continue;
    const mu = decimalString(muDec);
    const rho = decimalString(roundUpSignificant(gDec.times(RHO_OVER_G_MU).div(muDec), SHORT_DIGITS));
    const t2 = now();
    const box = boxHessian(problem, chart, v, rho);
    seconds.hessian += now() - t2;
    if ('reason' in box) {
      kink = box;
      break;
    }
    attempts.push({ mu, rho });
    const t3 = now();
    const res = proveIntervalMatrixAtLeast(box.lo, box.hi, chart.N, doubleAtLeast(muDec));
    seconds.proof += now() - t3;
    if (res.ok) {
      proved = { mu, rho, res };
      break;
    }
  }
  if (!proved) {
    if (kink) return refuse(v, polish, kink.reason, kink.evidence, kink.hint, { lambdaFloat, gradBound: g });
    if (attempts.length === 0 || floatDegenerate(values)) return degenerateRefusal();
    const last = attempts[attempts.length - 1]!;
    const box0 = boxHessian(problem, chart, v, '0');
    const centreOk = !('reason' in box0) && proveIntervalMatrixAtLeast(box0.lo, box0.hi, chart.N, doubleAtLeast(exactDecimalOf(last.mu))).ok;
    if (!centreOk) {
      return refuse(v, polish, 'not-positive-definite', { lambdaMinFloat: lambdaFloat, attempts },
        `smallest float eigenvalue λ̃ = ${lambdaFloat.toPrecision(6)}; even the Hessian enclosure at the centre alone could not be proved ⪰ ${last.mu}·I`,
        { lambdaFloat });
    }
    const tooWide = midpointNorm(ar, enc.gradient) < Number(g) / 10;
    return refuse(v, polish, tooWide ? 'precision-too-low' : 'gradient-too-large', { gradBound: g, attempts },
      tooWide
        ? `the gradient bound g = ${g} is dominated by the width of its enclosure at precision ${P}: increase --precision`
        : `the gradient bound g = ${g} is too large for the curvature (λ̃ = ${lambdaFloat.toPrecision(6)}): the box of half-width ${last.rho} fails`,
      { lambdaFloat, gradBound: g });
  }

  // 6. Conclusions and the self-check of every hypothesis on this evidence.
  const { mu, rho } = proved;
  const Up = Decimal.clone({ precision: SHORT_DIGITS, rounding: Decimal.ROUND_CEIL });
  const radius = decimalString(new Up(g).div(mu));
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  const q = new ar.Up(g).times(g).div(new ar.Down(mu).times(2));
  const lossLower = decimalString(new ar.Down(enc.loss.lo).minus(q));
  const verdict = spuriousRuleHolds(lossLower, n, kPlus) ? 'spurious-local-minimum' : 'local-minimum';
  const selfCheck = checkMinimumLemma(
    { verdict, gradBound: g, claimedMu: mu, mu, rho, radius, lossLower, lossUpper: fHi, n, kPlus },
    {
      gradNormUpper: decimalString(gProved),
      lossLo: fLo,
      lossHi: fHi,
      curvature: { smoothDomain: true, proved: proved.res.ok, detail: `Rump's criterion, t = ${proved.res.t}` },
    },
  );
  const failed = selfCheck.find((c) => !c.ok);
  if (failed) throw new Error(`internal: certify's own numbers fail the lemma check '${failed.name}': ${failed.detail}`);
  return finish({
    verdict,
    lemma,
    centre: chart.pointOf(v),
    polish,
    lambdaFloat,
    gradBound: g,
    mu,
    rho,
    radius,
    lossLower,
    lossUpper: fHi,
    strict: chart.kind === 'theta',
    pd: { t: proved.res.t, attempts: attempts.length },
  });
}

function degenerateHint(chart: GridChart, z: { value: number; largest: number }): string {
  return (
    `the float Hessian (${chart.kind === 'theta' ? 'θ' : 'reduced u'}) at the centre has the eigenvalue ${z.value.toPrecision(3)}, ` +
    `zero within float precision (largest |λ| = ${z.largest.toPrecision(3)}): a degenerate point (e.g. on a manifold of critical ` +
    'points, or an embedding of a smaller network by duplicated or zero-output neurons) has no certificate of this kind'
  );
}

/** True when the gradient at v0 is proved nonzero. */
function lowerIsPositive(ar: ReturnType<typeof decimalIntervals>, v0: readonly string[], chart: GridChart): boolean {
  return normLower(ar, chart.enclosures(ar, v0).gradient).gt(0);
}

/** The box Hessian of the chart over {|v − ṽ|∞ ≤ ρ}, or the ReLU reason why the pattern is not constant there. */
function boxHessian(
  problem: FiniteDataProblem,
  chart: GridChart,
  v: readonly string[],
  rho: string,
): { lo: Float64Array; hi: Float64Array } | NonNullable<ReturnType<typeof reluProblemAt>> {
  if (chart.kind === 'theta') return gridSigmoidBoxHessian(problem, chart.pointOf(v), rho);
  const bad = reluProblemAt(problem, chart, v, rho);
  if (bad) return bad;
  const pt = chart.pointOf(v);
  return reducedReluHessianOnBox(problem, { s: pt.a.map(Number), U: pt.W }, rho);
}

/** ReLU: a kink crossing or degenerate neuron on the box of half-width ρ around v, as a refusal; undefined when the pattern is constant. */
function reluProblemAt(
  problem: FiniteDataProblem,
  chart: GridChart,
  v: readonly string[],
  rho: string,
): { reason: GridRefusalReason; evidence: GridRefusalEvidence; hint: string } | undefined {
  const pt = chart.pointOf(v);
  try {
    reluPatternOnBox(problem, { s: pt.a.map(Number), U: pt.W }, rho);
    return undefined;
  } catch (err) {
    if (err instanceof KinkCrossingError) {
      return {
        reason: 'kink-crossing',
        evidence: { neuron: err.neuron, dataPoint: err.dataPoint, rho },
        hint: `${err.message}: L̂ is not proved smooth there, the lemma needs a constant activation pattern`,
      };
    }
    if (err instanceof DegenerateNeuronError) {
      return { reason: 'degenerate-neuron', evidence: { neuron: err.neuron, degeneracy: err.kind, rho }, hint: err.message };
    }
    throw err;
  }
}
