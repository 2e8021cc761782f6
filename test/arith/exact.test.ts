import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  exactAdd,
  exactCompare,
  exactLess,
  exactLessOrEqual,
  exactMul,
  exactSub,
  isDecimalString,
} from '../../src/arith/exact.js';

// Independent reference: a decimal string as a scaled BigInt (value = m · 10^e).
function toScaled(s: string): { m: bigint; e: number } {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)!;
  const intPart = match[2] ?? '';
  const frac = match[3] ?? '';
  const m = BigInt((match[1] === '-' ? '-' : '') + ((intPart + frac).replace(/^0+(?=\d)/, '') || '0'));
  return { m, e: Number(match[4] ?? '0') - frac.length };
}
function align(a: string, b: string): [bigint, bigint, number] {
  const x = toScaled(a);
  const y = toScaled(b);
  const e = Math.min(x.e, y.e);
  return [x.m * 10n ** BigInt(x.e - e), y.m * 10n ** BigInt(y.e - e), e];
}
function refCompare(a: string, b: string): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const digits = fc.stringMatching(/^[0-9]{1,70}$/);
const decimal = fc
  .tuple(fc.constantFrom('', '-', '+'), digits, fc.option(digits, { nil: undefined }), fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }))
  .map(([sign, i, f, e]) => `${sign}${i}${f === undefined ? '' : `.${f}`}${e === undefined ? '' : `e${e}`}`);

describe('isDecimalString', () => {
  it('accepts decimal numbers and rejects everything else', () => {
    for (const s of ['0', '-0', '12', '-1.25e-7', '6.02E+23', '.5', '1.', '+3', '1e-400', '123456789012345678901234567890']) {
      expect(isDecimalString(s)).toBe(true);
    }
    for (const s of ['', 'NaN', 'Infinity', '-Infinity', '0x1', '1e', 'e5', '.', '-', '1.2.3', ' 1', '1 ', '1,5', '0b1', '1e1000001', '--1']) {
      expect(isDecimalString(s)).toBe(false);
    }
  });
});

describe('exact comparisons', () => {
  it('match a BigInt reference, including values differing in the 60th digit', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(exactCompare(a, b)).toBe(refCompare(a, b));
        expect(exactLess(a, b)).toBe(refCompare(a, b) < 0);
        expect(exactLessOrEqual(a, b)).toBe(refCompare(a, b) <= 0);
      }),
      { numRuns: 500 },
    );
    const a = '0.' + '3'.repeat(59) + '4';
    const b = '0.' + '3'.repeat(59) + '5';
    expect(exactCompare(a, b)).toBe(-1);
    expect(exactCompare(b, a)).toBe(1);
    expect(exactLess(`${a}e-300`, `${b}e-300`)).toBe(true);
    expect(exactLessOrEqual(`${b}e300`, `${a}e300`)).toBe(false);
    expect(exactCompare('-0', '0')).toBe(0);
    expect(exactCompare('1e-400', '0')).toBe(1);
    expect(exactCompare('1.0000', '1')).toBe(0);
  });

  it('compare values no double can separate', () => {
    // 1 and 1 + 1e-30 are the same double
    expect(exactLess('1', '1.000000000000000000000000000001')).toBe(true);
    expect(exactCompare('1e500', '1e499')).toBe(1);
  });

  it('reject non-decimal strings and numbers', () => {
    expect(() => exactCompare('NaN', '1')).toThrow(RangeError);
    expect(() => exactAdd('1', '0x1')).toThrow(RangeError);
    expect(() => exactMul('', '1')).toThrow(RangeError);
    expect(() => exactSub(1 as unknown as string, '1')).toThrow(RangeError);
  });
});

describe('exact + − ×', () => {
  it('are exact (checked against the BigInt reference)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const [x, y, e] = align(a, b);
        const scaledPow = (v: bigint, ee: number) => `${v}e${ee}`;
        expect(exactCompare(exactAdd(a, b), scaledPow(x + y, e))).toBe(0);
        expect(exactCompare(exactSub(a, b), scaledPow(x - y, e))).toBe(0);
        const p = toScaled(a);
        const q = toScaled(b);
        expect(exactCompare(exactMul(a, b), scaledPow(p.m * q.m, p.e + q.e))).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('return plain decimal strings (no exponent), even for huge and tiny values', () => {
    expect(exactAdd('1e-7', '0')).toBe('0.0000001');
    expect(exactMul('1e30', '1e30')).toBe('1' + '0'.repeat(60));
    expect(exactMul('1e-200', '1e-200')).toBe('0.' + '0'.repeat(399) + '1');
    expect(exactSub('0.1', '0.1')).toBe('0');
    expect(exactMul('-3', '0')).toBe('0');
    expect(exactAdd('1e400', '1e-400')).toBe('1' + '0'.repeat(400) + '.' + '0'.repeat(399) + '1');
    expect(exactMul('0.1', '0.1')).toBe('0.01');
    expect(exactSub('+2.5', '-1.25e1')).toBe('15');
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        for (const r of [exactAdd(a, b), exactSub(a, b), exactMul(a, b)]) {
          expect(r).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
