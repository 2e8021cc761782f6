/**
 * Assembles the version-2 certificate document from a candidate, its teacher and certify's
 * result. Everything a re-check needs (problem, point, method) is copied exactly; claims hold only
 * what audit checks; provenance holds what is informative only (timings, float estimates, the
 * refusal's explanation).
 */
import type { CertifyResult, PhaseSeconds } from '../certify/certifyCandidate.js';
import type { IndexPermutation } from '../certify/centrePermutation.js';
import { EQUIVALENCE_LEMMA } from '../certify/equivalence.js';
import { compactPointDigest } from '../symmetric/compactPoint.js';
import { MINIMUM_LEMMA, PD_ENGINE } from '../certify/lemma.js';
import { SADDLE_LEMMA } from '../certify/saddleLemma.js';
import {
  OVERPARAM_CONCLUSION,
  OVERPARAM_CONDITIONS,
  OVERPARAM_CONDITIONS_REDUCED,
  OVERPARAM_THEOREM,
  OVERPARAM_THEOREM_ID,
  type OverparamResult,
} from '../certify/overparamConditions.js';
import { normaliseDecimalString } from '../certify/decimalStrings.js';
import type { Candidate } from '../io/candidate.js';
import { pointDigest } from '../objective/exactPoint.js';
import { toolVersion } from '../version.js';
import type { GridCertificate } from './gridSchema.js';
import {
  OBJECTIVE_ID,
  OBJECTIVE_VERSION,
  SCHEMA_ID,
  SCHEMA_VERSION,
  type AnyCertificate,
  type AnyMinimumCertificate,
  type CandidateInfo,
  type Certificate,
  type EquivalenceCertificate,
  type DenseCertificate,
  type MinimumCertificate,
  type OverparamCertificate,
  type ReducedMinimumCertificate,
  type ReducedOverparamCertificate,
  isReducedCertificate,
  type MinimumClaims,
  type MinimumVerdict,
  type Point,
  type Problem,
  type Provenance,
  type TeacherSpec,
} from './schema.js';

/** {kind: 'identity'} when V is exactly I_d (k = d), else the matrix itself. */
export function teacherSpecOf(V: string[][], d: number, k: number): TeacherSpec {
  const identity =
    k === d && V.every((row, a) => row.every((x, j) => normaliseDecimalString(x) === (a === j ? '1' : '0')));
  return identity ? { kind: 'identity' } : { kind: 'matrix', V: V.map((row) => row.map(normaliseDecimalString)) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The problem section for a population candidate with teacher V. */
export function problemOf(d: number, n: number, V: string[][]): Problem {
  const k = V[0]!.length;
  return { objective: OBJECTIVE_ID, objectiveVersion: OBJECTIVE_VERSION, d, n, k, secondLayer: 'all-ones', teacher: teacherSpecOf(V, d, k) };
}

/**
 * sha256 of the candidate's input point as read: of its compact form when it has one (the dense
 * W is then never built), else of W (with the outgoing weights a of a finite-data candidate).
 */
export function candidateDigest(candidate: Candidate): string {
  if (candidate.compact) return compactPointDigest(candidate.compact);
  return pointDigest(candidate.finiteData ? [...candidate.W, candidate.finiteData.a] : candidate.W);
}

/** The informative provenance section: tool, version, time, phase seconds (rounded to ms), float λ̃. */
export function provenanceOf(s: PhaseSeconds, lambdaFloat: number | undefined, createdAt: Date): Provenance {
  const provenance: Provenance = {
    tool: 'certmin',
    version: toolVersion,
    createdAt: createdAt.toISOString(),
    seconds: {
      polish: round3(s.polish),
      gradient: round3(s.gradient),
      screen: round3(s.screen),
      hessian: round3(s.hessian),
      pdProof: round3(s.pdProof),
      ...(s.saddle !== undefined ? { saddle: round3(s.saddle) } : {}),
      total: round3(s.total),
    },
  };
  if (lambdaFloat !== undefined && Number.isFinite(lambdaFloat)) provenance.lambdaMinFloat = lambdaFloat;
  return provenance;
}

/** Where the candidate came from, with the digest of its input point (resume matches it). */
export function candidateInfoOf(candidate: Candidate): CandidateInfo {
  const source: CandidateInfo['source'] = { file: candidate.source.file, format: candidate.source.format };
  if (candidate.source.sha256 !== undefined) source.sha256 = candidate.source.sha256;
  if (candidate.source.index !== undefined) source.index = candidate.source.index;
  if (candidate.source.seed !== undefined) source.seed = candidate.source.seed;
  const info: CandidateInfo = { id: candidate.id, source, inputDigest: candidateDigest(candidate) };
  if (candidate.multiplicity !== undefined && Number.isInteger(candidate.multiplicity) && candidate.multiplicity >= 0) {
    info.multiplicity = candidate.multiplicity;
  }
  if (candidate.stored !== undefined) info.stored = jsonSafe(candidate.stored);
  return info;
}

export function buildCertificate(candidate: Candidate, V: string[][], result: CertifyResult, createdAt: Date = new Date()): DenseCertificate {
  const problem = problemOf(candidate.d, candidate.n, V);
  const point: Point = { W: result.W, candidate: candidateInfoOf(candidate), polish: result.polish };
  const provenance = provenanceOf(result.seconds, result.lambdaFloat, createdAt);
  const common = { schema: SCHEMA_ID, schemaVersion: SCHEMA_VERSION, problem, point, provenance } as const;
  const precision = result.precision;
  const anglePrecision = result.anglePrecision;

  switch (result.verdict) {
    case 'spurious-local-minimum':
    case 'local-minimum':
      if (result.pd) provenance.details = { pdProof: { t: result.pd.t, rumpShift: result.pd.rumpShift, muTries: result.pd.attempts } };
      return {
        ...common,
        kind: 'minimum',
        method: {
          lemma: MINIMUM_LEMMA.id,
          lemmaVersion: MINIMUM_LEMMA.version,
          statement: MINIMUM_LEMMA.statement,
          precision,
          anglePrecision,
          pdEngine: PD_ENGINE,
          polish: result.polished,
          rho: result.rho!,
          mu: result.mu!,
        },
        claims: minimumClaimsOf({ ...result, verdict: result.verdict }),
      };
    case 'saddle':
      return {
        ...common,
        kind: 'saddle',
        method: {
          lemma: SADDLE_LEMMA.id,
          lemmaVersion: SADDLE_LEMMA.version,
          statement: SADDLE_LEMMA.statement,
          precision,
          anglePrecision,
          polish: result.polished,
          rho: result.rho!,
        },
        claims: {
          verdict: 'saddle',
          morseIndex: result.saddle!.morseIndex,
          eta: result.saddle!.eta,
          kappa: result.saddle!.kappa,
          radius: result.radius!,
          lossLower: result.lossLower!,
          lossUpper: result.lossUpper!,
        },
      };
    case 'global-minimum':
      return {
        ...common,
        kind: 'global-minimum',
        method: { lemma: 'teacher-permutation', lemmaVersion: 1 },
        claims: { verdict: 'global-minimum', lossLower: '0', lossUpper: '0' },
      };
    case 'refused':
      if (result.hint !== undefined) provenance.hint = result.hint;
      if (result.gradBound !== undefined && result.lemma !== SADDLE_LEMMA.id) {
        provenance.details = { attempted: { gradBound: result.gradBound, rho: result.rho } };
      }
      return {
        ...common,
        kind: 'refusal',
        method: { lemma: result.lemma ?? MINIMUM_LEMMA.id, lemmaVersion: 1, precision, anglePrecision, polish: result.polished },
        claims: { verdict: 'refused', reason: result.reason!, evidence: result.evidence ?? {} },
      };
  }
}

/**
 * The overparam-conditions certificate (schema.ts, OverparamCertificate) for a minimum certificate
 * and the conditions proved over its ball. Requires result.holds (every block bound finite and < 0,
 * the norm sum ≤ k) and a spurious minimum; the caller checks both.
 */
export function buildOverparamCertificate(
  minimum: MinimumCertificate,
  result: OverparamResult,
  opts: { precision: number; anglePrecision: number },
  createdAt?: Date,
): OverparamCertificate;
export function buildOverparamCertificate(
  minimum: ReducedMinimumCertificate,
  result: OverparamResult,
  opts: { precision: number; anglePrecision: number },
  createdAt?: Date,
): ReducedOverparamCertificate;
/**
 * With a reduced minimum certificate, `result` must hold the first neuron of every block of the
 * compact centre, in block order (overparamConditions with `neurons`), and the certificate states
 * OVERPARAM_CONDITIONS_REDUCED.
 */
export function buildOverparamCertificate(
  minimum: MinimumCertificate | ReducedMinimumCertificate,
  result: OverparamResult,
  opts: { precision: number; anglePrecision: number },
  createdAt: Date = new Date(),
): OverparamCertificate | ReducedOverparamCertificate {
  if (!result.holds || result.neurons.some((x) => x.blockEigUpper === null)) throw new Error('internal: the conditions do not hold');
  const stored = minimum.point.candidate.stored;
  const details: Record<string, unknown> = {
    normSumFloat: result.normSumFloat,
    blockEigFloat: result.neurons.map((x) => x.blockEigFloat),
    predEigEnclosure: result.neurons.map((x) => x.predEigEnclosure),
  };
  for (const key of ['norm_sum', 'block_eigs', 'pred_eigs'] as const) if (stored?.[key] !== undefined) details[`stored_${key}`] = stored[key];
  const s = result.seconds;
  const reduced = isReducedCertificate(minimum);
  return {
    schema: SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    kind: 'overparam-conditions',
    problem: minimum.problem,
    point: minimum.point,
    minimum: { method: minimum.method, claims: minimum.claims },
    method: {
      theorem: OVERPARAM_THEOREM_ID,
      theoremStatement: OVERPARAM_THEOREM,
      conditions: reduced ? OVERPARAM_CONDITIONS_REDUCED : OVERPARAM_CONDITIONS,
      precision: opts.precision,
      anglePrecision: opts.anglePrecision,
    },
    claims: {
      verdict: 'conditions-hold',
      normSumUpper: result.normSumUpper,
      blockEigUpper: result.neurons.map((x) => x.blockEigUpper!),
      conclusion: OVERPARAM_CONCLUSION,
    },
    provenance: {
      tool: 'certmin',
      version: toolVersion,
      createdAt: createdAt.toISOString(),
      seconds: {
        minimum: minimum.provenance.seconds.total,
        normSum: round3(s.normSum),
        blocks: round3(s.blocks),
        rayleigh: round3(s.rayleigh),
        total: round3(minimum.provenance.seconds.total + s.total),
      },
      details,
    },
  } as OverparamCertificate | ReducedOverparamCertificate;
}

/**
 * The equivalence certificate of a proof found by findEquivalence (src/certify/equivalence.ts):
 * `a` is the certificate whose minimum π maps (its claim's `from`), `b` the one whose uniqueness
 * ball receives it. Both are embedded whole (copies), so the document audits on its own; the caller
 * must have audited both. Provenance holds the float alignment distance and the two sources.
 */
export function buildEquivalenceCertificate(
  a: AnyMinimumCertificate,
  b: AnyMinimumCertificate,
  proof: { permutation: IndexPermutation; squaredDistance: string; floatDistance?: number; seconds?: number },
  createdAt: Date = new Date(),
): EquivalenceCertificate {
  const details: Record<string, unknown> = {
    a: { id: a.point.candidate.id, file: a.point.candidate.source.file },
    b: { id: b.point.candidate.id, file: b.point.candidate.source.file },
  };
  if (proof.floatDistance !== undefined && Number.isFinite(proof.floatDistance)) details.floatDistance = proof.floatDistance;
  return {
    schema: SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    kind: 'equivalence',
    problem: structuredClone(b.problem),
    method: { lemma: EQUIVALENCE_LEMMA.id, lemmaVersion: EQUIVALENCE_LEMMA.version, statement: EQUIVALENCE_LEMMA.statement },
    certificates: { a: structuredClone(a), b: structuredClone(b) },
    claims: {
      verdict: 'same-minimum',
      permutation: { coordinates: [...proof.permutation.coordinates], neurons: [...proof.permutation.neurons] },
      squaredDistance: normaliseDecimalString(proof.squaredDistance),
    },
    provenance: {
      tool: 'certmin',
      version: toolVersion,
      createdAt: createdAt.toISOString(),
      seconds: { total: round3(proof.seconds ?? 0) },
      details,
    },
  };
}

/** The lemma's claims of a certified minimum (dense or reduced result). */
export function minimumClaimsOf(
  r: Pick<CertifyResult, 'gradBound' | 'mu' | 'radius' | 'lossLower' | 'lossUpper'> & { verdict: MinimumVerdict },
): MinimumClaims {
  return { verdict: r.verdict, gradBound: r.gradBound!, mu: r.mu!, radius: r.radius!, lossLower: r.lossLower!, lossUpper: r.lossUpper! };
}

/** Drops values JSON cannot represent (NaN/±∞ become null). */
function jsonSafe(stored: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(stored, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as Record<
    string,
    unknown
  >;
}

/**
 * The certificate as JSON text: 2-space indentation, but every array of numbers/strings (a row of
 * W or V) on one line, so a matrix reads as a matrix. JSON.parse gives back the same document.
 */
export function certificateJson(cert: AnyCertificate | GridCertificate): string {
  const text = JSON.stringify(cert, null, 2);
  const flat = text.replace(/\[\n\s+((?:"(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+)(?:,\n\s+(?:"(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+))*)\n\s+\]/g, (_m, body: string) =>
    `[${body.split(/,\n\s+/).join(', ')}]`,
  );
  return `${flat}\n`;
}
