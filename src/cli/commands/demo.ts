import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditPaths, auditExitCode } from '../../certificate/auditFiles.js';
import { conclusionSentence } from '../../certificate/report.js';
import type { Certificate } from '../../certificate/schema.js';
import { certifyToDirectory } from '../../certify/runCertify.js';
import { ensureDirectory } from '../../io/outputDirectory.js';
import { runSearch } from '../../search/runSearch.js';
import { resolveSettings } from '../../search/settings.js';

/**
 * The built-in demo: k = n = 7 with the Safran–Shamir (2018) preset. About 5.5% of gradient-descent
 * runs end at a spurious minimum there, so 200 runs meet one with overwhelming probability
 * (0.945^200 ≈ 1e-5 otherwise); with the fixed seed below they do (the test checks it).
 */
export const DEMO = { preset: 'safran-shamir-2018', k: 7, n: 7, runs: 200, seed: '2018' } as const;

interface DemoCliOptions {
  out: string;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      `End-to-end demo (under a minute): search k = n = ${DEMO.k} with the ${DEMO.preset} preset (${DEMO.runs} runs, seed ${DEMO.seed}), ` +
        'certify the spurious families, audit the certificates, print the proven statement.',
    )
    .option('--out <dir>', 'output directory', 'demo-out')
    .action(async (opts: DemoCliOptions) => {
      ensureDirectory(opts.out, '--out');
      await demo(opts.out);
    });
}

async function demo(outDir: string): Promise<void> {
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const t0 = performance.now();
  const settings = resolveSettings({ preset: DEMO.preset, k: DEMO.k, n: DEMO.n, seed: DEMO.seed });
  const searchDir = join(outDir, 'search');
  const certDir = join(outDir, 'certificates');
  say(`1. search: ${DEMO.runs} gradient-descent runs, k = n = ${DEMO.k}, preset ${DEMO.preset}, seed ${DEMO.seed} …`);
  const outcome = await runSearch(settings, {
    runs: DEMO.runs,
    workers: Math.max(1, Math.min(availableParallelism(), 4)),
    outDir: searchDir,
  });
  const fams = outcome.families;
  const spurious = fams.filter((f) => f.classification === 'spurious-candidate');
  say(
    `   ${fams.length} families; ${spurious.length} spurious candidate famil${spurious.length === 1 ? 'y' : 'ies'} ` +
      `(${spurious.map((f) => `${f.multiplicity} run${f.multiplicity === 1 ? '' : 's'}`).join(', ') || 'none'}); results in ${searchDir}`,
  );
  if (spurious.length === 0) {
    say(`   No spurious minimum in these ${DEMO.runs} runs (it happens in about 5.5% of runs); try more runs with`);
    say(`   certmin search --preset ${DEMO.preset} --k ${DEMO.k} --runs 1000 --out DIR, then certmin certify DIR/families.json`);
    return;
  }

  say('2. certify: rigorous certificates for the non-global families …');
  const rows = certifyToDirectory([join(searchDir, 'families.json')], { outDir: certDir });
  for (const r of rows) {
    if (r.verdict === 'skipped') continue;
    say(`   ${r.id}: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}${r.radius ? `, r = ${r.radius}, μ = ${r.mu}` : ''}`);
  }

  say('3. audit: recompute every claim from the certificate alone …');
  const { audits } = auditPaths([certDir]);
  for (const a of audits) {
    say(`   ${a.file}: ${a.status === 'held' ? (a.result.kind === 'refusal' ? 'refusal, no claim' : 'all checks hold') : `FAILED (${a.result.failedClaim})`}`);
  }
  const code = auditExitCode(audits);

  say('4. proven:');
  for (const r of rows) {
    if (r.verdict !== 'spurious-local-minimum' || !r.certificate) continue;
    const audit = audits.find((a) => a.file === join(certDir, r.certificate!));
    if (audit?.status !== 'held') continue;
    const cert = JSON.parse(readFileSync(join(certDir, r.certificate), 'utf8')) as Certificate;
    say(`   For F with d = k = n = ${DEMO.k} and teacher I_${DEMO.k} (family reached by ${r.multiplicity ?? '?'} of ${DEMO.runs} runs):`);
    say(`   ${conclusionSentence(cert, audit.result)}`);
    say(`   Full proof: certmin report ${join(certDir, r.certificate)}`);
  }
  say(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  if (code !== 0) process.exitCode = code;
}
