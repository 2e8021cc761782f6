/**
 * Audit of a reduced 'minimum' certificate (a compact centre, DESIGN.md §9): the lemma's hypotheses
 * and conclusions — the one list of src/certify/lemma.ts, with the per-type bounds — decided on
 * evidence this audit derives from problem, point and method, at the cost of certify (independent
 * of k), plus the checks only a reduced certificate has:
 *   - isotypicTypes: claims.types is exactly the list of types of G = S_{p_1} × … × S_{p_m} with
 *     their dimensions and multiplicities, and dimensionSum: Σ dimension × multiplicity = k²
 *     (exact integers), so the components fill R^{k×k};
 *   - t: claims.t ≥ the largest row sum of the radius matrix of the orbit-wise enclosure (exact).
 *
 * WHAT THIS AUDIT TRUSTS. The reduced route re-derives the evidence with src/symmetric — the same
 * orbit-wise enclosures (reducedGradient.ts, orbitHessian.ts, compactBox.ts), isotypic blocks
 * (isotypic.ts) and exact block proofs (proveHessianBlocks.ts, exactPositiveDefinite.ts) that
 * certify uses. It catches any changed claim, but not a bug in those modules. For k ≤
 * DENSE_CROSS_CHECK_MAX_K it therefore ALSO decides hypotheses (i), (ii) and the loss enclosure by
 * the dense route of the audit's own kernel (populationKernel.ts, independent of src/objective and
 * src/symmetric) on the expanded point — DESIGN.md §12's cross-check of the isotypic blocks against
 * the dense Rump proof — and both routes must hold. Above that size the audit says so in a check
 * ('denseCrossCheck': not run) and rests on src/symmetric.
 */
import Big from 'big.js';
import { decimalIntervals } from '../../arith/decimalInterval.js';
import { checkMinimumLemma, type LemmaStage, type MinimumEvidence, type MinimumNumbers } from '../../certify/lemma.js';
import { decimalString, exactDecimalOf } from '../../certify/decimalStrings.js';
import { identityTeacherStrings } from '../../io/teacher.js';
import { SmoothDomainError } from '../../objective/smoothDomainError.js';
import { expandCompactPoint, type ExactCompactPoint } from '../../symmetric/compactPoint.js';
import { HessianOrbits } from '../../symmetric/group.js';
import { isotypicBlocks, isotypicTypes } from '../../symmetric/isotypic.js';
import { orbitHessianEnclosure } from '../../symmetric/orbitHessian.js';
import { maxRowSum, orbitMidRad, proveBlockAbove, rowCounts } from '../../symmetric/proveHessianBlocks.js';
import { gradientNormUpper, reducedLossAndGradient } from '../../symmetric/reducedGradient.js';
import type { ReducedMinimumCertificate } from '../schema.js';
import { AUDIT_EXTRA_DIGITS, minimumNumbersOf } from './minimum.js';
import { centreEnclosures, proveCurvature } from './populationKernel.js';
import type { AuditCheck, AuditOptions, Recomputed } from './types.js';

/** Largest k at which the reduced audit also runs the dense route (N = k² = 900: a few seconds). */
export const DENSE_CROSS_CHECK_MAX_K = 30;

/** The decided claims of the isotypic decomposition: the type list and the dimension sum. */
function typeListChecks(c: ReducedMinimumCertificate): AuditCheck[] {
  const { p } = c.point.compact;
  const k = c.problem.k;
  const expected = isotypicTypes(p);
  const claimed = c.claims.types;
  const mismatch: string[] = [];
  if (claimed.length !== expected.length) mismatch.push(`${claimed.length} types claimed, G has ${expected.length}`);
  expected.forEach((t, q) => {
    const x = claimed[q];
    if (!x) return;
    const same =
      x.type === t.label &&
      x.kind === t.kind &&
      x.blocks.length === t.blocks.length &&
      x.blocks.every((b, i) => b === t.blocks[i]) &&
      x.dimension === String(t.dimension) &&
      x.multiplicity === t.multiplicity;
    if (!same) {
      mismatch.push(
        `type ${q}: claimed ${x.type} (kind ${x.kind}, blocks [${x.blocks.join(', ')}], dimension ${x.dimension}, multiplicity ${x.multiplicity}), ` +
          `G has ${t.label} (dimension ${t.dimension}, multiplicity ${t.multiplicity})`,
      );
    }
  });
  const sumExact = claimed.reduce((a, t) => a + BigInt(t.dimension) * BigInt(t.multiplicity), 0n);
  const kSquared = BigInt(k) * BigInt(k);
  return [
    {
      name: 'isotypicTypes',
      ok: mismatch.length === 0,
      detail:
        mismatch.length === 0
          ? `claims.types lists the ${expected.length} isotypic types of G = ${p.map((x) => `S_${x}`).join(' × ')} with their dimensions and multiplicities`
          : mismatch.slice(0, 3).join('; '),
    },
    {
      name: 'dimensionSum',
      ok: sumExact === kSquared && c.claims.dimensionSum === kSquared.toString(),
      detail: `Σ dimension × multiplicity = ${sumExact} (claimed ${c.claims.dimensionSum}); k² = ${kSquared}`,
    },
  ];
}

export function auditReducedMinimum(c: ReducedMinimumCertificate, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const centre: ExactCompactPoint = c.point.compact;
  const k = c.problem.k;
  const failed = () => checks.some((ch) => !ch.ok);
  checks.push(...typeListChecks(c));
  if (failed() && !opts.allChecks) return;

  const numbers: MinimumNumbers = {
    ...minimumNumbersOf(c, k, k),
    typeBounds: c.claims.types.map((t) => ({ type: t.type, lowerBound: t.lowerBound })),
  };
  const evidence: MinimumEvidence = {};
  const run = (stage: LemmaStage) => checks.push(...checkMinimumLemma(numbers, evidence, [stage]));
  run('numbers');
  if (failed() && !opts.allChecks) return;

  // (i) and the loss at the centre, with AUDIT_EXTRA_DIGITS more digits than certify used.
  const ar = decimalIntervals(c.method.precision + AUDIT_EXTRA_DIGITS);
  try {
    const enc = reducedLossAndGradient(ar, centre);
    evidence.gradNormUpper = decimalString(gradientNormUpper(ar, enc));
    evidence.lossLo = decimalString(enc.loss.lo);
    evidence.lossHi = decimalString(enc.loss.hi);
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    checks.push({ name: 'gradBound', ok: false, detail: `the centre is not proved inside the smooth domain: ${err.message}` });
    return;
  }
  recomputed.gradNormUpper = evidence.gradNormUpper;
  recomputed.lossLo = evidence.lossLo;
  recomputed.lossHi = evidence.lossHi;
  run('centre');
  if (failed() && !opts.allChecks) return;

  // (ii) over the box: orbit-wise enclosure → M, R; claims.t ≥ max row sum of R; every block
  // B_τ − (μ + t)Γ_τ ≻ 0 (curvature) and B_τ − (lowerBound_τ + t)Γ_τ ≻ 0 (types), exactly.
  const orbits = new HessianOrbits(centre.p);
  const blocks = isotypicBlocks(orbits);
  let box;
  try {
    box = orbitHessianEnclosure(centre, c.method.rho, { precision: c.method.hessianPrecision, orbits });
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    evidence.curvature = { smoothDomain: false, proved: false, detail: err.message };
    evidence.typeProofs = blocks.map((b) => ({ type: b.label, proved: false, detail: 'the box leaves Ω' }));
    run('box');
    return;
  }
  const { M, R } = orbitMidRad(box);
  const rowSum = maxRowSum(rowCounts(orbits), R);
  const t = c.claims.t;
  const tOk = new Big(t).gte(rowSum);
  checks.push({
    name: 't',
    ok: tOk,
    detail: `t = ${t} ${tOk ? '≥' : '<'} the largest row sum of R = ${rowSum.toPrecision(6)} (‖H − M‖₂ ≤ t for every H of the enclosure)`,
  });
  const at = (x: string) => decimalString(exactDecimalOf(x).plus(exactDecimalOf(t)));
  const failedAtMu = blocks.filter((b) => !proveBlockAbove(b, M, at(c.method.mu)).ok).map((b) => b.label);
  evidence.curvature = {
    smoothDomain: true,
    proved: tOk && failedAtMu.length === 0,
    detail:
      failedAtMu.length === 0
        ? `(ii) every block B_τ − (μ + t)Γ_τ ≻ 0 (exact Bareiss, ${blocks.length} types, ${orbits.count} orbit intervals), so every ` +
          `symmetric H of the box enclosure satisfies H ≻ μI`
        : `(ii) B_τ − (μ + t)Γ_τ is not proved ≻ 0 for ${failedAtMu.join(', ')}`,
  };
  evidence.typeProofs = c.claims.types.map((claimed, q) => {
    const block = blocks[q];
    const ok = tOk && block !== undefined && block.label === claimed.type && proveBlockAbove(block, M, at(claimed.lowerBound)).ok;
    return { type: claimed.type, proved: ok, detail: `B − (${claimed.lowerBound} + t)Γ ${ok ? '≻ 0' : 'not proved ≻ 0'} for ${claimed.type}` };
  });
  recomputed.engines = ['isotypic-exact-bareiss'];
  run('box');
  if (failed() && !opts.allChecks) return;

  const maxK = opts.denseCrossCheckMaxK ?? DENSE_CROSS_CHECK_MAX_K;
  if (k > maxK) {
    checks.push({
      name: 'denseCrossCheck',
      ok: true,
      detail: `dense cross-check not run: k = ${k} > ${maxK}; hypotheses (i) and (ii) rest on src/symmetric's orbit-wise enclosures (not independent of certify's code)`,
    });
    return;
  }
  denseCrossCheck(c, opts, checks, numbers, recomputed);
}

/**
 * The same lemma checks (stages 'centre' and 'box', without the per-type bounds, which the dense
 * proof does not see) on evidence from the audit's own dense kernel at the expanded point: O(k⁴)
 * memory, for small k only. Details are prefixed "dense cross-check".
 */
function denseCrossCheck(c: ReducedMinimumCertificate, opts: AuditOptions, checks: AuditCheck[], numbers: MinimumNumbers, recomputed: Recomputed): void {
  const k = c.problem.k;
  const pt = { d: k, n: k, k, W: expandCompactPoint(c.point.compact), V: identityTeacherStrings(k) };
  const label = (chs: AuditCheck[]) => chs.map((ch) => ({ ...ch, detail: `dense cross-check (N = ${k * k}): ${ch.detail}` }));
  const denseNumbers: MinimumNumbers = { ...numbers, typeBounds: undefined };
  const centre = centreEnclosures(pt, c.method.precision + AUDIT_EXTRA_DIGITS);
  if (!centre.ok) {
    checks.push(...label([{ name: 'gradBound', ok: false, detail: `the expanded centre is not proved inside Ω: ${centre.reason}` }]));
    return;
  }
  const evidence: MinimumEvidence = { gradNormUpper: centre.gradNormUpper, lossLo: centre.lossLo, lossHi: centre.lossHi };
  const atCentre = checkMinimumLemma(denseNumbers, evidence, ['centre']);
  checks.push(...label(atCentre));
  if (atCentre.some((ch) => !ch.ok) && !opts.allChecks) return;
  // The decimal LDLᵀ second proof only on request: here the exact isotypic proof is the second route.
  const proof = proveCurvature(pt, c.method.rho, exactDecimalOf(c.method.mu), c.method.hessianPrecision, opts.ldlMaxOrder ?? 0);
  evidence.curvature = proof;
  checks.push(...label(checkMinimumLemma(denseNumbers, evidence, ['box'])));
  recomputed.engines = [...(recomputed.engines ?? []), ...proof.engines];
}
