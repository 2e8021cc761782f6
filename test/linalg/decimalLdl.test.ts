import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { decimalLdlAtLeast } from '../../src/linalg/decimalLdl.js';
import { proveIntervalMatrixAtLeast } from '../../src/linalg/intervalPositiveDefinite.js';
import { box, exactlyPositiveDefinite, secondDifference, symmetricWithEigenvalues } from './pdFixtures.js';
import { rng } from '../helpers/random.js';

const str = (x: number): string => exactDecimalOfDouble(x);

describe('decimalLdlAtLeast', () => {
  it('agrees with the Rump engine on random SPD and indefinite interval matrices', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 24; trial++) {
      const N = 1 + (trial % 12);
      const indefinite = trial % 3 === 2;
      const lmin = indefinite ? -0.2 : 0.1 + rand();
      const lam = Array.from({ length: N }, (_, i) => (i === 0 ? lmin : Math.abs(lmin) + 0.2 + 2 * rand()));
      const H = symmetricWithEigenvalues(lam, rand);
      const { lo, hi } = box(H, 1e-11);
      for (const mu of indefinite ? [0, 0.05, lmin + 0.01, lmin - 0.05] : [0.9 * lmin, 1.1 * lmin, 0.5 * lmin]) {
        const rump = proveIntervalMatrixAtLeast(lo, hi, N, mu).ok;
        const ldl = decimalLdlAtLeast(lo, hi, N, str(mu)).ok;
        expect(ldl).toBe(rump);
        expect(ldl).toBe(mu < lmin);
      }
    }
  });

  it('refuses an indefinite matrix and names the failing pivot', () => {
    // [[1, 2], [2, 1]]: eigenvalues −1 and 3; second pivot 1 − 4 = −3
    const A = new Float64Array([1, 2, 2, 1]);
    const r = decimalLdlAtLeast(A, A, 2, '0');
    expect(r.ok).toBe(false);
    expect(r.failedPivot).toBe(1);
    expect(Number(r.minPivotLower)).toBeCloseTo(-3, 12);
    // first pivot already negative
    expect(decimalLdlAtLeast(new Float64Array([-1, 0, 0, 1]), new Float64Array([-1, 0, 0, 1]), 2, '0')).toMatchObject({
      ok: false,
      failedPivot: 0,
    });
  });

  it('is sharp on the exact matrix tridiag(−1, 2, −1) and takes μ as an exact decimal', () => {
    for (const N of [1, 3, 12, 40]) {
      const { H, lambdaMin } = secondDifference(N);
      expect(decimalLdlAtLeast(H, H, N, str(lambdaMin * (1 - 1e-10))).ok).toBe(true);
      expect(decimalLdlAtLeast(H, H, N, str(lambdaMin * (1 + 1e-10))).ok).toBe(false);
    }
    const one = new Float64Array([1]);
    expect(decimalLdlAtLeast(one, one, 1, '0.99999999999999999999999999').ok).toBe(true);
    expect(decimalLdlAtLeast(one, one, 1, '1').ok).toBe(false);
    expect(decimalLdlAtLeast(one, one, 1, '1.00000000000000000000000001').ok).toBe(false);
  });

  it('reports the smallest pivot lower bound', () => {
    const D = new Float64Array([3, 0, 0, 0, 1.5, 0, 0, 0, 2]);
    const r = decimalLdlAtLeast(D, D, 3, '0.25');
    expect(r.ok).toBe(true);
    expect(r.minPivotLower).toBe('1.25');
  });

  it('uses the symmetrised intervals and refuses empty or unbounded ones', () => {
    const lo = new Float64Array([2, -10, 0.99, 2]);
    const hi = new Float64Array([2, 10, 1.01, 2]);
    expect(decimalLdlAtLeast(lo, hi, 2, '0.95').ok).toBe(true);
    expect(decimalLdlAtLeast(new Float64Array([2, 0, 1, 2]), new Float64Array([2, 0.5, 2, 2]), 2, '0').ok).toBe(false);
    expect(decimalLdlAtLeast(new Float64Array([-Infinity]), new Float64Array([1]), 1, '-5').ok).toBe(false);
    expect(() => decimalLdlAtLeast(new Float64Array([1]), new Float64Array([1]), 1, 'abc')).toThrow(RangeError);
  });

  it('soundness: whenever ok, sampled matrices in the box have H − μI positive definite, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer(), fc.constantFrom(0, 1e-12, 1e-6, 1e-3), fc.double({ min: -0.02, max: 0.02, noNaN: true }), (N, seed, radius, delta) => {
        const rand = rng(seed);
        const lam = Array.from({ length: N }, () => rand() * 2 - 0.3);
        const M = symmetricWithEigenvalues(lam, rand);
        const mu = Math.min(...lam) - N * radius * rand() + delta;
        const { lo, hi } = box(M, radius);
        if (!decimalLdlAtLeast(lo, hi, N, str(mu), 30).ok) return;
        for (let k = 0; k < 10; k++) {
          const H = new Float64Array(N * N);
          for (let i = 0; i < N; i++) {
            for (let j = i; j < N; j++) {
              H[i * N + j] = H[j * N + i] = rand() < 0.5 ? lo[i * N + j]! : hi[i * N + j]!;
            }
          }
          expect(exactlyPositiveDefinite(H, N, mu)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
