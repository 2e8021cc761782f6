/**
 * The certificate document (DESIGN.md §5), schema "certmin-certificate" version 1, and a
 * hand-written validator that accepts exactly what schema/certificate.schema.json accepts
 * (test/certificate/schema.test.ts runs both on the same valid and invalid documents).
 * Cross-field shape conditions that JSON Schema cannot express live in `shapeProblems`.
 */
import { LEMMA_ID, LEMMA_STATEMENT, LEMMA_VERSION, PD_ENGINE } from '../certify/lemma.js';
import { identityTeacherStrings } from '../io/teacher.js';

export const SCHEMA_ID = 'certmin-certificate';
export const SCHEMA_VERSION = 1;
export const OBJECTIVE_ID = 'relu-population-gaussian';
export const OBJECTIVE_VERSION = 1;

export type CertificateVerdict = 'spurious-local-minimum' | 'local-minimum' | 'global-minimum' | 'refused';
export type CertificateRefusal = 'not-positive-definite' | 'gradient-too-large' | 'leaves-smooth-domain' | 'precision-too-low';

export type TeacherSpec = { kind: 'identity' } | { kind: 'matrix'; V: string[][] };

export interface Certificate {
  schema: typeof SCHEMA_ID;
  schemaVersion: typeof SCHEMA_VERSION;
  problem: {
    objective: typeof OBJECTIVE_ID;
    objectiveVersion: typeof OBJECTIVE_VERSION;
    d: number;
    n: number;
    k: number;
    secondLayer: 'all-ones';
    teacher: TeacherSpec;
  };
  point: {
    /** The centre W̃, d rows × n columns, exact decimal strings. */
    W: string[][];
    candidate: {
      id: string;
      source: { file: string; format: string; sha256?: string; index?: number; seed?: string };
      multiplicity?: number;
      storedGlobal?: boolean;
      /** Numbers stored beside the point by the original experiment (shown, never trusted). */
      stored?: Record<string, unknown>;
    };
    polish: { steps: number; distanceUpper: string };
  };
  method: {
    lemma: typeof LEMMA_ID;
    lemmaVersion: typeof LEMMA_VERSION;
    statement: string;
    precision: number;
    anglePrecision: number;
    pdEngine: typeof PD_ENGINE;
    rho?: string;
    mu?: string;
  };
  claims: {
    verdict: CertificateVerdict;
    gradBound?: string;
    mu?: string;
    radius?: string;
    lossLower?: string;
    lossUpper?: string;
    reason?: CertificateRefusal;
    hint?: string;
    note?: string;
  };
  provenance: {
    tool: 'certmin';
    version: string;
    createdAt: string;
    seconds: { polish: number; gradient: number; hessian: number; pdProof: number; total: number; [phase: string]: number };
    [extra: string]: unknown;
  };
}

export const VERDICTS: readonly CertificateVerdict[] = ['spurious-local-minimum', 'local-minimum', 'global-minimum', 'refused'];
export const REFUSALS: readonly CertificateRefusal[] = [
  'not-positive-definite',
  'gradient-too-large',
  'leaves-smooth-domain',
  'precision-too-low',
];

// Patterns identical to $defs in the JSON Schema file.
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$/;
const NON_NEGATIVE_DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$/;
const ZERO_DECIMAL = /^0(\.0+)?([eE][+-]?[0-9]{1,4})?$/;
const SHA256 = /^[0-9a-f]{64}$/;

type Json = unknown;

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isInteger(x: Json): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

/** Collects schema violations as "path: message". */
class Checker {
  readonly errors: string[] = [];
  fail(path: string, msg: string): void {
    this.errors.push(`${path || '(root)'}: ${msg}`);
  }
  object(x: Json, path: string, required: string[], allowed: string[] | 'any'): x is Record<string, Json> {
    if (!isObject(x)) {
      this.fail(path, 'must be an object');
      return false;
    }
    for (const key of required) if (!(key in x)) this.fail(path, `missing required property "${key}"`);
    if (allowed !== 'any') {
      for (const key of Object.keys(x)) if (!allowed.includes(key)) this.fail(path, `unexpected property "${key}"`);
    }
    return true;
  }
  constant(x: Json, path: string, value: string | number): void {
    if (x !== value) this.fail(path, `must be ${JSON.stringify(value)}`);
  }
  oneOf(x: Json, path: string, values: readonly string[]): void {
    if (typeof x !== 'string' || !values.includes(x)) this.fail(path, `must be one of ${values.join(', ')}`);
  }
  integer(x: Json, path: string, min: number, max = Infinity): void {
    if (!isInteger(x)) this.fail(path, 'must be an integer');
    else if (x < min || x > max) this.fail(path, `must be in ${min}..${max === Infinity ? '∞' : max}`);
  }
  number(x: Json, path: string, min: number): void {
    if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(path, 'must be a number');
    else if (x < min) this.fail(path, `must be ≥ ${min}`);
  }
  string(x: Json, path: string, minLength = 0, maxLength = Infinity, pattern?: RegExp): void {
    if (typeof x !== 'string') {
      this.fail(path, 'must be a string');
      return;
    }
    const len = [...x].length; // JSON Schema counts code points
    if (len < minLength || len > maxLength) this.fail(path, `length must be in ${minLength}..${maxLength}`);
    if (pattern && !pattern.test(x)) this.fail(path, `does not match ${pattern.source}`);
  }
  decimal(x: Json, path: string): void {
    if (typeof x !== 'string' || !DECIMAL.test(x)) this.fail(path, 'must be a decimal string');
  }
  nonNegativeDecimal(x: Json, path: string): void {
    if (typeof x !== 'string' || !NON_NEGATIVE_DECIMAL.test(x)) this.fail(path, 'must be a nonnegative decimal string');
  }
  positiveDecimal(x: Json, path: string): void {
    if (typeof x !== 'string' || !NON_NEGATIVE_DECIMAL.test(x) || ZERO_DECIMAL.test(x)) {
      this.fail(path, 'must be a positive decimal string');
    }
  }
  dimension(x: Json, path: string): void {
    this.integer(x, path, 1, 1000);
  }
  matrix(x: Json, path: string): void {
    if (!Array.isArray(x)) {
      this.fail(path, 'must be an array of rows');
      return;
    }
    if (x.length < 1 || x.length > 1000) this.fail(path, 'must have 1..1000 rows');
    x.forEach((row, a) => {
      if (!Array.isArray(row)) {
        this.fail(`${path}[${a}]`, 'must be an array');
        return;
      }
      if (row.length < 1 || row.length > 1000) this.fail(`${path}[${a}]`, 'must have 1..1000 entries');
      row.forEach((e, i) => this.decimal(e, `${path}[${a}][${i}]`));
    });
  }
}

export type ValidationResult = { ok: true; certificate: Certificate } | { ok: false; errors: string[] };

/** Validates against certificate.schema.json (same rules, hand-written). */
export function validateCertificate(x: unknown): ValidationResult {
  const c = new Checker();
  checkRoot(c, x);
  return c.errors.length === 0 ? { ok: true, certificate: x as Certificate } : { ok: false, errors: c.errors };
}

function checkRoot(c: Checker, x: Json): void {
  const top = ['schema', 'schemaVersion', 'problem', 'point', 'method', 'claims', 'provenance'];
  if (!c.object(x, '', top, top)) return;
  if ('schema' in x) c.constant(x.schema, 'schema', SCHEMA_ID);
  if ('schemaVersion' in x) c.constant(x.schemaVersion, 'schemaVersion', SCHEMA_VERSION);
  if ('problem' in x) checkProblem(c, x.problem);
  if ('point' in x) checkPoint(c, x.point);
  if ('method' in x) checkMethod(c, x.method);
  if ('claims' in x) checkClaims(c, x.claims);
  if ('provenance' in x) checkProvenance(c, x.provenance);
  // Root allOf: a minimum verdict needs method.rho and method.mu.
  const claims = x.claims;
  if (isObject(claims) && (claims.verdict === 'spurious-local-minimum' || claims.verdict === 'local-minimum')) {
    if (isObject(x.method)) {
      for (const key of ['rho', 'mu']) if (!(key in x.method)) c.fail('method', `missing required property "${key}"`);
    }
  }
}

function checkProblem(c: Checker, x: Json): void {
  const keys = ['objective', 'objectiveVersion', 'd', 'n', 'k', 'secondLayer', 'teacher'];
  if (!c.object(x, 'problem', keys, keys)) return;
  if ('objective' in x) c.constant(x.objective, 'problem.objective', OBJECTIVE_ID);
  if ('objectiveVersion' in x) c.constant(x.objectiveVersion, 'problem.objectiveVersion', OBJECTIVE_VERSION);
  for (const key of ['d', 'n', 'k']) if (key in x) c.dimension(x[key], `problem.${key}`);
  if ('secondLayer' in x) c.constant(x.secondLayer, 'problem.secondLayer', 'all-ones');
  if ('teacher' in x) {
    const t = x.teacher;
    if (c.object(t, 'problem.teacher', ['kind'], ['kind', 'V'])) {
      if ('kind' in t) c.oneOf(t.kind, 'problem.teacher.kind', ['identity', 'matrix']);
      if ('V' in t) c.matrix(t.V, 'problem.teacher.V');
      if (t.kind === 'matrix' && !('V' in t)) c.fail('problem.teacher', 'missing required property "V"');
    }
  }
}

function checkPoint(c: Checker, x: Json): void {
  const keys = ['W', 'candidate', 'polish'];
  if (!c.object(x, 'point', keys, keys)) return;
  if ('W' in x) c.matrix(x.W, 'point.W');
  if ('candidate' in x) {
    const cand = x.candidate;
    const ck = ['id', 'source', 'multiplicity', 'storedGlobal', 'stored'];
    if (c.object(cand, 'point.candidate', ['id', 'source'], ck)) {
      if ('id' in cand) c.string(cand.id, 'point.candidate.id', 1, 1000);
      if ('source' in cand) {
        const s = cand.source;
        if (c.object(s, 'point.candidate.source', ['file', 'format'], ['file', 'format', 'sha256', 'index', 'seed'])) {
          if ('file' in s) c.string(s.file, 'point.candidate.source.file', 0, 4096);
          if ('format' in s) c.string(s.format, 'point.candidate.source.format', 0, 100);
          if ('sha256' in s) c.string(s.sha256, 'point.candidate.source.sha256', 0, Infinity, SHA256);
          if ('index' in s) c.integer(s.index, 'point.candidate.source.index', 0);
          if ('seed' in s) c.string(s.seed, 'point.candidate.source.seed', 0, 100);
        }
      }
      if ('multiplicity' in cand) c.integer(cand.multiplicity, 'point.candidate.multiplicity', 0);
      if ('storedGlobal' in cand && typeof cand.storedGlobal !== 'boolean') {
        c.fail('point.candidate.storedGlobal', 'must be a boolean');
      }
      if ('stored' in cand && !isObject(cand.stored)) c.fail('point.candidate.stored', 'must be an object');
    }
  }
  if ('polish' in x) {
    const p = x.polish;
    const pk = ['steps', 'distanceUpper'];
    if (c.object(p, 'point.polish', pk, pk)) {
      if ('steps' in p) c.integer(p.steps, 'point.polish.steps', 0);
      if ('distanceUpper' in p) c.nonNegativeDecimal(p.distanceUpper, 'point.polish.distanceUpper');
    }
  }
}

function checkMethod(c: Checker, x: Json): void {
  const required = ['lemma', 'lemmaVersion', 'statement', 'precision', 'anglePrecision', 'pdEngine'];
  if (!c.object(x, 'method', required, [...required, 'rho', 'mu'])) return;
  if ('lemma' in x) c.constant(x.lemma, 'method.lemma', LEMMA_ID);
  if ('lemmaVersion' in x) c.constant(x.lemmaVersion, 'method.lemmaVersion', LEMMA_VERSION);
  if ('statement' in x) c.constant(x.statement, 'method.statement', LEMMA_STATEMENT);
  if ('precision' in x) c.integer(x.precision, 'method.precision', 10, 1000);
  if ('anglePrecision' in x) c.integer(x.anglePrecision, 'method.anglePrecision', 10, 1000);
  if ('pdEngine' in x) c.constant(x.pdEngine, 'method.pdEngine', PD_ENGINE);
  if ('rho' in x) c.positiveDecimal(x.rho, 'method.rho');
  if ('mu' in x) c.positiveDecimal(x.mu, 'method.mu');
}

function checkClaims(c: Checker, x: Json): void {
  const keys = ['verdict', 'gradBound', 'mu', 'radius', 'lossLower', 'lossUpper', 'reason', 'hint', 'note'];
  if (!c.object(x, 'claims', ['verdict'], keys)) return;
  if ('verdict' in x) c.oneOf(x.verdict, 'claims.verdict', VERDICTS);
  for (const key of ['gradBound', 'mu', 'radius']) if (key in x) c.positiveDecimal(x[key], `claims.${key}`);
  for (const key of ['lossLower', 'lossUpper']) if (key in x) c.decimal(x[key], `claims.${key}`);
  if ('reason' in x) c.oneOf(x.reason, 'claims.reason', REFUSALS);
  if ('hint' in x) c.string(x.hint, 'claims.hint', 1, 4000);
  if ('note' in x) c.string(x.note, 'claims.note', 0, 4000);
  const need = (keys: string[]) => {
    for (const key of keys) if (!(key in x)) c.fail('claims', `missing required property "${key}"`);
  };
  switch (x.verdict) {
    case 'spurious-local-minimum':
    case 'local-minimum':
      need(['gradBound', 'mu', 'radius', 'lossLower', 'lossUpper']);
      break;
    case 'global-minimum':
      need(['lossLower', 'lossUpper']);
      if ('lossLower' in x) c.constant(x.lossLower, 'claims.lossLower', '0');
      if ('lossUpper' in x) c.constant(x.lossUpper, 'claims.lossUpper', '0');
      break;
    case 'refused':
      need(['reason', 'hint']);
      break;
  }
}

function checkProvenance(c: Checker, x: Json): void {
  if (!c.object(x, 'provenance', ['tool', 'version', 'createdAt', 'seconds'], 'any')) return;
  if ('tool' in x) c.constant(x.tool, 'provenance.tool', 'certmin');
  if ('version' in x) c.string(x.version, 'provenance.version');
  if ('createdAt' in x) c.string(x.createdAt, 'provenance.createdAt');
  if ('seconds' in x) {
    const s = x.seconds;
    const keys = ['polish', 'gradient', 'hessian', 'pdProof', 'total'];
    if (c.object(s, 'provenance.seconds', keys, 'any')) {
      for (const key of keys) if (key in s) c.number(s[key], `provenance.seconds.${key}`, 0);
    }
  }
}

/**
 * Cross-field conditions JSON Schema cannot state: W is d×n, V is d×k, the identity teacher
 * has k = d. Empty list = consistent. Only meaningful on a schema-valid certificate.
 */
export function shapeProblems(cert: Certificate): string[] {
  const out: string[] = [];
  const { d, n, k, teacher } = cert.problem;
  const check = (M: string[][], rows: number, cols: number, what: string) => {
    if (M.length !== rows) out.push(`${what} has ${M.length} rows, expected d = ${rows}`);
    M.forEach((row, a) => {
      if (row.length !== cols) out.push(`${what} row ${a} has ${row.length} entries, expected ${cols}`);
    });
  };
  check(cert.point.W, d, n, 'point.W');
  if (teacher.kind === 'identity') {
    if (k !== d) out.push(`the identity teacher needs k = d, but k = ${k}, d = ${d}`);
  } else {
    check(teacher.V, d, k, 'problem.teacher.V');
  }
  return out;
}

/** The teacher matrix V (d×k) of a certificate's problem, exact decimal strings. */
export function teacherMatrix(cert: Certificate): string[][] {
  const { d, teacher } = cert.problem;
  if (teacher.kind === 'matrix') return teacher.V;
  return identityTeacherStrings(d);
}
