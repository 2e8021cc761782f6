/**
 * The ball a minimum certificate proves, in one shape for dense and reduced certificates (for
 * certified equivalence of families and other consumers): the centre W̃ (a compact point or a
 * dense W, exact decimal strings), the radius r with ‖W* − W̃‖_F ≤ r, and ρ, μ of the lemma — W*
 * is the only critical point of F in the closed Frobenius ball of radius ρ around W̃, where
 * ∇²F ⪰ μI. Read from the certificate as written: audit it first (auditCertificate) before relying
 * on these numbers.
 */
import { expandCompactPoint } from '../symmetric/compactPoint.js';
import { isReducedCertificate, type Certificate } from './schema.js';

export type CertificateCentre = { kind: 'compact'; p: number[]; vals: string[][] } | { kind: 'dense'; W: string[][] };

export interface CertificateBall {
  centre: CertificateCentre;
  /** d = n = k for a compact centre. */
  d: number;
  n: number;
  k: number;
  /** ‖W* − W̃‖_F ≤ radius. */
  radius: string;
  /** W* is the unique critical point in the Frobenius ball of radius rho around W̃. */
  rho: string;
  /** ∇²F ⪰ mu·I on that ball. */
  mu: string;
  lossLower: string;
  lossUpper: string;
  verdict: 'spurious-local-minimum' | 'local-minimum';
}

/** The ball of a minimum certificate (dense or reduced); undefined for the other kinds. */
export function certificateBall(cert: Certificate): CertificateBall | undefined {
  if (cert.kind !== 'minimum') return undefined;
  const centre: CertificateCentre = isReducedCertificate(cert)
    ? { kind: 'compact', p: [...cert.point.compact.p], vals: cert.point.compact.vals.map((row) => [...row]) }
    : { kind: 'dense', W: cert.point.W };
  const { d, n, k } = cert.problem;
  const cl = cert.claims;
  return { centre, d, n, k, radius: cl.radius, rho: cert.method.rho, mu: cert.method.mu, lossLower: cl.lossLower, lossUpper: cl.lossUpper, verdict: cl.verdict };
}

/** The centre as a dense d×n matrix (a compact centre is expanded: O(k²), for small k only). */
export function denseCentre(ball: CertificateBall): string[][] {
  return ball.centre.kind === 'dense' ? ball.centre.W : expandCompactPoint({ p: ball.centre.p, vals: ball.centre.vals });
}
