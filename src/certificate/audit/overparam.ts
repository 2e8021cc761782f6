/**
 * Audit of an 'overparam-conditions' certificate (DESIGN.md §11): the conditions of Safran,
 * Yehudai & Shamir (2021, §4) over the ball of the minimum certificate it rests on.
 *
 * Order: the cheap relations between the claimed numbers and the setting (n = d = k, V = I_k, a
 * spurious minimum, one block bound per neuron, normSumUpper ≤ k, every block bound < 0); then the
 * minimum certificate itself (minimumCertificateOf: the same problem and point with
 * `minimum.method` and `minimum.claims`), audited by minimum.ts — its checks are reported with the
 * prefix 'minimum.'; then the conditions on the ball ‖W − W̃‖_F ≤ r (r = the minimum's radius),
 * by the audit's own route:
 *   (i) Σ_i‖w_i‖ ≤ Σ_i‖w̃_i‖ + √n·r (triangle inequality, Cauchy–Schwarz), with ‖w̃_i‖ and √n
 *       enclosed in decimal interval arithmetic here, must be ≤ claims.normSumUpper;
 *   (ii) for each neuron i the enclosure of H′_ii over the box of half-width r ⊇ the ball
 *       (populationKernel.ts, diagonalBlocksEnclosure), its own float eigenvector u of the
 *       midpoint's smallest eigenvalue (not trusted: any u ≠ 0 serves), and the Rayleigh bound
 *       λ_min(H) ≤ max uᵀHu/uᵀu over the enclosure (src/linalg/rayleighBound.ts) must be ≤
 *       claims.blockEigUpper[i].
 * What it trusts: src/arith, src/linalg's rayleighBound, and exact comparisons (big.js). The
 * theorem itself is cited, not checked: the certificate claims the saddle of the (k + 1)-neuron
 * objective only as its conclusion.
 */
import { decimalIntervals } from '../../arith/decimalInterval.js';
import { exactCompare, exactLess } from '../../arith/exact.js';
import { exactDecimalOfDouble } from '../../arith/exactDouble.js';
import { floatSymmetricEigen } from '../../linalg/floatSymmetricEigen.js';
import { rayleighQuotientUpper } from '../../linalg/rayleighBound.js';
import { expandCompactPoint } from '../../symmetric/compactPoint.js';
import { blockStarts } from '../../symmetric/group.js';
import { isReducedCertificate, minimumCertificateOf, shapeProblems, type OverparamCertificate, type ReducedOverparamCertificate } from '../schema.js';
import { teacherMatrixOf } from '../schema.js';
import { auditMinimum } from './minimum.js';
import { auditReducedMinimum } from './reducedMinimum.js';
import { diagonalBlocksEnclosure, type DensePoint } from './populationKernel.js';
import type { AuditCheck, AuditOptions, Recomputed } from './types.js';

/** Σ_i upper(‖w̃_i‖) + upper(√n)·r at the given precision, every end rounded toward +∞. */
export function ballNormSumUpper(W: string[][], n: number, radius: string, precision: number): string {
  const ar = decimalIntervals(precision);
  const terms = [];
  for (let i = 0; i < n; i++) terms.push(ar.sqrt(ar.sum(W.map((row) => ar.sqr(ar.point(row[i]!))))));
  terms.push(ar.mul(ar.sqrt(ar.point(n)), ar.point(radius)));
  return ar.sum(terms).hi.toString();
}

/** Largest k of a reduced overparam-conditions certificate (its blocks are enclosed on the expanded centre). */
export const MAX_REDUCED_OVERPARAM_K = 300;

/**
 * The neurons whose blocks a certificate bounds, in claim order: every neuron (dense), or the first
 * neuron of every block of the compact centre (reduced: one per G-orbit, see OVERPARAM_CONDITIONS_REDUCED).
 */
export function boundedNeurons(c: OverparamCertificate | ReducedOverparamCertificate): number[] {
  return isReducedCertificate(c) ? blockStarts(c.point.compact.p) : Array.from({ length: c.problem.n }, (_, i) => i);
}

export function auditOverparam(c: OverparamCertificate | ReducedOverparamCertificate, opts: AuditOptions, checks: AuditCheck[], recomputed: Recomputed): void {
  const { d, n, k } = c.problem;
  const neurons = boundedNeurons(c);
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const failed = () => checks.some((ch) => !ch.ok);
  const cl = c.claims;

  // 1. The setting and the claimed numbers.
  const setting = n === k && d === k && c.problem.teacher.kind === 'identity';
  check('setting', setting, `the theorem's setting needs V = I_k and n = d = k: teacher ${c.problem.teacher.kind}, d = ${d}, n = ${n}, k = ${k}`);
  if (isReducedCertificate(c)) {
    // The blocks are enclosed on the expanded k×k centre (O(k³) per block): bounded k keeps audit cheap.
    check('setting', k <= MAX_REDUCED_OVERPARAM_K, `reduced overparam-conditions certificates are audited up to k = ${MAX_REDUCED_OVERPARAM_K}: k = ${k}`);
    if (k > MAX_REDUCED_OVERPARAM_K) return;
  }
  check(
    'minimum.verdict',
    c.minimum.claims.verdict === 'spurious-local-minimum',
    `the theorem needs a non-global minimum: the minimum certificate's verdict is ${c.minimum.claims.verdict}`,
  );
  check('normSumUpper', exactCompare(cl.normSumUpper, String(k)) <= 0, `(i) normSumUpper = ${cl.normSumUpper} ≤ k = ${k}`);
  check(
    'blockEigUpper',
    cl.blockEigUpper.length === neurons.length,
    isReducedCertificate(c)
      ? `one block bound per block of the centre: ${cl.blockEigUpper.length} for ${neurons.length} blocks`
      : `one block bound per neuron: ${cl.blockEigUpper.length} for n = ${n}`,
  );
  const positive = cl.blockEigUpper.findIndex((x) => !exactLess(x, '0'));
  check('blockEigUpper', positive < 0, positive < 0 ? '(ii) every claimed block bound is < 0' : `(ii) blockEigUpper[${positive}] = ${cl.blockEigUpper[positive]} is not < 0`);
  if (failed() && !opts.allChecks) return;

  // 2. The minimum certificate it rests on (its shapes too: a reduced one states its group p).
  const minimumChecks: AuditCheck[] = [];
  const minimumShapes = shapeProblems(minimumCertificateOf(c));
  minimumChecks.push({ name: 'shapes', ok: minimumShapes.length === 0, detail: minimumShapes.length === 0 ? 'consistent shapes' : minimumShapes.join('; ') });
  if (minimumShapes.length > 0) {
    checks.push(...minimumChecks.map((ch) => ({ ...ch, name: `minimum.${ch.name}` })));
    return;
  }
  if (isReducedCertificate(c)) auditReducedMinimum(minimumCertificateOf(c), opts, minimumChecks, recomputed);
  else auditMinimum(minimumCertificateOf(c), opts, minimumChecks, recomputed);
  checks.push(...minimumChecks.map((ch) => ({ ...ch, name: `minimum.${ch.name}` })));
  if (failed() && !opts.allChecks) return;

  // 3. The conditions over the ball, by the audit's own route.
  const r = c.minimum.claims.radius;
  // The dense centre (a compact one expanded: k ≤ 1000 by the expansion limit).
  const W = isReducedCertificate(c) ? expandCompactPoint(c.point.compact) : c.point.W;
  const sumUpper = ballNormSumUpper(W, n, r, c.method.precision + 10);
  check('normSumUpper', exactCompare(sumUpper, cl.normSumUpper) <= 0, `(i) proved Σ‖w_i‖ ≤ ${sumUpper} ≤ ${cl.normSumUpper} on the ball of radius ${r}`);
  if (!setting) return;
  const pt: DensePoint = { d, n, k, W, V: teacherMatrixOf(c.problem) };
  const blocks = diagonalBlocksEnclosure(pt, r, c.method.anglePrecision, neurons);
  if (!blocks.ok) {
    check('blockEigUpper', false, `the box of half-width ${r} is not proved inside Ω: ${blocks.reason}`);
    return;
  }
  let worst = '';
  let allOk = true;
  for (const b of blocks.blocks) {
    const mid = b.lo.map((l, p) => l / 2 + b.hi[p]! / 2);
    const eig = floatSymmetricEigen(mid, d);
    const u = new Float64Array(d);
    for (let a = 0; a < d; a++) u[a] = eig.vectors[a * d]!; // column 0: the smallest eigenvalue
    const upper = rayleighQuotientUpper(u, b.lo, b.hi, d);
    const claimed = cl.blockEigUpper[neurons.indexOf(b.neuron)]!;
    const ok = Number.isFinite(upper) && exactCompare(exactDecimalOfDouble(upper), claimed) <= 0;
    if (!ok && allOk) worst = `neuron ${b.neuron}: proved bound ${Number.isFinite(upper) ? upper : '∞'} > claimed ${claimed}`;
    allOk &&= ok;
  }
  check(
    'blockEigUpper',
    allOk,
    allOk ? `(ii) for every neuron, λ_min(H′_ii) ≤ the audit's own Rayleigh bound ≤ blockEigUpper[i] on the box of half-width ${r}` : `(ii) ${worst}`,
  );
}
