/**
 * `npm run bench -- finiteData`: speed of the finite-data search (preset simsek-2021-grid).
 * 1. Time per Adam step (n = 5, sigmoid and ReLU, the default grid and teacher) against the floor
 *    of one plain pass over the data per step: a Float64Array loop that only evaluates the network,
 *    f(x_p) = Σ_i a_i σ(w_iᵀx_p) for all p (Math.exp per (p, i) for the sigmoid), accumulating
 *    nothing but the loss. Best of several blocks; CPU time (process.cpuUsage) beside wall time.
 * 2. A search of R runs (n = 5, sigmoid, seed 1, BENCH_FINITE_RUNS, default 16) on 2 workers, timed
 *    in wall and CPU seconds, and the extrapolation to 1000 runs on 2 otherwise idle cores
 *    (CPU seconds / 2). On a shared machine the wall time of (2) is inflated by the load; the CPU
 *    time much less so. The load average is printed.
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProblem } from '../src/objective/gridData.js';
import { gridFloatProblem } from '../src/objective/gridFloat.js';
import { adam, adamWork } from '../src/search/gridAdam.js';
import { gridInitialPoint } from '../src/search/gridRunOne.js';
import { runSearch } from '../src/search/runSearch.js';
import { resolveSettings } from '../src/search/settings.js';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Best (wall, cpu) µs per call of f over `blocks` blocks of `reps` calls, after one warm-up block. */
function best(f: () => void, reps: number, blocks = 5): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let b = 0; b <= blocks; b++) {
    const t = performance.now();
    const c = cpuMs();
    for (let r = 0; r < reps; r++) f();
    if (b === 0) continue;
    wall = Math.min(wall, ((performance.now() - t) / reps) * 1000);
    cpu = Math.min(cpu, ((cpuMs() - c) / reps) * 1000);
  }
  return { wall, cpu };
}

/** One pass over the data evaluating the network and the loss, nothing else (the floor). */
function floorPass(x: Float64Array, y: Float64Array, theta: Float64Array, n: number, sigmoid: boolean): number {
  const P = y.length;
  let s = 0;
  for (let q = 0; q < P; q++) {
    const x0 = x[2 * q]!;
    const x1 = x[2 * q + 1]!;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = theta[3 * i]! * x0 + theta[3 * i + 1]! * x1;
      f += theta[3 * i + 2]! * (sigmoid ? 1 / (1 + Math.exp(-z)) : z > 0 ? z : 0);
    }
    const r = f - y[q]!;
    s += r * r;
  }
  return s;
}

export async function run(): Promise<void> {
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} on this machine`);
  const n = 5;
  const s = resolveSettings({ preset: 'simsek-2021-grid', n, seed: 1 });
  for (const activation of ['sigmoid', 'relu'] as const) {
    const fp = gridFloatProblem(defaultProblem(activation), n);
    const start = gridInitialPoint(s, 0);
    const work = adamWork(3 * n);
    const steps = 2000;
    const o = s.finiteData!;
    const step = best(() => {
      adam(fp, start.slice(), { lr: s.step, beta1: o.beta1, beta2: o.beta2, eps: o.eps, steps, blockSteps: o.blockSteps, lossStop: 0 }, work);
    }, 1);
    const perStep = { wall: step.wall / steps, cpu: step.cpu / steps };
    let sink = 0;
    const floor = best(() => {
      sink += floorPass(fp.x, fp.y, start, n, activation === 'sigmoid');
    }, 500);
    console.log(
      `${activation}, n = ${n}, P = ${fp.P}: Adam step ${perStep.cpu.toFixed(1)} µs CPU (${perStep.wall.toFixed(1)} µs wall); ` +
        `floor (one plain pass evaluating f and L) ${floor.cpu.toFixed(1)} µs CPU (${floor.wall.toFixed(1)} µs wall): ` +
        `step/floor ${(perStep.cpu / floor.cpu).toFixed(2)}${sink === 0 ? ' ' : ''}`,
    );
  }
  const runs = Number(process.env.BENCH_FINITE_RUNS ?? 16);
  const dir = mkdtempSync(join(tmpdir(), 'certmin-bench-finite-'));
  try {
    const t = performance.now();
    const c = cpuMs();
    const out = await runSearch(s, { runs, workers: 2, outDir: dir });
    const wall = (performance.now() - t) / 1000;
    const cpu = (cpuMs() - c) / 1000;
    const counts = Object.entries(out.summary.counts).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(
      `search, n = 5 sigmoid, seed 1, ${runs} runs on 2 workers: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU ` +
        `(${(cpu / runs).toFixed(2)} CPU s/run; ${counts})`,
    );
    console.log(
      `  extrapolated to 1000 runs on 2 idle cores: ${((cpu / runs) * 1000 / 2 / 60).toFixed(1)} min ` +
        `(from CPU time; wall time here ${((wall / runs) * 1000 / 60).toFixed(1)} min at this load)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
