// The part of the WebAssembly JavaScript API that src/linalg/wasmKernels.ts uses (Node ≥ 20 has
// it globally; tsconfig's ES2022 lib and @types/node do not declare it).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
