/**
 * buildGallerySite: a static site over folders of certificates (collect.ts):
 *   index.html         — every certificate (sortable, filterable by k, n, verdict, loss, μ) and the
 *                        count per class; a small inline script, nothing loaded from the network;
 *   c/<name>.html      — one page per certificate: its HTML report (report/renderHtml.ts);
 *   experiments/*.html — our search statistics beside the published ones (experiments.ts).
 * Each certificate is audited first (AuditCache: reused for unchanged files), so a page draws a
 * conclusion only for a certificate that holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel } from '../certificate/report/buildModel.js';
import { escapeHtml, htmlPage, renderHtml } from '../certificate/report/renderHtml.js';
import type { AuditResult } from '../certificate/audit/index.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { toolVersion } from '../version.js';
import { AuditCache } from './auditCache.js';
import type { GalleryCertificate, GalleryInput } from './collect.js';
import { experimentPages, type ExperimentPage } from './experiments.js';
import type { RepositoryRate } from './repositoryResults.js';

export interface SiteOptions {
  /** Audit every certificate (default true). Without it no page draws a conclusion. */
  audit?: boolean;
  /** Per-(k, n) statistics from the authors' repository of the 2018 paper (repositoryResults.ts). */
  repository2018?: RepositoryRate[];
  /** Called after each certificate page (for progress). */
  onPage?: (done: number, total: number) => void;
}

export interface SiteResult {
  pages: number;
  /** Certificate pages rendered in this build (the others were current: same file, audit and version). */
  rendered: number;
  certificates: number;
  audited: { computed: number; cached: number };
  experiments: string[];
  seconds: { audit: number; pages: number; total: number };
}

/** A file name for a certificate page: its gallery path with separators and odd characters replaced. */
export function pageName(rel: string): string {
  return `${rel.replace(/\.json$/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.html`;
}

/** The class a certificate counts under in the index (its verdict; refusals by reason). */
export function classOf(c: GalleryCertificate['certificate']): string {
  return c.kind === 'refusal' ? `refused (${c.claims.reason})` : c.claims.verdict;
}

interface Row {
  g: GalleryCertificate;
  audit?: AuditResult;
  page: string;
}

function shortNumber(x: string | undefined, digits: number): string {
  if (x === undefined) return '—';
  const v = Number(x);
  return Number.isFinite(v) && v !== 0 ? v.toPrecision(digits) : x;
}

function rowHtml(r: Row): string {
  const c = r.g.certificate;
  const cl = c.claims as { lossLower?: string; lossUpper?: string; mu?: string; radius?: string };
  const cls = classOf(c);
  const audit = !r.audit ? 'not audited' : r.audit.ok ? 'holds' : `fails (${r.audit.failedClaim})`;
  const loss = cl.lossLower !== undefined ? Number(cl.lossLower) : NaN;
  const mu = cl.mu !== undefined ? Number(cl.mu) : NaN;
  const mult = c.point.candidate.multiplicity;
  return (
    `<tr data-k="${c.problem.k}" data-n="${c.problem.n}" data-class="${escapeHtml(cls)}" data-loss="${Number.isFinite(loss) ? loss : ''}" ` +
    `data-mu="${Number.isFinite(mu) ? mu : ''}" data-mult="${mult ?? ''}">` +
    `<td>${c.problem.k}</td><td>${c.problem.n}</td><td><a href="c/${escapeHtml(r.page)}">${escapeHtml(r.g.rel)}</a></td>` +
    `<td>${mult ?? '—'}</td><td class="cls">${escapeHtml(cls)}</td>` +
    `<td class="num">${escapeHtml(shortNumber(cl.lossLower, 12))}</td><td class="num">${escapeHtml(shortNumber(cl.mu, 4))}</td>` +
    `<td class="num">${escapeHtml(shortNumber(cl.radius, 4))}</td><td>${escapeHtml(audit)}</td></tr>`
  );
}

const INDEX_SCRIPT = `
(function () {
  var tbody = document.querySelector('#certs tbody');
  var rows = Array.prototype.slice.call(tbody.rows);
  var f = { k: document.getElementById('f-k'), n: document.getElementById('f-n'), cls: document.getElementById('f-class'),
    lossMin: document.getElementById('f-loss-min'), lossMax: document.getElementById('f-loss-max'), muMin: document.getElementById('f-mu-min') };
  function num(v) { return v === '' ? NaN : Number(v); }
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var d = r.dataset, ok = true;
      if (f.k.value !== '' && d.k !== f.k.value) ok = false;
      if (f.n.value !== '' && d.n !== f.n.value) ok = false;
      if (f.cls.value !== '' && d.class !== f.cls.value) ok = false;
      var loss = num(d.loss), mu = num(d.mu);
      if (f.lossMin.value !== '' && !(loss >= Number(f.lossMin.value))) ok = false;
      if (f.lossMax.value !== '' && !(loss <= Number(f.lossMax.value))) ok = false;
      if (f.muMin.value !== '' && !(mu >= Number(f.muMin.value))) ok = false;
      r.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  Object.keys(f).forEach(function (key) { f[key].addEventListener('input', apply); });
  var dir = {};
  document.querySelectorAll('#certs th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.dataset.sort, numeric = th.dataset.type === 'number';
      dir[key] = dir[key] === 1 ? -1 : 1;
      rows.sort(function (a, b) {
        var x = a.dataset[key], y = b.dataset[key];
        if (numeric) { x = num(x); y = num(y); if (isNaN(x)) return 1; if (isNaN(y)) return -1; return dir[key] * (x - y); }
        return dir[key] * String(x).localeCompare(String(y));
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  apply();
})();
`;

const INDEX_CSS = `
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .4rem;text-align:left}
th[data-sort]{cursor:pointer;white-space:nowrap}th[data-sort]:after{content:" \\2195";color:#999}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;margin:1rem 0;font-size:.9rem}.filters input{width:7rem}
body{max-width:80rem}
`;

function options(values: (string | number)[]): string {
  return ['<option value="">all</option>', ...values.map((v) => `<option value="${escapeHtml(String(v))}">${escapeHtml(String(v))}</option>`)].join('');
}

function indexHtml(rows: Row[], input: GalleryInput, experiments: ExperimentPage[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(classOf(r.g.certificate), (counts.get(classOf(r.g.certificate)) ?? 0) + 1);
  const classes = [...counts.keys()].sort();
  const ks = [...new Set(rows.map((r) => r.g.certificate.problem.k))].sort((a, b) => a - b);
  const ns = [...new Set(rows.map((r) => r.g.certificate.problem.n))].sort((a, b) => a - b);
  const held = rows.filter((r) => r.audit?.ok).length;
  const body = [
    '<h1>certmin certificate gallery</h1>',
    `<p>${rows.length} certificates; gallery built by certmin ${escapeHtml(toolVersion)}; ` +
      `${held} pass their audit in this build. Each row links to the certificate's proof. Click a column header to sort.</p>`,
    '<h2>Certificates per class</h2>',
    '<table id="classes"><thead><tr><th>class</th><th>certificates</th></tr></thead><tbody>',
    ...classes.map((c) => `<tr><td>${escapeHtml(c)}</td><td class="count">${counts.get(c)}</td></tr>`),
    `</tbody><tfoot><tr><th>total</th><th>${rows.length}</th></tr></tfoot></table>`,
    ...(experiments.length > 0
      ? ['<h2>Experiments</h2><ul>', ...experiments.map((e) => `<li><a href="experiments/${escapeHtml(e.file)}">${escapeHtml(e.title)}</a></li>`), '</ul>']
      : []),
    ...(input.invalid.length > 0
      ? [`<h2>Not valid certificates (${input.invalid.length})</h2><ul>`, ...input.invalid.map((x) => `<li><code>${escapeHtml(x.rel)}</code>: ${escapeHtml(x.error)}</li>`), '</ul>']
      : []),
    '<h2>All certificates</h2>',
    '<div class="filters">',
    `<label>k <select id="f-k">${options(ks)}</select></label>`,
    `<label>n <select id="f-n">${options(ns)}</select></label>`,
    `<label>class <select id="f-class">${options(classes)}</select></label>`,
    '<label>loss ≥ <input id="f-loss-min" type="number" step="any"></label>',
    '<label>loss ≤ <input id="f-loss-max" type="number" step="any"></label>',
    '<label>μ ≥ <input id="f-mu-min" type="number" step="any"></label>',
    '<span>showing <strong id="shown"></strong></span>',
    '</div>',
    '<table id="certs"><thead><tr>',
    '<th data-sort="k" data-type="number">k</th><th data-sort="n" data-type="number">n</th><th>certificate</th>',
    '<th data-sort="mult" data-type="number">multiplicity</th><th data-sort="class">class</th>',
    '<th data-sort="loss" data-type="number">loss ≥</th><th data-sort="mu" data-type="number">μ</th><th>r</th><th>audit</th>',
    '</tr></thead><tbody>',
    ...rows.map(rowHtml),
    '</tbody></table>',
    `<script>${INDEX_SCRIPT}</script>`,
  ].join('\n');
  return htmlPage('certmin certificate gallery', body, `<style>${INDEX_CSS}</style>`);
}

/** What a certificate page depends on: the file's bytes, its audit outcome, the tool version. */
function pageKey(r: Row): string {
  const audit = !r.audit ? 'not-audited' : r.audit.ok ? `held:${r.audit.checks.length}:${r.audit.seconds}` : `failed:${r.audit.failedClaim}`;
  return `${toolVersion}:${r.g.sha256}:${audit}`;
}

const PAGE_MANIFEST = '.certmin-pages.json';

/** Which certificate pages of an earlier build are still current (skipped on rebuild). */
class PageManifest {
  private pages: Record<string, string> = {};
  private readonly next: Record<string, string> = {};
  rendered = 0;

  constructor(private readonly dir: string) {
    try {
      this.pages = JSON.parse(readFileSync(join(dir, PAGE_MANIFEST), 'utf8')) as Record<string, string>;
    } catch {
      this.pages = {};
    }
  }

  isCurrent(page: string, key: string): boolean {
    const ok = this.pages[page] === key && existsSync(join(this.dir, 'c', page));
    if (ok) this.next[page] = key;
    return ok;
  }

  record(page: string, key: string): void {
    this.next[page] = key;
    this.rendered++;
  }

  save(): void {
    writeFileAtomic(join(this.dir, PAGE_MANIFEST), JSON.stringify(this.next));
  }
}

/** Writes the site into outDir (created if needed). */
export async function buildGallerySite(input: GalleryInput, outDir: string, opts: SiteOptions = {}): Promise<SiteResult> {
  const t0 = performance.now();
  const doAudit = opts.audit ?? true;
  const cache = new AuditCache(outDir);
  const rows: Row[] = [];
  const used = new Set<string>();
  let auditSeconds = 0;
  for (const g of input.certificates) {
    let page = pageName(g.rel);
    for (let i = 2; used.has(page); i++) page = pageName(`${g.rel}-${i}`);
    used.add(page);
    const ta = performance.now();
    const audit = doAudit ? cache.audit(g.sha256, g.document) : undefined;
    auditSeconds += (performance.now() - ta) / 1000;
    rows.push(audit ? { g, audit, page } : { g, page });
  }
  if (doAudit) cache.save();
  const tp = performance.now();
  const nav = '<nav class="crumbs"><a href="../index.html">← gallery index</a></nav>';
  const pages = new PageManifest(outDir);
  let done = 0;
  for (const r of rows) {
    const key = pageKey(r);
    if (!pages.isCurrent(r.page, key)) {
      const html = await renderHtml(buildReportModel(r.g.certificate, r.audit, { floatEvidence: true }), nav);
      writeFileAtomic(join(outDir, 'c', r.page), html);
      pages.record(r.page, key);
    }
    opts.onPage?.(++done, rows.length);
  }
  pages.save();
  const pagesSeconds = (performance.now() - tp) / 1000;
  const experiments = await experimentPages(input, (g) => `../c/${rows.find((r) => r.g === g)?.page ?? ''}`, opts.repository2018);
  for (const e of experiments) writeFileAtomic(join(outDir, 'experiments', e.file), e.html);
  writeFileAtomic(join(outDir, 'index.html'), indexHtml(rows, input, experiments));
  return {
    pages: rows.length + experiments.length + 1,
    rendered: pages.rendered,
    certificates: rows.length,
    audited: { computed: cache.misses, cached: cache.hits },
    experiments: experiments.map((e) => e.file),
    seconds: { audit: auditSeconds, pages: pagesSeconds, total: (performance.now() - t0) / 1000 },
  };
}
