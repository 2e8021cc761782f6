/**
 * detectSymmetry: relabelled symmetric points are found with their block sizes and a compact point
 * that reproduces them; points that are not near a G-fixed point (for any G with a block of size
 * ≥ 2) are left alone, so the dense path certifies them as given.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { compactEntry, compactSize, expandCompactPoint, type ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { detectSymmetry, squaredDistanceToPermutedDense } from '../../src/symmetric/detectSymmetry.js';
import { rng } from '../helpers/random.js';
import { compactMinimum28, PATTERNS, randomCompactPoint } from './fixtures.js';

function shuffled(k: number, r: () => number): number[] {
  const a = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** W[rows[r]][cols[c]] = X[r][c] + noise: the compact point with rows and columns relabelled independently. */
function relabelled(pt: ExactCompactPoint, seed: number, noise: number): { W: string[][]; rows: number[]; cols: number[] } {
  const r = rng(seed);
  const k = compactSize(pt);
  const X = expandCompactPoint(pt);
  const rows = shuffled(k, r);
  const cols = shuffled(k, r);
  const W = Array.from({ length: k }, () => new Array<string>(k).fill('0'));
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) W[rows[a]!]![cols[b]!] = String(Number(X[a]![b]!) + noise * (r() - 0.5));
  return { W, rows, cols };
}

describe('detectSymmetry', () => {
  it('finds the blocks of relabelled points of every pattern (rows and columns shuffled independently, noise 1e-10)', () => {
    PATTERNS.filter((p) => p.some((s) => s > 1)).forEach((p, q) => {
      const pt = randomCompactPoint(p, 100 + q);
      const { W } = relabelled(pt, 7 + q, 1e-10);
      const found = detectSymmetry(W);
      expect(found, JSON.stringify(p)).toBeDefined();
      expect([...found!.point.p].sort()).toEqual([...p].sort());
      expect(found!.maxDeviation).toBeLessThan(1e-9);
      // The detected compact point, relabelled back, is within the noise of W (exact distance).
      const d2 = new Big(squaredDistanceToPermutedDense(found!.point, found!.rowOrder, found!.colOrder, W));
      expect(d2.lt(compactSize(pt) ** 2 * 1e-18)).toBe(true);
      // Every entry of W is its compact entry at the detected positions.
      const k = compactSize(pt);
      for (let r = 0; r < k; r++) {
        for (let c = 0; c < k; c++) {
          expect(Math.abs(Number(W[found!.rowOrder[r]!]![found!.colOrder[c]!]!) - Number(compactEntry(found!.point, r, c)))).toBeLessThan(1e-9);
        }
      }
    });
  });

  it('recovers the p = [2, 8] minimum (a block of size 2 may come back with its two values swapped: the same W up to a column swap)', () => {
    const pt = compactMinimum28();
    const found = detectSymmetry(relabelled(pt, 3, 1e-12).W)!;
    expect(found.point.p).toEqual([8, 2]);
    const close = (x: string, y: string) => Math.abs(Number(x) - Number(y)) < 1e-11;
    expect(close(found.point.vals[0]![0]!, pt.vals[1]![1]!) && close(found.point.vals[0]![2]!, pt.vals[1]![2]!)).toBe(true);
    const pair = [found.point.vals[1]![1]!, found.point.vals[1]![2]!].map(Number).sort((x, y) => x - y);
    const orig = [pt.vals[0]![0]!, pt.vals[0]![2]!].map(Number).sort((x, y) => x - y);
    expect(Math.abs(pair[0]! - orig[0]!) + Math.abs(pair[1]! - orig[1]!)).toBeLessThan(1e-11);
  });

  it('leaves a point alone when it is not near a G-fixed point; one moved entry leaves only a smaller group', () => {
    const r = rng(5);
    const random = Array.from({ length: 9 }, () => Array.from({ length: 9 }, () => String(r() - 0.5)));
    expect(detectSymmetry(random)).toBeUndefined();
    // The symmetric point with every entry moved by up to 1e-3 (far above the tolerance): no symmetry.
    const noisy = relabelled(compactMinimum28(), 4, 2e-3).W;
    expect(detectSymmetry(noisy)).toBeUndefined();
    // ... unless the tolerance is above the noise (the tolerance is what decides).
    expect(detectSymmetry(noisy, { relativeTolerance: 1e-2 })).toBeDefined();
    // One entry moved: the point is still fixed by the subgroup that keeps its row and column apart.
    const { W } = relabelled(compactMinimum28(), 4, 0);
    W[2]![5] = String(Number(W[2]![5]!) + 1e-3);
    const found = detectSymmetry(W)!;
    expect(found.point.p.length).toBeGreaterThan(2);
    expect(found.point.p.reduce((x, y) => x + y, 0)).toBe(10);
    expect(found.maxDeviation).toBeLessThan(1e-12);
  });

  it('refuses non-square points, only singletons, and more blocks than maxBlocks', () => {
    expect(detectSymmetry([['1', '0', '0'], ['0', '1', '0']])).toBeUndefined();
    const pt = randomCompactPoint([1, 1, 4], 9);
    const { W } = relabelled(pt, 2, 0);
    expect(detectSymmetry(W)).toBeDefined();
    expect(detectSymmetry(W, { maxBlocks: 2 })).toBeUndefined();
    const singletons = randomCompactPoint([1, 1, 1, 1], 11);
    expect(detectSymmetry(relabelled(singletons, 1, 0).W)).toBeUndefined();
  });
});
