/**
 * Float64 outward-rounded interval arithmetic: scalar end-point operations per second
 * (add, mul, div, sqrt, each computing both ends), nextUp alone, and the interval dot kernel at
 * length 400 compared with a plain Float64 dot product.
 */
import { addHi, addLo, divHi, divLo, dotIntervalInto, mulHi, mulLo, nextUp, sqrtHi, sqrtLo } from '../src/arith/f64Interval.js';

/** Best of `rounds` timings (ns per op) of `f(reps)`, where f performs `reps` operations. */
function nsPerOp(f: (reps: number) => number, reps: number, rounds = 5): { ns: number; sink: number } {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    sink += f(reps);
    best = Math.min(best, ((performance.now() - t0) * 1e6) / reps);
  }
  return { ns: best, sink };
}

function fmt(label: string, ns: number): string {
  return `  ${label.padEnd(44)} ${ns.toFixed(2).padStart(8)} ns/op  ${(1e3 / ns).toFixed(1).padStart(8)} M ops/s`;
}

export async function run(): Promise<void> {
  const M = 1 << 12;
  const xs = new Float64Array(M);
  const ys = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    xs[i] = 0.5 + Math.random();
    ys[i] = 0.25 + Math.random();
  }
  const reps = 4_000_000;
  let sink = 0;
  console.log('scalar end-point helpers (both ends of the interval result; best of 5)');
  const plain = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[i & (M - 1)]! * ys[i & (M - 1)]!;
    return s;
  }, reps);
  console.log(fmt('plain float multiply-add (reference)', plain.ns));
  const nu = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += nextUp(xs[i & (M - 1)]!);
    return s;
  }, reps);
  console.log(fmt('nextUp', nu.ns));
  const add = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const a = xs[i & (M - 1)]!;
      const b = ys[i & (M - 1)]!;
      s += addLo(a, b) + addHi(a, b);
    }
    return s;
  }, reps);
  console.log(fmt('interval add  [addLo, addHi]', add.ns));
  const mul = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const a = xs[i & (M - 1)]!;
      const b = ys[i & (M - 1)]!;
      const c = ys[(i + 1) & (M - 1)]!;
      s += mulLo(a, b, -c, b) + mulHi(a, b, -c, b);
    }
    return s;
  }, reps);
  console.log(fmt('interval mul  [mulLo, mulHi] (sign-mixed)', mul.ns));
  const dv = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const a = xs[i & (M - 1)]!;
      const b = ys[i & (M - 1)]!;
      s += divLo(-a, b, b, a + b) + divHi(-a, b, b, a + b);
    }
    return s;
  }, reps);
  console.log(fmt('interval div  [divLo, divHi] (sign-mixed)', dv.ns));
  const sq = nsPerOp((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const a = xs[i & (M - 1)]!;
      s += sqrtLo(a) + sqrtHi(a);
    }
    return s;
  }, reps);
  console.log(fmt('interval sqrt [sqrtLo, sqrtHi]', sq.ns));
  sink += plain.sink + nu.sink + add.sink + mul.sink + dv.sink + sq.sink;

  const len = 400;
  const aLo = new Float64Array(len);
  const aHi = new Float64Array(len);
  const bLo = new Float64Array(len);
  const bHi = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    aLo[i] = Math.random() - 0.5;
    aHi[i] = aLo[i]! + 1e-12;
    bLo[i] = Math.random() - 0.5;
    bHi[i] = bLo[i]! + 1e-12;
  }
  const out = new Float64Array(2);
  const dots = 50_000;
  const idot = nsPerOp((n) => {
    let s = 0;
    for (let r = 0; r < n; r++) {
      dotIntervalInto(aLo, aHi, 0, bLo, bHi, 0, len, out, 0);
      s += out[0]!;
    }
    return s;
  }, dots);
  const fdot = nsPerOp((n) => {
    let s = 0;
    for (let r = 0; r < n; r++) {
      let d = 0;
      for (let i = 0; i < len; i++) d += aLo[i]! * bLo[i]!;
      s += d;
    }
    return s;
  }, dots);
  sink += idot.sink + fdot.sink;
  console.log(`dot products of length ${len} (best of 5)`);
  console.log(`  interval dotIntervalInto   ${(idot.ns / 1e3).toFixed(2).padStart(8)} µs/dot  ${(1e9 / idot.ns / 1e3).toFixed(1).padStart(8)} k dots/s`);
  console.log(`  plain float dot            ${(fdot.ns / 1e3).toFixed(2).padStart(8)} µs/dot  ${(1e9 / fdot.ns / 1e3).toFixed(1).padStart(8)} k dots/s`);
  console.log(`  ratio interval / float     ${(idot.ns / fdot.ns).toFixed(1)}×`);
  if (Number.isNaN(sink)) console.log('(sink)');
}
