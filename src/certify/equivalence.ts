/**
 * Certified equivalence of two certified minima: one explicit permutation maps one certified
 * minimum onto the other. The theorem is stated and proved here once; the certificate kind
 * 'equivalence' (schema/certificate.schema.json), its audit (src/certificate/audit/equivalence.ts)
 * and `certmin certify`'s grouping into distinct minima (distinctMinima.ts) cite it.
 *
 * Setting. F(W; V) is the population loss of DESIGN.md §2 with student W (d×n) and teacher V (d×k).
 * A permutation π = (c, q) acts by π(W) = P W Q, π(W)[a][i] = W[c[a]][q[i]] (centrePermutation.ts).
 *
 * Invariance. A permutation matrix P is orthogonal, so κ(Pu, Pv) = κ(u, v) (norms and angles are
 * kept). The columns of PWQ are the vectors P w_{q(i)}, and every sum in
 *   F(W; V) = ½ Σ_{i,j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j) + ½ Σ_{i,j} κ(v_i, v_j)
 * runs over all pairs, so reordering the neurons changes nothing, and
 *   F(PWQ; V) = ½ Σ κ(w_i, w_j) − Σ κ(w_i, Pᵀv_j) + ½ Σ κ(Pᵀv_i, Pᵀv_j) = F(W; PᵀV).
 * F(W; V) depends on V only through the multiset of its columns. If the columns of PV are those of
 * V permuted (PV = VQ′ for a permutation matrix Q′), then PᵀV = VQ′ᵀ, so the columns of PᵀV are
 * those of V permuted too, and F(PWQ; V) = F(W; V) for every W. Every neuron permutation Q is
 * allowed; for V = I_k (d = k) every coordinate permutation P is (PI = I·P: the teacher's neurons
 * are permuted among themselves); for a general V, P is allowed when PV = VQ′, checked exactly
 * (isAllowedCoordinatePermutation).
 *
 * Critical points are carried along. π is linear and permutes entries, so ‖π(H)‖_F = ‖H‖_F. If F is
 * differentiable at W* with ∇F(W*) = 0, then for every K,
 *   F(π(W*) + K) = F(π(W* + π⁻¹K)) = F(W* + π⁻¹K) = F(W*) + o(‖K‖) = F(π(W*)) + o(‖K‖),
 * so π(W*) is a critical point of F, with F(π(W*)) = F(W*).
 *
 * Theorem (symmetric-uniqueness, version 1). Let A and B be minimum certificates for the same
 * problem (lemma strong-convexity-ball, src/certify/lemma.ts): W*_A is a critical point with
 * ‖W*_A − W̃_A‖_F ≤ r_A, and W*_B is the only critical point of F in the closed Frobenius ball
 * B_B = {W : ‖W − W̃_B‖_F ≤ ρ_B}. Let π be an allowed permutation and D ≥ ‖π(W̃_A) − W̃_B‖²_F. If
 *   ρ_B ≥ r_A   and   (ρ_B − r_A)² ≥ D,
 * then π(W*_A) = W*_B: A and B certify the same local minimum, up to π.
 * Proof. π(W*_A) is a critical point (above). By the triangle inequality and ‖π(H)‖ = ‖H‖,
 *   ‖π(W*_A) − W̃_B‖ ≤ ‖π(W*_A) − π(W̃_A)‖ + ‖π(W̃_A) − W̃_B‖ ≤ r_A + √D ≤ r_A + (ρ_B − r_A) = ρ_B
 * (√D ≤ ρ_B − r_A because both sides are ≥ 0 and D ≤ (ρ_B − r_A)²). So π(W*_A) ∈ B_B, and the
 * uniqueness conclusion of B's lemma gives π(W*_A) = W*_B. ∎
 * Consequences: F(W*_A) = F(W*_B) (the two loss enclosures intersect), and the Hessians at W*_A and
 * W*_B are orthogonally similar (same spectrum).
 *
 * Every inequality is decided exactly: D is the exact rational ‖π(W̃_A) − W̃_B‖²_F (big.js, no
 * rounding), compared with (ρ_B − r_A)² exactly. π itself is found in floating point (Hungarian
 * alignment, src/search/align.ts; block relabellings for two compact centres) — how it was found
 * does not matter, only the exact check. Both certificates must pass audit before the conclusion is
 * drawn (certify's grouping and the equivalence audit audit them).
 */
import { exactCompare, exactMul, exactSub } from '../arith/exact.js';
import { teacherMatrixOf, type AnyMinimumCertificate, type Problem } from '../certificate/schema.js';
import { alignPoint, type Symmetry } from '../search/align.js';
import {
  blockRelabellings,
  centreDimensions,
  floatCentre,
  inversePermutation,
  isAllowedCoordinatePermutation,
  isBijection,
  relabellingIndices,
  squaredDistanceUnderPermutation,
  type Centre,
  type IndexPermutation,
} from './centrePermutation.js';
import type { ExactCompactPoint } from '../symmetric/compactPoint.js';
import { normaliseDecimalString } from './decimalStrings.js';
import type { LemmaCheck } from './lemma.js';

export const EQUIVALENCE_LEMMA = {
  id: 'symmetric-uniqueness',
  version: 1,
  statement:
    'Let A and B be minimum certificates for the same problem: W*_A is a critical point with |W*_A - W~_A| <= r_A, and ' +
    'W*_B is the only critical point of F in the closed Frobenius ball of radius rho_B around W~_B. Let pi(W) = P W Q ' +
    'with Q a permutation of neurons and P a permutation of coordinates such that the columns of P V are the columns ' +
    'of V permuted, so that F(pi(W)) = F(W) for every W. If rho_B >= r_A and (rho_B - r_A)^2 >= D >= ' +
    '|pi(W~_A) - W~_B|^2, then pi(W*_A) is a critical point of F in that ball, hence pi(W*_A) = W*_B: A and B certify ' +
    'the same local minimum up to pi.',
} as const;

/** What the theorem needs from a minimum certificate (dense or compact centre). */
export interface CertifiedMinimum {
  /** The candidate id (for messages and sameAs). */
  id: string;
  problem: Problem;
  centre: Centre;
  /** claims.radius: ‖W* − W̃‖_F ≤ radius. */
  radius: string;
  /** method.rho: W* is the only critical point in the closed ball of radius rho around W̃. */
  rho: string;
  lossLower: string;
  lossUpper: string;
}

/**
 * The numbers of a minimum certificate the theorem uses (the certificate itself must pass audit).
 * The centre is point.W, or point.compact = {p, vals} for a certificate of the reduced path
 * (DESIGN.md §9; d = n = k = Σp, identity teacher).
 */
export function certifiedMinimumOf(cert: AnyMinimumCertificate): CertifiedMinimum {
  const point = cert.point;
  return {
    id: cert.point.candidate.id,
    problem: cert.problem,
    centre: 'compact' in point ? { form: 'compact', point: point.compact } : { form: 'dense', W: point.W },
    radius: cert.claims.radius,
    rho: cert.method.rho,
    lossLower: cert.claims.lossLower,
    lossUpper: cert.claims.lossUpper,
  };
}

/** Same objective, shapes and teacher (entries compared as decimal numbers; 'identity' ≡ the matrix I). */
export function sameProblem(p: Problem, q: Problem): boolean {
  if (
    p.objective !== q.objective ||
    p.objectiveVersion !== q.objectiveVersion ||
    p.secondLayer !== q.secondLayer ||
    p.d !== q.d ||
    p.n !== q.n ||
    p.k !== q.k
  ) {
    return false;
  }
  if (p.teacher.kind === 'identity' && q.teacher.kind === 'identity') return true;
  const V = teacherMatrixOf(p);
  const U = teacherMatrixOf(q);
  return V.length === U.length && V.every((row, a) => row.length === U[a]!.length && row.every((x, j) => normaliseDecimalString(x) === normaliseDecimalString(U[a]![j]!)));
}

/** ρ ≥ r and (ρ − r)² ≥ D, exactly: the theorem's hypothesis on the numbers. */
export function ballContains(rho: string, radius: string, squaredDistance: string): boolean {
  if (exactCompare(rho, radius) < 0) return false;
  const gap = exactSub(rho, radius);
  return exactCompare(exactMul(gap, gap), squaredDistance) >= 0;
}

/** An equivalence claim: π maps `from`'s minimum onto `to`'s, with D ≥ ‖π(W̃_from) − W̃_to‖²_F. */
export interface EquivalenceClaim {
  problem: Problem;
  from: CertifiedMinimum;
  to: CertifiedMinimum;
  permutation: IndexPermutation;
  squaredDistance: string;
}

/**
 * The theorem's hypotheses as named checks, cheapest first: 'problem' (both certificates and the
 * claim are for one problem), 'permutation' (bijections of the d coordinates and n neurons),
 * 'symmetry' (F(π(W)) = F(W): the coordinate permutation is allowed for the teacher),
 * 'squaredDistance' (exact ‖π(W̃_from) − W̃_to‖² ≤ D), 'ball' (ρ_to ≥ r_from, (ρ_to − r_from)² ≥ D).
 * Stops after a failed 'problem' or 'permutation' (the rest is then undefined). It does not audit
 * the two certificates: the caller must (the audit of the 'equivalence' kind does, after these).
 */
export function equivalenceChecks(c: EquivalenceClaim): LemmaCheck[] {
  const out: LemmaCheck[] = [];
  const { d, n } = c.problem;
  const same = sameProblem(c.from.problem, c.problem) && sameProblem(c.to.problem, c.problem);
  out.push({ name: 'problem', ok: same, detail: same ? `both certificates are for the problem d = ${d}, n = ${n}, k = ${c.problem.k}` : 'the certificates are for different problems' });
  if (!same) return out;
  const perm = isBijection(c.permutation.coordinates, d) && isBijection(c.permutation.neurons, n);
  out.push({
    name: 'permutation',
    ok: perm,
    detail: perm ? `bijections of the ${d} coordinates and the ${n} neurons` : `not a bijection of the ${d} coordinates and the ${n} neurons (0-based)`,
  });
  if (!perm) return out;
  // V = I_d: every coordinate permutation is allowed (PI = IP), decided without forming I (d may be 10⁶).
  const allowed = c.problem.teacher.kind === 'identity' || isAllowedCoordinatePermutation(teacherMatrixOf(c.problem), c.permutation.coordinates);
  out.push({
    name: 'symmetry',
    ok: allowed,
    detail: allowed
      ? 'F(PWQ) = F(W): the columns of PV are the columns of V permuted'
      : 'the coordinate permutation maps the teacher to a different set of neurons: F is not invariant under it',
  });
  let exact: string | undefined;
  let why = '';
  try {
    exact = squaredDistanceUnderPermutation(c.from.centre, c.to.centre, c.permutation);
  } catch (err) {
    why = (err as Error).message;
  }
  const within = exact !== undefined && exactCompare(exact, c.squaredDistance) <= 0;
  out.push({
    name: 'squaredDistance',
    ok: within,
    detail: exact === undefined ? why : `‖π(W̃_a) − W̃_b‖²_F = ${normaliseDecimalString(exact)} (exact) ≤ D = ${c.squaredDistance}`,
  });
  const ball = ballContains(c.to.rho, c.from.radius, c.squaredDistance);
  out.push({
    name: 'ball',
    ok: ball,
    detail: `ρ_b = ${c.to.rho} ≥ r_a = ${c.from.radius} and (ρ_b − r_a)² ≥ D: π(W*_a) lies in the uniqueness ball of b${ball ? '' : ' — fails'}`,
  });
  return out;
}

export type EquivalenceSearch =
  | ({ proved: true; floatDistance: number } & EquivalenceClaim)
  | { proved: false; reason: string; floatDistance?: number; squaredDistance?: string };

/** Which permutations the float search may use: coordinates too only for the identity teacher. */
function searchSymmetry(problem: Problem): Symmetry {
  return problem.teacher.kind === 'identity' ? 'neurons-and-coordinates' : 'neurons';
}

/** The best permutation found in floating point (or by block relabelling), with its exact distance. */
function candidatePermutation(a: CertifiedMinimum, b: CertifiedMinimum): { pi: IndexPermutation; exact: string; floatDistance: number } | undefined {
  if (a.centre.form === 'compact' && b.centre.form === 'compact') {
    const pa = a.centre.point.p;
    const pb = b.centre.point.p;
    let best: { pi: IndexPermutation; exact: string; floatDistance: number } | undefined;
    for (const sigma of blockRelabellings(pa, pb)) {
      const idx = relabellingIndices(pa, pb, sigma);
      const pi = { coordinates: idx, neurons: idx };
      const exact = squaredDistanceUnderPermutation(a.centre, b.centre, pi);
      if (!best || exactCompare(exact, best.exact) < 0) best = { pi, exact, floatDistance: Math.sqrt(Number(exact)) };
    }
    return best;
  }
  const { d, n } = centreDimensions(b.centre);
  const al = alignPoint(floatCentre(a.centre), floatCentre(b.centre), d, n, searchSymmetry(a.problem));
  const pi = { coordinates: Array.from(al.rowPerm), neurons: Array.from(al.colPerm) };
  return { pi, exact: squaredDistanceUnderPermutation(a.centre, b.centre, pi), floatDistance: al.dist };
}

/**
 * Looks for a permutation proving that a and b are the same minimum: π from the float alignment
 * (or the block relabellings of two compact centres), the exact D = ‖π(W̃_a) − W̃_b‖², then the
 * theorem in the direction that holds — π mapping a into b's ball, or π⁻¹ mapping b into a's
 * (D is the same both ways). A proof is returned only after equivalenceChecks all pass on it.
 * The certificates behind a and b must still pass audit before the result is used.
 */
export function findEquivalence(a: CertifiedMinimum, b: CertifiedMinimum): EquivalenceSearch {
  if (!sameProblem(a.problem, b.problem)) return { proved: false, reason: 'the certificates are for different problems' };
  const found = candidatePermutation(a, b);
  if (!found) return { proved: false, reason: 'the compact centres have different multisets of block sizes' };
  const { pi, exact, floatDistance } = found;
  const tries: EquivalenceClaim[] = [
    { problem: a.problem, from: a, to: b, permutation: pi, squaredDistance: exact },
    { problem: a.problem, from: b, to: a, permutation: inversePermutation(pi), squaredDistance: exact },
  ];
  for (const claim of tries) {
    if (!ballContains(claim.to.rho, claim.from.radius, exact)) continue;
    const checks = equivalenceChecks(claim);
    const failed = checks.find((ch) => !ch.ok);
    if (failed) return { proved: false, reason: `${failed.name}: ${failed.detail}`, floatDistance, squaredDistance: exact };
    return { proved: true, floatDistance, ...claim };
  }
  return {
    proved: false,
    reason:
      `the best permutation found leaves the centres at distance ≈ ${floatDistance.toPrecision(3)}, beyond either uniqueness ball ` +
      `(ρ_a = ${a.rho}, r_a = ${a.radius}; ρ_b = ${b.rho}, r_b = ${b.radius})`,
    floatDistance,
    squaredDistance: exact,
  };
}
