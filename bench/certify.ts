/**
 * certify + audit timings for one k = n = 20 candidate (N = 400; target ≤ 2 s including
 * polishing) and one k = n = 50 candidate (N = 2,500; target ≤ 60 s), with per-phase figures.
 *
 * Candidates: plain gradient descent with the float kernels and the safran-shamir-2018 settings
 * (Xavier start from the search's seeded RNG, step 0.1, stop at per-neuron gradient ≤ 1e-9), run 0
 * of seeds 1, 2, … until the end point is not global (loss ≥ 1e-3). Found points are cached in
 * bench/.cache/ (not committed) because the descent itself takes long for k = 50.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate } from '../src/certificate/audit/index.js';
import { buildCertificate } from '../src/certificate/build.js';
import { certifyCandidate } from '../src/certify/certifyCandidate.js';
import { identityTeacherStrings } from '../src/io/teacher.js';
import type { ExactPoint } from '../src/objective/reluRigorous.js';
import { problemOfSettings, runOne } from '../src/search/runOne.js';
import { resolveSettings } from '../src/search/settings.js';

const CACHE = join(process.cwd(), 'bench', '.cache');

interface CachedPoint {
  k: number;
  seed: string;
  loss: number;
  iterations: number;
  lambdaMin: number | null;
  W: string[][];
}

function candidate(k: number, maxIters: number): CachedPoint {
  const file = join(CACHE, `certify-k${k}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CachedPoint;
  for (let seed = 1; seed <= 20; seed++) {
    const s = resolveSettings({ preset: 'safran-shamir-2018', k, n: k, seed, maxIters });
    const t0 = performance.now();
    const rec = runOne(s, problemOfSettings(s), 0);
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `  k = ${k}, seed ${seed}: ${rec.classification} after ${rec.iterations} GD iterations (${secs.toFixed(1)} s), loss ${rec.loss}`,
    );
    if (rec.classification === 'spurious-candidate' || rec.classification === 'saddle-candidate') {
      const p: CachedPoint = { k, seed: String(seed), loss: rec.loss!, iterations: rec.iterations, lambdaMin: rec.lambdaMin, W: rec.point };
      mkdirSync(CACHE, { recursive: true });
      writeFileSync(file, JSON.stringify(p));
      return p;
    }
  }
  throw new Error(`no non-global candidate found for k = ${k}`);
}

function fmt(x: number): string {
  return x.toFixed(2);
}

export async function run(): Promise<void> {
  console.log('| k = n | N | verdict | polish steps | polish s | gradient s | screen s | Hessian s | PD proof s | certify total s | audit s | r | μ | λ̃ |');
  const rows: string[] = [];
  for (const [k, maxIters] of [
    [20, 2_000_000],
    [50, 2_000_000],
  ] as const) {
    const c = candidate(k, maxIters);
    const pt: ExactPoint = { d: k, n: k, k, W: c.W, V: identityTeacherStrings(k) };
    const res = certifyCandidate(pt);
    const cert = buildCertificate(
      { id: `bench-k${k}`, d: k, n: k, W: c.W, source: { file: `bench/.cache/certify-k${k}.json`, format: 'json', seed: c.seed } },
      pt.V,
      res,
    );
    const t0 = performance.now();
    const audit = auditCertificate(cert);
    const auditSeconds = (performance.now() - t0) / 1000;
    const s = res.seconds;
    rows.push(
      `| ${k} | ${k * k} | ${res.verdict}${res.reason ? ` (${res.reason})` : ''} | ${res.polish.steps} | ${fmt(s.polish)} | ${fmt(s.gradient)} | ${fmt(s.screen)} | ${fmt(
        s.hessian,
      )} | ${fmt(s.pdProof)} | ${fmt(s.total)} | ${fmt(auditSeconds)}${audit.ok ? '' : ` (FAILED: ${audit.failedClaim})`} | ${res.radius ?? '—'} | ${
        res.mu ?? '—'
      } | ${res.lambdaFloat?.toPrecision(4) ?? '—'} |`,
    );
    console.log(rows[rows.length - 1]);
  }
}
