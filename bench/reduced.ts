/**
 * The reduced path through the CLI (`certmin certify` / `audit` on compact points), each command a
 * fresh process timed by /usr/bin/time (wall, user + system CPU, peak RSS), with the certify
 * seconds the certificate records beside them:
 *  1. one k = 100 minimum (targets: certify ≤ 1 s, audit ≤ 1 s, peak memory ≤ 300 MB);
 *  2. every record of the 55 shared 2021 pickles in one `certmin certify` (target ≤ 3 minutes);
 *  3. a k = 1000 family member (target ≤ 10 s);
 *  4. cost against k (100, 1 000, 10 000) and m (1, 2, 3).
 * Members are continued from compact starts (src/symmetric/continuation.ts) and cached in
 * bench/.cache/ (not committed): m = 1 p = [k] (W = d·I + o(J − I), d ≈ −0.8), m = 2 p = [1, k − 1]
 * (from the rounded stored k = 10 record), m = 2 p ≈ [k/3, 2k/3] (from the stored k = 60 record
 * [20, 40]; skipped without ../shared/anchors), and m = 3: the same [k/3, 2k/3] points written with
 * the second block split in two, p ≈ [k/3, k/3, k/3] — the same W, certified through the smaller
 * group S_{k/3}³ (more types, larger blocks). (The stored m = 3 families [a, 1, b] end after a few k:
 * [26, 1, k − 27] between k = 63 and 64, see `certmin family`.)
 * The machine's load average is printed: the figures are wall-clock on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCandidates } from '../src/io/loadCandidates.js';
import { compactPointOfCandidate, splitCompactBlock, type ExactCompactPoint } from '../src/symmetric/compactPoint.js';
import { continueToBlockSizes } from '../src/symmetric/continuation.js';

const CACHE = join(process.cwd(), 'bench', '.cache');
const PICKLES = join(process.cwd(), '..', 'shared', 'anchors', 'safran-yehudai-shamir-2021');
const CLI = join(process.cwd(), 'bin', 'certmin.js');

interface Timed {
  wall: number;
  cpu: number;
  rssMB: number;
  stdout: string;
  code: number | null;
}

/** Runs `certmin ARGS` under /usr/bin/time: wall and CPU seconds, peak RSS. */
function timed(args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: last[0]!, cpu: last[1]! + last[2]!, rssMB: last[3]! / 1024, stdout: r.stdout, code: r.status };
}

function stored(k: number, p: string): ExactCompactPoint | undefined {
  const file = join(PICKLES, `Processed minima k=${k}.p`);
  if (!existsSync(file)) return undefined;
  const c = loadCandidates(file).find((x) => x.compact?.p.join() === p);
  return c ? compactPointOfCandidate(c) : undefined;
}

interface Family {
  name: string;
  m: number;
  start: () => ExactCompactPoint | undefined;
  p: (k: number) => number[];
}

const FAMILIES: Family[] = [
  { name: '[k]', m: 1, start: () => ({ p: [10], vals: [['-0.8', '0.02']] }), p: (k) => [k] },
  { name: '[1, k−1]', m: 2, start: () => ({ p: [1, 9], vals: [['-0.699', '0.1824', '0'], ['0.126', '1.0044', '-0.0158']] }), p: (k) => [1, k - 1] },
  { name: '[k/3, 2k/3]', m: 2, start: () => stored(60, '20,40'), p: (k) => [Math.round(k / 3), k - Math.round(k / 3)] },
];
const SIZES = [100, 1000, 10000];

/** The members of a family at SIZES as {p, vals} files (cached). */
function memberFiles(f: Family): Map<number, string> {
  mkdirSync(CACHE, { recursive: true });
  const out = new Map<number, string>();
  let pt = f.start();
  if (!pt) return out;
  for (const k of SIZES) {
    const file = join(CACHE, `reduced-${f.name.replace(/[^a-z0-9]+/gi, '_')}-${k}.json`);
    if (!existsSync(file)) {
      const chain = continueToBlockSizes(pt, f.p(k));
      writeFileSync(file, JSON.stringify(chain[chain.length - 1]!.point));
    }
    pt = JSON.parse(readFileSync(file, 'utf8')) as ExactCompactPoint;
    out.set(k, file);
  }
  return out;
}

interface CertLike {
  kind: string;
  claims: { verdict: string; reason?: string; mu?: string };
  provenance: { seconds: { total: number } };
}

/** certify then audit one point file in fresh processes. */
function certifyAndAudit(file: string): { certify: Timed; audit: Timed; auditSeconds: number; cert: CertLike } {
  const dir = mkdtempSync(join(tmpdir(), 'certmin-bench-reduced-'));
  try {
    const certify = timed(['certify', file, '--out', dir]);
    const name = readdirSync(dir).find((f) => f.endsWith('.json') && !f.startsWith('summary'))!;
    const cert = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CertLike;
    const audit = timed(['audit', join(dir, name), '--json']);
    const [result] = JSON.parse(audit.stdout) as { ok: boolean; seconds: number }[];
    if (!result!.ok) throw new Error(`${file}: the certificate does not pass audit`);
    return { certify, audit, auditSeconds: result!.seconds, cert };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f2 = (x: number) => x.toFixed(2);

function row(name: string, m: number, k: number, r: ReturnType<typeof certifyAndAudit>): string {
  const { certify, audit, cert } = r;
  return (
    `| ${name} | ${m} | ${k} | ${cert.claims.verdict}${cert.claims.reason ? ` (${cert.claims.reason})` : ''} | ${cert.claims.mu ?? '—'} | ` +
    `${f2(cert.provenance.seconds.total)} | ${f2(certify.wall)} / ${f2(certify.cpu)} / ${certify.rssMB.toFixed(0)} | ` +
    `${f2(r.auditSeconds)} | ${f2(audit.wall)} / ${f2(audit.cpu)} / ${audit.rssMB.toFixed(0)} |`
  );
}

export async function run(): Promise<void> {
  const baseline = timed(['--version']);
  console.log(
    `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; a bare \`certmin --version\` process: ${f2(baseline.wall)} s wall, ` +
      `${f2(baseline.cpu)} s CPU, ${baseline.rssMB.toFixed(0)} MB peak RSS (included in every process figure below)`,
  );
  console.log('\n| family | m | k | verdict | μ | certify: recorded s | certify process: wall s / CPU s / peak MB | audit: recorded s | audit process: wall s / CPU s / peak MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const f of FAMILIES) {
    const files = memberFiles(f);
    if (files.size === 0) console.log(`| ${f.name} | ${f.m} | — | skipped (../shared/anchors absent) | | | | |`);
    for (const [k, file] of files) {
      console.log(row(f.name, f.m, k, certifyAndAudit(file)));
    }
  }
  const third = memberFiles(FAMILIES[2]!);
  for (const [k, file] of third) {
    const pt = JSON.parse(readFileSync(file, 'utf8')) as ExactCompactPoint;
    const a = pt.p[1]! - Math.round(pt.p[1]! / 2);
    const split = join(CACHE, `reduced-split3-${k}.json`);
    writeFileSync(split, JSON.stringify(splitCompactBlock(pt, 1, [pt.p[1]! - a, a])));
    console.log(row('[k/3, k/3, k/3] (the [k/3, 2k/3] point, split)', 3, k, certifyAndAudit(split)));
  }
  if (!existsSync(PICKLES)) {
    console.log('\nall stored records: skipped (../shared/anchors absent)');
    return;
  }
  const pickles = readdirSync(PICKLES)
    .filter((f) => f.endsWith('.p'))
    .map((f) => join(PICKLES, f));
  const dir = mkdtempSync(join(tmpdir(), 'certmin-bench-all-'));
  try {
    const all = timed(['certify', ...pickles, '--out', dir, '--json']);
    const rows = JSON.parse(all.stdout) as { verdict: string; seconds?: number }[];
    const count = (v: string) => rows.filter((r) => r.verdict === v).length;
    const recorded = rows.reduce((a, r) => a + (r.seconds ?? 0), 0);
    console.log(
      `\nall ${pickles.length} pickles in one \`certmin certify\`: ${rows.length} records (${count('spurious-local-minimum')} spurious minima, ` +
        `${count('global-minimum')} global, ${count('refused')} refused) in ${f2(all.wall)} s wall, ${f2(all.cpu)} s CPU, ` +
        `${all.rssMB.toFixed(0)} MB peak RSS; Σ recorded certify seconds ${f2(recorded)}`,
    );
    const audit = timed(['audit', dir]);
    console.log(`and \`certmin audit\` of them: ${f2(audit.wall)} s wall, ${f2(audit.cpu)} s CPU (dense cross-check included for k ≤ 30)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
