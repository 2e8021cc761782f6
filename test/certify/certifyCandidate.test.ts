import { buildCertificate } from '../../src/certificate/build.js';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { conclusionSentence } from '../../src/certificate/report.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Big from 'big.js';
import { exactCompare, exactLess, exactMul, exactSub } from '../../src/arith/exact.js';
import { certifyCandidate, type CertifyResult } from '../../src/certify/certifyCandidate.js';
import { proveIntervalMatrixAtLeast } from '../../src/linalg/intervalPositiveDefinite.js';
import { lambdaMinFloat } from '../../src/linalg/floatEigen.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { hessianBoxEnclosure, type ExactPoint } from '../../src/objective/reluRigorous.js';
import { hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { floatPointOf } from '../../src/certify/polish.js';
import { gradientDescent } from '../../src/search/gradientDescent.js';
import { MAT_2018, REFERENCE_VALUES, anchorsPresent, cyclicSaddle, exactStrings, referenceValues, searchSpuriousPoint } from './fixtures.js';

function anchorPoint(file: string, index: number): ExactPoint {
  const c = loadCandidates(resolve(MAT_2018, file))[index]!;
  return { d: c.d, n: c.n, k: c.d, W: c.W, V: c.V ?? identityTeacherStrings(c.d) };
}

/** Every claimed relation of a minimum verdict, re-derived exactly from the result's numbers. */
function expectLemmaNumbersConsistent(r: CertifyResult, maxWidth = '1e-25'): void {
  const { gradBound: g, mu, rho, radius, lossLower, lossUpper } = r;
  expect(exactLess(exactMul('2', g!), exactMul(mu!, rho!))).toBe(true);
  expect(exactCompare(exactMul(radius!, mu!), g!)).toBeGreaterThanOrEqual(0);
  expect(exactCompare(lossLower!, lossUpper!)).toBeLessThan(0);
  // Not absurdly loose either.
  expect(exactCompare(exactSub(lossUpper!, lossLower!), maxWidth)).toBeLessThan(0);
}

describe.skipIf(!anchorsPresent)('certify the published k = n = 6, 7 families (anchors)', () => {
  const ref = anchorsPresent ? referenceValues(readFileSync(REFERENCE_VALUES, 'utf8')) : new Map();
  const cases = [
    ['newExp-6-6.mat', 0],
    ['newExp-7-7.mat', 0],
  ] as const;
  const results = new Map<string, CertifyResult>();
  beforeAll(() => {
    for (const [file, idx] of cases) results.set(`${file}#${idx}`, certifyCandidate(anchorPoint(file, idx)));
  });

  for (const [file, idx] of cases) {
    const key = `${file}#${idx}`;
    it(`${key} is a spurious local minimum whose loss enclosure contains the 40-digit reference loss`, () => {
      const r = results.get(key)!;
      const reference = ref.get(key)!;
      expect(reference).toBeDefined();
      expect(r.verdict).toBe('spurious-local-minimum');
      expectLemmaNumbersConsistent(r);
      expect(exactCompare(r.lossLower!, reference.loss)).toBeLessThanOrEqual(0);
      expect(exactCompare(reference.loss, r.lossUpper!)).toBeLessThanOrEqual(0);
      // Tight: width ≲ 1e-30 at precision 40 after polishing.
      expect(exactCompare(exactSub(r.lossUpper!, r.lossLower!), '1e-30')).toBeLessThan(0);
      // μ is below the smallest eigenvalue at the minimum (it is a proved lower bound) and not far below.
      expect(Number(r.mu)).toBeLessThanOrEqual(reference.lambdaMin);
      expect(Number(r.mu)).toBeGreaterThanOrEqual(0.2 * reference.lambdaMin);
      // The stored point → polished centre → W*: the reference distance (4 digits) ≤ distanceUpper + r.
      expect(Number(r.polish.distanceUpper) + Number(r.radius)).toBeGreaterThanOrEqual(reference.distance * (1 - 1e-3));
      expect(Number(r.polish.distanceUpper)).toBeLessThanOrEqual(reference.distance * (1 + 1e-3));
      expect(Number(r.radius)).toBeLessThan(1e-30);
    });
  }
});

describe.skipIf(!anchorsPresent)('too few digits for the curvature (newExp-6-6.mat, λ_min ≈ 0.0047)', () => {
  it('is refused as precision-too-low at 10 digits, and certified at 12', () => {
    // At 10 digits the gradient enclosure is ~1e-8 wide, far above ‖mid ∇F‖ ≈ 1e-9, and the box
    // of half-width ρ = 4g/μ that it then needs is too wide for the Hessian to be proved ⪰ μI.
    const pt = anchorPoint('newExp-6-6.mat', 0);
    const low = certifyCandidate(pt, { precision: 10 });
    expect(low.verdict).toBe('refused');
    expect(low.reason).toBe('precision-too-low');
    expect(low.hint).toMatch(/increase --precision/);
    expect(low.mu).toBeUndefined();
    expect(low.radius).toBeUndefined();
    expect(certifyCandidate(pt, { precision: 12 }).verdict).toBe('spurious-local-minimum');
  });
});

describe('anchor-free points', () => {
  let spurious: { pt: ExactPoint; run: number; lambdaMin: number };
  let spuriousResult: CertifyResult;
  let saddle: ExactPoint;
  beforeAll(() => {
    spurious = searchSpuriousPoint();
    spuriousResult = certifyCandidate(spurious.pt);
    saddle = cyclicSaddle();
  });

  it('a k = n = 7 spurious candidate from the search code is certified spurious, with consistent numbers', () => {
    const r = spuriousResult;
    expect(r.verdict).toBe('spurious-local-minimum');
    expectLemmaNumbersConsistent(r);
    expect(Number(r.mu)).toBeLessThanOrEqual(spurious.lambdaMin);
    expect(r.polish.steps).toBeGreaterThan(0);
    expect(Number(r.gradBound)).toBeLessThanOrEqual(1e-34);
    // lossLower is computed from F_lo rounded down: it is below lossUpper by at least g²/(2μ).
    const g = new Big(r.gradBound!);
    expect(new Big(r.lossUpper!).minus(r.lossLower!).gte(g.times(g).div(new Big(r.mu!).times(2)))).toBe(true);
  });

  it('without polishing the same point is still certified, with a larger radius', () => {
    const r = certifyCandidate(spurious.pt, { polish: false });
    expect(r.verdict).toBe('spurious-local-minimum');
    expect(r.polish.steps).toBe(0);
    expect(Number(r.radius)).toBeGreaterThan(1e-12);
    expect(Number(r.radius)).toBeLessThan(1e-5);
    expectLemmaNumbersConsistent(r, '1e-15');
    // Both balls contain the minimum next to the candidate, so the two centres are at most
    // r_unpolished + r_polished apart (exact check of the squared Frobenius distance).
    let dist2 = new Big(0);
    r.W.forEach((row, a) =>
      row.forEach((x, i) => {
        const diff = new Big(x).minus(spuriousResult.W[a]![i]!);
        dist2 = dist2.plus(diff.times(diff));
      }),
    );
    const sumR = new Big(r.radius!).plus(spuriousResult.radius!);
    expect(dist2.lte(sumR.times(sumR))).toBe(true);
    expect(dist2.gt(0)).toBe(true);
    expect(exactCompare(r.lossLower!, spuriousResult.lossUpper!)).toBeLessThanOrEqual(0);
    expect(exactCompare(spuriousResult.lossLower!, r.lossUpper!)).toBeLessThanOrEqual(0);
  });

  it('the constructed cyclic saddle is a critical point with a negative float eigenvalue', () => {
    const lam = lambdaMinFloat(hessianFloat(makeProblem(3, 3, identityTeacher(3)), floatPointOf(saddle)), 9);
    expect(lam).toBeLessThan(-0.01);
  });

  it('the constructed saddle is never a minimum: the saddle path certifies it with index 1', () => {
    const r = certifyCandidate(saddle);
    expect(r.verdict).toBe('saddle');
    expect(r.lemma).toBe('krawczyk-morse');
    expect(r.saddle!.morseIndex).toBe(1);
    expect(r.lambdaFloat!).toBeLessThan(0);
    expect(r.mu).toBeUndefined();
    expect(Number(r.radius)).toBeLessThan(1e-30);
  });

  it('a certified minimum is never a saddle: the saddle path is not entered when λ̃ > 0', () => {
    expect(spuriousResult.saddle).toBeUndefined();
    expect(spuriousResult.seconds.saddle).toBeUndefined();
  });

  it('and no μ > 0, however small, can be proved for its Hessian (the rigorous step refuses on its own)', () => {
    const box = hessianBoxEnclosure(saddle, '0');
    for (const mu of [1e-3, 1e-8, 1e-14]) expect(proveIntervalMatrixAtLeast(box.lo, box.hi, 9, mu).ok).toBe(false);
  });

  it('the teacher itself, permuted and padded with a zero neuron, is a global minimum (F = 0 exactly)', () => {
    const V = identityTeacherStrings(4);
    const perm = [2, 0, 3, 1];
    const W = V.map((row) => [...perm.map((j) => row[j]!), '0.0']);
    const r = certifyCandidate({ d: 4, n: 5, k: 4, W, V });
    expect(r.verdict).toBe('global-minimum');
    expect(r.lossLower).toBe('0');
    expect(r.lossUpper).toBe('0');
  });

  it('a point one digit away from the teacher is not called global', () => {
    const V = identityTeacherStrings(3);
    const W = V.map((row) => row.slice());
    W[0]![0] = '1.0000000000000000000001';
    const r = certifyCandidate({ d: 3, n: 3, k: 3, W, V });
    expect(r.verdict).not.toBe('global-minimum');
  });

  it('a point with a zero neuron is refused as leaving the smooth domain', () => {
    const W = spurious.pt.W.map((row) => row.slice());
    for (const row of W) row[3] = '0';
    const r = certifyCandidate({ ...spurious.pt, W });
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('leaves-smooth-domain');
    expect(r.hint).toMatch(/neuron 3/);
  });

  it('a point with two identical student neurons is refused as leaving the smooth domain', () => {
    const W = spurious.pt.W.map((row) => row.slice());
    for (const row of W) row[5] = row[2]!;
    const r = certifyCandidate({ ...spurious.pt, W }, { polish: false });
    expect(r.verdict).toBe('refused');
    expect(r.reason).toBe('leaves-smooth-domain');
  });

  it('a rough point far from convergence is refused because the gradient is too large for the curvature', () => {
    const W = spurious.pt.W.map((row, a) => row.map((x, i) => String(Number(x) + 0.05 * Math.cos(3 * a + 7 * i))));
    const r = certifyCandidate({ ...spurious.pt, W }, { polish: false });
    expect(r.verdict).toBe('refused');
    // Its float Hessian may be indefinite there: the saddle path then needs a box sized by the Newton
    // step, which is too wide (existence not proved) or leaves Ω.
    expect(['gradient-too-large', 'existence-not-proved', 'leaves-smooth-domain']).toContain(r.reason);
    expect(r.hint).toBeTruthy();
  });

  it('a local minimum with n < k and positive loss is not called spurious', () => {
    // Student of 5 neurons, teacher I₆: min F may be positive, so F > 0 proves nothing about spuriousness.
    const d = 6;
    const p = makeProblem(d, 5, identityTeacher(d));
    const w = new Float64Array(5 * d);
    for (let q = 0; q < w.length; q++) w[q] = (((q + 1) * 2654435761) % 1000003) / 1000003 - 0.5;
    const res = gradientDescent(p, w, { step: 0.1, tol: 1e-10, tolNorm: 'frobenius', maxIters: 200_000 });
    expect(res.stop).toBe('tolerance');
    const r = certifyCandidate({ d, n: 5, k: d, W: exactStrings(w, d, 5), V: identityTeacherStrings(d) });
    expect(r.verdict).toBe('local-minimum');
    expect(exactCompare(r.lossLower!, '0')).toBeGreaterThan(0);
    // …and the report says why it does not decide spuriousness (from n and k₊, not from free text).
    const cert = buildCertificate({ id: 'n5', d, n: 5, W: r.W, source: { file: 'n5.json', format: 'json' } }, identityTeacherStrings(d), r);
    // (a conclusion is drawn only from a certificate that passes its audit)
    expect(conclusionSentence(cert, auditCertificate(cert))).toMatch(/n = 5 < k₊ = 6/);
  });

  it('a certificate computed at another precision encloses the same minimum', () => {
    const r60 = certifyCandidate(spurious.pt, { precision: 60 });
    expect(r60.verdict).toBe('spurious-local-minimum');
    expect(r60.precision).toBe(60);
    expect(exactCompare(r60.lossLower!, spuriousResult.lossUpper!)).toBeLessThanOrEqual(0);
    expect(exactCompare(spuriousResult.lossLower!, r60.lossUpper!)).toBeLessThanOrEqual(0);
    expect(exactCompare(exactSub(r60.lossUpper!, r60.lossLower!), '1e-50')).toBeLessThan(0);
  });
});
