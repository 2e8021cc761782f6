import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditCertificate } from '../../certificate/audit/index.js';
import { REPORT_FORMATS, reportIn, type ReportFormat } from '../../certificate/report.js';
import { readCertificate } from '../../certificate/schema.js';
import { parseJsonStrict } from '../../io/strictJson.js';
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
        'pdflatex). The certificate is audited first; exit 1 if it fails.',
    )
    .argument('<cert>', 'certificate JSON file')
    .option('--format <fmt>', `output format (${REPORT_FORMATS.join(', ')})`, 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (file: string, opts: ReportCliOptions) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new InputError(`--format ${opts.format} is not supported (supported: ${REPORT_FORMATS.join(', ')})`);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      let parsed: unknown;
      try {
        parsed = parseJsonStrict(text);
      } catch (err) {
        throw new InputError(`${file}: not JSON (${(err as Error).message})`);
      }
      const v = readCertificate(parsed);
      if (!v.ok) throw new InputError(`${file}: not a valid certmin certificate (${v.errors[0]})`);
      const audit = auditCertificate(parsed);
      const doc = await reportIn(opts.format as ReportFormat, v.certificate, audit);
      if (opts.out) writeFileAtomic(opts.out, doc);
      else process.stdout.write(doc);
      if (!audit.ok) {
        process.stderr.write(`certmin: ${file}: the certificate does not hold (claim "${audit.failedClaim}")\n`);
        process.exitCode = 1;
      }
    });
}
