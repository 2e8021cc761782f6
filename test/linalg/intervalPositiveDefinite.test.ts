import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { proveIntervalMatrixAtLeast } from '../../src/linalg/intervalPositiveDefinite.js';
import {
  box,
  exactlyPositiveDefinite,
  floatCholeskyOk,
  secondDifference,
  symmetricWithEigenvalues,
} from './pdFixtures.js';
import { rng } from '../helpers/random.js';

function eigen(H: Float64Array, N: number): { values: number[]; vmin: number[] } {
  const rows = Array.from({ length: N }, (_, i) => Array.from(H.subarray(i * N, i * N + N)));
  const e = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = e.realEigenvalues;
  let k = 0;
  for (let i = 1; i < N; i++) if (values[i]! < values[k]!) k = i;
  return { values, vmin: e.eigenvectorMatrix.getColumn(k) };
}

describe('proveIntervalMatrixAtLeast', () => {
  it('proves μ clearly below λ_min and never μ above λ_min (random SPD, known spectrum)', () => {
    const rand = rng(2024);
    for (const N of [3, 10, 40, 120]) {
      const lam = Array.from({ length: N }, (_, i) => (i === 0 ? 0.05 : 0.05 + 3 * rand()));
      const H = symmetricWithEigenvalues(lam, rand);
      const { lo, hi } = box(H, 1e-12);
      const good = proveIntervalMatrixAtLeast(lo, hi, N, 0.9 * 0.05);
      expect(good.ok).toBe(true);
      expect(good.t).toBeGreaterThanOrEqual(N * 1e-12 * 0.99);
      expect(good.rump?.ok).toBe(true);
      for (const mu of [0.05 * (1 + 1e-6), 0.051, 0.1, 1]) {
        expect(proveIntervalMatrixAtLeast(lo, hi, N, mu).ok).toBe(false);
      }
    }
  });

  it('is sharp on tridiag(−1, 2, −1) (an exact point matrix) up to the radius', () => {
    for (const N of [2, 7, 50]) {
      const { H, lambdaMin } = secondDifference(N);
      expect(proveIntervalMatrixAtLeast(H, H, N, lambdaMin * (1 - 1e-7)).ok).toBe(true);
      expect(proveIntervalMatrixAtLeast(H, H, N, lambdaMin * (1 + 1e-9)).ok).toBe(false);
      // radius r on every entry: t ≈ N·r, so μ = λ_min − 1.01·N·r is provable, μ = λ_min is not
      const { lo, hi } = box(H, 1e-4);
      const withRadius = proveIntervalMatrixAtLeast(lo, hi, N, lambdaMin - 1.01 * N * 1e-4);
      expect(withRadius.ok).toBe(true);
      expect(withRadius.t).toBeGreaterThanOrEqual(N * 1e-4 * (1 - 1e-9));
      expect(proveIntervalMatrixAtLeast(lo, hi, N, lambdaMin).ok).toBe(false);
    }
  });

  it('never proves a matrix with a negative eigenvalue for μ ≥ λ_min, but does prove H ⪰ μI for μ well below it', () => {
    const rand = rng(5);
    for (const N of [2, 6, 25]) {
      const lam = Array.from({ length: N }, (_, i) => (i === 0 ? -0.3 : 0.2 + rand()));
      const H = symmetricWithEigenvalues(lam, rand);
      const { lo, hi } = box(H, 1e-13);
      for (const mu of [0, 1e-3, -0.3 + 1e-6, -0.29]) expect(proveIntervalMatrixAtLeast(lo, hi, N, mu).ok).toBe(false);
      expect(proveIntervalMatrixAtLeast(lo, hi, N, -0.31).ok).toBe(true);
    }
  });

  it('fails when the radius is too wide', () => {
    const rand = rng(8);
    const N = 20;
    const lam = Array.from({ length: N }, () => 1 + rand());
    const H = symmetricWithEigenvalues(lam, rand);
    expect(proveIntervalMatrixAtLeast(...Object.values(box(H, 1e-3)) as [Float64Array, Float64Array], N, 0.5).ok).toBe(true);
    const wide = proveIntervalMatrixAtLeast(...Object.values(box(H, 0.1)) as [Float64Array, Float64Array], N, 0.5);
    expect(wide.ok).toBe(false);
    expect(wide.t).toBeGreaterThan(N * 0.1 * 0.99);
    expect(wide.reason).toMatch(/negative|not proved/);
  });

  it('handles N = 1 and N = 2 exactly', () => {
    const lo1 = new Float64Array([2]);
    const hi1 = new Float64Array([3]);
    expect(proveIntervalMatrixAtLeast(lo1, hi1, 1, 1.99).ok).toBe(true);
    expect(proveIntervalMatrixAtLeast(lo1, hi1, 1, 2).ok).toBe(false); // needs H − μI ≻ 0 for H = 2
    expect(proveIntervalMatrixAtLeast(lo1, hi1, 1, 2.01).ok).toBe(false);
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3
    const H2 = new Float64Array([2, 1, 1, 2]);
    expect(proveIntervalMatrixAtLeast(H2, H2, 2, 0.999).ok).toBe(true);
    expect(proveIntervalMatrixAtLeast(H2, H2, 2, 1).ok).toBe(false);
    expect(proveIntervalMatrixAtLeast(H2, H2, 2, 1.001).ok).toBe(false);
    // off-diagonal interval [0.9, 1.1]: worst case 2 − 1.1 = 0.9
    const lo2 = new Float64Array([2, 0.9, 0.9, 2]);
    const hi2 = new Float64Array([2, 1.1, 1.1, 2]);
    expect(proveIntervalMatrixAtLeast(lo2, hi2, 2, 0.85).ok).toBe(true);
    expect(proveIntervalMatrixAtLeast(lo2, hi2, 2, 0.9).ok).toBe(false);
    expect(proveIntervalMatrixAtLeast(new Float64Array(0), new Float64Array(0), 0, 1).ok).toBe(true);
  });

  it('symmetrises by intersection and refuses empty or invalid intervals', () => {
    // (0,1) entry wide, (1,0) entry narrow: the intersection is narrow
    const lo = new Float64Array([2, -10, 0.99, 2]);
    const hi = new Float64Array([2, 10, 1.01, 2]);
    expect(proveIntervalMatrixAtLeast(lo, hi, 2, 0.95).ok).toBe(true);
    const r = proveIntervalMatrixAtLeast(new Float64Array([2, 0, 1, 2]), new Float64Array([2, 0.5, 2, 2]), 2, 0);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(proveIntervalMatrixAtLeast(new Float64Array([NaN]), new Float64Array([1]), 1, 0).ok).toBe(false);
    expect(proveIntervalMatrixAtLeast(new Float64Array([-Infinity]), new Float64Array([1]), 1, -5).ok).toBe(false);
    expect(proveIntervalMatrixAtLeast(new Float64Array([1]), new Float64Array([1]), 1, NaN).ok).toBe(false);
  });

  it('soundness: whenever ok, matrices sampled in the box (incl. the adversarial corner) have H − μI positive definite, exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        fc.constantFrom(0, 1e-14, 1e-9, 1e-4, 1e-2),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        (N, seed, radius, delta) => {
          const rand = rng(seed);
          const lam = Array.from({ length: N }, () => rand() * 2 - 0.5);
          const M = symmetricWithEigenvalues(lam, rand);
          const { values, vmin } = eigen(M, N);
          const lmin = Math.min(...values);
          // μ near the worst case of the box, where a wrong t or rounding would show
          const mu = lmin - N * radius * rand() + delta;
          // per-entry radii (symmetric), so that rows differ in their radius sums
          const lo = new Float64Array(N * N);
          const hi = new Float64Array(N * N);
          for (let i = 0; i < N; i++) {
            for (let j = i; j < N; j++) {
              const r = radius * (i === N - 1 || j === N - 1 ? 1 : rand() * 0.2);
              const m = M[i * N + j]!;
              lo[i * N + j] = lo[j * N + i] = Math.min(m, m - r);
              hi[i * N + j] = hi[j * N + i] = Math.max(m, m + r);
            }
          }
          const res = proveIntervalMatrixAtLeast(lo, hi, N, mu);
          if (!res.ok) return;
          const samples: Float64Array[] = [];
          // adversarial corner: H = M − r·s·sᵀ with s = sign(v_min) lowers vᵀHv the most
          const s = vmin.map((x) => (x >= 0 ? 1 : -1));
          const corner = new Float64Array(N * N);
          for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) corner[i * N + j] = s[i]! * s[j]! > 0 ? lo[i * N + j]! : hi[i * N + j]!;
          samples.push(corner);
          for (let k = 0; k < 8; k++) {
            const H = new Float64Array(N * N);
            for (let i = 0; i < N; i++) {
              for (let j = i; j < N; j++) {
                const t = rand();
                const v = k < 4 ? (t < 0.5 ? lo[i * N + j]! : hi[i * N + j]!) : lo[i * N + j]! + t * (hi[i * N + j]! - lo[i * N + j]!);
                H[i * N + j] = Math.min(hi[i * N + j]!, Math.max(lo[i * N + j]!, v));
                H[j * N + i] = H[i * N + j]!;
              }
            }
            samples.push(H);
          }
          for (const H of samples) {
            expect(exactlyPositiveDefinite(H, N, mu)).toBe(true);
            expect(floatCholeskyOk(H, N, mu)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
