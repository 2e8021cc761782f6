import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { exactCompare, exactSub } from '../../src/arith/exact.js';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { buildCertificate } from '../../src/certificate/build.js';
import type { SaddleCertificate } from '../../src/certificate/schema.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { certifySaddle, type SaddleResult } from '../../src/certify/certifySaddle.js';
import { floatPointOf, floatProblemOf } from '../../src/certify/polish.js';
import { existenceHolds, existenceRadiusCovers } from '../../src/certify/saddleLemma.js';
import { floatSymmetricEigen } from '../../src/linalg/floatSymmetricEigen.js';
import { proveInertia } from '../../src/linalg/intervalInertia.js';
import { symmetricMidpointRadius } from '../../src/linalg/midpointRadius.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { hessianFloat } from '../../src/objective/reluFloat.js';
import { hessianBoxEnclosure, lossEnclosure, type ExactPoint } from '../../src/objective/reluRigorous.js';
import { MAT_2018, REFERENCE_VALUES, anchorsPresent, cyclicSaddle, referenceValues } from './fixtures.js';
import { rotationOrbitCriticalPoint, symmetricMinimumK6, symmetricSaddleK4 } from './saddleFixtures.js';

/** Number of negative eigenvalues of the float Hessian at W (ml-matrix, an independent eigensolver). */
function floatNegativeCount(pt: ExactPoint, W: string[][]): number {
  const H = hessianFloat(floatProblemOf(pt), floatPointOf({ ...pt, W }));
  const N = pt.n * pt.d;
  const rows = Array.from({ length: N }, (_, i) => Array.from(H.subarray(i * N, i * N + N)));
  return new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.filter((x) => x < 0).length;
}

/** Every relation a 'saddle' result states, re-derived exactly from its numbers. */
function expectSaddleNumbersConsistent(pt: ExactPoint, r: SaddleResult): void {
  expect(r.verdict).toBe('saddle');
  expect(existenceHolds(r.eta!, r.kappa!, r.rho!)).toBe(true);
  expect(existenceRadiusCovers(r.radius!, r.eta!, r.kappa!)).toBe(true);
  expect(r.morseIndex).toBeGreaterThanOrEqual(1);
  expect(r.morseIndex).toBeLessThan(pt.n * pt.d);
  // The loss enclosure contains F at the centre (evaluated independently at a higher precision) and is tight.
  const f = lossEnclosure(decimalIntervals(60), { ...pt, W: r.W });
  expect(exactCompare(r.lossLower!, f.lo.toFixed())).toBeLessThanOrEqual(0);
  expect(exactCompare(f.hi.toFixed(), r.lossUpper!)).toBeLessThanOrEqual(0);
  expect(exactCompare(exactSub(r.lossUpper!, r.lossLower!), '1e-30')).toBeLessThan(0);
}

/** The saddle certificate certify writes for pt (through certifyCandidate: float screen, then the saddle path). */
function saddleCertificate(pt: ExactPoint, id: string): SaddleCertificate {
  const r = certifyCandidate(pt);
  const cert = buildCertificate({ id, d: pt.d, n: pt.n, W: pt.W, source: { file: id, format: 'json' } }, pt.V, r);
  if (cert.kind !== 'saddle') throw new Error(`${id}: expected a saddle certificate, got ${cert.kind}`);
  return cert;
}

describe('certifySaddle on synthetic critical points', () => {
  const cyclic = cyclicSaddle();
  let cyclicResult: SaddleResult;
  beforeAll(() => {
    cyclicResult = certifySaddle(cyclic);
  });

  it('certifies the cyclic k = n = 3 saddle with the index of its float Hessian (1)', () => {
    expectSaddleNumbersConsistent(cyclic, cyclicResult);
    expect(cyclicResult.morseIndex).toBe(floatNegativeCount(cyclic, cyclicResult.W));
    expect(cyclicResult.morseIndex).toBe(1);
    expect(Number(cyclicResult.radius)).toBeLessThan(1e-30);
  });

  it('certifies the symmetric k = n = 4 point as a saddle of index 3', () => {
    const pt = symmetricSaddleK4();
    const r = certifySaddle(pt);
    expectSaddleNumbersConsistent(pt, r);
    expect(r.morseIndex).toBe(floatNegativeCount(pt, r.W));
    expect(r.morseIndex).toBe(3);
  });

  it('audit accepts the saddle certificate and rejects each tampered claim, naming it', () => {
    const cert = saddleCertificate(cyclic, 'cyclic');
    expect(cert.claims.morseIndex).toBe(1);
    const good = auditCertificate(cert, { allChecks: true });
    expect(good.ok, JSON.stringify(good.checks.filter((c) => !c.ok))).toBe(true);
    expect(good.recomputed!.morseIndex).toBe(1);
    const failedClaim = (mutate: (c: SaddleCertificate) => void) => {
      const t = structuredClone(cert);
      mutate(t);
      return auditCertificate(t).failedClaim;
    };
    // (c) fails when the box is too small for η (η > (1 − κ)ρ).
    expect(failedClaim((c) => (c.method.rho = '1e-45'))).toBe('rho');
    expect(failedClaim((c) => (c.claims.radius = '1e-45'))).toBe('radius');
    expect(failedClaim((c) => (c.claims.morseIndex = 2))).toBe('morseIndex');
    // κ below what any Y achieves over this enclosure; η below the Newton step.
    expect(failedClaim((c) => (c.claims.kappa = '1e-30'))).toBe('kappa');
    expect(failedClaim((c) => (c.claims.eta = '1e-60'))).toBe('eta');
    expect(failedClaim((c) => (c.claims.lossUpper = exactSub(c.claims.lossUpper, '1e-37')))).toBe('lossUpper');
    expect(failedClaim((c) => (c.claims.lossLower = exactSub(c.claims.lossLower, '-1e-37')))).toBe('lossLower');
    // a box far outside the smooth domain (neurons of the cyclic point have norm ≈ 1), with (c) still true
    expect(failedClaim((c) => (c.method.rho = '2'))).toBe('smoothDomain');
  });

  it('never calls a minimum a saddle: index 0 is refused as a minimum candidate', () => {
    const r = certifySaddle(symmetricMinimumK6());
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('minimum-candidate');
    expect(r.hint).toMatch(/index 0.*use|lemma/);
    expect(r.floatSpectrum!.negative).toBe(0);
  });

  it('refuses a degenerate critical point (on a circle of critical points) as degenerate', () => {
    const pt = rotationOrbitCriticalPoint();
    const r = certifySaddle(pt);
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('degenerate');
    expect(Math.abs(r.degenerateDirection!.floatEigenvalue)).toBeLessThan(1e-14);
    expect(r.floatSpectrum!.negative).toBe(1);
  });

  it('the rigorous inertia proof itself refuses the degenerate point (its Hessian enclosure holds a singular matrix)', () => {
    const pt = rotationOrbitCriticalPoint();
    const N = pt.n * pt.d;
    const box = hessianBoxEnclosure(pt, '0');
    const mr = symmetricMidpointRadius(box.lo, box.hi, N, { keepRadius: true });
    if (!mr.ok) throw new Error(mr.reason);
    const proof = proveInertia(mr.value, floatSymmetricEigen(mr.value.M, N).vectors);
    expect(proof.ok).toBe(false);
    expect(proof.touching.length).toBe(1);
  });

  it('refuses when existence cannot be proved: an unpolished point 1e-2 away (box too wide for the curvature)', () => {
    const W = cyclic.W.map((row) => row.map((x) => String(Number(x) + 0.01)));
    const r = certifySaddle({ ...cyclic, W }, { polish: false });
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('existence-not-proved');
    expect(r.hint).toMatch(/κ/);
  });

  it('refuses a point outside the smooth domain', () => {
    const W = cyclic.W.map((row) => [...row]);
    for (let a = 0; a < 3; a++) W[a]![1] = '0';
    const r = certifySaddle({ ...cyclic, W });
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('leaves-smooth-domain');
  });
});

describe.skipIf(!anchorsPresent)('certifySaddle on the published data (anchors)', () => {
  const point = (file: string, index: number): ExactPoint => {
    const c = loadCandidates(resolve(MAT_2018, file))[index]!;
    return { d: c.d, n: c.n, k: c.d, W: c.W, V: c.V! };
  };

  it('newExp-15-16 #6 (float eigenvalues −0.0027 twice, then positive) is a saddle of index 2; audit accepts', () => {
    const pt = point('newExp-15-16.mat', 6);
    const r = certifySaddle(pt);
    expectSaddleNumbersConsistent(pt, r);
    expect(r.morseIndex).toBe(2);
    const ref = referenceValues(readFileSync(REFERENCE_VALUES, 'utf8')).get('newExp-15-16.mat#6')!;
    expect(ref).toBeDefined();
    expect(exactCompare(r.lossLower!, ref.loss)).toBeLessThanOrEqual(0);
    expect(exactCompare(ref.loss, r.lossUpper!)).toBeLessThanOrEqual(0);
    expect(r.floatSpectrum!.smallest).toBeCloseTo(ref.lambdaMin, 6);
    // Newton polishing converged to the saddle: gradient ~1e-37 at a distance matching the reference.
    expect(Number(r.gradBound)).toBeLessThan(1e-33);
    expect(Number(r.polish.distanceUpper)).toBeGreaterThanOrEqual(ref.distance * (1 - 1e-3));
    expect(Number(r.polish.distanceUpper)).toBeLessThanOrEqual(ref.distance * (1 + 1e-3));
    expect(Number(r.inertia!.minGap)).toBeGreaterThan(0.0026);
    const cert = saddleCertificate(pt, 'newExp-15-16.mat#6');
    expect(cert.claims.morseIndex).toBe(2);
    expect(auditCertificate(cert, { ldlMaxOrder: 0 }).ok).toBe(true);
  }, 60_000);

  it('newExp-7-7 #0 (a spurious minimum) is never a saddle', () => {
    const r = certifySaddle(point('newExp-7-7.mat', 0));
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('minimum-candidate');
    expect(r.morseIndex).toBeUndefined();
  });
});
