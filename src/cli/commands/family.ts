import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { declaresCertificateSchema } from '../../certificate/certificateFile.js';
import { isReducedCertificate, readCertificate } from '../../certificate/schema.js';
import { DEFAULT_PRECISION } from '../../certify/certifyCandidate.js';
import { followFamily, type FamilyGrowth, type FamilyResult, type FamilyStart } from '../../certify/followFamily.js';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { isCompactCandidate } from '../../io/compactCandidate.js';
import { readInputText } from '../../io/inputFile.js';
import { loadCandidates } from '../../io/loadCandidates.js';
import { ensureDirectory } from '../../io/outputDirectory.js';
import { parseJsonStrict } from '../../io/strictJson.js';
import { compactPointOfCandidate } from '../../symmetric/compactPoint.js';

interface FamilyCliOptions {
  k: string;
  growBlock?: string;
  proportional?: boolean;
  p?: string;
  out: string;
  precision: string;
  json?: boolean;
}

/** The file written beside the certificates: the start, the growth rule and the result. */
export const FAMILY_JSON = 'family.json';

function positiveIntegers(text: string, what: string): number[] {
  const parts = text.split(',').map((x) => x.trim());
  const out = parts.map(Number);
  if (parts.some((x) => !/^\d+$/.test(x)) || out.some((x) => !Number.isSafeInteger(x) || x < 1)) {
    throw new InputError(`${what} must be a comma-separated list of positive integers, got '${text}'`);
  }
  return out;
}

/**
 * The start point named by INPUT or INPUT#ID: a reduced certificate (its compact centre), or a
 * compact candidate of an input file (the only one, or the one whose id is "<file name>#ID" or ID).
 */
export function familyStart(spec: string): FamilyStart {
  let file = spec;
  let id: string | undefined;
  const hash = spec.lastIndexOf('#');
  if (!(existsSync(spec) && statSync(spec).isFile()) && hash > 0) {
    file = spec.slice(0, hash);
    id = spec.slice(hash + 1);
  }
  if (/\.json$/i.test(file) && existsSync(file)) {
    const { text } = readInputText(file);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined;
    }
    if (declaresCertificateSchema(doc)) {
      const read = readCertificate(parseJsonStrict(text));
      if (!read.ok) throw new InputError(`${file}: not a valid certificate (${read.errors[0]})`);
      const cert = read.certificate;
      if (!isReducedCertificate(cert)) throw new InputError(`${file}: the certificate's centre is a dense W, not a compact point: family needs a compact-form point`);
      return { id: cert.point.candidate.id, file, point: cert.point.compact };
    }
  }
  const cands = loadCandidates(file);
  const base = basename(file);
  const chosen = id === undefined ? (cands.length === 1 ? cands[0] : undefined) : cands.find((c) => c.id === `${base}#${id}` || c.id === id);
  if (!chosen) {
    throw new InputError(
      id === undefined
        ? `${file} holds ${cands.length} candidates: name one as ${file}#ID (ids ${cands[0]!.id} … ${cands[cands.length - 1]!.id})`
        : `${file}: no candidate ${id} (ids ${cands[0]!.id} … ${cands[cands.length - 1]!.id})`,
    );
  }
  if (!isCompactCandidate(chosen)) throw new InputError(`${chosen.id}: not a compact-form point (family follows points stored as {p, vals})`);
  return { id: chosen.id, file, ...(chosen.source.sha256 ? { sha256: chosen.source.sha256 } : {}), point: compactPointOfCandidate(chosen)! };
}

function growthOf(opts: FamilyCliOptions, start: FamilyStart): FamilyGrowth {
  const given = [opts.growBlock !== undefined, opts.proportional === true, opts.p !== undefined].filter(Boolean).length;
  if (given > 1) throw new InputError('family: give at most one of --grow-block, --proportional and --p');
  if (opts.proportional) return { kind: 'proportional' };
  if (opts.p !== undefined) return { kind: 'targets', p: opts.p.split(';').map((x) => positiveIntegers(x, '--p (per k)')) };
  if (opts.growBlock !== undefined) {
    const [block] = opts.growBlock.trim() === '0' ? [0] : positiveIntegers(opts.growBlock, '--grow-block');
    return { kind: 'block', block: block! };
  }
  const p = start.point.p;
  return { kind: 'block', block: p.indexOf(Math.max(...p)) };
}

const short = (x: string | undefined, digits = 4): string => (x === undefined ? '—' : Number(x).toPrecision(digits));

/** Interval [lo, hi] with the common leading digits, then the two differing tails. */
function enclosure(lo: string | undefined, hi: string | undefined): string {
  if (lo === undefined || hi === undefined) return '—';
  let i = 0;
  while (i < lo.length && i < hi.length && lo[i] === hi[i]) i++;
  return `${lo.slice(0, i)}[${lo.slice(i, i + 4)}, ${hi.slice(i, i + 4)}]`;
}

export function familyTable(r: FamilyResult): string {
  const lines = ['| k | p | verdict | loss enclosure | μ | λ_min (float) | r | seconds |', '|---|---|---|---|---|---|---|---|'];
  for (const x of r.rows) {
    const verdict = x.reason ? `${x.verdict} (${x.reason})` : x.verdict;
    lines.push(
      `| ${x.k} | [${x.p.join(', ')}] | ${verdict} | ${enclosure(x.lossLower, x.lossUpper)} | ${short(x.mu)} | ` +
        `${x.lambdaMin === undefined ? '—' : x.lambdaMin.toPrecision(4)} | ${short(x.radius)} | ${x.seconds === undefined ? '—' : x.seconds.toFixed(2)} |`,
    );
  }
  return `${lines.join('\n')}\n\n${r.summary}\n`;
}

export function register(program: Command): void {
  program
    .command('family')
    .description(
      'Follow the symmetric family of one compact-form point (a stored 2021 record, a {"p", "vals"} file or a reduced ' +
        'certificate) to other k by Newton in the fixed subspace, certify the member at each listed k on the reduced path ' +
        '(one certificate per k in --out, plus family.json), print a table (k, p, verdict, loss enclosure, μ, float λ_min, r, ' +
        'seconds) and say where the family stops being a certified minimum, if it does.',
    )
    .argument('<input>', 'INPUT or INPUT#ID, e.g. "Processed minima k=20.p#1" (the record with index 1), or a reduced certificate')
    .requiredOption('--k <list>', 'the sizes k to certify, comma-separated, e.g. 100,200,500,1000')
    .option('--grow-block <r>', 'the block (0-based) that grows or shrinks with k (default: the largest block)')
    .option('--proportional', 'keep the proportions of p (each p_i ≈ p_i·k/k₀)')
    .option('--p <lists>', 'the block sizes at each listed k, e.g. "34,66;67,133" for --k 100,200')
    .requiredOption('--out <dir>', 'output directory for the certificates')
    .option('--precision <P>', 'decimal precision (significant digits) of the rigorous arithmetic', String(DEFAULT_PRECISION))
    .option('--json', 'print the rows as JSON: [{k, p, verdict, lossLower, lossUpper, mu, radius, seconds, …}]')
    .action((input: string, opts: FamilyCliOptions) => {
      const precision = Number(opts.precision);
      if (!Number.isInteger(precision) || precision < 10 || precision > 1000) {
        throw new InputError(`--precision must be an integer in 10..1000, got ${opts.precision}`);
      }
      const ks = positiveIntegers(opts.k, '--k');
      const start = familyStart(input);
      const growth = growthOf(opts, start);
      ensureDirectory(opts.out, '--out');
      const log = process.stderr.isTTY === true ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
      const result = followFamily(start, { ks, growth, outDir: opts.out, precision, log });
      writeFileAtomic(`${opts.out}/${FAMILY_JSON}`, `${JSON.stringify({ start: { id: start.id, file: start.file, p: start.point.p }, growth, ...result }, null, 2)}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
        return;
      }
      process.stdout.write(`family of ${start.id} (p = [${start.point.p.join(', ')}]):\n\n${familyTable(result)}certificates and ${FAMILY_JSON} in ${opts.out}\n`);
    });
}
