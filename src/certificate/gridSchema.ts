/**
 * The finite-data variants of the version-2 certificate (problem.objective 'grid-teacher-2d',
 * DESIGN.md §7; schema/certificate.schema.json, the grid* definitions): the same four kinds as
 * the population objective with their own problem, point, method and claims. The schema file is
 * the single source of truth; these types mirror it. `readCertificate` (schema.ts) validates both
 * objectives and returns finite-data documents as `GridCertificate`.
 *
 * Problem: the data set ('grid-41x41' by name, or inline X and optional labels y) and the teacher
 * ('simsek-4' by name, or inline W, a; absent when the data carry labels), the activation, n, P and
 * the loss normalisation L = (1/(2P)) Σ_p (f(x_p) − y_p)² stated as a constant. User data are
 * written inline rather than by file and sha256, so that a certificate is auditable from itself
 * (a file can be lost or changed; 1681 points cost about 50 kB).
 */
import type { SADDLE_LEMMA } from '../certify/saddleLemma.js';
import type { MINIMUM_LEMMA } from '../certify/lemma.js';
import type { TEACHER_EMBEDDING_LEMMA } from '../certify/teacherEmbedding.js';
import type { GridRefusalEvidence, GridRefusalReason } from '../certify/gridCertify.js';
import type { ChartKind } from '../certify/gridChart.js';
import { DEFAULT_DATA, DEFAULT_TEACHER, defaultGridData, simsekTeacher, type Activation, type FiniteDataProblem } from '../objective/gridData.js';
import type { CandidateInfo, MinimumVerdict, Provenance, SaddleClaims, SCHEMA_ID, SCHEMA_VERSION } from './schema.js';

export const GRID_OBJECTIVE_ID = 'grid-teacher-2d';
export const GRID_OBJECTIVE_VERSION = 1;
/** The loss normalisation, stated in every finite-data certificate. */
export const GRID_LOSS_STATEMENT = 'L = (1/(2P)) sum_p (f(x_p) - y_p)^2, f(x) = sum_i a_i sigma(w_i^T x)';

export type GridDataSpec = { kind: typeof DEFAULT_DATA } | { kind: 'inline'; X: string[][]; y?: string[] };
export type GridTeacherSpec = { kind: typeof DEFAULT_TEACHER } | { kind: 'inline'; W: string[][]; a: string[] };

export interface GridProblem {
  objective: typeof GRID_OBJECTIVE_ID;
  objectiveVersion: typeof GRID_OBJECTIVE_VERSION;
  activation: Activation;
  d: 2;
  n: number;
  P: number;
  loss: typeof GRID_LOSS_STATEMENT;
  data: GridDataSpec;
  teacher?: GridTeacherSpec;
}

export interface GridPoint {
  /** The centre: W (2 rows × n columns), a (n); for the chart 'reduced-relu' W = U and a = s (±1). */
  W: string[][];
  a: string[];
  candidate: CandidateInfo;
  polish: { steps: number; distanceUpper: string };
}

interface GridCommon {
  schema: typeof SCHEMA_ID;
  schemaVersion: typeof SCHEMA_VERSION;
  problem: GridProblem;
  point: GridPoint;
  provenance: Provenance;
}

export interface GridMinimumCertificate extends GridCommon {
  kind: 'minimum';
  method: {
    lemma: typeof MINIMUM_LEMMA.id;
    lemmaVersion: typeof MINIMUM_LEMMA.version;
    statement: string;
    coordinates: ChartKind;
    precision: number;
    pdEngine: 'rump-cholesky-2006';
    polish: boolean;
    rho: string;
    mu: string;
  };
  claims: {
    verdict: MinimumVerdict;
    gradBound: string;
    mu: string;
    radius: string;
    lossLower: string;
    lossUpper: string;
    /** 'strict' (chart theta) or 'non-strict' (reduced-relu: strict only for L̂). */
    minimumOfL: 'strict' | 'non-strict';
  };
}

export interface GridSaddleCertificate extends GridCommon {
  kind: 'saddle';
  method: {
    lemma: typeof SADDLE_LEMMA.id;
    lemmaVersion: typeof SADDLE_LEMMA.version;
    statement: string;
    coordinates: 'theta';
    precision: number;
    polish: boolean;
    rho: string;
  };
  claims: SaddleClaims;
}

export interface GridGlobalCertificate extends GridCommon {
  kind: 'global-minimum';
  method: { lemma: typeof TEACHER_EMBEDDING_LEMMA.id; lemmaVersion: typeof TEACHER_EMBEDDING_LEMMA.version; statement: string };
  claims: { verdict: 'global-minimum'; embedding: { W: string[][]; a: string[] }; distance: string; lossLower: '0'; lossUpper: '0' };
}

export interface GridRefusalCertificate extends GridCommon {
  kind: 'refusal';
  method: {
    lemma: typeof MINIMUM_LEMMA.id | typeof SADDLE_LEMMA.id | typeof TEACHER_EMBEDDING_LEMMA.id;
    lemmaVersion: 1;
    coordinates: ChartKind;
    precision: number;
    polish: boolean;
  };
  claims: { verdict: 'refused'; reason: GridRefusalReason; evidence: GridRefusalEvidence };
}

export type GridCertificate = GridMinimumCertificate | GridSaddleCertificate | GridGlobalCertificate | GridRefusalCertificate;

/** Whether a parsed document declares the finite-data objective (before validation). */
export function declaresGridObjective(doc: unknown): boolean {
  const problem = typeof doc === 'object' && doc !== null ? (doc as { problem?: unknown }).problem : undefined;
  return typeof problem === 'object' && problem !== null && (problem as { objective?: unknown }).objective === GRID_OBJECTIVE_ID;
}

/** The problem section of a finite-data problem (named defaults by name, everything else inline). */
export function gridProblemSection(problem: FiniteDataProblem, n: number): GridProblem {
  const data: GridDataSpec =
    problem.data.name === DEFAULT_DATA && !problem.data.file && sameMatrix(problem.data.X, defaultGridData().X)
      ? { kind: DEFAULT_DATA }
      : problem.data.y
        ? { kind: 'inline', X: problem.data.X, y: problem.data.y }
        : { kind: 'inline', X: problem.data.X };
  const out: GridProblem = {
    objective: GRID_OBJECTIVE_ID,
    objectiveVersion: GRID_OBJECTIVE_VERSION,
    activation: problem.activation,
    d: 2,
    n,
    P: problem.data.P,
    loss: GRID_LOSS_STATEMENT,
    data,
  };
  const t = problem.teacher;
  if (t) {
    const s = simsekTeacher();
    out.teacher = t.name === DEFAULT_TEACHER && !t.file && sameMatrix(t.W, s.W) && sameMatrix([t.a], [s.a]) ? { kind: DEFAULT_TEACHER } : { kind: 'inline', W: t.W, a: t.a };
  }
  return out;
}

function sameMatrix(A: readonly (readonly string[])[], B: readonly (readonly string[])[]): boolean {
  return A.length === B.length && A.every((row, r) => row.length === B[r]!.length && row.every((x, c) => x === B[r]![c]));
}

/** Cross-field conditions the schema cannot state: W is 2×n, a has n entries, the data have P points, one label source. */
export function gridShapeProblems(c: GridCertificate): string[] {
  const out: string[] = [];
  const { n, P, data, teacher } = c.problem;
  const shape = (W: string[][], a: string[], cols: number, what: string) => {
    if (W.length !== 2) out.push(`${what}.W has ${W.length} rows, expected 2`);
    W.forEach((row, r) => {
      if (row.length !== cols) out.push(`${what}.W row ${r} has ${row.length} entries, expected ${cols}`);
    });
    if (a.length !== cols) out.push(`${what}.a has ${a.length} entries, expected ${cols}`);
  };
  shape(c.point.W, c.point.a, n, 'point');
  if (c.kind === 'global-minimum') shape(c.claims.embedding.W, c.claims.embedding.a, n, 'claims.embedding');
  if (data.kind === 'grid-41x41') {
    if (P !== 1681) out.push(`the grid-41x41 data set has P = 1681 points, not ${P}`);
  } else {
    if (data.X.length !== P) out.push(`problem.data.X has ${data.X.length} points, P = ${P}`);
    if (data.y && data.y.length !== P) out.push(`problem.data.y has ${data.y.length} labels, P = ${P}`);
  }
  const labelled = data.kind === 'inline' && data.y !== undefined;
  if (labelled === (teacher !== undefined)) out.push('exactly one label source: labels in problem.data.y or a problem.teacher');
  if (teacher?.kind === 'inline') shape(teacher.W, teacher.a, teacher.a.length, 'problem.teacher');
  return out;
}
