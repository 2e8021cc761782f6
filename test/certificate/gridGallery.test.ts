/**
 * The committed finite-data gallery (certificates/simsek-2021-grid, scripts/gridGallery.ts): the
 * index links every certificate of every width and its study plot, its family counts are those of
 * each width's summary.json, and a small deterministic sample passes a full audit with the verdict
 * its summary row states: per width the most frequent certified global minimum and refusal, and for
 * the smallest and largest width also the most frequent spurious minimum and saddle (the costly
 * audits; `certmin audit certificates/simsek-2021-grid` audits all of them). Skips when the folder
 * is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import type { SummaryRow } from '../../src/certify/runCertify.js';

const gallery = 'certificates/simsek-2021-grid';
const widthDirs = existsSync(gallery)
  ? readdirSync(gallery)
      .filter((d) => /^(sigmoid|relu)-n\d+$/.test(d))
      .sort((x, y) => Number(x.split('-n')[1]) - Number(y.split('-n')[1]))
  : [];
const certFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'summary.json').sort();
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const rowsOf = (d: string) => (read(join(gallery, d, 'summary.json')) as SummaryRow[]).filter((r) => r.verdict !== 'skipped');

describe('finite-data certificate gallery (simsek-2021-grid)', () => {
  it.skipIf(widthDirs.length === 0)('the index links every certificate and every study plot, and counts each width\'s certified families', () => {
    const index = readFileSync(join(gallery, 'README.md'), 'utf8');
    for (const d of widthDirs) {
      const files = certFiles(join(gallery, d));
      const rows = rowsOf(d);
      expect([d, rows.length]).toEqual([d, files.length]);
      expect(new Set(rows.map((r) => r.certificate))).toEqual(new Set(files));
      for (const f of files) expect(index).toContain(`(${d}/${f})`);
      expect(index).toContain(`(${d}.svg)`);
      const svg = readFileSync(join(gallery, `${d}.svg`), 'utf8');
      expect(svg).toMatch(/<svg[\s\S]*<path/);
      expect(svg, 'a legend label cut short').not.toContain('…');
      const n = d.split('-n')[1];
      expect(index).toMatch(new RegExp(`n = ${n}: ${rows.length} of \\d+ certified`));
    }
  });

  const sample: { dir: string; row: SummaryRow }[] = [];
  for (const [q, d] of widthDirs.entries()) {
    const rows = rowsOf(d);
    const mostFrequent = (verdict: string) =>
      rows.filter((r) => r.verdict === verdict).reduce<SummaryRow | undefined>((a, b) => (!a || (b.multiplicity ?? 0) > (a.multiplicity ?? 0) ? b : a), undefined);
    const ends = q === 0 || q === widthDirs.length - 1;
    const verdicts = ['global-minimum', 'refused', ...(ends ? ['spurious-local-minimum', 'saddle'] : [])];
    for (const v of verdicts) {
      const row = mostFrequent(v);
      if (row) sample.push({ dir: d, row });
    }
  }
  for (const { dir, row } of sample) {
    it(`${dir}/${row.certificate} (${row.verdict}, ${row.multiplicity} runs) passes audit`, () => {
      const a = auditCertificate(read(join(gallery, dir, row.certificate!)));
      expect(a.failedClaim).toBeUndefined();
      expect([a.ok, a.verdict]).toEqual([true, row.verdict]);
    });
  }
});
