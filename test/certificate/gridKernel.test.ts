/**
 * The audit's own finite-data kernel (src/certificate/audit/gridKernel.ts) against certify's
 * enclosures (src/objective/grid*.ts) and the Float64 formulas: two enclosures of the same value
 * must intersect, and the float Hessian at points of a box must lie in (or within float error of)
 * the box enclosure — a wrong formula in either module breaks one of these.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalIntervals, type DecimalInterval } from '../../src/arith/decimalInterval.js';
import { auditProblemOf, gridCentreEnclosures, gridSigmoidBoxHessianAudit, reluCurvatureAudit, reluPatternAudit } from '../../src/certificate/audit/gridKernel.js';
import { gridProblemSection } from '../../src/certificate/gridSchema.js';
import { defaultGridData, defaultProblem, pointOfTheta, simsekTeacher, thetaOfPoint } from '../../src/objective/gridData.js';
import { gridFloatProblem, gridHessianFloat, reducedReluCoordinates, reducedReluHessianFloat } from '../../src/objective/gridFloat.js';
import { reducedReluLossGradientEnclosure, reducedReluPoint, reluPatternOnBox } from '../../src/objective/gridReluReduced.js';
import { gridLossGradientEnclosure } from '../../src/objective/gridRigorous.js';
import { symmetricEigenvalues } from '../../src/linalg/symmetricEigen.js';
import { rng } from '../helpers/random.js';

const meets = (x: { lo: string | Big; hi: string | Big }, y: DecimalInterval) => new Big(x.lo.toString()).lte(y.hi.toString()) && new Big(y.lo.toString()).lte(x.hi.toString());

function randomPoint(seed: number, n: number, scale = 1) {
  const rand = rng(seed);
  const theta = Float64Array.from({ length: 3 * n }, () => (2 * rand() - 1) * scale);
  return pointOfTheta(theta, 2, n);
}

describe('audit kernel for finite data', () => {
  it('rebuilds the named data set and teacher of DESIGN.md §7', () => {
    const prob = auditProblemOf(gridProblemSection(defaultProblem('sigmoid'), 4));
    const key = (X: string[][]) => X.map((r) => r.map((v) => new Big(v).toFixed()).join(',')).sort().join(';');
    expect(key(prob.X)).toBe(key(defaultGridData().X));
    expect(prob.teacher).toEqual({ W: simsekTeacher().W, a: simsekTeacher().a });
  });

  it('sigmoid: its loss and gradient enclosures meet certify\'s, and are tight', () => {
    const problem = defaultProblem('sigmoid');
    const prob = auditProblemOf(gridProblemSection(problem, 4));
    for (const seed of [1, 2]) {
      const pt = randomPoint(seed, 4);
      const mine = gridCentreEnclosures(prob, pt.W, pt.a, 'theta', 30);
      const theirs = gridLossGradientEnclosure(decimalIntervals(30), problem, pt);
      if (!mine.ok) throw new Error(mine.reason);
      expect(meets({ lo: mine.lossLo, hi: mine.lossHi }, theirs.loss)).toBe(true);
      expect(new Big(mine.lossHi).minus(mine.lossLo).lt('1e-25')).toBe(true);
      mine.gradient.forEach((g, j) => expect(meets({ lo: g.lo.toString(), hi: g.hi.toString() }, theirs.gradient[j]!)).toBe(true));
    }
  });

  it('ReLU (reduced coordinates): its enclosures meet certify\'s; a point on a kink is not smooth', () => {
    const problem = defaultProblem('relu');
    const prob = auditProblemOf(gridProblemSection(problem, 4));
    const pt = randomPoint(3, 4);
    const r = reducedReluPoint(problem, pt);
    const W = r.U;
    const a = r.s.map(String);
    const mine = gridCentreEnclosures(prob, W, a, 'reduced-relu', 30);
    const theirs = reducedReluLossGradientEnclosure(decimalIntervals(30), problem, r);
    if (!mine.ok) throw new Error(mine.reason);
    expect(meets({ lo: mine.lossLo, hi: mine.lossHi }, theirs.loss)).toBe(true);
    mine.gradient.forEach((g, j) => expect(meets({ lo: g.lo.toString(), hi: g.hi.toString() }, theirs.gradient[j]!)).toBe(true));
    // w_0 = (1, −1) puts every diagonal grid point on neuron 0's kink.
    const onKink = gridCentreEnclosures(prob, [['1', ...W[0]!.slice(1)], ['-1', ...W[1]!.slice(1)]], a, 'reduced-relu', 30);
    expect(onKink.ok).toBe(false);
  });

  it('sigmoid box Hessian: contains the float Hessian at points of the box (within float error) and is a near point at ρ = 0', () => {
    const problem = defaultProblem('sigmoid');
    const n = 3;
    const prob = auditProblemOf(gridProblemSection(problem, n));
    const fp = gridFloatProblem(problem, n);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const pt = randomPoint(seed, n, 0.8);
        const rho = '0.001';
        const box = gridSigmoidBoxHessianAudit(prob, pt.W, pt.a, rho);
        const rand = rng(seed + 1);
        const theta = thetaOfPoint(pt);
        for (let k = 0; k < 3; k++) {
          const x = theta.map((v) => v + (2 * rand() - 1) * 0.001 * 0.999);
          const H = gridHessianFloat(fp, x);
          for (let j = 0; j < H.length; j++) {
            const tol = 1e-12 * (1 + Math.abs(H[j]!));
            expect(H[j]! >= box.lo[j]! - tol && H[j]! <= box.hi[j]! + tol).toBe(true);
          }
        }
        // At ρ = 0 the enclosure is a near point: a wrong formula would be off by O(1).
        const at = gridSigmoidBoxHessianAudit(prob, pt.W, pt.a, '0');
        const H0 = gridHessianFloat(fp, theta);
        for (let j = 0; j < H0.length; j++) {
          expect(at.hi[j]! - at.lo[j]!).toBeLessThan(1e-10);
          expect(Math.abs((at.lo[j]! + at.hi[j]!) / 2 - H0[j]!)).toBeLessThan(1e-10);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('ReLU pattern and curvature: agree with certify\'s pattern check and with the float spectrum', () => {
    const problem = defaultProblem('relu');
    const n = 3;
    const prob = auditProblemOf(gridProblemSection(problem, n));
    const fp = gridFloatProblem(problem, n);
    let proved = 0;
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const pt = randomPoint(seed, n);
      const r = reducedReluPoint(problem, pt);
      for (const rho of ['0', '1e-3', '0.05']) {
        let certifyOk = true;
        try {
          reluPatternOnBox(problem, r, rho);
        } catch {
          certifyOk = false;
        }
        const mine = reluPatternAudit(prob, r.s, r.U, rho);
        expect(mine.ok).toBe(certifyOk);
        if (!mine.ok || rho !== '0') continue;
        const { u, s } = reducedReluCoordinates(thetaOfPoint(pt), 2, n);
        const lambda = symmetricEigenvalues(reducedReluHessianFloat(fp, u, s), 2 * n)[0]!;
        if (!(lambda > 1e-6)) continue;
        const half = new Big(lambda).times('0.5').toPrecision(6);
        const twice = new Big(lambda).times('2').toPrecision(6);
        expect(reluCurvatureAudit(prob, r.s, mine.active, half).proved).toBe(true);
        expect(reluCurvatureAudit(prob, r.s, mine.active, twice).proved).toBe(false);
        proved++;
      }
    }
    expect(proved).toBeGreaterThan(0);
  });
});
