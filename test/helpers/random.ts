/**
 * Seeded random numbers for tests (test-only; benchmarks use src/search/rng.ts). The sequences
 * are fixed: tests' random points were chosen with them, so changing a formula here changes
 * which points those tests check.
 */

/** Deterministic PRNG (mulberry32): uniform doubles in [0, 1), 32 random bits each. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller, √(−2 ln(1 − u₁))·cos(2π u₂), drawing u₁ then u₂. */
export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** `len` independent normals times `scale` (same draws as `gaussian`; scale applied first). */
export function normals(len: number, rand: () => number, scale = 1): Float64Array {
  const x = new Float64Array(len);
  for (let t = 0; t < len; t++) x[t] = scale * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return x;
}

/** A uniformly random permutation of {0, …, size − 1} (Fisher–Yates, one draw per position from the end). */
export function randomPermutation(size: number, rand: () => number): number[] {
  const xs = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
