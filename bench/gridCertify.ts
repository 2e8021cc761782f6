/**
 * `npm run bench -- gridCertify`: certify and audit of one finite-data point at the study's largest
 * width (sigmoid, n = 7: 21 parameters, the default grid of P = 1681 points; goal ≤ 2 s each).
 * The points are end points of `certmin search --preset simsek-2021-grid --n N --seed 2021` (runs
 * listed in RUNS, recomputed here by the search's own code, a few seconds each, not timed): at
 * n = 7 the first run of each class its certificate proved in the 1000-run study (global minimum,
 * refused as degenerate, refused as not critical: the study has no n = 7 minimum or saddle), and the
 * first certified spurious minimum of the largest width that has one (n = 6, 18 parameters), for the
 * cost of the full minimum proof (box Hessian over all P points). Per point: certify's wall and
 * CPU seconds with its phases (polish, gradient, Hessian, proof), then audit's wall and CPU seconds,
 * each the best of REPS repetitions after a warm-up call (whose time is printed too: it includes
 * one-time costs such as building the data set's decimal enclosures). The load average is printed (shared machine).
 */
import { loadavg } from 'node:os';
import { auditCertificate } from '../src/certificate/audit/index.js';
import { certificateJson } from '../src/certificate/build.js';
import { buildGridCertificate } from '../src/certificate/gridBuild.js';
import { certifyGridCandidate, type GridCertifyResult } from '../src/certify/gridCertify.js';
import type { Candidate } from '../src/io/candidate.js';
import { finiteDataPayload } from '../src/io/gridPointFile.js';
import { gridProblemOfSettings, gridRunOne } from '../src/search/gridRunOne.js';
import { resolveSettings } from '../src/search/settings.js';

const SEED = '2021';
/** Runs of the seed-2021 study and the class each one's certificate proved there (gridGallery.ts). */
const RUNS: { n: number; run: number; certified: string }[] = [
  { n: 7, run: 0, certified: 'global-minimum' },
  { n: 7, run: 12, certified: 'refused (degenerate)' },
  { n: 7, run: 33, certified: 'refused (not-critical)' },
  { n: 6, run: 3, certified: 'spurious-local-minimum' },
];
const REPS = 3;

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Best (wall, cpu) seconds of f over REPS calls after one warm-up call (its wall time: first), and the last result. */
function best<T>(f: () => T): { first: number; wall: number; cpu: number; value: T } {
  const t0 = performance.now();
  let value = f();
  const first = (performance.now() - t0) / 1000;
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    const c = cpuSeconds();
    value = f();
    wall = Math.min(wall, (performance.now() - t) / 1000);
    cpu = Math.min(cpu, cpuSeconds() - c);
  }
  return { first, wall, cpu, value };
}

const phases = (r: GridCertifyResult) =>
  (['polish', 'gradient', 'hessian', 'proof'] as const).map((k) => `${k} ${r.seconds[k].toFixed(2)}`).join(', ');

export async function run(): Promise<void> {
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} on this machine`);
  for (const { n, run, certified } of RUNS) {
    const s = resolveSettings({ preset: 'simsek-2021-grid', n, seed: SEED, activation: 'sigmoid' });
    const { problem, fp } = gridProblemOfSettings(s);
    const record = gridRunOne(s, problem, fp, run);
    const point = { W: record.point, a: record.a };
    const id = `sigmoid-n${n}-seed${SEED}-run${run}`;
    const candidate: Candidate = {
      id,
      d: 2,
      n,
      W: point.W,
      source: { file: `${id}.json`, format: 'finite-data-json' },
      finiteData: finiteDataPayload({ point, problem, spec: { activation: 'sigmoid', data: 'grid-41x41', teacher: 'simsek-4' } }),
    };
    const cert = best(() => certifyGridCandidate(problem, point, {}));
    const doc = JSON.parse(certificateJson(buildGridCertificate(candidate, cert.value))) as unknown;
    const audit = best(() => auditCertificate(doc));
    console.log(
      `n = ${n} (${3 * n} parameters), run ${run} (search: ${record.classification}; study certificate: ${certified}): certify → ${cert.value.verdict}` +
        `${cert.value.reason ? ` (${cert.value.reason})` : ''} in ${cert.wall.toFixed(2)} s wall, ${cert.cpu.toFixed(2)} s CPU (${phases(cert.value)}; first call ${cert.first.toFixed(2)} s); ` +
        `audit ${audit.value.ok ? 'holds' : `FAILS (${audit.value.failedClaim})`} in ${audit.wall.toFixed(2)} s wall, ${audit.cpu.toFixed(2)} s CPU (first call ${audit.first.toFixed(2)} s)`,
    );
  }
}
