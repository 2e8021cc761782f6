import Big from 'big.js';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { decimalIntervals } from '../../src/arith/decimalInterval.js';
import { lossAndGradientEnclosure } from '../../src/objective/reluRigorous.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { buildCertificate } from '../../src/certificate/build.js';
import type { Certificate, MinimumCertificate } from '../../src/certificate/schema.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import type { Candidate } from '../../src/io/candidate.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { gradientDescent } from '../../src/search/gradientDescent.js';
import { cyclicSaddle, exactStrings, notPositiveDefiniteResult, searchSpuriousPoint } from '../certify/fixtures.js';

function certificateOf(pt: ExactPoint, id: string): Certificate {
  const cand: Candidate = { id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } };
  return buildCertificate(cand, pt.V, certifyCandidate(pt));
}
function minimumOf(pt: ExactPoint, id: string): MinimumCertificate {
  const c = certificateOf(pt, id);
  if (c.kind !== 'minimum') throw new Error(`${id}: expected a minimum certificate, got ${c.kind}`);
  return c;
}

/** A positive decimal string from a double (exact value of the double). */
function dec(x: number): string {
  return new Big(x).toFixed();
}

let spurious: MinimumCertificate;
let nLessThanK: MinimumCertificate;
let lambdaFloat: number;

beforeAll(() => {
  const sp = searchSpuriousPoint();
  spurious = minimumOf(sp.pt, 'search-k7');
  lambdaFloat = sp.lambdaMin;
  // n = 5 < k = 6: a local minimum with positive loss that is NOT proved spurious.
  const d = 6;
  const p = makeProblem(d, 5, identityTeacher(d));
  const w = new Float64Array(5 * d);
  for (let q = 0; q < w.length; q++) w[q] = (((q + 1) * 2654435761) % 1000003) / 1000003 - 0.5;
  gradientDescent(p, w, { step: 0.1, tol: 1e-10, tolNorm: 'frobenius', maxIters: 200_000 });
  nLessThanK = minimumOf({ d, n: 5, k: d, W: exactStrings(w, d, 5), V: identityTeacherStrings(d) }, 'n5-k6');
});

describe('audit of untouched certificates', () => {
  it('a spurious-minimum certificate holds, with every check listed', () => {
    expect(spurious.claims.verdict).toBe('spurious-local-minimum');
    const a = auditCertificate(spurious);
    expect(a.ok).toBe(true);
    expect(a.kind).toBe('certificate');
    const names = new Set(a.checks.map((c) => c.name));
    for (const n of ['schema', 'shapes', 'mu', 'rho', 'radius', 'verdict', 'gradBound', 'lossUpper', 'lossLower', 'smoothDomain', 'curvature']) {
      expect(names.has(n)).toBe(true);
    }
    // N = 49: all three positive-definiteness engines ran on the audit's own box Hessian.
    expect(a.recomputed?.engines).toEqual(['rump-cholesky-2006', 'congruence-gershgorin', 'decimal-ldl']);
  });

  it('a local-minimum certificate with n < k holds, and changing its verdict to spurious fails', () => {
    expect(nLessThanK.claims.verdict).toBe('local-minimum');
    expect(auditCertificate(nLessThanK).ok).toBe(true);
    const t = structuredClone(nLessThanK);
    t.claims.verdict = 'spurious-local-minimum';
    const a = auditCertificate(t);
    expect(a.ok).toBe(false);
    expect(a.failedClaim).toBe('verdict');
  });

  it('a certificate created at precision 40 still holds when audited at precision 60 or 50', () => {
    // The audit recomputes g and the loss enclosure at method.precision; a tighter enclosure still
    // lies inside the claimed bounds, so the same claims hold.
    for (const P of [60, 50]) {
      const t = structuredClone(spurious);
      t.method.precision = P;
      const a = auditCertificate(t, { ldlMaxOrder: 0 });
      expect(a.ok, JSON.stringify(a.checks.filter((c) => !c.ok))).toBe(true);
    }
    // …and with a finer angle enclosure inside the box Hessian.
    const t = structuredClone(spurious);
    t.method.anglePrecision = 40;
    expect(auditCertificate(t, { ldlMaxOrder: 0 }).ok).toBe(true);
  });

  it('at a precision too low to resolve g ≈ 1e-37 the audit cannot re-establish the gradient bound (fails, says so)', () => {
    const t = structuredClone(spurious);
    t.method.precision = 20;
    const a = auditCertificate(t);
    expect(a.ok).toBe(false);
    expect(a.failedClaim).toBe('gradBound');
  });

  it('a certificate with a matrix teacher: P·W for teacher P (a coordinate permutation) is the same spurious minimum', () => {
    // F(PW; PV) = F(W; V) for an orthogonal P (inputs x ~ N(0, I) are rotation invariant).
    const sp = searchSpuriousPoint();
    const perm = [3, 0, 6, 1, 5, 2, 4];
    const W = perm.map((r) => sp.pt.W[r]!.slice());
    const V = perm.map((r) => identityTeacherStrings(7)[r]!.slice());
    const c = minimumOf({ d: 7, n: 7, k: 7, W, V }, 'permuted');
    expect(c.problem.teacher.kind).toBe('matrix');
    expect(c.claims.verdict).toBe('spurious-local-minimum');
    expect(auditCertificate(c, { ldlMaxOrder: 0 }).ok).toBe(true);
    expect(new Big(c.claims.lossLower!).lte(spurious.claims.lossUpper!)).toBe(true);
    expect(new Big(spurious.claims.lossLower!).lte(c.claims.lossUpper!)).toBe(true);
  });

  it('a refusal\'s reason and evidence are checked: a true refusal holds, a minimum relabelled as refused fails', () => {
    const pt = cyclicSaddle();
    const c = buildCertificate({ id: 'saddle', d: pt.d, n: pt.n, W: pt.W, source: { file: 'saddle.json', format: 'json' } }, pt.V, notPositiveDefiniteResult(pt));
    expect(c.kind).toBe('refusal');
    const a = auditCertificate(c);
    expect(a.ok, JSON.stringify(a.checks)).toBe(true);
    expect(a.kind).toBe('refusal');
    expect(a.checks.find((ch) => ch.name === 'reason')?.detail).toMatch(/λ_min at the centre = -/);
    // The recorded evidence is a claim too.
    const t = structuredClone(c);
    if (t.kind !== 'refusal') throw new Error('unreachable');
    t.claims.evidence.lambdaMinFloat = -0.5;
    expect(auditCertificate(t).failedClaim).toBe('evidence');
    // A positive definite point relabelled "refused (not-positive-definite)".
    const relabelled = {
      ...structuredClone(spurious),
      kind: 'refusal',
      method: { lemma: 'strong-convexity-ball', lemmaVersion: 1, precision: 40, anglePrecision: 20, polish: true },
      claims: { verdict: 'refused', reason: 'not-positive-definite', evidence: { lambdaMinFloat: -0.001 } },
    };
    const r = auditCertificate(relabelled);
    expect(r.ok).toBe(false);
    expect(r.failedClaim).toBe('reason');
    // …and as a box failure ("gradient too large") at the μ and ρ that certify proved.
    const relabelled2 = {
      ...relabelled,
      claims: { verdict: 'refused', reason: 'gradient-too-large', evidence: { gradBound: spurious.claims.gradBound, attempts: [{ mu: spurious.method.mu, rho: spurious.method.rho }] } },
    };
    expect(auditCertificate(relabelled2).failedClaim).toBe('reason');
  });

  it('a global-minimum certificate holds only for an exact permutation of the teacher', () => {
    const V = identityTeacherStrings(3);
    const c = certificateOf({ d: 3, n: 4, k: 3, W: V.map((r) => ['0', r[2]!, r[0]!, r[1]!]), V }, 'global');
    expect(c.kind).toBe('global-minimum');
    expect(auditCertificate(c).ok).toBe(true);
    const t = structuredClone(c);
    t.point.W[1]![1] = '0.9999999999999999999999';
    const a = auditCertificate(t);
    expect(a.ok).toBe(false);
    expect(a.failedClaim).toBe('verdict');
    const t2 = structuredClone(c) as unknown as { claims: Record<string, string> };
    t2.claims.gradBound = '1';
    expect(auditCertificate(t2).failedClaim).toBe('schema');
  });

  it('garbage and schema-invalid documents are reported, never thrown on', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const a = auditCertificate(x);
        return !a.ok && a.kind === 'invalid' && a.failedClaim === 'schema';
      }),
      { numRuns: 300 },
    );
    const t = structuredClone(spurious) as unknown as Record<string, unknown>;
    delete t.claims;
    expect(auditCertificate(t).failedClaim).toBe('schema');
  });

  it('schema-valid certificates with extreme numbers are rejected, never thrown on', () => {
    const extreme = fc.constantFrom('1e9999', '-1e9999', '1e-9999', '0', '-0', '123456789012345678901234567890e500');
    fc.assert(
      fc.property(fc.nat({ max: 48 }), extreme, fc.constantFrom('W', 'rho', 'mu', 'gradBound'), (q, x, where) => {
        const t = structuredClone(spurious);
        if (where === 'W') t.point.W[q % 7]![Math.floor(q / 7)] = x;
        else if (where === 'rho') t.method.rho = x.replace(/^-/, '');
        else if (where === 'mu') t.method.mu = t.claims.mu = x.replace(/^-/, '');
        else t.claims.gradBound = x.replace(/^-/, '');
        const a = auditCertificate(t, { ldlMaxOrder: 0 });
        return a.ok === false && a.failedClaim !== undefined;
      }),
      { numRuns: 25 },
    );
  });
});

describe('tamper fuzz: every false claim is rejected', () => {
  type Mutation = (c: MinimumCertificate) => void;
  /** True iff the audit of the mutated certificate fails, and (when given) on one of the expected claims. */
  function rejects(mutation: Mutation, expected?: string[]): boolean {
    const t = structuredClone(spurious);
    mutation(t);
    const a = auditCertificate(t, { ldlMaxOrder: 0 });
    if (a.ok) return false;
    if (expected && !expected.includes(a.failedClaim!)) throw new Error(`failed on ${a.failedClaim}, expected ${expected.join('|')}`);
    return true;
  }
  const factor = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });

  it('smaller radius (below g/μ)', () => {
    fc.assert(
      fc.property(factor(1e-9, 0.99), (f) => rejects((c) => (c.claims.radius = new Big(c.claims.radius!).times(dec(f)).toFixed()), ['radius'])),
      { numRuns: 40 },
    );
  });

  it('larger μ: beyond the smallest eigenvalue (both copies), or a claims.mu that differs from the proved one', () => {
    fc.assert(
      fc.property(factor(1.05, 100), fc.boolean(), (f, both) =>
        rejects((c) => {
          const mu = dec(lambdaFloat * f);
          c.claims.mu = mu;
          if (both) c.method.mu = mu;
        }, both ? ['curvature'] : ['mu']),
      ),
      { numRuns: 16 },
    );
  });

  // A mutation is *false* only beyond what is true of the exact point: the bounds below come from an
  // 80-digit enclosure at the centre (a smaller g than certify's rounded one may still be true, and
  // is then rightly accepted).
  const exact80 = () => {
    const ar = decimalIntervals(80);
    const e = lossAndGradientEnclosure(ar, { d: 7, n: 7, k: 7, W: spurious.point.W, V: identityTeacherStrings(7) });
    let s2 = new ar.Down(0);
    for (const x of e.gradient) {
      const mig = x.lo.gt(0) ? x.lo : x.hi.lt(0) ? x.hi.neg() : new Decimal(0);
      s2 = s2.plus(new ar.Down(mig).times(mig));
    }
    // ≤ ‖∇F(W̃)‖ (every factor rounded down; the mignitude bounds each |∂F| from below)
    return { gradNormLower: ar.sqrtDown(s2).toFixed(), lossLo: e.loss.lo.toFixed(), lossHi: e.loss.hi.toFixed() };
  };

  it('smaller gradient bound (below the true gradient norm)', () => {
    const { gradNormLower } = exact80();
    fc.assert(
      fc.property(factor(1e-12, 0.99), (f) => rejects((c) => (c.claims.gradBound = new Big(gradNormLower).times(dec(f)).toFixed()), ['gradBound'])),
      { numRuns: 16 },
    );
  });

  it('lower loss bound above F(W̃) ≥ F(W*) / upper loss bound below F(W̃) − g²/(2μ) ≤ F(W*)', () => {
    const { lossLo, lossHi } = exact80();
    const q = new Big(spurious.claims.gradBound).pow(2).div(new Big(spurious.method.mu).times(2));
    const delta = fc.oneof(factor(1e-40, 1e-30), factor(1e-30, 1));
    fc.assert(
      fc.property(delta, fc.boolean(), (dlt, lower) =>
        rejects((c) => {
          if (lower) c.claims.lossLower = new Big(lossHi).plus(dec(dlt)).toFixed();
          else c.claims.lossUpper = new Big(lossLo).minus(q).minus(dec(dlt)).toFixed();
        }, lower ? ['lossLower'] : ['lossUpper']),
      ),
      { numRuns: 30 },
    );
  });

  it('changed verdict', () => {
    expect(rejects((c) => (c.claims.verdict = 'global-minimum' as never), ['schema'])).toBe(true);
    expect(
      rejects((c) => {
        const g = c as unknown as Record<string, unknown>;
        g.kind = 'global-minimum';
        g.method = { lemma: 'teacher-permutation', lemmaVersion: 1 };
        g.claims = { verdict: 'global-minimum', lossLower: '0', lossUpper: '0' };
      }, ['verdict']),
    ).toBe(true);
    expect(rejects((c) => (c.claims.verdict = 'banana' as never), ['schema'])).toBe(true);
    expect(
      rejects((c) => {
        c.claims.lossLower = new Big(c.claims.lossLower!).minus(1).toFixed(); // ≤ 0 and still spurious
      }, ['verdict']),
    ).toBe(true);
  });

  it('a point coordinate changed by more than the radius', () => {
    fc.assert(
      fc.property(fc.nat({ max: 48 }), factor(0, 7), fc.boolean(), (q, e, neg) =>
        rejects((c) => {
          const a = q % 7;
          const i = Math.floor(q / 7);
          // |δ| between 100·r (r ≈ 1e-36) and 1e-2
          const mag = new Big(c.claims.radius!).times(100).times(dec(10 ** (e * 5))).toFixed();
          const delta = new Big(mag).gt('0.01') ? '0.01' : mag;
          c.point.W[a]![i] = new Big(c.point.W[a]![i]!)[neg ? 'minus' : 'plus'](delta).toFixed();
        }, ['gradBound']),
      ),
      { numRuns: 16 },
    );
  });

  it('changed ρ: too small for 2g < μρ, or so large the box leaves Ω or loses convexity', () => {
    fc.assert(
      fc.property(factor(1e-6, 0.49), (f) => rejects((c) => (c.method.rho = new Big(c.method.rho!).times(dec(f)).toFixed()), ['rho'])),
      { numRuns: 20 },
    );
    for (const rho of ['1', '0.3', '5']) expect(rejects((c) => (c.method.rho = rho), ['smoothDomain', 'curvature'])).toBe(true);
  });

  it('changed teacher', () => {
    fc.assert(
      fc.property(fc.nat({ max: 48 }), factor(1e-20, 0.1), (q, dlt) =>
        rejects((c) => {
          const V = identityTeacherStrings(7);
          V[q % 7]![Math.floor(q / 7)] = new Big(V[q % 7]![Math.floor(q / 7)]!).plus(dec(dlt)).toFixed();
          c.problem.teacher = { kind: 'matrix', V };
        }, ['gradBound']),
      ),
      { numRuns: 10 },
    );
    expect(
      rejects((c) => {
        c.problem.teacher = { kind: 'matrix', V: identityTeacherStrings(7).map((r) => r.map((x) => (x === '1' ? '2' : x))) };
      }),
    ).toBe(true);
  });

  it('changed shapes: d, n, k inconsistent with the matrices, or a neuron dropped consistently', () => {
    expect(rejects((c) => (c.problem.n = 6), ['shapes'])).toBe(true);
    expect(rejects((c) => (c.problem.d = 6), ['shapes'])).toBe(true);
    expect(rejects((c) => (c.problem.k = 6), ['shapes'])).toBe(true);
    expect(
      rejects((c) => {
        c.problem.n = 6;
        for (const row of c.point.W) row.pop();
      }, ['verdict', 'gradBound']), // n = 6 < k = 7 already breaks 'spurious'
    ).toBe(true);
    expect(
      rejects((c) => {
        c.problem.d = 6;
        c.problem.k = 6;
        c.point.W.pop();
      }, ['gradBound']),
    ).toBe(true);
  });
});
