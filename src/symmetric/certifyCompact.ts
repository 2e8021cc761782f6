/**
 * The lemma pipeline (DESIGN.md §3) for a compact-form point (identity teacher, d = n = k = Σp),
 * at a cost independent of k (DESIGN.md §9): polish in the fixed subspace, bound the gradient by
 * orbits, screen with the float block spectra, enclose the Hessian over the box of half-width ρ
 * one orbit at a time, prove it ≻ μI through the isotypic blocks (exact), check the lemma's
 * inequalities exactly (src/certify/lemma.ts) and enclose the loss.
 *
 * Soundness does not depend on the heuristics (polishing, λ̃, μ and ρ): a verdict
 * 'spurious-local-minimum' / 'local-minimum' is returned only when
 *  - g ≥ gradientNormUpper(orbit gradient enclosure at the centre)              (hypothesis (i)),
 *  - CompactBox proved the box ⊂ Ω and proveHessianBlocks proved B_τ − (μ_τ + t)Γ_τ ≻ 0 with
 *    μ_τ ≥ μ for every type, the dimensions adding up to k²                       (hypothesis (ii)),
 *  - 2g < μρ, r·μ ≥ g, 2μ(F_lo − lossLower) ≥ g², all exact,
 * all decided at the end by `checkMinimumLemma` (src/certify/lemma.ts: the one list of the lemma's
 * checks that audit also runs, here with the per-type bounds) as a self-check on this evidence;
 * and 'spurious' additionally needs lossLower > 0 (n = k = the number of nonzero teacher neurons,
 * so V itself gives F = 0, the global minimum value). A point whose float block spectrum has an
 * eigenvalue ≤ 0 is refused before any of this (a saddle candidate). Every refusal carries the
 * evidence of the refusal.ts pattern (src/certificate/audit/reducedRefusal.ts re-checks it).
 * The ball B(W̃, ρ) is G-invariant and W̃ is G-fixed, so the unique critical point W* in it is
 * G-fixed (g·W* is another critical point in B); each type's `lowerBound` μ_τ is then a proved
 * lower bound of the eigenvalues of ∇²F(W*) on that isotypic component (proveHessianBlocks.ts).
 */
import { Decimal } from 'decimal.js';
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { DEFAULT_PRECISION, MU_FRACTIONS, type CertifyResult, type PhaseSeconds, type RefusalReason } from '../certify/certifyCandidate.js';
import { decimalString, exactDecimalOf, roundDownSignificant, roundUpSignificant } from '../certify/decimalStrings.js';
import { checkMinimumLemma, RHO_OVER_G_MU, spuriousRuleHolds } from '../certify/lemma.js';
import type { RefusalEvidence } from '../certificate/schema.js';
import { SmoothDomainError } from '../objective/smoothDomainError.js';
import { blockSpectrumFloat, type TypeSpectrum } from './blockSpectrum.js';
import { type ExactCompactPoint, isCompactTeacherPermutation, normaliseCompactPoint } from './compactPoint.js';
import { HessianOrbits } from './group.js';
import { dimensionCheck, isotypicBlocks, type IsotypicBlock, type IsotypicKind } from './isotypic.js';
import { DEFAULT_HESSIAN_PRECISION, orbitHessianEnclosure } from './orbitHessian.js';
import { polishCompact } from './polishCompact.js';
import { orbitMidRad, proveBlockAbove, rowCounts, rowSumBound } from './proveHessianBlocks.js';
import { gradientNormMid, gradientNormUpper, reducedLossAndGradient, type ReducedEnclosures } from './reducedGradient.js';

/** Significant digits of the certified g, μ, ρ, r (as certifyCandidate's, rounded in the safe direction). */
const CERTIFIED_DIGITS = 4;

export interface CompactCertifyOptions {
  /** Decimal precision P of the gradient, the loss and the polished centre (default 40). */
  precision?: number;
  /** Decimal precision of the orbit Hessian enclosures (default DEFAULT_HESSIAN_PRECISION). */
  hessianPrecision?: number;
  /** Newton polishing in the fixed subspace before certification (default true). */
  polish?: boolean;
  maxPolishSteps?: number;
}

export interface TypeResult {
  type: string;
  kind: IsotypicKind;
  blocks: number[];
  /** Each eigenvalue of this type occurs `dimension` times. */
  dimension: number;
  multiplicity: number;
  /** Smallest float generalised eigenvalue of the block at the centre. */
  floatMin: number;
  /**
   * Proved (when the verdict is a minimum): B_τ − (lowerBound + t)Γ_τ ≻ 0, so every G-invariant
   * symmetric matrix of the enclosure — ∇²F(W*) among them — has eigenvalues > lowerBound on this
   * component; lowerBound ≥ μ.
   */
  lowerBound?: string;
}

/**
 * The result: the lemma's numbers in the fields and meaning of certifyCandidate's CertifyResult
 * (verdict, reason, hint, lambdaFloat, gradBound, mu, rho, radius, lossLower, lossUpper,
 * seconds — screen = float block spectra, hessian = orbit Hessians, pdProof = t and the exact
 * block proofs), the centre in compact form, and the per-type data of the block proof.
 */
export interface ReducedCertifyResult
  extends Pick<
    CertifyResult,
    'reason' | 'evidence' | 'hint' | 'lambdaFloat' | 'gradBound' | 'mu' | 'rho' | 'radius' | 'lossLower' | 'lossUpper' | 'seconds'
  > {
  /** The reduced path proves minima only: an indefinite Hessian is refused (not-positive-definite). */
  verdict: Exclude<CertifyResult['verdict'], 'saddle'>;
  /** The centre W̃ (polished), compact form with exact strings. */
  centre: ExactCompactPoint;
  polish: { steps: number; distanceUpper: string; gradNorms: number[] };
  precision: number;
  hessianPrecision: number;
  /** Upper bound of the largest row sum of the radius matrix R (‖H − M‖₂ ≤ t). */
  t?: string;
  types: TypeResult[];
  dimensionCheck: { sum: string; kSquared: string; ok: boolean };
  /** Number of Hessian orbits (one interval each). */
  orbitCount: number;
}

function now(): number {
  return performance.now() / 1000;
}

function domainHint(err: SmoothDomainError): string {
  return `${err.message}; the lemma needs a ball inside the smooth domain (nonzero, pairwise non-parallel neurons)`;
}

/** The proof of hypothesis (ii) on the box of half-width ρ for μ, or why it failed. */
interface BoxProof {
  ok: boolean;
  t?: string;
  lowerBounds?: string[];
  failedType?: string;
  domainError?: SmoothDomainError;
}

/**
 * Hypothesis (ii) on the box of half-width rho: orbit Hessian → M, R, t → for each type the
 * largest candidate μ_τ ∈ {fractions of its float minimum} ∪ {μ} (all ≥ μ) with
 * B_τ − (μ_τ + t)Γ_τ ≻ 0 proved exactly.
 */
function proveOnBox(
  centre: ExactCompactPoint,
  rho: string,
  mu: Decimal,
  ctx: { orbits: HessianOrbits; blocks: IsotypicBlock[]; rows: ReturnType<typeof rowCounts>; spectra: TypeSpectrum[]; hessianPrecision: number; seconds: PhaseSeconds },
): BoxProof {
  const t0 = now();
  let box;
  try {
    box = orbitHessianEnclosure(centre, rho, { precision: ctx.hessianPrecision, orbits: ctx.orbits });
  } catch (err) {
    ctx.seconds.hessian += now() - t0;
    if (err instanceof SmoothDomainError) return { ok: false, domainError: err };
    throw err;
  }
  const t1 = now();
  ctx.seconds.hessian += t1 - t0;
  const { M, R } = orbitMidRad(box);
  const t = rowSumBound(ctx.rows, R);
  const lowerBounds: string[] = [];
  for (let q = 0; q < ctx.blocks.length; q++) {
    const block = ctx.blocks[q]!;
    const own = exactDecimalOf(exactDecimalOfDouble(ctx.spectra[q]!.eigenvalues[0]!));
    const candidates = MU_FRACTIONS.map((f) => roundDownSignificant(own.times(f), CERTIFIED_DIGITS)).filter((x) => x.gt(mu));
    candidates.push(mu);
    const proved = candidates.find((c) => proveBlockAbove(block, M, decimalString(c.plus(t))).ok);
    if (!proved) {
      ctx.seconds.pdProof += now() - t1;
      return { ok: false, t, failedType: block.label };
    }
    lowerBounds.push(decimalString(proved));
  }
  ctx.seconds.pdProof += now() - t1;
  return { ok: true, t, lowerBounds };
}

/**
 * Certifies the compact point (see the module comment). Throws InputError for a malformed point;
 * every mathematical failure is a 'refused' result with a reason and a hint.
 */
export function certifyCompact(point: ExactCompactPoint, opts: CompactCertifyOptions = {}): ReducedCertifyResult {
  const tStart = now();
  const input = normaliseCompactPoint(point);
  const P = opts.precision ?? DEFAULT_PRECISION;
  const hessianPrecision = opts.hessianPrecision ?? DEFAULT_HESSIAN_PRECISION;
  const ar = decimalIntervals(P);
  const seconds: PhaseSeconds = { polish: 0, gradient: 0, screen: 0, hessian: 0, pdProof: 0, total: 0 };
  const orbits = new HessianOrbits(input.p);
  const blocks = isotypicBlocks(orbits);
  const dims = dimensionCheck(blocks.map((b) => ({ dimension: b.dimension, multiplicity: b.copies.length })), orbits.k);
  if (!dims.ok) throw new Error(`internal: isotypic dimensions add up to ${dims.sum}, not k² = ${dims.kSquared}`);
  const typeInfo = (spectra?: TypeSpectrum[], lowerBounds?: string[]): TypeResult[] =>
    blocks.map((b, q) => ({
      type: b.label,
      kind: b.kind,
      blocks: b.blocks,
      dimension: b.dimension,
      multiplicity: b.copies.length,
      floatMin: spectra ? spectra[q]!.eigenvalues[0]! : NaN,
      ...(lowerBounds ? { lowerBound: lowerBounds[q]! } : {}),
    }));
  let result: Omit<ReducedCertifyResult, 'seconds' | 'precision' | 'hessianPrecision' | 'dimensionCheck' | 'orbitCount'> = {
    verdict: 'refused',
    centre: input,
    polish: { steps: 0, distanceUpper: '0', gradNorms: [] },
    types: typeInfo(),
  };
  const finish = (r: typeof result): ReducedCertifyResult => {
    seconds.total = now() - tStart;
    return { ...r, precision: P, hessianPrecision, dimensionCheck: dims, orbitCount: orbits.count, seconds };
  };

  if (isCompactTeacherPermutation(input)) {
    return finish({
      ...result,
      verdict: 'global-minimum',
      lossLower: '0',
      lossUpper: '0',
    });
  }

  // 1. Polishing in the fixed subspace (or one evaluation at the input).
  let centre = input;
  let enc: ReducedEnclosures;
  try {
    const t0 = now();
    if (opts.polish ?? true) {
      const pr = polishCompact(input, { precision: P, maxSteps: opts.maxPolishSteps, hessianPrecision, orbits, trivialBlock: blocks[0] });
      centre = pr.centre;
      enc = pr.enclosures;
      result = { ...result, centre, polish: { steps: pr.steps, distanceUpper: pr.distanceUpper, gradNorms: pr.gradNorms } };
    } else {
      enc = reducedLossAndGradient(ar, input);
      result = { ...result, polish: { steps: 0, distanceUpper: '0', gradNorms: [gradientNormMid(ar, enc)] } };
    }
    seconds.polish = now() - t0;
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return finish({ ...result, reason: 'leaves-smooth-domain', evidence: { rho: '0' }, hint: domainHint(err) });
  }

  // 2. Float screening by the block spectra.
  const tScreen = now();
  const spectrum = blockSpectrumFloat(centre, { orbits, blocks, precision: hessianPrecision });
  seconds.screen = now() - tScreen;
  const lambdaFloat = spectrum.lambdaMin;
  result = { ...result, lambdaFloat, types: typeInfo(spectrum.types) };
  if (!(lambdaFloat > 0)) {
    const negative = spectrum.types
      .map((t) => ({ t, count: t.eigenvalues.filter((x) => x < 0).length }))
      .filter(({ count }) => count > 0);
    const index = negative.reduce((a, { t, count }) => a + BigInt(count) * BigInt(t.dimension), 0n);
    return finish({
      ...result,
      reason: 'not-positive-definite',
      evidence: { lambdaMinFloat: lambdaFloat },
      hint:
        `the smallest float eigenvalue of the Hessian at the centre is λ̃ = ${lambdaFloat.toPrecision(6)} ≤ 0 ` +
        `(negative eigenvalues in ${negative.map(({ t, count }) => `${t.label} ×${count} (dimension ${t.dimension})`).join(', ') || 'none'}; ` +
        `float Morse index ${index}): a saddle candidate (or a degenerate point), not a strict local minimum`,
    });
  }

  // 3. Hypothesis (i): g ≥ ‖∇F(W̃)‖, rounded up to a few digits.
  const t1 = now();
  const gProved = gradientNormUpper(ar, enc);
  let gDec = roundUpSignificant(gProved, CERTIFIED_DIGITS);
  if (gDec.isZero()) gDec = new Decimal(`1e-${2 * P}`);
  const g = decimalString(gDec);
  seconds.gradient = now() - t1;

  // 4. μ = fractions of λ̃, ρ = 4g/μ, hypothesis (ii) on the box.
  const ctx = { orbits, blocks, rows: rowCounts(orbits), spectra: spectrum.types, hessianPrecision, seconds };
  const lambdaExact = exactDecimalOf(exactDecimalOfDouble(lambdaFloat));
  const mus = MU_FRACTIONS.map((f) => roundDownSignificant(lambdaExact.times(f), CERTIFIED_DIGITS)).filter((m) => m.gt(0));
  let proved: { mu: string; rho: string; box: BoxProof } | undefined;
  let last: { mu: string; rho: string; box?: BoxProof } = { mu: '', rho: '' };
  const attempts: { mu: string; rho: string }[] = [];
  for (const muDec of mus) {
    const mu = decimalString(muDec);
    const rho = decimalString(roundUpSignificant(gDec.times(RHO_OVER_G_MU).div(muDec), CERTIFIED_DIGITS));
    attempts.push({ mu, rho });
    const box = proveOnBox(centre, rho, muDec, ctx);
    last = { mu, rho, box };
    if (box.ok) {
      proved = { mu, rho, box };
      break;
    }
    if (box.domainError) break; // a larger box (smaller μ) would not do better
  }
  if (!proved) {
    return finish({ ...result, gradBound: g, rho: last.rho, ...explainFailure(centre, last, attempts, { g, lambdaFloat, P, midNorm: gradientNormMid(ar, enc), ctx }) });
  }

  // 5. The lemma's conclusions, and the final self-check of every hypothesis on this evidence.
  const { mu, rho } = proved;
  const Up = Decimal.clone({ precision: CERTIFIED_DIGITS, rounding: Decimal.ROUND_CEIL });
  const radius = decimalString(new Up(g).div(mu));
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  const q = new ar.Up(g).times(g).div(new ar.Down(mu).times(2)); // ≥ g²/(2μ): denominator rounded down
  const lossLower = decimalString(new ar.Down(enc.loss.lo).minus(q));
  const k = orbits.k;
  const verdict = spuriousRuleHolds(lossLower, k, k) ? 'spurious-local-minimum' : 'local-minimum';
  const types = typeInfo(spectrum.types, proved.box.lowerBounds);
  const selfCheck = checkMinimumLemma(
    {
      verdict,
      gradBound: g,
      claimedMu: mu,
      mu,
      rho,
      radius,
      lossLower,
      lossUpper: fHi,
      n: k,
      kPlus: k,
      typeBounds: types.map((t) => ({ type: t.type, lowerBound: t.lowerBound! })),
    },
    {
      gradNormUpper: decimalString(gProved),
      lossLo: fLo,
      lossHi: fHi,
      curvature: { smoothDomain: true, proved: proved.box.ok && dims.ok, detail: `isotypic blocks ≻ (μ_τ + t)Γ with μ_τ ≥ μ, t = ${proved.box.t}` },
      typeProofs: types.map((t) => ({ type: t.type, proved: proved.box.ok, detail: `B − (${t.lowerBound} + t)Γ ≻ 0` })),
    },
  );
  const failed = selfCheck.find((c) => !c.ok);
  if (failed) throw new Error(`internal: certifyCompact's own numbers fail the lemma check '${failed.name}': ${failed.detail}`);
  return finish({
    ...result,
    verdict,
    gradBound: g,
    mu,
    rho,
    radius,
    lossLower,
    lossUpper: fHi,
    t: proved.box.t,
    types,
  });
}

/**
 * Names the cause of a failed box step, with the evidence audit re-checks
 * (src/certificate/audit/reducedRefusal.ts): re-run the proof at ρ = 0 (the centre alone) with the
 * last μ tried (the smallest). If that fails too, the Hessian is not provably positive definite at
 * this precision; if it succeeds, the box is too wide for the curvature: the gradient bound is too
 * large, or (when g is mostly enclosure width) the precision too low.
 */
function explainFailure(
  centre: ExactCompactPoint,
  last: { mu: string; rho: string; box?: BoxProof },
  attempts: { mu: string; rho: string }[],
  c: { g: string; lambdaFloat: number; P: number; midNorm: number; ctx: Parameters<typeof proveOnBox>[3] },
): { reason: RefusalReason; evidence: RefusalEvidence; hint: string } {
  const muMin = attempts.length > 0 ? exactDecimalOf(attempts[attempts.length - 1]!.mu) : new Decimal(0);
  const atCentre = attempts.length > 0 ? proveOnBox(centre, '0', muMin, c.ctx) : { ok: false };
  const detail = last.box?.domainError
    ? last.box.domainError.message
    : `the orbit Hessian over the box of half-width ρ = ${last.rho} could not be proved ≻ μI for μ ∈ {${attempts
        .map((a) => a.mu)
        .join(', ')}} (type ${last.box?.failedType ?? '?'} failed; t = ${last.box?.t ?? '?'})`;
  if (atCentre.domainError) return { reason: 'leaves-smooth-domain', evidence: { rho: '0' }, hint: domainHint(atCentre.domainError) };
  if (last.box?.domainError) return { reason: 'leaves-smooth-domain', evidence: { rho: last.rho }, hint: domainHint(last.box.domainError) };
  if (!atCentre.ok) {
    return {
      reason: 'not-positive-definite',
      evidence: { lambdaMinFloat: c.lambdaFloat },
      hint:
        `smallest float eigenvalue λ̃ = ${c.lambdaFloat.toPrecision(6)}; even the enclosure at the centre alone could not be ` +
        `proved ≻ ${decimalString(muMin)}·I (type ${atCentre.failedType ?? '?'}): increase the Hessian precision ` +
        `(${c.ctx.hessianPrecision} digits) or check whether the point is degenerate`,
    };
  }
  const evidence: RefusalEvidence = { gradBound: c.g, attempts };
  if (c.midNorm < Number(c.g) / 10) {
    return {
      reason: 'precision-too-low',
      evidence,
      hint:
        `the gradient bound g = ${c.g} is dominated by the width of its enclosure (‖mid ∇F‖ ≈ ${c.midNorm.toPrecision(3)}) ` +
        `at precision ${c.P}, and the box of half-width ρ = ${last.rho} it needs fails (${detail}): increase the precision`,
    };
  }
  return {
    reason: 'gradient-too-large',
    evidence,
    hint:
      `the gradient bound g = ${c.g} is too large for the curvature (λ̃ = ${c.lambdaFloat.toPrecision(6)}): the box of ` +
      `half-width ρ = ${last.rho} = 4g/μ fails (${detail}); polish the point (do not disable polishing) or increase the precision`,
  };
}
