/**
 * Regenerates the certificate gallery under certificates/safran-shamir-2018/ from scratch, using
 * only certmin's own commands (nothing is copied from the published experiments):
 *
 *   for each (k, n): certmin search --preset safran-shamir-2018 --k k --n n --runs R --seed S
 *                    certmin certify <search>/families.json --out certificates/safran-shamir-2018/k<k>-n<n>
 *   then writes certificates/safran-shamir-2018/README.md (the index table).
 *
 * Searches with n > k add --stop-below-threshold: their runs approach the continuum of global
 * minima sublinearly (median ≈ 340 000 steps at k = 8, n = 9), and a run whose loss is below the
 * spurious threshold cannot end at a spurious or saddle candidate, so stopping it there leaves
 * every candidate (and its point) unchanged while making the search about 200 times faster.
 * Searches with n = k follow every run to the gradient tolerance, as published.
 *
 * Usage (after `npm install`):
 *   npm run gallery -- [--k 6-20] [--offsets 0,1] [--runs 1000] [--seed 2018] [--workers W]
 *                      [--work gallery-work] [--index-only] [--recertify CERT.json]…
 * Searches are resumable (rerun the same command); certify skips certificates already present.
 * --recertify re-certifies the centre of a certificate already in the gallery (e.g. a version-1
 * refusal that certify now proves a saddle) in place with the current certify, keeping its
 * candidate's provenance, audits the result, updates that folder's summary.json/summary.md and
 * rewrites the index (no search is run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditCertificate } from '../src/certificate/audit/index.js';
import { buildCertificate, certificateJson } from '../src/certificate/build.js';
import { isReducedCertificate, readCertificate, teacherMatrixOf } from '../src/certificate/schema.js';
import { certifyCandidate } from '../src/certify/certifyCandidate.js';
import { SUMMARY_JSON, SUMMARY_MD, summaryMarkdown, summaryRowOf, type SummaryRow } from '../src/certify/runCertify.js';
import { writeFileAtomic } from '../src/io/atomicWrite.js';
import type { Candidate } from '../src/io/candidate.js';
import { parseJsonStrict } from '../src/io/strictJson.js';
import type { SearchStats } from '../src/gallery/collect.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin', 'certmin.js');
const galleryDir = join(root, 'certificates', 'safran-shamir-2018');

interface Args {
  kFrom: number;
  kTo: number;
  offsets: number[];
  runs: number;
  seed: string;
  workers?: string;
  work: string;
  indexOnly: boolean;
  recertify: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { kFrom: 6, kTo: 20, offsets: [0, 1], runs: 1000, seed: '2018', work: 'gallery-work', indexOnly: false, recertify: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--k') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value());
      if (!m) throw new Error('--k takes K or K1-K2');
      a.kFrom = Number(m[1]);
      a.kTo = Number(m[2] ?? m[1]);
    } else if (flag === '--offsets') a.offsets = value().split(',').map(Number);
    else if (flag === '--runs') a.runs = Number(value());
    else if (flag === '--seed') a.seed = value();
    else if (flag === '--workers') a.workers = value();
    else if (flag === '--work') a.work = value();
    else if (flag === '--index-only') a.indexOnly = true;
    else if (flag === '--recertify') a.recertify.push(value());
    else throw new Error(`unknown option ${flag}`);
  }
  return a;
}

function certmin(args: string[]): void {
  const res = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.status !== 0) throw new Error(`certmin ${args.join(' ')} exited with ${res.status}`);
}

interface CertificateLike {
  problem: { d: number; n: number; k: number };
  point: { candidate: { id: string; multiplicity?: number; source?: { seed?: string } } };
  method: { mu?: string; rho?: string; precision: number };
  claims: { verdict: string; reason?: string; radius?: string; lossLower?: string; lossUpper?: string; mu?: string; morseIndex?: number };
}

function short(x: string | undefined, digits = 12): string {
  if (x === undefined) return '—';
  const n = Number(x);
  return Number.isFinite(n) && n !== 0 ? n.toPrecision(digits) : x;
}

/** Interval [lo, hi] printed with the common leading digits and the two differing tails. */
function enclosure(lo: string | undefined, hi: string | undefined): string {
  if (lo === undefined || hi === undefined) return '—';
  let i = 0;
  while (i < lo.length && i < hi.length && lo[i] === hi[i]) i++;
  const common = lo.slice(0, i);
  const digits = 4;
  const tail = (x: string) => x.slice(i, i + digits).padEnd(digits, '0');
  return `${common}[${tail(lo)}, ${tail(hi)}]`;
}

/** What searched.json records per (k, n): the gallery site reads the same shape (src/gallery/collect.ts). */
type SearchSummaryLike = SearchStats;

const searchedPath = join(galleryDir, 'searched.json');

/** Keeps certificates/…/searched.json: the statistics of every (k, n) searched, with or without spurious families. */
function recordSearch(tag: string, s: SearchSummaryLike): void {
  const all = existsSync(searchedPath) ? (JSON.parse(readFileSync(searchedPath, 'utf8')) as Record<string, SearchSummaryLike>) : {};
  all[tag] = {
    k: s.k, n: s.n, runs: s.runs, spuriousFraction: s.spuriousFraction, families: s.families,
    stopBelowThreshold: s.stopBelowThreshold ?? false,
    ...(s.counts ? { counts: s.counts } : {}),
  };
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(searchedPath, `${JSON.stringify(sorted, null, 2)}\n`);
}

function searchedTable(): string[] {
  if (!existsSync(searchedPath)) return [];
  const all = JSON.parse(readFileSync(searchedPath, 'utf8')) as Record<string, SearchSummaryLike>;
  return [
    '## Configurations searched',
    '',
    '| k | n | runs | runs at a spurious candidate | runs at a saddle candidate | families | descent |',
    '|---|---|---|---|---|---|---|',
    ...Object.values(all).map(
      (s) =>
        `| ${s.k} | ${s.n} | ${s.runs} | ${(100 * s.spuriousFraction).toFixed(1)}% | ` +
        `${s.counts ? s.counts['saddle-candidate'] ?? 0 : '—'} | ${s.families} | ` +
        `${s.stopBelowThreshold ? 'stopped once F < 1e-3' : 'to the gradient tolerance'} |`,
    ),
    '',
    'Descent "stopped once F < 1e-3" (search --stop-below-threshold, used for n > k): a run whose loss',
    'falls below the spurious threshold cannot end at a spurious or saddle candidate, so it is stopped',
    'there; every candidate run is followed to the gradient tolerance exactly as without the option.',
    '',
  ];
}

function writeIndex(args: Args): void {
  const rows: string[] = [];
  const dirs = existsSync(galleryDir)
    ? readdirSync(galleryDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  let count = 0;
  for (const dir of dirs) {
    const files = readdirSync(join(galleryDir, dir)).filter((f) => f.endsWith('.json') && !f.startsWith('summary')).sort();
    const certs = files
      .map((f) => ({ f, c: JSON.parse(readFileSync(join(galleryDir, dir, f), 'utf8')) as CertificateLike }))
      .sort((x, y) => (y.c.point.candidate.multiplicity ?? 0) - (x.c.point.candidate.multiplicity ?? 0));
    for (const { f, c } of certs) {
      count++;
      const path = relative(galleryDir, join(galleryDir, dir, f));
      const verdict =
        c.claims.verdict === 'refused'
          ? `refused (${c.claims.reason})`
          : c.claims.verdict === 'saddle'
            ? `saddle (index ${c.claims.morseIndex})`
            : c.claims.verdict;
      rows.push(
        `| ${c.problem.k} | ${c.problem.n} | [${c.point.candidate.id.replace(/^.*#/, '')}](${path}) | ` +
          `${c.point.candidate.multiplicity ?? '—'} | ${verdict} | ${enclosure(c.claims.lossLower, c.claims.lossUpper)} | ` +
          `${short(c.claims.radius, 4)} | ${short(c.claims.mu, 4)} |`,
      );
    }
  }
  const text = [
    '# Certificate gallery: Safran & Shamir (2018) setting',
    '',
    'Every file here was produced by certmin itself: `certmin search --preset safran-shamir-2018` (identity',
    `teacher, d = k, Xavier initialisation, gradient descent with step 0.1; ${args.runs} runs per (k, n), seed ${args.seed}),`,
    'with `--stop-below-threshold` for n > k (see the last table), then `certmin certify` on the families it found.',
    'Regenerate with `npm run gallery` (see scripts/gallery.ts);',
    're-check every certificate with `npm run audit:gallery` (or `certmin audit certificates/`).',
    '',
    'Columns: family (the search family id; the link opens the certificate), multiplicity (runs out of',
    `${args.runs} that reached the family), the proved enclosure of the loss F(W*) of the true local minimum`,
    '(common digits, then the differing lower/upper digits), r (‖W* − W̃‖_F ≤ r), μ (∇²F ⪰ μI on a ball around',
    'W̃). A verdict `spurious-local-minimum` means F(W*) > 0 = the global minimum value; `saddle (index q)` means a',
    'non-degenerate critical point W* with exactly q negative Hessian eigenvalues and ‖W* − W̃‖∞ ≤ r.',
    '',
    '| k | n | family | multiplicity | verdict | loss enclosure | r | μ |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${count} certificate(s).`,
    '',
    ...searchedTable(),
  ].join('\n');
  writeFileAtomic(join(galleryDir, 'README.md'), text);
}

/** Re-certifies a gallery certificate's centre in place (see the usage note) and updates its folder's summary. */
function recertify(file: string): void {
  const path = resolve(root, file);
  const read = readCertificate(parseJsonStrict(readFileSync(path, 'utf8')));
  if (!read.ok) throw new Error(`${file}: not a certificate (${read.errors[0]})`);
  const old = read.certificate;
  if (isReducedCertificate(old)) throw new Error(`${file}: a reduced-path certificate (compact centre); --recertify handles dense ones`);
  const { d, n, k } = old.problem;
  const V = teacherMatrixOf(old.problem);
  const info = old.point.candidate;
  const candidate: Candidate = { id: info.id, d, n, W: old.point.W, V, source: info.source };
  if (info.multiplicity !== undefined) candidate.multiplicity = info.multiplicity;
  if (info.stored !== undefined) candidate.stored = info.stored as Candidate['stored'];
  const m = old.method as { precision?: number };
  console.log(`== re-certifying ${relative(root, path)} (version ${read.version} ${old.kind})`);
  const result = certifyCandidate({ d, n, k, W: old.point.W, V }, m.precision !== undefined ? { precision: m.precision } : {});
  const cert = buildCertificate(candidate, V, result);
  cert.provenance.details = {
    ...(cert.provenance.details ?? {}),
    recertified: { from: `version ${read.version} ${old.kind}${old.kind === 'refusal' ? ` (${old.claims.reason})` : ''}`, previousCreatedAt: old.provenance.createdAt },
  };
  const audit = auditCertificate(cert);
  if (!audit.ok) throw new Error(`${file}: the new certificate fails audit (claim ${audit.failedClaim})`);
  writeFileAtomic(path, certificateJson(cert));
  console.log(`   ${cert.claims.verdict}${cert.kind === 'saddle' ? ` of index ${cert.claims.morseIndex}` : ''}; audit holds`);
  const summaryPath = join(dirname(path), SUMMARY_JSON);
  if (existsSync(summaryPath)) {
    const name = basename(path);
    const rows = (JSON.parse(readFileSync(summaryPath, 'utf8')) as SummaryRow[]).map((r) => (r.certificate === name ? summaryRowOf(cert, name) : r));
    writeFileAtomic(summaryPath, `${JSON.stringify(rows, null, 2)}\n`);
    writeFileAtomic(join(dirname(path), SUMMARY_MD), summaryMarkdown(rows));
  }
}

const args = parseArgs(process.argv.slice(2));
for (const file of args.recertify) recertify(file);
if (!args.indexOnly && args.recertify.length === 0) {
  for (let k = args.kFrom; k <= args.kTo; k++) {
    for (const off of args.offsets) {
      const n = k + off;
      const tag = `k${String(k).padStart(2, '0')}-n${String(n).padStart(2, '0')}`;
      const searchDir = join(args.work, tag); // relative to the package root, so certificates record portable paths
      console.log(`\n== ${tag}: search`);
      certmin([
        'search', '--preset', 'safran-shamir-2018', '--k', String(k), '--n', String(n),
        '--runs', String(args.runs), '--seed', args.seed, '--out', searchDir,
        ...(args.workers ? ['--workers', args.workers] : []),
        ...(n > k ? ['--stop-below-threshold'] : []),
      ]);
      recordSearch(tag, JSON.parse(readFileSync(resolve(root, searchDir, 'summary.json'), 'utf8')) as SearchSummaryLike);
      const families = JSON.parse(readFileSync(resolve(root, searchDir, 'families.json'), 'utf8')) as {
        families: { classification: string }[];
      };
      if (!families.families.some((f) => f.classification === 'spurious-candidate' || f.classification === 'saddle-candidate')) {
        console.log(`== ${tag}: no spurious or saddle candidate among ${args.runs} runs`);
        continue;
      }
      console.log(`== ${tag}: certify`);
      certmin(['certify', join(searchDir, 'families.json'), '--out', relative(root, join(galleryDir, tag))]);
    }
  }
}
writeIndex(args);
console.log(`\nindex written to ${relative(root, join(galleryDir, 'README.md'))}`);
