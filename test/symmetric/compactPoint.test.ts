import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { expandCompactForm } from '../../src/io/compactForm.js';
import {
  compactPointOfCandidate,
  expandCompactPoint,
  isCompactTeacherPermutation,
  normaliseCompactPoint,
  sqrtUpper,
  squaredDistanceCompact,
  splitCompactBlock,
  squaredDistanceToDense,
  validateCompactPoint,
} from '../../src/symmetric/compactPoint.js';
import { certifyCompact } from '../../src/symmetric/certifyCompact.js';
import { isTeacherPermutation } from '../../src/certify/teacherPermutation.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { expectInputError } from '../helpers/errors.js';
import { compactMinimum28, havePickles, PATTERNS, PICKLES, randomCompactPoint } from './fixtures.js';

function denseSquaredDistance(A: string[][], B: string[][]): string {
  let acc = new Big(0);
  A.forEach((row, r) => row.forEach((x, c) => (acc = acc.plus(new Big(x).minus(B[r]![c]!).pow(2)))));
  return acc.toFixed();
}

describe('compact points', () => {
  it('expand like expandCompactForm (the §6 reader) does', () => {
    for (const p of PATTERNS) {
      const pt = randomCompactPoint(p, 7);
      const num = expandCompactForm(pt.vals.map((r) => r.map(Number)), p);
      expect(expandCompactPoint(pt).map((r) => r.map(Number))).toEqual(num);
    }
  });

  it('reject malformed input with one-line InputErrors', () => {
    expectInputError(() => validateCompactPoint({ p: [], vals: [] }), /empty/);
    expectInputError(() => validateCompactPoint({ p: [2, 0], vals: [['1', '0', '0'], ['1', '0', '0']] }), /p\[1\] = 0/);
    expectInputError(() => validateCompactPoint({ p: [2], vals: [['1', '0'], ['1', '0']] }), /2 rows but p has 1 block/);
    expectInputError(() => validateCompactPoint({ p: [2], vals: [['1']] }), /row 0 of vals has 1 entries/);
    expectInputError(() => validateCompactPoint({ p: [2], vals: [['1', 'x']] }), /vals\[0\]\[1\] = "x"/);
    expectInputError(() => validateCompactPoint({ p: [2], vals: [['1', 1 as unknown as string]] }), /vals\[0\]\[1\]/);
    expectInputError(() => validateCompactPoint({ p: [2_000_000], vals: [['1', '0']] }), /exceeds/);
  });

  it('normalise the unused entry of singleton blocks to "0" and canonicalise strings', () => {
    const pt = normaliseCompactPoint({ p: [1, 2], vals: [['1.50', '0.1', '7'], ['0.2', '1', '-0.0']] });
    expect(pt.vals).toEqual([['1.5', '0.1', '0'], ['0.2', '1', '0']]);
  });

  it('distances: exact orbit-count sums equal the dense sums', () => {
    for (const p of PATTERNS) {
      const a = randomCompactPoint(p, 1);
      const b = randomCompactPoint(p, 2);
      const exact = denseSquaredDistance(expandCompactPoint(a), expandCompactPoint(b));
      expect(squaredDistanceCompact(a, b)).toBe(exact);
      expect(squaredDistanceToDense(a, expandCompactPoint(b))).toBe(exact);
    }
    // A change in one digit of one value changes the distance by exactly (orbit size)·δ².
    const a = randomCompactPoint([2, 3], 4);
    const b = { p: a.p, vals: a.vals.map((r) => [...r]) };
    b.vals[1]![2] = new Big(b.vals[1]![2]!).plus('1e-9').toFixed(); // in-block off-diagonal of block 1: 6 entries
    expect(squaredDistanceCompact(a, b)).toBe(new Big('1e-18').times(6).toFixed());
    expectInputError(() => squaredDistanceCompact(a, randomCompactPoint([3, 2], 4)), /different block sizes/);
  });

  it('sqrtUpper is an upper bound with few digits', () => {
    for (const x of ['2', '1e-40', '0', '123456.789']) {
      const r = sqrtUpper(x);
      expect(new Big(r).pow(2).gte(new Big(x))).toBe(true);
      expect(new Big(r).pow(2).lte(new Big(x).times('1.00001').plus('1e-300'))).toBe(true);
    }
  });

  it('recognises exactly the permutation matrices (global minima), like the dense check', () => {
    const cases = [
      { p: [4], vals: [['1', '0']] },
      { p: [1, 1], vals: [['0', '1', '0'], ['1', '0', '0']] },
      { p: [1, 1], vals: [['1', '1', '0'], ['0', '0', '0']] },
      { p: [2, 1], vals: [['1', '0', '0'], ['0', '1', '0']] },
      { p: [2, 1], vals: [['1', '0', '0'], ['0', '1.0000000001', '0']] },
      { p: [2], vals: [['0', '1']] },
      { p: [3], vals: [['0', '1']] },
    ];
    for (const pt of cases) {
      const W = expandCompactPoint(pt);
      const k = W.length;
      expect(isCompactTeacherPermutation(pt)).toBe(isTeacherPermutation(W, identityTeacherStrings(k), k, k));
    }
    expect(isCompactTeacherPermutation(cases[0]!)).toBe(true);
    expect(isCompactTeacherPermutation(cases[5]!)).toBe(true);
    expect(isCompactTeacherPermutation(cases[6]!)).toBe(false);
  });

  it.skipIf(!havePickles)('stored 2021 records: the compact point expands to the stored dense point exactly', () => {
    for (const c of loadCandidates(`${PICKLES}/Processed minima k=12.p`)) {
      const pt = compactPointOfCandidate(c)!;
      expect(squaredDistanceToDense(pt, c.W)).toBe('0');
    }
  });

  it('splitCompactBlock writes the same W through a subgroup (every pattern, every split)', () => {
    for (const [q, p] of PATTERNS.entries()) {
      const pt = randomCompactPoint(p, 70 + q);
      p.forEach((size, b) => {
        for (let a = 1; a < size; a++) {
          const split = splitCompactBlock(pt, b, [a, size - a]);
          expect(split.p).toEqual([...p.slice(0, b), a, size - a, ...p.slice(b + 1)]);
          validateCompactPoint(split);
          expect(expandCompactPoint(split)).toEqual(expandCompactPoint(normaliseCompactPoint(pt)));
        }
      });
    }
    expectInputError(() => splitCompactBlock({ p: [3], vals: [['1', '0']] }, 0, [1, 1]), /adding up to p\[0\] = 3/);
  });

  it('the same minimum certified through a subgroup: same verdict and μ, overlapping loss enclosures', () => {
    const pt = compactMinimum28();
    const a = certifyCompact(pt);
    const b = certifyCompact(splitCompactBlock(pt, 1, [3, 5]));
    expect(b.types.length).toBeGreaterThan(a.types.length);
    expect([b.verdict, b.mu]).toEqual([a.verdict, a.mu]);
    expect(new Big(a.lossLower!).lte(b.lossUpper!) && new Big(b.lossLower!).lte(a.lossUpper!)).toBe(true);
  });
});

