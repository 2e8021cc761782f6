import type { Command } from 'commander';
import { AUDIT_TRUSTS } from '../../certificate/audit/index.js';
import { auditExitCode, auditPaths, type FileAudit } from '../../certificate/auditFiles.js';
import { InputError } from '../../errors.js';

interface AuditCliOptions {
  json?: boolean;
  verbose?: boolean;
}

function line(a: FileAudit, verbose: boolean): string {
  const r = a.result;
  if (r.kind === 'invalid') return `FAIL ${a.file}: not a valid certificate (${r.checks.find((c) => !c.ok)?.detail ?? ''})`;
  const head =
    r.kind === 'refusal'
      ? `OK   ${a.file}: refusal, no claim`
      : r.ok
        ? `OK   ${a.file}: ${r.verdict} holds (${r.seconds.toFixed(2)} s)`
        : `FAIL ${a.file}: ${r.verdict} — claim "${r.failedClaim}" does not hold: ${r.checks.find((c) => !c.ok)?.detail ?? ''}`;
  if (!verbose) return head;
  return [head, ...r.checks.map((c) => `       ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`)].join('\n');
}

export function register(program: Command): void {
  program
    .command('audit')
    .description(
      'Re-check certificates from their problem, point and method alone, trusting none of the claimed numbers. ' +
        'Exit 0 when every certificate holds; 1 when a document that declares "schema": "certmin-certificate" is not a ' +
        'valid certificate or a claim fails; 2 (one line on stderr, nothing audited) when an input is unusable: missing, ' +
        'not a regular file, not JSON, or JSON that is not a certmin certificate (no "schema": "certmin-certificate").',
    )
    .argument('<path...>', 'certificate files or directories (searched recursively for certmin certificates)')
    .option('--json', 'print the audit results as JSON')
    .option('--verbose', 'list every check')
    .action((paths: string[], opts: AuditCliOptions) => {
      const progress = !opts.json;
      if (progress && opts.verbose) process.stdout.write(`${AUDIT_TRUSTS}\n`);
      const { audits, skipped } = auditPaths(paths, progress ? (a) => process.stdout.write(`${line(a, opts.verbose === true)}\n`) : undefined);
      if (audits.length === 0) {
        throw new InputError(`audit: no certificates found in ${paths.join(', ')}${skipped.length ? ` (${skipped.length} other JSON files skipped)` : ''}`);
      }
      if (opts.json) {
        const out = audits.map((a) => ({
          file: a.file,
          status: a.status,
          id: a.result.id,
          verdict: a.result.verdict,
          kind: a.result.kind,
          ok: a.result.ok,
          failedClaim: a.result.failedClaim,
          seconds: a.result.seconds,
          checks: a.result.checks,
        }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        const held = audits.filter((a) => a.status === 'held').length;
        const failed = audits.filter((a) => a.status === 'failed').length;
        process.stdout.write(
          `${audits.length} file(s): ${held} hold, ${failed} fail${skipped.length ? `; ${skipped.length} non-certificate JSON file(s) skipped` : ''}\n`,
        );
      }
      const code = auditExitCode(audits);
      if (code !== 0) process.exitCode = code;
    });
}
