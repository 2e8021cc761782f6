/**
 * `certmin overparam` as a library call (DESIGN.md §11): for every stored minimum of an n = k,
 * V = I_k input — 2021 pickles, 2018 .mat files with n = k, point files, or a minimum certificate
 * (audited before use) — certify the minimum (dense lemma of §3), prove the conditions of Safran,
 * Yehudai & Shamir (2021, §4) over its certified ball (overparamConditions.ts), and write an
 * overparam-conditions certificate per minimum whose conditions hold, plus summary.json and
 * summary.md (a point file without a teacher is taken with V = I_d). Candidates where something fails are 'refused' rows with a reason (no file):
 *   setting (not n = d = k with V = I_k), minimum-not-certified (certify's verdict is not a spurious
 *   minimum), minimum-certificate-fails-audit, leaves-smooth-domain (the ball's box leaves Ω),
 *   norm-sum-not-below-k, block-not-negative.
 * Cost: the dense minimum certificate dominates (O(k⁶) work in the Hessian proof; see
 * bench/overparam.ts); the conditions themselves are O(k⁴). One neuron per orbit would do at a
 * block-symmetric point (overparamConditions' `neurons`), for the symmetry-reduced path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate } from '../certificate/audit/index.js';
import { buildCertificate, buildOverparamCertificate, certificateJson } from '../certificate/build.js';
import { isReducedCertificate, readCertificate, teacherMatrixOf, type MinimumCertificate, type ReducedMinimumCertificate } from '../certificate/schema.js';
import { MAX_REDUCED_OVERPARAM_K } from '../certificate/audit/overparam.js';
import { isCompactCandidate } from '../io/compactCandidate.js';
import { compactSize, expandCompactPoint } from '../symmetric/compactPoint.js';
import { certifyCompactCandidate } from './reducedPath.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import type { Candidate } from '../io/candidate.js';
import { loadCandidates } from '../io/loadCandidates.js';
import { identityTeacherStrings, isIdentityTeacher } from '../io/teacher.js';
import { blockStarts } from '../symmetric/group.js';
import { parseJsonStrict } from '../io/strictJson.js';
import { SmoothDomainError } from '../objective/smoothDomainError.js';
import { exactCompare } from '../arith/exact.js';
import { certifyCandidate, DEFAULT_ANGLE_PRECISION, DEFAULT_PRECISION } from './certifyCandidate.js';
import { overparamConditions } from './overparamConditions.js';
import { certificateFileName, SUMMARY_JSON, SUMMARY_MD } from './runCertify.js';

export type OverparamRefusal =
  | 'setting'
  | 'minimum-not-certified'
  | 'minimum-certificate-fails-audit'
  | 'leaves-smooth-domain'
  | 'norm-sum-not-below-k'
  | 'block-not-negative';

/** One line of `overparam --json` and of summary.json. */
export interface OverparamRow {
  id: string;
  k: number;
  verdict: 'conditions-hold' | 'refused';
  reason?: OverparamRefusal;
  /** What failed, in words (informative). */
  detail?: string;
  /** Proved Σ‖w_i‖ ≤ normSumUpper on the certified ball (decimal string). */
  normSumUpper?: string;
  /** Proved λ_min(H′_ii) ≤ blockEigUpper[i] on the ball, one decimal string per neuron (per orbit on a reduced path). */
  blockEigUpper?: (string | null)[];
  /** The minimum's certified radius (Frobenius). */
  radius?: string;
  /** Numbers stored by the 2021 experiment beside the point (float, never trusted). */
  storedNormSum?: number;
  storedBlockEigs?: number[];
  storedPredEigs?: number[];
  /** True when blockEigUpper has one bound per block of the compact centre (reduced path), not per neuron. */
  perBlock?: boolean;
  /** Block sizes p of the stored compact form (first neuron of block b is Σ_{c<b} p_c). */
  storedBlocks?: number[];
  seconds: number;
  /** Certificate file name inside the output directory (conditions-hold only). */
  certificate?: string;
}

export interface OverparamRunOptions {
  outDir: string;
  precision?: number;
  /**
   * Compact-form inputs (2021 pickles, {p, vals} files) on the reduced path (DESIGN.md §9): the
   * minimum is certified by certifyCompact and condition (ii) is proved for the first neuron of
   * each block (one per G-orbit). Default false: the dense path, one bound per neuron.
   */
  reduced?: boolean;
  log?: (line: string) => void;
}

/** A minimum to check: certified here, or read from a certificate that passed audit. */
type Source = { candidate: Candidate } | { certificate: MinimumCertificate | ReducedMinimumCertificate; id: string } | { refused: OverparamRow };

function numberList(x: unknown): number[] | undefined {
  return Array.isArray(x) && x.every((v) => typeof v === 'number') ? (x as number[]) : undefined;
}

/** The inputs as minima to check (InputError for unusable files). */
function sourcesOf(input: string): Source[] {
  if (input.toLowerCase().endsWith('.json')) {
    let doc: unknown;
    try {
      doc = parseJsonStrict(readFileSync(input, 'utf8'));
    } catch (err) {
      throw new InputError(`${input}: cannot read JSON (${(err as Error).message})`);
    }
    if (typeof doc === 'object' && doc !== null && (doc as { schema?: unknown }).schema === 'certmin-certificate') {
      const read = readCertificate(doc);
      if (!read.ok) throw new InputError(`${input}: not a valid certmin certificate (${read.errors[0]})`);
      const cert = read.certificate;
      const id = cert.point.candidate.id;
      if (cert.kind !== 'minimum') {
        return [{ refused: { id, k: cert.problem.k, verdict: 'refused', reason: 'minimum-not-certified', detail: `a ${cert.kind} certificate, not a minimum`, seconds: 0 } }];
      }
      const audit = auditCertificate(doc);
      if (!audit.ok) {
        return [{ refused: { id, k: cert.problem.k, verdict: 'refused', reason: 'minimum-certificate-fails-audit', detail: `claim "${audit.failedClaim}" does not hold`, seconds: audit.seconds } }];
      }
      return [{ certificate: cert, id }];
    }
  }
  // A point without a teacher is taken with V = I_d (the theorem's setting, certify's default).
  return loadCandidates(input).map((c) => ({ candidate: c.V ? c : { ...c, V: identityTeacherStrings(c.d) } }));
}

function isIdentitySquare(c: { d: number; n: number; V?: string[][] }): boolean {
  return c.n === c.d && c.V !== undefined && isIdentityTeacher(c.V, c.d);
}

/** Checks one minimum (see the module comment); writes its certificate when the conditions hold. */
function checkOne(src: Source, opts: Required<Pick<OverparamRunOptions, 'outDir' | 'precision' | 'reduced'>>, usedNames: Set<string>): OverparamRow {
  if ('refused' in src) return src.refused;
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  let minimum: MinimumCertificate | ReducedMinimumCertificate;
  let id: string;
  if ('certificate' in src) {
    minimum = src.certificate;
    id = src.id;
  } else {
    const c = src.candidate;
    id = c.id;
    if (opts.reduced && isCompactCandidate(c)) {
      const cert = certifyCompactCandidate(c, { precision: opts.precision, polish: true });
      if (cert.kind !== 'minimum') {
        const what = cert.kind === 'refusal' ? `refused (${cert.claims.reason})` : cert.claims.verdict;
        return { id, k: compactSize(c.compact), verdict: 'refused', reason: 'minimum-not-certified', detail: `certify (reduced path): ${what}`, perBlock: true, seconds: seconds() };
      }
      minimum = cert as ReducedMinimumCertificate;
      return conditionsOf(minimum, id, opts, usedNames, seconds);
    }
    const base = { id, k: c.V?.[0]?.length ?? c.d, verdict: 'refused' as const };
    if (!isIdentitySquare(c)) return { ...base, reason: 'setting', detail: `needs n = d = k with V = I_k (d = ${c.d}, n = ${c.n})`, seconds: 0 };
    const V = c.V!;
    const result = certifyCandidate({ d: c.d, n: c.n, k: c.d, W: c.W, V }, { precision: opts.precision });
    const cert = buildCertificate(c, V, result);
    if (cert.kind !== 'minimum') {
      const what = cert.kind === 'refusal' ? `refused (${cert.claims.reason})` : cert.claims.verdict;
      return { ...base, reason: 'minimum-not-certified', detail: `certify: ${what}`, seconds: seconds() };
    }
    minimum = cert;
  }
  return conditionsOf(minimum, id, opts, usedNames, seconds);
}

/** Proves the conditions over the ball of a certified minimum; writes the certificate when they hold. */
function conditionsOf(
  minimum: MinimumCertificate | ReducedMinimumCertificate,
  id: string,
  opts: Required<Pick<OverparamRunOptions, 'outDir' | 'precision'>>,
  usedNames: Set<string>,
  seconds: () => number,
): OverparamRow {
  const { k } = minimum.problem;
  const stored = minimum.point.candidate.stored ?? {};
  const row: OverparamRow = { id, k, verdict: 'refused', radius: minimum.claims.radius, seconds: 0 };
  const storedNormSum = stored.norm_sum;
  if (typeof storedNormSum === 'number') row.storedNormSum = storedNormSum;
  const be = numberList(stored.block_eigs);
  const pe = numberList(stored.pred_eigs);
  const p = numberList(stored.p);
  if (be) row.storedBlockEigs = be;
  if (pe) row.storedPredEigs = pe;
  if (p) row.storedBlocks = p;
  if (!isIdentitySquare({ d: minimum.problem.d, n: minimum.problem.n, V: teacherMatrixOf(minimum.problem) })) {
    return { ...row, reason: 'setting', detail: 'needs n = d = k with V = I_k', seconds: seconds() };
  }
  if (minimum.claims.verdict !== 'spurious-local-minimum') {
    return { ...row, reason: 'minimum-not-certified', detail: `the minimum is certified ${minimum.claims.verdict}, not spurious`, seconds: seconds() };
  }
  const reduced = isReducedCertificate(minimum);
  if (reduced && k > MAX_REDUCED_OVERPARAM_K) {
    return { ...row, reason: 'setting', detail: `the reduced path encloses the blocks on the expanded centre, up to k = ${MAX_REDUCED_OVERPARAM_K}`, seconds: seconds() };
  }
  const W = reduced ? expandCompactPoint(minimum.point.compact) : minimum.point.W;
  const centre = { d: k, n: k, k, W, V: teacherMatrixOf(minimum.problem) };
  const anglePrecision = reduced ? DEFAULT_ANGLE_PRECISION : minimum.method.anglePrecision;
  let o;
  try {
    o = overparamConditions(centre, minimum.claims.radius, {
      precision: opts.precision,
      anglePrecision,
      ...(reduced ? { neurons: blockStarts(minimum.point.compact.p) } : {}),
    });
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return { ...row, reason: 'leaves-smooth-domain', detail: err.message, seconds: seconds() };
  }
  row.normSumUpper = o.normSumUpper;
  row.blockEigUpper = o.neurons.map((x) => x.blockEigUpper);
  if (reduced) row.perBlock = true;
  if (!o.normSumHolds) return { ...row, reason: 'norm-sum-not-below-k', detail: `Σ‖w_i‖ ≤ ${o.normSumUpper} is not ≤ k = ${k}`, seconds: seconds() };
  if (!o.allBlocksNegative) {
    const bad = o.neurons.find((x) => !x.negative)!;
    return { ...row, reason: 'block-not-negative', detail: `neuron ${bad.neuron}: bound ${bad.blockEigUpper ?? '∞'} is not < 0`, seconds: seconds() };
  }
  const cert = reduced
    ? buildOverparamCertificate(minimum, o, { precision: opts.precision, anglePrecision })
    : buildOverparamCertificate(minimum, o, { precision: opts.precision, anglePrecision });
  let name = certificateFileName(id);
  for (let s = 2; usedNames.has(name); s++) name = certificateFileName(`${id}-${s}`);
  usedNames.add(name);
  writeFileAtomic(join(opts.outDir, name), certificateJson(cert));
  return { ...row, verdict: 'conditions-hold', seconds: seconds(), certificate: name };
}

/** Runs `overparam` over every input into opts.outDir; returns the rows (input order). */
export function overparamToDirectory(inputs: string[], opts: OverparamRunOptions): OverparamRow[] {
  if (inputs.length === 0) throw new InputError('overparam: no input files given');
  const precision = opts.precision ?? DEFAULT_PRECISION;
  const log = opts.log ?? (() => {});
  const sources = inputs.flatMap(sourcesOf);
  const usedNames = new Set<string>();
  const rows = sources.map((src, i) => {
    const row = checkOne(src, { outDir: opts.outDir, precision, reduced: opts.reduced ?? false }, usedNames);
    log(`[${i + 1}/${sources.length}] ${row.id}: ${row.verdict}${row.reason ? ` (${row.reason})` : ''} in ${row.seconds.toFixed(2)} s`);
    return row;
  });
  writeFileAtomic(join(opts.outDir, SUMMARY_JSON), `${JSON.stringify(rows, null, 2)}\n`);
  writeFileAtomic(join(opts.outDir, SUMMARY_MD), overparamMarkdown(rows));
  return rows;
}

/** The largest block bound (the binding one for condition (ii)), or undefined. */
export function maxBlockEigUpper(row: OverparamRow): string | undefined {
  const xs = (row.blockEigUpper ?? []).filter((x): x is string => x !== null);
  if (xs.length === 0) return undefined;
  return xs.reduce((m, x) => (exactCompare(x, m) > 0 ? x : m));
}

/** Proved block bounds of the first neuron of each stored block (the neurons the 2021 code stored block_eigs for). */
export function blockRepresentativeBounds(row: OverparamRow): (string | null)[] | undefined {
  if (!row.storedBlocks || !row.blockEigUpper) return undefined;
  if (row.perBlock) return row.blockEigUpper;
  const out: (string | null)[] = [];
  let first = 0;
  for (const size of row.storedBlocks) {
    out.push(row.blockEigUpper[first] ?? null);
    first += size;
  }
  return out;
}

const fmt = (xs: readonly (number | string | null)[] | undefined, digits = 6): string =>
  xs === undefined ? '' : xs.map((x) => (x === null ? '∞' : Number(x).toPrecision(digits))).join(', ');

export function overparamMarkdown(rows: OverparamRow[]): string {
  const held = rows.filter((r) => r.verdict === 'conditions-hold').length;
  const lines = [
    '# certmin overparam summary',
    '',
    `${rows.length} minima: the conditions of Safran, Yehudai & Shamir (2021, §4) hold on the certified ball for ${held}, ` +
      `${rows.length - held} refused.`,
    '',
    '| candidate | k | verdict | normSumUpper | stored norm_sum | max blockEigUpper | blockEigUpper per stored block | stored block_eigs | stored pred_eigs | seconds |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.id} | ${r.k} | ${r.reason ? `refused (${r.reason})` : r.verdict} | ${r.normSumUpper ?? ''} | ${
        r.storedNormSum === undefined ? '' : r.storedNormSum.toPrecision(12)
      } | ${maxBlockEigUpper(r) ?? ''} | ${fmt(blockRepresentativeBounds(r))} | ${fmt(r.storedBlockEigs)} | ${fmt(r.storedPredEigs)} | ${r.seconds.toFixed(2)} |`,
    );
  }
  const refused = rows.filter((r) => r.verdict === 'refused');
  if (refused.length > 0) lines.push('', '## Refusals', '', ...refused.map((r) => `- **${r.id}** — ${r.reason}: ${r.detail ?? ''}`));
  lines.push(
    '',
    'normSumUpper bounds Σᵢ‖wᵢ‖ and blockEigUpper[i] bounds λ_min(H′ᵢᵢ) from above for every point W of the ball around the ' +
      'certificate centre that the minimum certificate proves to contain the minimum W* (H′ᵢᵢ: the diagonal Hessian block ' +
      'without I/2). The stored values are the 2021 experiment\'s floats, shown beside the proofs. Each certificate embeds its ' +
      'minimum certificate; `certmin audit` re-checks both.',
    '',
  );
  return lines.join('\n');
}

