import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { MAX_REDUCED_OVERPARAM_K } from '../../certificate/audit/overparam.js';
import { blockRepresentativeBounds, maxBlockEigUpper, overparamToDirectory, type OverparamRow } from '../../certify/runOverparam.js';

interface OverparamCliOptions {
  out: string;
  precision: string;
  json?: boolean;
  reduced?: boolean;
}

const short = (xs: readonly (number | string | null)[]): string => xs.map((x) => (x === null ? '∞' : Number(x).toPrecision(6))).join(', ');

function line(r: OverparamRow): string {
  if (r.verdict === 'refused') return `${r.id}: refused (${r.reason}) — ${r.detail ?? ''}`;
  const parts = [
    `${r.id}: conditions hold on the certified ball (r = ${r.radius}): Σ‖w_i‖ ≤ ${r.normSumUpper} ≤ k = ${r.k}` +
      (r.storedNormSum !== undefined ? ` (stored norm_sum ${r.storedNormSum.toPrecision(12)})` : ''),
    `  λ_min(H′_ii) ≤ ${maxBlockEigUpper(r)} < 0 for every neuron i`,
  ];
  const reps = blockRepresentativeBounds(r);
  if (reps) parts.push(`  per stored block: proved ≤ ${short(reps)}`);
  if (r.storedBlockEigs) parts.push(`  stored block_eigs:      ${short(r.storedBlockEigs)}`);
  if (r.storedPredEigs) parts.push(`  stored pred_eigs:       ${short(r.storedPredEigs)}`);
  return parts.join('\n');
}

export function register(program: Command): void {
  program
    .command('overparam')
    .description(
      'At stored minima of the n = k objective (V = I_k): certify the minimum (or audit its certificate), then prove the ' +
        'conditions of Safran, Yehudai & Shamir (2021, §4) over the whole certified ball — Σ‖w_i‖ ≤ k and, for every neuron, ' +
        'λ_min(H′_ii) < 0 (an explicit u with uᵀH′_ii u < 0) — and write one overparam-conditions certificate per minimum ' +
        '(the saddle of the (k+1)-neuron objective is claimed only as the theorem\'s conclusion), plus summary.md / summary.json.',
    )
    .argument('<input...>', "stored minima: 2021 pickles ('Processed minima k=K.p'), .mat files with n = k, point files, or minimum certificates")
    .option('--out <dir>', 'output directory for certificates', 'overparam-out')
    .option('--precision <P>', 'decimal precision (significant digits) of the rigorous arithmetic', '40')
    .option(
      '--reduced',
      'compact-form inputs (2021 pickles, {"p", "vals"} files) on the reduced path: the minimum certified by symmetry reduction and ' +
        `condition (ii) proved for the first neuron of every block (one per orbit), k ≤ ${MAX_REDUCED_OVERPARAM_K}; default: the dense path, every neuron`,
    )
    .option('--json', 'print the rows as JSON on stdout (id, verdict, reason, normSumUpper, blockEigUpper, certificate, stored values)')
    .action((inputs: string[], opts: OverparamCliOptions) => {
      const precision = Number(opts.precision);
      if (!Number.isInteger(precision) || precision < 10 || precision > 1000) {
        throw new InputError(`--precision must be an integer in 10..1000, got ${opts.precision}`);
      }
      const rows = overparamToDirectory(inputs, {
        outDir: opts.out,
        precision,
        reduced: opts.reduced === true,
        log: process.stderr.isTTY === true ? (l) => process.stderr.write(`${l}\n`) : undefined,
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const r of rows) process.stdout.write(`${line(r)}\n`);
      const held = rows.filter((r) => r.verdict === 'conditions-hold').length;
      process.stdout.write(`certificates and summary.md / summary.json in ${opts.out}\n`);
      process.stdout.write(`${rows.length} minima: conditions hold for ${held}, ${rows.length - held} refused\n`);
    });
}
