/**
 * Rigorous objective timings: decimal-interval loss + gradient at precision 40, and the Float64
 * interval Hessian over a box of radius 1e-7, at k = n = d = 20 and 50 (identity teacher, a
 * seeded Xavier-initialised student). Prints times and enclosure widths.
 */
import { normUpper } from '../src/arith/intervalNorms.js';
import { decimalIntervals } from '../src/arith/decimalInterval.js';
import { exactDecimalOfDouble } from '../src/arith/exactDouble.js';
import {
  type ExactPoint,
  hessianBoxEnclosure,
  lossAndGradientEnclosure,
} from '../src/objective/reluRigorous.js';
import { Xoshiro128 } from '../src/search/rng.js';

function xavierPoint(k: number, seed: number): ExactPoint {
  const r = Xoshiro128.fromSeed(BigInt(seed));
  const W: string[][] = [];
  const V: string[][] = [];
  for (let a = 0; a < k; a++) {
    W.push(Array.from({ length: k }, () => exactDecimalOfDouble(r.nextGaussian() / Math.sqrt(k))));
    V.push(Array.from({ length: k }, (_, j) => (j === a ? '1' : '0')));
  }
  return { d: k, n: k, k, W, V };
}

function fmt(x: number): string {
  return x.toExponential(2);
}

/** Best of `reps` wall-clock times (ms) of f, and its last result. */
function timed<T>(reps: number, f: () => T): [number, T] {
  let best = Infinity;
  let out: T | undefined;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    out = f();
    best = Math.min(best, performance.now() - t0);
  }
  return [best, out!];
}

export async function run(): Promise<void> {
  const ar = decimalIntervals(40);
  // Warm-up (JIT, cached π and arctan tables) on a small problem.
  const warm = xavierPoint(8, 1);
  lossAndGradientEnclosure(ar, warm);
  hessianBoxEnclosure(warm, '1e-7');
  console.log('(best of 2 runs each)');
  for (const k of [20, 50]) {
    const pt = xavierPoint(k, 1234 + k);
    const [tGrad, { loss, gradient }] = timed(2, () => lossAndGradientEnclosure(ar, pt));
    const g = normUpper(ar, gradient);
    let gradWidth = 0;
    for (const x of gradient) gradWidth = Math.max(gradWidth, x.hi.minus(x.lo).toNumber());

    const [tHess, H] = timed(2, () => hessianBoxEnclosure(pt, '1e-7'));
    let hessWidth = 0;
    for (let t = 0; t < H.lo.length; t++) hessWidth = Math.max(hessWidth, H.hi[t]! - H.lo[t]!);
    const [tHess0, H0] = timed(2, () => hessianBoxEnclosure(pt, '0'));
    let hessWidth0 = 0;
    for (let t = 0; t < H0.lo.length; t++) hessWidth0 = Math.max(hessWidth0, H0.hi[t]! - H0.lo[t]!);

    console.log(
      `k = n = d = ${k} (N = ${k * k}): loss+gradient (precision 40) ${tGrad.toFixed(0)} ms, ` +
        `loss width ${fmt(loss.hi.minus(loss.lo).toNumber())}, max gradient width ${fmt(gradWidth)}, |∇F| ≤ ${g.toSD(3).toString()}`,
    );
    console.log(
      `  box Hessian ρ = 1e-7: ${tHess.toFixed(0)} ms, max entry width ${fmt(hessWidth)}; ` +
        `ρ = 0: ${tHess0.toFixed(0)} ms, max entry width ${fmt(hessWidth0)}`,
    );
  }
}
