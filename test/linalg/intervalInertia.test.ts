import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { exactAdd, exactCompare, exactMul, exactSub } from '../../src/arith/exact.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { floatSymmetricEigen } from '../../src/linalg/floatSymmetricEigen.js';
import { proveInertia } from '../../src/linalg/intervalInertia.js';
import { symmetricMidpointRadius, type MidpointRadius } from '../../src/linalg/midpointRadius.js';
import { rng } from '../helpers/random.js';
import { box, randomOrthogonal, symmetricWithEigenvalues } from './pdFixtures.js';

function midRad(lo: Float64Array, hi: Float64Array, N: number): MidpointRadius {
  const r = symmetricMidpointRadius(lo, hi, N, { keepRadius: true });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The family [H ± r] (ends rounded outward) in midpoint–radius form. */
function family(H: Float64Array, N: number, r: number): MidpointRadius {
  const { lo, hi } = box(H, r);
  return midRad(lo, hi, N);
}

function negativeCount(H: Float64Array, N: number): number {
  const rows = Array.from({ length: N }, (_, i) => Array.from(H.subarray(i * N, i * N + N)));
  return new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.filter((x) => x < 0).length;
}

/** A random symmetric member M + T∘R of the family (T symmetric with entries in [−1, 1]). */
function member(mr: MidpointRadius, rand: () => number): Float64Array {
  const { N, M, R } = mr;
  const H = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j <= i; j++) {
      const v = M[i * N + j]! + (2 * rand() - 1) * R![i * N + j]!;
      H[i * N + j] = v;
      H[j * N + i] = v;
    }
  }
  return H;
}

const identity = (N: number): Float64Array => {
  const I = new Float64Array(N * N);
  for (let i = 0; i < N; i++) I[i * N + i] = 1;
  return I;
};

describe('proveInertia', () => {
  it('proves the known inertia of families with a known spectrum, and it matches sampled members', () => {
    const rand = rng(77);
    for (const [N, q] of [
      [3, 1],
      [10, 4],
      [40, 2],
      [90, 0],
      [25, 25],
    ] as const) {
      const lambda = Array.from({ length: N }, (_, i) => (i < q ? -1 : 1) * (0.01 + rand()));
      const H = symmetricWithEigenvalues(lambda, rand);
      const mr = family(H, N, 1e-11);
      const proof = proveInertia(mr, floatSymmetricEigen(mr.M, N).vectors);
      expect(proof.ok).toBe(true);
      expect(proof.negative).toBe(q);
      expect(proof.positive).toBe(N - q);
      expect(proof.touching).toEqual([]);
      expect(proof.minGap).toBeGreaterThan(0);
      expect(proof.minGap).toBeLessThanOrEqual(Math.min(...lambda.map(Math.abs)) * (1 + 1e-9));
      for (let s = 0; s < 3; s++) expect(negativeCount(member(mr, rand), N)).toBe(q);
    }
  });

  it('works with any nonsingular X that nearly diagonalises M (a perturbed eigenvector basis)', () => {
    const rand = rng(8);
    const N = 12;
    const lambda = Array.from({ length: N }, (_, i) => (i % 3 === 0 ? -1 : 1) * (0.5 + rand()));
    const H = symmetricWithEigenvalues(lambda, rand);
    const mr = midRad(H, H, N);
    const X = floatSymmetricEigen(H, N).vectors.map((x) => x * (1 + 1e-3 * (rand() - 0.5)));
    const proof = proveInertia(mr, X);
    expect(proof.ok).toBe(true);
    expect(proof.negative).toBe(4);
  });

  it('refuses every family that contains an exactly singular symmetric matrix, whatever X', () => {
    // S = Pᵀ D P with D integer diagonal holding a 0 and P unimodular (integer, det 1): S is an
    // exactly singular integer matrix, exactly representable in doubles.
    const arb = fc.record({
      N: fc.integer({ min: 2, max: 7 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      zeroAt: fc.nat(),
      radius: fc.constantFrom(0, 1e-14, 1e-9),
      xKind: fc.constantFrom('eigen', 'identity', 'orthogonal'),
    });
    fc.assert(
      fc.property(arb, ({ N, seed, zeroAt, radius, xKind }) => {
        const rand = rng(seed);
        const D = Array.from({ length: N }, () => Math.floor(rand() * 7) - 3 || 1);
        D[zeroAt % N] = 0;
        const P = identity(N);
        for (let t = 0; t < 2 * N; t++) {
          const i = Math.floor(rand() * N);
          const j = (i + 1 + Math.floor(rand() * (N - 1))) % N;
          const c = Math.floor(rand() * 3) - 1;
          for (let col = 0; col < N; col++) P[i * N + col] = P[i * N + col]! + c * P[j * N + col]!; // row_i += c·row_j
        }
        const S = new Float64Array(N * N);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) {
            let s = 0;
            for (let k = 0; k < N; k++) s += P[k * N + i]! * D[k]! * P[k * N + j]!;
            S[i * N + j] = s;
          }
        }
        for (const x of S) expect(Math.abs(x)).toBeLessThan(2 ** 40); // integer arithmetic was exact
        const mr = family(S, N, radius);
        const X = xKind === 'identity' ? identity(N) : xKind === 'orthogonal' ? randomOrthogonal(N, rand) : floatSymmetricEigen(mr.M, N).vectors;
        const proof = proveInertia(mr, X);
        expect(proof.ok).toBe(false);
        expect(proof.touching.length).toBeGreaterThan(0);
        for (const t of proof.touching) expect(t.lo <= 0 && 0 <= t.hi).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses when the radius admits a singular member near a small eigenvalue, and proves it when the radius is smaller', () => {
    const rand = rng(31);
    const N = 8;
    const small = 1e-6;
    const lambda = [-0.8, -0.3, small, 0.2, 0.5, 0.7, 1.1, 2];
    const H = symmetricWithEigenvalues(lambda, rand);
    const tight = proveInertia(family(H, N, 1e-12), floatSymmetricEigen(H, N).vectors);
    expect(tight.ok).toBe(true);
    expect(tight.negative).toBe(2);
    // With radius 2e-6 on every entry the family contains H − small·uuᵀ (singular, |small·u_i u_j| ≤ 1e-6).
    const refused = proveInertia(family(H, N, 2e-6), floatSymmetricEigen(H, N).vectors);
    expect(refused.ok).toBe(false);
    expect(refused.touching.map((t) => t.index)).toContain(2);
  });

  it('every exact Gershgorin disc of XᵀMX lies inside the computed disc interval (big.js, rounding errors included)', () => {
    const ex = exactDecimalOfDouble;
    const absS = (x: string): string => (x.startsWith('-') ? x.slice(1) : x);
    const arb = fc.record({
      N: fc.integer({ min: 2, max: 5 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      radius: fc.constantFrom(0, 1e-15),
    });
    fc.assert(
      fc.property(arb, ({ N, seed, radius }) => {
        const rand = rng(seed);
        const lambda = Array.from({ length: N }, () => (rand() - 0.5) * 10 ** (4 * rand() - 2));
        const mr = family(symmetricWithEigenvalues(lambda, rand), N, radius);
        const X = floatSymmetricEigen(mr.M, N).vectors;
        const proof = proveInertia(mr, X);
        // G = XᵀMX exactly (M is a member of the family).
        const G: string[] = [];
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) {
            let s = '0';
            for (let a = 0; a < N; a++) {
              for (let b = 0; b < N; b++) s = exactAdd(s, exactMul(exactMul(ex(X[a * N + i]!), ex(mr.M[a * N + b]!)), ex(X[b * N + j]!)));
            }
            G.push(s);
          }
        }
        for (let i = 0; i < N; i++) {
          let r = '0';
          for (let j = 0; j < N; j++) if (j !== i) r = exactAdd(r, absS(G[i * N + j]!));
          expect(exactCompare(ex(proof.discLo[i]!), exactSub(G[i * N + i]!, r))).toBeLessThanOrEqual(0);
          expect(exactCompare(exactAdd(G[i * N + i]!, r), ex(proof.discHi[i]!))).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a non-finite X', () => {
    const mr = midRad(identity(2), identity(2), 2);
    expect(proveInertia(mr, Float64Array.of(1, 0, 0, NaN)).ok).toBe(false);
  });
});
