import { beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { buildCertificate } from '../../src/certificate/build.js';
import { conclusionSentence, reportMarkdown } from '../../src/certificate/report.js';
import type { Certificate } from '../../src/certificate/schema.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';
import { rotationOrbitCriticalPoint } from '../certify/saddleFixtures.js';

function certificateOf(pt: ExactPoint, id: string): Certificate {
  return buildCertificate({ id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } }, pt.V, certifyCandidate(pt));
}

let spurious: Certificate;
let refused: Certificate;
let saddle: Certificate;
beforeAll(() => {
  spurious = certificateOf(searchSpuriousPoint().pt, 'search-k7');
  refused = certificateOf(rotationOrbitCriticalPoint(), 'degenerate');
  saddle = certificateOf(cyclicSaddle(), 'saddle');
});

describe('Markdown report', () => {
  it('states the problem, the lemma with its proof, every hypothesis with its number, and the checks', () => {
    const audit = auditCertificate(spurious);
    const md = reportMarkdown(spurious, audit);
    const c = spurious.claims;
    expect(md).toMatch(/## Problem/);
    expect(md).toMatch(/F\(W\) = ½ · E_\{x ~ N\(0, I_d\)\}/);
    expect(md).toMatch(/d = 7, n = 7, k = 7; the teacher is the identity/);
    expect(md).toMatch(/\*Proof\.\*/);
    expect(md).toMatch(/\(★\)/);
    expect(md).toMatch(/∎/);
    expect(md).toContain(`g = ${c.gradBound}`);
    expect(md).toContain(`μ = ${c.mu}`);
    expect(md).toContain(`ρ = ${spurious.method.rho}`);
    expect(md).toMatch(/Rump's floating-point Cholesky criterion/);
    expect(md).toMatch(/t = max row sum of R = \d/);
    expect(md).toMatch(/independent route: with X a float eigenvector matrix, every Gershgorin disc/);
    expect(md).toMatch(/LDLᵀ factorisation in decimal interval arithmetic confirms it/);
    expect(md).toMatch(/\*\*\(iii\) Ball\.\*\* 2g = .* < μρ = /);
    expect(md).toContain(`F(W̃) ∈ [${audit.recomputed!.lossLo}, ${audit.recomputed!.lossHi}]`);
    expect(md).toMatch(/all \d+ checks hold/);
  });

  it('ends with one quotable sentence naming the radius, the loss enclosure and why it is spurious', () => {
    const audit = auditCertificate(spurious);
    const s = conclusionSentence(spurious, audit);
    const c = spurious.claims;
    expect(s).toBe(
      `There is a strict local minimum W* of F with ‖W* − W̃‖_F ≤ ${c.radius} and F(W*) ∈ [${c.lossLower}, ${c.lossUpper}]; ` +
        `since ${c.lossLower} > 0 and n = 7 ≥ k₊ = 7, it is spurious.`,
    );
    expect(reportMarkdown(spurious, audit)).toContain(`> ${s}`);
  });

  it('draws no conclusion without a passing audit (soundness rule)', () => {
    expect(conclusionSentence(spurious, undefined)).toMatch(/^No conclusion: the certificate was not audited/);
    const md = reportMarkdown(spurious);
    expect(md).not.toMatch(/> There is a strict local minimum/);
    expect(md).toMatch(/\*Not audited\.\*/);
  });

  it('a saddle certificate reports the lemma, its numbers and a conclusion built from its claims', () => {
    if (saddle.kind !== 'saddle') throw new Error(`expected a saddle, got ${saddle.kind}`);
    const audit = auditCertificate(saddle);
    expect(audit.ok).toBe(true);
    const md = reportMarkdown(saddle, audit);
    const c = saddle.claims;
    expect(md).toContain('Banach');
    expect(md).toContain('Sylvester');
    expect(md).toContain(`κ = ${c.kappa}`);
    expect(md).toContain(
      `> There is exactly one critical point W* of F with |W* − W̃|∞ ≤ ${c.radius}; it is non-degenerate with Morse index 1 (a saddle) and F(W*) ∈ [${c.lossLower}, ${c.lossUpper}].`,
    );
  });

  it('a refusal gives a short report of what failed and claims nothing', () => {
    const md = reportMarkdown(refused, auditCertificate(refused));
    expect(md).toMatch(/Reason: \*\*degenerate\*\*/);
    expect(md).toMatch(/claims nothing/);
    expect(md).not.toMatch(/## The lemma/);
    expect(md.length).toBeLessThan(reportMarkdown(spurious).length / 2);
  });

  it('a certificate that fails its audit is flagged at the top', () => {
    const t = structuredClone(spurious);
    t.claims.lossUpper = '0.01';
    const md = reportMarkdown(t, auditCertificate(t));
    expect(md.split('\n').slice(0, 4).join('\n')).toMatch(/AUDIT FAILED.*lossUpper.*Nothing below is proved/);
  });
});
