import { normUpper } from '../../src/arith/intervalNorms.js';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { decimalIntervals, type DecimalInterval } from '../../src/arith/decimalInterval.js';
import { lossAndGradientEnclosure, SmoothDomainError } from '../../src/objective/reluRigorous.js';
import { freeEntryIndex, symOf } from '../../src/symmetric/group.js';
import { gradientNormUpper, reducedLossAndGradient } from '../../src/symmetric/reducedGradient.js';
import { denseOf, PATTERNS, randomCompactPoint } from './fixtures.js';

const mid = (x: DecimalInterval): Decimal => x.lo.plus(x.hi).div(2);

describe('reduced loss and gradient', () => {
  it('contain the dense 60-digit values, for every entry, at every tested pattern (k ≤ 7)', () => {
    const ar = decimalIntervals(30);
    const oracle = decimalIntervals(60);
    for (const p of PATTERNS) {
      for (const seed of [1, 2]) {
        const pt = randomCompactPoint(p, seed);
        const red = reducedLossAndGradient(ar, pt);
        const dense = lossAndGradientEnclosure(oracle, denseOf(pt));
        expect(ar.contains(red.loss, mid(dense.loss))).toBe(true);
        expect(ar.width(red.loss).lt('1e-25')).toBe(true);
        const k = pt.p.reduce((a, b) => a + b, 0);
        for (let a = 0; a < k; a++) {
          for (let i = 0; i < k; i++) {
            const q = freeEntryIndex(p, symOf(p, a), symOf(p, i));
            expect(ar.contains(red.gradient[q]!, mid(dense.gradient[i * k + a]!))).toBe(true);
          }
        }
        // The norm bound agrees with the dense one to the working precision.
        const g = gradientNormUpper(ar, red);
        const gDense = normUpper(oracle, dense.gradient);
        expect(g.minus(gDense).abs().lte(gDense.times('1e-20'))).toBe(true);
        // …and is above a lower bound of the exact norm (from the 60-digit enclosure).
        const O = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_FLOOR });
        let low = new O(0);
        for (const x of dense.gradient) if (x.lo.gt(0) || x.hi.lt(0)) low = low.plus(O.min(x.lo.abs(), x.hi.abs()).pow(2));
        expect(g.gte(low.sqrt())).toBe(true);
      }
    }
  });

  it('a perturbed formula would be caught: the loss of a different point is not contained', () => {
    const ar = decimalIntervals(30);
    const pt = randomCompactPoint([2, 3], 5);
    const other = { p: pt.p, vals: pt.vals.map((r) => [...r]) };
    other.vals[0]![2] = new Decimal(other.vals[0]![2]!).plus('1e-8').toString();
    const dense = lossAndGradientEnclosure(decimalIntervals(60), denseOf(other));
    expect(ar.contains(reducedLossAndGradient(ar, pt).loss, mid(dense.loss))).toBe(false);
  });

  it('refuses points outside Ω (zero neuron, neuron parallel to a teacher)', () => {
    const ar = decimalIntervals(30);
    expect(() => reducedLossAndGradient(ar, { p: [1, 2], vals: [['0', '0', '0'], ['0', '1', '0.1']] })).toThrow(SmoothDomainError);
    // p = [1, 2]: neuron 0 = e_0 exactly (parallel to teacher 0).
    expect(() => reducedLossAndGradient(ar, { p: [1, 2], vals: [['1', '0.2', '0'], ['0', '1', '0.1']] })).toThrow(/parallel/);
  });
});
