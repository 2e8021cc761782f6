import type { Command } from 'commander';
import { auditCertificate } from '../../certificate/audit/index.js';
import { readCertificateDocument } from '../../certificate/certificateFile.js';
import { equivalenceReportMarkdown } from '../../certificate/equivalenceReport.js';
import { gridReportMarkdown } from '../../certificate/gridReport.js';
import { REPORT_FORMATS, reportIn, type ReportFormat } from '../../certificate/report.js';
import { readAnyCertificate } from '../../certificate/schema.js';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';

interface ReportCliOptions {
  format: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'Write a certificate as a human-readable proof (the problem, the lemma with its proof, each hypothesis with its ' +
        'number, each inequality checked, a quotable conclusion) in Markdown, HTML (one self-contained page: typeset ' +
        'formulas, plots of the float Hessian spectrum and the loss enclosure) or LaTeX (a standalone document for ' +
        'pdflatex). The certificate is audited first; exit 1 if a claim fails. ' +
        'Exit 2 when CERT is unusable: not a certmin certificate (not JSON, or no "schema": "certmin-certificate") or not a valid one.',
    )
    .argument('<cert>', 'certificate JSON file')
    .option('--format <fmt>', `output format (${REPORT_FORMATS.join(', ')})`, 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (file: string, opts: ReportCliOptions) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new InputError(`--format ${opts.format} is not supported (supported: ${REPORT_FORMATS.join(', ')})`);
      }
      const { doc, malformed } = readCertificateDocument(file);
      if (malformed) throw new InputError(`${file}: not a valid certmin certificate (${malformed})`);
      const v = readAnyCertificate(doc);
      if (!v.ok) throw new InputError(`${file}: not a valid certmin certificate (${v.errors[0]})`);
      // An equivalence of two certificates has a short Markdown statement only (equivalenceReport.ts).
      if (v.certificate.kind === 'equivalence' && opts.format !== 'md') {
        throw new InputError(`--format ${opts.format}: an equivalence certificate has a Markdown statement only (--format md)`);
      }
      const audit = auditCertificate(doc);
      if (v.objective === 'grid' && opts.format !== 'md') {
        throw new InputError(`${file}: finite-data certificates are reported in Markdown only (--format md)`);
      }
      const out =
        v.objective === 'grid'
          ? gridReportMarkdown(v.certificate, audit)
          : v.certificate.kind === 'equivalence'
            ? equivalenceReportMarkdown(v.certificate, audit)
            : await reportIn(opts.format as ReportFormat, v.certificate, audit);
      if (opts.out) writeFileAtomic(opts.out, out);
      else process.stdout.write(out);
      if (!audit.ok) {
        process.stderr.write(`certmin: ${file}: the certificate does not hold (claim "${audit.failedClaim}")\n`);
        process.exitCode = 1;
      }
    });
}
