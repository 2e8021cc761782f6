/**
 * Float64 matrix kernels in WebAssembly with 128-bit SIMD (src/linalg/wasm/f64Kernels.wat), for the
 * hot products of the search's gradient. Measured (bench/descent.ts): the 2×4 register-blocked
 * A·Bᵀ product runs at ~16–22 GFlop/s on one core against ~3.5–4 GFlop/s for the same blocking in
 * JavaScript. NOT rigorous: round-to-nearest, fixed summation order (each dot product sums its even
 * and odd terms separately, then adds the two), so results are deterministic on every machine and
 * thread, but not equal to a sequential sum.
 *
 * Each arena owns one WebAssembly.Memory sized once at construction (never grown, so the
 * Float64Array views it hands out stay valid) and one instance of the module (compiled once per thread).
 */
import { F64KERNELS_WASM_BASE64 } from './wasm/f64KernelsBinary.js';

interface KernelExports {
  abt(pa: number, lda: number, pb: number, ldb: number, pc: number, ldc: number, rows: number, cols: number, len: number): void;
}

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(F64KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

const PAGE = 65536;

/** `len` rounded up to an even number: the row stride of padded matrices (the kernels read pairs). */
export function evenStride(len: number): number {
  return len + (len & 1);
}

export class WasmF64Arena {
  private readonly memory: WebAssembly.Memory;
  private readonly kernels: KernelExports;
  private top = 0;

  /** An arena for `capacity` doubles in all, counting one alignment double per allocation. */
  constructor(readonly capacity: number) {
    const pages = Math.max(1, Math.ceil((capacity * 8 + 64) / PAGE));
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.kernels = new WebAssembly.Instance(kernelModule(), { env: { memory: this.memory } }).exports as unknown as KernelExports;
  }

  /** A zero-filled view of `len` doubles inside the arena, 16-byte aligned. RangeError when full. */
  alloc(len: number): Float64Array {
    const start = evenStride(this.top);
    if (start + len > this.capacity) throw new RangeError(`WasmF64Arena: ${len} more doubles do not fit`);
    this.top = start + len;
    return new Float64Array(this.memory.buffer, start * 8, len);
  }

  /**
   * C[cOff + i·ldc + j] = Σ_{t<len} A[aOff + i·lda + t]·B[bOff + j·ldb + t] for i < rows, j < cols:
   * the product of `rows` rows of A with `cols` rows of B (A·Bᵀ on row blocks). A, B, C must be
   * views from this arena; `len` must be even (pad odd lengths with a zero column: the kernels read
   * pairs). Every index touched is checked to lie inside its view first.
   */
  abt(
    A: Float64Array, aOff: number, lda: number,
    B: Float64Array, bOff: number, ldb: number,
    C: Float64Array, cOff: number, ldc: number,
    rows: number, cols: number, len: number,
  ): void {
    if (rows <= 0 || cols <= 0) return;
    if ((len & 1) !== 0 || len < 0) throw new RangeError(`abt: len ${len} must be even and ≥ 0`);
    this.check(A, aOff, (rows - 1) * lda + len, 'A');
    this.check(B, bOff, (cols - 1) * ldb + len, 'B');
    this.check(C, cOff, (rows - 1) * ldc + cols, 'C');
    this.kernels.abt(A.byteOffset + aOff * 8, lda, B.byteOffset + bOff * 8, ldb, C.byteOffset + cOff * 8, ldc, rows, cols, len);
  }

  private check(x: Float64Array, off: number, extent: number, name: string): void {
    if (x.buffer !== this.memory.buffer) throw new RangeError(`abt: ${name} is not a view of this arena`);
    if (off < 0 || off + extent > x.length) throw new RangeError(`abt: ${name} is read or written outside its view`);
  }
}
