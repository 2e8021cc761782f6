/**
 * `auditCertificate`: re-checks a certificate from its problem, point and method alone
 * (DESIGN.md §5, §12). It never throws on bad input: a document that is not a valid certificate is
 * 'invalid' (failed claim 'schema' or 'shapes'), and an evaluation that fails unexpectedly rejects
 * the certificate with the failed claim 'evaluation' — the audit fails closed.
 *
 * Per kind:
 *   - minimum: the lemma's checks (src/certify/lemma.ts) on the audit's own evidence (minimum.ts,
 *     populationKernel.ts);
 *   - saddle: the saddle lemma's checks (src/certify/saddleLemma.ts) on the audit's own evidence
 *     (saddle.ts, populationKernel.ts);
 *   - global-minimum: W is exactly the teacher up to a permutation of neurons and zero neurons;
 *   - refusal: its reason and evidence (refusal.ts);
 *   - overparam-conditions: the minimum certificate it rests on, then the conditions of
 *     Safran, Yehudai & Shamir (2021, §4) over its ball (overparam.ts);
 *   - equivalence: the exact hypotheses of the theorem in src/certify/equivalence.ts, then both
 *     embedded minimum certificates in full (equivalence.ts).
 * A certificate with a compact centre (the reduced path, DESIGN.md §9) is audited by
 * reducedMinimum.ts / reducedRefusal.ts (global: the centre expands to a permutation matrix).
 * A version-1 document is audited through its version-2 view (schema.ts, readCertificate).
 */
import { isTeacherPermutation } from '../../certify/teacherPermutation.js';
import { isCompactTeacherPermutation } from '../../symmetric/compactPoint.js';
import { gridShapeProblems, type GridCertificate } from '../gridSchema.js';
import { isReducedCertificate, readAnyCertificate, shapeProblems, teacherMatrixOf, type AnyCertificate } from '../schema.js';
import { auditEquivalence } from './equivalence.js';
import { auditGridCertificate, GRID_AUDIT_TRUSTS } from './grid.js';
import { auditMinimum } from './minimum.js';
import { auditReducedMinimum } from './reducedMinimum.js';
import { auditReducedRefusal } from './reducedRefusal.js';
import { auditRefusal } from './refusal.js';
import { auditSaddle } from './saddle.js';
import { auditOverparam } from './overparam.js';
import type { AuditCheck, AuditOptions, AuditResult, Recomputed } from './types.js';

export type { AuditCheck, AuditOptions, AuditResult, Recomputed } from './types.js';

/** What an accepted audit rests on (printed by `certmin audit --verbose`). */
export const AUDIT_TRUSTS =
  'The audit trusts: the decimal and Float64 interval arithmetic of src/arith (directed rounding; π and arccos ' +
  'from +, −, ×, ÷, √ with explicit remainders; exact big.js comparisons), and the positive-definiteness engines ' +
  'of src/linalg (Rump 2006; congruence with Gershgorin discs and rigorous float products; decimal LDLᵀ). It ' +
  're-derives the loss, gradient and box Hessian of a dense certificate with its own code ' +
  '(src/certificate/audit/populationKernel.ts), not with certify\'s. ' +
  GRID_AUDIT_TRUSTS;

export function auditCertificate(doc: unknown, opts: AuditOptions = {}): AuditResult {
  const t0 = performance.now();
  const checks: AuditCheck[] = [];
  const recomputed: Recomputed = {};
  let cert: AnyCertificate | GridCertificate | undefined;
  let version: 1 | 2 | undefined;
  const done = (kind: AuditResult['kind']): AuditResult => {
    const failed = checks.find((ch) => !ch.ok);
    const r: AuditResult = { ok: !failed, kind, checks, seconds: (performance.now() - t0) / 1000 };
    if (failed) r.failedClaim = failed.name;
    if (version !== undefined) r.version = version;
    if (Object.keys(recomputed).length > 0) r.recomputed = recomputed;
    if (cert) {
      r.verdict = cert.claims.verdict;
      r.id =
        cert.kind === 'equivalence'
          ? `${cert.certificates.a.point.candidate.id} ≡ ${cert.certificates.b.point.candidate.id}`
          : cert.point.candidate.id;
    }
    return r;
  };
  try {
    const read = readAnyCertificate(doc);
    if (!read.ok) {
      const e = read.errors;
      checks.push({ name: 'schema', ok: false, detail: e.slice(0, 5).join('; ') + (e.length > 5 ? `; … (${e.length} errors)` : '') });
      return done('invalid');
    }
    cert = read.certificate;
    version = read.version;
    checks.push({ name: 'schema', ok: true, detail: `valid certmin-certificate version ${read.version}` });
    if (read.objective === 'grid') {
      const g = read.certificate;
      const gridShapes = gridShapeProblems(g);
      checks.push({ name: 'shapes', ok: gridShapes.length === 0, detail: gridShapes.length === 0 ? 'W is 2×n, a has n entries, the data have P points' : gridShapes.join('; ') });
      if (gridShapes.length > 0) return done('invalid');
      auditGridCertificate(g, opts, checks, recomputed);
      return done(g.kind === 'refusal' ? 'refusal' : 'certificate');
    }
    const pop = read.certificate;
    cert = pop;
    if (pop.kind === 'equivalence') {
      auditEquivalence(pop, opts, checks, auditCertificate);
      return done('certificate');
    }
    const shapes = shapeProblems(pop);
    checks.push({ name: 'shapes', ok: shapes.length === 0, detail: shapes.length > 0 ? shapes.join('; ') : isReducedCertificate(pop) ? 'vals is m×(m+1), d = n = k = Σp, reduction.p = p' : 'W is d×n, V is d×k' });
    if (shapes.length > 0) return done('invalid');

    switch (pop.kind) {
      case 'minimum':
        if (isReducedCertificate(pop)) auditReducedMinimum(pop, opts, checks, recomputed);
        else auditMinimum(pop, opts, checks, recomputed);
        return done('certificate');
      case 'global-minimum': {
        const reduced = isReducedCertificate(pop);
        const perm = isReducedCertificate(pop)
          ? isCompactTeacherPermutation(pop.point.compact)
          : isTeacherPermutation(pop.point.W, teacherMatrixOf(pop.problem), pop.problem.n, pop.problem.k);
        const what = reduced ? 'the compact centre expands to a permutation matrix' : 'W is exactly the teacher up to a permutation of neurons (and zero neurons)';
        checks.push({
          name: 'verdict',
          ok: perm,
          detail: perm ? `${what}, so F(W) = 0 = min F` : `it is not true that ${what}: F = 0 is not established`,
        });
        return done('certificate');
      }
      case 'refusal':
        if (isReducedCertificate(pop)) auditReducedRefusal(pop, checks, recomputed);
        else auditRefusal(pop, checks, recomputed);
        return done('refusal');
      case 'saddle':
        auditSaddle(pop, opts, checks, recomputed);
        return done('certificate');
      case 'overparam-conditions':
        auditOverparam(pop, opts, checks, recomputed);
        return done('certificate');
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    checks.push({ name: 'evaluation', ok: false, detail: `the recomputation failed: ${message}` });
    return done(cert ? 'certificate' : 'invalid');
  }
}
