import type { Command } from 'commander';
import { auditCertificate } from '../../certificate/audit/index.js';
import { buildEquivalenceCertificate, certificateJson } from '../../certificate/build.js';
import { readCertificateDocument } from '../../certificate/certificateFile.js';
import { readCertificate, type AnyMinimumCertificate } from '../../certificate/schema.js';
import { provedDistinct } from '../../certify/distinctness.js';
import { certifiedMinimumOf, findEquivalence, sameProblem } from '../../certify/equivalence.js';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';

interface EquivalentCliOptions {
  out?: string;
  json?: boolean;
}

/** A minimum certificate from a file, or InputError (unusable file, invalid document, another kind). */
function readMinimum(file: string): AnyMinimumCertificate {
  const { doc, malformed } = readCertificateDocument(file);
  if (malformed) throw new InputError(`${file}: not a valid certmin certificate (${malformed})`);
  const v = readCertificate(doc);
  if (!v.ok) throw new InputError(`${file}: not a valid certmin certificate (${v.errors[0]})`);
  if (v.certificate.kind !== 'minimum') {
    throw new InputError(`${file}: a ${v.certificate.kind} certificate (${v.certificate.claims.verdict}); equivalence needs two minimum certificates`);
  }
  return v.certificate;
}

export function register(program: Command): void {
  program
    .command('equivalent')
    .description(
      'Decide whether two minimum certificates (of the same problem: d, n, k, teacher) certify the same minimum up to a ' +
        'permutation of neurons (and of coordinates when the teacher allows it). Both are audited first. Prints ' +
        '"same minimum" (with --out, writes the equivalence certificate that proves it), "different minima" (disjoint loss ' +
        'enclosures, or sorted entries farther apart than r_a + r_b) or "undecided". Exit 0 when both certificates hold; ' +
        '1 when one does not; 2 on unusable input (not a minimum certificate, different problems).',
    )
    .argument('<certA>', 'minimum certificate JSON')
    .argument('<certB>', 'minimum certificate JSON')
    .option('--out <file>', 'write the equivalence certificate here when the same minimum is proved')
    .option('--json', 'print the result as JSON')
    .action((fileA: string, fileB: string, opts: EquivalentCliOptions) => {
      const certs = [readMinimum(fileA), readMinimum(fileB)] as const;
      if (!sameProblem(certs[0].problem, certs[1].problem)) {
        const p = (c: AnyMinimumCertificate) => `d = ${c.problem.d}, n = ${c.problem.n}, k = ${c.problem.k}, teacher ${c.problem.teacher.kind}`;
        throw new InputError(`${fileA} and ${fileB} are for different problems (${p(certs[0])}; ${p(certs[1])})`);
      }
      const t0 = performance.now();
      const failed = [fileA, fileB].flatMap((file, i) => {
        const r = auditCertificate(certs[i]);
        return r.ok ? [] : [`${file}: the certificate does not hold (claim "${r.failedClaim}"): no equivalence can be drawn`];
      });
      if (failed.length > 0) {
        for (const line of failed) process.stderr.write(`certmin: ${line}\n`);
        process.exitCode = 1;
        return;
      }
      const [a, b] = certs.map(certifiedMinimumOf) as [ReturnType<typeof certifiedMinimumOf>, ReturnType<typeof certifiedMinimumOf>];
      const found = findEquivalence(a, b);
      let result: { result: 'same-minimum' | 'different-minima' | 'undecided'; detail: string; certificate?: string };
      if (found.proved) {
        const [from, to] = found.from === a ? certs : [certs[1], certs[0]];
        const cert = buildEquivalenceCertificate(from, to, { ...found, seconds: (performance.now() - t0) / 1000 });
        if (opts.out) writeFileAtomic(opts.out, certificateJson(cert));
        result = {
          result: 'same-minimum',
          detail: `π maps ${from.point.candidate.id} into the uniqueness ball of ${to.point.candidate.id} (‖π(W̃_a) − W̃_b‖² ≤ ${cert.claims.squaredDistance})`,
        };
        if (opts.out) result.certificate = opts.out;
      } else {
        const dist = provedDistinct(a, b);
        result = dist.distinct
          ? { result: 'different-minima', detail: dist.detail }
          : { result: 'undecided', detail: `${found.reason}; ${dist.detail}` };
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const head = { 'same-minimum': 'same minimum', 'different-minima': 'different minima', undecided: 'undecided' }[result.result];
      process.stdout.write(`${head}: ${result.detail}\n`);
      if (result.result === 'same-minimum') {
        process.stdout.write(opts.out ? `equivalence certificate written to ${opts.out}\n` : 'use --out FILE to write the equivalence certificate\n');
      }
    });
}
