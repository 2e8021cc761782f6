/**
 * Our own searches of the Safran, Yehudai & Shamir (2021) setting at large k, certified through the
 * reduced path and compared with the stored minima (certificates/safran-yehudai-shamir-2021/searched/):
 *
 *   certmin search --preset safran-yehudai-shamir-2021 --k K --n K --runs R --seed S --out search-out/…   (by you, or on Slurm)
 *   certmin certify ["Processed minima k=K.p"] search-out/…/families.json --detect-symmetry --out searched/kK
 *
 * The stored pickle of the same k (when ../shared/anchors holds one) is certified first, so that a
 * searched family proved to be the same minimum as a stored record says so (`sameAs`, with its
 * equivalence certificate). Writes searched/kK/README.md (the index) and copies the search's
 * summary.md as search-summary.md. Resumable (certify reuses audited certificates).
 *
 * Usage (after `npm install`): npm run searched:2021 -- --search search-out/safran-yehudai-shamir-2021-k50-n50 --k 50
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SummaryRow } from '../src/certify/runCertify.js';
import { writeFileAtomic } from '../src/io/atomicWrite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin', 'certmin.js');
const outRoot = join(root, 'certificates', 'safran-yehudai-shamir-2021', 'searched');

function args(argv: string[]): { search: string; k: number } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0 || argv[i + 1] === undefined) throw new Error(`${flag} is required (see the usage in scripts/searched2021.ts)`);
    return argv[i + 1]!;
  };
  return { search: get('--search'), k: Number(get('--k')) };
}

const short = (x: string | undefined, digits = 4) => (x === undefined ? '' : Number(x).toPrecision(digits));

function main(): void {
  const { search, k } = args(process.argv.slice(2));
  const families = relative(root, join(search, 'families.json'));
  const pickle = `../shared/anchors/safran-yehudai-shamir-2021/Processed minima k=${k}.p`;
  const inputs = [...(existsSync(join(root, pickle)) ? [pickle] : []), families];
  const out = join(outRoot, `k${k}`);
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const r = spawnSync('node', [cli, 'certify', ...inputs, '--detect-symmetry', '--out', relative(root, out), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`certify failed: ${r.stderr}`);
  const seconds = (performance.now() - t0) / 1000;
  const rows = JSON.parse(r.stdout) as SummaryRow[];
  copyFileSync(join(search, 'summary.md'), join(out, 'search-summary.md'));

  const searched = rows.filter((x) => x.file === families);
  const stored = rows.filter((x) => x.file !== families);
  const matched = new Set(searched.map((x) => x.sameAs).filter((x) => x !== undefined));
  const certOf = (id: string) => JSON.parse(readFileSync(join(out, rows.find((x) => x.id === id)!.certificate!), 'utf8'));
  const lines = [
    `# Our search at k = ${k}, certified through the reduced path`,
    '',
    `Search: [search-summary.md](search-summary.md) (settings and seed). Certified with \`certmin certify ${inputs.map((x) => JSON.stringify(x)).join(' ')} --detect-symmetry\` ` +
      `in ${seconds.toFixed(1)} s (${rows.length} certificates, audited on resume).`,
    '',
    `${searched.length} searched families: ${searched.filter((x) => x.verdict === 'spurious-local-minimum').length} certified spurious minima; ` +
      (stored.length > 0
        ? `${searched.filter((x) => x.sameAs !== undefined).length} proved the same minimum (up to a permutation) as a stored 2021 record, ` +
          `${searched.filter((x) => x.sameAs === undefined).length} not among the ${stored.length} stored records; ${stored.length - matched.size} stored records were not met by this search.`
        : 'no stored pickle of this k to compare with.'),
    '',
    'Each certificate is about the compact centre W̃ (block sizes p); the search end point W is P·W̃·Qᵀ up to the distance shown ' +
      '(exact, rounded up; informative), so P·W*·Qᵀ is the certified minimum next to it (F(PWQᵀ) = F(W) for V = I).',
    '',
    '| family | runs | p | verdict | loss ∈ | μ | r | ‖W − P·W̃·Qᵀ‖_F ≤ | same minimum as | certificate |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const x of searched) {
    const c = certOf(x.id);
    const stored = c.point.candidate.stored ?? {};
    lines.push(
      `| ${x.id} | ${x.multiplicity ?? ''} | [${(x.p ?? []).join(', ')}] | ${x.verdict} | [${short(x.lossLower, 10)}, ${short(x.lossUpper, 10)}] | ${short(x.mu)} | ` +
        `${short(x.radius, 3)} | ${stored.symmetry_distance_upper ?? ''} | ${x.sameAs ?? '—'}${x.equivalence ? ` ([proof](${x.equivalence}))` : ''} | [json](${x.certificate}) |`,
    );
  }
  writeFileAtomic(join(out, 'README.md'), `${lines.join('\n')}\n`);
  console.log(`${relative(root, out)}: ${searched.length} searched families, ${rows.length} certificates, ${seconds.toFixed(1)} s`);
}

main();
