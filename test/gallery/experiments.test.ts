import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectGallery } from '../../src/gallery/collect.js';
import { experimentPages } from '../../src/gallery/experiments.js';
import { publishedPercent, SAFRAN_SHAMIR_2018_TABLE1 } from '../../src/gallery/publishedTable.js';
import { repositoryRates2018 } from '../../src/gallery/repositoryResults.js';
import { readSafranShamir2018 } from '../../src/io/storedResults.js';

const MAT_2018 = resolve('../shared/anchors/safran-shamir-2018');
const root = mkdtempSync(join(tmpdir(), 'certmin-experiments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function smallGallery(): string {
  const src = join(root, 'g');
  if (!existsSync(src)) {
    cpSync('certificates/safran-shamir-2018/k06-n06', join(src, 'k06-n06'), { recursive: true });
    cpSync('certificates/safran-shamir-2018/k07-n07', join(src, 'k07-n07'), { recursive: true });
    cpSync('certificates/safran-shamir-2018/searched.json', join(src, 'searched.json'));
  }
  return src;
}

describe('experiment pages', () => {
  it('the 2018 page lists every searched (k, n) with our percentage; Table 1 is marked unavailable, never filled in', async () => {
    const input = collectGallery([smallGallery()]);
    const [page] = await experimentPages(input, () => '#');
    expect(page).toBeDefined();
    const stats = input.searched[0]!.stats;
    for (const s of stats) {
      const row = new RegExp(`<tr data-k="${s.k}" data-n="${s.n}"><td>${s.k}</td><td>${s.n}</td><td>${s.runs}</td><td class="ours">${(100 * s.spuriousFraction).toFixed(1)}%</td>`);
      expect(page!.html).toMatch(row);
    }
    const missing = stats.filter((s) => publishedPercent(SAFRAN_SHAMIR_2018_TABLE1, s.k, s.n) === undefined).length;
    if (SAFRAN_SHAMIR_2018_TABLE1.status === 'unavailable') expect(missing).toBe(stats.length);
    expect(page!.html.match(/<td class="published"><span class="unavailable">unavailable<\/span><\/td>/g)?.length ?? 0).toBe(missing);
    expect(page!.html).toMatch(/<svg[\s\S]*<path/);
  });

  it('the 2021 page counts, per k, the stored-minimum records given to certify and those certified as minima', async () => {
    const dir = join(root, 'stored');
    mkdirSync(dir, { recursive: true });
    // Two certificates relabelled as records of a stored 2021 file (only their source and kind matter here).
    const a = JSON.parse(readFileSync('certificates/safran-shamir-2018/k07-n07/families.json_1.json', 'utf8'));
    a.point.candidate.source = { file: 'Processed minima k=7.p', format: 'pickle', index: 0 };
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    const b = JSON.parse(readFileSync('certificates/safran-shamir-2018/k06-n06/families.json_1.json', 'utf8'));
    b.point.candidate.source = { file: 'Processed minima k=6.p', format: 'pickle', index: 3 };
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const pages = await experimentPages(collectGallery([dir]), () => '#');
    expect(pages.map((p) => p.file)).toEqual(['safran-yehudai-shamir-2021-minima.html']);
    expect(pages[0]!.html).toMatch(/<tr data-k="6"><td>6<\/td><td>1<\/td><td class="ours">1<\/td><td>0<\/td><td style="text-align:left">Processed minima k=6.p<\/td><\/tr>/);
    expect(pages[0]!.html).toMatch(/<tr data-k="7"><td>7<\/td><td>1<\/td><td class="ours">1<\/td>/);
  });

  it.skipIf(!existsSync(MAT_2018))("with the authors' repository files: runs in stored families per (k, n), beside ours", async () => {
    const rates = repositoryRates2018(MAT_2018);
    expect(rates.length).toBeGreaterThan(10);
    for (const r of rates) {
      const cands = readSafranShamir2018(join(MAT_2018, r.file));
      expect(r.families).toBe(cands.length);
      expect(cands.every((c) => c.d === r.k && c.n === r.n)).toBe(true);
      expect(r.runs).toBeGreaterThan(0);
      expect(r.runs).toBeLessThanOrEqual(1000);
    }
    const [page] = await experimentPages(collectGallery([smallGallery()]), () => '#', rates);
    const r66 = rates.find((r) => r.k === 6 && r.n === 6)!;
    expect(page!.html).toContain(`<td class="repository">${(r66.runs / 10).toFixed(1)}% (${r66.families} families)</td>`);
  });
});
