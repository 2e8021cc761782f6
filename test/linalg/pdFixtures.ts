/**
 * Test fixtures for the positive-definiteness engines: seeded random matrices with known
 * spectra, an exactly known tridiagonal family, interval boxes, and an exact rational LDLᵀ
 * used as ground truth (no rounding at all).
 */
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';

/** Random orthogonal N×N matrix (modified Gram–Schmidt of a random matrix), row-major. */
export function randomOrthogonal(N: number, rand: () => number): Float64Array {
  const Q = new Float64Array(N * N);
  for (let i = 0; i < N * N; i++) Q[i] = rand() * 2 - 1;
  // columns q_j = Q[:, j]
  for (let j = 0; j < N; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < N; i++) d += Q[i * N + k]! * Q[i * N + j]!;
        for (let i = 0; i < N; i++) Q[i * N + j]! -= d * Q[i * N + k]!;
      }
    }
    let n = 0;
    for (let i = 0; i < N; i++) n += Q[i * N + j]! ** 2;
    n = Math.sqrt(n);
    for (let i = 0; i < N; i++) Q[i * N + j]! /= n;
  }
  return Q;
}

/** Q·diag(λ)·Qᵀ, exactly symmetric (upper triangle computed, mirrored). Eigenvalues ≈ λ to ~1e-15·max|λ|. */
export function symmetricWithEigenvalues(lambda: number[], rand: () => number): Float64Array {
  const N = lambda.length;
  const Q = randomOrthogonal(N, rand);
  const H = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += Q[i * N + k]! * lambda[k]! * Q[j * N + k]!;
      H[i * N + j] = s;
      H[j * N + i] = s;
    }
  }
  return H;
}

/** tridiag(−1, 2, −1) of order N: exact in doubles, λ_min = 4·sin²(π / (2(N+1))). */
export function secondDifference(N: number): { H: Float64Array; lambdaMin: number } {
  const H = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    H[i * N + i] = 2;
    if (i + 1 < N) {
      H[i * N + i + 1] = -1;
      H[(i + 1) * N + i] = -1;
    }
  }
  return { H, lambdaMin: 4 * Math.sin(Math.PI / (2 * (N + 1))) ** 2 };
}

/** Interval matrix with ends ≈ H ∓ r (rounded to nearest) and lo ≤ H ≤ hi guaranteed entrywise. */
export function box(H: Float64Array, r: number): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(H.length);
  const hi = new Float64Array(H.length);
  for (let i = 0; i < H.length; i++) {
    let l = H[i]! - r;
    let h = H[i]! + r;
    if (l > H[i]!) l = H[i]!;
    if (h < H[i]!) h = H[i]!;
    lo[i] = l;
    hi[i] = h;
  }
  return { lo, hi };
}

// ---- exact rational arithmetic (BigInt fractions) ----------------------------------------

interface Q {
  n: bigint;
  d: bigint; // > 0
}
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function q(n: bigint, d: bigint): Q {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
/** The exact rational value of a double. */
export function rationalOfDouble(x: number): Q {
  const s = exactDecimalOfDouble(x);
  const neg = s.startsWith('-');
  const t = neg ? s.slice(1) : s;
  const [i, f = ''] = t.split('.');
  const n = BigInt(i! + f) * (neg ? -1n : 1n);
  return q(n, 10n ** BigInt(f.length));
}
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);

/**
 * Exact test: is H − μI positive definite? (H symmetric row-major doubles, μ a double.)
 * Rational LDLᵀ: positive definite iff every pivot is > 0 (leading principal minors).
 */
export function exactlyPositiveDefinite(H: Float64Array, N: number, mu: number): boolean {
  const S: Q[] = Array.from(H.subarray(0, N * N), rationalOfDouble);
  const m = rationalOfDouble(mu);
  for (let i = 0; i < N; i++) S[i * N + i] = sub(S[i * N + i]!, m);
  for (let k = 0; k < N; k++) {
    const d = S[k * N + k]!;
    if (d.n <= 0n) return false;
    for (let i = k + 1; i < N; i++) {
      const l = div(S[i * N + k]!, d);
      for (let j = k + 1; j < N; j++) S[i * N + j] = sub(S[i * N + j]!, mul(l, S[k * N + j]!));
    }
  }
  return true;
}

/** Plain float Cholesky of H − μI: true if every pivot is positive. */
export function floatCholeskyOk(H: Float64Array, N: number, mu: number): boolean {
  const L = new Float64Array(N * N);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i <= j; i++) {
      let s = H[j * N + i]! - (i === j ? mu : 0);
      for (let k = 0; k < i; k++) s -= L[j * N + k]! * L[i * N + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        L[j * N + j] = Math.sqrt(s);
      } else {
        L[j * N + i] = s / L[i * N + i]!;
      }
    }
  }
  return true;
}
