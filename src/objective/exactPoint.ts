import { createHash } from 'node:crypto';
import { exactDecimal } from '../arith/decimalInterval.js';
import { InputError } from '../errors.js';

/**
 * A point of the objective given exactly: the student W (d rows × n columns) and the teacher
 * V (d rows × k columns) as decimal strings, i.e. the matrices as written in papers.
 * Neuron i of the student is column i: W[a][i] is its coordinate a.
 */
export interface ExactPoint {
  d: number;
  n: number;
  k: number;
  W: string[][];
  V: string[][];
}

/** Throws InputError unless `pt` has the stated shape and every entry is a finite decimal. */
export function validateExactPoint(pt: ExactPoint): void {
  const { d, n, k } = pt;
  for (const [name, value] of [['d', d], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new InputError(`point: ${name} = ${value} is not a positive integer`);
  }
  checkMatrix('W', pt.W, d, n);
  checkMatrix('V', pt.V, d, k);
}

function checkMatrix(name: string, m: string[][], rows: number, cols: number): void {
  if (!Array.isArray(m) || m.length !== rows) {
    throw new InputError(`point: ${name} has ${Array.isArray(m) ? m.length : 'no'} rows, expected d = ${rows}`);
  }
  for (let a = 0; a < rows; a++) {
    const row = m[a]!;
    if (!Array.isArray(row) || row.length !== cols) {
      throw new InputError(`point: ${name} row ${a} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${cols}`);
    }
    for (let i = 0; i < cols; i++) {
      const s = row[i];
      let ok = typeof s === 'string';
      if (ok) {
        try {
          exactDecimal(s!);
        } catch {
          ok = false;
        }
      }
      if (!ok) throw new InputError(`point: ${name}[${a}][${i}] = ${JSON.stringify(s)} is not a finite decimal number`);
    }
  }
}

/** True iff column `col` of `m` is exactly zero (every decimal string denotes 0). */
export function isZeroColumn(m: string[][], col: number): boolean {
  for (const row of m) if (!exactDecimal(row[col]!).isZero()) return false;
  return true;
}

/**
 * sha256 of a matrix of decimal strings exactly as written (JSON text of the rows): two matrices
 * get the same digest iff they are the same strings, e.g. to tie an enclosure to the point it was
 * computed at, or a certificate to the input point it was made from.
 */
export function pointDigest(W: readonly (readonly string[])[]): string {
  return createHash('sha256').update(JSON.stringify(W)).digest('hex');
}
