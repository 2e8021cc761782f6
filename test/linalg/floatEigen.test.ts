import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { existsSync, readFileSync } from 'node:fs';
import {
  DENSE_MAX_N, eigenvaluesDense, lambdaMinDense, lambdaMinFloat, lambdaMinLanczos, lambdaMinLanczosOperator, lambdaMinOfPoint, smallestEigenvalueTridiagonal,
} from '../../src/linalg/floatEigen.js';
import { hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { readMat } from '../../src/io/mat.js';
import { gaussian, rng } from '../helpers/random.js';

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

/** ‖H‖₂ = max |eigenvalue| (ml-matrix). */
function mlMatrixNorm(H: Float64Array, N: number): number {
  const rows = Array.from({ length: N }, (_, r) => Array.from(H.subarray(r * N, r * N + N)));
  return Math.max(...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.map(Math.abs));
}
/** |ours − ml-matrix| ≤ 1e-12·‖H‖₂ (both backward stable, each error ~N·u·‖H‖). */
function expectAgreesWithMlMatrix(H: Float64Array, N: number): void {
  const ours = lambdaMinFloat(H, N);
  expect(Math.abs(ours - mlMatrixMin(H, N))).toBeLessThanOrEqual(1e-12 * mlMatrixNorm(H, N));
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

  it('agrees with ml-matrix to 1e-12·‖H‖ on random symmetric matrices of several sizes', () => {
    const rand = rng(7);
    for (const N of [1, 2, 3, 4, 5, 8, 30, 81, 200]) {
      expectAgreesWithMlMatrix(randomSymmetric(N, rand), N);
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer(), (N, seed) => {
        expectAgreesWithMlMatrix(randomSymmetric(N, rng(seed)), N);
      }),
      { numRuns: 40 },
    );
  });

  it('handles clustered, repeated and all-negative spectra', () => {
    const rand = rng(13);
    const N = 60;
    // Smallest eigenvalue inside a cluster of width 1e-10; a tenfold-repeated negative minimum;
    // a negative definite matrix.
    const clustered = Array.from({ length: N }, (_, i) => (i < 20 ? 0.5 + 1e-10 * rand() : 1 + rand()));
    const repeated = Array.from({ length: N }, (_, i) => (i % 6 === 0 ? -0.75 : 2 * rand() - 0.5));
    const negative = Array.from({ length: N }, () => -1 - 3 * rand());
    for (const lambda of [clustered, repeated, negative]) {
      const H = withSpectrum(lambda, rand);
      expect(Math.abs(lambdaMinFloat(H, N) - Math.min(...lambda))).toBeLessThanOrEqual(1e-13 * N);
      expectAgreesWithMlMatrix(H, N);
    }
  });

  it('handles zero columns (no reflection needed), diagonal and zero matrices', () => {
    const rand = rng(17);
    const N = 12;
    // Block diagonal: rows/columns 0..3 and 4..11 decoupled; column 3 below the diagonal is zero.
    const H = new Float64Array(N * N);
    const B1 = randomSymmetric(4, rand);
    const B2 = randomSymmetric(8, rand);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) H[r * N + c] = B1[r * 4 + c]!;
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) H[(r + 4) * N + c + 4] = B2[r * 8 + c]!;
    expect(lambdaMinFloat(H, N)).toBeCloseTo(Math.min(mlMatrixMin(B1, 4), mlMatrixMin(B2, 8)), 13);
    const D = new Float64Array(N * N);
    for (let i = 0; i < N; i++) D[i * N + i] = [3, -2, 5, 0.25][i % 4]!;
    expect(lambdaMinFloat(D, N)).toBe(-2);
    expect(lambdaMinFloat(new Float64Array(N * N), N)).toBe(0);
    expect(lambdaMinFloat(new Float64Array([-3.5]), 1)).toBe(-3.5);
  });

  it('is equivariant under power-of-two scaling (exactly) and safe at extreme magnitudes', () => {
    const rand = rng(19);
    const N = 25;
    const H = randomSymmetric(N, rand);
    const base = lambdaMinFloat(H, N);
    for (const e of [-900, -40, 3, 900]) {
      expect(lambdaMinFloat(H.map((x) => x * 2 ** e), N)).toBe(base * 2 ** e);
    }
    const big = lambdaMinFloat(H.map((x) => x * 1e300), N);
    expect(Math.abs(big / 1e300 - base)).toBeLessThanOrEqual(1e-13 * mlMatrixNorm(H, N));
  });

  it('reads only the lower triangle and does not modify H', () => {
    const rand = rng(23);
    const N = 17;
    const H = randomSymmetric(N, rand);
    const copy = H.slice();
    const expected = lambdaMinFloat(H, N);
    expect(H).toEqual(copy);
    const garbled = H.slice();
    for (let r = 0; r < N; r++) for (let c = r + 1; c < N; c++) garbled[r * N + c] = 1e6 * rand();
    expect(lambdaMinFloat(garbled, N)).toBe(expected);
  });

  it('returns NaN for a non-finite entry', () => {
    const H = randomSymmetric(5, rng(1));
    H[3 * 5 + 1] = NaN;
    expect(lambdaMinFloat(H, 5)).toBeNaN();
    H[3 * 5 + 1] = Infinity;
    expect(lambdaMinFloat(H, 5)).toBeNaN();
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => lambdaMinFloat(new Float64Array(5), 2)).toThrow(/2×2/);
  });
});

describe('eigenvaluesDense (every eigenvalue, float evidence for reports)', () => {
  it('agrees with ml-matrix on random symmetric matrices, within 1e-12·‖H‖₂ per eigenvalue, ascending', () => {
    const rand = rng(91);
    for (const N of [1, 2, 3, 7, 30, 81]) {
      const H = randomSymmetric(N, rand);
      const ours = eigenvaluesDense(H, N);
      const rows = Array.from({ length: N }, (_, r) => Array.from(H.subarray(r * N, r * N + N)));
      const ref = [...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
      const norm = Math.max(...ref.map(Math.abs));
      for (let i = 0; i < N; i++) {
        expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThanOrEqual(1e-12 * norm);
        if (i > 0) expect(ours[i]!).toBeGreaterThanOrEqual(ours[i - 1]!);
      }
      expect(ours[0]).toBeCloseTo(lambdaMinDense(H, N), 12);
    }
  });

  it('finds a prescribed spectrum with repeated eigenvalues (multiplicities kept)', () => {
    const lambda = [-0.5, 0.25, 0.25, 0.25, 1, 3, 3];
    const ours = eigenvaluesDense(withSpectrum(lambda, rng(5)), lambda.length);
    lambda.forEach((l, i) => expect(Math.abs(ours[i]! - l)).toBeLessThanOrEqual(1e-13));
  });

  it('zero and non-finite matrices', () => {
    expect(Array.from(eigenvaluesDense(new Float64Array(9), 3))).toEqual([0, 0, 0]);
    const H = new Float64Array([1, NaN, NaN, 1]);
    expect(Array.from(eigenvaluesDense(H, 2)).every(Number.isNaN)).toBe(true);
  });
});

describe('smallestEigenvalueTridiagonal', () => {
  it('finds the smallest eigenvalue 2 − 2cos(π/(m+1)) of tridiag(−1, 2, −1) to a few ulps', () => {
    for (const m of [1, 2, 3, 10, 100, 1000]) {
      const diag = new Float64Array(m).fill(2);
      const off = new Float64Array(Math.max(m - 1, 1)).fill(-1);
      const exact = 4 * Math.sin(Math.PI / (2 * (m + 1))) ** 2; // = 2 − 2cos(π/(m+1)), cancellation-free
      // Sturm bisection is accurate relative to ‖T‖ = 4; here even the tiny eigenvalue (~1e-5 at m = 1000) comes out to ~1e-15 absolute.
      expect(Math.abs(smallestEigenvalueTridiagonal(diag, off, m) - exact)).toBeLessThanOrEqual(8 * Number.EPSILON * 4);
    }
  });

  it('agrees with ml-matrix on random tridiagonal matrices incl. zero off-diagonals and huge entries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), fc.constantFrom(1, 1e-200, 1e200), (m, seed, scale) => {
        const rand = rng(seed);
        const diag = new Float64Array(m).map(() => scale * gaussian(rand));
        const off = new Float64Array(Math.max(m - 1, 1)).map(() => (rand() < 0.2 ? 0 : scale * gaussian(rand)));
        const T = new Float64Array(m * m);
        for (let i = 0; i < m; i++) T[i * m + i] = diag[i]! / scale;
        for (let i = 0; i + 1 < m; i++) T[(i + 1) * m + i] = T[i * m + i + 1] = off[i]! / scale;
        const got = smallestEigenvalueTridiagonal(diag, off, m) / scale;
        expect(Math.abs(got - mlMatrixMin(T, m))).toBeLessThanOrEqual(1e-13 * Math.max(1, mlMatrixNorm(T, m)));
      }),
      { numRuns: 60 },
    );
  });
});

// Hessians at the published Safran–Shamir (2018) minima (family 0 of each file).
const anchorDir = '../shared/anchors/safran-shamir-2018';
describe.each(['newExp-6-6.mat', 'newExp-7-7.mat', 'newExp-10-10.mat', 'newExp-15-16.mat'])('anchor Hessian %s', (file) => {
  const path = `${anchorDir}/${file}`;
  it.skipIf(!existsSync(path))('λ_min agrees with ml-matrix to 1e-12·‖H‖ (and Lanczos to 1e-10·‖H‖)', () => {
    const [k, n] = file.replace('newExp-', '').replace('.mat', '').split('-').map(Number) as [number, number];
    const arr = readMat(new Uint8Array(readFileSync(path)), file).arrays.get('WbadNew')!;
    expect(arr.dims.slice(0, 2)).toEqual([k, n]);
    const p = makeProblem(k, n, identityTeacher(k));
    const w = arr.data.slice(0, n * k);
    const N = n * k;
    const H = hessianFloat(p, w);
    const oracle = mlMatrixMin(H, N);
    const norm = mlMatrixNorm(H, N);
    expect(oracle).toBeGreaterThan(0); // a strict local minimum
    expect(Math.abs(lambdaMinFloat(H, N) - oracle)).toBeLessThanOrEqual(1e-12 * norm);
    expect(Math.abs(lambdaMinLanczos(H, N).value - oracle)).toBeLessThanOrEqual(1e-10 * norm);
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

  it(`is the method used above N = ${DENSE_MAX_N} and agrees with the dense solver there`, () => {
    const rand = rng(5);
    // Hessian of a random point, d = 30, n = 31 (N = 930), random teacher with k = 20.
    const d = 30;
    const n = 31;
    const v = new Float64Array(20 * d).map(() => gaussian(rand));
    const p = makeProblem(d, n, v);
    const w = new Float64Array(n * d).map(() => gaussian(rand) / Math.sqrt(d));
    const N = n * d;
    expect(N).toBeGreaterThan(DENSE_MAX_N);
    const H = hessianFloat(p, w);
    const dense = lambdaMinDense(H, N);
    const viaFloat = lambdaMinFloat(H, N);
    expect(viaFloat).toBe(lambdaMinLanczos(H, N).value);
    expect(Math.abs(viaFloat - dense)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(dense)));
    // lambdaMinOfPoint never forms H above DENSE_MAX_N: Lanczos on Hessian-vector products.
    expect(Math.abs(lambdaMinOfPoint(p, w) - dense)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(dense)));
    // The operator form with the explicit product is the same computation as lambdaMinLanczos(H).
    const times = (x: Float64Array, out: Float64Array) => {
      for (let r = 0; r < N; r++) {
        let t = 0;
        for (let c = 0; c < N; c++) t += H[r * N + c]! * x[c]!;
        out[r] = t;
      }
    };
    expect(Math.abs(lambdaMinLanczosOperator(times, N).value - viaFloat)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(dense)));
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
