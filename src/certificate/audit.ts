/**
 * Audit of a certificate (DESIGN.md §5): trusts nothing but problem, point and
 * method.{precision, anglePrecision, rho, mu}; recomputes the gradient bound, the interval
 * Hessian over the box of half-width ρ, the positive-definiteness proof (Rump; for N ≤ 200 also
 * the independent decimal LDLᵀ) and the loss enclosure, and accepts only when they imply every
 * claim. A certificate is accepted iff all checks hold; each check names the claim it supports.
 *
 * Why acceptance proves the claims: with g := claims.gradBound, μ := method.mu = claims.mu,
 * ρ := method.rho, the recomputed checks establish the lemma's hypotheses (i) ‖∇F(W̃)‖ ≤ g'
 * ≤ g, (ii) every symmetric matrix in the box enclosure ⪰ μI and the box ⊂ Ω (the box contains
 * the ball), (iii) 2g < μρ; the lemma then gives ‖W* − W̃‖ ≤ g/μ ≤ r (checked r·μ ≥ g) and
 * F(W*) ∈ [F_lo − g²/(2μ), F_hi] ⊆ [lossLower, lossUpper] (checked exactly). 'spurious' needs
 * lossLower > 0 and n ≥ k₊ (global minimum value 0); 'global-minimum' needs W to be exactly a
 * permutation of the teacher (plus zero neurons), where F = 0.
 */
import { decimalIntervals } from '../arith/decimalInterval.js';
import { exactCompare } from '../arith/exact.js';
import { fromDecimalInterval } from '../arith/f64Interval.js';
import { decimalString, exactDecimalOf } from '../certify/decimalStrings.js';
import { ballInequalityHolds, isPositive, lossLowerHolds, radiusCovers } from '../certify/lemma.js';
import { isTeacherPermutation, nonzeroTeacherNeurons } from '../certify/teacherPermutation.js';
import { decimalLdlAtLeast } from '../linalg/decimalLdl.js';
import { proveIntervalMatrixAtLeast } from '../linalg/intervalPositiveDefinite.js';
import {
  frobeniusNormUpper,
  hessianBoxEnclosure,
  lossAndGradientEnclosure,
  SmoothDomainError,
  type ExactPoint,
} from '../objective/reluRigorous.js';
import { shapeProblems, teacherMatrix, validateCertificate, type Certificate } from './schema.js';

export interface AuditCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface AuditResult {
  ok: boolean;
  /** 'refusal' when the certificate is a refusal (it claims nothing; ok = true if schema-valid). */
  kind: 'certificate' | 'refusal' | 'invalid';
  verdict?: string;
  id?: string;
  checks: AuditCheck[];
  /** The first claim that does not hold (or 'schema' / 'shapes'). */
  failedClaim?: string;
  /** Numbers the audit computed itself (for reports). */
  recomputed?: Recomputed;
  seconds: number;
}

export interface Recomputed {
  /** Upper bound of ‖∇F(W̃)‖ from the enclosure at method.precision. */
  gradNormUpper?: string;
  /** Enclosure [lossLo, lossHi] of F(W̃) at method.precision. */
  lossLo?: string;
  lossHi?: string;
  /** Rounded-up bound of ‖H − M‖₂ over the box Hessian, and Rump's diagonal shift. */
  t?: number;
  rumpShift?: number;
  /** Smallest proved pivot lower bound of the decimal LDLᵀ of H − μI (N ≤ 200). */
  ldlMinPivot?: string;
  order?: number;
}

export interface AuditOptions {
  /** Run the decimal LDLᵀ cross-check up to this order N (default 200; 0 turns it off). */
  ldlMaxOrder?: number;
  /** Run every check even after one failed (default: stop after the first failing stage). */
  allChecks?: boolean;
}

/** Smallest double ≥ the exact decimal x. */
function doubleAtLeast(x: string): number {
  const d = exactDecimalOf(x);
  return fromDecimalInterval({ lo: d, hi: d }).hi;
}

/**
 * Audits one parsed certificate (any JSON value). Never throws on bad input: an evaluation that
 * fails unexpectedly (e.g. numbers far outside any sensible range) rejects the certificate with
 * the failed claim 'evaluation' — the audit fails closed.
 */
export function auditCertificate(cert: unknown, opts: AuditOptions = {}): AuditResult {
  const t0 = performance.now();
  try {
    return auditUnguarded(cert, opts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      kind: 'certificate',
      checks: [{ name: 'evaluation', ok: false, detail: `the recomputation failed: ${message}` }],
      failedClaim: 'evaluation',
      seconds: (performance.now() - t0) / 1000,
    };
  }
}

function auditUnguarded(cert: unknown, opts: AuditOptions): AuditResult {
  const t0 = performance.now();
  const checks: AuditCheck[] = [];
  const recomputed: Recomputed = {};
  const done = (kind: AuditResult['kind'], c?: Certificate): AuditResult => {
    const failed = checks.find((ch) => !ch.ok);
    const r: AuditResult = { ok: !failed, kind, checks, seconds: (performance.now() - t0) / 1000 };
    if (failed) r.failedClaim = failed.name;
    if (Object.keys(recomputed).length > 0) r.recomputed = recomputed;
    if (c) {
      r.verdict = c.claims.verdict;
      r.id = c.point.candidate.id;
    }
    return r;
  };
  const check = (name: string, ok: boolean, detail: string): boolean => {
    checks.push({ name, ok, detail });
    return ok;
  };

  const v = validateCertificate(cert);
  if (!v.ok) {
    check('schema', false, v.errors.slice(0, 5).join('; ') + (v.errors.length > 5 ? `; … (${v.errors.length} errors)` : ''));
    return done('invalid');
  }
  const c = v.certificate;
  check('schema', true, 'valid certmin-certificate version 1');
  const shapes = shapeProblems(c);
  if (!check('shapes', shapes.length === 0, shapes.length === 0 ? 'W is d×n, V is d×k' : shapes.join('; '))) {
    return done('invalid', c);
  }

  const { d, n, k } = c.problem;
  const V = teacherMatrix(c);
  const pt: ExactPoint = { d, n, k, W: c.point.W, V };
  const claims = c.claims;

  if (claims.verdict === 'refused') {
    check('refusal', true, `refusal (${claims.reason}), no claim`);
    return done('refusal', c);
  }

  if (claims.verdict === 'global-minimum') {
    const perm = isTeacherPermutation(c.point.W, V, n, k);
    check(
      'verdict',
      perm,
      perm
        ? 'W is exactly the teacher up to a permutation of neurons (and zero neurons), so F(W) = 0'
        : 'W is not exactly a permutation of the teacher: F = 0 is not established',
    );
    const extra = (['gradBound', 'mu', 'radius'] as const).filter((key) => claims[key] !== undefined);
    check('claims', extra.length === 0, extra.length === 0 ? 'loss claims are exactly 0' : `unexpected claims ${extra.join(', ')} for a global minimum`);
    return done('certificate', c);
  }

  // A local / spurious minimum: every number below is recomputed from problem, point, method.
  // Stages run from cheap to expensive; the audit stops at the first stage with a failed check
  // (unless opts.allChecks), so a false certificate is rejected quickly.
  const g = claims.gradBound!;
  const mu = c.method.mu!;
  const rho = c.method.rho!;
  const P = c.method.precision;
  const stop = () => !opts.allChecks && checks.some((ch) => !ch.ok);

  // Stage 1: exact relations between the numbers themselves.
  check('mu', exactCompare(claims.mu!, mu) === 0, `claims.mu = ${claims.mu}, method.mu = ${mu}`);
  check('rho', ballInequalityHolds(g, mu, rho), `2g = 2·${g} < μρ = ${mu}·${rho} (hypothesis (iii))`);
  check('radius', radiusCovers(claims.radius!, mu, g), `r·μ = ${claims.radius}·${mu} ≥ g = ${g}`);
  if (claims.verdict === 'spurious-local-minimum') {
    const kPlus = nonzeroTeacherNeurons(V, k);
    const pos = isPositive(claims.lossLower!);
    check(
      'verdict',
      pos && n >= kPlus,
      `spurious needs lossLower > 0 (${pos ? 'holds' : 'fails'}) and n ≥ k₊ (n = ${n}, k₊ = ${kPlus} nonzero teacher neurons)`,
    );
  } else {
    check('verdict', true, 'local minimum (no claim about the global minimum)');
  }
  if (stop()) return done('certificate', c);

  // Stage 2: hypothesis (i) and the loss enclosure of the centre, at method.precision.
  let enc;
  try {
    enc = lossAndGradientEnclosure(decimalIntervals(P), pt);
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    check('gradBound', false, `the centre is not proved inside the smooth domain: ${err.message}`);
    return done('certificate', c);
  }
  const gAudit = decimalString(frobeniusNormUpper(decimalIntervals(P), enc.gradient));
  recomputed.gradNormUpper = gAudit;
  check('gradBound', exactCompare(gAudit, g) <= 0, `recomputed ‖∇F(W̃)‖ ≤ ${gAudit} at precision ${P}; claimed g = ${g}`);
  const fLo = decimalString(enc.loss.lo);
  const fHi = decimalString(enc.loss.hi);
  recomputed.lossLo = fLo;
  recomputed.lossHi = fHi;
  check('lossUpper', exactCompare(claims.lossUpper!, fHi) >= 0, `claimed ${claims.lossUpper} ≥ recomputed F_hi(W̃) = ${fHi}`);
  check(
    'lossLower',
    lossLowerHolds(claims.lossLower!, fLo, mu, g),
    `2μ(F_lo − lossLower) ≥ g² with recomputed F_lo(W̃) = ${fLo}`,
  );
  if (stop()) return done('certificate', c);

  // Stage 3: hypothesis (ii) — box Hessian inside Ω and ⪰ μI.
  const N = n * d;
  let box;
  try {
    box = hessianBoxEnclosure(pt, rho, { anglePrecision: c.method.anglePrecision });
    check('smoothDomain', true, `the box of half-width ρ = ${rho} is proved inside the smooth domain`);
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    check('smoothDomain', false, err.message);
  }
  if (box) {
    const pd = proveIntervalMatrixAtLeast(box.lo, box.hi, N, doubleAtLeast(mu));
    recomputed.order = N;
    recomputed.t = pd.t;
    if (pd.rump) recomputed.rumpShift = pd.rump.shift;
    check(
      'mu',
      pd.ok,
      pd.ok
        ? `Rump's criterion proves every symmetric H in the box Hessian satisfies H ⪰ ${mu}·I (t = ${pd.t.toExponential(3)})`
        : `positive definiteness not proved for μ = ${mu}: ${pd.reason ?? ''}`,
    );
    const ldlMax = opts.ldlMaxOrder ?? 200;
    if (N <= ldlMax && (pd.ok || opts.allChecks)) {
      const ldl = decimalLdlAtLeast(box.lo, box.hi, N, mu);
      if (ldl.minPivotLower !== undefined) recomputed.ldlMinPivot = ldl.minPivotLower;
      check(
        'mu',
        ldl.ok,
        ldl.ok
          ? `independent decimal LDLᵀ also proves H − μI ≻ 0 (smallest pivot ≥ ${ldl.minPivotLower ?? '?'})`
          : `decimal LDLᵀ does not prove H − μI ≻ 0 (pivot ${ldl.failedPivot ?? '?'}: ${ldl.reason ?? ''})`,
      );
    }
  }
  return done('certificate', c);
}
