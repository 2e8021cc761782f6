/**
 * certify's own guards: the enclosures it certifies with must belong to its centre, and its lower
 * loss bound is checked exactly (q ≥ g²/(2μ) with the denominator rounded down) at every precision.
 */
import { describe, expect, it, vi } from 'vitest';
import { exactCompare, exactMul, exactSub } from '../../src/arith/exact.js';
import { searchSpuriousPoint } from './fixtures.js';

describe('certify self-checks', () => {
  it('the loss lower bound satisfies 2μ(F_lo − lossLower) ≥ g² exactly, even at low precision where roundings show', async () => {
    const { certifyCandidate } = await import('../../src/certify/certifyCandidate.js');
    const { lossAndGradientEnclosure } = await import('../../src/objective/reluRigorous.js');
    const { decimalIntervals } = await import('../../src/arith/decimalInterval.js');
    const sp = searchSpuriousPoint();
    for (const precision of [14, 17, 23, 40]) {
      const r = certifyCandidate(sp.pt, { precision });
      expect(r.verdict, `P = ${precision}`).toBe('spurious-local-minimum');
      const fLo = lossAndGradientEnclosure(decimalIntervals(precision), { ...sp.pt, W: r.W }).loss.lo.toString();
      const lhs = exactMul(exactMul('2', r.mu!), exactSub(fLo, r.lossLower!));
      expect(exactCompare(lhs, exactMul(r.gradBound!, r.gradBound!))).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses to certify with enclosures that belong to another point', async () => {
    vi.resetModules();
    vi.doMock('../../src/certify/polish.js', async (importOriginal) => {
      const orig = await importOriginal<typeof import('../../src/certify/polish.js')>();
      return {
        ...orig,
        polishPoint: (pt: Parameters<typeof orig.polishPoint>[0], opts: Parameters<typeof orig.polishPoint>[1]) => {
          const r = orig.polishPoint(pt, opts);
          // The centre of one polish, paired with the enclosures of the unpolished point.
          const other = orig.polishPoint(pt, { ...opts, maxSteps: 0 });
          return { ...r, enclosures: other.enclosures };
        },
      };
    });
    const { certifyCandidate } = await import('../../src/certify/certifyCandidate.js');
    expect(() => certifyCandidate(searchSpuriousPoint().pt)).toThrow(/does not belong to the centre/);
    vi.doUnmock('../../src/certify/polish.js');
    vi.resetModules();
  });
});
