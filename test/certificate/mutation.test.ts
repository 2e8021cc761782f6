/**
 * Mutation test over every field of every certificate kind (issue: "an audit that cannot be
 * fooled"): each change either leaves every claim true — and audit accepts it — or is rejected
 * with the claim it breaks named. The tables below list every field of each kind with the
 * mutation applied and the outcome; the argument for each "accepted" row is in its comment.
 * A field of a certificate that no row covers fails the test, so new fields must be added here.
 */
import Big from 'big.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCertificate, buildEquivalenceCertificate, buildOverparamCertificate } from '../../src/certificate/build.js';
import { overparamConditions } from '../../src/certify/overparamConditions.js';
import type { Certificate, EquivalenceCertificate, MinimumCertificate, ReducedMinimumCertificate } from '../../src/certificate/schema.js';
import { auditCertificate, type AuditOptions } from '../../src/certificate/audit/index.js';
import { buildReducedCertificate } from '../../src/certificate/buildReduced.js';
import { compactCandidate } from '../../src/io/compactCandidate.js';
import { certifyCompact } from '../../src/symmetric/certifyCompact.js';
import { expandCompactPoint, type ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { compactMinimum28, compactSaddle24 } from '../symmetric/fixtures.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { certifiedMinimumOf, findEquivalence } from '../../src/certify/equivalence.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import type { ExactPoint } from '../../src/objective/exactPoint.js';
import { permutedPartner } from '../certify/equivalenceFixtures.js';
import { cyclicSaddle, notPositiveDefiniteResult, searchSpuriousPoint } from '../certify/fixtures.js';
import { rotationOrbitCriticalPoint } from '../certify/saddleFixtures.js';
import { buildGridCertificate } from '../../src/certificate/gridBuild.js';
import { certifyGridCandidate } from '../../src/certify/gridCertify.js';
import { defaultProblem, type FiniteDataPoint, type FiniteDataProblem } from '../../src/objective/gridData.js';
import {
  DEGENERATE_RUN,
  DIVERGING_POINT,
  GLOBAL_RUN,
  RELU_KINK_RUN,
  RELU_SPURIOUS_RUN,
  SADDLE_RUN,
  SPURIOUS_RUN,
  gridCandidate,
  searchRun,
} from '../certify/gridFixtures.js';

type Doc = Record<string, unknown>;
/** 'accepted': every claim stays true; otherwise the claim audit must name. */
type Outcome = 'accepted' | string;
interface Row {
  /** Field path; '*' matches any key or index at that level. */
  path: string;
  mutation: string;
  apply: (value: unknown, doc: Doc) => unknown;
  outcome: Outcome;
}

const big = (x: unknown) => new Big(x as string);
/** Informative fields: audit never reads them, report shows them apart from the proof. */
const informative = (path: string, mutation = 'changed'): Row => ({
  path,
  mutation,
  apply: (v) => (typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : Array.isArray(v) ? [] : `${String(v)}-x`),
  outcome: 'accepted',
});
const schemaRow = (path: string, value: unknown = 'banana'): Row => ({ path, mutation: `= ${JSON.stringify(value)}`, apply: () => value, outcome: 'schema' });

/**
 * Rows of the header and the problem's sizes, shared by every kind; `sizes` is the claim a changed
 * d, n or k breaks ('shapes' for a point, 'problem' for an equivalence of two certificates).
 */
function headerRows(sizes: Outcome): Row[] {
  return [
    schemaRow('schema', 'certmin-other'),
    schemaRow('schemaVersion', 3),
    schemaRow('kind', 'banana'),
    schemaRow('problem.objective'),
    schemaRow('problem.objectiveVersion', 2),
    ...(['d', 'n', 'k'] as const).map((x): Row => ({ path: `problem.${x}`, mutation: '+1', apply: (v) => (v as number) + 1, outcome: sizes })),
    schemaRow('problem.secondLayer'),
  ];
}

/** Rows of the informative provenance every kind has. */
function provenanceRows(): Row[] {
  return [
    informative('provenance.version'),
    informative('provenance.createdAt'),
    informative('provenance.seconds.*'),
    { path: 'provenance.details', mutation: '= {}', apply: () => ({}), outcome: 'accepted' },
    { path: 'provenance.details.*', mutation: '= 1', apply: () => 1, outcome: 'accepted' },
    { path: 'provenance.details.*.*', mutation: '= 1', apply: () => 1, outcome: 'accepted' },
    schemaRow('provenance.tool', 'other'),
  ];
}

/** Rows shared by every kind about one point (problem, candidate, provenance); the identity teacher unless `matrixTeacher`. */
function commonRows(matrixTeacher = false): Row[] {
  return [
    ...headerRows('shapes'),
    ...(matrixTeacher
      ? [
          schemaRow('problem.teacher.kind', 'identity'), // the identity teacher with a matrix V
          // V = [e₁, e₂] in d = 4: moving an entry moves the teacher, so the centre is no longer the
          // (degenerate) critical point, and the recorded float eigenvalue nearest 0 no longer agrees.
          { path: 'problem.teacher.V.*.*', mutation: '+1e-3', apply: (v: unknown) => big(v).plus('1e-3').toFixed(), outcome: 'evidence' },
        ]
      : [schemaRow('problem.teacher.kind', 'matrix')]), // a matrix teacher without V
    // The candidate's provenance does not enter any claim (the claims are about the centre W).
    informative('point.candidate.id'),
    informative('point.candidate.source.file'),
    informative('point.candidate.source.format'),
    { path: 'point.candidate.inputDigest', mutation: 'other digest', apply: () => 'b'.repeat(64), outcome: 'accepted' },
    informative('point.candidate.multiplicity'),
    // distanceUpper and steps describe how certify reached the centre; no claim depends on them.
    informative('point.polish.steps'),
    { path: 'point.polish.distanceUpper', mutation: '×2', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    ...provenanceRows(),
    informative('provenance.lambdaMinFloat'),
    informative('provenance.hint'),
  ];
}

/** Rows of the lemma's method and claims, shared by the dense and the reduced minimum. */
function lemmaRows(): Row[] {
  return [
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'If anything, then W* is a minimum.'),
    // A higher precision only tightens the audit's enclosures: every claim stays true.
    { path: 'method.precision', mutation: '+20', apply: (v) => (v as number) + 20, outcome: 'accepted' },
    // Whether certify polished is part of the method for resume, not of any claim.
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    { path: 'method.rho', mutation: '×0.4 (2g < μρ fails)', apply: (v) => big(v).times('0.4').toFixed(), outcome: 'rho' },
    { path: 'method.mu', mutation: '×2 (≠ claims.mu)', apply: (v) => big(v).times(2).toFixed(), outcome: 'mu' },
    schemaRow('claims.verdict', 'global-minimum'),
    { path: 'claims.gradBound', mutation: '= 1e-200 (below the true gradient)', apply: () => '1e-200', outcome: 'gradBound' },
    { path: 'claims.mu', mutation: '×0.5 (≠ method.mu)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'mu' },
    { path: 'claims.radius', mutation: '×0.5 (below g/μ)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'radius' },
    { path: 'claims.lossLower', mutation: '+1e-3 (above F(W̃))', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'lossLower' },
    { path: 'claims.lossUpper', mutation: '−1e-3 (below F(W*))', apply: (v) => big(v).minus('1e-3').toFixed(), outcome: 'lossUpper' },
  ];
}

function minimumRows(): Row[] {
  return [
    ...commonRows(),
    // Moving one coordinate by 1e-3 ≫ r moves the gradient far above g.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'gradBound' },
    ...lemmaRows(),
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    schemaRow('method.pdEngine'),
  ];
}

/** Extra rows for the same minimum certificate (dense or reduced): mutations that make a claim weaker, hence still true. */
const weakerMinimumRows: Row[] = [
  { path: 'claims.verdict', mutation: 'spurious → local (weaker)', apply: () => 'local-minimum', outcome: 'accepted' },
  { path: 'claims.radius', mutation: '×2 (weaker)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
  { path: 'claims.lossLower', mutation: '−1e-30 (weaker, still > 0)', apply: (v) => big(v).minus('1e-30').toFixed(), outcome: 'accepted' },
  { path: 'claims.lossUpper', mutation: '+1 (weaker)', apply: (v) => big(v).plus(1).toFixed(), outcome: 'accepted' },
  { path: 'claims.lossLower', mutation: '−1 (≤ 0: no longer spurious)', apply: (v) => big(v).minus(1).toFixed(), outcome: 'verdict' },
  { path: 'claims.gradBound', mutation: '×10 (2g < μρ fails)', apply: (v) => big(v).times(10).toFixed(), outcome: 'rho' },
  { path: 'method.rho', mutation: '= 0.5 (box leaves Ω)', apply: () => '0.5', outcome: 'smoothDomain' },
  { path: 'method.precision', mutation: '= 15 (too coarse to re-establish g)', apply: () => 15, outcome: 'gradBound' },
];

function globalRows(): Row[] {
  return [
    ...commonRows(),
    { path: 'point.W.*.*', mutation: '+1e-30', apply: (v) => big(v).plus('1e-30').toFixed(), outcome: 'verdict' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('claims.verdict', 'spurious-local-minimum'),
    schemaRow('claims.lossLower', '-1'),
    schemaRow('claims.lossUpper', '1'),
  ];
}

function notPdRefusalRows(): Row[] {
  return [
    ...commonRows(),
    // Moving the saddle far (to a positive definite region) refutes "λ_min ≤ 0": reason; or the
    // recorded λ no longer matches: evidence. Either names a claim of the refusal.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'evidence' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    schemaRow('claims.verdict', 'local-minimum'),
    { path: 'claims.reason', mutation: '= leaves-smooth-domain', apply: () => 'leaves-smooth-domain', outcome: 'reason' },
    { path: 'claims.evidence.lambdaMinFloat', mutation: '= +0.5 (disagrees)', apply: () => 0.5, outcome: 'evidence' },
  ];
}

function boxRefusalRows(): Row[] {
  return [
    ...commonRows(),
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    // Moving W by 0.3 makes the centre itself a different point; the recorded g no longer bounds its gradient.
    { path: 'point.W.*.*', mutation: '+0.3', apply: (v) => big(v).plus('0.3').toFixed(), outcome: 'evidence' },
    schemaRow('claims.verdict', 'local-minimum'),
    { path: 'claims.reason', mutation: '= not-positive-definite', apply: () => 'not-positive-definite', outcome: 'evidence' },
    { path: 'claims.evidence.gradBound', mutation: '= 1e-200', apply: () => '1e-200', outcome: 'evidence' },
    // A tiny ρ: the box proof then succeeds, so "it failed at (μ, ρ)" is false.
    { path: 'claims.evidence.attempts.*.rho', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'reason' },
    // A smaller μ at the same ρ still fails (the box is too wide for any μ > 0 here): still true.
    { path: 'claims.evidence.attempts.*.mu', mutation: '= 1e-9', apply: () => '1e-9', outcome: 'accepted' },
    // The last μ must be proved at the centre alone (that is what makes the gradient the cause).
    { path: 'claims.evidence.attempts.2.mu', mutation: '= 100', apply: () => '100', outcome: 'reason' },
  ];
}

function domainRefusalRows(): Row[] {
  return [
    ...commonRows(),
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    // Any single coordinate moved by 1e-3 leaves the box still outside Ω: the claim stays true.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'accepted' },
    schemaRow('claims.verdict', 'local-minimum'),
    { path: 'claims.reason', mutation: '= not-positive-definite', apply: () => 'not-positive-definite', outcome: 'evidence' },
    // A box of half-width 1e-30 around this point of Ω lies in Ω: "the box leaves Ω" is false.
    { path: 'claims.evidence.rho', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'reason' },
  ];
}

function saddleRows(): Row[] {
  return [
    ...commonRows(),
    // Moving one coordinate by 1e-3 ≫ ρ moves the Newton step far above η.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'eta' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'If anything, then W* is a saddle.'),
    // Higher precisions only tighten the audit's enclosures; polishing is not part of any claim.
    { path: 'method.precision', mutation: '+20', apply: (v) => (v as number) + 20, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    { path: 'method.rho', mutation: '×0.4 (η ≤ (1 − κ)ρ fails)', apply: (v) => big(v).times('0.4').toFixed(), outcome: 'rho' },
    schemaRow('claims.verdict', 'local-minimum'),
    { path: 'claims.morseIndex', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'morseIndex' },
    { path: 'claims.eta', mutation: '= 1e-60 (below the Newton step)', apply: () => '1e-60', outcome: 'eta' },
    { path: 'claims.kappa', mutation: '= 1e-30 (below any Y\'s contraction bound)', apply: () => '1e-30', outcome: 'kappa' },
    { path: 'claims.radius', mutation: '×0.5 (below η/(1 − κ))', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'radius' },
    { path: 'claims.lossLower', mutation: '+1e-37 (above F(W̃))', apply: (v) => big(v).plus('1e-37').toFixed(), outcome: 'lossLower' },
    { path: 'claims.lossUpper', mutation: '−1e-37 (below F(W̃))', apply: (v) => big(v).minus('1e-37').toFixed(), outcome: 'lossUpper' },
  ];
}

/** Extra rows for the same saddle certificate: weaker claims (still true) and more false ones. */
const moreSaddleRows: Row[] = [
  { path: 'claims.kappa', mutation: '×2 (weaker, (c) and the radius still hold)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
  { path: 'claims.kappa', mutation: '= 1 (not a contraction)', apply: () => '1', outcome: 'kappa' },
  { path: 'claims.eta', mutation: '×2 (η ≤ (1 − κ)ρ fails)', apply: (v) => big(v).times(2).toFixed(), outcome: 'rho' },
  { path: 'claims.radius', mutation: '×2 (weaker)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
  { path: 'claims.morseIndex', mutation: '= 0', apply: () => 0, outcome: 'schema' },
  { path: 'claims.morseIndex', mutation: '= N (a maximum, not a saddle)', apply: () => 9, outcome: 'morseIndex' },
  { path: 'claims.lossLower', mutation: '−1 (weaker)', apply: (v) => big(v).minus(1).toFixed(), outcome: 'accepted' },
  { path: 'claims.lossUpper', mutation: '+1 (weaker)', apply: (v) => big(v).plus(1).toFixed(), outcome: 'accepted' },
  // A box far outside the smooth domain (the neurons have norm ≈ 1), with (c) still true.
  { path: 'method.rho', mutation: '= 2 (box leaves Ω)', apply: () => '2', outcome: 'smoothDomain' },
];

function degenerateRefusalRows(): Row[] {
  return [
    ...commonRows(true),
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'evidence' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    // The float screen decides this refusal: precisions and polishing do not enter it.
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    schemaRow('claims.verdict', 'saddle'),
    { path: 'claims.reason', mutation: '= existence-not-proved', apply: () => 'existence-not-proved', outcome: 'reason' },
    { path: 'claims.evidence.nearestZeroFloat', mutation: '= 0.5 (disagrees)', apply: () => 0.5, outcome: 'evidence' },
  ];
}

function existenceRefusalRows(): Row[] {
  return [
    ...commonRows(),
    // Another centre has another Newton step: the recorded η no longer agrees.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'evidence' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    // η is rounded to 4 digits: 10 more digits in the gradient enclosure do not change it; the box
    // proof fails with tighter angle enclosures too (κ ≈ 1.3 over that box).
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    schemaRow('claims.verdict', 'saddle'),
    { path: 'claims.reason', mutation: '= degenerate', apply: () => 'degenerate', outcome: 'evidence' },
    { path: 'claims.evidence.eta', mutation: '= 1e-30 (disagrees)', apply: () => '1e-30', outcome: 'evidence' },
    // The existence test fails for a box of any size around this unpolished point (η is too large),
    // so "it fails at ρ = 1e-30" is still true; a box of half-width 2 leaves Ω, which is another reason.
    { path: 'claims.evidence.rho', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'accepted' },
    { path: 'claims.evidence.rho', mutation: '= 2 (box leaves Ω)', apply: () => '2', outcome: 'reason' },
  ];
}

const remove: Row['apply'] = () => undefined;

function overparamRows(): Row[] {
  return [
    ...commonRows(),
    // The centre moved by 1e-3 ≫ r: the minimum certificate it rests on fails first.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'minimum.gradBound' },
    // The embedded minimum certificate: its own fields, audited as a minimum certificate.
    schemaRow('minimum.method.lemma'),
    schemaRow('minimum.method.lemmaVersion', 2),
    schemaRow('minimum.method.statement', 'If anything, then W* is a minimum.'),
    { path: 'minimum.method.precision', mutation: '+20', apply: (v) => (v as number) + 20, outcome: 'accepted' },
    { path: 'minimum.method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    schemaRow('minimum.method.pdEngine'),
    { path: 'minimum.method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    { path: 'minimum.method.rho', mutation: '×0.4 (2g < μρ fails)', apply: (v) => big(v).times('0.4').toFixed(), outcome: 'minimum.rho' },
    { path: 'minimum.method.mu', mutation: '×2 (≠ claims.mu)', apply: (v) => big(v).times(2).toFixed(), outcome: 'minimum.mu' },
    // A local minimum (weaker for the minimum certificate) is not the non-global minimum the theorem needs.
    { path: 'minimum.claims.verdict', mutation: '= local-minimum', apply: () => 'local-minimum', outcome: 'minimum.verdict' },
    { path: 'minimum.claims.gradBound', mutation: '= 1e-200', apply: () => '1e-200', outcome: 'minimum.gradBound' },
    { path: 'minimum.claims.mu', mutation: '×0.5', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'minimum.mu' },
    { path: 'minimum.claims.radius', mutation: '×0.5 (below g/μ)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'minimum.radius' },
    { path: 'minimum.claims.lossLower', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'minimum.lossLower' },
    { path: 'minimum.claims.lossUpper', mutation: '−1e-3', apply: (v) => big(v).minus('1e-3').toFixed(), outcome: 'minimum.lossUpper' },
    schemaRow('method.theorem', 'some-other-paper'),
    { path: 'method.theorem', mutation: 'removed', apply: remove, outcome: 'schema' },
    schemaRow('method.theoremStatement', 'Every minimum is a saddle.'),
    schemaRow('method.conditions', 'none'),
    // Higher precisions only tighten the audit's enclosures.
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.anglePrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    schemaRow('claims.verdict', 'saddle'),
    { path: 'claims.normSumUpper', mutation: '= k + 0.5 (above k)', apply: () => '7.5', outcome: 'normSumUpper' },
    { path: 'claims.normSumUpper', mutation: '−1e-6 (below the proved sum)', apply: (v) => big(v).minus('1e-6').toFixed(), outcome: 'normSumUpper' },
    { path: 'claims.blockEigUpper.*', mutation: '= 0 (not negative)', apply: () => '0', outcome: 'blockEigUpper' },
    { path: 'claims.blockEigUpper.*', mutation: '×1.01 (below the proved bound)', apply: (v) => big(v).times('1.01').toFixed(), outcome: 'blockEigUpper' },
    schemaRow('claims.conclusion', 'a global minimum of the (k+1)-neuron objective'),
    { path: 'claims.conclusion', mutation: 'removed', apply: remove, outcome: 'schema' },
  ];
}

/** Rows of a minimum certificate's method and claims, applied to the copy embedded under `minimum`. */
function embedded(rows: Row[]): Row[] {
  return rows
    .filter((r) => r.path.startsWith('method.') || r.path.startsWith('claims.'))
    .map((r) => ({ ...r, path: `minimum.${r.path}`, outcome: r.outcome === 'accepted' || r.outcome === 'schema' ? r.outcome : `minimum.${r.outcome}` }));
}

/** The overparam-conditions certificate over a reduced minimum (k = 10, p = [2, 8]: one bound per block). */
function reducedOverparamRows(): Row[] {
  const own = overparamRows().filter((r) => r.path.startsWith('method.') || r.path.startsWith('claims.'));
  return [
    ...compactRows(),
    // The centre moved by 1e-3 ≫ r: the minimum certificate it rests on fails first.
    { path: 'point.compact.vals.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'minimum.gradBound' },
    ...embedded([...reducedMinimumRows(), ...weakerReducedRows]),
    // A local minimum (weaker for the minimum certificate) is not the non-global minimum the theorem needs.
    { path: 'minimum.claims.verdict', mutation: '= local-minimum', apply: () => 'local-minimum', outcome: 'minimum.verdict' },
    ...own.map((r) => (r.mutation === '= k + 0.5 (above k)' ? { ...r, apply: () => '10.5' } : r)),
    { path: 'claims.blockEigUpper', mutation: 'one bound per neuron (10) instead of per block (2)', apply: (v) => Array.from({ length: 10 }, () => (v as string[])[0]!), outcome: 'blockEigUpper' },
  ];
}

/** Extra rows for the same overparam certificate: weaker claims and a shortened bound list. */
const moreOverparamRows: Row[] = [
  { path: 'claims.normSumUpper', mutation: '= k (weaker, still ≤ k)', apply: () => '7', outcome: 'accepted' },
  { path: 'claims.blockEigUpper.*', mutation: '= −1e-9 (weaker, still < 0)', apply: () => '-1e-9', outcome: 'accepted' },
  { path: 'claims.blockEigUpper', mutation: 'one bound dropped', apply: (v) => (v as string[]).slice(1), outcome: 'blockEigUpper' },
  { path: 'minimum.claims.radius', mutation: '×2 (weaker: the conditions still hold on the larger ball)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
  { path: 'minimum', mutation: 'removed', apply: remove, outcome: 'schema' },
];

/**
 * The 'equivalence' kind. Its own fields are all listed. The embedded certificates a and b are
 * minimum certificates audited by the same code as the 'minimum' table above (which covers each of
 * their fields); here the rows show that a failure inside one is named 'a.<claim>' / 'b.<claim>',
 * and that the fields the theorem reads from them (centres, r_a, ρ_b, problem) are checked.
 */
function equivalenceRows(): Row[] {
  const embedded = (doc: Doc, name: 'a' | 'b') => (doc.certificates as Record<string, Doc>)[name]!;
  const twoI = Array.from({ length: 7 }, (_, a) => Array.from({ length: 7 }, (_, j) => (a === j ? '2' : '0')));
  return [
    ...headerRows('problem'),
    schemaRow('problem.teacher.kind', 'matrix'), // a matrix teacher without V
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'Two minima with close losses are the same.'),
    schemaRow('claims.verdict', 'different-minima'),
    // Changing one index of a bijection duplicates another.
    { path: 'claims.permutation.coordinates.*', mutation: '+1 mod d (duplicate index)', apply: (v) => ((v as number) + 1) % 7, outcome: 'permutation' },
    { path: 'claims.permutation.neurons.*', mutation: '+1 mod n (duplicate index)', apply: (v) => ((v as number) + 1) % 7, outcome: 'permutation' },
    { path: 'claims.permutation.coordinates', mutation: 'one index more', apply: (v) => [...(v as number[]), 7], outcome: 'permutation' },
    { path: 'claims.permutation.neurons', mutation: 'reversed (a bijection, the wrong one)', apply: (v) => [...(v as number[])].reverse(), outcome: 'squaredDistance' },
    { path: 'claims.squaredDistance', mutation: '÷2 (below the exact distance)', apply: (v) => big(v).div(2).toFixed(), outcome: 'squaredDistance' },
    { path: 'claims.squaredDistance', mutation: '×2 (weaker, still inside the ball)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    { path: 'claims.squaredDistance', mutation: '= 1e-20 (outside the ball)', apply: () => '1e-20', outcome: 'ball' },
    // The centres: moving either makes π(W̃_a) far from W̃_b.
    { path: 'certificates.a.point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'squaredDistance' },
    { path: 'certificates.b.point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'squaredDistance' },
    // r_a and ρ_b enter the ball inequality; a weaker (larger) r_a still true for a breaks it.
    { path: 'certificates.a.claims.radius', mutation: '= 2ρ_b (true for a, outside b’s ball)', apply: (_v, doc) => big((embedded(doc, 'b').method as Doc).rho).times(2).toFixed(), outcome: 'ball' },
    { path: 'certificates.a.claims.radius', mutation: '×0.5 (a’s own claim fails)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'a.radius' },
    { path: 'certificates.b.method.rho', mutation: '= r_a (no room for D > 0)', apply: (_v, doc) => (embedded(doc, 'a').claims as Doc).radius, outcome: 'ball' },
    { path: 'certificates.b.claims.radius', mutation: '×0.5 (b’s own claim fails)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'b.radius' },
    { path: 'certificates.a.claims.lossUpper', mutation: '−1e-3', apply: (v) => big(v).minus('1e-3').toFixed(), outcome: 'a.lossUpper' },
    { path: 'certificates.b.claims.gradBound', mutation: '= 1e-200', apply: () => '1e-200', outcome: 'b.gradBound' },
    schemaRow('certificates.b.kind', 'refusal'),
    { path: 'certificates.b.problem.teacher', mutation: '= 2I (a different problem)', apply: () => ({ kind: 'matrix', V: twoI }), outcome: 'problem' },
    // Coverage of the remaining embedded fields (see the comment above): informative or schema.
    { path: 'certificates.a', mutation: 'its provenance changed (informative)', apply: (v) => ({ ...(v as Doc), provenance: { ...((v as Doc).provenance as Doc), version: 'x' } }), outcome: 'accepted' },
    { path: 'certificates.b', mutation: 'claims.mu deleted', apply: (v) => ({ ...(v as Doc), claims: { ...((v as Doc).claims as Doc), mu: undefined } }), outcome: 'schema' },
    ...provenanceRows(),
  ];
}

/** Rows shared by every reduced kind: the compact centre and its problem (identity teacher, d = n = k = Σp). */
function compactRows(): Row[] {
  return [
    ...commonRows(),
    // Σp no longer equals k (and method.reduction.p no longer equals p).
    { path: 'point.compact.p.*', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'shapes' },
  ];
}

function reducedMinimumRows(): Row[] {
  return [
    ...compactRows(),
    // Moving one free value by 1e-3 ≫ r moves the gradient far above g.
    { path: 'point.compact.vals.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'gradBound' },
    ...lemmaRows(),
    // A higher Hessian precision only tightens the orbit enclosures (t still covers the row sums).
    { path: 'method.hessianPrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    schemaRow('method.pdEngine', 'rump-cholesky-2006'), // never a dense engine for the reduced proof
    schemaRow('method.reduction.kind', 'dense'),
    { path: 'method.reduction.p.*', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'shapes' },
    // t below the largest row sum of R no longer bounds ‖H − M‖₂.
    { path: 'claims.t', mutation: '×0.5', apply: (v) => big(v).times('0.5').toFixed(), outcome: 't' },
    // The type list must be exactly G's: any changed label, kind, block, dimension or multiplicity is rejected.
    { path: 'claims.types.*.type', mutation: '= "std(7)"', apply: () => 'std(7)', outcome: 'isotypicTypes' },
    { path: 'claims.types.*.kind', mutation: 'other kind', apply: (v) => (v === 'wedge2' ? 'two-row' : 'wedge2'), outcome: 'isotypicTypes' },
    { path: 'claims.types.*.blocks', mutation: 'other blocks', apply: (v) => ((v as number[]).length === 0 ? [0] : (v as number[]).map((b) => b + 1)), outcome: 'isotypicTypes' },
    { path: 'claims.types.*.dimension', mutation: '×2', apply: (v) => String(2 * Number(v)), outcome: 'isotypicTypes' },
    { path: 'claims.types.*.multiplicity', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'isotypicTypes' },
    // A block bound far above the block's smallest eigenvalue is not proved.
    { path: 'claims.types.*.lowerBound', mutation: '×1000 (above the block spectrum)', apply: (v) => big(v).times(1000).toFixed(), outcome: 'types' },
    { path: 'claims.dimensionSum', mutation: '+1', apply: (v) => String(BigInt(v as string) + 1n), outcome: 'dimensionSum' },
  ];
}

/** Mutations of the reduced minimum's own claims that make them weaker (still true) or break another claim. */
const weakerReducedRows: Row[] = [
  { path: 'claims.types.*.lowerBound', mutation: '×0.5 (weaker)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'accepted' },
  // A larger t is still a bound of ‖H − M‖₂, but 1 is larger than the curvature: the block proofs at μ + t fail.
  { path: 'claims.t', mutation: '= 1 (valid bound, too weak for the proof)', apply: () => '1', outcome: 'curvature' },
];

function reducedGlobalRows(): Row[] {
  return [
    ...compactRows(),
    { path: 'point.compact.vals.*.*', mutation: '+1e-30', apply: (v) => big(v).plus('1e-30').toFixed(), outcome: 'verdict' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('claims.verdict', 'spurious-local-minimum'),
    schemaRow('claims.lossLower', '-1'),
    schemaRow('claims.lossUpper', '1'),
  ];
}

/** Method rows of every reduced refusal. */
function reducedRefusalMethodRows(): Row[] {
  return [
    ...compactRows(),
    schemaRow('method.lemma', 'krawczyk-morse'),
    schemaRow('method.lemmaVersion', 2),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.hessianPrecision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    schemaRow('method.reduction.kind', 'dense'),
    { path: 'method.reduction.p.*', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'shapes' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    schemaRow('claims.verdict', 'local-minimum'),
  ];
}

function reducedNotPdRows(): Row[] {
  return [
    ...reducedRefusalMethodRows(),
    { path: 'point.compact.vals.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'evidence' },
    { path: 'claims.reason', mutation: '= leaves-smooth-domain', apply: () => 'leaves-smooth-domain', outcome: 'reason' },
    { path: 'claims.evidence.lambdaMinFloat', mutation: '= +0.5 (disagrees)', apply: () => 0.5, outcome: 'evidence' },
  ];
}

function reducedBoxRefusalRows(): Row[] {
  return [
    ...reducedRefusalMethodRows(),
    // A centre moved by 0.3 has a gradient far above the recorded g.
    { path: 'point.compact.vals.*.*', mutation: '+0.3', apply: (v) => big(v).plus('0.3').toFixed(), outcome: 'evidence' },
    { path: 'claims.reason', mutation: '= not-positive-definite', apply: () => 'not-positive-definite', outcome: 'evidence' },
    { path: 'claims.evidence.gradBound', mutation: '= 1e-200', apply: () => '1e-200', outcome: 'evidence' },
    { path: 'claims.evidence.attempts.*.rho', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'reason' },
    { path: 'claims.evidence.attempts.*.mu', mutation: '= 1e-9', apply: () => '1e-9', outcome: 'accepted' },
    { path: 'claims.evidence.attempts.2.mu', mutation: '= 100', apply: () => '100', outcome: 'reason' },
  ];
}

function reducedDomainRefusalRows(): Row[] {
  return [
    ...reducedRefusalMethodRows(),
    // Any one free value moved by 1e-3 leaves the box (half-width 0.04) still outside Ω: the claim stays true.
    { path: 'point.compact.vals.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'accepted' },
    { path: 'claims.reason', mutation: '= not-positive-definite', apply: () => 'not-positive-definite', outcome: 'evidence' },
    { path: 'claims.evidence.rho', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'reason' },
  ];
}

/** Every leaf path of a document, with array indices and object keys. */
function leafPaths(x: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => leafPaths(v, [...prefix, String(i)]));
  if (typeof x === 'object' && x !== null) {
    const entries = Object.entries(x);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

function matches(pattern: string, path: string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
}

function get(doc: Doc, path: string[]): unknown {
  return path.reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], doc);
}
function set(doc: Doc, path: string[], value: unknown): void {
  const parent = get(doc, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1]!] = value;
}

/**
 * Applies each row to the certificate: to the first matching leaf (for '*' rows, to a few spread
 * matches), audits, and compares with the expected outcome. Also checks that every leaf is covered
 * by some row. Returns the table of what was done, for the failure message.
 */
function runTable(cert: Certificate | EquivalenceCertificate, rows: Row[], opts: AuditOptions = { ldlMaxOrder: 0 }): string[] {
  const doc = cert as unknown as Doc;
  const leaves = leafPaths(doc);
  const covers = (r: Row, p: string[]) => {
    const n = r.path.split('.').length;
    return n <= p.length && matches(r.path, p.slice(0, n));
  };
  const uncovered = leaves.filter((p) => !rows.some((r) => covers(r, p)));
  expect(uncovered.map((p) => p.join('.')), 'fields without a mutation row').toEqual([]);
  const log: string[] = [];
  for (const row of rows) {
    let targets = leaves.filter((p) => matches(row.path, p));
    if (targets.length === 0) {
      // An object-valued field (e.g. provenance.details): mutate it as a whole if present.
      const p = row.path.split('.');
      if (!p.includes('*') && get(doc, p) !== undefined) targets = [p];
    }
    const picked = targets.length <= 3 ? targets : [targets[0]!, targets[Math.floor(targets.length / 2)]!, targets[targets.length - 1]!];
    for (const path of picked) {
      const t = structuredClone(doc);
      set(t, path, row.apply(get(t, path), t));
      const a = auditCertificate(t, opts);
      const got = a.ok ? 'accepted' : a.failedClaim!;
      log.push(`${path.join('.')} ${row.mutation}: ${got}`);
      expect(got, `${path.join('.')} ${row.mutation} → ${got} (${a.checks.find((c) => !c.ok)?.detail ?? ''})`).toBe(row.outcome);
    }
  }
  return log;
}

let minimum: Certificate;
let global: Certificate;
let notPd: Certificate;
let boxRefusal: Certificate;
let domainRefusal: Certificate;
let saddle: Certificate;
let degenerateRefusal: Certificate;
let existenceRefusal: Certificate;
let overparam: Certificate;
let reducedOverparam: Certificate;
let equivalence: EquivalenceCertificate;
let reducedMinimum: Certificate;
let reducedGlobal: Certificate;
let reducedNotPd: Certificate;
let reducedBox: Certificate;
let reducedDomain: Certificate;
/** The reduced audit without the dense cross-check (covered by test/certificate/reducedAudit.test.ts). */
const REDUCED_ONLY: AuditOptions = { ldlMaxOrder: 0, denseCrossCheckMaxK: 0 };

beforeAll(() => {
  const sp = searchSpuriousPoint();
  const cand = (pt: ExactPoint, id: string) => ({ id, d: pt.d, n: pt.n, W: pt.W, source: { file: `${id}.json`, format: 'json' } });
  const certify = (pt: ExactPoint, id: string, polish = true) => buildCertificate(cand(pt, id), pt.V, certifyCandidate(pt, { polish }));
  minimum = certify(sp.pt, 'minimum');
  if (minimum.kind !== 'minimum') throw new Error('fixture: not a minimum');
  const o = overparamConditions({ ...sp.pt, W: minimum.point.W }, minimum.claims.radius);
  overparam = buildOverparamCertificate(minimum, o, { precision: 40, anglePrecision: 20 });
  const V = identityTeacherStrings(3);
  global = certify({ d: 3, n: 4, k: 3, W: V.map((r) => ['0', r[2]!, r[0]!, r[1]!]), V }, 'global');
  const cyclic = cyclicSaddle();
  notPd = buildCertificate(cand(cyclic, 'not-pd'), cyclic.V, notPositiveDefiniteResult(cyclic));
  saddle = certify(cyclic, 'saddle');
  degenerateRefusal = certify(rotationOrbitCriticalPoint(), 'degenerate');
  existenceRefusal = certify({ ...cyclic, W: cyclic.W.map((row) => row.map((x) => new Big(x).plus('1e-4').toFixed())) }, 'unpolished-saddle', false);
  const rough = (amplitude: string) => sp.pt.W.map((row, a) => row.map((x, i) => new Big(x).plus(new Big(Math.cos(3 * a + 7 * i)).times(amplitude)).toFixed()));
  boxRefusal = certify({ ...sp.pt, W: rough('1e-5') }, 'rough', false);
  domainRefusal = certify({ ...sp.pt, W: rough('1e-4') }, 'rougher', false);
  const partner = permutedPartner(sp.pt).b;
  const found = findEquivalence(certifiedMinimumOf(minimum as MinimumCertificate), certifiedMinimumOf(partner));
  if (!found.proved) throw new Error(`fixture: ${found.reason}`);
  const [a, b] = found.from.id === 'minimum' ? [minimum as MinimumCertificate, partner] : [partner, minimum as MinimumCertificate];
  equivalence = buildEquivalenceCertificate(a, b, found);

  const reduced = (pt: ExactCompactPoint, id: string, polish = true) =>
    buildReducedCertificate(compactCandidate({ id, source: { file: `${id}.json`, format: 'json' } }, pt), certifyCompact(pt, { polish }), { polish });
  const min28 = compactMinimum28();
  reducedMinimum = reduced(min28, 'reduced-minimum');
  if (reducedMinimum.kind !== 'minimum' || !('compact' in reducedMinimum.point)) throw new Error('fixture: not a reduced minimum');
  const centre28 = { d: 10, n: 10, k: 10, W: expandCompactPoint(reducedMinimum.point.compact), V: identityTeacherStrings(10) };
  const o28 = overparamConditions(centre28, reducedMinimum.claims.radius, { anglePrecision: 20, neurons: [0, 2] });
  reducedOverparam = buildOverparamCertificate(reducedMinimum as ReducedMinimumCertificate, o28, { precision: 40, anglePrecision: 20 });
  reducedGlobal = reduced({ p: [3, 4], vals: [['1', '0', '0'], ['0', '1', '0']] }, 'reduced-global');
  reducedNotPd = reduced(compactSaddle24(), 'reduced-saddle');
  const roughCompact = (amplitude: string) => ({
    p: min28.p,
    vals: min28.vals.map((row, i) => row.map((x, j) => new Big(x).plus(new Big(Math.cos(3 * i + 7 * j)).times(amplitude)).toFixed())),
  });
  reducedBox = reduced(roughCompact('1e-6'), 'reduced-rough', false);
  reducedDomain = reduced(roughCompact('1e-5'), 'reduced-rougher', false);
});

describe('mutation of every field of every certificate kind: rejected naming the claim, or every claim still true', () => {
  it('the fixtures are one certificate of each kind (and refusal reason)', () => {
    expect(minimum.kind).toBe('minimum');
    expect(minimum.claims.verdict).toBe('spurious-local-minimum');
    expect(global.kind).toBe('global-minimum');
    expect(notPd.kind === 'refusal' && notPd.claims.reason).toBe('not-positive-definite');
    expect(boxRefusal.kind === 'refusal' && boxRefusal.claims.reason).toBe('gradient-too-large');
    expect(domainRefusal.kind === 'refusal' && domainRefusal.claims.reason).toBe('leaves-smooth-domain');
    expect(saddle.kind === 'saddle' && saddle.claims.morseIndex).toBe(1);
    expect(degenerateRefusal.kind === 'refusal' && degenerateRefusal.claims.reason).toBe('degenerate');
    expect(existenceRefusal.kind === 'refusal' && existenceRefusal.claims.reason).toBe('existence-not-proved');
    expect(overparam.kind).toBe('overparam-conditions');
    for (const c of [minimum, global, notPd, boxRefusal, domainRefusal, saddle, degenerateRefusal, existenceRefusal, overparam]) {
      expect(auditCertificate(c).ok).toBe(true);
    }
    expect(equivalence.kind).toBe('equivalence');
    expect(new Big(equivalence.claims.squaredDistance).gt(0)).toBe(true); // the rows need D > 0
    expect(auditCertificate(equivalence, { ldlMaxOrder: 0 }).ok).toBe(true);
  });

  it('the reduced fixtures are one reduced certificate of each kind (and refusal reason)', () => {
    expect([reducedMinimum.kind, reducedMinimum.claims.verdict]).toEqual(['minimum', 'spurious-local-minimum']);
    expect(reducedGlobal.kind).toBe('global-minimum');
    expect(reducedNotPd.kind === 'refusal' && reducedNotPd.claims.reason).toBe('not-positive-definite');
    expect(reducedBox.kind === 'refusal' && reducedBox.claims.reason).toBe('gradient-too-large');
    expect(reducedDomain.kind === 'refusal' && reducedDomain.claims.reason).toBe('leaves-smooth-domain');
    for (const c of [reducedMinimum, reducedGlobal, reducedNotPd, reducedBox, reducedDomain]) {
      expect('compact' in c.point).toBe(true);
      expect(auditCertificate(c, REDUCED_ONLY).ok).toBe(true);
    }
  });

  it('minimum', () => {
    runTable(minimum, [...minimumRows(), ...weakerMinimumRows]);
  });
  it('global minimum', () => {
    runTable(global, globalRows());
  });
  it('refusal: not positive definite', () => {
    runTable(notPd, notPdRefusalRows());
  });
  it('refusal: gradient too large', () => {
    runTable(boxRefusal, boxRefusalRows());
  });
  it('refusal: leaves the smooth domain', () => {
    runTable(domainRefusal, domainRefusalRows());
  });
  it('saddle', () => {
    runTable(saddle, [...saddleRows(), ...moreSaddleRows]);
  });
  it('refusal: degenerate (saddle path)', () => {
    runTable(degenerateRefusal, degenerateRefusalRows());
  });
  it('refusal: existence not proved (saddle path)', () => {
    runTable(existenceRefusal, existenceRefusalRows());
  });
  it('over-parameterisation conditions', () => {
    runTable(overparam, [...overparamRows(), ...moreOverparamRows]);
  });
  it('over-parameterisation conditions over a reduced minimum (one bound per block)', () => {
    expect(reducedOverparam.kind === 'overparam-conditions' && reducedOverparam.claims.blockEigUpper.length).toBe(2);
    expect(auditCertificate(reducedOverparam, REDUCED_ONLY).ok).toBe(true);
    runTable(reducedOverparam, reducedOverparamRows(), REDUCED_ONLY);
  });
  it('equivalence', () => {
    runTable(equivalence, equivalenceRows());
  });
  it('reduced minimum (compact centre, isotypic proof)', () => {
    runTable(reducedMinimum, [...reducedMinimumRows(), ...weakerMinimumRows, ...weakerReducedRows], REDUCED_ONLY);
  });
  it('reduced global minimum', () => {
    runTable(reducedGlobal, reducedGlobalRows(), REDUCED_ONLY);
  });
  it('reduced refusal: not positive definite', () => {
    runTable(reducedNotPd, reducedNotPdRows(), REDUCED_ONLY);
  });
  it('reduced refusal: gradient too large', () => {
    runTable(reducedBox, reducedBoxRefusalRows(), REDUCED_ONLY);
  });
  it('reduced refusal: leaves the smooth domain', () => {
    runTable(reducedDomain, reducedDomainRefusalRows(), REDUCED_ONLY);
  });
});

// ---------------------------------------------------------------------------------------------
// Finite-data certificates (problem.objective 'grid-teacher-2d'): the same discipline.

/** Rows shared by every finite-data kind. */
function gridCommonRows(): Row[] {
  return [
    schemaRow('schema', 'certmin-other'),
    schemaRow('schemaVersion', 3),
    schemaRow('kind', 'banana'),
    // Another objective id selects the population schema, which this document does not satisfy.
    schemaRow('problem.objective'),
    schemaRow('problem.objectiveVersion', 2),
    schemaRow('problem.d', 3),
    { path: 'problem.n', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'shapes' },
    { path: 'problem.P', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'shapes' },
    schemaRow('problem.loss', 'L = sum_p (f(x_p) - y_p)^2'),
    schemaRow('problem.data.kind', 'inline'), // inline data without X
    schemaRow('problem.teacher.kind', 'inline'), // an inline teacher without W, a
    informative('point.candidate.id'),
    informative('point.candidate.source.file'),
    informative('point.candidate.source.format'),
    { path: 'point.candidate.inputDigest', mutation: 'other digest', apply: () => 'b'.repeat(64), outcome: 'accepted' },
    informative('point.polish.steps'),
    { path: 'point.polish.distanceUpper', mutation: '×2', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    informative('provenance.version'),
    informative('provenance.createdAt'),
    informative('provenance.seconds.*'),
    informative('provenance.lambdaMinFloat'),
    informative('provenance.hint'),
    { path: 'provenance.details', mutation: '= {}', apply: () => ({}), outcome: 'accepted' },
    { path: 'provenance.details.*', mutation: '= 1', apply: () => 1, outcome: 'accepted' },
    schemaRow('provenance.tool', 'other'),
  ];
}

function gridMinimumRows(activation: 'sigmoid' | 'relu'): Row[] {
  return [
    ...gridCommonRows(),
    // The other activation needs the other chart.
    { path: 'problem.activation', mutation: 'other activation', apply: (v) => (v === 'sigmoid' ? 'relu' : 'sigmoid'), outcome: 'coordinates' },
    // Moving one coordinate by 1e-3 ≫ r moves the gradient far above g.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'gradBound' },
    // Sigmoid: a_i enters the gradient; ReLU: the centre is (W = U, a = s) and |a_i| scales u_i.
    { path: 'point.a.*', mutation: '×1.001', apply: (v) => big(v).times('1.001').toFixed(), outcome: 'gradBound' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'If anything, then W* is a minimum.'),
    { path: 'method.coordinates', mutation: 'other chart', apply: (v) => (v === 'theta' ? 'reduced-relu' : 'theta'), outcome: 'coordinates' },
    // A higher precision only tightens the audit's enclosures.
    { path: 'method.precision', mutation: '+20', apply: (v) => (v as number) + 20, outcome: 'accepted' },
    schemaRow('method.pdEngine'),
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    { path: 'method.rho', mutation: '×0.4 (2g < μρ fails)', apply: (v) => big(v).times('0.4').toFixed(), outcome: 'rho' },
    { path: 'method.mu', mutation: '×2 (≠ claims.mu)', apply: (v) => big(v).times(2).toFixed(), outcome: 'mu' },
    schemaRow('claims.verdict', 'global-minimum'),
    { path: 'claims.verdict', mutation: 'spurious → local (weaker)', apply: () => 'local-minimum', outcome: 'accepted' },
    { path: 'claims.gradBound', mutation: '= 1e-200 (below the true gradient)', apply: () => '1e-200', outcome: 'gradBound' },
    { path: 'claims.mu', mutation: '×0.5 (≠ method.mu)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'mu' },
    { path: 'claims.radius', mutation: '×0.5 (below g/μ)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'radius' },
    { path: 'claims.radius', mutation: '×2 (weaker)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    { path: 'claims.lossLower', mutation: '+1e-6 (above L(θ̃))', apply: (v) => big(v).plus('1e-6').toFixed(), outcome: 'lossLower' },
    { path: 'claims.lossLower', mutation: '−1 (≤ 0: no longer spurious)', apply: (v) => big(v).minus(1).toFixed(), outcome: 'verdict' },
    { path: 'claims.lossUpper', mutation: '−1e-6 (below L(θ*))', apply: (v) => big(v).minus('1e-6').toFixed(), outcome: 'lossUpper' },
    { path: 'claims.lossUpper', mutation: '+1 (weaker)', apply: (v) => big(v).plus(1).toFixed(), outcome: 'accepted' },
    activation === 'sigmoid'
      ? // A strict minimum of L is also a minimum: 'non-strict' is weaker, still true.
        { path: 'claims.minimumOfL', mutation: '= non-strict (weaker)', apply: () => 'non-strict', outcome: 'accepted' }
      : // The rescaling orbits are flat: a ReLU minimum of L is never strict.
        { path: 'claims.minimumOfL', mutation: '= strict', apply: () => 'strict', outcome: 'minimumOfL' },
  ];
}

function gridSaddleRows(): Row[] {
  return [
    ...gridCommonRows(),
    // ReLU points are certified in the reduced chart, never in θ.
    { path: 'problem.activation', mutation: '= relu', apply: () => 'relu', outcome: 'coordinates' },
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'eta' },
    { path: 'point.a.*', mutation: '×1.001', apply: (v) => big(v).times('1.001').toFixed(), outcome: 'eta' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'Every critical point is a saddle.'),
    schemaRow('method.coordinates', 'reduced-relu'),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    // A much larger box: the Hessian enclosure widens, the claimed κ no longer bounds ‖I − YH‖.
    { path: 'method.rho', mutation: '= 0.1', apply: () => '0.1', outcome: 'kappa' },
    schemaRow('claims.verdict', 'local-minimum'),
    { path: 'claims.morseIndex', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'morseIndex' },
    { path: 'claims.eta', mutation: '= 1e-80 (below the Newton step)', apply: () => '1e-80', outcome: 'eta' },
    { path: 'claims.kappa', mutation: '= 1e-30', apply: () => '1e-30', outcome: 'kappa' },
    { path: 'claims.kappa', mutation: '×2 (weaker)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    { path: 'claims.radius', mutation: '×0.5 (below η/(1 − κ))', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'radius' },
    { path: 'claims.lossLower', mutation: '+1e-30 (above L(θ̃))', apply: (v) => big(v).plus('1e-30').toFixed(), outcome: 'lossLower' },
    { path: 'claims.lossUpper', mutation: '−1e-30 (below L(θ̃))', apply: (v) => big(v).minus('1e-30').toFixed(), outcome: 'lossUpper' },
    { path: 'claims.lossUpper', mutation: '+1 (weaker)', apply: (v) => big(v).plus(1).toFixed(), outcome: 'accepted' },
  ];
}

function gridGlobalRows(): Row[] {
  return [
    ...gridCommonRows(),
    // The embedding uses the sigmoid identity σ(−z) = 1 − σ(z) (flipped neurons), which ReLU lacks.
    { path: 'problem.activation', mutation: 'other activation', apply: (v) => (v === 'sigmoid' ? 'relu' : 'sigmoid'), outcome: 'embedding' },
    // The centre 1e-3 away: ‖θ̃ − θ_E‖ exceeds the claimed distance.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'distance' },
    { path: 'point.a.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'distance' },
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    schemaRow('method.statement', 'The loss is small.'),
    schemaRow('claims.verdict', 'spurious-local-minimum'),
    { path: 'claims.embedding.W.*.*', mutation: '+1e-30', apply: (v) => big(v).plus('1e-30').toFixed(), outcome: 'embedding' },
    { path: 'claims.embedding.a.*', mutation: '+1e-30', apply: (v) => big(v).plus('1e-30').toFixed(), outcome: 'embedding' },
    { path: 'claims.distance', mutation: '×0.5 (below the distance)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'distance' },
    { path: 'claims.distance', mutation: '×2 (weaker)', apply: (v) => big(v).times(2).toFixed(), outcome: 'accepted' },
    schemaRow('claims.lossLower', '-1'),
    schemaRow('claims.lossUpper', '1e-30'),
  ];
}

function gridRefusalBaseRows(): Row[] {
  return [
    ...gridCommonRows(),
    schemaRow('method.lemma'),
    schemaRow('method.lemmaVersion', 2),
    { path: 'method.polish', mutation: 'flip', apply: (v) => !v, outcome: 'accepted' },
    schemaRow('claims.verdict', 'local-minimum'),
  ];
}

function gridDegenerateRows(): Row[] {
  return [
    ...gridRefusalBaseRows(),
    { path: 'problem.activation', mutation: '= relu', apply: () => 'relu', outcome: 'coordinates' },
    // Neuron 1 of this point has outgoing weight ≈ 1e-35, so L hardly depends on w_1 at any nearby
    // point: moving an incoming weight, or the other outgoing weights, keeps an eigenvalue ≈ 0
    // (the claim stays true). Giving neuron 1 an outgoing weight removes it.
    { path: 'point.W.*.*', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'accepted' },
    { path: 'point.a.0', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'accepted' },
    { path: 'point.a.1', mutation: '= 0.1', apply: () => '0.1', outcome: 'evidence' },
    { path: 'point.a.2', mutation: '+1e-3', apply: (v) => big(v).plus('1e-3').toFixed(), outcome: 'accepted' },
    { path: 'method.coordinates', mutation: '= reduced-relu', apply: () => 'reduced-relu', outcome: 'coordinates' },
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'claims.reason', mutation: '= not-critical (no gradLower)', apply: () => 'not-critical', outcome: 'evidence' },
    { path: 'claims.evidence.nearZeroEigenvalue', mutation: '= 0.5 (disagrees)', apply: () => 0.5, outcome: 'evidence' },
    // The largest eigenvalue is informative context for the ratio; the reason is recomputed.
    { path: 'claims.evidence.largestEigenvalue', mutation: '+1', apply: (v) => (v as number) + 1, outcome: 'accepted' },
  ];
}

function gridKinkRows(): Row[] {
  return [
    ...gridRefusalBaseRows(),
    { path: 'problem.activation', mutation: '= sigmoid', apply: () => 'sigmoid', outcome: 'coordinates' },
    // The refusal names neuron 1 and data point 699 (x = (−4.5, −0.75), on the kink of ũ_1 ≈ (−0.1, 0.6)):
    // moving neuron 1 moves it off that kink; moving another neuron leaves the claim true.
    ...[0, 1, 2, 3, 4].map((i): Row => ({
      path: `point.W.*.${i}`,
      mutation: '+0.01',
      apply: (v) => big(v).plus('0.01').toFixed(),
      outcome: i === 1 ? 'reason' : 'accepted',
    })),
    // a_i = 0 gives ũ_i = 0, whose argument 0 is within any box of the kink: still true for neuron 1, untouched for the others.
    { path: 'point.a.*', mutation: '= 0 (sign 0)', apply: () => '0', outcome: 'accepted' },
    schemaRow('method.coordinates', 'banana'),
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'claims.reason', mutation: '= degenerate-neuron (no degeneracy)', apply: () => 'degenerate-neuron', outcome: 'evidence' },
    { path: 'claims.evidence.neuron', mutation: '+1 (another neuron)', apply: (v) => (v as number) + 1, outcome: 'reason' },
    { path: 'claims.evidence.dataPoint', mutation: '= 0 (the corner (−5, −5))', apply: () => 0, outcome: 'reason' },
    { path: 'claims.evidence.rho', mutation: '= 1 (a larger box: still crosses)', apply: () => '1', outcome: 'accepted' },
  ];
}

function gridNotCriticalRows(): Row[] {
  return [
    ...gridRefusalBaseRows(),
    { path: 'problem.activation', mutation: '= relu', apply: () => 'relu', outcome: 'coordinates' },
    // The claim is a lower bound of ‖∇L‖ at the centre (≈ 5.2e-6, recorded rounded down to 4
    // digits): moving one coordinate by 1e-12 changes ‖∇L‖ by ≲ ‖∇²L‖·1e-12, far below that margin.
    { path: 'point.W.*.*', mutation: '+1e-12', apply: (v) => big(v).plus('1e-12').toFixed(), outcome: 'accepted' },
    { path: 'point.a.*', mutation: '+1e-12', apply: (v) => big(v).plus('1e-12').toFixed(), outcome: 'accepted' },
    { path: 'method.coordinates', mutation: '= reduced-relu', apply: () => 'reduced-relu', outcome: 'coordinates' },
    { path: 'method.precision', mutation: '+10', apply: (v) => (v as number) + 10, outcome: 'accepted' },
    { path: 'claims.reason', mutation: '= degenerate (no nearZeroEigenvalue)', apply: () => 'degenerate', outcome: 'evidence' },
    { path: 'claims.evidence.gradLower', mutation: '×2 (above the gradient)', apply: (v) => big(v).times(2).toFixed(), outcome: 'reason' },
    { path: 'claims.evidence.gradLower', mutation: '×0.5 (weaker)', apply: (v) => big(v).times('0.5').toFixed(), outcome: 'accepted' },
  ];
}

let gridMinimumSigmoid: Certificate;
let gridMinimumRelu: Certificate;
let gridSaddle: Certificate;
let gridGlobal: Certificate;
let gridDegenerate: Certificate;
let gridKink: Certificate;
let gridNotCritical: Certificate;

beforeAll(() => {
  const cert = (r: { problem: FiniteDataProblem; point: FiniteDataPoint }, id: string, polish = true) =>
    buildGridCertificate(gridCandidate(r, id), certifyGridCandidate(r.problem, r.point, { polish })) as unknown as Certificate;
  gridMinimumSigmoid = cert(searchRun(SPURIOUS_RUN), 'grid-minimum');
  gridMinimumRelu = cert(searchRun(RELU_SPURIOUS_RUN), 'grid-relu-minimum');
  gridSaddle = cert(searchRun(SADDLE_RUN), 'grid-saddle');
  gridGlobal = cert(searchRun(GLOBAL_RUN), 'grid-global');
  gridDegenerate = cert(searchRun(DEGENERATE_RUN), 'grid-degenerate');
  gridKink = cert(searchRun(RELU_KINK_RUN), 'grid-kink');
  gridNotCritical = cert({ problem: defaultProblem('sigmoid'), point: DIVERGING_POINT }, 'grid-not-critical');
}, 180_000);

describe('mutation of every field of every finite-data certificate kind', () => {
  it('the fixtures are one certificate of each kind and audit', () => {
    const kinds = [gridMinimumSigmoid, gridMinimumRelu, gridSaddle, gridGlobal, gridDegenerate, gridKink, gridNotCritical].map((c) =>
      c.kind === 'refusal' ? (c.claims as { reason: string }).reason : c.kind,
    );
    expect(kinds).toEqual(['minimum', 'minimum', 'saddle', 'global-minimum', 'degenerate', 'kink-crossing', 'not-critical']);
    for (const c of [gridMinimumSigmoid, gridMinimumRelu, gridSaddle, gridGlobal, gridDegenerate, gridKink, gridNotCritical]) {
      expect(auditCertificate(c).ok).toBe(true);
    }
  });
  it('minimum (sigmoid, θ)', () => {
    runTable(gridMinimumSigmoid, gridMinimumRows('sigmoid'));
  });
  it('minimum (ReLU, reduced coordinates)', () => {
    runTable(gridMinimumRelu, gridMinimumRows('relu'));
  });
  it('saddle', () => {
    runTable(gridSaddle, gridSaddleRows());
  });
  it('global minimum (teacher embedding)', () => {
    runTable(gridGlobal, gridGlobalRows());
  });
  it('refusal: degenerate', () => {
    runTable(gridDegenerate, gridDegenerateRows());
  });
  it('refusal: kink crossing', () => {
    runTable(gridKink, gridKinkRows());
  });
  it('refusal: not critical', () => {
    runTable(gridNotCritical, gridNotCriticalRows());
  });
});
