import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { summarizeGridPoint } from '../../src/objective/gridClassify.js';
import { defaultProblem, simsekTeacher, thetaOfPoint } from '../../src/objective/gridData.js';
import { embeddingOf } from '../../src/objective/gridEmbedding.js';
import { gridFloatProblem, gridGradientFloat, gridHessianFloat, gridLossFloat } from '../../src/objective/gridFloat.js';
import { refineCriticalPoint } from '../../src/search/gridRefine.js';

const sigmoid = defaultProblem('sigmoid');

/** The critical point of the 1-neuron sigmoid student near w = (2.7, 0), a = 0.33 (refined here). */
function oneNeuronCritical(): Float64Array {
  const fp = gridFloatProblem(sigmoid, 1);
  const theta = Float64Array.from([2.7, 0, 0.33]);
  const r = refineCriticalPoint(theta, { gradient: (x, g) => gridGradientFloat(fp, x, g), hessian: (x) => gridHessianFloat(fp, x) }, { gradTol: 1e-14, maxIters: 100 });
  expect(r.stop).toBe('tolerance');
  return theta;
}

/** Negative eigenvalues of a central-difference Hessian (independent of the analytic Hessian). */
function fdNegativeCount(n: number, theta: Float64Array): number {
  const fp = gridFloatProblem(sigmoid, n);
  const N = theta.length;
  const h = 1e-5;
  const H = new Matrix(N, N);
  for (let j = 0; j < N; j++) {
    const a = theta.slice();
    const b = theta.slice();
    a[j]! += h;
    b[j]! -= h;
    const ga = new Float64Array(N);
    const gb = new Float64Array(N);
    gridGradientFloat(fp, a, ga);
    gridGradientFloat(fp, b, gb);
    for (let k = 0; k < N; k++) H.set(k, j, (ga[k]! - gb[k]!) / (2 * h));
  }
  const sym = H.add(H.transpose()).mul(0.5);
  const ev = new EigenvalueDecomposition(sym, { assumeSymmetric: true }).realEigenvalues;
  const scale = Math.max(...ev.map(Math.abs));
  return ev.filter((v) => v < -1e-6 * scale).length;
}

describe('finite-data float classification and embeddings', () => {
  it('the teacher padded with a zero-output neuron is a global candidate, an embedding of level 1', () => {
    const t = simsekTeacher();
    const pt = { W: t.W.map((r, c) => [...r, c === 0 ? '1.5' : '-0.5']), a: [...t.a, '0'] };
    const fp = gridFloatProblem(sigmoid, 5);
    const s = summarizeGridPoint(sigmoid, fp, thetaOfPoint(pt));
    expect(s.classification).toBe('global-candidate');
    expect(s.embedding).toMatchObject({ reducedN: 4, level: 1, zeroOutput: [4], duplicates: [] });
    expect(s.embedding!.reducedGradNorm!).toBeLessThan(1e-14);
  });

  it('a duplicated 1-neuron critical point is a saddle candidate whose index matches an independent count', () => {
    const c = oneNeuronCritical();
    const fp1 = gridFloatProblem(sigmoid, 1);
    expect(summarizeGridPoint(sigmoid, fp1, c).classification).toBe('minimum-candidate');
    const split = Float64Array.from([c[0]!, c[1]!, 0.4 * c[2]!, c[0]!, c[1]!, 0.6 * c[2]!]);
    const fp2 = gridFloatProblem(sigmoid, 2);
    const s = summarizeGridPoint(sigmoid, fp2, split);
    expect(s.gradNorm).toBeLessThan(1e-13);
    expect(s.classification).toBe('saddle-candidate');
    expect(s.index).toBe(fdNegativeCount(2, split));
    expect(s.index).toBeGreaterThan(0);
    expect(s.zeroEigenvalues).toBeGreaterThan(0); // the split ratio is a flat direction
    expect(s.embedding).toMatchObject({ reducedN: 1, level: 1, duplicates: [[0, 1]], zeroOutput: [] });
    expect(Math.abs(s.embedding!.reducedLoss! - s.loss)).toBeLessThan(1e-15);
  });

  it('the refinement returns to the saddle from a perturbed start, where the loss could still decrease', () => {
    const c = oneNeuronCritical();
    const saddle = Float64Array.from([c[0]!, c[1]!, 0.4 * c[2]!, c[0]!, c[1]!, 0.6 * c[2]!]);
    const fp = gridFloatProblem(sigmoid, 2);
    const start = saddle.map((v, j) => v + 1e-4 * Math.cos(3 * j + 1));
    const x = start.slice();
    const r = refineCriticalPoint(x, { gradient: (y, g) => gridGradientFloat(fp, y, g), hessian: (y) => gridHessianFloat(fp, y) }, { gradTol: 1e-12, maxIters: 200 });
    expect(r.stop).toBe('tolerance');
    const s = summarizeGridPoint(sigmoid, fp, x);
    expect(s.classification).toBe('saddle-candidate');
    expect(Math.abs(s.loss - gridLossFloat(fp, saddle))).toBeLessThan(1e-12);
    // Loss-decreasing directions exist at the saddle, so a minimiser would not stop there.
    expect(s.lambdaMin).toBeLessThan(0);
  });

  it('thresholds: not converged above the gradient tolerance; degenerate with zero eigenvalues only', () => {
    const fp = gridFloatProblem(sigmoid, 4);
    const t = simsekTeacher();
    const moved = thetaOfPoint({ W: t.W, a: t.a }).map((v, j) => v + 0.01 * Math.sin(j + 1));
    expect(summarizeGridPoint(sigmoid, fp, moved).classification).toBe('not-converged');
    expect(summarizeGridPoint(sigmoid, fp, moved, { gradTol: 10 }).classification).not.toBe('not-converged');
    // A split teacher neuron: zero loss on a line of minima (the split ratio), so with the global
    // test switched off the spectrum has zero eigenvalues and no negative one: degenerate.
    const split = { W: t.W.map((r) => [...r, r[1]!]), a: ['1', '-0.25', '1', '-1', '-0.75'] };
    const fp5 = gridFloatProblem(sigmoid, 5);
    const s = summarizeGridPoint(sigmoid, fp5, thetaOfPoint(split), { globalThreshold: 0 });
    expect(s.negativeEigenvalues).toBe(0);
    expect(s.zeroEigenvalues).toBeGreaterThan(0);
    expect(s.classification).toBe('degenerate');
    expect(summarizeGridPoint(sigmoid, fp5, thetaOfPoint(split)).classification).toBe('global-candidate');
  });

  it('ReLU: positively parallel incoming weights are duplicates (relu(cz) = c relu(z)); a kink makes a point degenerate', () => {
    const relu = defaultProblem('relu');
    const t = simsekTeacher();
    // Neuron 0 of the teacher split as w and 2w with outgoing weights 0.5 and 0.25 (0.5 + 2·0.25 = 1).
    const pt = { W: t.W.map((r) => [...r, String(2 * Number(r[0]))]), a: ['0.5', '-1', '1', '-1', '0.25'] };
    const fp = gridFloatProblem(relu, 5);
    const theta = thetaOfPoint(pt);
    expect(gridLossFloat(fp, theta)).toBeLessThan(1e-28);
    const e = embeddingOf(fp, theta);
    expect(e).toMatchObject({ reducedN: 4, level: 1, duplicates: [[0, 4]] });
    const kinked = Float64Array.from([1, -1, 0.5, 0.31, 0.5, 1]); // neuron 0: data on the line x1 = x2
    const s = summarizeGridPoint(relu, gridFloatProblem(relu, 2), kinked, { gradTol: Infinity });
    expect(s.classification).toBe('degenerate');
    expect(s.note).toMatch(/kink of neuron 0/);
  });
});
