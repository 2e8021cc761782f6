/**
 * Certificates for the report tests, all real certify output (no anchors needed), through
 * certifyCandidate + buildCertificate: a spurious minimum (k = n = 7, found by the search code),
 * a saddle of Morse index 1 (the cyclic critical point), and a refusal (a degenerate critical
 * point on a circle of critical points).
 */
import { buildCertificate } from '../../src/certificate/build.js';
import type { Certificate } from '../../src/certificate/schema.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';
import { rotationOrbitCriticalPoint } from '../certify/saddleFixtures.js';

export function certificateOf(pt: ExactPoint, id: string): Certificate {
  return buildCertificate({ id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } }, pt.V, certifyCandidate(pt));
}

export function spuriousCertificate(): Certificate {
  return certificateOf(searchSpuriousPoint().pt, 'search-k7');
}

export function saddleCertificate(): Certificate {
  const c = certificateOf(cyclicSaddle(), 'saddle');
  if (c.kind !== 'saddle') throw new Error(`fixture: expected a saddle certificate, got ${c.kind}`);
  return c;
}

export function refusalCertificate(): Certificate {
  const c = certificateOf(rotationOrbitCriticalPoint(), 'degenerate');
  if (c.kind !== 'refusal') throw new Error(`fixture: expected a refusal, got ${c.kind}`);
  return c;
}
