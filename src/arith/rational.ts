/**
 * Exact rational numbers on BigInt (numerator/denominator in lowest terms, denominator > 0), for
 * the exact identities of certificates that a finite decimal cannot always express (e.g. an outgoing
 * weight that must equal a quotient exactly). +, −, ×, ÷ and comparison are exact: nothing rounds.
 *
 * Text form: a decimal string ("-1.25e-3", as isDecimalString accepts) or "p/q" with integers p and
 * q ≠ 0 ("-7/3"); `rationalString` writes a decimal when the value has one (q = 2^i·5^j), else "p/q".
 */
import { isDecimalString } from './exact.js';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den in lowest terms with den > 0 (RangeError when den = 0). */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

const FRACTION = /^([+-]?\d+)\/(\d+)$/;
const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Whether s is a decimal string or "p/q" with q ≠ 0 (integers without exponents). */
export function isRationalString(s: string): boolean {
  if (typeof s !== 'string') return false;
  const f = FRACTION.exec(s);
  if (f) return BigInt(f[2]!) !== 0n;
  return isDecimalString(s);
}

/** The exact value of a decimal string or "p/q" (RangeError for anything else). */
export function parseRational(s: string): Rational {
  const f = FRACTION.exec(s);
  if (f) return rational(BigInt(f[1]!), BigInt(f[2]!));
  if (!isDecimalString(s)) throw new RangeError(`not a rational number: ${JSON.stringify(s)}`);
  const m = DECIMAL_PARTS.exec(s)!;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}` || '0';
  const places = (m[3] ?? '').length;
  const e = Number(m[4] ?? '0') - places;
  let num = BigInt(digits);
  if (m[1] === '-') num = -num;
  return e >= 0 ? rational(num * 10n ** BigInt(e)) : rational(num, 10n ** BigInt(-e));
}

export function add(x: Rational, y: Rational): Rational {
  return rational(x.num * y.den + y.num * x.den, x.den * y.den);
}

export function sub(x: Rational, y: Rational): Rational {
  return rational(x.num * y.den - y.num * x.den, x.den * y.den);
}

export function mul(x: Rational, y: Rational): Rational {
  return rational(x.num * y.num, x.den * y.den);
}

/** x/y (RangeError when y = 0). */
export function div(x: Rational, y: Rational): Rational {
  if (y.num === 0n) throw new RangeError('rational: division by zero');
  return rational(x.num * y.den, x.den * y.num);
}

export function neg(x: Rational): Rational {
  return { num: -x.num, den: x.den };
}

/** Sign of x − y. */
export function compare(x: Rational, y: Rational): -1 | 0 | 1 {
  const d = x.num * y.den - y.num * x.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(x: Rational): boolean {
  return x.num === 0n;
}

export function sign(x: Rational): -1 | 0 | 1 {
  return x.num < 0n ? -1 : x.num > 0n ? 1 : 0;
}

/** The canonical text: a plain decimal when den = 2^i·5^j, else "p/q". Parses back to the same value. */
export function rationalString(x: Rational): string {
  let d = x.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return `${x.num}/${x.den}`;
  const k = Math.max(twos, fives);
  const scaled = x.num * (x.den === 1n ? 1n : 10n ** BigInt(k) / x.den);
  if (k === 0) return scaled.toString();
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(k + 1, '0');
  const whole = digits.slice(0, digits.length - k);
  const frac = digits.slice(digits.length - k).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A double approximation (not exact; for choosing numbers, never for deciding claims). */
export function toNumber(x: Rational): number {
  return Number(x.num) / Number(x.den);
}
