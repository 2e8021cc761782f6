/**
 * Floating-point matrix products with rigorous a-priori error bounds (DESIGN.md §10: the
 * products behind the existence and inertia proofs of saddle certificates).
 *
 * The product itself is plain Float64 arithmetic (fast, no rounding-mode tricks); rigour comes
 * from a bound of its rounding error that is itself computed with every operation rounded
 * upward (nextUp), so the bound is an upper bound of the exact real quantity it stands for.
 *
 * Error model (N. J. Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., SIAM 2002:
 * the model (2.4) of §2.2, the underflow model of §2.1 (eq. (2.8), gradual underflow), Lemma 3.1
 * and the dot-product bound (3.5) of §3.1, applied entrywise to matrix products in §3.5):
 * IEEE binary64 with round to nearest (JavaScript numbers; ECMAScript forbids contracting a·b + c
 * into a fused multiply-add), unit roundoff u = 2⁻⁵³, smallest subnormal η = 2⁻¹⁰⁷⁴. For doubles
 * a, b: fl(a·b) = a·b(1 + δ) + ε with |δ| ≤ u, |ε| ≤ η/2 (ε ≠ 0 only on underflow), and
 * fl(a + b) = (a + b)(1 + δ') with |δ'| ≤ u (a sum that underflows is exact). For the recursive
 * sum s = fl(…fl(fl(x₁y₁) + fl(x₂y₂)) + … + fl(x_n y_n)) (any order of the n terms) each term
 * x_k y_k carries at most n factors (1 + δ), so by Lemma 3.1
 *     |s − xᵀy| ≤ γ_n |x|ᵀ|y| + Σ_k |ε_k|(1 + u)^{n−1} ≤ γ_n |x|ᵀ|y| + n·η,      γ_n = n·u/(1 − n·u),
 * using (1 + u)^{n−1} ≤ 1 + γ_{n−1} ≤ 2 when n·u ≤ 1/2. Hence for C = fl(A·B) computed by
 * matMulFloat (inner dimension n): |C − AB| ≤ γ_n |A||B| + n·η entrywise, provided no
 * overflow occurred — which is the case exactly when every entry of C is finite (an overflowed
 * product or partial sum stays ±∞ or becomes NaN through every later addition).
 */
import { nextDown, nextUp } from '../arith/f64Interval.js';

const U = 2 ** -53;
const ETA = Number.MIN_VALUE; // 2^-1074

/** Largest inner dimension accepted (keeps n·u ≤ 1/2 with a wide margin). */
const MAX_INNER = 2 ** 40;

/**
 * Rigorous upper bound of γ_m = m·u / (1 − m·u) (requires m·u < 1): m·u is exact for an integer
 * m < 2⁵³ (a power-of-two scaling), 1 − m·u is rounded down and the quotient rounded up.
 */
export function gammaUpper(m: number): number {
  const num = nextUp(m * U);
  const den = nextDown(1 - num);
  return nextUp(num / den);
}

/**
 * C = fl(A·B) for A (m×n) and B (n×p), row-major. Each C_ij is the recursive sum over
 * k = 0, 1, …, n−1 of the rounded products A_ik·B_kj, starting from 0 (the first addition is
 * exact): the evaluation the error model above analyses. Not rigorous by itself; pair it with
 * productErrorTimesUpper. Loop order i-k-j with four rows of C at a time (each row of B is read
 * once per four rows; the order of the terms within every entry is unchanged).
 */
export function matMulFloat(
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
  out: Float64Array = new Float64Array(m * p),
): Float64Array {
  checkShape(A, m, n, 'A');
  checkShape(B, n, p, 'B');
  out.fill(0, 0, m * p);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * p;
    const c1 = c0 + p;
    const c2 = c1 + p;
    const c3 = c2 + p;
    const a0 = i * n;
    const a1 = a0 + n;
    const a2 = a1 + n;
    const a3 = a2 + n;
    for (let k = 0; k < n; k++) {
      const x0 = A[a0 + k]!;
      const x1 = A[a1 + k]!;
      const x2 = A[a2 + k]!;
      const x3 = A[a3 + k]!;
      const bk = k * p;
      for (let j = 0; j < p; j++) {
        const b = B[bk + j]!;
        out[c0 + j] += x0 * b;
        out[c1 + j] += x1 * b;
        out[c2 + j] += x2 * b;
        out[c3 + j] += x3 * b;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * p;
    const ai = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[ai + k]!;
      const bk = k * p;
      for (let j = 0; j < p; j++) out[ci + j] += a * B[bk + j]!;
    }
  }
  return out;
}

/** The transpose of the m×n row-major matrix A (n×m, row-major). Exact. */
export function transposeFloat(A: Float64Array, m: number, n: number): Float64Array {
  checkShape(A, m, n, 'A');
  const T = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = A[i * n + j]!;
  return T;
}

/**
 * out_i ≥ Σ_j |A_ij|·x_j for a nonnegative vector x (A m×n row-major): every product and every
 * partial sum is rounded up with nextUp (all terms are ≥ 0, so each rounded partial sum bounds
 * the exact one). NaN in the input gives NaN, which callers treat as "no bound".
 */
export function absMatVecUpper(
  A: Float64Array,
  m: number,
  n: number,
  x: Float64Array,
  out: Float64Array = new Float64Array(m),
): Float64Array {
  checkShape(A, m, n, 'A');
  if (x.length < n) throw new RangeError(`absMatVecUpper: vector of length ${x.length}, expected ${n}`);
  for (let i = 0; i < m; i++) {
    const r = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s = nextUp(s + nextUp(Math.abs(A[r + j]!) * x[j]!));
    out[i] = s;
  }
  return out;
}

/** An upper bound of Σ_i x_i for x ≥ 0 (each partial sum rounded up). */
export function sumUpper(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = nextUp(s + x[i]!);
  return s;
}

/**
 * Upper bound of the rounding error of C = matMulFloat(A, B, m, n, p) applied to a nonnegative
 * vector x (length p): returns e (length m) with |C − AB|·x ≤ e entrywise, where |C − AB| is the
 * entrywise absolute error against the exact product. Row sums of the error are e for x = 1.
 * Guarantee (module comment): |C − AB| ≤ γ_n|A||B| + n·η·J (J all ones), so
 * |C − AB|·x ≤ γ_n·|A|(|B|x) + n·η·(Σ_j x_j)·1, each factor bounded above with upward rounding.
 * Valid only if every entry of C is finite (no overflow); callers check that (allFinite).
 */
export function productErrorTimesUpper(
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
  x: Float64Array,
): Float64Array {
  if (!(n <= MAX_INNER)) throw new RangeError(`productErrorTimesUpper: inner dimension ${n} too large`);
  const bx = absMatVecUpper(B, n, p, x);
  const abx = absMatVecUpper(A, m, n, bx);
  const gamma = gammaUpper(n);
  // n·η is exact (a multiple of the smallest subnormal); the product with Σx is rounded up.
  const tail = nextUp(n * ETA * sumUpper(x));
  const e = new Float64Array(m);
  for (let i = 0; i < m; i++) e[i] = nextUp(nextUp(gamma * abx[i]!) + tail);
  return e;
}

/** True when every entry is a finite number. */
export function allFinite(A: Float64Array): boolean {
  for (let i = 0; i < A.length; i++) if (!Number.isFinite(A[i]!)) return false;
  return true;
}

function checkShape(A: Float64Array, rows: number, cols: number, name: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix ${name}: bad shape ${rows}×${cols}`);
  }
  if (A.length < rows * cols) throw new RangeError(`matrix ${name}: ${A.length} entries for ${rows}×${cols}`);
}
