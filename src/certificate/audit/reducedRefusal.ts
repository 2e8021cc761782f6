/**
 * Audit of a refusal with a compact centre (the reduced path): its reason and evidence, re-checked
 * as refusal.ts does for dense refusals, with the orbit-wise route of src/symmetric at the method's
 * precisions (the statements are about certify's reduced attempt):
 *   - not-positive-definite: the smallest eigenvalue of the float isotypic block spectrum at the
 *     centre (blockSpectrumFloat, = the dense float spectrum) is ≤ FLOAT_SCREEN_TOLERANCE and agrees
 *     with the recorded lambdaMinFloat;
 *   - leaves-smooth-domain: the box of half-width rho ('0': the centre) is not proved inside Ω;
 *   - gradient-too-large / precision-too-low: the gradient at the centre is at most gradBound; at
 *     each recorded (μ, ρ) some isotypic block B_τ − (μ + t)Γ_τ is not proved ≻ 0 (or the box leaves
 *     Ω), while at the centre alone (ρ = 0) every block is proved at the last μ.
 */
import { decimalIntervals } from '../../arith/decimalInterval.js';
import { exactCompare } from '../../arith/exact.js';
import { decimalString, exactDecimalOf } from '../../certify/decimalStrings.js';
import { SmoothDomainError } from '../../objective/smoothDomainError.js';
import { blockSpectrumFloat } from '../../symmetric/blockSpectrum.js';
import { CompactBox } from '../../symmetric/compactBox.js';
import type { ExactCompactPoint } from '../../symmetric/compactPoint.js';
import { HessianOrbits } from '../../symmetric/group.js';
import { isotypicBlocks, type IsotypicBlock } from '../../symmetric/isotypic.js';
import { orbitHessianEnclosure } from '../../symmetric/orbitHessian.js';
import { orbitMidRad, proveBlockAbove, rowCounts, rowSumBound } from '../../symmetric/proveHessianBlocks.js';
import { gradientNormUpper, reducedLossAndGradient } from '../../symmetric/reducedGradient.js';
import type { ReducedRefusalCertificate } from '../schema.js';
import { floatLambdaChecks } from './refusal.js';
import type { AuditCheck, Recomputed } from './types.js';

/** Certify's box step at (μ, ρ): every block proved ≻ (μ + t)Γ (t rounded up as certify rounds it), or why not. */
function blocksProvedAbove(
  centre: ExactCompactPoint,
  rho: string,
  mu: string,
  ctx: { orbits: HessianOrbits; blocks: IsotypicBlock[]; hessianPrecision: number },
): { ok: boolean; detail: string } {
  let box;
  try {
    box = orbitHessianEnclosure(centre, rho, { precision: ctx.hessianPrecision, orbits: ctx.orbits });
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return { ok: false, detail: `the box leaves Ω (${err.message})` };
  }
  const { M, R } = orbitMidRad(box);
  const t = rowSumBound(rowCounts(ctx.orbits), R);
  const s = decimalString(exactDecimalOf(mu).plus(exactDecimalOf(t)));
  const failed = ctx.blocks.find((b) => !proveBlockAbove(b, M, s).ok);
  return failed ? { ok: false, detail: `${failed.label} is not proved ≻ (μ + t)Γ, t = ${t}` } : { ok: true, detail: `every block ≻ (μ + t)Γ, t = ${t}` };
}

/** Whether CompactBox proves the box of half-width rho around the centre inside Ω at this precision. */
function insideOmega(centre: ExactCompactPoint, rho: string, precision: number): { inside: boolean; detail: string } {
  try {
    new CompactBox(decimalIntervals(precision), centre, rho, `box of half-width ${rho}`);
    return { inside: true, detail: `the box of half-width ${rho} is proved inside Ω at ${precision} digits` };
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return { inside: false, detail: err.message };
  }
}

export function auditReducedRefusal(c: ReducedRefusalCertificate, checks: AuditCheck[], recomputed: Recomputed): void {
  const centre: ExactCompactPoint = c.point.compact;
  const ev = c.claims.evidence;
  const { precision, hessianPrecision } = c.method;
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  switch (c.claims.reason) {
    case 'not-positive-definite': {
      if (ev.lambdaMinFloat === undefined) {
        check('evidence', false, 'a not-positive-definite refusal must record lambdaMinFloat');
        return;
      }
      let lambda: number;
      try {
        lambda = blockSpectrumFloat(centre, { precision: hessianPrecision }).lambdaMin;
      } catch (err) {
        if (!(err instanceof SmoothDomainError)) throw err;
        check('reason', false, `the centre is not proved inside Ω (${err.message}): the reason is leaves-smooth-domain`);
        return;
      }
      recomputed.lambdaMinFloat = lambda;
      checks.push(...floatLambdaChecks(ev.lambdaMinFloat, lambda, 'float λ_min of the isotypic block spectrum at the centre'));
      return;
    }
    case 'leaves-smooth-domain': {
      const rho = ev.rho ?? '0';
      // The centre is evaluated at both precisions certify used (the gradient's and the Hessian's).
      const tries = exactCompare(rho, '0') === 0 ? [precision, hessianPrecision] : [hessianPrecision];
      const outside = tries.map((P) => insideOmega(centre, rho, P)).find((r) => !r.inside);
      check('reason', outside !== undefined, outside?.detail ?? `the box of half-width ${rho} is proved inside Ω`);
      return;
    }
    case 'gradient-too-large':
    case 'precision-too-low': {
      if (ev.gradBound === undefined || ev.attempts === undefined) {
        check('evidence', false, `a ${c.claims.reason} refusal must record gradBound and attempts`);
        return;
      }
      const ar = decimalIntervals(precision);
      let g: string;
      try {
        g = decimalString(gradientNormUpper(ar, reducedLossAndGradient(ar, centre)));
      } catch (err) {
        if (!(err instanceof SmoothDomainError)) throw err;
        check('evidence', false, `the centre is not proved inside Ω: ${err.message}`);
        return;
      }
      check('evidence', exactCompare(g, ev.gradBound) <= 0, `recomputed ‖∇F(W̃)‖ ≤ ${g}; recorded g = ${ev.gradBound}`);
      const orbits = new HessianOrbits(centre.p);
      const ctx = { orbits, blocks: isotypicBlocks(orbits), hessianPrecision };
      for (const { mu, rho } of ev.attempts) {
        const r = blocksProvedAbove(centre, rho, mu, ctx);
        check('reason', !r.ok, `the box proof at μ = ${mu}, ρ = ${rho} ${r.ok ? 'succeeds: the refusal is unfounded' : `fails (${r.detail})`}`);
      }
      const last = ev.attempts[ev.attempts.length - 1]!;
      const atCentre = blocksProvedAbove(centre, '0', last.mu, ctx);
      check(
        'reason',
        atCentre.ok,
        atCentre.ok
          ? `at the centre alone every block is proved ≻ (${last.mu} + t)Γ: the box width (the gradient) is the cause`
          : `at the centre alone the blocks are not proved at μ = ${last.mu} (${atCentre.detail}): the cause is not the gradient`,
      );
      return;
    }
  }
}
