/**
 * Experiment pages of a gallery: our statistics beside the published ones.
 *   - Safran & Shamir (2018) setting, for each searched.json (scripts/gallery.ts): per (k, n) the
 *     percentage of our search runs that ended at a spurious candidate, beside Table 1 of the paper
 *     (publishedTable.ts; marked unavailable when its numbers are), and the certified families.
 *   - Safran, Yehudai & Shamir (2021) setting, for certificates of stored minima ('Processed minima
 *     k=K.p', format pickle): per k the number of records in the published files that certmin
 *     certified, against the number it was given.
 * Tables and one Vega-Lite plot per page (plots.ts).
 */
import { basename, dirname } from 'node:path';
import { comparisonSvg } from '../certificate/report/plots.js';
import { escapeHtml, htmlPage } from '../certificate/report/renderHtml.js';
import type { GalleryCertificate, GalleryInput, SearchStats } from './collect.js';
import { publishedPercent, SAFRAN_SHAMIR_2018_TABLE1, type PublishedTable } from './publishedTable.js';
import type { RepositoryRate } from './repositoryResults.js';

export interface ExperimentPage {
  file: string;
  title: string;
  html: string;
}

const NAV = '<nav class="crumbs"><a href="../index.html">← gallery index</a></nav>';
const CSS = '<style>table{border-collapse:collapse;font-size:.92rem}th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .6rem;text-align:right}.unavailable{color:#a04000;font-style:italic}</style>';

function isSpurious(c: GalleryCertificate['certificate']): boolean {
  return c.kind === 'minimum' && c.claims.verdict === 'spurious-local-minimum';
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function unavailableNote(t: PublishedTable): string {
  return t.status === 'available'
    ? `<p>Published column: ${escapeHtml(t.table)}, from ${escapeHtml(t.citation)}</p>`
    : `<p class="unavailable">Published column unavailable: ${escapeHtml(t.reason ?? '')}</p><p>Source it should come from: ${escapeHtml(t.citation)} — ${escapeHtml(t.table)}.</p>`;
}

async function searchPage(
  folder: string,
  stats: SearchStats[],
  certs: GalleryCertificate[],
  pageOf: (g: GalleryCertificate) => string,
  repository: RepositoryRate[] | undefined,
): Promise<ExperimentPage> {
  const table = SAFRAN_SHAMIR_2018_TABLE1;
  const sorted = [...stats].sort((a, b) => a.k - b.k || a.n - b.n);
  const plotRows: { x: number; y: number; series: string; group: string }[] = [];
  const rows = sorted.map((s) => {
    const here = certs.filter((g) => g.certificate.problem.k === s.k && g.certificate.problem.n === s.n);
    const spurious = here.filter((g) => isSpurious(g.certificate));
    const runsCertified = spurious.reduce((a, g) => a + (g.certificate.point.candidate.multiplicity ?? 0), 0);
    const refused = here.filter((g) => g.certificate.kind === 'refusal').length;
    const pub = publishedPercent(table, s.k, s.n);
    const group = s.n === s.k ? 'n = k' : `n = k + ${s.n - s.k}`;
    plotRows.push({ x: s.k, y: 100 * s.spuriousFraction, series: 'certmin search', group });
    if (pub !== undefined) plotRows.push({ x: s.k, y: pub, series: 'Table 1 (published)', group });
    const repo = repository?.find((r) => r.k === s.k && r.n === s.n);
    const ours = s.counts ? (s.counts['spurious-candidate'] ?? 0) + (s.counts['saddle-candidate'] ?? 0) : undefined;
    if (repo) plotRows.push({ x: s.k, y: repo.runs / 10, series: "authors' repository: runs in stored families", group });
    const repoCell = !repository
      ? ''
      : `<td class="ours">${ours !== undefined ? percent(ours / s.runs) : '—'}</td><td class="repository">${repo ? `${(repo.runs / 10).toFixed(1)}% (${repo.families} families)` : '<span class="unavailable">no file</span>'}</td>`;
    const links = spurious.map((g) => `<a href="${escapeHtml(pageOf(g))}">${escapeHtml(basename(g.rel, '.json'))}</a>`).join(' ');
    return (
      `<tr data-k="${s.k}" data-n="${s.n}"><td>${s.k}</td><td>${s.n}</td><td>${s.runs}</td><td class="ours">${percent(s.spuriousFraction)}</td>` +
      `<td class="published">${pub !== undefined ? `${pub}%` : '<span class="unavailable">unavailable</span>'}</td>` +
      `${repoCell}<td>${spurious.length}</td><td>${runsCertified}</td><td>${refused}</td><td style="text-align:left">${links}</td></tr>`
    );
  });
  const svg = plotRows.length > 0 ? await comparisonSvg(plotRows, 'runs ending at a spurious candidate (%)') : '';
  const title = `Safran & Shamir (2018) setting: spurious runs per (k, n) — ${folder}`;
  const body = [
    NAV,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>Our statistics: <code>${escapeHtml(folder)}/searched.json</code> (certmin search, identity teacher, 1000 runs per (k, n) unless stated) ` +
      'and the certificates in this folder. "Certified" counts spurious families whose certificate is in the gallery (each one audited on its page).</p>',
    unavailableNote(table),
    repository
      ? "<p>Authors' repository column: ItaySafran/OneLayerGDconvergence, Results/newExp-K-N.mat (read from the files given to " +
        '<code>--published-2018</code>): the runs out of 1000 in the stored families of points where gradient descent did not reach a ' +
        'global minimum (the sum of <code>magnitude</code>; this includes families that are not local minima). Beside it, certmin\'s runs ' +
        'at a spurious or saddle candidate.</p>'
      : '',
    `<figure class="plot comparison">${svg}<figcaption>Percentage of runs that ended at a spurious candidate, by k; solid n = k, dashed n = k + 1.</figcaption></figure>`,
    '<table id="comparison"><thead><tr><th>k</th><th>n</th><th>runs</th><th>certmin: runs at a spurious candidate</th><th>Table 1 (published)</th>' +
      (repository ? "<th>certmin: runs at a spurious or saddle candidate</th><th>authors' repository: runs in stored families</th>" : '') +
      '<th>certified spurious families</th><th>runs in certified families</th><th>refused</th><th style="text-align:left">certificates</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
  return { file: `${folder.replace(/[^A-Za-z0-9._-]+/g, '_')}-search.html`, title, html: htmlPage(escapeHtml(title), body, CSS) };
}

async function storedMinimaPage(certs: GalleryCertificate[]): Promise<ExperimentPage> {
  const byK = new Map<number, GalleryCertificate[]>();
  for (const g of certs) byK.set(g.certificate.problem.k, [...(byK.get(g.certificate.problem.k) ?? []), g]);
  const ks = [...byK.keys()].sort((a, b) => a - b);
  const plotRows: { x: number; y: number; series: string; group: string }[] = [];
  const rows = ks.map((k) => {
    const here = byK.get(k)!;
    // One record may have several certificates (a minimum and the overparam conditions over it): count records.
    const recordOf = (g: GalleryCertificate) => `${basename(g.certificate.point.candidate.source.file)}#${g.certificate.point.candidate.source.index ?? ''}`;
    const records = new Set(here.map(recordOf));
    const minima = new Set(here.filter((g) => g.certificate.kind === 'minimum' || g.certificate.kind === 'overparam-conditions').map(recordOf)).size;
    const refused = new Set(here.filter((g) => g.certificate.kind === 'refusal').map(recordOf)).size;
    const files = [...new Set(here.map((g) => basename(g.certificate.point.candidate.source.file)))];
    plotRows.push({ x: k, y: records.size, series: 'records given to certify', group: 'published' });
    plotRows.push({ x: k, y: minima, series: 'certified distinct minima', group: 'certmin' });
    return `<tr data-k="${k}"><td>${k}</td><td>${records.size}</td><td class="ours">${minima}</td><td>${refused}</td><td style="text-align:left">${files.map(escapeHtml).join(', ')}</td></tr>`;
  });
  const svg = await comparisonSvg(plotRows, 'distinct minima');
  const title = 'Safran, Yehudai & Shamir (2021) setting: distinct minima per k';
  const body = [
    NAV,
    `<h1>${escapeHtml(title)}</h1>`,
    '<p>Each record of a published file <code>Processed minima k=K.p</code> is one distinct minimum reported by the paper\'s code; the table counts the ' +
      'records of those files that certmin was given and how many it certified as minima (a minimum certificate, or the over-parameterisation ' +
      'conditions proved over a certified minimum).</p>',
    `<figure class="plot comparison">${svg}<figcaption>Distinct minima per k: records given to certify, and those certified.</figcaption></figure>`,
    '<table id="minima"><thead><tr><th>k</th><th>records given</th><th>certified minima</th><th>refused</th><th style="text-align:left">files</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
  return { file: 'safran-yehudai-shamir-2021-minima.html', title, html: htmlPage(escapeHtml(title), body, CSS) };
}

export async function experimentPages(
  input: GalleryInput,
  pageOf: (g: GalleryCertificate) => string,
  repository2018?: RepositoryRate[],
): Promise<ExperimentPage[]> {
  const pages: ExperimentPage[] = [];
  for (const s of input.searched) {
    const folder = dirname(s.rel);
    const certs = input.certificates.filter((g) => g.rel.startsWith(`${folder}/`));
    pages.push(await searchPage(folder, s.stats, certs, pageOf, repository2018));
  }
  const stored = input.certificates.filter((g) => g.certificate.point.candidate.source.format === 'pickle');
  if (stored.length > 0) pages.push(await storedMinimaPage(stored));
  return pages;
}
