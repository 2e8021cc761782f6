/**
 * A certificate as a proof people read: Markdown, HTML (self-contained, typeset formulas, plots)
 * or LaTeX. One report model (report/model.ts, built by report/buildModel.ts from the certificate
 * and its audit result) holds the sections, formulas and numbers; report/render*.ts only format it.
 *
 * Soundness rule: the conclusion comes from `claims` only, and only when the audit held; provenance
 * and float evidence are shown apart, labelled informative (buildModel.ts).
 */
import type { AuditResult } from './audit/index.js';
import type { Certificate } from './schema.js';
import { buildReportModel, conclusionInlines } from './report/buildModel.js';
import { inlinesMarkdown, renderMarkdown } from './report/renderMarkdown.js';
import { renderTex } from './report/renderTex.js';

export { buildReportModel } from './report/buildModel.js';
export type { ReportModel } from './report/model.js';

export type ReportFormat = 'md' | 'html' | 'tex';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'tex'];

/** The one quotable sentence (Markdown spelling); "No conclusion: …" unless `audit` held. */
export function conclusionSentence(c: Certificate, audit: AuditResult | undefined): string {
  return inlinesMarkdown(conclusionInlines(c, audit));
}

/** Markdown proof of a (schema-valid) certificate; `audit` is the result of auditCertificate on it. */
export function reportMarkdown(c: Certificate, audit?: AuditResult): string {
  return renderMarkdown(buildReportModel(c, audit));
}

/** Self-contained HTML page with typeset formulas and plots (the float spectrum is computed here). */
export async function reportHtml(c: Certificate, audit?: AuditResult, nav = ''): Promise<string> {
  // Loaded on demand: KaTeX and Vega take a while to load, and no other command needs them.
  const { renderHtml } = await import('./report/renderHtml.js');
  return renderHtml(buildReportModel(c, audit, { floatEvidence: true }), nav);
}

/** Standalone LaTeX document (amsmath) that pdflatex compiles. */
export function reportTex(c: Certificate, audit?: AuditResult): string {
  return renderTex(buildReportModel(c, audit));
}

/** The report of `c` in `format`. */
export async function reportIn(format: ReportFormat, c: Certificate, audit?: AuditResult): Promise<string> {
  if (format === 'html') return reportHtml(c, audit);
  if (format === 'tex') return reportTex(c, audit);
  return reportMarkdown(c, audit);
}
