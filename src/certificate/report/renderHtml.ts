/**
 * HTML renderer of the report model: one self-contained page (no script, no font, no network at
 * view time). Formulas are typeset on the server by KaTeX into MathML (output 'mathml': the browser
 * draws MathML with its own fonts, so no KaTeX font or style sheet is needed); plots are inline SVG
 * drawn by Vega-Lite (plots.ts). Every certificate number is a <span class="num" data-field="…">
 * holding the decimal string exactly as in the certificate, outside the typeset formula around it.
 */
import katex from 'katex';
import type { Block, FigureSpec, Inline, MathExpr, ReportModel, Section } from './model.js';
import { lossWidthsSvg, blockSpectrumSvg, spectrumSvg } from './plots.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const katexCache = new Map<string, string>();

/** A TeX formula as MathML (KaTeX); cached, since reports repeat the same formulas. */
export function texToMathml(tex: string, displayMode = false): string {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  let out = katexCache.get(key);
  if (out === undefined) {
    out = katex.renderToString(tex, { output: 'mathml', displayMode, throwOnError: true, strict: 'ignore' });
    katexCache.set(key, out);
  }
  return out;
}

function numberSpan(value: string, field: string, source: string): string {
  return `<span class="num ${source}" data-field="${escapeHtml(field)}">${escapeHtml(value)}</span>`;
}

function mathHtml(x: MathExpr, displayMode = false): string {
  const out: string[] = [];
  let tex = '';
  const flush = () => {
    if (tex.trim() !== '') out.push(texToMathml(tex, displayMode));
    tex = '';
  };
  for (const p of x.parts) {
    if (p.kind === 'tex') tex += p.tex;
    else {
      flush();
      out.push(numberSpan(p.value, p.field, p.source));
    }
  }
  flush();
  return out.join('');
}

export function inlinesHtml(xs: Inline[]): string {
  return xs.map(inlineHtml).join('');
}

function inlineHtml(x: Inline): string {
  switch (x.kind) {
    case 'text':
      return escapeHtml(x.text);
    case 'strong':
      return `<strong>${inlinesHtml(x.content)}</strong>`;
    case 'em':
      return `<em>${inlinesHtml(x.content)}</em>`;
    case 'code':
      return `<code>${escapeHtml(x.text)}</code>`;
    case 'num':
      return numberSpan(x.value, x.field, x.source);
    case 'math':
      return mathHtml(x);
  }
}

/** The enclosure's common leading digits, then each end's own digits. */
function digitsHtml(lo: string, hi: string): string {
  let i = 0;
  while (i < lo.length && i < hi.length && lo[i] === hi[i]) i++;
  const common = escapeHtml(lo.slice(0, i));
  const row = (field: string, s: string, label: string) =>
    `<div class="digits-row"><span class="digits-label">${label}</span><span class="num claim" data-field="${field}"><span class="common">${common}</span><span class="tail">${escapeHtml(s.slice(i))}</span></span></div>`;
  const agreeing = lo.slice(0, i).replace(/^[-+]?[0.]*/, '').replace(/\D/g, '').length;
  return `<div class="digits">${row('claims.lossLower', lo, 'lower')}${row('claims.lossUpper', hi, 'upper')}<div class="digits-note">${agreeing} significant digits agree</div></div>`;
}

async function figureHtml(f: FigureSpec): Promise<string> {
  if (f.kind === 'spectrum') {
    return `<figure class="plot spectrum">${await spectrumSvg(f.eigenvalues, f.mu)}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`;
  }
  if (f.kind === 'block-spectrum') {
    return `<figure class="plot spectrum">${await blockSpectrumSvg(f.entries, f.mu)}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`;
  }
  return `<figure class="plot loss-digits">${digitsHtml(f.lossLower, f.lossUpper)}${await lossWidthsSvg(f.widths)}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`;
}

async function blockHtml(b: Block): Promise<string> {
  switch (b.kind) {
    case 'para':
      return `<p>${inlinesHtml(b.content)}</p>`;
    case 'display':
      return `<div class="display">${mathHtml(b.math, true)}${b.tag ? `<span class="tag">(${escapeHtml(b.tag)})</span>` : ''}</div>`;
    case 'list':
      return `<ul>${b.items.map((it) => `<li>${inlinesHtml(it)}</li>`).join('')}</ul>`;
    case 'quote':
      return `<blockquote>${inlinesHtml(b.content)}</blockquote>`;
    case 'figure':
      return figureHtml(b.figure);
  }
}

async function sectionHtml(s: Section): Promise<string> {
  const blocks = await Promise.all(s.blocks.map(blockHtml));
  return `<section id="${escapeHtml(s.id)}" class="${s.informative ? 'informative' : 'proof'}"><h2>${escapeHtml(s.title)}</h2>${blocks.join('\n')}</section>`;
}

export const REPORT_CSS = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.verdict{background:#f4f7fb;border-left:4px solid #1f5fa8;padding:.5rem .8rem}
.verdict.failed{background:#fdf0ef;border-color:#c0392b}.verdict.not-audited{background:#fbf7ec;border-color:#b7950b}
blockquote{margin:1rem 0;padding:.6rem 1rem;background:#f6f6f6;border-left:4px solid #555}
.display{margin:.8rem 0;overflow-x:auto;display:flex;align-items:center;gap:1rem}.display .tag{margin-left:auto;color:#555}
.num{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:anywhere}
section.informative{background:#fafafa;border:1px dashed #bbb;padding:.2rem 1rem 1rem;margin-top:2rem}
section.informative h2{border:none}
figure.plot{margin:1rem 0}figure.plot svg{max-width:100%;height:auto}figcaption{color:#555;font-size:.9rem}
.digits{font-family:ui-monospace,Menlo,Consolas,monospace;margin:.5rem 0}.digits .tail{color:#c0392b;font-weight:600}
.digits-label{display:inline-block;width:4rem;color:#555;font-family:system-ui,sans-serif}.digits-note{color:#555;font-size:.85rem}
code{background:#f1f1f1;padding:0 .2rem;border-radius:3px;overflow-wrap:anywhere}
nav.crumbs{font-size:.9rem;margin-bottom:1rem}
`;

/** The model's body (header and sections), for embedding in a page. */
export async function reportBodyHtml(model: ReportModel): Promise<string> {
  const reason = model.reason ? ` (${escapeHtml(model.reason)})` : '';
  const sections = [];
  for (const s of model.sections) sections.push(await sectionHtml(s));
  return [
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<p class="verdict ${model.audit.status}"><strong>Verdict: <span class="verdict-value">${escapeHtml(model.verdict)}</span>${reason}.</strong> ${inlinesHtml(model.audit.inlines)}</p>`,
    ...sections,
  ].join('\n');
}

/** A complete self-contained HTML page. `nav` is optional HTML placed above the title. */
export async function renderHtml(model: ReportModel, nav = ''): Promise<string> {
  return htmlPage(escapeHtml(model.title), `${nav}${await reportBodyHtml(model)}`);
}

export function htmlPage(title: string, body: string, extraHead = ''): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${REPORT_CSS}</style>${extraHead}`,
    '</head><body>',
    body,
    '</body></html>',
    '',
  ].join('\n');
}
