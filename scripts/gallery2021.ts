/**
 * The certificate gallery of the Safran, Yehudai & Shamir (2021) stored minima, produced by
 * certmin's own commands from the shared pickles (../shared/anchors/safran-yehudai-shamir-2021):
 *
 *   stored/kNN/   certmin certify "Processed minima k=NN.p" --out …   (every record, reduced path)
 *   families/…/   certmin family INPUT#ID --k … --out …               (continued families)
 *   README.md     the index (k, p, multiplicity, loss enclosure, μ, stored min_eig, r; the families)
 *
 * Resumable: a pickle whose directory already holds a summary.json covering every record with its
 * certificate is skipped (rerun with --force to certify again; certify itself reuses a certificate
 * only after it passes audit), and a family whose family.json lists the same k is skipped.
 *
 * Usage (after `npm install`): npm run gallery:2021 -- [--k 6-60] [--stored-only | --families-only]
 *                                                      [--index-only] [--force]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/io/atomicWrite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin', 'certmin.js');
const galleryDir = join(root, 'certificates', 'safran-yehudai-shamir-2021');
/** Relative to the package root, so that certificates record portable input paths. */
const PICKLES = '../shared/anchors/safran-yehudai-shamir-2021';
const pickle = (k: number) => `${PICKLES}/Processed minima k=${k}.p`;

/** The continued families (DESIGN.md §9): start record, growth rule and the k to certify. */
const FAMILIES: { dir: string; title: string; input: string; args: string[] }[] = [
  {
    dir: 'p1-k',
    title: 'p = [1, k − 1], from the stored k = 20 record 1 (the largest block grows)',
    input: `${pickle(20)}#1`,
    args: ['--k', '100,200,500,1000,2000,5000,10000,100000,1000000'],
  },
  {
    dir: 'p20-40-proportional',
    title: 'p ≈ [k/3, 2k/3], from the stored k = 60 record 18, p = [20, 40] (proportions kept)',
    input: `${pickle(60)}#18`,
    args: ['--proportional', '--k', '100,200,500,1000,2000,5000,10000,100000,1000000'],
  },
  {
    dir: 'p6-1-k',
    title: 'p = [6, 1, k − 7], from the stored k = 19 record 3 (a family that exists only for a few k and stops being a minimum)',
    input: `${pickle(19)}#3`,
    args: ['--k', '18,19,20,21,22,24'],
  },
];

interface Args {
  kFrom: number;
  kTo: number;
  stored: boolean;
  families: boolean;
  indexOnly: boolean;
  force: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { kFrom: 6, kTo: 60, stored: true, families: true, indexOnly: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--k') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(argv[++i] ?? '');
      if (!m) throw new Error('--k takes K or K1-K2');
      a.kFrom = Number(m[1]);
      a.kTo = Number(m[2] ?? m[1]);
    } else if (flag === '--stored-only') a.families = false;
    else if (flag === '--families-only') a.stored = false;
    else if (flag === '--index-only') a.indexOnly = true;
    else if (flag === '--force') a.force = true;
    else throw new Error(`unknown option ${flag}`);
  }
  return a;
}

function certmin(args: string[]): void {
  const res = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.status !== 0) throw new Error(`certmin ${args.join(' ')} exited with ${res.status}`);
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const tag = (k: number) => `k${String(k).padStart(2, '0')}`;

interface SummaryRowLike {
  id: string;
  verdict: string;
  reason?: string;
  certificate?: string;
  multiplicity?: number;
  storedMinEig?: number;
  mu?: string;
  radius?: string;
  lossLower?: string;
  lossUpper?: string;
  p?: number[];
  seconds?: number;
}

/** Whether stored/kNN already holds a certificate for every record of the pickle. */
function storedComplete(k: number): boolean {
  const dir = join(galleryDir, 'stored', tag(k));
  const summary = join(dir, 'summary.json');
  if (!existsSync(summary)) return false;
  const rows = readJson<SummaryRowLike[]>(summary);
  return rows.length > 0 && rows.every((r) => r.certificate !== undefined && existsSync(join(dir, r.certificate)));
}

function short(x: string | number | undefined, digits = 4): string {
  if (x === undefined) return '—';
  const n = Number(x);
  return Number.isFinite(n) && n !== 0 ? n.toPrecision(digits) : String(x);
}

/** Interval [lo, hi] printed with the common leading digits and the two differing tails. */
function enclosure(lo: string | undefined, hi: string | undefined): string {
  if (lo === undefined || hi === undefined) return '—';
  let i = 0;
  while (i < lo.length && i < hi.length && lo[i] === hi[i]) i++;
  return `${lo.slice(0, i)}[${lo.slice(i, i + 4).padEnd(4, '0')}, ${hi.slice(i, i + 4).padEnd(4, '0')}]`;
}

function pOf(dir: string, r: SummaryRowLike): number[] | undefined {
  if (r.p) return r.p;
  if (!r.certificate) return undefined;
  const c = readJson<{ point: { compact?: { p: number[] } } }>(join(dir, r.certificate));
  return c.point.compact?.p;
}

function storedTable(args: Args): { lines: string[]; count: number; minima: number; globals: number; refused: number } {
  const lines = [
    '| k | record | p | multiplicity | verdict | loss enclosure | μ | stored min_eig | r | seconds |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  let count = 0;
  let minima = 0;
  let globals = 0;
  let refused = 0;
  for (let k = args.kFrom; k <= args.kTo; k++) {
    const dir = join(galleryDir, 'stored', tag(k));
    if (!existsSync(join(dir, 'summary.json'))) continue;
    for (const r of readJson<SummaryRowLike[]>(join(dir, 'summary.json'))) {
      if (r.verdict === 'skipped') continue;
      count++;
      if (r.verdict === 'global-minimum') globals++;
      else if (r.verdict === 'refused') refused++;
      else minima++;
      const link = r.certificate ? `[${r.id.replace(/^.*#/, '')}](stored/${tag(k)}/${r.certificate})` : r.id;
      const p = pOf(dir, r);
      lines.push(
        `| ${k} | ${link} | ${p ? `[${p.join(', ')}]` : '—'} | ${r.multiplicity ?? '—'} | ${r.reason ? `${r.verdict} (${r.reason})` : r.verdict} | ` +
          `${r.verdict === 'global-minimum' ? '0 (exactly)' : enclosure(r.lossLower, r.lossUpper)} | ${short(r.mu)} | ${short(r.storedMinEig)} | ` +
          `${short(r.radius)} | ${r.seconds === undefined ? '—' : r.seconds.toFixed(2)} |`,
      );
    }
  }
  return { lines, count, minima, globals, refused };
}

interface FamilyJsonLike {
  start: { id: string; p: number[] };
  rows: (SummaryRowLike & { k: number; p: number[]; lambdaMin?: number })[];
  summary: string;
}

function familySection(f: (typeof FAMILIES)[number]): string[] {
  const path = join(galleryDir, 'families', f.dir, 'family.json');
  if (!existsSync(path)) return [];
  const fam = readJson<FamilyJsonLike>(path);
  return [
    `### ${f.title}`,
    '',
    `\`certmin family "${f.input}" ${f.args.join(' ')} --out ${relative(root, join(galleryDir, 'families', f.dir))}\``,
    '',
    '| k | p | verdict | loss enclosure | μ | float λ_min | r | certify s |',
    '|---|---|---|---|---|---|---|---|',
    ...fam.rows.map(
      (r) =>
        `| ${r.k} | [${r.p.join(', ')}] | ${r.certificate ? `[${r.reason ? `${r.verdict} (${r.reason})` : r.verdict}](families/${f.dir}/${r.certificate})` : r.verdict} | ` +
        `${enclosure(r.lossLower, r.lossUpper)} | ${short(r.mu)} | ${short(r.lambdaMin)} | ${short(r.radius)} | ${r.seconds === undefined ? '—' : r.seconds.toFixed(2)} |`,
    ),
    '',
    `${fam.summary}`,
    '',
  ];
}

/** Links to our own large-k searches certified by scripts/searched2021.ts (searched/kK/README.md). */
function searchedSection(): string[] {
  const dir = join(galleryDir, 'searched');
  if (!existsSync(dir)) return [];
  const ks = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'README.md'))).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return [
    '## Our searches at large k',
    '',
    'Search end points of the 2021 preset (dense W, neurons in any order) certified with `certify --detect-symmetry`',
    '(reduced path after relabelling) and compared with the stored records by certified equivalence (`npm run searched:2021`):',
    '',
    ...ks.map((d) => `- [${d}](searched/${d}/README.md): ${readFileSync(join(dir, d, 'README.md'), 'utf8').split('\n')[4] ?? ''}`),
    '',
  ];
}

function writeIndex(args: Args): void {
  const stored = storedTable(args);
  const text = [
    '# Certificate gallery: Safran, Yehudai & Shamir (2021) stored minima',
    '',
    'Every file here was produced by certmin itself from the pickles of the published experiment',
    `(\`${PICKLES}\`, k = 6…60): \`certmin certify\` on each pickle (one certificate per stored record), and`,
    '`certmin family` for the continued families. Regenerate with `npm run gallery:2021` (scripts/gallery2021.ts,',
    'resumable); re-check every certificate with `npm run audit:gallery`.',
    '',
    'The stored records are compact-form points (DESIGN.md §6): certify takes the reduced path (DESIGN.md §9) —',
    'Newton in the fixed subspace of G = S_{p₁} × … × S_{p_m}, one Hessian enclosure per G-orbit, exact proofs of the',
    'isotypic blocks — at a cost independent of k. Each certificate holds the centre in compact form (exact decimal',
    'strings), its distance from the stored point, every isotypic type with its dimension, multiplicity and proved lower',
    'bound, and the check Σ dimension × multiplicity = k². Audit re-checks each one at the same cost and, for k ≤ 30,',
    "also by the dense route of its own kernel on the expanded point (above k = 30 it says that it did not).",
    '',
    '## Families continued in k',
    '',
    ...FAMILIES.flatMap(familySection),
    ...searchedSection(),
    '## Every stored record',
    '',
    `${stored.count} records: ${stored.minima} certified spurious local minima, ${stored.globals} global minima (F = 0 exactly), ` +
      `${stored.refused} refused. Columns: the record (its index in the pickle; the link opens the certificate), p, multiplicity`,
    '(runs out of 500 that reached it), the proved enclosure of the loss F(W*) of the true local minimum (common digits, then the',
    'differing lower/upper digits), μ (∇²F ⪰ μI on a ball around the centre), the float min_eig stored by the experiment, r',
    '(‖W* − W̃‖_F ≤ r) and certify seconds.',
    '',
    ...stored.lines,
    '',
  ].join('\n');
  writeFileAtomic(join(galleryDir, 'README.md'), text);
}

const args = parseArgs(process.argv.slice(2));
if (!args.indexOnly) {
  if (!existsSync(join(root, PICKLES))) throw new Error(`${PICKLES} not found (relative to ${root})`);
  if (args.stored) {
    for (let k = args.kFrom; k <= args.kTo; k++) {
      if (!existsSync(join(root, pickle(k)))) continue;
      if (!args.force && storedComplete(k)) {
        console.log(`== ${tag(k)}: complete, skipped`);
        continue;
      }
      console.log(`== ${tag(k)}: certify`);
      certmin(['certify', pickle(k), '--out', relative(root, join(galleryDir, 'stored', tag(k)))]);
    }
  }
  if (args.families) {
    for (const f of FAMILIES) {
      const out = join(galleryDir, 'families', f.dir);
      const done = join(out, 'family.json');
      const ks = f.args[f.args.indexOf('--k') + 1]!.split(',').map(Number);
      if (!args.force && existsSync(done) && JSON.stringify(readJson<FamilyJsonLike>(done).rows.map((r) => r.k)) === JSON.stringify(ks)) {
        console.log(`== family ${f.dir}: complete, skipped`);
        continue;
      }
      console.log(`== family ${f.dir}`);
      certmin(['family', f.input, ...f.args, '--out', relative(root, out)]);
    }
  }
}
writeIndex(args);
console.log(`\nindex written to ${relative(root, join(galleryDir, 'README.md'))}`);
