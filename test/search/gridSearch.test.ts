import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { defaultProblem, pointOfTheta, simsekTeacher, thetaOfPoint } from '../../src/objective/gridData.js';
import { gridFloatProblem, gridGradientFloat, gridLossFloat } from '../../src/objective/gridFloat.js';
import { adam, adamWork } from '../../src/search/gridAdam.js';
import { groupGridFamilies } from '../../src/search/gridFamilies.js';
import { gridInitialPoint, gridRunOne, gridProblemOfSettings, type GridRunRecord } from '../../src/search/gridRunOne.js';
import { buildGridSummary } from '../../src/search/gridSummary.js';
import { attemptZeroLoss, descendToMinimum } from '../../src/search/gridZeroLoss.js';
import { runSearch } from '../../src/search/runSearch.js';
import { resolveSettings, settingsDifferences } from '../../src/search/settings.js';

const root = mkdtempSync(join(tmpdir(), 'certmin-gridsearch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const grid = (extra: Record<string, string | number | boolean> = {}) => resolveSettings({ preset: 'simsek-2021-grid', n: 4, seed: 5, ...extra });

describe('simsek-2021-grid settings', () => {
  it("defaults to the study's training code (torch Adam defaults, lr/(1+b) per 10⁴ steps, 10⁵ steps, MSE 1e-7 stop)", () => {
    const s = grid();
    expect(s).toMatchObject({ preset: 'simsek-2021-grid', k: 4, n: 4, d: 2, teacher: 'simsek-4', step: 1e-3, maxIters: 100_000, init: 'xavier-uniform' });
    expect(s.finiteData).toMatchObject({ activation: 'sigmoid', beta1: 0.9, beta2: 0.999, eps: 5e-9, blockSteps: 10_000, lossStop: 5e-8, handoff: true });
    expect(s.finiteData!.problem).toEqual({ activation: 'sigmoid', data: 'grid-41x41', teacher: 'simsek-4' });
    expect(grid({ activation: 'relu', step: '1e-4', handoff: false }).finiteData).toMatchObject({ activation: 'relu', handoff: false });
    expect(settingsDifferences(grid(), grid({ activation: 'relu' }))).toEqual(['finiteData']);
  });

  it('refuses flags that do not apply, in either direction', () => {
    expect(() => resolveSettings({ preset: 'simsek-2021-grid', seed: 1 })).toThrow(/--n is required/);
    expect(() => grid({ k: 4 })).toThrow(/--k does not apply/);
    expect(() => grid({ activation: 'tanh' })).toThrow(/--activation tanh/);
    expect(() => grid({ beta1: 1 })).toThrow(/--beta1 1: must be in \(0, 1\)/);
    expect(() => resolveSettings({ preset: 'safran-shamir-2018', k: 4, activation: 'relu' })).toThrow(/--activation applies only to finite-data presets/);
    expect(() => resolveSettings({ preset: 'safran-shamir-2018', k: 4, handoff: false })).toThrow(InputError);
  });
});

describe('finite-data runs', () => {
  it('Xavier-uniform starts: seeded, within the bounds, different per run', () => {
    const s = grid({ n: 5 });
    const a = gridInitialPoint(s, 3);
    expect(gridInitialPoint(s, 3)).toEqual(a);
    expect(gridInitialPoint(s, 4)).not.toEqual(a);
    const b1 = Math.sqrt(6 / 7);
    const b2 = Math.sqrt(1);
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(a[3 * i]!)).toBeLessThanOrEqual(b1);
      expect(Math.abs(a[3 * i + 1]!)).toBeLessThanOrEqual(b1);
      expect(Math.abs(a[3 * i + 2]!)).toBeLessThanOrEqual(b2);
    }
  });

  it("Adam's first steps follow torch's update, with the learning rate divided per block", () => {
    const fp = gridFloatProblem(defaultProblem('sigmoid'), 2);
    const theta0 = Float64Array.from([0.3, -0.2, 0.5, -0.4, 0.6, -0.1]);
    const opts = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, steps: 3, blockSteps: 2, lossStop: 0 };
    const theta = theta0.slice();
    adam(fp, theta, opts, adamWork(6));
    // By hand: m, v, bias corrections, lr/(1 + b) for block b = ⌊(t−1)/2⌋.
    const x = theta0.slice();
    const m = new Float64Array(6);
    const v = new Float64Array(6);
    for (let t = 1; t <= 3; t++) {
      const g = new Float64Array(6);
      gridGradientFloat(fp, x, g);
      const lr = 0.01 / (1 + Math.floor((t - 1) / 2));
      for (let j = 0; j < 6; j++) {
        m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
        v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
        const mh = m[j]! / (1 - 0.9 ** t);
        const vh = v[j]! / (1 - 0.999 ** t);
        x[j] = x[j]! - (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
    for (let j = 0; j < 6; j++) expect(theta[j]).toBeCloseTo(x[j]!, 14);
  });

  it('the zero-loss attempt reaches zero loss near a teacher embedding and gives up at a positive-loss minimum', () => {
    const p = defaultProblem('sigmoid');
    const t = simsekTeacher();
    const fp5 = gridFloatProblem(p, 5);
    const near = thetaOfPoint({ W: t.W.map((r) => [...r, r[2]!]), a: ['1', '-1', '0.3', '-1', '0.7'] }).map((v, j) => v + 2e-3 * Math.sin(j + 1));
    expect(gridLossFloat(fp5, near)).toBeGreaterThan(1e-9);
    const r = attemptZeroLoss(fp5, near, { lossTarget: 1e-18, maxIters: 300 });
    expect(r.reached).toBe(true);
    expect(gridLossFloat(fp5, near)).toBeLessThan(1e-18);
    // The 1-neuron student cannot reach zero loss: the attempt stops without reaching the target.
    const fp1 = gridFloatProblem(p, 1);
    const one = Float64Array.from([2.7, 0, 0.33]);
    const r1 = attemptZeroLoss(fp1, one, { lossTarget: 1e-18, maxIters: 300 });
    expect(r1.reached).toBe(false);
    expect(r1.iterations).toBeLessThan(300);
    expect(r1.loss).toBeGreaterThan(0.03);
  });

  it('the diagnostic descent tells a run heading to infinity from an ill-conditioned minimum (n = 4 end points of seed 2021)', () => {
    const fp = gridFloatProblem(defaultProblem('sigmoid'), 4);
    // Run 3: two neurons nearly equal with outgoing weights of opposite signs.
    const away = thetaOfPoint({
      W: [['-1.3288358813760102', '0.2168470197981391', '-1.5741973109115008', '-0.8808869278241895'], ['-0.7733309788887994', '-0.008383869774028172', '-0.8762973730409968', '0.6993230752264837']],
      a: ['-1.1784525414109392', '0.7600878162774001', '0.7827025226715205', '-0.36432929682774157'],
    });
    const lossBefore = gridLossFloat(fp, away);
    const d1 = descendToMinimum(fp, away, 300, 1e-10);
    expect(d1.verdict).toBe('diverging');
    expect(Math.hypot(...away)).toBe(d1.normEnd);
    expect(d1.normEnd).toBeGreaterThan(1.2 * d1.normStart);
    expect(gridLossFloat(fp, away)).toBeLessThan(lossBefore);
    // The growth is the pair's outgoing weights a_0, a_2 running off with opposite signs.
    expect(Math.abs(away[2]! + away[8]!)).toBeLessThan(0.1 * Math.abs(away[2]!));
    // Run 6: a minimum with λ_min/λ_max ≈ 1e-9 that the gradient-Newton refinement did not reach.
    const ill = thetaOfPoint({
      W: [['0.836237194040127', '-0.7920814567213756', '-0.44176767724455346', '-0.3433129654416064'], ['0.5978295777219002', '-1.760432175448979', '0.47051053630509393', '0.5643006491223085']],
      a: ['0.5621176768619325', '0.0781236589349455', '-1.690786129801059', '1.05092786356291'],
    });
    const d2 = descendToMinimum(fp, ill, 600, 1e-10);
    expect(d2.verdict).toBe('minimum');
    const g = new Float64Array(12);
    gridGradientFloat(fp, ill, g);
    expect(Math.hypot(...g)).toBeLessThanOrEqual(1e-10);
  });

  it('a run is a deterministic function of the settings and the run index', () => {
    const s = grid({ maxIters: 3000, blockSteps: 1000 });
    const { problem, fp } = gridProblemOfSettings(s);
    const a = gridRunOne(s, problem, fp, 2);
    expect(gridRunOne(s, problem, fp, 2)).toEqual(a);
    expect(a).toMatchObject({ run: 2, setting: 'grid-teacher-2d' });
    expect(a.point).toHaveLength(2);
    expect(a.a).toHaveLength(4);
    if (a.refinement === 'critical-point') expect(a.gradNorm!).toBeLessThanOrEqual(s.tol);
    if (a.refinement === 'zero-loss') expect(a.loss!).toBeLessThan(s.spuriousThreshold);
    expect(['zero-loss', 'critical-point', 'descent', 'stalled', 'max-iters']).toContain(a.refinement);
    if (a.classification === 'diverging') expect(a.descentNorms![1]).toBeGreaterThan(1.2 * a.descentNorms![0]);
  });
});

function record(run: number, theta: Float64Array, classification: GridRunRecord['classification'], loss: number, index: number | null = null): GridRunRecord {
  const p = pointOfTheta(theta, 2, theta.length / 3);
  return {
    run, seed: String(run), setting: 'grid-teacher-2d', iterations: 1000 * (run + 1), adamStop: 'steps', refinement: 'critical-point',
    refineIterations: 3, refineDistance: 0, loss, gradNorm: 1e-16, lambdaMin: 0.1, lambdaMax: 1, negativeEigenvalues: index ?? 0,
    zeroEigenvalues: 0, classification, index, reducedN: 5, level: 0, descentNorms: null, point: p.W, a: p.a,
  };
}

describe('finite-data families and summary', () => {
  const t = simsekTeacher();
  const padded = thetaOfPoint({ W: t.W.map((r, c) => [...r, c === 0 ? '1.5' : '-0.5']), a: [...t.a, '0'] });
  const split = thetaOfPoint({ W: t.W.map((r) => [...r, r[2]!]), a: ['1', '-1', '0.25', '-1', '0.75'] });
  const perm = (x: Float64Array, order: number[]) => {
    const y = new Float64Array(x.length);
    order.forEach((from, to) => y.set(x.subarray(3 * from, 3 * from + 3), 3 * to));
    return y;
  };

  it('groups runs up to permutations and, for the sigmoid on the symmetric grid, the sign flip; by reduced network', () => {
    const s = grid({ n: 5 });
    const recs = [
      record(0, padded, 'global', 0),
      record(1, perm(padded, [4, 2, 0, 1, 3]).map((v) => -v), 'global', 0),
      record(2, split, 'global', 0), // another embedding: teacher neuron 2 split, reduced network = teacher
      record(3, padded, 'spurious-candidate', 0.1), // a different class never joins
    ];
    const fams = groupGridFamilies(recs, s);
    expect(fams.map((f) => [f.classification, f.runs])).toEqual([['global', [0, 1, 2]], ['spurious-candidate', [3]]]);
    expect(fams[0]).toMatchObject({ flipped: 1, reducedN: 4, level: 1, zeroOutput: [4] });
    expect(fams[0]!.maxDist).toBeLessThan(1e-12);
    // ReLU on the same data has no sign-flip symmetry: the flipped copy is another family.
    const r = groupGridFamilies(recs.slice(0, 2), grid({ n: 5, activation: 'relu' }));
    expect(r).toHaveLength(2);
  });

  it('counts runs by class and saddles by index', () => {
    const s = grid({ n: 5 });
    const recs = [record(0, padded, 'global', 0), record(1, split, 'saddle-candidate', 0.01, 2), record(2, padded, 'saddle-candidate', 0.02, 1), record(3, split, 'not-converged', 0.3)];
    const sum = buildGridSummary(s, recs, groupGridFamilies(recs, s), 5);
    expect(sum).toMatchObject({ runs: 4, runsRequested: 5, complete: false, converged: 3, saddleIndexCounts: { 1: 1, 2: 1 } });
    expect(sum.counts).toEqual({ global: 1, 'spurious-candidate': 0, 'saddle-candidate': 2, degenerate: 0, diverging: 0, 'not-converged': 1 });
    expect(sum.adamSteps).toEqual({ median: 2000, max: 4000 });
  });
});

describe('finite-data search end to end', () => {
  it('gives identical families and summaries for 1 and 2 workers, resumes, and feeds inspect', async () => {
    const s = grid({ maxIters: 2000, blockSteps: 1000 });
    const one = join(root, 'w1');
    const two = join(root, 'w2');
    await runSearch(s, { runs: 3, workers: 1, outDir: one });
    await runSearch(s, { runs: 3, workers: 2, outDir: two });
    for (const f of ['families.json', 'summary.json', 'summary.md']) {
      expect(readFileSync(join(two, f), 'utf8')).toBe(readFileSync(join(one, f), 'utf8'));
    }
    const more = await runSearch(s, { runs: 4, workers: 1, outDir: one });
    expect(more).toMatchObject({ resumed: 3, computed: 1 });
    const summary = JSON.parse(readFileSync(join(one, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ setting: 'grid-teacher-2d', runs: 4, n: 4 });
    const fromRuns = loadCandidates(join(one, 'runs.jsonl'), { finiteData: true });
    expect(fromRuns).toHaveLength(4);
    expect(fromRuns[0]!.finiteData!.problem.data.P).toBe(1681);
    const fams = loadCandidates(join(one, 'families.json'), { finiteData: true });
    expect(fams.reduce((t, c) => t + (c.multiplicity ?? 0), 0)).toBe(4);
    expect(() => loadCandidates(join(one, 'families.json'))).toThrow(InputError);
    await expect(runSearch(grid({ maxIters: 2000, blockSteps: 1000, activation: 'relu' }), { runs: 4, workers: 1, outDir: one })).rejects.toThrow(/finiteData/);
  });
});
