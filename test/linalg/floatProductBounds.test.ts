import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactAdd, exactCompare, exactMul, exactSub } from '../../src/arith/exact.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import {
  absMatVecUpper,
  gammaUpper,
  matMulFloat,
  productErrorTimesUpper,
  sumUpper,
  transposeFloat,
} from '../../src/linalg/floatProductBounds.js';

const exCache = new Map<number, string>();
const ex = (x: number): string => {
  let s = exCache.get(x);
  if (s === undefined) exCache.set(x, (s = exactDecimalOfDouble(x)));
  return s;
};
const abs = (s: string): string => (s.startsWith('-') ? s.slice(1) : s);
const U = '0.00000000000000011102230246251565404236316680908203125'; // 2^-53 exactly

/** Exact (big.js) Σ_k a_k·b_k of doubles. */
function exactDot(a: number[], b: number[]): string {
  let s = '0';
  for (let k = 0; k < a.length; k++) s = exactAdd(s, exactMul(ex(a[k]!), ex(b[k]!)));
  return s;
}

/** Exact entrywise |C − AB|·x for the float product C. */
function exactErrorTimes(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, p: number, x: Float64Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < m; i++) {
    let s = '0';
    for (let j = 0; j < p; j++) {
      const row = Array.from(A.subarray(i * n, i * n + n));
      const col = Array.from({ length: n }, (_, k) => B[k * p + j]!);
      s = exactAdd(s, exactMul(abs(exactSub(ex(C[i * p + j]!), exactDot(row, col))), ex(x[j]!)));
    }
    out.push(s);
  }
  return out;
}

/** Doubles spread over many binades, including ones whose products underflow. */
const wideDouble = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.double({ min: -1e-150, max: 1e-150, noNaN: true }),
  fc.integer({ min: -5, max: 5 }).map((k) => k * 1e-160 + 1 / 3),
);

const shapeAndData = fc
  .record({ m: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 5 }), p: fc.integer({ min: 1, max: 4 }) })
  .chain(({ m, n, p }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      p: fc.constant(p),
      A: fc.array(wideDouble, { minLength: m * n, maxLength: m * n }),
      B: fc.array(wideDouble, { minLength: n * p, maxLength: n * p }),
      x: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: p, maxLength: p }),
    }),
  );

describe('gammaUpper', () => {
  it('bounds γ_n = n·u/(1 − n·u) from above, exactly checked: γ·(1 − n·u) ≥ n·u', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (n) => {
        const g = ex(gammaUpper(n));
        const nu = exactMul(String(n), U);
        expect(exactCompare(exactMul(g, exactSub('1', nu)), nu)).toBeGreaterThanOrEqual(0);
        // and it is tight (within a few ulps): γ ≤ n·u·(1 + 1e-14)/(1 − n·u) … checked as γ(1 − nu) ≤ nu(1 + 1e-14)
        expect(exactCompare(exactMul(g, exactSub('1', nu)), exactMul(nu, '1.00000000000001'))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('matMulFloat and its a-priori error bound', () => {
  it('computes the product in the documented order (entry (i, j) = recursive sum over k ascending)', () => {
    fc.assert(
      fc.property(shapeAndData, ({ m, n, p, A, B }) => {
        const C = matMulFloat(Float64Array.from(A), Float64Array.from(B), m, n, p);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += A[i * n + k]! * B[k * p + j]!;
            expect(Object.is(C[i * p + j], s) || C[i * p + j] === s).toBe(true);
          }
        }
      }),
    );
  });

  it('|fl(AB) − AB|·x ≤ productErrorTimesUpper (exact big.js check, with underflowing products)', () => {
    fc.assert(
      fc.property(shapeAndData, ({ m, n, p, A, B, x }) => {
        const Af = Float64Array.from(A);
        const Bf = Float64Array.from(B);
        const xf = Float64Array.from(x);
        const C = matMulFloat(Af, Bf, m, n, p);
        const bound = productErrorTimesUpper(Af, Bf, m, n, p, xf);
        const err = exactErrorTimes(Af, Bf, C, m, n, p, xf);
        for (let i = 0; i < m; i++) expect(exactCompare(err[i]!, ex(bound[i]!))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });

  it('the bound is needed: rounding errors occur and exceed the underflow term alone', () => {
    // A deliberately weakened bound (n·η·Σx only, no γ_n term) must fail on ordinary data.
    const n = 5;
    const A = Float64Array.from({ length: n }, (_, k) => 1 / (k + 3));
    const B = Float64Array.from({ length: n }, (_, k) => 1 / (k + 7));
    const x = Float64Array.of(1);
    const C = matMulFloat(A, B, 1, n, 1);
    const err = exactErrorTimes(A, B, C, 1, n, 1, x)[0]!;
    expect(exactCompare(err, '0')).toBeGreaterThan(0);
    const weakened = ex(n * Number.MIN_VALUE);
    expect(exactCompare(err, weakened)).toBeGreaterThan(0);
    expect(exactCompare(err, ex(productErrorTimesUpper(A, B, 1, n, 1, x)[0]!))).toBeLessThanOrEqual(0);
  });

  it('covers the underflow error: products of tiny numbers (each rounds to a subnormal)', () => {
    const n = 4;
    const A = Float64Array.from({ length: n }, (_, k) => (1 + k / 7) * 1e-160);
    const B = Float64Array.from({ length: n }, (_, k) => (1 - k / 11) * 1e-160);
    const x = Float64Array.of(1);
    const C = matMulFloat(A, B, 1, n, 1);
    const err = exactErrorTimes(A, B, C, 1, n, 1, x)[0]!;
    // the relative part γ_n|A||B| is far below one subnormal here: the n·η term carries the bound
    expect(exactCompare(err, '0')).toBeGreaterThan(0);
    expect(exactCompare(err, ex(productErrorTimesUpper(A, B, 1, n, 1, x)[0]!))).toBeLessThanOrEqual(0);
    expect(exactCompare(exactMul(ex(gammaUpper(n)), exactDot(Array.from(A).map(Math.abs), Array.from(B).map(Math.abs))), err)).toBeLessThan(0);
  });
});

describe('absMatVecUpper, sumUpper, transposeFloat', () => {
  it('absMatVecUpper ≥ |A|x and sumUpper ≥ Σx exactly', () => {
    const data = fc
      .record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 6 }) })
      .chain(({ m, n }) =>
        fc.record({
          m: fc.constant(m),
          n: fc.constant(n),
          A: fc.array(wideDouble, { minLength: m * n, maxLength: m * n }),
          x: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(data, ({ m, n, A, x }) => {
        const Af = Float64Array.from(A);
        const xf = Float64Array.from(x);
        const out = absMatVecUpper(Af, m, n, xf);
        for (let i = 0; i < m; i++) {
          const exact = exactDot(A.slice(i * n, i * n + n).map(Math.abs), x);
          expect(exactCompare(exact, ex(out[i]!))).toBeLessThanOrEqual(0);
        }
        let s = '0';
        for (const v of x) s = exactAdd(s, ex(v));
        expect(exactCompare(s, ex(sumUpper(xf)))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('transposeFloat transposes', () => {
    const A = Float64Array.of(1, 2, 3, 4, 5, 6);
    expect(Array.from(transposeFloat(A, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
