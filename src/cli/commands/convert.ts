import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import type { Candidate } from '../../io/candidate.js';
import { loadCandidates } from '../../io/loadCandidates.js';

/** The JSON record `convert` writes per candidate; `loadCandidates` reads a list of these back. */
export function candidateRecord(c: Candidate): Record<string, unknown> {
  const r: Record<string, unknown> = { id: c.id, d: c.d, n: c.n };
  if (c.multiplicity !== undefined) r.multiplicity = c.multiplicity;
  if (c.storedGlobal) r.storedGlobal = true;
  if (c.stored !== undefined) r.stored = c.stored;
  if (c.V !== undefined) r.V = c.V;
  r.W = c.W;
  return r;
}

/**
 * JSON.stringify with two-space indentation, except that arrays of primitives (a matrix row,
 * stored eigenvalues) stay on one line, so a d×n matrix takes d lines.
 */
export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(value);
    const inner = indent + '  ';
    return `[\n${value.map((x) => inner + formatJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function register(program: Command): void {
  program
    .command('convert')
    .description(
      'Convert any file certmin reads (.mat, .p/.pkl, .json, .jsonl, .csv) into a JSON list of candidates ' +
        '[{id, d, n, multiplicity?, storedGlobal?, stored?, V?, W}] with W (d rows x n columns) as exact decimal strings',
    )
    .argument('<file>', 'input file')
    .option('--to <format>', 'output format (json)', 'json')
    .option('--out <path>', 'write to this file (atomically) instead of standard output')
    .action((file: string, opts: { to: string; out?: string }) => {
      if (opts.to !== 'json') throw new InputError(`convert: unknown output format '${opts.to}' (supported: json)`);
      const candidates = loadCandidates(file);
      const text = `${formatJson(candidates.map(candidateRecord))}\n`;
      if (opts.out) {
        writeFileAtomic(opts.out, text);
        process.stderr.write(`certmin convert: wrote ${candidates.length} candidate(s) from ${file} to ${opts.out}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
