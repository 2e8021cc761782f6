/**
 * Assembles the certificate document from a candidate, its teacher and certify's result.
 * Everything a re-check needs (problem, point, method) is copied exactly; claims are the
 * result's certified numbers; provenance holds what is informative only.
 */
import type { CertifyResult } from '../certify/certifyCandidate.js';
import { LEMMA_ID, LEMMA_STATEMENT, LEMMA_VERSION, PD_ENGINE } from '../certify/lemma.js';
import { normaliseDecimalString } from '../certify/decimalStrings.js';
import type { Candidate } from '../io/candidate.js';
import { toolVersion } from '../version.js';
import {
  OBJECTIVE_ID,
  OBJECTIVE_VERSION,
  SCHEMA_ID,
  SCHEMA_VERSION,
  type Certificate,
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

export function buildCertificate(
  candidate: Candidate,
  V: string[][],
  result: CertifyResult,
  createdAt: Date = new Date(),
): Certificate {
  const d = candidate.d;
  const n = candidate.n;
  const k = V[0]!.length;
  const source: Certificate['point']['candidate']['source'] = { file: candidate.source.file, format: candidate.source.format };
  if (candidate.source.sha256 !== undefined) source.sha256 = candidate.source.sha256;
  if (candidate.source.index !== undefined) source.index = candidate.source.index;
  if (candidate.source.seed !== undefined) source.seed = candidate.source.seed;
  const cand: Certificate['point']['candidate'] = { id: candidate.id, source };
  if (candidate.multiplicity !== undefined && Number.isInteger(candidate.multiplicity) && candidate.multiplicity >= 0) {
    cand.multiplicity = candidate.multiplicity;
  }
  if (candidate.storedGlobal !== undefined) cand.storedGlobal = candidate.storedGlobal;
  if (candidate.stored !== undefined) cand.stored = jsonSafe(candidate.stored);

  const method: Certificate['method'] = {
    lemma: LEMMA_ID,
    lemmaVersion: LEMMA_VERSION,
    statement: LEMMA_STATEMENT,
    precision: result.precision,
    anglePrecision: result.anglePrecision,
    pdEngine: PD_ENGINE,
  };
  const claims: Certificate['claims'] = { verdict: result.verdict };
  if (result.verdict === 'spurious-local-minimum' || result.verdict === 'local-minimum') {
    method.rho = result.rho!;
    method.mu = result.mu!;
    claims.gradBound = result.gradBound!;
    claims.mu = result.mu!;
    claims.radius = result.radius!;
    claims.lossLower = result.lossLower!;
    claims.lossUpper = result.lossUpper!;
  } else if (result.verdict === 'global-minimum') {
    claims.lossLower = '0';
    claims.lossUpper = '0';
  } else {
    claims.reason = result.reason!;
    claims.hint = result.hint!;
  }
  if (result.note !== undefined) claims.note = result.note;

  const s = result.seconds;
  const provenance: Certificate['provenance'] = {
    tool: 'certmin',
    version: toolVersion,
    createdAt: createdAt.toISOString(),
    seconds: {
      polish: round3(s.polish),
      gradient: round3(s.gradient),
      hessian: round3(s.hessian),
      pdProof: round3(s.pdProof),
      total: round3(s.total),
      screen: round3(s.screen),
    },
  };
  // Informative only (audit recomputes or ignores them).
  if (result.lambdaFloat !== undefined && Number.isFinite(result.lambdaFloat)) provenance.lambdaMinFloat = result.lambdaFloat;
  if (result.pd) provenance.pdProof = { t: result.pd.t, rumpShift: result.pd.rumpShift, muTries: result.pd.attempts };
  if (result.verdict === 'refused' && result.gradBound !== undefined) {
    provenance.attempted = { gradBound: result.gradBound, rho: result.rho };
  }

  return {
    schema: SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    problem: {
      objective: OBJECTIVE_ID,
      objectiveVersion: OBJECTIVE_VERSION,
      d,
      n,
      k,
      secondLayer: 'all-ones',
      teacher: teacherSpecOf(V, d, k),
    },
    point: { W: result.W, candidate: cand, polish: result.polish },
    method,
    claims,
    provenance,
  };
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
export function certificateJson(cert: Certificate): string {
  const text = JSON.stringify(cert, null, 2);
  const flat = text.replace(/\[\n\s+((?:"(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+)(?:,\n\s+(?:"(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+))*)\n\s+\]/g, (_m, body: string) =>
    `[${body.split(/,\n\s+/).join(', ')}]`,
  );
  return `${flat}\n`;
}
