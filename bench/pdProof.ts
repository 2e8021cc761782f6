/**
 * Positive-definiteness proofs: rumpPositiveDefinite (Rump's floating-point Cholesky criterion)
 * at N = 400, 1000, 2500, the full interval-matrix proof at N = 400, and the independent
 * decimal-interval LDLᵀ engine at N = 100, 200.
 */
import { rumpPositiveDefinite } from '../src/linalg/rumpCholesky.js';
import { proveIntervalMatrixAtLeast } from '../src/linalg/intervalPositiveDefinite.js';
import { decimalLdlAtLeast } from '../src/linalg/decimalLdl.js';
import { exactDecimalOfDouble } from '../src/arith/exactDouble.js';
import { Xoshiro128 } from '../src/search/rng.js';

/** Symmetric, diagonally dominant (hence positive definite) random matrix, λ_min ≳ 1. */
function spd(N: number, seed: number): Float64Array {
  const r = Xoshiro128.fromSeed(BigInt(seed));
  const A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < i; j++) {
      const v = (r.nextDouble() - 0.5) / Math.sqrt(N);
      A[i * N + j] = v;
      A[j * N + i] = v;
    }
  }
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) if (j !== i) s += Math.abs(A[i * N + j]!);
    A[i * N + i] = s + 1;
  }
  return A;
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

export async function run(): Promise<void> {
  console.log('rumpPositiveDefinite (random SPD; first call includes JIT warm-up, so N = 400 is run twice)');
  for (const N of [400, 400, 1000, 2500]) {
    const A = spd(N, N);
    const { ms, value } = time(() => rumpPositiveDefinite(A, N));
    console.log(`  N = ${String(N).padStart(4)}: ${ms.toFixed(1).padStart(8)} ms  ok=${value.ok}  shift c=${value.shift.toExponential(2)}`);
  }

  console.log('proveIntervalMatrixAtLeast (radius 1e-12 on every entry, μ = 0.5)');
  for (const N of [400, 1000]) {
    const A = spd(N, N + 1);
    const lo = A.map((x) => x - 1e-12);
    const hi = A.map((x) => x + 1e-12);
    const { ms, value } = time(() => proveIntervalMatrixAtLeast(lo, hi, N, 0.5));
    console.log(`  N = ${String(N).padStart(4)}: ${ms.toFixed(1).padStart(8)} ms  ok=${value.ok}  t=${value.t.toExponential(2)}`);
  }

  console.log('decimalLdlAtLeast (40 digits, radius 1e-12, μ = 0.5)');
  for (const N of [100, 200]) {
    const A = spd(N, N + 2);
    const lo = A.map((x) => x - 1e-12);
    const hi = A.map((x) => x + 1e-12);
    const { ms, value } = time(() => decimalLdlAtLeast(lo, hi, N, exactDecimalOfDouble(0.5)));
    console.log(`  N = ${String(N).padStart(4)}: ${(ms / 1000).toFixed(2).padStart(8)} s   ok=${value.ok}`);
  }
}
