import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactAdd, exactCompare, exactMul, exactSub } from '../../src/arith/exact.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { contractionBound, newtonStepBound } from '../../src/linalg/existenceBounds.js';
import { floatInverseFromEigen, floatSymmetricEigen } from '../../src/linalg/floatSymmetricEigen.js';
import { symmetricMidpointRadius, type MidpointRadius } from '../../src/linalg/midpointRadius.js';
import { rng } from '../helpers/random.js';
import { symmetricWithEigenvalues } from '../linalg/pdFixtures.js';

const ex = exactDecimalOfDouble;
const abs = (s: string): string => (s.startsWith('-') ? s.slice(1) : s);

function midRad(lo: Float64Array, hi: Float64Array, N: number): MidpointRadius {
  const r = symmetricMidpointRadius(lo, hi, N, { keepRadius: true });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** ‖I − YH‖∞ exactly (big.js) for double matrices Y, H. */
function exactResidualNorm(Y: Float64Array, H: Float64Array, N: number): string {
  let best = '0';
  for (let i = 0; i < N; i++) {
    let row = '0';
    for (let j = 0; j < N; j++) {
      let s = i === j ? '1' : '0';
      for (let k = 0; k < N; k++) s = exactSub(s, exactMul(ex(Y[i * N + k]!), ex(H[k * N + j]!)));
      row = exactAdd(row, abs(s));
    }
    if (exactCompare(row, best) > 0) best = row;
  }
  return best;
}

describe('contractionBound (hypothesis (b))', () => {
  it('κ ≥ ‖I − YH‖∞ exactly for members H of the family (corners and the midpoint)', () => {
    const arb = fc.record({
      N: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      radius: fc.constantFrom(0, 1e-12, 1e-4),
      perturbY: fc.constantFrom(0, 1e-3),
    });
    fc.assert(
      fc.property(arb, ({ N, seed, radius, perturbY }) => {
        const rand = rng(seed);
        const lambda = Array.from({ length: N }, () => (rand() < 0.5 ? -1 : 1) * (0.1 + rand()));
        const H0 = symmetricWithEigenvalues(lambda, rand);
        // lo = H0 − r, hi = H0 + r exactly representable: r a power of two, H0 rounded to a multiple of it.
        const r = radius === 0 ? 0 : 2 ** Math.round(Math.log2(radius));
        const M0 = r === 0 ? H0 : H0.map((x) => Math.round(x / r) * r);
        const mr = midRad(
          M0.map((x) => x - r),
          M0.map((x) => x + r),
          N,
        );
        const Y = floatInverseFromEigen(floatSymmetricEigen(mr.M, N)).map((y) => y * (1 + perturbY * (rand() - 0.5)));
        const kappa = contractionBound(Y, mr);
        expect(Number.isFinite(kappa)).toBe(true);
        // Symmetric members: M, and M ± r on a random symmetric sign pattern (exact in doubles).
        const members = [mr.M];
        for (let t = 0; t < 2; t++) {
          const H = new Float64Array(N * N);
          for (let i = 0; i < N; i++) {
            for (let j = 0; j <= i; j++) {
              const v = mr.M[i * N + j]! + (rand() < 0.5 ? -r : r);
              H[i * N + j] = v;
              H[j * N + i] = v;
            }
          }
          members.push(H);
        }
        for (const H of members) {
          for (let p = 0; p < N * N; p++) expect(Math.abs(H[p]! - mr.M[p]!)).toBeLessThanOrEqual(mr.R![p]!);
          expect(exactCompare(exactResidualNorm(Y, H, N), ex(kappa))).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('accounts for the radius: Y = I, M = I, R with r off the diagonal gives κ ≥ r, attained by a member', () => {
    const r = 0.125;
    const mr = midRad(Float64Array.of(1, -r, -r, 1), Float64Array.of(1, r, r, 1), 2);
    const kappa = contractionBound(Float64Array.of(1, 0, 0, 1), mr);
    expect(kappa).toBeGreaterThanOrEqual(r);
    expect(kappa).toBeLessThan(r * (1 + 1e-12));
    expect(exactResidualNorm(Float64Array.of(1, 0, 0, 1), Float64Array.of(1, r, r, 1), 2)).toBe('0.125');
  });

  it('is +∞ for a non-finite Y', () => {
    const mr = midRad(Float64Array.of(1), Float64Array.of(1), 1);
    expect(contractionBound(Float64Array.of(Infinity), mr)).toBe(Infinity);
  });
});

describe('newtonStepBound (hypothesis (a))', () => {
  it('η ≥ |Yg|∞ exactly for g at the corners and inside the gradient box', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1e6 }), (N, seed) => {
        const rand = rng(seed);
        const Y = Float64Array.from({ length: N * N }, () => (rand() - 0.5) * 100);
        const gLo = Float64Array.from({ length: N }, () => (rand() - 0.5) * 1e-30);
        const gHi = gLo.map((x) => x + rand() * 1e-40);
        const eta = newtonStepBound(Y, N, gLo, gHi);
        for (let t = 0; t < 4; t++) {
          const g = gLo.map((l, p) => (t === 0 ? l : t === 1 ? gHi[p]! : rand() < 0.5 ? l : gHi[p]!));
          for (let i = 0; i < N; i++) {
            let s = '0';
            for (let k = 0; k < N; k++) s = exactAdd(s, exactMul(ex(Y[i * N + k]!), ex(g[k]!)));
            expect(exactCompare(abs(s), ex(eta))).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
