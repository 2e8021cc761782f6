import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryModuleText, compileWat } from '../../scripts/buildWasm.js';
import { GRIDSIGMOIDGRADIENT_WASM_BASE64 } from '../../src/linalg/wasm/gridSigmoidGradientBinary.js';
import { defaultProblem, type FiniteDataProblem } from '../../src/objective/gridData.js';
import { gridFloatProblem, gridGradientFloat, gradientGeneric, sigmoidGradientScalar } from '../../src/objective/gridFloat.js';
import { rng } from '../helpers/random.js';

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('WebAssembly sigmoid gradient pass (gridSigmoidWasm.ts)', () => {
  it('the committed binary is the compiled .wat (rerun npm run build:wasm after editing it)', async () => {
    const wat = readFileSync('src/linalg/wasm/gridSigmoidGradient.wat', 'utf8');
    const bytes = await compileWat('gridSigmoidGradient.wat', wat);
    expect(Buffer.from(bytes).toString('base64')).toBe(GRIDSIGMOIDGRADIENT_WASM_BASE64);
    expect(readFileSync('src/linalg/wasm/gridSigmoidGradientBinary.ts', 'utf8')).toBe(binaryModuleText('gridSigmoidGradient', bytes));
  });

  it('is bit-identical to the JavaScript pass (loss and every gradient entry), odd and even widths', () => {
    const problem = defaultProblem('sigmoid');
    const fps = new Map<number, ReturnType<typeof gridFloatProblem>>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0.05, max: 4, noNaN: true }), (n, seed, scale) => {
        const fp = fps.get(n) ?? gridFloatProblem(problem, n);
        fps.set(n, fp);
        const rand = rng(seed);
        const theta = Float64Array.from({ length: 3 * n }, () => (2 * rand() - 1) * scale);
        const g1 = new Float64Array(3 * n);
        const g2 = new Float64Array(3 * n);
        const l1 = gridGradientFloat(fp, theta, g1);
        const l2 = sigmoidGradientScalar(fp, theta, g2);
        expect(Object.is(l1, l2)).toBe(true);
        expect(sameBits(g1, g2)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with the plain per-point gradient on data without a lattice or mirror pairs (within rounding)', () => {
    const rand = rng(7);
    const X = Array.from({ length: 37 }, () => [String(Math.round(rand() * 1000) / 137), String(-Math.round(rand() * 1000) / 91)]);
    const problem: FiniteDataProblem = { activation: 'sigmoid', data: { name: 'inline', d: 2, P: X.length, X }, teacher: defaultProblem('sigmoid').teacher! };
    const fp = gridFloatProblem(problem, 5);
    const theta = Float64Array.from({ length: 15 }, () => 2 * rand() - 1);
    const g1 = new Float64Array(15);
    const g2 = new Float64Array(15);
    const l1 = gridGradientFloat(fp, theta, g1);
    const l2 = gradientGeneric(fp, theta, g2);
    expect(Math.abs(l1 - l2)).toBeLessThan(1e-14 * Math.max(1, l2));
    g1.forEach((v, j) => expect(Math.abs(v - g2[j]!)).toBeLessThan(1e-13));
  });
});
