/**
 * `npm run bench -- search`: speed of `certmin search`.
 * 1. k = n = 20, safran-shamir-2018 preset, one thread: time per run, split into gradient descent
 *    and the float λ_min of the end point, µs per iteration and µs per gradientFloat call (the
 *    bound of the descent). Reference: a vectorised numpy implementation of the same descent takes
 *    about 0.67 s per run at k = n = 20.
 * 2. k = n = 10: runs per second on one worker thread and on all cores.
 */
import { availableParallelism } from 'node:os';
import { gradientFloat } from '../src/objective/reluFloat.js';
import { lambdaMinOfPoint } from '../src/linalg/floatEigen.js';
import { gradientDescent } from '../src/search/gradientDescent.js';
import { initialPoint, problemOfSettings } from '../src/search/runOne.js';
import { resolveSettings } from '../src/search/settings.js';
import { runInWorkers } from '../src/search/workerPool.js';

const NUMPY_SECONDS_PER_RUN_K20 = 0.67;

export async function run(): Promise<void> {
  perRunAtK20(4);
  await throughputAtK10();
}

function perRunAtK20(runs: number): void {
  const s = resolveSettings({ preset: 'safran-shamir-2018', k: 20, seed: 1 });
  const p = problemOfSettings(s);
  const g = new Float64Array(s.n * s.d);
  let gdMs = 0;
  let eigMs = 0;
  let iterations = 0;
  let eigCount = 0;
  for (let r = 0; r < runs; r++) {
    const w = initialPoint(s, r);
    let t = performance.now();
    const res = gradientDescent(p, w, s, g);
    gdMs += performance.now() - t;
    iterations += res.iterations;
    if (res.stop === 'tolerance' && res.loss >= s.spuriousThreshold) {
      t = performance.now();
      lambdaMinOfPoint(p, w);
      eigMs += performance.now() - t;
      eigCount++;
    }
  }
  // What bounds an iteration: 2000 descent steps from run 0's start vs 2000 gradientFloat calls
  // at that point, best of 5 blocks each (the machine may be shared), after warm-up.
  const w0 = initialPoint(s, 0);
  const block = { ...s, maxIters: 2000 };
  let stepUs = Infinity;
  let gradUs = Infinity;
  for (let rep = 0; rep < 6; rep++) {
    const w = Float64Array.from(w0);
    let t = performance.now();
    gradientDescent(p, w, block, g);
    if (rep > 0) stepUs = Math.min(stepUs, ((performance.now() - t) / 2000) * 1000);
    t = performance.now();
    for (let i = 0; i < 2000; i++) gradientFloat(p, w0, g);
    if (rep > 0) gradUs = Math.min(gradUs, ((performance.now() - t) / 2000) * 1000);
  }
  const perIterUs = (gdMs * 1000) / iterations;
  const gdPerRun = gdMs / runs / 1000;
  const totalPerRun = (gdMs + eigMs) / runs / 1000;
  console.log(`k = n = 20, safran-shamir-2018, one thread, ${runs} runs (seed 1):`);
  console.log(`  time per run: ${totalPerRun.toFixed(3)} s = gradient descent ${gdPerRun.toFixed(3)} s` +
    ` (${Math.round(iterations / runs)} iterations, ${perIterUs.toFixed(1)} µs each)` +
    ` + float λ_min ${(eigMs / runs / 1000).toFixed(3)} s (${eigCount} of ${runs} runs, ${eigCount ? (eigMs / eigCount).toFixed(0) : '—'} ms each)`);
  console.log(`  one descent step ${stepUs.toFixed(1)} µs, of which gradientFloat ${gradUs.toFixed(1)} µs` +
    ` (${((100 * gradUs) / stepUs).toFixed(0)}%; best of 5 blocks of 2000)`);
  console.log(`  vs numpy reference ${NUMPY_SECONDS_PER_RUN_K20} s/run: descent ${(NUMPY_SECONDS_PER_RUN_K20 / gdPerRun).toFixed(1)}× faster,` +
    ` whole run ${(NUMPY_SECONDS_PER_RUN_K20 / totalPerRun).toFixed(1)}×`);
}

async function throughputAtK10(): Promise<void> {
  const s = resolveSettings({ preset: 'safran-shamir-2018', k: 10, seed: 1 });
  const all = availableParallelism();
  for (const [workers, runs] of [[1, 40], [all, 40 * all]] as const) {
    const indices = Array.from({ length: runs }, (_, r) => r);
    let spurious = 0;
    const t = performance.now();
    await runInWorkers(s, indices, {
      workers,
      onRecord: (rec) => {
        if (rec.classification === 'spurious-candidate') spurious++;
      },
    });
    const secs = (performance.now() - t) / 1000;
    console.log(`k = n = 10, ${workers} worker${workers === 1 ? '' : 's'}: ${runs} runs in ${secs.toFixed(2)} s = ${(runs / secs).toFixed(1)} runs/s (${spurious} spurious candidates)`);
  }
}
