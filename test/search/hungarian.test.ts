import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignmentCost, solveAssignment } from '../../src/search/hungarian.js';

function permutations(m: number): number[][] {
  if (m === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(m - 1)) for (let at = 0; at <= p.length; at++) out.push([...p.slice(0, at), m - 1, ...p.slice(at)]);
  return out;
}

describe('solveAssignment', () => {
  it('finds a minimum-cost permutation (against brute force)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((m) =>
          fc.tuple(fc.constant(m), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: m * m, maxLength: m * m })),
        ),
        ([m, entries]) => {
          const cost = Float64Array.from(entries);
          const a = solveAssignment(cost, m);
          expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: m }, (_, i) => i));
          const best = Math.min(...permutations(m).map((p) => assignmentCost(cost, m, Int32Array.from(p))));
          expect(assignmentCost(cost, m, a)).toBeLessThanOrEqual(best + 1e-9 * (1 + Math.abs(best)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('recovers a hidden permutation from a distance matrix', () => {
    const m = 30;
    const perm = Array.from({ length: m }, (_, i) => (i * 7 + 3) % m);
    const cost = new Float64Array(m * m);
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) cost[r * m + c] = (perm[r]! - c) ** 2;
    expect([...solveAssignment(cost, m)]).toEqual(perm);
  });

  it('rejects a wrongly sized cost matrix', () => {
    expect(() => solveAssignment(new Float64Array(5), 2)).toThrow(RangeError);
  });
});
