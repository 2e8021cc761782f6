/**
 * The certificate document (DESIGN.md §5). Version 2 (schema/certificate.schema.json) is what
 * certify writes: a `kind` ('minimum' | 'saddle' | 'global-minimum' | 'refusal'; 'equivalence' relates
 * two embedded minimum certificates), and `claims` that hold only statements audit checks. Version 1 (schema/certificate-v1.schema.json, written
 * before symmetry reduction and saddles) still reads and audits: `readCertificate` returns every
 * document as the version-2 view (upgradeV1 below), so audit and report know one shape.
 *
 * Validation is by Ajv (JSON Schema 2020-12) against the schema files themselves, so the files
 * are the single source of truth; cross-field conditions JSON Schema cannot state (W is d×n, V is
 * d×k, the identity teacher has k = d) are `shapeProblems`.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import schemaV1 from '../../schema/certificate-v1.schema.json' with { type: 'json' };
import schemaV2 from '../../schema/certificate.schema.json' with { type: 'json' };
import { identityTeacherStrings } from '../io/teacher.js';
import { declaresGridObjective, type GridCertificate } from './gridSchema.js';
import { nonzeroTeacherNeurons } from '../certify/teacherPermutation.js';
import { MINIMUM_LEMMA } from '../certify/lemma.js';
import { SADDLE_LEMMA } from '../certify/saddleLemma.js';
import type { OVERPARAM_CONCLUSION, OVERPARAM_CONDITIONS_REDUCED, OVERPARAM_THEOREM_ID } from '../certify/overparamConditions.js';

export const SCHEMA_ID = 'certmin-certificate';
export const SCHEMA_VERSION = 2;
export const OBJECTIVE_ID = 'relu-population-gaussian';
export const OBJECTIVE_VERSION = 1;

export type CertificateKind = 'minimum' | 'saddle' | 'global-minimum' | 'refusal' | 'overparam-conditions' | 'equivalence';
export type MinimumVerdict = 'spurious-local-minimum' | 'local-minimum';
export type CertificateVerdict = MinimumVerdict | 'saddle' | 'global-minimum' | 'refused' | 'conditions-hold';
export type RefusalReason =
  | 'not-positive-definite'
  | 'gradient-too-large'
  | 'leaves-smooth-domain'
  | 'precision-too-low'
  | 'degenerate'
  | 'existence-not-proved';

export type TeacherSpec = { kind: 'identity' } | { kind: 'matrix'; V: string[][] };

export interface Problem {
  objective: typeof OBJECTIVE_ID;
  objectiveVersion: typeof OBJECTIVE_VERSION;
  d: number;
  n: number;
  k: number;
  secondLayer: 'all-ones';
  teacher: TeacherSpec;
}

export interface CandidateInfo {
  id: string;
  source: { file: string; format: string; sha256?: string; index?: number; seed?: string };
  /** sha256 of the candidate's input point as read (canonical decimal strings); resume matches it. */
  inputDigest: string;
  multiplicity?: number;
  /** Numbers stored beside the point by the original experiment (shown, never trusted). */
  stored?: Record<string, unknown>;
}

export interface Point {
  /** The centre W̃, d rows × n columns, exact decimal strings. */
  W: string[][];
  candidate: CandidateInfo;
  polish: { steps: number; distanceUpper: string };
}

/** Informative only: audit never reads it, a report shows it apart from the proof. */
export interface Provenance {
  tool: 'certmin';
  version: string;
  createdAt: string;
  seconds: { total: number; [phase: string]: number };
  lambdaMinFloat?: number;
  hint?: string;
  details?: Record<string, unknown>;
}

interface Common {
  schema: typeof SCHEMA_ID;
  schemaVersion: typeof SCHEMA_VERSION;
  problem: Problem;
  point: Point;
  provenance: Provenance;
}

export interface MinimumMethod {
  lemma: typeof MINIMUM_LEMMA.id;
  lemmaVersion: typeof MINIMUM_LEMMA.version;
  statement: string;
  precision: number;
  anglePrecision: number;
  pdEngine: 'rump-cholesky-2006';
  /** Whether certify polished the candidate (part of the method: resume matches it). */
  polish: boolean;
  rho: string;
  mu: string;
}

export interface MinimumClaims {
  verdict: MinimumVerdict;
  gradBound: string;
  mu: string;
  radius: string;
  lossLower: string;
  lossUpper: string;
}

export interface MinimumCertificate extends Common {
  kind: 'minimum';
  method: MinimumMethod;
  claims: MinimumClaims;
}

export interface SaddleMethod {
  lemma: typeof SADDLE_LEMMA.id;
  lemmaVersion: typeof SADDLE_LEMMA.version;
  statement: string;
  precision: number;
  anglePrecision: number;
  polish: boolean;
  /** Half-width of the max-norm box B around W̃. */
  rho: string;
}

export interface SaddleClaims {
  verdict: 'saddle';
  /** Number of negative eigenvalues of ∇²F(W*) (none is zero), 1 ≤ q ≤ N − 1. */
  morseIndex: number;
  /** Hypothesis (a): ‖Y∇F(W̃)‖∞ ≤ eta for some Y with (b). */
  eta: string;
  /** Hypothesis (b): ‖I − Y∇²F(W)‖∞ ≤ kappa < 1 on B. */
  kappa: string;
  /** ‖W* − W̃‖∞ ≤ radius. */
  radius: string;
  lossLower: string;
  lossUpper: string;
}

export interface SaddleCertificate extends Common {
  kind: 'saddle';
  method: SaddleMethod;
  claims: SaddleClaims;
}

export interface GlobalCertificate extends Common {
  kind: 'global-minimum';
  method: { lemma: 'teacher-permutation'; lemmaVersion: 1 };
  claims: { verdict: 'global-minimum'; lossLower: '0'; lossUpper: '0' };
}

/** The numbers of a failed attempt; which ones are present depends on the reason. */
export interface RefusalEvidence {
  /** Float64 smallest eigenvalue of the Hessian at the centre. */
  lambdaMinFloat?: number;
  /** The proved gradient bound g at the centre. */
  gradBound?: string;
  /** (μ, ρ) pairs whose box proof failed, in the order tried. */
  attempts?: { mu: string; rho: string }[];
  /**
   * Box half-width at which the smooth domain was left ('0': the centre itself), or for
   * existence-not-proved the box whose existence proof failed.
   */
  rho?: string;
  /** existence-not-proved: the claimed Newton-step bound η of the failed attempt (absent: it overflowed). */
  eta?: string;
  /** degenerate: the Float64 Hessian eigenvalue at the centre nearest to 0. */
  nearestZeroFloat?: number;
}

export interface RefusalCertificate extends Common {
  kind: 'refusal';
  method: { lemma: 'strong-convexity-ball' | 'krawczyk-morse'; lemmaVersion: 1; precision: number; anglePrecision: number; polish: boolean };
  claims: { verdict: 'refused'; reason: RefusalReason; evidence: RefusalEvidence };
}

/**
 * The conditions of Safran, Yehudai & Shamir (2021, §4) over the ball of a certified spurious
 * minimum (DESIGN.md §11). `minimum` holds the method and claims of the minimum certificate it
 * rests on; with this document's problem and point (and provenance) they form that certificate
 * (minimumCertificateOf), which audit audits first.
 */
export interface OverparamCertificate extends Common {
  kind: 'overparam-conditions';
  minimum: { method: MinimumMethod; claims: MinimumClaims };
  method: {
    theorem: typeof OVERPARAM_THEOREM_ID;
    theoremStatement: string;
    conditions: string;
    precision: number;
    anglePrecision: number;
  };
  claims: {
    verdict: 'conditions-hold';
    /** Σ_i‖w_i‖ ≤ normSumUpper ≤ k on the ball. */
    normSumUpper: string;
    /** λ_min(H′_ii(W)) ≤ blockEigUpper[i] < 0 on the ball, one per neuron i = 0, …, n − 1. */
    blockEigUpper: string[];
    conclusion: typeof OVERPARAM_CONCLUSION;
  };
}

/** The minimum certificate an overparam-conditions certificate rests on. */
export function minimumCertificateOf(c: OverparamCertificate): MinimumCertificate;
export function minimumCertificateOf(c: ReducedOverparamCertificate): ReducedMinimumCertificate;
export function minimumCertificateOf(c: OverparamCertificate | ReducedOverparamCertificate): MinimumCertificate | ReducedMinimumCertificate;
export function minimumCertificateOf(c: OverparamCertificate | ReducedOverparamCertificate): MinimumCertificate | ReducedMinimumCertificate {
  return {
    schema: c.schema,
    schemaVersion: c.schemaVersion,
    kind: 'minimum',
    problem: c.problem,
    point: c.point,
    method: c.minimum.method,
    claims: c.minimum.claims,
    provenance: c.provenance,
  } as MinimumCertificate | ReducedMinimumCertificate;
}

/**
 * Two embedded minimum certificates certify the same minimum up to a permutation (theorem
 * 'symmetric-uniqueness', src/certify/equivalence.ts): π(W*_a) = W*_b with
 * π(W)[r][i] = W[permutation.coordinates[r]][permutation.neurons[i]] (0-based).
 */
export interface EquivalenceCertificate {
  schema: typeof SCHEMA_ID;
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'equivalence';
  problem: Problem;
  method: { lemma: 'symmetric-uniqueness'; lemmaVersion: 1; statement: string };
  certificates: { a: AnyMinimumCertificate; b: AnyMinimumCertificate };
  claims: {
    verdict: 'same-minimum';
    permutation: { coordinates: number[]; neurons: number[] };
    /** D ≥ ‖π(W̃_a) − W̃_b‖²_F (exact decimal; certify writes the exact value). */
    squaredDistance: string;
  };
  provenance: Provenance;
}

/** Any version-2 document: a certificate about one point, or an equivalence of two minima. */
export type AnyCertificate = Certificate | EquivalenceCertificate;
/** The centre of a reduced certificate: the compact form of DESIGN.md §6 (identity teacher, d = n = k = Σp). */
export interface CompactCentre {
  p: number[];
  vals: string[][];
}

export interface CompactPointSection {
  /** The centre W̃ in compact form, exact decimal strings (no dense W). */
  compact: CompactCentre;
  candidate: CandidateInfo;
  /** distanceUpper bounds ‖W̃ − (input point)‖_F, e.g. the distance from the stored 2021 record. */
  polish: { steps: number; distanceUpper: string };
}

/** The symmetry used by a reduced certificate: G = S_{p_1} × … × S_{p_m}, W ↦ PWPᵀ (DESIGN.md §9). */
export interface Reduction {
  kind: 'isotypic';
  p: number[];
}

/** The exact engine of the reduced proof: B_τ − sΓ_τ ≻ 0 by Bareiss elimination (src/linalg/exactPositiveDefinite.ts). */
export const REDUCED_PD_ENGINE = 'isotypic-exact-bareiss';

/** One isotypic type of G and what was proved on its component. */
export interface TypeClaim {
  /** Label, e.g. "std(1)⊗std(2)" (0-based blocks). */
  type: string;
  kind: 'trivial' | 'std' | 'std⊗std' | 'wedge2' | 'two-row';
  blocks: number[];
  /** Dimension of the irreducible representation, as a decimal integer string. */
  dimension: string;
  /** Number of copies of it in R^{k×k} (the order of B_τ and Γ_τ). */
  multiplicity: number;
  /** Every eigenvalue of ∇²F(W*) on this component exceeds it: B_τ − (lowerBound + t)Γ_τ ≻ 0 (exact). */
  lowerBound: string;
}

interface ReducedCommon {
  schema: typeof SCHEMA_ID;
  schemaVersion: typeof SCHEMA_VERSION;
  problem: Problem;
  point: CompactPointSection;
  provenance: Provenance;
}

export interface ReducedMinimumCertificate extends ReducedCommon {
  kind: 'minimum';
  method: {
    lemma: typeof MINIMUM_LEMMA.id;
    lemmaVersion: typeof MINIMUM_LEMMA.version;
    statement: string;
    precision: number;
    /** Decimal precision of the orbit-wise Hessian enclosures. */
    hessianPrecision: number;
    pdEngine: typeof REDUCED_PD_ENGINE;
    reduction: Reduction;
    polish: boolean;
    rho: string;
    mu: string;
  };
  claims: MinimumClaims & {
    /** ‖H − M‖₂ ≤ t for every H of the orbit-wise enclosure (t ≥ its largest row sum of R). */
    t: string;
    types: TypeClaim[];
    /** Σ dimension × multiplicity over the types = k² (decimal integer string). */
    dimensionSum: string;
  };
}

export interface ReducedGlobalCertificate extends ReducedCommon {
  kind: 'global-minimum';
  method: GlobalCertificate['method'];
  claims: GlobalCertificate['claims'];
}

export interface ReducedRefusalCertificate extends ReducedCommon {
  kind: 'refusal';
  method: { lemma: 'strong-convexity-ball'; lemmaVersion: 1; precision: number; hessianPrecision: number; reduction: Reduction; polish: boolean };
  claims: { verdict: 'refused'; reason: 'not-positive-definite' | 'gradient-too-large' | 'leaves-smooth-domain' | 'precision-too-low'; evidence: RefusalEvidence };
}

/** A certificate whose centre is a compact point (the reduced path of DESIGN.md §9). */
/**
 * The conditions of the 2021 theorem over the ball of a reduced minimum certificate (DESIGN.md §11
 * on the reduced path): one block bound per block of the compact centre (its first neuron), in
 * block order; `method.conditions` says why one neuron per orbit suffices.
 */
export interface ReducedOverparamCertificate extends ReducedCommon {
  kind: 'overparam-conditions';
  minimum: { method: ReducedMinimumCertificate['method']; claims: ReducedMinimumCertificate['claims'] };
  method: Omit<OverparamCertificate['method'], 'conditions'> & { conditions: typeof OVERPARAM_CONDITIONS_REDUCED };
  claims: OverparamCertificate['claims'];
}

export type ReducedCertificate = ReducedMinimumCertificate | ReducedGlobalCertificate | ReducedRefusalCertificate | ReducedOverparamCertificate;
/** A certificate whose centre is a dense matrix W. */
export type DenseCertificate = MinimumCertificate | SaddleCertificate | GlobalCertificate | RefusalCertificate | OverparamCertificate;

export type Certificate = DenseCertificate | ReducedCertificate;

/** A minimum certificate of either path (dense W or compact centre). */
export type AnyMinimumCertificate = MinimumCertificate | ReducedMinimumCertificate;

/** Whether the certificate's centre is a compact point (reduced variants). */
export function isReducedCertificate(c: Certificate): c is ReducedCertificate {
  return 'compact' in c.point;
}

/** A version-1 document as written before schema version 2 (read-only). */
export interface CertificateV1 {
  schema: typeof SCHEMA_ID;
  schemaVersion: 1;
  problem: Problem;
  point: {
    W: string[][];
    candidate: {
      id: string;
      source: CandidateInfo['source'];
      multiplicity?: number;
      storedGlobal?: boolean;
      stored?: Record<string, unknown>;
    };
    polish: { steps: number; distanceUpper: string };
  };
  method: {
    lemma: 'strong-convexity-ball';
    lemmaVersion: 1;
    statement: string;
    precision: number;
    anglePrecision: number;
    pdEngine: 'rump-cholesky-2006';
    rho?: string;
    mu?: string;
  };
  claims: {
    verdict: MinimumVerdict | 'global-minimum' | 'refused';
    gradBound?: string;
    mu?: string;
    radius?: string;
    lossLower?: string;
    lossUpper?: string;
    reason?: 'not-positive-definite' | 'gradient-too-large' | 'leaves-smooth-domain' | 'precision-too-low';
    hint?: string;
    note?: string;
  };
  provenance: {
    tool: 'certmin';
    version: string;
    createdAt: string;
    seconds: { total: number; [phase: string]: number };
    [extra: string]: unknown;
  };
}

/** The validators, compiled on first use (compiling takes about half of a CLI process's start-up). */
let validators: { v1: ValidateFunction; v2: ValidateFunction } | undefined;
function compiledValidators(): { v1: ValidateFunction; v2: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictTypes: false, strictRequired: false });
    validators = { v1: ajv.compile(schemaV1), v2: ajv.compile(schemaV2) };
  }
  return validators;
}

function errorLines(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath.slice(1).replace(/\//g, '.');
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : e.keyword === 'const'
            ? ` ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`
            : '';
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
}

export type ReadResult =
  | { ok: true; certificate: Certificate; version: 1 | 2 }
  | { ok: false; errors: string[] };

/** Any version-2 document: population certificates (versions 1 and 2; an equivalence too) or finite-data ones (gridSchema.ts). */
export type AnyReadResult =
  | { ok: true; objective: 'population'; certificate: AnyCertificate; version: 1 | 2 }
  | { ok: true; objective: 'grid'; certificate: GridCertificate; version: 2 }
  | { ok: false; errors: string[] };

/**
 * Validates a document of either objective (see readCertificate), the 'equivalence' kind included;
 * a finite-data document (problem.objective 'grid-teacher-2d') comes back as a GridCertificate.
 */
export function readAnyCertificate(doc: unknown): AnyReadResult {
  const read = validateDocument(doc);
  if (!read.ok) return read;
  return declaresGridObjective(read.certificate)
    ? { ok: true, objective: 'grid', certificate: read.certificate as unknown as GridCertificate, version: 2 }
    : { ok: true, objective: 'population', certificate: read.certificate, version: read.version };
}

/**
 * Validates a parsed document against the schema of its version and returns the version-2 view.
 * A version-1 document is upgraded (upgradeV1), which rejects its free-text `claims.note` unless
 * it is exactly the text certify wrote for that verdict, and `storedGlobal` unless it is `true`
 * on a global-minimum certificate (neither is a claim audit can check otherwise).
 */
export function readCertificate(doc: unknown): ReadResult {
  const read = readAnyCertificate(doc);
  if (read.ok && read.objective === 'grid') {
    return { ok: false, errors: ['problem.objective: a finite-data (grid-teacher-2d) certificate, which this command does not read'] };
  }
  if (read.ok && read.certificate.kind === 'equivalence') {
    return { ok: false, errors: ['kind: an equivalence certificate relates two certificates; it is not a certificate of one point'] };
  }
  return read.ok ? { ok: true, certificate: read.certificate as Certificate, version: read.version } : read;
}

/** Schema validation of either version (version 1 upgraded); finite-data documents pass as (mistyped) certificates. */
function validateDocument(doc: unknown): { ok: true; certificate: AnyCertificate; version: 1 | 2 } | { ok: false; errors: string[] } {
  const version = typeof doc === 'object' && doc !== null ? (doc as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    const { v1: validateV1 } = compiledValidators();
    if (!validateV1(doc)) return { ok: false, errors: errorLines(validateV1.errors) };
    const up = upgradeV1(doc as unknown as CertificateV1);
    return 'errors' in up ? { ok: false, errors: up.errors } : { ok: true, certificate: up.certificate, version: 1 };
  }
  const { v2: validateV2 } = compiledValidators();
  if (!validateV2(doc)) {
    const errs = errorLines(validateV2.errors);
    return { ok: false, errors: errs.length > 0 ? errs : ['(root): not a certmin certificate of version 1 or 2'] };
  }
  return { ok: true, certificate: doc as unknown as AnyCertificate, version: 2 };
}

/** The notes certify version 1 wrote into claims (the only free text version 1 may carry). */
function v1Notes(c: CertificateV1): string[] {
  const kPlus = nonzeroTeacherNeurons(teacherMatrixOf(c.problem), c.problem.k);
  return [
    'W equals the teacher V up to a permutation of neurons and zero neurons, exactly; then the network ' +
      'functions agree for every input, so F(W) = 0, the smallest possible value (F ≥ 0).',
    `the loss is provably positive, but the student has n = ${c.problem.n} < ${kPlus} nonzero teacher neurons, so ` +
      'the global minimum value may itself be positive: this does not prove the minimum spurious',
  ];
}

/** The version-2 view of a schema-valid version-1 document, or why it cannot be trusted. */
export function upgradeV1(c: CertificateV1): { certificate: Certificate } | { errors: string[] } {
  const errors: string[] = [];
  const cl = c.claims;
  if (cl.note !== undefined && !v1Notes(c).includes(cl.note)) {
    errors.push('claims.note: free text that certify did not write; a note is not a claim audit can check');
  }
  const storedGlobal = c.point.candidate.storedGlobal;
  if (storedGlobal !== undefined && !(storedGlobal === true && cl.verdict === 'global-minimum')) {
    errors.push(`point.candidate.storedGlobal: ${String(storedGlobal)} does not belong to a ${cl.verdict} certificate`);
  }
  if (errors.length > 0) return { errors };
  const { storedGlobal: _dropped, ...candidate } = c.point.candidate;
  void _dropped;
  const point: Point = {
    W: c.point.W,
    candidate: { ...candidate, inputDigest: '0'.repeat(64) },
    polish: c.point.polish,
  };
  const pv = c.provenance;
  const provenance: Provenance = { tool: 'certmin', version: pv.version, createdAt: pv.createdAt, seconds: pv.seconds };
  if (typeof pv.lambdaMinFloat === 'number') provenance.lambdaMinFloat = pv.lambdaMinFloat;
  if (cl.hint !== undefined) provenance.hint = cl.hint;
  const common = { schema: SCHEMA_ID, schemaVersion: SCHEMA_VERSION, problem: c.problem, point, provenance } as const;
  const m = c.method;
  switch (cl.verdict) {
    case 'spurious-local-minimum':
    case 'local-minimum':
      if (m.rho === undefined || m.mu === undefined) return { errors: ['method: a minimum needs rho and mu'] };
      return {
        certificate: {
          ...common,
          kind: 'minimum',
          method: { ...m, polish: true, rho: m.rho, mu: m.mu },
          claims: {
            verdict: cl.verdict,
            gradBound: cl.gradBound!,
            mu: cl.mu!,
            radius: cl.radius!,
            lossLower: cl.lossLower!,
            lossUpper: cl.lossUpper!,
          },
        },
      };
    case 'global-minimum':
      return {
        certificate: {
          ...common,
          kind: 'global-minimum',
          method: { lemma: 'teacher-permutation', lemmaVersion: 1 },
          claims: { verdict: 'global-minimum', lossLower: '0', lossUpper: '0' },
        },
      };
    case 'refused': {
      const evidence: RefusalEvidence = {};
      if (typeof pv.lambdaMinFloat === 'number') evidence.lambdaMinFloat = pv.lambdaMinFloat;
      const attempted = pv.attempted as { gradBound?: unknown; rho?: unknown } | undefined;
      if (attempted && typeof attempted.gradBound === 'string') evidence.gradBound = attempted.gradBound;
      return {
        certificate: {
          ...common,
          kind: 'refusal',
          method: { lemma: 'strong-convexity-ball', lemmaVersion: 1, precision: m.precision, anglePrecision: m.anglePrecision, polish: true },
          claims: { verdict: 'refused', reason: cl.reason!, evidence },
        },
      };
    }
  }
}

/**
 * Cross-field conditions JSON Schema cannot state: W is d×n, V is d×k, the identity teacher
 * has k = d; for a compact centre, vals is m×(m+1), d = n = k = Σp and method.reduction.p = p.
 * Empty list = consistent. Only meaningful on a schema-valid certificate.
 */
export function shapeProblems(cert: Certificate): string[] {
  if (isReducedCertificate(cert)) return compactShapeProblems(cert);
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

function compactShapeProblems(cert: ReducedCertificate): string[] {
  const out: string[] = [];
  const { p, vals } = cert.point.compact;
  const m = p.length;
  if (vals.length !== m) out.push(`point.compact.vals has ${vals.length} rows, expected m = ${m}`);
  vals.forEach((row, i) => {
    if (row.length !== m + 1) out.push(`point.compact.vals row ${i} has ${row.length} entries, expected m + 1 = ${m + 1}`);
  });
  const k = p.reduce((a, b) => a + b, 0);
  for (const key of ['d', 'n', 'k'] as const) {
    if (cert.problem[key] !== k) out.push(`problem.${key} = ${cert.problem[key]}, but Σp = ${k}`);
  }
  if ('reduction' in cert.method) {
    const q = cert.method.reduction.p;
    if (q.length !== m || q.some((x, i) => x !== p[i])) out.push(`method.reduction.p = [${q.join(', ')}] is not point.compact.p = [${p.join(', ')}]`);
  }
  return out;
}

/** The teacher matrix V (d×k) of a problem, exact decimal strings. */
export function teacherMatrixOf(problem: Problem): string[][] {
  return problem.teacher.kind === 'matrix' ? problem.teacher.V : identityTeacherStrings(problem.d);
}
