/**
 * The reduced variants of the certificate (schema/certificate.schema.json: reducedMinimumCertificate,
 * reducedGlobalCertificate, reducedRefusalCertificate) from a compact candidate and certifyCompact's
 * result. The centre is written in compact form with exact decimal strings (no dense W): the
 * document's size is independent of k. Claims hold only what audit checks (the lemma's numbers,
 * t, and every isotypic type with its dimension, multiplicity and proved lower bound); the float
 * block minima are informative (provenance.details).
 */
import { MINIMUM_LEMMA } from '../certify/lemma.js';
import type { Candidate } from '../io/candidate.js';
import type { ReducedCertifyResult } from '../symmetric/certifyCompact.js';
import { candidateInfoOf, minimumClaimsOf, provenanceOf } from './build.js';
import {
  OBJECTIVE_ID,
  OBJECTIVE_VERSION,
  REDUCED_PD_ENGINE,
  SCHEMA_ID,
  SCHEMA_VERSION,
  type CompactPointSection,
  type Problem,
  type ReducedCertificate,
  type Reduction,
} from './schema.js';

/** The problem of a compact point of size k: identity teacher, d = n = k. */
export function compactProblemOf(k: number): Problem {
  return { objective: OBJECTIVE_ID, objectiveVersion: OBJECTIVE_VERSION, d: k, n: k, k, secondLayer: 'all-ones', teacher: { kind: 'identity' } };
}

export function buildReducedCertificate(
  candidate: Candidate,
  result: ReducedCertifyResult,
  opts: { polish: boolean },
  createdAt: Date = new Date(),
): ReducedCertificate {
  const { p, vals } = result.centre;
  const k = p.reduce((a, b) => a + b, 0);
  const point: CompactPointSection = {
    compact: { p: [...p], vals: vals.map((row) => [...row]) },
    candidate: candidateInfoOf(candidate),
    polish: { steps: result.polish.steps, distanceUpper: result.polish.distanceUpper },
  };
  const provenance = provenanceOf(result.seconds, result.lambdaFloat, createdAt);
  const common = { schema: SCHEMA_ID, schemaVersion: SCHEMA_VERSION, problem: compactProblemOf(k), point, provenance } as const;
  const reduction: Reduction = { kind: 'isotypic', p: [...p] };
  const floatMinima = result.types.filter((t) => Number.isFinite(t.floatMin)).map((t) => ({ type: t.type, floatMin: t.floatMin }));

  switch (result.verdict) {
    case 'spurious-local-minimum':
    case 'local-minimum':
      provenance.details = { orbits: result.orbitCount, typeFloatMinima: floatMinima, polishGradNorms: result.polish.gradNorms };
      return {
        ...common,
        kind: 'minimum',
        method: {
          lemma: MINIMUM_LEMMA.id,
          lemmaVersion: MINIMUM_LEMMA.version,
          statement: MINIMUM_LEMMA.statement,
          precision: result.precision,
          hessianPrecision: result.hessianPrecision,
          pdEngine: REDUCED_PD_ENGINE,
          reduction,
          polish: opts.polish,
          rho: result.rho!,
          mu: result.mu!,
        },
        claims: {
          ...minimumClaimsOf({ ...result, verdict: result.verdict }),
          t: result.t!,
          types: result.types.map((t) => ({
            type: t.type,
            kind: t.kind,
            blocks: [...t.blocks],
            dimension: String(t.dimension),
            multiplicity: t.multiplicity,
            lowerBound: t.lowerBound!,
          })),
          dimensionSum: result.dimensionCheck.sum,
        },
      };
    case 'global-minimum':
      return {
        ...common,
        kind: 'global-minimum',
        method: { lemma: 'teacher-permutation', lemmaVersion: 1 },
        claims: { verdict: 'global-minimum', lossLower: '0', lossUpper: '0' },
      };
    case 'refused': {
      if (result.hint !== undefined) provenance.hint = result.hint;
      if (floatMinima.length > 0) provenance.details = { typeFloatMinima: floatMinima };
      const reason = result.reason;
      if (reason !== 'not-positive-definite' && reason !== 'gradient-too-large' && reason !== 'leaves-smooth-domain' && reason !== 'precision-too-low') {
        throw new Error(`internal: certifyCompact refused with reason ${String(reason)}`);
      }
      return {
        ...common,
        kind: 'refusal',
        method: {
          lemma: MINIMUM_LEMMA.id,
          lemmaVersion: MINIMUM_LEMMA.version,
          precision: result.precision,
          hessianPrecision: result.hessianPrecision,
          reduction,
          polish: opts.polish,
        },
        claims: { verdict: 'refused', reason, evidence: result.evidence ?? {} },
      };
    }
  }
}
