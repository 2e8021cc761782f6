/**
 * buildReportModel: the report model (model.ts) of a certificate and the result of auditing it.
 *
 * Soundness rule (trust issue): the conclusion is built from `claims` and problem data only —
 * never from free text of the certificate — and only when the audit held; without a passing audit
 * the conclusion says why there is none. `provenance` (timings, hints) and the float evidence the
 * report computes are shown in sections marked informative, apart from the proof.
 *
 * Each certificate kind plugs in as one entry of KIND_REPORTS (its sections and its conclusion);
 * a new kind adds one section builder module and one entry.
 */
import { exactSub } from '../../arith/exact.js';
import { normaliseDecimalString } from '../../certify/decimalStrings.js';
import { nonzeroTeacherNeurons } from '../../certify/teacherPermutation.js';
import type { AuditResult } from '../audit/index.js';
import { teacherMatrixOf, type Certificate } from '../schema.js';
import { centreSpectrum, clusterEigenvalues, compactCentreBlockSpectrum } from './floatEvidence.js';
import { code, em, inl, m, mx, num, para, strong, type Block, type FigureSpec, type Inline, type InlineLike, type ReportModel, type Section } from './model.js';
import { problemSection, provenanceSection } from './sections/common.js';
import { globalMinimumConclusion, globalMinimumSections } from './sections/globalMinimum.js';
import { minimumConclusion, minimumSections } from './sections/minimum.js';
import { refusalConclusion, refusalSections } from './sections/refusal.js';
import { overparamConclusion, overparamSections } from './sections/overparam.js';
import { saddleConclusion, saddleSections } from './sections/saddle.js';

export interface ReportOptions {
  /** Compute the float Hessian spectrum at the centre and add the plots (HTML). Default false. */
  floatEvidence?: boolean;
}

interface KindContext {
  kPlus: number;
  audit?: AuditResult;
}

interface KindReport<C extends Certificate> {
  sections(c: C, ctx: KindContext): Section[];
  conclusion(c: C, ctx: KindContext): InlineLike[];
}

type KindReports = { [K in Certificate['kind']]: KindReport<Extract<Certificate, { kind: K }>> };

const KIND_REPORTS: KindReports = {
  minimum: { sections: (c, ctx) => minimumSections(c, ctx.kPlus, ctx.audit), conclusion: (c, ctx) => minimumConclusion(c, ctx.kPlus) },
  saddle: { sections: (c, ctx) => saddleSections(c, ctx.audit), conclusion: (c) => saddleConclusion(c) },
  'overparam-conditions': { sections: (c) => overparamSections(c), conclusion: (c) => overparamConclusion(c) },
  'global-minimum': { sections: (c) => globalMinimumSections(c), conclusion: () => globalMinimumConclusion() },
  refusal: { sections: (c) => refusalSections(c), conclusion: (c) => refusalConclusion(c) },
};

function kindReport<C extends Certificate>(c: C): KindReport<C> {
  return KIND_REPORTS[c.kind] as unknown as KindReport<C>;
}

function auditInlines(a: AuditResult | undefined): Inline[] {
  if (!a) return [em('Not audited.')];
  if (a.ok) {
    return inl(
      `Audited by this tool before writing this report: all ${a.checks.length} checks hold (${a.seconds.toFixed(2)} s), ` +
        'recomputed from the problem, the point and the method alone.',
    );
  }
  const f = a.checks.find((ch) => !ch.ok);
  return inl(strong('AUDIT FAILED'), ': the claim ', code(a.failedClaim ?? ''), ` does not hold (${f?.detail ?? ''}). Nothing below is proved.`);
}

/** The conclusion: from claims only, and only when the audit held. */
export function conclusionInlines(c: Certificate, audit: AuditResult | undefined): Inline[] {
  if (!audit) return inl('No conclusion: the certificate was not audited (', code('certmin audit'), ' decides it).');
  if (!audit.ok) return inl(`No conclusion: the certificate does not pass audit (claim "${audit.failedClaim}").`);
  const ctx: KindContext = { kPlus: nonzeroTeacherNeurons(teacherMatrixOf(c.problem), c.problem.k), audit };
  return inl(...kindReport(c).conclusion(c, ctx));
}

/** Float evidence: the spectrum at the centre against μ, and where the loss enclosure's width comes from. */
function floatEvidenceSection(c: Certificate, audit: AuditResult | undefined): Section | undefined {
  const blocks: Block[] = [];
  const mu = c.kind === 'minimum' ? c.claims.mu : c.kind === 'overparam-conditions' ? c.minimum.claims.mu : undefined;
  const blockSpectrum = c.kind === 'global-minimum' ? undefined : compactCentreBlockSpectrum(c);
  const spectrum = c.kind === 'global-minimum' || blockSpectrum ? undefined : centreSpectrum(c);
  if (blockSpectrum) {
    const total = blockSpectrum.reduce((s, e) => s + BigInt(e.multiplicity), 0n);
    const negatives = blockSpectrum.filter((e) => e.value < 0).reduce((s, e) => s + BigInt(e.multiplicity), 0n);
    blocks.push(
      para(
        `The Float64 Hessian at the centre has ${total} eigenvalues (k²), ${blockSpectrum.length} distinct, from the isotypic blocks ` +
          `(each block eigenvalue repeated by the dimension of its type; ${negatives} negative); smallest `,
        num(blockSpectrum[0]!.value.toPrecision(6), 'float:lambdaMin', 'informative'),
        ', largest ',
        num(blockSpectrum[blockSpectrum.length - 1]!.value.toPrecision(6), 'float:lambdaMax', 'informative'),
        '.',
        ...(mu !== undefined ? [' The proved bound ', mx(m('μ = ', '\\mu = '), num(mu, 'claims.mu', 'claim')), ' holds on the whole box, so it lies below every eigenvalue here.'] : []),
      ),
    );
    const fig: FigureSpec = {
      kind: 'block-spectrum',
      caption: 'Distinct float Hessian eigenvalues at the centre with their multiplicities (log scale), by isotypic type, and the proved lower bound μ (line).',
      entries: blockSpectrum,
    };
    if (mu !== undefined) fig.mu = mu;
    blocks.push({ kind: 'figure', figure: fig });
  }
  if (spectrum && spectrum.length > 0) {
    const N = spectrum.length;
    const negatives = spectrum.filter((x) => x < 0).length;
    const norm = Math.max(Math.abs(spectrum[0]!), Math.abs(spectrum[N - 1]!));
    const clusters = clusterEigenvalues(spectrum, 1e-9 * Math.max(norm, 1));
    blocks.push(
      para(
        `The Float64 Hessian at the centre has ${N} eigenvalues (${clusters.length} distinct up to 1e-9 relative; ${negatives} negative); smallest `,
        num(spectrum[0]!.toPrecision(6), 'float:lambdaMin', 'informative'),
        ', largest ',
        num(spectrum[N - 1]!.toPrecision(6), 'float:lambdaMax', 'informative'),
        '.',
        ...(mu !== undefined ? [' The proved bound ', mx(m('μ = ', '\\mu = '), num(mu, c.kind === 'minimum' ? 'claims.mu' : 'minimum.claims.mu', 'claim')), ' holds on the whole box, so it lies below every eigenvalue here.'] : []),
      ),
    );
    const fig: FigureSpec = {
      kind: 'spectrum',
      caption: mu !== undefined ? 'Float Hessian spectrum at the centre (points) and the proved lower bound μ over the box (line).' : 'Float Hessian spectrum at the centre.',
      eigenvalues: spectrum,
    };
    if (mu !== undefined) fig.mu = mu;
    blocks.push({ kind: 'figure', figure: fig });
  }
  if (c.kind === 'minimum' || c.kind === 'saddle') {
    const widths: { label: string; width: string }[] = [];
    const rc = audit?.recomputed;
    if (rc?.lossLo !== undefined && rc.lossHi !== undefined) widths.push({ label: 'F(W̃) enclosure', width: normaliseDecimalString(exactSub(rc.lossHi, rc.lossLo)) });
    if (c.kind === 'minimum') {
      const g = Number(c.claims.gradBound);
      widths.push({ label: 'g²/(2μ) (float)', width: ((g * g) / (2 * Number(c.claims.mu))).toPrecision(4) });
    }
    widths.push({ label: 'certified F(W*) enclosure', width: normaliseDecimalString(exactSub(c.claims.lossUpper, c.claims.lossLower)) });
    blocks.push({
      kind: 'figure',
      figure: {
        kind: 'loss-digits',
        caption: 'The loss enclosure: common leading digits, and the widths of the intervals it is built from (log scale).',
        lossLower: c.claims.lossLower,
        lossUpper: c.claims.lossUpper,
        widths,
      },
    });
  }
  if (blocks.length === 0) return undefined;
  return { id: 'float-evidence', title: 'Float evidence and plots (informative, not checked)', informative: true, blocks };
}

export function buildReportModel(c: Certificate, audit: AuditResult | undefined, opts: ReportOptions = {}): ReportModel {
  const kPlus = nonzeroTeacherNeurons(teacherMatrixOf(c.problem), c.problem.k);
  const ctx: KindContext = audit ? { kPlus, audit } : { kPlus };
  const sections: Section[] = [
    { id: 'conclusion', title: 'Conclusion', blocks: [{ kind: 'quote', content: conclusionInlines(c, audit) }] },
    problemSection(c),
    ...kindReport(c).sections(c, ctx),
  ];
  if (opts.floatEvidence) {
    const ev = floatEvidenceSection(c, audit);
    if (ev) sections.push(ev);
  }
  sections.push(provenanceSection(c));
  const model: ReportModel = {
    id: c.point.candidate.id,
    title: `certmin certificate: ${c.point.candidate.id}`,
    kind: c.kind,
    verdict: c.claims.verdict,
    audit: { status: !audit ? 'not-audited' : audit.ok ? 'held' : 'failed', inlines: auditInlines(audit) },
    conclusion: conclusionInlines(c, audit),
    sections,
  };
  if (c.kind === 'refusal') model.reason = c.claims.reason;
  return model;
}

