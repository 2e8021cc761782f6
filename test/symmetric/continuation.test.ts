import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { continueFamily } from '../../src/symmetric/continuation.js';
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

  it('rejects a block that does not exist and a target below the start', () => {
    const pt = { p: [1, 3], vals: [['-0.7', '0.2', '0'], ['0.1', '1', '-0.01']] };
    expectInputError(() => continueFamily(pt, { block: 2, targetK: 10 }), /block 2/);
    expectInputError(() => continueFamily(pt, { block: 1, targetK: 3 }), /below/);
  });
});
