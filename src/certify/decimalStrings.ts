/**
 * Decimal strings for certificates: exact conversions (no rounding) and directed roundings to a
 * few significant digits. Every certified number is written with `decimalString`, which keeps
 * the exact value of the Decimal it is given.
 */
import { Decimal } from 'decimal.js';

/** Parses without rounding (the decimal.js constructor never rounds) and prints without exponent limits. */
const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/** The exact value of a decimal string as a Decimal (throws on malformed input). */
export function exactDecimalOf(s: string): Decimal {
  return new Exact(s);
}

/**
 * The exact value of x as a decimal string: plain notation for moderate exponents, exponent
 * notation ("1.2345e-35") otherwise. Never rounds (toFixed/toExponential without arguments
 * print every digit).
 */
export function decimalString(x: Decimal): string {
  if (x.isZero()) return '0';
  return x.e >= -30 && x.e < 30 ? x.toFixed() : x.toExponential();
}

/** The same number as s, written canonically ("1.50" → "1.5", "-0" → "0", "1e-3" → "0.001"). */
export function normaliseDecimalString(s: string): string {
  return decimalString(new Exact(s));
}

/** The smallest number ≥ x with at most `digits` significant digits. */
export function roundUpSignificant(x: Decimal, digits: number): Decimal {
  return x.toSignificantDigits(digits, Decimal.ROUND_CEIL);
}

/** The largest number ≤ x with at most `digits` significant digits. */
export function roundDownSignificant(x: Decimal, digits: number): Decimal {
  return x.toSignificantDigits(digits, Decimal.ROUND_FLOOR);
}
