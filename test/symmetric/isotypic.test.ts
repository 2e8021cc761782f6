import { describe, expect, it } from 'vitest';
import { HessianOrbits } from '../../src/symmetric/group.js';
import { blockMatrixFloat, dimensionCheck, isotypicBlocks, isotypicCopies, isotypicTypes } from '../../src/symmetric/isotypic.js';
import { blockSpectrumFloat } from '../../src/symmetric/blockSpectrum.js';
import { orbitHessianEnclosure } from '../../src/symmetric/orbitHessian.js';
import type { ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { denseFloatHessian, denseSpectrum, havePickles, randomCompactPoint, storedCompactPoints } from './fixtures.js';

/** Every composition p of n ≤ maxSum into 1…3 parts. */
function compositions(maxSum: number): number[][] {
  const out: number[][] = [];
  for (let a = 1; a <= maxSum; a++) {
    out.push([a]);
    for (let b = 1; a + b <= maxSum; b++) {
      out.push([a, b]);
      for (let c = 1; a + b + c <= maxSum; c++) out.push([a, b, c]);
    }
  }
  return out;
}

function expectSameSpectrum(pt: ExactCompactPoint): void {
  const dense = denseSpectrum(pt);
  const spec = blockSpectrumFloat(pt);
  expect(spec.dimensionCheck.ok).toBe(true);
  const union = spec.types.flatMap((t) => t.eigenvalues.flatMap((x) => new Array<number>(t.dimension).fill(x))).sort((a, b) => a - b);
  expect(union).toHaveLength(dense.length);
  const scale = Math.max(1, ...dense.map(Math.abs));
  union.forEach((x, q) => expect(Math.abs(x - dense[q]!)).toBeLessThan(1e-10 * scale));
  expect(spec.lambdaMin).toBe(union[0]);
}

describe('isotypic decomposition', () => {
  it('the table holds for every p with m ≤ 3 and Σp ≤ 40: exact Gram ranks = multiplicities, Σ dim × mult = k²', () => {
    let checked = 0;
    for (const p of compositions(40)) {
      const k = p.reduce((a, b) => a + b, 0);
      const copies = isotypicCopies(p);
      for (const c of copies) expect([c.label, c.copies.length]).toEqual([c.label, c.multiplicity]);
      expect(dimensionCheck(copies.map((c) => ({ dimension: c.dimension, multiplicity: c.copies.length })), k).ok).toBe(true);
      checked++;
    }
    expect(checked).toBe(40 + 780 + 9880);
  });

  it('the dimension check fails when a type is missing (it can catch an incomplete table)', () => {
    const types = isotypicTypes([2, 5]).filter((t) => t.kind !== 'two-row');
    expect(dimensionCheck(types, 7).ok).toBe(false);
  });

  it('drops exactly the dependent copies of small blocks (p_r = 2: the in-block column copy)', () => {
    const std = isotypicCopies([2, 3]).find((c) => c.label === 'std(0)')!;
    expect(std.dropped).toEqual(['col(0,0)']);
    expect(isotypicCopies([3, 3]).every((c) => c.dropped.length === 0)).toBe(true);
  });

  it('the trivial block is the Hessian in the free values of the compact form (Γ = orbit sizes)', () => {
    const pt = randomCompactPoint([2, 3], 3);
    const k = 5;
    const orbits = new HessianOrbits(pt.p);
    const trivial = isotypicBlocks(orbits)[0]!;
    // Free entries (0,0) (0,1) (0,2) (1,0) (1,1) (1,2): sizes 2, 2·3, 2·1, 3·2, 3, 3·2; disjoint supports.
    expect(trivial.gram).toEqual([2n, 6n, 2n, 6n, 3n, 6n].map((d, i) => [0, 1, 2, 3, 4, 5].map((j) => (i === j ? d : 0n))));
    const B = blockMatrixFloat(trivial, orbitHessianEnclosure(pt, '0').midpoints());
    // φ_αᵀ H φ_β with the dense float Hessian and dense orbit indicators.
    const H = denseFloatHessian(pt);
    const N = k * k;
    const block = (r: number): number => (r < 2 ? 0 : 1);
    const free = (a: number, i: number): number => {
      const col = block(a) !== block(i) ? block(i) : a === i ? block(a) : 2;
      return block(a) * 3 + col;
    };
    for (let x = 0; x < 6; x++) {
      for (let y = 0; y < 6; y++) {
        let s = 0;
        for (let p1 = 0; p1 < N; p1++) {
          if (free(p1 % k, Math.floor(p1 / k)) !== x) continue;
          for (let p2 = 0; p2 < N; p2++) if (free(p2 % k, Math.floor(p2 / k)) === y) s += H[p1 * N + p2]!;
        }
        expect(Math.abs(B[x]![y]! - s)).toBeLessThan(1e-11);
      }
    }
  });

  it('block spectra = dense spectrum (random points, every shape of m ≤ 3, k ≤ 8)', () => {
    for (const p of [[1, 5], [2, 4], [1, 2, 3], [3, 3], [1, 1, 4], [6], [2, 2, 2], [4, 1, 3]]) {
      expectSameSpectrum(randomCompactPoint(p, 21));
    }
  });

  it.skipIf(!havePickles)('block spectra = dense spectrum at the stored 2021 minima (k ≤ 12, and the m = 3 records of k = 19, 20)', () => {
    let n = 0;
    for (let k = 7; k <= 12; k++) {
      for (const { pt } of storedCompactPoints(k)) {
        expectSameSpectrum(pt);
        n++;
      }
    }
    for (const k of [19, 20]) {
      for (const { pt } of storedCompactPoints(k).filter(({ pt }) => pt.p.length === 3)) {
        expectSameSpectrum(pt);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(15);
  });

  it.skipIf(!havePickles)('the block λ_min reproduces the stored min_eig of every record of k = 13, 25, 38, 50, 60', () => {
    for (const k of [13, 25, 38, 50, 60]) {
      for (const { id, pt, minEig } of storedCompactPoints(k)) {
        const lambda = blockSpectrumFloat(pt).lambdaMin;
        expect([id, Math.abs(lambda - minEig) < 1e-6 * Math.max(1, Math.abs(minEig))]).toEqual([id, true]);
      }
    }
  });
});
