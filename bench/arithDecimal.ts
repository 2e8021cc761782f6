/**
 * Decimal interval arithmetic throughput: add, mul, sqrt and acos (ops/second) at precisions
 * 20, 40, 80, and dot products of length 400 (dot products/second). Arguments are narrow
 * non-point intervals (a few ulps wide), as produced by rigorous computations.
 */
import { decimalIntervals, type DecimalInterval, type DecimalIntervalArithmetic } from '../src/arith/decimalInterval.js';
import { Xoshiro128 } from '../src/search/rng.js';

/** Narrow intervals around random values in (lo, hi): ends 1e-(p−3) relative apart. */
function samples(A: DecimalIntervalArithmetic, count: number, lo: number, hi: number, seed: number): DecimalInterval[] {
  const r = Xoshiro128.fromSeed(BigInt(seed));
  const out: DecimalInterval[] = [];
  for (let i = 0; i < count; i++) {
    const x = A.point(lo + (hi - lo) * r.nextDouble());
    const w = A.mul(A.abs(x), A.point(`1e-${A.precision - 3}`));
    out.push(A.of(A.sub(x, w).lo, A.add(x, w).hi));
  }
  return out;
}

/** Operations per second of f over the samples, timed for at least `ms` milliseconds. */
function opsPerSecond(ms: number, n: number, f: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 200); i++) f(i); // warm-up
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < n; i++) f(i);
    done += n;
    elapsed = performance.now() - t0;
  }
  return (done / elapsed) * 1000;
}

const fmt = (x: number) => (x >= 1e5 ? x.toExponential(2) : x.toFixed(x >= 100 ? 0 : 1)).padStart(10);

export async function run(): Promise<void> {
  console.log('decimal interval ops/second (narrow non-point arguments)');
  console.log(`${'precision'.padEnd(10)}${'add'.padStart(10)}${'mul'.padStart(10)}${'sqrt'.padStart(10)}${'acos'.padStart(10)}${'dot400/s'.padStart(10)}`);
  for (const p of [20, 40, 80]) {
    const A = decimalIntervals(p);
    const n = 1000;
    const xs = samples(A, n, -3, 3, 1);
    const ys = samples(A, n, -3, 3, 2);
    const pos = samples(A, n, 0.01, 10, 3);
    const cs = samples(A, n, -0.999, 0.999, 4);
    const add = opsPerSecond(400, n, (i) => A.add(xs[i]!, ys[i]!));
    const mul = opsPerSecond(400, n, (i) => A.mul(xs[i]!, ys[i]!));
    const sqrt = opsPerSecond(400, n, (i) => A.sqrt(pos[i]!));
    const acos = opsPerSecond(1000, 100, (i) => A.acos(cs[i]!));
    const u = xs.slice(0, 400);
    const v = ys.slice(0, 400);
    const dot = opsPerSecond(1000, 1, () => A.dot(u, v));
    console.log(`${String(p).padEnd(10)}${fmt(add)}${fmt(mul)}${fmt(sqrt)}${fmt(acos)}${fmt(dot)}`);
  }
}
