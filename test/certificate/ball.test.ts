import { describe, expect, it } from 'vitest';
import { certificateBall, denseCentre } from '../../src/certificate/ball.js';
import { buildCertificate } from '../../src/certificate/build.js';
import { buildReducedCertificate } from '../../src/certificate/buildReduced.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { compactCandidate } from '../../src/io/compactCandidate.js';
import { certifyCompact } from '../../src/symmetric/certifyCompact.js';
import { expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { compactMinimum28, compactSaddle24, denseOf } from '../symmetric/fixtures.js';

describe('certificateBall: the centre, radius, ρ and μ of a minimum certificate, dense or reduced', () => {
  const pt = compactMinimum28();
  const cand = compactCandidate({ id: 'm', source: { file: 'm.json', format: 'json' } }, pt);

  it('reduced: the compact centre as certified; dense: W; both balls contain the same minimum', () => {
    const reduced = buildReducedCertificate(cand, certifyCompact(pt), { polish: true });
    const dense = buildCertificate(cand, cand.V!, certifyCandidate(denseOf(pt)));
    const rb = certificateBall(reduced)!;
    const db = certificateBall(dense)!;
    expect(rb.centre).toEqual({ kind: 'compact', p: reduced.point.compact.p, vals: (reduced.point as { compact: { vals: string[][] } }).compact.vals });
    expect(db.centre.kind).toBe('dense');
    expect(denseCentre(rb)).toEqual(expandCompactPoint(rb.centre as { p: number[]; vals: string[][] }));
    expect(denseCentre(db)).toBe((dense.point as { W: string[][] }).W);
    for (const [b, c] of [[rb, reduced], [db, dense]] as const) {
      expect(c.kind).toBe('minimum');
      if (c.kind !== 'minimum') continue;
      expect([b.radius, b.rho, b.mu, b.lossLower, b.lossUpper, b.verdict]).toEqual([
        c.claims.radius, c.method.rho, c.method.mu, c.claims.lossLower, c.claims.lossUpper, c.claims.verdict,
      ]);
      expect([b.d, b.n, b.k]).toEqual([10, 10, 10]);
    }
    // The two certified minima are one: the loss enclosures overlap.
    expect(Number(rb.lossLower) <= Number(db.lossUpper) && Number(db.lossLower) <= Number(rb.lossUpper)).toBe(true);
  });

  it('is undefined for a refusal and a global minimum', () => {
    const s = compactSaddle24();
    const refusal = buildReducedCertificate(compactCandidate({ id: 's', source: { file: 's', format: 'json' } }, s), certifyCompact(s), { polish: true });
    expect(refusal.kind).toBe('refusal');
    expect(certificateBall(refusal)).toBeUndefined();
    const g = { p: [2, 1], vals: [['1', '0', '0'], ['0', '1', '0']] };
    const global = buildReducedCertificate(compactCandidate({ id: 'g', source: { file: 'g', format: 'json' } }, g), certifyCompact(g), { polish: true });
    expect(global.kind).toBe('global-minimum');
    expect(certificateBall(global)).toBeUndefined();
  });
});
