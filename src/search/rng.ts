/**
 * The seeded random numbers of `certmin search` (non-rigorous code: only the starting points of
 * gradient descent depend on them).
 *
 * Scheme (fixed; changing it changes every published search result of this tool):
 * - Base seed S: an unsigned 64-bit integer (`--seed`).
 * - Per-run seed: runSeed(S, r) = the (r+1)-th output of SplitMix64 started at state S, i.e.
 *   mix64(S + (r+1)·0x9E3779B97F4A7C15 mod 2^64). A run's numbers depend only on (S, r), so the
 *   results do not depend on how runs are spread over worker threads.
 * - Per-run generator: xoshiro128** (Blackman & Vigna, 32-bit words), its 128-bit state filled
 *   with the first two SplitMix64 outputs started at state runSeed (low word first).
 * - Uniform doubles in [0, 1): 53 bits from two consecutive 32-bit outputs,
 *   ((a >>> 5)·2^26 + (b >>> 6)) / 2^53.
 * - Standard normals: Marsaglia's polar method (only +, −, ×, ÷, √ and Math.log, whose V8
 *   implementation is a fixed fdlibm port, so the numbers are the same on every platform); both
 *   numbers of an accepted pair are used, first u·f then v·f.
 */

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** The SplitMix64 output function (finaliser) applied to a 64-bit state value. */
export function mix64(z: bigint): bigint {
  z &= MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** The i-th output (i = 1, 2, …) of SplitMix64 started at state `state`. */
export function splitmix64Output(state: bigint, i: number): bigint {
  return mix64(state + BigInt(i) * GOLDEN_GAMMA);
}

/** Parses a base seed: a decimal integer in [0, 2^64). Returns undefined when not one. */
export function parseSeed(text: string): bigint | undefined {
  if (!/^\d{1,20}$/.test(text.trim())) return undefined;
  const value = BigInt(text.trim());
  return value <= MASK64 ? value : undefined;
}

/** The seed of run `run` (0-based) of a search with base seed `seed`. */
export function runSeed(seed: bigint, run: number): bigint {
  return splitmix64Output(seed & MASK64, run + 1);
}

/** xoshiro128** with Marsaglia-polar normals; see the module comment for the exact scheme. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = 0;
  private hasSpare = false;

  /** Starts from the four 32-bit state words as given (not all zero). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128**: the all-zero state is not allowed');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** The generator of one run: state from SplitMix64 at `seed` (outputs 1 and 2, low words first). */
  static fromSeed(seed: bigint): Xoshiro128 {
    const a = splitmix64Output(seed & MASK64, 1);
    const b = splitmix64Output(seed & MASK64, 2);
    const w = [a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n].map((x) => Number(x) | 0);
    // Two SplitMix64 outputs are both zero with probability 2^-128; fall back to a fixed word.
    if ((w[0]! | w[1]! | w[2]! | w[3]!) === 0) w[0] = 1;
    return new Xoshiro128(w[0]!, w[1]!, w[2]!, w[3]!);
  }

  /** Next output as an unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal N(0, 1) by Marsaglia's polar method. */
  nextGaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      this.spareNormal = v * f;
      this.hasSpare = true;
      return u * f;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
