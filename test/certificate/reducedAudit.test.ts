/**
 * The audit of reduced certificates (compact centre, DESIGN.md §9): both routes at small k, what
 * it says above DENSE_CROSS_CHECK_MAX_K, tampering, and the trust model — a bug in src/symmetric
 * is invisible to the reduced route alone but caught by the dense cross-check for k ≤ 30.
 */
import Big from 'big.js';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { DENSE_CROSS_CHECK_MAX_K } from '../../src/certificate/audit/reducedMinimum.js';
import { buildReducedCertificate } from '../../src/certificate/buildReduced.js';
import type { ReducedMinimumCertificate } from '../../src/certificate/schema.js';
import { compactCandidate } from '../../src/io/compactCandidate.js';
import { certifyCompact } from '../../src/symmetric/certifyCompact.js';
import type { ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { continueFamily } from '../../src/symmetric/continuation.js';
import { compactMinimum28 } from '../symmetric/fixtures.js';

/** A switch that makes src/symmetric's gradient bound wrong (a deliberately broken variant). */
const broken = vi.hoisted(() => ({ gradient: false }));
vi.mock('../../src/symmetric/reducedGradient.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/symmetric/reducedGradient.js')>();
  return {
    ...mod,
    gradientNormUpper: (...args: Parameters<typeof mod.gradientNormUpper>) => (broken.gradient ? new Decimal('1e-300') : mod.gradientNormUpper(...args)),
  };
});

function reducedCertificate(pt: ExactCompactPoint, id: string): ReducedMinimumCertificate {
  const cert = buildReducedCertificate(compactCandidate({ id, source: { file: `${id}.json`, format: 'json' } }, pt), certifyCompact(pt), { polish: true });
  if (cert.kind !== 'minimum') throw new Error(`fixture ${id} is not a minimum`);
  return cert;
}

let small: ReducedMinimumCertificate; // k = 10
let large: ReducedMinimumCertificate; // k = 35 > DENSE_CROSS_CHECK_MAX_K
beforeAll(() => {
  const min28 = compactMinimum28();
  small = reducedCertificate(min28, 'small');
  const start = { p: [1, 9], vals: [['-0.699', '0.1824', '0'], ['0.126', '1.0044', '-0.0158']] };
  const members = continueFamily(start, { block: 1, targetK: DENSE_CROSS_CHECK_MAX_K + 5 });
  large = reducedCertificate(members[members.length - 1]!.point, 'large');
});

const clone = (c: ReducedMinimumCertificate): ReducedMinimumCertificate => structuredClone(c);

describe('audit of reduced certificates', () => {
  it('k ≤ 30: the reduced route and the dense cross-check both run, and both hold', () => {
    const a = auditCertificate(small);
    expect(a.failedClaim).toBeUndefined();
    expect(a.ok).toBe(true);
    expect(a.recomputed?.engines).toEqual(expect.arrayContaining(['isotypic-exact-bareiss', 'rump-cholesky-2006']));
    for (const name of ['gradBound', 'lossUpper', 'lossLower', 'curvature']) {
      const both = a.checks.filter((c) => c.name === name);
      expect(both.map((c) => c.detail.startsWith('dense cross-check'))).toEqual([false, true]);
    }
    expect(a.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['isotypicTypes', 'dimensionSum', 't', 'types']));
    expect(a.checks.some((c) => c.name === 'denseCrossCheck')).toBe(false);
  });

  it('k > 30: the audit says that the dense cross-check did not run and rests on src/symmetric', () => {
    expect(large.problem.k).toBe(DENSE_CROSS_CHECK_MAX_K + 5);
    const a = auditCertificate(large);
    expect(a.ok).toBe(true);
    const note = a.checks.find((c) => c.name === 'denseCrossCheck')!;
    expect(note.detail).toMatch(/dense cross-check not run: k = 35 > 30/);
    expect(note.detail).toMatch(/src\/symmetric/);
    expect(a.recomputed?.engines).toEqual(['isotypic-exact-bareiss']);
  });

  it('tampering: another centre, swapped block bounds, a type dropped, a multiplicity changed', () => {
    const moved = clone(small);
    moved.point.compact.vals[1]![1] = new Big(moved.point.compact.vals[1]![1]!).plus('1e-20').toFixed();
    expect(auditCertificate(moved).failedClaim).toBe('gradBound');

    const swapped = clone(small);
    const bounds = swapped.claims.types.map((t) => t.lowerBound);
    const hi = bounds.indexOf(bounds.reduce((a, b) => (new Big(a).gt(b) ? a : b)));
    const lo = bounds.indexOf(bounds.reduce((a, b) => (new Big(a).lt(b) ? a : b)));
    [swapped.claims.types[hi]!.lowerBound, swapped.claims.types[lo]!.lowerBound] = [bounds[lo]!, bounds[hi]!];
    expect(auditCertificate(swapped).failedClaim).toBe('types');

    const dropped = clone(small);
    dropped.claims.types.pop();
    expect(auditCertificate(dropped).failedClaim).toBe('isotypicTypes');

    const mult = clone(small);
    mult.claims.types[1]!.multiplicity -= 1;
    mult.claims.dimensionSum = String(mult.claims.types.reduce((a, t) => a + BigInt(t.dimension) * BigInt(t.multiplicity), 0n));
    expect(auditCertificate(mult).failedClaim).toBe('isotypicTypes');
  });

  it('a bug in src/symmetric (a gradient bound too small) passes the reduced route alone but not the dense cross-check', () => {
    const lie = clone(small);
    lie.claims.gradBound = '1e-200'; // far below the true ‖∇F(W̃)‖ ≈ 1e-36; every relation between the numbers still holds
    expect(auditCertificate(lie).failedClaim).toBe('gradBound');
    broken.gradient = true;
    try {
      const reducedOnly = auditCertificate(lie, { denseCrossCheckMaxK: 0 });
      expect(reducedOnly.ok).toBe(true); // the reduced audit trusts src/symmetric's enclosures
      const both = auditCertificate(lie);
      expect(both.ok).toBe(false);
      expect(both.failedClaim).toBe('gradBound');
      expect(both.checks.find((c) => !c.ok)!.detail).toMatch(/^dense cross-check/);
    } finally {
      broken.gradient = false;
    }
  });
});
