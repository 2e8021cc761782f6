import { describe, expect, it } from 'vitest';
import { hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { hessianBoxEnclosure, SmoothDomainError } from '../../src/objective/reluRigorous.js';
import { compactSize, expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { orbitHessianEnclosure } from '../../src/symmetric/orbitHessian.js';
import { rng } from '../helpers/random.js';
import { denseFloatHessian, denseOf, forEveryEntry, PATTERNS, randomCompactPoint } from './fixtures.js';

/** Neuron-major doubles of W̃ + a uniform random perturbation in [−ρ, ρ] per entry. */
function pointInBox(W: string[][], rho: number, seed: number): Float64Array {
  const k = W.length;
  const r = rng(seed);
  const w = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let i = 0; i < k; i++) w[i * k + a] = Number(W[a]![i]!) + rho * (2 * r() - 1);
  return w;
}

describe('orbit Hessian enclosure', () => {
  it('at ρ = 0 holds the dense float Hessian of the centre (to float accuracy) and meets the dense enclosure', () => {
    for (const p of PATTERNS) {
      const pt = randomCompactPoint(p, 11);
      const k = compactSize(pt);
      const h = orbitHessianEnclosure(pt, '0');
      const H = denseFloatHessian(pt);
      const box = hessianBoxEnclosure(denseOf(pt), '0');
      forEveryEntry(k, (a, i, b, j, q) => {
        const e = h.entry(a, i, b, j);
        expect(e.lo.toNumber()).toBeLessThanOrEqual(H[q]! + 1e-12);
        expect(e.hi.toNumber()).toBeGreaterThanOrEqual(H[q]! - 1e-12);
        expect(e.hi.minus(e.lo).toNumber()).toBeLessThan(1e-18);
        expect(e.lo.toNumber()).toBeLessThanOrEqual(box.hi[q]!);
        expect(e.hi.toNumber()).toBeGreaterThanOrEqual(box.lo[q]!);
      });
    }
  });

  it('over a box of half-width 1e-3 holds the float Hessian at random points of the box', () => {
    const rho = 1e-3;
    for (const p of [[1, 5], [1, 2, 3], [3, 3]]) {
      const pt = randomCompactPoint(p, 12);
      const k = compactSize(pt);
      const N = k * k;
      const h = orbitHessianEnclosure(pt, String(rho));
      const W = expandCompactPoint(pt);
      const problem = makeProblem(k, k, identityTeacher(k));
      let widest = 0;
      for (let s = 0; s < 4; s++) {
        const H = hessianFloat(problem, pointInBox(W, rho, 100 + s));
        forEveryEntry(k, (a, i, b, j, q) => {
          const e = h.entry(a, i, b, j);
          expect(e.lo.toNumber()).toBeLessThanOrEqual(H[q]! + 1e-12);
          expect(e.hi.toNumber()).toBeGreaterThanOrEqual(H[q]! - 1e-12);
          widest = Math.max(widest, e.hi.minus(e.lo).toNumber());
        });
      }
      // Not vacuous: the widths are of the order of ρ times the Hessian's Lipschitz constant.
      expect(widest).toBeGreaterThan(1e-5);
      expect(widest).toBeLessThan(0.5);
    }
  });

  it('meets the dense box enclosure of the same box at every entry', () => {
    const pt = randomCompactPoint([2, 1, 3], 13);
    const k = compactSize(pt);
    const N = k * k;
    const h = orbitHessianEnclosure(pt, '0.0001');
    const box = hessianBoxEnclosure(denseOf(pt), '0.0001');
    forEveryEntry(k, (a, i, b, j, q) => {
      const e = h.entry(a, i, b, j);
      expect(e.lo.toNumber()).toBeLessThanOrEqual(box.hi[q]!);
      expect(e.hi.toNumber()).toBeGreaterThanOrEqual(box.lo[q]!);
    });
  });

  it('refuses a box that reaches a parallel configuration', () => {
    const pt = { p: [1, 2], vals: [['1', '0.05', '0'], ['0.05', '1', '0.1']] };
    expect(() => orbitHessianEnclosure(pt, '0')).not.toThrow();
    expect(() => orbitHessianEnclosure(pt, '0.1')).toThrow(SmoothDomainError);
  });
});
