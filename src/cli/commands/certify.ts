import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { certifyToDirectory, distinctMinimaSummary, skippedLines, verdictCountsLine } from '../../certify/runCertify.js';
import { writeCertifyShardFile } from '../../certify/certifyShardFile.js';
import { parseShard } from '../../io/shard.js';
import { ensureDirectory } from '../../io/outputDirectory.js';
import { DEFAULT_PRECISION } from '../../certify/certifyCandidate.js';

interface CertifyCliOptions {
  out: string;
  precision: string;
  teacher?: string;
  polish: boolean;
  dense?: boolean;
  detectSymmetry?: boolean;
  json?: boolean;
  shard?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('certify')
    .description(
      'Prove that a strict local minimum (or, where the Hessian is indefinite, a non-degenerate saddle of a proved Morse ' +
        'index) lies next to each candidate, or refuse, naming the failed condition: ' +
        'one certificate JSON per candidate, plus summary.md / summary.json; certified minima that repeat an earlier one up to a ' +
        'permutation get an equivalence certificate ("N families, M distinct minima").',
    )
    .argument('<input...>', 'point files (.json/.csv), search output (runs.jsonl, families.json), stored results (.mat, .p)');
  addCertifyOptions(cmd).action((inputs: string[], opts: CertifyCliOptions) => {
    certifyCommand(inputs, opts);
  });
}

/** The --precision value; InputError unless an integer in 10..1000. */
export function precisionOption(text: string): number {
  const precision = Number(text);
  if (!Number.isInteger(precision) || precision < 10 || precision > 1000) {
    throw new InputError(`--precision must be an integer in 10..1000, got ${text}`);
  }
  return precision;
}

/** Declares the options of `certmin certify` on `cmd` (also used by `certmin slurm certify` to check its arguments). */
export function addCertifyOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'output directory for certificates', 'certificates-out')
    .option('--precision <P>', 'decimal precision (significant digits) of the rigorous arithmetic', String(DEFAULT_PRECISION))
    .option('--teacher <spec>', "teacher for inputs that carry none: 'identity' or a matrix file (d×k)")
    .option('--no-polish', 'certify the candidate as given, without Newton polishing')
    .option(
      '--dense',
      'certify compact-form inputs (2021 pickles, {"p", "vals"} point files) by the dense N = k² path instead of the ' +
        'reduced one (symmetry reduction, DESIGN.md §9); dense inputs (a matrix W) always take the dense path',
    )
    .option(
      '--detect-symmetry',
      'dense inputs of the identity-teacher objective (d = n = k) that are, up to a relabelling of indices and float noise, ' +
        'fixed by a permutation group S_{p1} × … × S_{pm} (e.g. 2021-preset search end points) take the reduced path as compact ' +
        'points; the summary and certificate record p, the relabelling and the distance from the input',
    )
    .option('--json', 'print the summary array as JSON on stdout')
    .option(
      '--shard <I/N>',
      'certify only candidate i with i mod N = I (in the unsharded order; skipped ones are listed by every shard); ' +
        '`certmin merge` combines the N output directories',
    );
}

function certifyCommand(inputs: string[], opts: CertifyCliOptions): void {
  const precision = precisionOption(opts.precision);
  ensureDirectory(opts.out, '--out');
  const showProgress = process.stderr.isTTY === true;
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const rows = certifyToDirectory(inputs, {
    outDir: opts.out,
    precision,
    teacher: opts.teacher,
    polish: opts.polish,
    dense: opts.dense === true,
    detectSymmetry: opts.detectSymmetry === true,
    log: showProgress ? (line) => process.stderr.write(`${line}\n`) : undefined,
    shard,
  });
  if (shard) writeCertifyShardFile(opts.out, shard, { inputs, precision, teacher: opts.teacher, polish: opts.polish, dense: opts.dense === true, detectSymmetry: opts.detectSymmetry === true });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  for (const r of rows) {
    if (r.verdict === 'skipped') {
      continue;
    } else if (r.verdict === 'refused') {
      process.stdout.write(`${r.id}: refused (${r.reason}) — ${r.hint}\n`);
    } else if (r.verdict === 'saddle') {
      process.stdout.write(
        `${r.id}: saddle of Morse index ${r.morseIndex}, |W* − W̃|∞ ≤ ${r.radius}, loss ∈ [${r.lossLower}, ${r.lossUpper}]${r.resumed ? ' (resumed)' : ''}\n`,
      );
    } else if (r.verdict === 'global-minimum') {
      process.stdout.write(`${r.id}: global-minimum (F = 0 exactly)\n`);
    } else {
      process.stdout.write(
        `${r.id}: ${r.verdict}${r.p ? ` (reduced, p = [${r.p.join(', ')}])` : ''}, r = ${r.radius}, μ = ${r.mu}${
          r.storedMinEig !== undefined ? ` (stored min eig ${r.storedMinEig.toPrecision(6)})` : ''
        }, loss ∈ [${r.lossLower}, ${r.lossUpper}]${r.resumed ? ' (resumed)' : ''}${
          r.sameAs !== undefined ? `; the same minimum as ${r.sameAs} (${r.equivalence})` : ''
        }\n`,
      );
    }
  }
  for (const line of skippedLines(rows)) process.stdout.write(`${line}\n`);
  const distinct = shard ? undefined : distinctMinimaSummary(rows); // a shard does not group (certmin merge does)
  if (distinct !== undefined) process.stdout.write(`${distinct}\n`);
  process.stdout.write(`certificates and summary.md / summary.json in ${opts.out}\n`);
  process.stdout.write(`${verdictCountsLine(rows)}\n`);
}
