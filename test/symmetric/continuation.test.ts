import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import fc from 'fast-check';
import { blockSizesOnPath, ContinuationStop, continueFamily, continueToBlockSizes } from '../../src/symmetric/continuation.js';
import { polishCompact } from '../../src/symmetric/polishCompact.js';
import { squaredDistanceCompact } from '../../src/symmetric/compactPoint.js';
import { expectInputError } from '../helpers/errors.js';
import { havePickles, storedCompactPoints } from './fixtures.js';

describe('continuation of a symmetric family in k', () => {
  it.skipIf(!havePickles)('takes the stored p = [1, 9] minimum of k = 10 to the stored p = [1, 19] minimum of k = 20', () => {
    const start = storedCompactPoints(10).find((r) => r.pt.p.join() === '1,9')!.pt;
    const stored20 = storedCompactPoints(20).find((r) => r.pt.p.join() === '1,19')!.pt;
    const seen: number[] = [];
    const members = continueFamily(start, { block: 1, targetK: 20, onStep: (m) => seen.push(m.k) });
    expect(seen).toEqual(members.map((m) => m.k));
    expect(seen[0]).toBe(10);
    expect(seen[seen.length - 1]).toBe(20);
    for (const m of members) expect(m.gradNorm).toBeLessThan(1e-22);
    // The stored record has ~10 correct digits: the continued member is within 1e-9 of it.
    expect(new Big(squaredDistanceCompact(members[members.length - 1]!.point, stored20)).lt('1e-18')).toBe(true);
  });

  it.skipIf(!havePickles)('follows the same family back down: from the stored k = 20 minimum to the stored k = 10 one', () => {
    const start = storedCompactPoints(20).find((r) => r.pt.p.join() === '1,19')!.pt;
    const stored10 = storedCompactPoints(10).find((r) => r.pt.p.join() === '1,9')!.pt;
    const members = continueFamily(start, { block: 1, targetK: 10 });
    expect(members.map((m) => m.k)).toEqual([...members.map((m) => m.k)].sort((a, b) => b - a));
    expect(members[members.length - 1]!.point.p).toEqual([1, 9]);
    expect(new Big(squaredDistanceCompact(members[members.length - 1]!.point, stored10)).lt('1e-18')).toBe(true);
  });

  it.skipIf(!havePickles)('grows two blocks at once along a straight path of block sizes', () => {
    const start = storedCompactPoints(12).find((r) => r.pt.p.join() === '6,6')!.pt;
    const seen: number[][] = [];
    const members = continueToBlockSizes(start, [9, 9], { onStep: (m) => seen.push(m.point.p) });
    expect(seen[seen.length - 1]).toEqual([9, 9]);
    for (const m of members) {
      expect(m.gradNorm).toBeLessThan(1e-22);
      expect(Math.abs(m.point.p[0]! - m.point.p[1]!)).toBeLessThanOrEqual(1); // the path keeps the ratio 1 : 1
    }
  });

  it.skipIf(!havePickles)('never jumps branches: from the stored [6, 1, 12] (k = 19), Newton at k = 18 lands on a [7, 11]-symmetric point, so the family stops', () => {
    const start = storedCompactPoints(19).find((r) => r.pt.p.join() === '6,1,12')!.pt;
    // Newton alone from the k = 19 values at p = [6, 1, 11] converges, but to a point whose singleton block
    // behaves like block 0 (vals[0][0] = vals[1][1], vals[0][1] = vals[1][0]): another family.
    const jumped = polishCompact({ p: [6, 1, 11], vals: start.vals }, { precision: 30, maxSteps: 40 });
    expect(jumped.gradNorms[jumped.gradNorms.length - 1]!).toBeLessThan(1e-22);
    const v = jumped.centre.vals.map((row) => row.map(Number));
    expect(Math.abs(v[0]![0]! - v[1]![1]!)).toBeLessThan(1e-12);
    expect(Math.abs(v[0]![1]! - v[1]![0]!)).toBeLessThan(1e-12);
    let stop: ContinuationStop | undefined;
    try {
      continueFamily(start, { block: 2, targetK: 18 });
    } catch (err) {
      stop = err as ContinuationStop;
    }
    expect(stop).toBeInstanceOf(ContinuationStop);
    expect([stop!.failedK, stop!.members.map((m) => m.k)]).toEqual([18, [19]]);
    // Upwards the same branch continues to the stored k = 20 record.
    const up = continueFamily(start, { block: 2, targetK: 20 });
    // (near this fold the stored record is ~1e-7 from the critical point, so compare with the polished record)
    const stored20 = polishCompact(storedCompactPoints(20).find((r) => r.pt.p.join() === '6,1,13')!.pt, { precision: 30 }).centre;
    expect(new Big(squaredDistanceCompact(up[up.length - 1]!.point, stored20)).lt('1e-36')).toBe(true);
  });

  it('blockSizesOnPath: Σp = k, sizes between the ends, monotone in k, exact at both ends, within max(1, m − 1) of the straight line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (p0, raw, grow) => {
          // every block moves in the direction of k (grow: p1 ≥ p0; shrink: 1 ≤ p1 ≤ p0)
          const p1 = p0.map((x, i) => (grow ? x + raw[i]! : Math.max(1, x - (raw[i]! % x))));
          const k0 = p0.reduce((a, b) => a + b, 0);
          const k1 = p1.reduce((a, b) => a + b, 0);
          expect(blockSizesOnPath(p0, p1, k0)).toEqual(p0);
          expect(blockSizesOnPath(p0, p1, k1)).toEqual(p1);
          if (k0 === k1) return;
          let last = p0;
          const step = Math.sign(k1 - k0);
          for (let k = k0 + step; k !== k1 + step; k += step) {
            const p = blockSizesOnPath(p0, p1, k);
            expect(p.reduce((a, b) => a + b, 0)).toBe(k);
            p.forEach((x, i) => {
              expect(x).toBeGreaterThanOrEqual(Math.min(p0[i]!, p1[i]!));
              expect(x).toBeLessThanOrEqual(Math.max(p0[i]!, p1[i]!));
              // each size moves towards its target, never back, and stays near the straight line
              expect(Math.sign(x - last[i]!) * Math.sign(p1[i]! - p0[i]!)).toBeGreaterThanOrEqual(0);
              const lag = Math.sign(k1 - k0) * (p0[i]! + ((p1[i]! - p0[i]!) * (k - k0)) / (k1 - k0) - x);
              expect(lag).toBeGreaterThan(-1 - 1e-9); // never a unit ahead of the straight line
              expect(lag).toBeLessThan(Math.max(1, p0.length - 1) + 1e-9);
            });
            expect(p.reduce((a, b, i) => a + Math.abs(b - last[i]!), 0)).toBe(1);
            last = p;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a block that does not exist, a target that empties the block, and a target of another shape', () => {
    const pt = { p: [1, 3], vals: [['-0.7', '0.2', '0'], ['0.1', '1', '-0.01']] };
    expectInputError(() => continueFamily(pt, { block: 2, targetK: 10 }), /block 2/);
    expectInputError(() => continueFamily(pt, { block: 1, targetK: 1 }), /empty/);
    expectInputError(() => continueToBlockSizes(pt, [1, 2, 3]), /not 2 positive block sizes/);
    expectInputError(() => continueToBlockSizes(pt, [0, 4]), /not 2 positive block sizes/);
    expectInputError(() => continueToBlockSizes(pt, [2, 2]), /against k/);
  });
});
