/**
 * The committed 2021 gallery (certificates/safran-yehudai-shamir-2021): the index lists every
 * certificate, every record of every shared pickle has one, and a deterministic sample passes a
 * full audit here — the most frequent record of every sixth k, and each family's members at
 * k = 1000 and beyond (`npm run audit:gallery` audits all of them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { havePickles, PICKLES } from '../symmetric/fixtures.js';

const gallery = 'certificates/safran-yehudai-shamir-2021';
const storedDirs = existsSync(join(gallery, 'stored')) ? readdirSync(join(gallery, 'stored')).sort() : [];
const familyDirs = existsSync(join(gallery, 'families')) ? readdirSync(join(gallery, 'families')).sort() : [];
const certFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json') && !['summary.json', 'family.json'].includes(f)).sort();
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('2021 certificate gallery', () => {
  it.skipIf(storedDirs.length === 0)('lists every certificate in its index', () => {
    const index = readFileSync(join(gallery, 'README.md'), 'utf8');
    for (const d of storedDirs) for (const f of certFiles(join(gallery, 'stored', d))) expect(index).toContain(`(stored/${d}/${f})`);
    for (const d of familyDirs) for (const f of certFiles(join(gallery, 'families', d))) expect(index).toContain(`(families/${d}/${f})`);
  });

  it.skipIf(storedDirs.length === 0 || !havePickles)('holds a certificate for every stored record of every shared pickle (k = 6…60)', () => {
    for (let k = 6; k <= 60; k++) {
      const dir = join(gallery, 'stored', `k${String(k).padStart(2, '0')}`);
      const records = loadCandidates(join(PICKLES, `Processed minima k=${k}.p`));
      const certs = certFiles(dir).map((f) => read(join(dir, f)));
      expect([k, certs.length]).toEqual([k, records.length]);
      const ids = new Set(certs.map((c) => c.point.candidate.id));
      for (const r of records) expect(ids.has(r.id)).toBe(true);
      for (const c of certs) expect(c.point.compact, c.point.candidate.id).toBeDefined();
    }
  });

  for (const d of storedDirs.filter((_, q) => q % 6 === 0)) {
    it(`the most frequent record of ${d} passes audit`, () => {
      const certs = certFiles(join(gallery, 'stored', d)).map((f) => read(join(gallery, 'stored', d, f)));
      const nonGlobal = certs.filter((c) => c.kind !== 'global-minimum');
      if (nonGlobal.length === 0) {
        // k = 6 stores only the global minimum (the teacher itself).
        for (const g of certs) expect(auditCertificate(g).verdict).toBe('global-minimum');
        return;
      }
      const c = nonGlobal.reduce((a, b) => ((b.point.candidate.multiplicity ?? 0) > (a.point.candidate.multiplicity ?? 0) ? b : a));
      const a = auditCertificate(c);
      expect(a.failedClaim).toBeUndefined();
      expect([c.point.candidate.id, a.ok, a.verdict]).toEqual([c.point.candidate.id, true, 'spurious-local-minimum']);
      expect(a.checks.some((ch) => ch.name === 'denseCrossCheck')).toBe(c.problem.k > 30);
    });
  }

  for (const d of familyDirs) {
    it(`family ${d}: its members at k ≥ 1000 pass audit`, () => {
      const dir = join(gallery, 'families', d);
      const certs = certFiles(dir).map((f) => read(join(dir, f))).filter((c) => c.problem.k >= 1000);
      for (const c of certs) {
        const a = auditCertificate(c);
        expect([c.problem.k, a.failedClaim]).toEqual([c.problem.k, undefined]);
        expect(a.ok).toBe(true);
      }
    });
  }
});
