import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockRelabellingOf,
  blockRelabellings,
  floatCentre,
  inverseIndices,
  inversePermutation,
  isAllowedCoordinatePermutation,
  isBijection,
  MAX_ENTRYWISE_COMPACT_K,
  permuteDense,
  relabelCompact,
  relabellingIndices,
  squaredDistanceDense,
  squaredDistanceUnderPermutation,
  type Centre,
  type IndexPermutation,
} from '../../src/certify/centrePermutation.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { lossFloat, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';
import { compactSize, expandCompactPoint, type ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { expectInputError } from '../helpers/errors.js';
import { randomPermutation, rng } from '../helpers/random.js';
import { PATTERNS, randomCompactPoint } from '../symmetric/fixtures.js';

/** A random d×n matrix of 6-digit decimal strings in (−1, 1). */
function randomMatrix(d: number, n: number, r: () => number): string[][] {
  return Array.from({ length: d }, () => Array.from({ length: n }, () => (2 * r() - 1).toFixed(6)));
}

/** ‖A − B‖²_F by an independent route: each difference squared with big.js pow, summed. */
function referenceSquaredDistance(A: string[][], B: string[][]): string {
  let acc = new Big(0);
  A.forEach((row, a) => row.forEach((x, i) => (acc = acc.plus(new Big(x).minus(B[a]![i]!).pow(2)))));
  return acc.toFixed();
}

const dense = (W: string[][]): Centre => ({ form: 'dense', W });
const compact = (point: ExactCompactPoint): Centre => ({ form: 'compact', point });

describe('index permutations', () => {
  it('bijections: exactly the arrays holding each of 0…size−1 once', () => {
    expect(isBijection([2, 0, 1], 3)).toBe(true);
    expect(isBijection([], 0)).toBe(true);
    expect(isBijection([0, 0, 1], 3)).toBe(false);
    expect(isBijection([0, 1], 3)).toBe(false);
    expect(isBijection([0, 1, 3], 3)).toBe(false);
    expect(isBijection([0, 1.5, 2], 3)).toBe(false);
    expect(isBijection([0, -1, 2], 3)).toBe(false);
    expect(isBijection(['0', 1, 2], 3)).toBe(false);
    const p = [3, 1, 0, 2];
    expect(inverseIndices(p).map((j) => p[j])).toEqual([0, 1, 2, 3]);
  });

  it('π(W)[a][i] = W[c[a]][q[i]], and π⁻¹ undoes π', () => {
    const W = [
      ['a0', 'a1', 'a2'],
      ['b0', 'b1', 'b2'],
    ];
    const pi: IndexPermutation = { coordinates: [1, 0], neurons: [2, 0, 1] };
    expect(permuteDense(W, pi)).toEqual([
      ['b2', 'b0', 'b1'],
      ['a2', 'a0', 'a1'],
    ]);
    expect(permuteDense(permuteDense(W, pi), inversePermutation(pi))).toEqual(W);
  });

  it('coordinate permutations allowed for a teacher: those mapping its columns onto themselves', () => {
    const r = rng(11);
    for (let t = 0; t < 20; t++) expect(isAllowedCoordinatePermutation(identityTeacherStrings(6), randomPermutation(6, r))).toBe(true);
    const diag = [
      ['1', '0', '0'],
      ['0', '2', '0'],
      ['0', '0', '3'],
    ];
    expect(isAllowedCoordinatePermutation(diag, [0, 1, 2])).toBe(true);
    expect(isAllowedCoordinatePermutation(diag, [1, 0, 2])).toBe(false);
    // d = 3, k = 2: the columns e₀ + e₁ and e₂; swapping coordinates 0 and 1 keeps both.
    const V = [
      ['1', '0'],
      ['1.0', '0'],
      ['0', '1'],
    ];
    expect(isAllowedCoordinatePermutation(V, [1, 0, 2])).toBe(true);
    expect(isAllowedCoordinatePermutation(V, [2, 1, 0])).toBe(false);
    expect(isAllowedCoordinatePermutation(V, [0, 0, 2])).toBe(false);
  });

  it('F(π(W)) = F(W) in floating point exactly when the check allows π (the invariance it stands for)', () => {
    const r = rng(5);
    const teachers: string[][][] = [
      [
        ['1', '0', '0.5'],
        ['0', '1', '0.5'],
        ['0.3', '0.3', '0'],
        ['0', '0', '1'],
      ],
      identityTeacherStrings(4),
    ];
    let allowedSeen = 0;
    let refusedSeen = 0;
    for (const V of teachers) {
      const v = matrixToNeuronMajor(V.map((row) => row.map(Number)));
      const p = makeProblem(4, 5, v);
      for (let t = 0; t < 24; t++) {
        const W = randomMatrix(4, 5, r);
        const pi: IndexPermutation = { coordinates: randomPermutation(4, r), neurons: randomPermutation(5, r) };
        const f = lossFloat(p, floatCentre(dense(W)));
        const g = lossFloat(p, floatCentre(dense(permuteDense(W, pi))));
        if (isAllowedCoordinatePermutation(V, pi.coordinates)) {
          allowedSeen++;
          expect(Math.abs(f - g)).toBeLessThan(1e-12 * (1 + f));
        } else {
          refusedSeen++;
          expect(Math.abs(f - g)).toBeGreaterThan(1e-9);
        }
      }
    }
    expect(allowedSeen).toBeGreaterThan(24);
    expect(refusedSeen).toBeGreaterThan(5);
  });
});

describe('exact squared distances under a permutation', () => {
  it('dense: exact, and equal to an independent big.js sum', () => {
    expect(squaredDistanceDense([['0.1', '-0.2']], [['0.3', '0.1']])).toBe('0.13');
    expect(squaredDistanceDense([['1e-40']], [['0']])).toBe(new Big('1e-80').toFixed());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (d, n, seed) => {
        const r = rng(seed);
        const A = randomMatrix(d, n, r);
        const B = randomMatrix(d, n, r);
        const pi = { coordinates: randomPermutation(d, r), neurons: randomPermutation(n, r) };
        const got = squaredDistanceUnderPermutation(dense(A), dense(B), pi);
        expect(got).toBe(referenceSquaredDistance(permuteDense(A, pi), B));
        // ‖π(A) − B‖ = ‖A − π⁻¹(B)‖ (π keeps the norm).
        expect(squaredDistanceUnderPermutation(dense(B), dense(A), inversePermutation(pi))).toBe(got);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses shapes that do not match and permutations that are not bijections', () => {
    const A = [['1', '2']];
    expectInputError(() => squaredDistanceUnderPermutation(dense(A), dense([['1'], ['2']]), { coordinates: [0], neurons: [0, 1] }), /1×2 and 2×1/);
    expectInputError(() => squaredDistanceUnderPermutation(dense(A), dense(A), { coordinates: [0], neurons: [0, 0] }), /not a bijection/);
    expectInputError(() => squaredDistanceDense([['x']], [['1']]), /not a decimal/);
  });

  it('block relabellings: every size-preserving bijection of blocks, none when the sizes differ', () => {
    expect(blockRelabellings([1, 6], [6, 1])).toEqual([[1, 0]]);
    expect(blockRelabellings([2, 2, 3], [2, 3, 2]).sort()).toEqual([
      [0, 2, 1],
      [1, 2, 0],
    ]);
    expect(blockRelabellings([1, 5], [2, 4])).toEqual([]);
    expect(blockRelabellings([3], [1, 2])).toEqual([]);
  });

  it('compact points: the block-relabelling path, the entrywise path and both compact–dense paths equal the dense sums', () => {
    const r = rng(3);
    for (const p of PATTERNS) {
      const k = p.reduce((s, x) => s + x, 0);
      const a = randomCompactPoint(p, 100 + k);
      const Adense = expandCompactPoint(a);
      // b with the blocks in reverse order; every relabelling from p to it.
      const pb = [...p].reverse();
      const b = randomCompactPoint(pb, 200 + k);
      const Bdense = expandCompactPoint(b);
      const sigmas = blockRelabellings(p, pb);
      expect(sigmas.length).toBeGreaterThan(0);
      for (const sigma of sigmas) {
        const idx = relabellingIndices(p, pb, sigma);
        const pi = { coordinates: idx, neurons: idx };
        expect(blockRelabellingOf(p, pb, pi)).toEqual(sigma);
        expect(expandCompactPoint(relabelCompact(a, pb, sigma))).toEqual(permuteDense(Adense, pi));
        const want = referenceSquaredDistance(permuteDense(Adense, pi), Bdense);
        expect(squaredDistanceUnderPermutation(compact(a), compact(b), pi)).toBe(want);
        expect(squaredDistanceUnderPermutation(compact(a), dense(Bdense), pi)).toBe(want);
        expect(squaredDistanceUnderPermutation(dense(Adense), compact(b), pi)).toBe(want);
      }
      // A permutation that mixes blocks: entrywise, still exact.
      const mixed = { coordinates: randomPermutation(k, r), neurons: randomPermutation(k, r) };
      const want = referenceSquaredDistance(permuteDense(Adense, mixed), Bdense);
      expect(squaredDistanceUnderPermutation(compact(a), compact(b), mixed)).toBe(want);
      expect(squaredDistanceUnderPermutation(compact(a), dense(Bdense), mixed)).toBe(want);
      expect(squaredDistanceUnderPermutation(dense(Adense), compact(b), mixed)).toBe(want);
    }
  });

  it('a relabelling within blocks too (any order inside each block) is still a block relabelling', () => {
    const p = [2, 3];
    const pi = { coordinates: [1, 0, 4, 2, 3], neurons: [1, 0, 4, 2, 3] };
    expect(blockRelabellingOf(p, p, pi)).toEqual([0, 1]);
    expect(blockRelabellingOf(p, p, { coordinates: [1, 0, 4, 2, 3], neurons: [0, 1, 4, 2, 3] })).toBeUndefined();
    expect(blockRelabellingOf(p, p, { coordinates: [2, 0, 4, 1, 3], neurons: [2, 0, 4, 1, 3] })).toBeUndefined();
  });

  it('two compact points at k = 200 000: a block relabelling costs O(k), never k² (no dense path is taken)', () => {
    const p = [1, 199_999];
    const pb = [199_999, 1];
    const a = randomCompactPoint(p, 1);
    const b = relabelCompact(a, pb, [1, 0]);
    const idx = relabellingIndices(p, pb, [1, 0]);
    expect(compactSize(b)).toBe(200_000);
    const t0 = performance.now();
    expect(squaredDistanceUnderPermutation(compact(a), compact(b), { coordinates: idx, neurons: idx })).toBe('0');
    expect(performance.now() - t0).toBeLessThan(5000);
    // A permutation that is not a block relabelling is refused above MAX_ENTRYWISE_COMPACT_K.
    const swapped = [...idx];
    [swapped[0], swapped[199_999]] = [swapped[199_999]!, swapped[0]!];
    expect(200_000).toBeGreaterThan(MAX_ENTRYWISE_COMPACT_K);
    expectInputError(() => squaredDistanceUnderPermutation(compact(a), compact(b), { coordinates: swapped, neurons: swapped }), /block relabelling/);
  });
});
