/**
 * `certmin certify` as a library call: load candidates from input files, pick the ones to
 * certify, certify each (resuming from certificates already in the output directory), write one
 * certificate per candidate atomically, and write summary.json / summary.md.
 * A candidate carrying a compact point takes the reduced path (reducedPath.ts: cost independent of
 * k, no dense limits, nothing of size k² built) unless `dense` is set; every other candidate takes
 * the dense path (certifyCandidate.ts) with the dense limits (checkHessianOrder, checkFloatRange).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate } from '../certificate/audit/index.js';
import { buildCertificate, candidateDigest, certificateJson, problemOf } from '../certificate/build.js';
import type { GridCertificate } from '../certificate/gridSchema.js';
import { isReducedCertificate, readAnyCertificate, type AnyMinimumCertificate, type AnyReadResult, type CandidateInfo, type Certificate } from '../certificate/schema.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import type { Candidate, CompactForm } from '../io/candidate.js';
import { isCompactCandidate } from '../io/compactCandidate.js';
import { readInputText } from '../io/inputFile.js';
import { loadCandidates } from '../io/loadCandidates.js';
import { identityTeacherStrings, loadTeacher } from '../io/teacher.js';
import { parseJsonStrict } from '../io/strictJson.js';
import { checkFloatRange, checkHessianOrder } from '../objective/floatRange.js';
import { certifyCandidate, DEFAULT_ANGLE_PRECISION, DEFAULT_PRECISION } from './certifyCandidate.js';
import type { Shard } from '../io/shard.js';
import { shardSelection } from './shardCandidates.js';
import { normaliseDecimalString } from './decimalStrings.js';
import { distinctMinimaLine, groupDistinctMinima } from './distinctMinima.js';
import { floatPointOf, floatProblemOf } from './polish.js';
import { certifyGridToFile } from './gridRunCertify.js';
import { certifyCompactCandidate, checkReducedInput, detectedCompactCandidate, reducedMethodMismatch } from './reducedPath.js';

export interface CertifyRunOptions {
  outDir: string;
  precision?: number;
  /** 'identity' or a teacher file, for candidates that do not carry their own teacher. */
  teacher?: string;
  polish?: boolean;
  /**
   * Force the dense path for compact-form candidates too (default false: a candidate carrying a
   * compact point takes the reduced path, src/certify/reducedPath.ts). Dense inputs (a matrix W)
   * take the dense path unless `detectSymmetry`.
   */
  dense?: boolean;
  /**
   * Look for a symmetry in dense inputs of the identity-teacher objective (d = n = k): a point that
   * is, up to a relabelling of its indices and float noise, fixed by some G = S_{p_1} × … × S_{p_m}
   * takes the reduced path as a compact point (reducedPath.ts, detectedCompactCandidate); any other
   * point the dense path. Default false. Ignored with `dense`.
   */
  detectSymmetry?: boolean;
  /** Called with one line of progress text per event. */
  log?: (line: string) => void;
  /** Certify only this shard's candidates (shardCandidates.ts). */
  shard?: Shard;
}

/** One line of summary.json (and of `certify --json`). */
export interface SummaryRow {
  id: string;
  file: string;
  verdict: Certificate['claims']['verdict'] | 'skipped';
  reason?: string;
  hint?: string;
  /** Minimum: ‖W* − W̃‖_F ≤ radius; saddle: ‖W* − W̃‖∞ ≤ radius. */
  radius?: string;
  /** Saddle: the proved Morse index (number of negative Hessian eigenvalues at W*). */
  morseIndex?: number;
  mu?: string;
  gradBound?: string;
  lossLower?: string;
  lossUpper?: string;
  seconds?: number;
  /** Stored run count of the family (from the input), when known. */
  multiplicity?: number;
  /** Stored float smallest Hessian eigenvalue (2021 `min_eig`, or search `lambdaMin`), beside our μ. */
  storedMinEig?: number;
  /** Certificate file name inside the output directory. */
  certificate?: string;
  /** True when the certificate was already present and reused. */
  resumed?: boolean;
  /** Finite data: float evidence of an embedding of a smaller network at the candidate ("width 4, level 1", "none"). */
  embedding?: string;
  /** The id of an earlier row that is the same minimum up to a permutation (proved: see `equivalence`). */
  sameAs?: string;
  /** File name (in the output directory) of the equivalence certificate proving `sameAs`. */
  equivalence?: string;
  /** Ids of other distinct-minimum rows neither proved the same minimum nor proved distinct from this one. */
  notProvedDistinctFrom?: string[];
  /** Block sizes of the compact centre, when the reduced path certified it. */
  p?: number[];
}

export const SUMMARY_JSON = 'summary.json';
export const SUMMARY_MD = 'summary.md';

/** Search classifications that are not candidates for a local-minimum certificate. */
const SKIPPED_CLASSIFICATIONS = new Set(['global', 'below-threshold', 'not-converged']);

/**
 * Which candidates to certify: every one, except population search runs/families classified global,
 * below threshold or not converged. Finite-data candidates are all certified: every end point gets
 * a proof or a refusal with evidence (gridCertify.ts).
 */
export function selectCandidates(cands: Candidate[]): { todo: Candidate[]; skipped: SummaryRow[] } {
  const todo: Candidate[] = [];
  const skipped: SummaryRow[] = [];
  for (const c of cands) {
    if (c.finiteData) {
      todo.push(c);
      continue;
    }
    const fromSearch = c.source.format === 'runs-jsonl' || c.source.format === 'families-json';
    const cls = c.stored?.classification;
    if (fromSearch && typeof cls === 'string' && SKIPPED_CLASSIFICATIONS.has(cls)) {
      skipped.push({ id: c.id, file: c.source.file, verdict: 'skipped', reason: `search classification: ${cls}` });
    } else {
      todo.push(c);
    }
  }
  return { todo, skipped };
}

/** A file name for a candidate id: letters, digits, '.', '-', '_' kept; everything else '_'. */
export function certificateFileName(id: string): string {
  const base = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 200);
  return `${base || 'candidate'}.json`;
}

function storedMinEigOf(c: Candidate): number | undefined {
  const s = c.stored;
  if (!s) return undefined;
  for (const key of ['min_eig', 'lambdaMin']) {
    const v = s[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/**
 * The summary columns every certificate has (either objective): id, file, verdict, the claimed
 * numbers (radius, μ, g, loss enclosure, Morse index; the distance of a finite-data global
 * minimum's embedding as its radius), refusal reason and hint, seconds, multiplicity, file name.
 */
export function summaryColumnsOf(cert: Certificate | GridCertificate, fileName: string, candidate?: Candidate): SummaryRow {
  const row: SummaryRow = { id: cert.point.candidate.id, file: cert.point.candidate.source.file, verdict: cert.claims.verdict };
  switch (cert.kind) {
    case 'refusal':
      row.reason = cert.claims.reason;
      if (cert.provenance.hint !== undefined) row.hint = cert.provenance.hint;
      break;
    case 'minimum':
      for (const key of ['radius', 'mu', 'gradBound', 'lossLower', 'lossUpper'] as const) row[key] = cert.claims[key];
      break;
    case 'saddle':
      row.radius = cert.claims.radius;
      row.morseIndex = cert.claims.morseIndex;
      row.lossLower = cert.claims.lossLower;
      row.lossUpper = cert.claims.lossUpper;
      break;
    case 'global-minimum':
      if ('distance' in cert.claims) row.radius = cert.claims.distance;
      row.lossLower = cert.claims.lossLower;
      row.lossUpper = cert.claims.lossUpper;
      break;
  }
  row.seconds = cert.provenance.seconds.total;
  const mult = candidate?.multiplicity ?? cert.point.candidate.multiplicity;
  if (mult !== undefined) row.multiplicity = mult;
  row.certificate = fileName;
  return row;
}

/** The summary line of a population certificate (dense or reduced). */
export function summaryRowOf(cert: Certificate, fileName: string, candidate?: Candidate): SummaryRow {
  const row = summaryColumnsOf(cert, fileName, candidate);
  if (isReducedCertificate(cert)) row.p = [...cert.point.compact.p];
  const stored = candidate ? storedMinEigOf(candidate) : storedMinEigOf({ stored: cert.point.candidate.stored } as Candidate);
  if (stored !== undefined) row.storedMinEig = stored;
  return row;
}

/**
 * The certificate document already at `path` if it is for candidate `c` (same id, input file hash
 * and input point digest), `accept` finds nothing else against it (problem, method, objective:
 * returns why not), and it passes audit; else why it is not reused (nothing at `path`: neither).
 */
export function reusableDocument<R>(
  path: string,
  c: Candidate,
  accept: (read: Extract<AnyReadResult, { ok: true }>) => { cert: R; candidate: CandidateInfo } | { why: string },
): { cert?: R; why?: string } {
  if (!existsSync(path)) return {};
  let doc: unknown;
  try {
    doc = parseJsonStrict(readInputText(path).text);
  } catch (err) {
    return { why: `unreadable (${(err as Error).message})` };
  }
  const read = readAnyCertificate(doc);
  if (!read.ok) return { why: `not a valid certificate (${read.errors[0]})` };
  const accepted = accept(read);
  if ('why' in accepted) return { why: accepted.why };
  const cand = accepted.candidate;
  if (cand.id !== c.id) return { why: `it is for candidate ${cand.id}` };
  if ((cand.source.sha256 ?? '') !== (c.source.sha256 ?? '')) return { why: 'its input file differs' };
  if (cand.inputDigest !== candidateDigest(c)) return { why: 'its input point differs' };
  const audit = auditCertificate(doc);
  if (!audit.ok) return { why: `it does not pass audit (claim "${audit.failedClaim}")` };
  return { cert: accepted.cert };
}

/**
 * The certificate already in `path`, if it may be reported as this run's result: it must be a
 * version-2 certificate for the same candidate (id, input file hash, input point digest), the same
 * problem and method (`methodMismatch` says why not; dense: objective, shapes, teacher, precision,
 * angle precision, polishing; reduced: reducedPath.ts), and it must pass audit. Anything else is
 * certified afresh (and overwritten); `why` says why.
 */
function reusableCertificate(path: string, c: Candidate, methodMismatch: (cert: Certificate) => string | undefined): { cert?: Certificate; why?: string } {
  return reusableDocument(path, c, (read) => {
    if (read.objective !== 'population' || read.certificate.kind === 'equivalence') return { why: 'it is not a certificate of a population point' };
    if (read.version !== 2) return { why: 'written by an older version of certmin' };
    const cert = read.certificate;
    const mismatch = methodMismatch(cert);
    return mismatch ? { why: mismatch } : { cert, candidate: cert.point.candidate };
  });
}

/** Why a certificate is not this dense run's result (undefined: same problem and method). */
function denseMethodMismatch(cert: Certificate, c: Candidate, V: string[][], method: { precision: number; polish: boolean }): string | undefined {
  if (isReducedCertificate(cert)) return 'it was certified by the reduced path';
  if (JSON.stringify(cert.problem) !== JSON.stringify(problemOf(c.d, c.n, V))) return 'its problem (teacher or shape) differs';
  const m = cert.method as { precision: number; anglePrecision: number; polish: boolean };
  if (m.precision !== method.precision || m.anglePrecision !== DEFAULT_ANGLE_PRECISION || m.polish !== method.polish) {
    return 'its method (precision or polishing) differs';
  }
  return undefined;
}

function sameMatrix(A: string[][], B: string[][]): boolean {
  return (
    A.length === B.length &&
    A.every((row, a) => row.length === B[a]!.length && row.every((x, i) => normaliseDecimalString(x) === normaliseDecimalString(B[a]![i]!)))
  );
}

/** Loads and selects the candidates of every input (InputError on unusable input). */
export function loadSelected(inputs: string[]): { todo: Candidate[]; skipped: SummaryRow[] } {
  if (inputs.length === 0) throw new InputError('certify: no input files given');
  const todo: Candidate[] = [];
  const skipped: SummaryRow[] = [];
  for (const input of inputs) {
    const sel = selectCandidates(loadCandidates(input, { finiteData: true }));
    todo.push(...sel.todo);
    skipped.push(...sel.skipped);
  }
  return { todo, skipped };
}

/**
 * Certifies every selected candidate of `inputs` into opts.outDir. Returns the summary rows
 * (certified, refused, resumed and skipped candidates, in input order).
 */
export function certifyToDirectory(inputs: string[], opts: CertifyRunOptions): SummaryRow[] {
  const precision = opts.precision ?? DEFAULT_PRECISION;
  const log = opts.log ?? (() => {});
  const selected = shardSelection(loadSelected(inputs), opts.shard);
  const skipped = selected.skipped;
  const teachers = new Map<number, string[][]>();
  const teacherFor = (c: Candidate): string[][] => {
    if (c.V) {
      if (opts.teacher !== undefined) {
        const given = opts.teacher === 'identity' ? identityTeacherStrings(c.d) : loadTeacher(opts.teacher, c.d);
        if (!sameMatrix(given, c.V)) {
          throw new InputError(`${c.id}: the input carries its own teacher, which differs from --teacher ${opts.teacher}`);
        }
      }
      return c.V;
    }
    let V = teachers.get(c.d);
    if (!V) {
      V = loadTeacher(opts.teacher ?? 'identity', c.d);
      teachers.set(c.d, V);
    }
    return V;
  };
  const reduced = (c: Candidate): c is Candidate & { compact: CompactForm } => isCompactCandidate(c) && !opts.dense;
  const detect = opts.detectSymmetry === true && !opts.dense && (opts.teacher === undefined || opts.teacher === 'identity');
  const todo = selected.todo.map((c) => {
    if (!detect || c.finiteData || isCompactCandidate(c)) return c;
    const found = detectedCompactCandidate(c, teacherFor(c));
    if (found) log(`${c.id}: symmetric up to a relabelling, p = [${found.compact.p.join(', ')}]: reduced path`);
    return found ?? c;
  });
  // Check every teacher and input range before spending time on certification.
  for (const c of todo) {
    if (c.finiteData) {
      if (opts.teacher !== undefined) throw new InputError(`${c.id}: a finite-data candidate carries its own data and teacher; --teacher does not apply`);
      continue;
    }
    if (reduced(c)) {
      checkReducedInput(c.compact, c.id, opts.teacher);
      continue;
    }
    const V = teacherFor(c);
    const storedK = c.stored?.k;
    if (typeof storedK === 'number' && storedK !== V[0]!.length) {
      throw new InputError(`${c.id}: the search used k = ${storedK} teacher neurons but the teacher has ${V[0]!.length}: pass --teacher`);
    }
    checkHessianOrder(c.d, c.n, c.id);
    const pt = { d: c.d, n: c.n, k: V[0]!.length, W: c.W, V };
    checkFloatRange(floatProblemOf(pt), floatPointOf(pt), c.id);
  }

  const rows: SummaryRow[] = [];
  const minima: { row: SummaryRow; certificate: AnyMinimumCertificate; audited?: boolean }[] = [];
  const usedNames = new Set<string>();
  todo.forEach((c, i) => {
    let name = certificateFileName(c.id);
    for (let s = 2; usedNames.has(name); s++) name = certificateFileName(`${c.id}-${s}`);
    usedNames.add(name);
    const path = join(opts.outDir, name);
    const prefix = `[${i + 1}/${todo.length}] ${c.id}`;
    const polish = opts.polish ?? true;
    if (c.finiteData) {
      rows.push(certifyGridToFile(c, path, name, { precision, polish }, log, prefix));
      return;
    }
    const onReducedPath = reduced(c);
    const V = onReducedPath ? undefined : teacherFor(c);
    const existing = reusableCertificate(path, c, (cert) =>
      onReducedPath ? reducedMethodMismatch(cert, c, { precision, polish }) : denseMethodMismatch(cert, c, V!, { precision, polish }),
    );
    if (existing.cert) {
      log(`${prefix}: ${existing.cert.claims.verdict} (certificate already in ${path}, same problem and method, audited; resumed)`);
      const row: SummaryRow = { ...summaryRowOf(existing.cert, name, c), resumed: true };
      rows.push(row);
      if (existing.cert.kind === 'minimum') minima.push({ row, certificate: existing.cert, audited: true });
      return;
    }
    if (existing.why) log(`${prefix}: the file already in ${path} is not reused: ${existing.why}`);
    let cert: Certificate;
    if (onReducedPath) {
      log(`${prefix}: certifying on the reduced path (k = ${c.d}, p = [${c.compact.p.join(', ')}]) …`);
      cert = certifyCompactCandidate(c, { precision, polish });
    } else {
      log(`${prefix}: certifying (d = ${c.d}, n = ${c.n}) …`);
      cert = buildCertificate(c, V!, certifyCandidate({ d: c.d, n: c.n, k: V![0]!.length, W: c.W, V: V! }, { precision, polish }));
    }
    writeFileAtomic(path, certificateJson(cert));
    const row = summaryRowOf(cert, name, c);
    rows.push(row);
    if (cert.kind === 'minimum') minima.push({ row, certificate: cert });
    log(`${prefix}: ${row.verdict}${row.reason ? ` (${row.reason})` : ''} in ${(row.seconds ?? 0).toFixed(2)} s`);
  });
  // A shard sees only some of the minima: `certmin merge` groups them all (mergeCertify.ts).
  if (!opts.shard) markDistinctMinima(minima, opts.outDir, usedNames, log);
  for (const line of skippedLines(skipped)) log(line);
  const all = [...rows, ...skipped];
  writeFileAtomic(join(opts.outDir, SUMMARY_JSON), `${JSON.stringify(all, null, 2)}\n`);
  writeFileAtomic(join(opts.outDir, SUMMARY_MD), summaryMarkdown(all, !opts.shard));
  return all;
}

/**
 * Groups the certified minima into distinct minima (distinctMinima.ts): a repeat gets `sameAs`
 * and `equivalence` (its equivalence certificate, written to outDir); a pair of distinct-minimum
 * rows that is neither proved equal nor proved distinct is listed in `notProvedDistinctFrom`.
 * Certificates are audited (once) only for proved pairs; resumed ones were audited on reading.
 */
export function markDistinctMinima(
  minima: { row: SummaryRow; certificate: AnyMinimumCertificate; audited?: boolean }[],
  outDir: string,
  usedNames: Set<string>,
  log: (line: string) => void,
): void {
  const audited = (i: number): boolean => {
    const m = minima[i]!;
    m.audited ??= auditCertificate(m.certificate).ok;
    return m.audited;
  };
  const grouping = groupDistinctMinima(minima, audited, log);
  grouping.repeats.forEach((rep, i) => {
    if (!rep) return;
    const row = minima[i]!.row;
    const earlier = minima[rep.sameAs]!.row;
    let name = certificateFileName(`same-minimum.${row.id}.${earlier.id}`);
    for (let s = 2; usedNames.has(name); s++) name = certificateFileName(`same-minimum.${row.id}.${earlier.id}-${s}`);
    usedNames.add(name);
    writeFileAtomic(join(outDir, name), certificateJson(rep.certificate));
    row.sameAs = earlier.id;
    row.equivalence = name;
  });
  for (const [i, j] of grouping.undecided) {
    const [a, b] = [minima[i]!.row, minima[j]!.row];
    (a.notProvedDistinctFrom ??= []).push(b.id);
    (b.notProvedDistinctFrom ??= []).push(a.id);
  }
}

/** "N families, M distinct minima" from summary rows (N: rows certified as local minima); undefined when there are none. */
export function distinctMinimaSummary(rows: readonly SummaryRow[]): string | undefined {
  const minima = rows.filter((r) => r.verdict === 'spurious-local-minimum' || r.verdict === 'local-minimum');
  if (minima.length === 0) return undefined;
  const distinct = minima.filter((r) => r.sameAs === undefined);
  const undecided = distinct.reduce((s, r) => s + (r.notProvedDistinctFrom?.length ?? 0), 0) / 2;
  return distinctMinimaLine(minima.length, distinct.length, undecided);
}

/** A short decimal for tables (the certificate holds the full value). */
function short(x: string | undefined, digits = 6): string {
  if (x === undefined) return '';
  const n = Number(x);
  return Number.isFinite(n) ? n.toPrecision(digits).replace(/\.?0+(e|$)/, '$1') : x;
}

/**
 * One line per skip reason, e.g. "skipped 997 candidates (search classification: below-threshold):
 * families.json#1 … families.json#997": a search at n > k skips hundreds of families, which
 * would otherwise drown the few that were certified.
 */
export function skippedLines(rows: readonly SummaryRow[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const r of rows) {
    if (r.verdict !== 'skipped') continue;
    const key = r.reason ?? 'no reason';
    const ids = byReason.get(key) ?? [];
    ids.push(r.id);
    byReason.set(key, ids);
  }
  return [...byReason].map(([reason, ids]) =>
    ids.length === 1
      ? `${ids[0]}: skipped (${reason})`
      : `skipped ${ids.length} candidates (${reason}): ${ids.length === 2 ? ids.join(', ') : `${ids[0]} … ${ids[ids.length - 1]}`}`,
  );
}

/**
 * "N candidates: a spurious minima, b local minima, c saddles (indices …), d global, e refused"
 * over the rows that were certified or refused (skipped rows are listed by skippedLines).
 */
export function verdictCountsLine(rows: readonly SummaryRow[]): string {
  const done = rows.filter((r) => r.verdict !== 'skipped');
  const count = (v: SummaryRow['verdict']) => done.filter((r) => r.verdict === v).length;
  const indices = done.filter((r) => r.verdict === 'saddle').map((r) => r.morseIndex!);
  const saddles = indices.length > 0 ? `${indices.length} saddles (indices ${indices.join(', ')})` : '0 saddles';
  return (
    `${done.length} candidates: ${count('spurious-local-minimum')} spurious minima, ${count('local-minimum')} local minima, ` +
    `${saddles}, ${count('global-minimum')} global, ${count('refused')} refused`
  );
}

/** `grouped`: the minima were grouped into distinct ones (false for a shard: then no count is stated). */
export function summaryMarkdown(rows: SummaryRow[], grouped = true): string {
  const withEmbedding = rows.some((r) => r.embedding !== undefined);
  const lines = [
    '# certmin certify summary',
    '',
    `${verdictCountsLine(rows)}.`,
    '',
    `| candidate | multiplicity | verdict | r | μ | stored min eig | g | loss enclosure | seconds |${withEmbedding ? ' embedding (float evidence) |' : ''}`,
    `|---|---|---|---|---|---|---|---|---|${withEmbedding ? '---|' : ''}`,
  ];
  for (const r of rows) {
    if (r.verdict === 'skipped') continue;
    const verdict = r.reason ? `${r.verdict} (${r.reason})` : r.morseIndex !== undefined ? `${r.verdict} (index ${r.morseIndex})` : r.verdict;
    const loss = r.lossLower !== undefined ? `[${r.lossLower}, ${r.lossUpper}]` : '';
    lines.push(
      `| ${r.id} | ${r.multiplicity ?? ''} | ${verdict}${r.resumed ? ' (resumed)' : ''} | ${short(r.radius, 4)} | ${short(r.mu, 4)} | ${
        r.storedMinEig === undefined ? '' : r.storedMinEig.toPrecision(4)
      } | ${short(r.gradBound, 4)} | ${loss} | ${r.seconds === undefined ? '' : r.seconds.toFixed(2)} |${withEmbedding ? ` ${r.embedding ?? ''} |` : ''}`,
    );
  }
  const distinct = grouped ? distinctMinimaSummary(rows) : undefined;
  if (distinct !== undefined) {
    lines.push('', '## Distinct minima', '', `${distinct}.`);
    const repeats = rows.filter((r) => r.sameAs !== undefined);
    const undecided = rows.flatMap((r, i) => (r.notProvedDistinctFrom ?? []).filter((id) => rows.findIndex((x) => x.id === id) > i).map((id) => [r.id, id]));
    if (repeats.length + undecided.length > 0) lines.push('');
    for (const r of repeats) lines.push(`- **${r.id}** is the same minimum as **${r.sameAs}** up to a permutation (${r.equivalence})`);
    for (const [a, b] of undecided) lines.push(`- **${a}** and **${b}**: neither proved the same minimum nor proved distinct`);
  }
  const skippedText = skippedLines(rows);
  if (skippedText.length > 0) {
    lines.push('', '## Skipped (listed one by one in summary.json)', '', ...skippedText.map((l) => `- ${l}`));
  }
  const hints = rows.filter((r) => r.verdict === 'refused' && r.hint);
  if (hints.length > 0) {
    lines.push('', '## Refusals', '');
    for (const r of hints) lines.push(`- **${r.id}** — ${r.reason}: ${r.hint}`);
  }
  lines.push(
    '',
    'Loss enclosures are exact decimal bounds of the loss of the certified critical point; r bounds its distance from the ' +
      'certificate centre (Frobenius norm for a minimum, max-norm for a saddle); μ is a proved lower bound of the Hessian ' +
      'over a ball around a minimum; a saddle\'s index is the proved number of negative Hessian eigenvalues. Each ' +
      'certificate JSON holds the full numbers; `certmin audit` re-checks them; `certmin report` writes the proof.',
    '',
  );
  if (withEmbedding) {
    lines.push(
      'Finite data: for a global minimum, r is the proved distance to an explicit zero-loss point (a teacher embedding). ' +
        'The embedding column is float evidence at the candidate (neurons of outgoing weight ≈ 0 removed, neurons with ' +
        'equal incoming weights merged: width of the smaller network and number of neurons removed), not part of any proof.',
      '',
    );
  }
  return lines.join('\n');
}
