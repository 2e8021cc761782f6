/**
 * The WebAssembly SIMD form of the d = 2 sigmoid gradient pass of gridFloat.ts (the hot loop of a
 * finite-data search): src/linalg/wasm/gridSigmoidGradient.wat, two neurons per 128-bit lane pair.
 * Its results are bit-identical to the JavaScript kernel (same operations in the same order per
 * neuron, sums in the same order; test/objective/gridSigmoidWasm.test.ts compares them), so a
 * search gives the same runs with either kernel. Not rigorous (round-to-nearest).
 *
 * One instance per GridFloatProblem (its own WebAssembly.Memory, sized once). The data-dependent
 * parts (table row addresses, coordinates, labels of each data item in the scalar kernel's order:
 * mirror pairs, then singles) are written once; per call only the exp table and a change.
 */
import { GRIDSIGMOIDGRADIENT_WASM_BASE64 } from '../linalg/wasm/gridSigmoidGradientBinary.js';

interface Exports {
  sigmoidGradient(
    idx: number, dat: number, pa: number, ps: number, pd: number, g0: number, g1: number, ga: number, out: number,
    nPairs: number, nTotal: number, n: number, A: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(GRIDSIGMOIDGRADIENT_WASM_BASE64, 'base64'));
  return compiled;
}

/** What the kernel needs of the float problem (gridFloat.ts GridFloatProblem). */
export interface SigmoidKernelData {
  n: number;
  x: Float64Array;
  y: Float64Array;
  tableValues: Float64Array;
  tableAt: Int32Array;
  pairs: Int32Array;
  singles: Int32Array;
}

const PAGE = 65536;

export class GridSigmoidWasm {
  /** Neurons rounded up to even (the padding neuron has table entries 1 and a = 0). */
  readonly nPad: number;
  /** The exp table, row t = table entry t, column i = neuron i: tab[t·nPad + i] = e^(−w_ic·v_t). */
  readonly tab: Float64Array;
  /** Outgoing weights (first n entries). */
  readonly a: Float64Array;
  /** Accumulators after a call: Σ c·a_iσ′_i·x0, Σ c·a_iσ′_i·x1, Σ c·σ_i over the data items. */
  readonly g0: Float64Array;
  readonly g1: Float64Array;
  readonly ga: Float64Array;
  private readonly out: Float64Array;
  private readonly exports: Exports;
  private readonly addr: { idx: number; dat: number; a: number; s: number; d: number; g0: number; g1: number; ga: number; out: number };
  private readonly nPairs: number;
  private readonly nTotal: number;

  constructor(private readonly data: SigmoidKernelData) {
    const { n, pairs, singles, tableValues, tableAt, x, y } = data;
    this.nPad = n + (n & 1);
    this.nPairs = pairs.length >> 1;
    this.nTotal = this.nPairs + singles.length;
    const T = tableValues.length;
    let top = 0;
    const take = (bytes: number): number => {
      const at = top;
      top += Math.ceil(bytes / 16) * 16;
      return at;
    };
    const tabAt = take(T * this.nPad * 8);
    const addr = {
      idx: take(this.nTotal * 8),
      dat: take(this.nTotal * 32),
      a: take(this.nPad * 8),
      s: take(this.nPad * 8),
      d: take(this.nPad * 8),
      g0: take(this.nPad * 8),
      g1: take(this.nPad * 8),
      ga: take(this.nPad * 8),
      out: take(16),
    };
    const pages = Math.max(1, Math.ceil(top / PAGE));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.exports = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as Exports;
    this.addr = addr;
    const buf = memory.buffer;
    this.tab = new Float64Array(buf, tabAt, T * this.nPad);
    this.a = new Float64Array(buf, addr.a, this.nPad);
    this.g0 = new Float64Array(buf, addr.g0, this.nPad);
    this.g1 = new Float64Array(buf, addr.g1, this.nPad);
    this.ga = new Float64Array(buf, addr.ga, this.nPad);
    this.out = new Float64Array(buf, addr.out, 2);
    if (this.nPad > n) for (let t = 0; t < T; t++) this.tab[t * this.nPad + n] = 1;
    const idx = new Int32Array(buf, addr.idx, 2 * this.nTotal);
    const dat = new Float64Array(buf, addr.dat, 4 * this.nTotal);
    const rowBytes = this.nPad * 8;
    for (let k = 0; k < this.nTotal; k++) {
      const isPair = k < this.nPairs;
      const q = isPair ? pairs[2 * k]! : singles[k - this.nPairs]!;
      idx[2 * k] = tabAt + tableAt[2 * q]! * rowBytes;
      idx[2 * k + 1] = tabAt + tableAt[2 * q + 1]! * rowBytes;
      dat[4 * k] = x[2 * q]!;
      dat[4 * k + 1] = x[2 * q + 1]!;
      dat[4 * k + 2] = y[q]!;
      dat[4 * k + 3] = isPair ? y[pairs[2 * k + 1]!]! : 0;
    }
  }

  /**
   * Runs the pass with the current `tab` and `a` (A = Σ_i a_i, summed in neuron order by the
   * caller) and returns (Σ r², Σ r̄); the accumulators g0, g1, ga hold the unscaled gradient sums.
   */
  run(A: number): { sum: number; sumBar: number } {
    const a = this.addr;
    this.exports.sigmoidGradient(a.idx, a.dat, a.a, a.s, a.d, a.g0, a.g1, a.ga, a.out, this.nPairs, this.nTotal, this.data.n, A);
    return { sum: this.out[0]!, sumBar: this.out[1]! };
  }
}
