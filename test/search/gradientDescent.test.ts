import { describe, expect, it } from 'vitest';
import { gradientFloat, identityTeacher, makeProblem, perNeuronGradientNorms } from '../../src/objective/reluFloat.js';
import { gradientDescent } from '../../src/search/gradientDescent.js';
import { Xoshiro128 } from '../../src/search/rng.js';

function xavier(d: number, n: number, seed: bigint): Float64Array {
  const rng = Xoshiro128.fromSeed(seed);
  return Float64Array.from({ length: d * n }, () => rng.nextGaussian() / Math.sqrt(d));
}

const opts = { step: 0.1, tol: 1e-9, tolNorm: 'per-neuron' as const, maxIters: 1_000_000 };

describe('gradientDescent', () => {
  it('stops exactly when every neuron gradient norm first falls to the tolerance', () => {
    const p = makeProblem(4, 4, identityTeacher(4));
    const w0 = xavier(4, 4, 3n);
    const w = Float64Array.from(w0);
    const res = gradientDescent(p, w, opts);
    expect(res.stop).toBe('tolerance');
    const g = new Float64Array(16);
    const loss = gradientFloat(p, w, g);
    const norms = perNeuronGradientNorms(g, 4, 4);
    expect(Math.max(...norms)).toBeLessThanOrEqual(1e-9);
    expect(res.gradNormMaxNeuron).toBe(Math.max(...norms));
    expect(res.loss).toBe(loss);
    expect(res.gradNorm).toBeCloseTo(Math.hypot(...g), 20);
    // One step fewer: the test had not passed yet, and the cap is reported as such.
    const v = Float64Array.from(w0);
    const capped = gradientDescent(p, v, { ...opts, maxIters: res.iterations - 1 });
    expect(capped.stop).toBe('max-iters');
    expect(capped.iterations).toBe(res.iterations - 1);
    expect(capped.gradNormMaxNeuron).toBeGreaterThan(1e-9);
  });

  it('performs plain steps w ← w − η∇F(w)', () => {
    const p = makeProblem(3, 4, identityTeacher(3));
    const w0 = xavier(3, 4, 5n);
    const w = Float64Array.from(w0);
    gradientDescent(p, w, { ...opts, maxIters: 2 });
    const g = new Float64Array(12);
    const ref = Float64Array.from(w0);
    for (let t = 0; t < 2; t++) {
      gradientFloat(p, ref, g);
      for (let j = 0; j < 12; j++) ref[j] = ref[j]! - 0.1 * g[j]!;
    }
    expect([...w]).toEqual([...ref]);
  });

  it('measures the Frobenius norm when asked', () => {
    const p = makeProblem(4, 4, identityTeacher(4));
    const w = xavier(4, 4, 9n);
    const res = gradientDescent(p, w, { step: 1.25, tol: 1e-12, tolNorm: 'frobenius', maxIters: 1_000_000 });
    expect(res.stop).toBe('tolerance');
    expect(res.gradNorm).toBeLessThanOrEqual(1e-12);
  });

  it('survives degenerate points: a zero neuron, non-finite entries, divergence', () => {
    const p = makeProblem(3, 3, identityTeacher(3));
    const w = xavier(3, 3, 1n);
    w.fill(0, 0, 3); // neuron 0 is exactly zero
    const res = gradientDescent(p, w, { ...opts, maxIters: 100 });
    expect(['tolerance', 'max-iters']).toContain(res.stop);
    const bad = xavier(3, 3, 2n);
    bad[4] = NaN;
    expect(gradientDescent(p, bad, opts).stop).toBe('non-finite');
    const huge = xavier(3, 3, 2n).map((x) => x * 1e6);
    expect(gradientDescent(p, huge, opts).stop).toBe('diverged');
  });

  it('with stopBelowLoss, stops at the first iterate whose loss is below it, and not before', () => {
    const p = makeProblem(5, 6, identityTeacher(5));
    const w0 = xavier(5, 6, 11n);
    const full = Float64Array.from(w0);
    const resFull = gradientDescent(p, full, opts);
    expect(resFull.stop).toBe('tolerance');
    expect(resFull.loss).toBeLessThan(1e-3);
    const w = Float64Array.from(w0);
    const res = gradientDescent(p, w, { ...opts, stopBelowLoss: 1e-3 });
    expect(res.stop).toBe('below-loss');
    expect(res.loss).toBeLessThan(1e-3);
    expect(res.iterations).toBeLessThan(resFull.iterations);
    // One step fewer the loss was still at or above the bound.
    const v = Float64Array.from(w0);
    const before = gradientDescent(p, v, { ...opts, maxIters: res.iterations - 1 });
    expect(before.stop).toBe('max-iters');
    expect(before.loss).toBeGreaterThanOrEqual(1e-3);
  });
});
