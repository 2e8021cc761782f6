/**
 * `npm run bench -- descent`: where the time of one search run goes, and how far one gradient
 * evaluation is from the machine's floor.
 * 1. Rates of this core: a scalar fused multiply-add loop in JavaScript, a 2×4 register-blocked
 *    matrix product C = A·Bᵀ (100×100×100) in JavaScript, and the same product in the WebAssembly
 *    SIMD kernel (src/linalg/wasmKernels.ts); and the cost of Math.acos + Math.sqrt.
 * 2. One gradient at k = n = 20, 50, 100 (identity teacher, Xavier start): time, its flop count
 *    (Gram matrix ≈ n²d/2 + nd multiply-adds, C·Z n·d·m; 2 flops each), the floor = flops at the
 *    best measured rate plus one acos + sqrt per pair, and the ratio to it.
 * 3. Whole runs (run 0 of seed 2021) of both presets at k = n = 20, 50, 100: steps, time per
 *    step, time of the float λ_min at the end, total — as CPU time of this process (wall-clock
 *    time beside it), which a shared machine disturbs much less.
 * With CERTMIN_BASELINE=/path/to/an/older/checkout (built), parts 2 and 3 also time that
 * checkout's code on the same inputs, interleaved, for before/after figures. BENCH_DESCENT_K
 * (default "20,50,100") and BENCH_DESCENT_RUNS=0 (skip part 3) narrow it down.
 * Timings are CPU time of this process, best of several blocks: the machine may be shared.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { WasmF64Arena } from '../src/linalg/wasmKernels.js';
import * as current from '../src/objective/reluFloat.js';
import * as currentEigen from '../src/linalg/floatEigen.js';
import * as currentDescent from '../src/search/gradientDescent.js';
import { initialPoint } from '../src/search/runOne.js';
import { resolveSettings, type SearchSettings } from '../src/search/settings.js';

interface Impl {
  name: string;
  gradientFloat: typeof current.gradientFloat;
  makeProblem: typeof current.makeProblem;
  identityTeacher: typeof current.identityTeacher;
  lambdaMinOfPoint: typeof currentEigen.lambdaMinOfPoint;
  gradientDescent: typeof currentDescent.gradientDescent;
}

const PRESETS = ['safran-shamir-2018', 'safran-yehudai-shamir-2021'];

/**
 * Best of `rounds` timings (ms per call) of blocks of `reps` calls, in CPU time of this process
 * (user + system): on a shared machine wall-clock time mostly measures the other processes.
 * Blocks should take ≥ 20 ms (the CPU clock's resolution is about a millisecond).
 */
function bestMs(f: () => void, reps: number, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000 / reps);
  }
  return best;
}

export async function run(): Promise<void> {
  const ks = (process.env.BENCH_DESCENT_K ?? '20,50,100').split(',').map(Number);
  const impls: Impl[] = [{ name: 'now', ...current, ...currentEigen, ...currentDescent }];
  const base = process.env.CERTMIN_BASELINE;
  if (base) {
    const load = async (rel: string) => import(pathToFileURL(join(base, 'dist', rel)).href);
    impls.push({
      name: 'baseline',
      ...(await load('src/objective/reluFloat.js')),
      ...(await load('src/linalg/floatEigen.js')),
      ...(await load('src/search/gradientDescent.js')),
    } as Impl);
  }
  const rates = machineRates();
  console.log('Rates on this core (CPU time, best of 5 blocks):');
  console.log(`  JS scalar multiply-add loop (8 independent sums): ${rates.jsFma.toFixed(2)} GFlop/s`);
  console.log(`  JS 2×4-blocked A·Bᵀ, 100×100×100:                 ${rates.jsMatmul.toFixed(2)} GFlop/s`);
  console.log(`  WebAssembly SIMD 2×4-blocked A·Bᵀ, 100×100×100:  ${rates.wasmMatmul.toFixed(2)} GFlop/s`);
  console.log(`  Math.acos + Math.sqrt: ${rates.acosNs.toFixed(1)} ns per pair`);

  console.log('\nOne gradient (identity teacher, Xavier start of run 0, seed 2021), CPU time, best of 5 interleaved rounds:');
  console.log('  floor = its two products alone in the SIMD kernel at the same shapes (the flops at the best measured');
  console.log('  rate) + one Math.acos and Math.sqrt per student pair and student–teacher pair');
  for (const k of ks) {
    const s = resolveSettings({ preset: 'safran-yehudai-shamir-2021', k, seed: 2021 });
    const w = initialPoint(s, 0);
    const g = new Float64Array(w.length);
    const flops = 2 * ((k * k * k) / 2 + k * k + k * k * k); // Gram (row pairs, j ≥ i) + C·Z, 2 flops per multiply-add
    const pairs = (k * (k - 1)) / 2 + k * k;
    const products = productsAlone(k);
    const cs = new Float64Array(pairs).map((_, i) => Math.cos(i * 0.37));
    const reps = Math.max(40, Math.round(6e7 / k ** 3));
    const best = new Map<string, number>();
    const problems = impls.map((impl) => impl.makeProblem(k, k, impl.identityTeacher(k)));
    for (let round = 0; round < 6; round++) {
      const time = (key: string, f: () => void) => {
        const ms = bestMs(f, reps, 1);
        if (round > 0) best.set(key, Math.min(best.get(key) ?? Infinity, ms * 1000));
      };
      time('products', products);
      time('acos', () => acosSqrt(cs));
      impls.forEach((impl, i) => time(impl.name, () => impl.gradientFloat(problems[i]!, w, g)));
    }
    const floorUs = best.get('products')! + best.get('acos')!;
    console.log(
      `  k = n = ${String(k).padStart(3)}: ${(flops / 1e6).toFixed(2)} MFlop → products alone ${best.get('products')!.toFixed(1)} µs ` +
        `(${(flops / best.get('products')! / 1e3).toFixed(1)} GFlop/s; at the JS product rate ${((flops / (rates.jsMatmul * 1e9)) * 1e6).toFixed(1)} µs)` +
        ` + ${pairs} acos/sqrt ${best.get('acos')!.toFixed(1)} µs = floor ${floorUs.toFixed(1)} µs`,
    );
    for (const impl of impls) {
      const us = best.get(impl.name)!;
      console.log(`      gradientFloat [${impl.name}]: ${us.toFixed(1)} µs = ${(us / floorUs).toFixed(2)} × floor`);
    }
  }

  if (process.env.BENCH_DESCENT_RUNS === '0') return;
  console.log('\nWhole runs (run 0, seed 2021, one thread): steps, time per step, float λ_min at the end:');
  for (const preset of PRESETS) {
    for (const k of ks) {
      const s = resolveSettings({ preset, k, seed: 2021 });
      for (const impl of impls) wholeRun(impl, s, preset, k);
    }
  }
}

/** Wall-clock and CPU seconds of f (CPU time: this process's user + system time; the machine may be shared). */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

function wholeRun(impl: Impl, s: SearchSettings, preset: string, k: number): void {
  const p = impl.makeProblem(s.d, s.n, impl.identityTeacher(s.d));
  const w = initialPoint(s, 0);
  const descent = timed(() => impl.gradientDescent(p, w, s));
  const res = descent.value;
  let eig: { value: number; wall: number; cpu: number } | undefined;
  if (res.stop === 'tolerance' && res.loss >= s.spuriousThreshold) eig = timed(() => impl.lambdaMinOfPoint(p, w));
  const steps = Math.max(1, res.iterations);
  console.log(
    `  ${preset} k = n = ${String(k).padStart(3)} [${impl.name}]: ${res.iterations} steps, CPU ${descent.cpu.toFixed(2)} s` +
      ` (${((descent.cpu / steps) * 1e6).toFixed(1)} µs/step; wall ${descent.wall.toFixed(2)} s); λ_min ` +
      `${eig ? `CPU ${eig.cpu.toFixed(2)} s (wall ${eig.wall.toFixed(2)} s, ${eig.value.toPrecision(6)})` : '— (not a candidate)'}; ` +
      `total CPU ${(descent.cpu + (eig?.cpu ?? 0)).toFixed(2)} s; stop ${res.stop}, loss ${res.loss.toPrecision(6)}`,
  );
}

/** The gradient's two products at k = n = d in the SIMD kernel, as gradientFloat calls them. */
function productsAlone(k: number): () => void {
  const dp = k + (k & 1);
  const arena = new WasmF64Arena(4 * k * dp + k * k + 16);
  const wp = arena.alloc(k * dp);
  const zt = arena.alloc(k * dp);
  const coef = arena.alloc(k * dp);
  const gram = arena.alloc(k * k);
  const prod = arena.alloc(k * dp);
  for (let i = 0; i < k * dp; i++) {
    wp[i] = Math.sin(i);
    zt[i] = Math.cos(i);
    coef[i] = 1 + (i % 3);
  }
  return () => {
    for (let i = 0; i < k; i += 2) arena.abt(wp, i * dp, dp, wp, i * dp, dp, gram, i * k + i, k, Math.min(2, k - i), k - i, dp);
    arena.abt(coef, 0, dp, zt, 0, dp, prod, 0, dp, k, k, dp);
  };
}

let acosSink = 0;
function acosSqrt(cs: Float64Array): void {
  let t = 0;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    t += Math.acos(c) + Math.sqrt(1 - c * c);
  }
  acosSink += t;
}

function machineRates(): { jsFma: number; jsMatmul: number; wasmMatmul: number; acosNs: number } {
  const n = 100;
  const x = new Float64Array(4096).map((_, i) => Math.sin(i));
  const fmaLoop = () => {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let i = 0; i < 4096; i += 8) {
      s0 += x[i]! * 1.0000001; s1 += x[i + 1]! * 1.0000001; s2 += x[i + 2]! * 1.0000001; s3 += x[i + 3]! * 1.0000001;
      s4 += x[i + 4]! * 1.0000001; s5 += x[i + 5]! * 1.0000001; s6 += x[i + 6]! * 1.0000001; s7 += x[i + 7]! * 1.0000001;
    }
    return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
  };
  let sink = 0;
  const fmaMs = bestMs(() => (sink += fmaLoop()), 20000);
  const A = new Float64Array(n * n).map((_, i) => Math.cos(i));
  const C = new Float64Array(n * n);
  const jsMs = bestMs(() => jsAbt(A, A, C, n), 100);
  const arena = new WasmF64Arena(3 * n * n);
  const Aw = arena.alloc(n * n);
  Aw.set(A);
  const Cw = arena.alloc(n * n);
  const wasmMs = bestMs(() => arena.abt(Aw, 0, n, Aw, 0, n, Cw, 0, n, n, n, n), 500);
  const cs = new Float64Array(10000).map((_, i) => Math.cos(i * 0.37));
  const acosMs = bestMs(() => acosSqrt(cs), 500);
  if (sink === 42 || acosSink === 42) console.log('');
  return { jsFma: (2 * 4096) / fmaMs / 1e6, jsMatmul: (2 * n ** 3) / jsMs / 1e6, wasmMatmul: (2 * n ** 3) / wasmMs / 1e6, acosNs: (acosMs * 1e6) / cs.length };
}

/** C = A·Aᵀ for n×n row-major A (n divisible by 4), 2×4 register blocking: the JS rate reference. */
function jsAbt(A: Float64Array, B: Float64Array, C: Float64Array, n: number): void {
  for (let i = 0; i < n; i += 2) {
    const a0 = i * n;
    const a1 = a0 + n;
    for (let j = 0; j < n; j += 4) {
      const b0 = j * n;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let t = 0; t < n; t++) {
        const x = A[a0 + t]!, y = A[a1 + t]!;
        const z0 = B[b0 + t]!, z1 = B[b0 + n + t]!, z2 = B[b0 + 2 * n + t]!, z3 = B[b0 + 3 * n + t]!;
        s00 += x * z0; s01 += x * z1; s02 += x * z2; s03 += x * z3;
        s10 += y * z0; s11 += y * z1; s12 += y * z2; s13 += y * z3;
      }
      C[a0 + j] = s00; C[a0 + j + 1] = s01; C[a0 + j + 2] = s02; C[a0 + j + 3] = s03;
      C[a1 + j] = s10; C[a1 + j + 1] = s11; C[a1 + j + 2] = s12; C[a1 + j + 3] = s13;
    }
  }
}
