import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { DENSE_MAX_N, lambdaMinDense, lambdaMinFloat, lambdaMinLanczos, lambdaMinOfPoint } from '../../src/linalg/floatEigen.js';
import { hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
function randomSymmetric(N: number, rand: () => number): Float64Array {
  const H = new Float64Array(N * N);
  for (let r = 0; r < N; r++) {
    for (let c = r; c < N; c++) {
      const x = gaussian(rand);
      H[r * N + c] = x;
      H[c * N + r] = x;
    }
  }
  return H;
}
/** Q diag(lambda) Qᵀ with Q a product of three random Householder reflections. */
function withSpectrum(lambda: number[], rand: () => number): Float64Array {
  const N = lambda.length;
  const H = new Float64Array(N * N);
  for (let i = 0; i < N; i++) H[i * N + i] = lambda[i]!;
  for (let rep = 0; rep < 3; rep++) {
    const v = Array.from({ length: N }, () => gaussian(rand));
    const nv = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    for (let i = 0; i < N; i++) v[i] = v[i]! / nv;
    // H ← (I − 2vvᵀ) H (I − 2vvᵀ)
    const Hv = new Float64Array(N);
    for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) Hv[r] = Hv[r]! + H[r * N + c]! * v[c]!;
    let vHv = 0;
    for (let r = 0; r < N; r++) vHv += v[r]! * Hv[r]!;
    for (let r = 0; r < N; r++) {
      for (let c = 0; c < N; c++) {
        H[r * N + c] = H[r * N + c]! - 2 * v[r]! * Hv[c]! - 2 * Hv[r]! * v[c]! + 4 * vHv * v[r]! * v[c]!;
      }
    }
  }
  return H;
}
function mlMatrixMin(H: Float64Array, N: number): number {
  const rows = Array.from({ length: N }, (_, r) => Array.from(H.subarray(r * N, r * N + N)));
  return Math.min(...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues);
}

describe('lambdaMinFloat (dense path)', () => {
  it('recovers a prescribed smallest eigenvalue (incl. negative and repeated)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), fc.boolean(), (N, seed, repeated) => {
        const rand = rng(seed);
        const lambda = Array.from({ length: N }, () => 4 * rand() - 1);
        const min = Math.min(...lambda);
        if (repeated && N > 2) lambda[N - 1] = lambda[0] = min;
        const H = withSpectrum(lambda, rand);
        expect(Math.abs(lambdaMinFloat(H, N) - min)).toBeLessThanOrEqual(1e-12 * N);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with ml-matrix on random symmetric matrices', () => {
    const rand = rng(7);
    for (const N of [1, 2, 5, 30, 80]) {
      const H = randomSymmetric(N, rand);
      expect(lambdaMinFloat(H, N)).toBe(mlMatrixMin(H, N));
    }
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => lambdaMinFloat(new Float64Array(5), 2)).toThrow(/2×2/);
  });
});

describe('lambdaMinLanczos', () => {
  it('agrees with the dense solver on random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.integer(), (N, seed) => {
        const H = randomSymmetric(N, rng(seed));
        const dense = lambdaMinDense(H, N);
        const r = lambdaMinLanczos(H, N, { basis: 60 });
        expect(r.converged).toBe(true);
        expect(Math.abs(r.value - dense)).toBeLessThanOrEqual(1e-8 * Math.sqrt(N));
      }),
      { numRuns: 25 },
    );
  });

  it('converges through explicit restarts when the basis is small', () => {
    const N = 60;
    const H = randomSymmetric(N, rng(21));
    const r = lambdaMinLanczos(H, N, { basis: 8, restarts: 100 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(8);
    expect(Math.abs(r.value - lambdaMinDense(H, N))).toBeLessThanOrEqual(1e-9);
  });

  it('finds an isolated smallest eigenvalue below a cluster', () => {
    const rand = rng(11);
    const N = 150;
    const lambda = Array.from({ length: N }, (_, i) => (i === 0 ? 1e-3 : 1 + 1e-6 * i));
    const r = lambdaMinLanczos(withSpectrum(lambda, rand), N);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - 1e-3)).toBeLessThanOrEqual(1e-12);
  });

  it(`is the method used above N = ${DENSE_MAX_N} and agrees with ml-matrix at N ≈ 700`, () => {
    const rand = rng(5);
    // Hessian of a random point, d = 26, n = 27 (N = 702), random teacher with k = 20.
    const d = 26;
    const n = 27;
    const v = new Float64Array(20 * d).map(() => gaussian(rand));
    const p = makeProblem(d, n, v);
    const w = new Float64Array(n * d).map(() => gaussian(rand) / Math.sqrt(d));
    const N = n * d;
    const H = hessianFloat(p, w);
    const dense = mlMatrixMin(H, N);
    const viaFloat = lambdaMinFloat(H, N);
    expect(Math.abs(viaFloat - dense)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(dense)));
    expect(lambdaMinOfPoint(p, w)).toBe(viaFloat);
  }, 60_000);

  it('is deterministic for a fixed seed and reports an honest residual', () => {
    const N = 40;
    const H = randomSymmetric(N, rng(3));
    const a = lambdaMinLanczos(H, N, { seed: 9 });
    const b = lambdaMinLanczos(H, N, { seed: 9 });
    expect(a).toEqual(b);
    // An eigenvalue lies within the residual of the value; here it is the smallest one.
    expect(Math.abs(a.value - lambdaMinDense(H, N))).toBeLessThanOrEqual(a.residual + 1e-13);
  });
});

describe('lambdaMinOfPoint', () => {
  it('is ≥ 0 at the global minimum W = V (student–teacher pairs parallel: the continuous limit)', () => {
    // At W = V = I_4 the Hessian is positive semidefinite (global minimum).
    const p = makeProblem(4, 4, identityTeacher(4));
    expect(lambdaMinOfPoint(p, identityTeacher(4))).toBeGreaterThanOrEqual(-1e-12);
  });
});
