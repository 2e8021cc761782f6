import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { WasmF64Arena, evenStride } from '../../src/linalg/wasmKernels.js';
import { F64KERNELS_WASM_BASE64 } from '../../src/linalg/wasm/f64KernelsBinary.js';
import { binaryModuleText, compileWat } from '../../scripts/buildWasm.js';
import { normals, rng } from '../helpers/random.js';

describe('WebAssembly SIMD kernels', () => {
  it('the committed binary is the compiled .wat (rerun npm run build:wasm after editing it)', async () => {
    const wat = readFileSync('src/linalg/wasm/f64Kernels.wat', 'utf8');
    const bytes = await compileWat('f64Kernels.wat', wat);
    expect(Buffer.from(bytes).toString('base64')).toBe(F64KERNELS_WASM_BASE64);
    expect(readFileSync('src/linalg/wasm/f64KernelsBinary.ts', 'utf8')).toBe(binaryModuleText('f64Kernels', bytes));
  });

  it('abt equals the products of row blocks (any block shape, offsets, strides; even lengths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 1e6 }),
        (rows, cols, half, extra, off, seed) => {
          const len = 2 * half;
          const lda = len + 2 * extra;
          const ldb = len + extra;
          const ldc = cols + extra;
          const arena = new WasmF64Arena(off + rows * lda + off + cols * ldb + off + rows * ldc + 64);
          const rand = rng(seed);
          const A = arena.alloc(off + rows * lda);
          const B = arena.alloc(off + cols * ldb);
          const C = arena.alloc(off + rows * ldc);
          A.set(normals(A.length, rand));
          B.set(normals(B.length, rand));
          C.fill(7);
          arena.abt(A, off, lda, B, off, ldb, C, off, ldc, rows, cols, len);
          for (let i = 0; i < rows; i++) {
            for (let j = 0; j < ldc; j++) {
              const got = C[off + i * ldc + j]!;
              if (j >= cols) {
                expect(got).toBe(7); // outside the block: untouched
                continue;
              }
              let want = 0;
              let scale = 0;
              for (let t = 0; t < len; t++) {
                want += A[off + i * lda + t]! * B[off + j * ldb + t]!;
                scale += Math.abs(A[off + i * lda + t]! * B[off + j * ldb + t]!);
              }
              expect(Math.abs(got - want)).toBeLessThanOrEqual(len * 2.3e-16 * scale);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sums each dot product in the documented order (even terms, odd terms, then both): deterministic', () => {
    const arena = new WasmF64Arena(64);
    const A = arena.alloc(4);
    const B = arena.alloc(4);
    const C = arena.alloc(1);
    A.set([1e16, 1, -1e16, 1]);
    B.set([1, 1, 1, 1]);
    arena.abt(A, 0, 4, B, 0, 4, C, 0, 1, 1, 1, 4);
    // even lane: 1e16 + (−1e16) = 0; odd lane: 1 + 1 = 2 (a sequential sum would give 1 + 1e16 … = 0 or 1).
    expect(C[0]).toBe(2);
  });

  it('refuses odd lengths, foreign views and blocks outside a view', () => {
    const arena = new WasmF64Arena(100);
    const A = arena.alloc(20);
    const C = arena.alloc(20);
    expect(() => arena.abt(A, 0, 4, A, 0, 4, C, 0, 4, 2, 2, 3)).toThrow(/len 3 must be even/);
    expect(() => arena.abt(new Float64Array(20), 0, 4, A, 0, 4, C, 0, 4, 2, 2, 4)).toThrow(/not a view of this arena/);
    expect(() => arena.abt(A, 0, 4, A, 0, 4, C, 0, 4, 6, 2, 4)).toThrow(/A is read or written outside/);
    expect(() => arena.abt(A, 0, 4, A, 0, 4, C, 18, 4, 2, 2, 4)).toThrow(/C is read or written outside/);
    expect(() => arena.alloc(1000)).toThrow(/do not fit/);
    expect(evenStride(7)).toBe(8);
    expect(evenStride(8)).toBe(8);
  });
});
