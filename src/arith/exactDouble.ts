const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * The exact decimal value of a finite double, as a plain decimal string (no exponent).
 * Guarantee: the returned string denotes exactly the same real number as `x`
 * (every double is m·2^e with integer m, and 2^e = 10^e / 5^e for e < 0, so it has a
 * finite decimal expansion). `String(x)` is only the shortest string that rounds back to x.
 */
export function exactDecimalOfDouble(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`exactDecimalOfDouble: ${x} is not finite`);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  f64[0] = x;
  const bits = u64[0]!;
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // value = mantissa · 2^exponent with integer mantissa
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  let digits: string;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)).toString();
  } else {
    const scale = -exponent;
    const scaled = (mantissa * 5n ** BigInt(scale)).toString().padStart(scale + 1, '0');
    const intPart = scaled.slice(0, scaled.length - scale);
    const fracPart = scaled.slice(scaled.length - scale).replace(/0+$/, '');
    digits = fracPart.length > 0 ? `${intPart}.${fracPart}` : intPart;
  }
  return negative ? `-${digits}` : digits;
}
