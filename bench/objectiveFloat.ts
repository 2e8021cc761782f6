/**
 * Float64 objective: gradient evaluations per second (identity teacher, random Xavier point,
 * k = n = d), Hessian build time and smallest-eigenvalue time at N = 400, 900 and 2500: the
 * method lambdaMinFloat uses, the other method for comparison, and ml-matrix's full eigen
 * solver (the previous dense path) at N = 400.
 */
import { gradientFloat, hessianFloat, identityTeacher, makeProblem } from '../src/objective/reluFloat.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { DENSE_MAX_N, lambdaMinDense, lambdaMinFloat, lambdaMinLanczos } from '../src/linalg/floatEigen.js';
import { Xoshiro128 } from '../src/search/rng.js';

function randomPoint(n: number, d: number, seed: number): Float64Array {
  const r = Xoshiro128.fromSeed(BigInt(seed));
  return new Float64Array(n * d).map(() => r.nextGaussian() / Math.sqrt(d));
}

/** Best of `rounds` timings (ms) of `reps` calls. */
function bestPerCall(f: () => void, reps: number, rounds: number): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

export async function run(): Promise<void> {
  console.log('gradientFloat (identity teacher, random point; best of 5 rounds)');
  for (const k of [6, 20, 50, 100]) {
    const p = makeProblem(k, k, identityTeacher(k));
    const w = randomPoint(k, k, k);
    const g = new Float64Array(k * k);
    const reps = Math.max(20, Math.round(4e6 / k ** 3));
    bestPerCall(() => gradientFloat(p, w, g), reps, 1); // warm-up
    const ms = bestPerCall(() => gradientFloat(p, w, g), reps, 5);
    console.log(`  k = n = ${String(k).padStart(3)}: ${(1000 / ms).toFixed(0).padStart(8)} evaluations/s  (${(ms * 1000).toFixed(1)} µs each)`);
  }
  console.log(`hessianFloat and lambdaMinFloat (random point, identity teacher; dense up to N = ${DENSE_MAX_N}, Lanczos above)`);
  for (const k of [20, 30, 50]) {
    const N = k * k;
    const p = makeProblem(k, k, identityTeacher(k));
    const w = randomPoint(k, k, 100 + k);
    const H = new Float64Array(N * N);
    hessianFloat(p, w, H);
    const hMs = bestPerCall(() => hessianFloat(p, w, H), 3, 2);
    const rounds = N <= DENSE_MAX_N ? 3 : 1;
    let lam = NaN;
    const fMs = bestPerCall(() => (lam = lambdaMinFloat(H, N)), 1, rounds);
    const method = N <= DENSE_MAX_N ? 'Householder + bisection' : 'Lanczos';
    console.log(`  N = ${N}: Hessian ${hMs.toFixed(1)} ms; lambdaMinFloat (${method}) ${fMs.toFixed(1)} ms, λ_min = ${lam.toExponential(12)}`);
    if (N <= DENSE_MAX_N) {
      let lz = lambdaMinLanczos(H, N);
      const lMs = bestPerCall(() => (lz = lambdaMinLanczos(H, N)), 1, rounds);
      console.log(`           Lanczos for comparison ${lMs.toFixed(1)} ms (${lz.iterations} products), λ_min = ${lz.value.toExponential(12)}`);
    } else {
      let dense = NaN;
      const dMs = bestPerCall(() => (dense = lambdaMinDense(H, N)), 1, 1);
      console.log(`           dense for comparison ${dMs.toFixed(0)} ms, λ_min = ${dense.toExponential(12)}`);
    }
    if (N <= 400) {
      const rows = Array.from({ length: N }, (_, r) => Array.from(H.subarray(r * N, r * N + N)));
      let ml = NaN;
      const mMs = bestPerCall(() => (ml = Math.min(...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues)), 1, 1);
      console.log(`           ml-matrix full eigen-decomposition (previous dense path) ${mMs.toFixed(0)} ms, λ_min = ${ml.toExponential(12)}`);
    }
  }
}
