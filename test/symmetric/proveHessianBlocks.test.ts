import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { compactSize } from '../../src/symmetric/compactPoint.js';
import { HessianOrbits } from '../../src/symmetric/group.js';
import { isotypicBlocks } from '../../src/symmetric/isotypic.js';
import { orbitHessianEnclosure } from '../../src/symmetric/orbitHessian.js';
import { orbitMidRad, proveBlockAbove, rowCounts, rowSumBound } from '../../src/symmetric/proveHessianBlocks.js';
import { randomCompactPoint } from './fixtures.js';

describe('proof of hypothesis (ii) by blocks', () => {
  it('M ± R reproduces [lo, hi] exactly', () => {
    const h = orbitHessianEnclosure(randomCompactPoint([2, 3], 1), '0.001');
    const { M, R } = orbitMidRad(h);
    M.forEach((m, q) => {
      expect(m.minus(R[q]!).eq(new Big(h.lo[q]!.toString()))).toBe(true);
      expect(m.plus(R[q]!).eq(new Big(h.hi[q]!.toString()))).toBe(true);
    });
  });

  it('t is the dense largest row sum of R, rounded up', () => {
    for (const p of [[2, 3], [1, 2, 2], [4]]) {
      const pt = randomCompactPoint(p, 2);
      const k = compactSize(pt);
      const orbits = new HessianOrbits(p);
      const { R } = orbitMidRad(orbitHessianEnclosure(pt, '0.001', { orbits }));
      let dense = new Big(0);
      for (let a = 0; a < k; a++) {
        for (let i = 0; i < k; i++) {
          let s = new Big(0);
          for (let b = 0; b < k; b++) for (let j = 0; j < k; j++) s = s.plus(R[orbits.indexOf(a, i, b, j)]!);
          if (s.gt(dense)) dense = s;
        }
      }
      const t = new Big(rowSumBound(rowCounts(orbits), R));
      expect(t.gte(dense)).toBe(true);
      expect(t.lte(dense.times('1.00001'))).toBe(true);
    }
  });

  it('the blocks prove M − sI ≻ 0 exactly when the dense M (expanded from the orbit values) is', () => {
    for (const p of [[2, 3], [1, 2, 2], [5], [1, 4]]) {
      const pt = randomCompactPoint(p, 3);
      const k = compactSize(pt);
      const N = k * k;
      const orbits = new HessianOrbits(p);
      const blocks = isotypicBlocks(orbits);
      const { M } = orbitMidRad(orbitHessianEnclosure(pt, '0', { orbits }));
      const dense = new Matrix(N, N);
      for (let i = 0; i < k; i++)
        for (let a = 0; a < k; a++)
          for (let j = 0; j < k; j++) for (let b = 0; b < k; b++) dense.set(i * k + a, j * k + b, Number(M[orbits.indexOf(a, i, b, j)]!.toString()));
      const lambda = Math.min(...new EigenvalueDecomposition(dense, { assumeSymmetric: true }).realEigenvalues);
      const below = (lambda - 1e-9).toPrecision(17);
      const above = (lambda + 1e-9).toPrecision(17);
      expect(blocks.every((b) => proveBlockAbove(b, M, below).ok)).toBe(true);
      expect(blocks.some((b) => !proveBlockAbove(b, M, above).ok)).toBe(true);
      // Γ matters: with Γ replaced by the identity (a wrong normalisation) the verdict would change.
      const noGram = blocks.map((b) => ({ ...b, gram: b.gram.map((row, x) => row.map((_, y) => (x === y ? 1n : 0n))) }));
      const wrong = noGram.every((b) => proveBlockAbove(b, M, below).ok) && noGram.some((b) => !proveBlockAbove(b, M, above).ok);
      expect(wrong).toBe(false);
    }
  });
});
