/**
 * Certificates for the report tests, from real certify output (no anchors needed):
 * - a spurious minimum (k = n = 7, found by the search code) and a refusal (a saddle that the
 *   minimum lemma refuses), through certifyCandidate + buildCertificate;
 * - a saddle (k = n = 4, Morse index 3) through certifySaddle, assembled into a version-2
 *   'saddle' document by hand following schema/certificate.schema.json (certify does not write
 *   saddle certificates yet); readCertificate must accept it.
 */
import { buildCertificate } from '../../src/certificate/build.js';
import { readCertificate, type Certificate, type SaddleCertificate } from '../../src/certificate/schema.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { certifySaddle } from '../../src/certify/certifySaddle.js';
import { EXISTENCE_THEOREM_STATEMENT } from '../../src/certify/saddleExistence.js';
import { problemOf, candidateInfoOf } from '../../src/certificate/build.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { toolVersion } from '../../src/version.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';
import { symmetricSaddleK4 } from '../certify/saddleFixtures.js';

export function certificateOf(pt: ExactPoint, id: string): Certificate {
  return buildCertificate({ id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } }, pt.V, certifyCandidate(pt));
}

export function spuriousCertificate(): Certificate {
  return certificateOf(searchSpuriousPoint().pt, 'search-k7');
}

export function refusalCertificate(): Certificate {
  return certificateOf(cyclicSaddle(), 'saddle');
}

export function saddleCertificate(): SaddleCertificate {
  const pt = symmetricSaddleK4();
  const r = certifySaddle(pt);
  if (r.verdict !== 'saddle') throw new Error(`fixture: certifySaddle refused the k = 4 saddle (${r.reason})`);
  const candidate = { id: 'saddle-k4', d: pt.d, n: pt.n, W: pt.W, source: { file: 'saddle-k4.json', format: 'json' } };
  const doc: SaddleCertificate = {
    schema: 'certmin-certificate',
    schemaVersion: 2,
    kind: 'saddle',
    problem: problemOf(pt.d, pt.n, pt.V),
    point: { W: r.W, candidate: candidateInfoOf(candidate), polish: r.polish },
    method: {
      lemma: 'krawczyk-morse',
      lemmaVersion: 1,
      statement: EXISTENCE_THEOREM_STATEMENT,
      precision: r.precision,
      anglePrecision: r.anglePrecision,
      polish: true,
      rho: r.rho!,
    },
    claims: {
      verdict: 'saddle',
      morseIndex: r.morseIndex!,
      eta: r.eta!,
      kappa: r.kappa!,
      radius: r.radius!,
      lossLower: r.lossLower!,
      lossUpper: r.lossUpper!,
    },
    provenance: { tool: 'certmin', version: toolVersion, createdAt: new Date().toISOString(), seconds: { total: Math.round(r.seconds.total * 1000) / 1000 } },
  };
  const read = readCertificate(JSON.parse(JSON.stringify(doc)));
  if (!read.ok) throw new Error(`fixture: hand-built saddle certificate is not schema-valid: ${read.errors.join('; ')}`);
  return doc;
}
