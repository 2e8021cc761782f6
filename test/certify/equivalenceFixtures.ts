/**
 * Two certificates of one minimum for the equivalence tests, independent of the shared anchors:
 * the k = n = 7 spurious point of fixtures.ts certified as found, and certified again from a copy
 * of it permuted by a random (P, Q) and perturbed by ~1e-9 (so polishing reaches a different
 * centre near the permuted minimum: the exact distance between the centres is not 0).
 */
import Big from 'big.js';
import { buildCertificate } from '../../src/certificate/build.js';
import type { MinimumCertificate } from '../../src/certificate/schema.js';
import { permuteDense, type IndexPermutation } from '../../src/certify/centrePermutation.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import type { ExactPoint } from '../../src/objective/exactPoint.js';
import { randomPermutation, rng } from '../helpers/random.js';
import { searchSpuriousPoint } from './fixtures.js';

export function certifyMinimum(pt: ExactPoint, id: string): MinimumCertificate {
  const cand = { id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } };
  const cert = buildCertificate(cand, pt.V, certifyCandidate(pt));
  if (cert.kind !== 'minimum') throw new Error(`fixture ${id}: expected a minimum certificate, got ${cert.kind}`);
  return cert;
}

export interface MinimumPair {
  pt: ExactPoint;
  /** The permutation applied to the start of b (π(W_a-start) ≈ W_b-start). */
  pi: IndexPermutation;
  a: MinimumCertificate;
  b: MinimumCertificate;
}

/** The point permuted by a fixed random (P, Q) and perturbed by ~1e-9 (exact strings). */
export function permutedStart(pt: ExactPoint): { pi: IndexPermutation; W: string[][] } {
  const r = rng(2024);
  const pi = { coordinates: randomPermutation(pt.d, r), neurons: randomPermutation(pt.n, r) };
  const W = permuteDense(pt.W, pi).map((row, a) => row.map((x, i) => new Big(x).plus(new Big(((a * 7 + i) % 5) - 2).times('1e-9')).toFixed()));
  return { pi, W };
}

/** permutedStart, certified (id 'minimum-b'). */
export function permutedPartner(pt: ExactPoint): { pi: IndexPermutation; b: MinimumCertificate } {
  const { pi, W } = permutedStart(pt);
  return { pi, b: certifyMinimum({ ...pt, W }, 'minimum-b') };
}

export function permutedMinimumPair(): MinimumPair {
  const pt = searchSpuriousPoint().pt;
  return { pt, a: certifyMinimum(pt, 'minimum-a'), ...permutedPartner(pt) };
}
