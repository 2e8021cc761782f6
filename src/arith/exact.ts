/**
 * Exact arithmetic on decimal strings (DESIGN.md §4, "Exact checks"), for the final
 * inequalities of a certificate. big.js stores a number as its full list of decimal digits and
 * performs +, −, × and comparison on those digits without any rounding (only ÷, sqrt and pow
 * round, and they are not used here), so every result below is the exact real result.
 * A dedicated big.js constructor in strict mode refuses JavaScript numbers, so a double can never
 * slip in through an implicit, inexact conversion.
 */
import Big from 'big.js';

const ExactBig = Big();
ExactBig.strict = true;

/** Largest accepted |exponent| in an input string (big.js's recommended limit; keeps outputs bounded). */
const MAX_EXPONENT = 1_000_000;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE]([+-]?\d+))?$/;

/**
 * Whether s is a finite decimal number such as "12", "-0.5", ".5", "1.", "+3", "-1.25e-7",
 * "6.02E+23" (exponent magnitude at most 1e6). Rejects "", "NaN", "Infinity", "0x1", spaces.
 */
export function isDecimalString(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = DECIMAL.exec(s);
  if (m === null) return false;
  return m[4] === undefined || Math.abs(Number(m[4])) <= MAX_EXPONENT;
}

function parse(s: string): Big {
  if (!isDecimalString(s)) throw new RangeError(`exact: not a decimal number: ${JSON.stringify(s)}`);
  return new ExactBig(s.charAt(0) === '+' ? s.slice(1) : s);
}

/** Plain decimal notation (no exponent), "0" for zero of either sign. */
function plain(x: Big): string {
  return x.toFixed();
}

/** Sign of a − b, exactly. */
export function exactCompare(a: string, b: string): -1 | 0 | 1 {
  return parse(a).cmp(parse(b));
}

/** a < b exactly. */
export function exactLess(a: string, b: string): boolean {
  return exactCompare(a, b) < 0;
}

/** a ≤ b exactly. */
export function exactLessOrEqual(a: string, b: string): boolean {
  return exactCompare(a, b) <= 0;
}

/** a + b exactly, in plain decimal notation. */
export function exactAdd(a: string, b: string): string {
  return plain(parse(a).plus(parse(b)));
}

/** a − b exactly, in plain decimal notation. */
export function exactSub(a: string, b: string): string {
  return plain(parse(a).minus(parse(b)));
}

/** a · b exactly, in plain decimal notation. */
export function exactMul(a: string, b: string): string {
  return plain(parse(a).times(parse(b)));
}
