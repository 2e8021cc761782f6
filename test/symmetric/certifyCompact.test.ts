import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { ballInequalityHolds, lossLowerHolds } from '../../src/certify/lemma.js';
import { certifyCompact } from '../../src/symmetric/certifyCompact.js';
import { sqrtUpper, squaredDistanceCompact, type ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { HessianOrbits } from '../../src/symmetric/group.js';
import { isotypicBlocks } from '../../src/symmetric/isotypic.js';
import { orbitHessianEnclosure } from '../../src/symmetric/orbitHessian.js';
import { polishCompact } from '../../src/symmetric/polishCompact.js';
import { orbitMidRad, proveBlockAbove, rowCounts, rowSumBound } from '../../src/symmetric/proveHessianBlocks.js';
import { gradientNormUpper, reducedLossAndGradient } from '../../src/symmetric/reducedGradient.js';
import { expectInputError } from '../helpers/errors.js';
import { compactSaddle24, denseOf, denseSpectrum, havePickles, storedCompactPoints } from './fixtures.js';

/** The shape of p that decides which types and copies occur: each block size capped at 4, in order. */
const shape = (p: number[]): string => p.map((x) => Math.min(x, 4)).join(',');

/** One stored record per shape with k ≤ 20 (the smallest k first). */
function onePerShape(): { id: string; pt: ExactCompactPoint }[] {
  const seen = new Set<string>();
  const out: { id: string; pt: ExactCompactPoint }[] = [];
  for (let k = 7; k <= 20; k++) {
    for (const r of storedCompactPoints(k)) {
      if (seen.has(shape(r.pt.p))) continue;
      seen.add(shape(r.pt.p));
      out.push(r);
    }
  }
  return out;
}

/** Loss of the exact critical point next to stored candidates (../shared/anchors/REFERENCE-VALUES.md). */
const REFERENCE: { k: number; p: number[]; loss: string }[] = [
  { k: 7, p: [1, 6], loss: '0.02320271491356607583742785734492786969961' },
  { k: 8, p: [1, 7], loss: '0.02150803717152142124025341929534487848452' },
  { k: 9, p: [1, 8], loss: '0.02001417580851095795935745070173304006377' },
  { k: 10, p: [1, 9], loss: '0.01870219458560697254206599418968952065044' },
  { k: 10, p: [2, 8], loss: '0.03532688031892806803242348237261785811506' },
];

describe('certifyCompact', () => {
  it.skipIf(!havePickles)('agrees with the dense certificate at one stored record of every shape (k ≤ 20)', () => {
    const records = onePerShape();
    expect(records.length).toBeGreaterThanOrEqual(6);
    for (const { id, pt } of records) {
      const red = certifyCompact(pt);
      const dense = certifyCandidate(denseOf(pt));
      expect([id, red.verdict]).toEqual([id, dense.verdict]);
      expect(red.verdict).toBe('spurious-local-minimum');
      // The dense λ̃ comes from a float Hessian near the centre (inverse iteration above N = 150): float evidence.
      expect([id, Math.abs(red.lambdaFloat! - dense.lambdaFloat!) / Math.abs(dense.lambdaFloat!)]).toEqual([id, expect.closeTo(0, 5)]);
      // Same fraction of nearly the same λ̃, rounded down to 4 digits: at most one unit apart.
      expect(Math.abs(Number(red.mu) - Number(dense.mu))).toBeLessThanOrEqual(Number(dense.mu) * 1e-3);
      // Loss enclosures overlap; both centres are within their radii of one critical point.
      expect(new Big(red.lossLower!).lte(dense.lossUpper!) && new Big(dense.lossLower!).lte(red.lossUpper!)).toBe(true);
      expect(red.dimensionCheck.ok).toBe(true);
      expect(red.types.every((t) => new Big(t.lowerBound!).gte(red.mu!))).toBe(true);
      expect(Math.min(...red.types.map((t) => t.floatMin))).toBe(red.lambdaFloat);
    }
  });

  it.skipIf(!havePickles)('encloses the 40-digit reference losses of REFERENCE-VALUES.md', () => {
    const ar = decimalIntervals(40);
    for (const ref of REFERENCE) {
      const rec = storedCompactPoints(ref.k).find((r) => r.pt.p.join() === ref.p.join())!;
      const r = certifyCompact(rec.pt);
      expect(r.verdict).toBe('spurious-local-minimum');
      expect(new Big(r.lossLower!).lte(ref.loss) && new Big(ref.loss).lte(r.lossUpper!)).toBe(true);
      expect(ar.width(ar.of(r.lossLower!, r.lossUpper!)).lt('1e-30')).toBe(true);
    }
  });

  it('refuses a saddle candidate (negative block eigenvalues); the dense path proves it a saddle of index 4', () => {
    const pt = compactSaddle24();
    const dense = denseSpectrum(pt);
    expect(dense.filter((x) => x < 0)).toHaveLength(4); // dim std(0) + dim std(1) = 1 + 3
    const r = certifyCompact(pt);
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('not-positive-definite');
    expect(r.hint).toMatch(/float Morse index 4/);
    expect(r.lambdaFloat!).toBeCloseTo(Math.min(...dense), 9);
    // The dense path proves the saddle and its index (the reduced path does not certify saddles).
    const dense4 = certifyCandidate(denseOf(pt));
    expect([dense4.verdict, dense4.saddle?.morseIndex]).toEqual(['saddle', 4]);
  });

  it('agrees with the dense certificate on an m = 1 family (p = [k], negative diagonal) absent from the stored data', () => {
    for (const k of [6, 8]) {
      const pt = polishCompact({ p: [k], vals: [['-0.8', String(2 / k)]] }, { precision: 30, maxSteps: 30 }).centre;
      const red = certifyCompact(pt);
      const dense = certifyCandidate(denseOf(pt));
      expect([red.verdict, dense.verdict]).toEqual(['spurious-local-minimum', 'spurious-local-minimum']);
      expect(Math.abs(Number(red.mu) - Number(dense.mu))).toBeLessThanOrEqual(Number(dense.mu) * 1e-3);
      expect(new Big(red.lossLower!).lte(dense.lossUpper!) && new Big(dense.lossLower!).lte(red.lossUpper!)).toBe(true);
    }
  });

  it('certifies the global minimum exactly and refuses points outside Ω', () => {
    expect(certifyCompact({ p: [5], vals: [['1', '0']] }).verdict).toBe('global-minimum');
    const r = certifyCompact({ p: [2, 2], vals: [['1', '0', '0'], ['0', '1', '0.2']] });
    expect([r.verdict, r.reason]).toEqual(['refused', 'leaves-smooth-domain']);
    expectInputError(() => certifyCompact({ p: [2, 2], vals: [['1', '0', '0']] }), /1 rows but p has 2 blocks/);
  });

  it.skipIf(!havePickles)('without polishing certifies the stored point itself, with a radius of the order of its gradient', () => {
    const rec = storedCompactPoints(9)[0]!;
    const r = certifyCompact(rec.pt, { polish: false });
    expect(r.verdict).toBe('spurious-local-minimum');
    expect(r.centre).toEqual(rec.pt);
    expect(r.polish).toMatchObject({ steps: 0, distanceUpper: '0' });
    expect(Number(r.gradBound)).toBeGreaterThan(1e-12);
    expect(Number(r.radius)).toBeGreaterThan(Number(r.gradBound) / Number(r.mu) * 0.999);
    expect(Number(r.radius)).toBeLessThan(1e-7);
  });

  it.skipIf(!havePickles)('tampering: a changed digit breaks a claim that the library re-derives', () => {
    const rec = storedCompactPoints(9)[0]!;
    const r = certifyCompact(rec.pt);
    expect(r.verdict).toBe('spurious-local-minimum');
    const ar = decimalIntervals(40);
    // (i) The claimed g bounds the gradient at the certified centre, but not at a centre with one
    //     digit changed (the 12th significant digit of vals[1][1]).
    expect(gradientNormUpper(ar, reducedLossAndGradient(ar, r.centre)).lte(r.gradBound!)).toBe(true);
    const tampered = { p: r.centre.p, vals: r.centre.vals.map((row) => [...row]) };
    const x = tampered.vals[1]![1]!;
    tampered.vals[1]![1] = x.slice(0, 13) + String((Number(x[13]) + 1) % 10) + x.slice(14);
    expect(gradientNormUpper(ar, reducedLossAndGradient(ar, tampered)).gt(r.gradBound!)).toBe(true);
    // …and its distance to the stored point is no longer the certified one.
    expect(new Big(sqrtUpper(squaredDistanceCompact(tampered, rec.pt))).eq(r.polish.distanceUpper)).toBe(false);
    // (ii) The block proof holds for the certified μ and fails for μ raised to twice λ̃.
    const orbits = new HessianOrbits(r.centre.p);
    const blocks = isotypicBlocks(orbits);
    const box = orbitHessianEnclosure(r.centre, r.rho!, { orbits });
    const { M, R } = orbitMidRad(box);
    const t = rowSumBound(rowCounts(orbits), R);
    const s = (mu: string): string => new Big(mu).plus(t).toFixed();
    expect(blocks.every((b) => proveBlockAbove(b, M, s(r.mu!)).ok)).toBe(true);
    expect(blocks.every((b) => proveBlockAbove(b, M, s(String(2 * r.lambdaFloat!))).ok)).toBe(false);
    // (iii) Exact lemma checks reject a raised loss bound or a halved ρ.
    const fLo = reducedLossAndGradient(ar, r.centre).loss.lo.toFixed();
    expect(lossLowerHolds(r.lossLower!, fLo, r.mu!, r.gradBound!)).toBe(true);
    expect(lossLowerHolds(new Big(r.lossLower!).plus('1e-38').toFixed(), fLo, r.mu!, r.gradBound!)).toBe(false);
    expect(ballInequalityHolds(r.gradBound!, r.mu!, new Big(r.rho!).div(2).toFixed())).toBe(false);
  });
});
