/**
 * The finite-data certificate document (gridSchema.ts) from a candidate and certify's result
 * (src/certify/gridCertify.ts). The problem, the centre and the method are copied exactly; claims
 * hold only what audit checks; provenance holds the informative rest: timings, the float loss and
 * smallest eigenvalue, the refusal's explanation, and the float evidence of an embedding of a
 * smaller network (gridEmbedding.ts: zero-output and duplicated neurons — not a proof).
 */
import type { GridCertifyResult } from '../certify/gridCertify.js';
import { MINIMUM_LEMMA, PD_ENGINE } from '../certify/lemma.js';
import { SADDLE_LEMMA } from '../certify/saddleLemma.js';
import { TEACHER_EMBEDDING_LEMMA } from '../certify/teacherEmbedding.js';
import type { Candidate } from '../io/candidate.js';
import { toolVersion } from '../version.js';
import { candidateInfoOf } from './build.js';
import { type GridCertificate, type GridPoint, gridProblemSection } from './gridSchema.js';
import { SCHEMA_ID, SCHEMA_VERSION, type Provenance } from './schema.js';

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function buildGridCertificate(candidate: Candidate, result: GridCertifyResult, createdAt: Date = new Date()): GridCertificate {
  const fd = candidate.finiteData;
  if (!fd) throw new Error('internal: buildGridCertificate needs a finite-data candidate');
  const problem = gridProblemSection(fd.problem, candidate.n);
  const point: GridPoint = { W: result.centre.W, a: result.centre.a, candidate: candidateInfoOf(candidate), polish: result.polish };
  const s = result.seconds;
  const provenance: Provenance = {
    tool: 'certmin',
    version: toolVersion,
    createdAt: createdAt.toISOString(),
    seconds: { polish: round3(s.polish), gradient: round3(s.gradient), hessian: round3(s.hessian), proof: round3(s.proof), total: round3(s.total) },
  };
  if (result.lambdaFloat !== undefined && Number.isFinite(result.lambdaFloat)) provenance.lambdaMinFloat = result.lambdaFloat;
  if (result.hint !== undefined) provenance.hint = result.hint;
  const details: Record<string, unknown> = {};
  if (result.floatLoss !== undefined && Number.isFinite(result.floatLoss)) details.floatLoss = result.floatLoss;
  if (result.floatEmbedding) details.floatEmbedding = result.floatEmbedding;
  if (result.pd) details.pdProof = result.pd;
  if (result.verdict === 'refused' && result.gradBound !== undefined) details.attempted = { gradBound: result.gradBound };
  if (Object.keys(details).length > 0) provenance.details = details;
  const common = { schema: SCHEMA_ID, schemaVersion: SCHEMA_VERSION, problem, point, provenance } as const;
  const { precision, polished: polish, chart: coordinates } = result;
  switch (result.verdict) {
    case 'spurious-local-minimum':
    case 'local-minimum':
      return {
        ...common,
        kind: 'minimum',
        method: {
          lemma: MINIMUM_LEMMA.id,
          lemmaVersion: MINIMUM_LEMMA.version,
          statement: MINIMUM_LEMMA.statement,
          coordinates,
          precision,
          pdEngine: PD_ENGINE,
          polish,
          rho: result.rho!,
          mu: result.mu!,
        },
        claims: {
          verdict: result.verdict,
          gradBound: result.gradBound!,
          mu: result.mu!,
          radius: result.radius!,
          lossLower: result.lossLower!,
          lossUpper: result.lossUpper!,
          minimumOfL: result.strict ? 'strict' : 'non-strict',
        },
      };
    case 'saddle':
      return {
        ...common,
        kind: 'saddle',
        method: { lemma: SADDLE_LEMMA.id, lemmaVersion: SADDLE_LEMMA.version, statement: SADDLE_LEMMA.statement, coordinates: 'theta', precision, polish, rho: result.rho! },
        claims: {
          verdict: 'saddle',
          morseIndex: result.morseIndex!,
          eta: result.eta!,
          kappa: result.kappa!,
          radius: result.radius!,
          lossLower: result.lossLower!,
          lossUpper: result.lossUpper!,
        },
      };
    case 'global-minimum':
      return {
        ...common,
        kind: 'global-minimum',
        method: { lemma: TEACHER_EMBEDDING_LEMMA.id, lemmaVersion: TEACHER_EMBEDDING_LEMMA.version, statement: TEACHER_EMBEDDING_LEMMA.statement },
        claims: { verdict: 'global-minimum', embedding: result.embedding!, distance: result.distance!, lossLower: '0', lossUpper: '0' },
      };
    case 'refused':
      return {
        ...common,
        kind: 'refusal',
        method: { lemma: result.lemma, lemmaVersion: 1, coordinates, precision, polish },
        claims: { verdict: 'refused', reason: result.reason!, evidence: result.evidence ?? {} },
      };
  }
}
