import { exactCompare } from '../arith/exact.js';
import { InputError } from '../errors.js';
import { readInputText } from './inputFile.js';
import { parsePointCsv, pointFormatOf, pointPartsOfJson } from './pointFile.js';

/**
 * The identity teacher I_d (k = d) as exact decimal strings: the one constructor of this form
 * (readers, certify, certificates). The Float64 form is reluFloat.ts identityTeacher.
 */
export function identityTeacherStrings(d: number): string[][] {
  return Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, j) => (a === j ? '1' : '0')));
}

/** True iff V is exactly I_d (a d×d matrix of exact decimals 1 on the diagonal, 0 elsewhere). */
export function isIdentityTeacher(V: readonly (readonly string[])[], d: number): boolean {
  return V.length === d && V.every((row, a) => row.length === d && row.every((x, j) => exactCompare(x, a === j ? '1' : '0') === 0));
}

/**
 * The teacher V (d rows × k columns of exact decimal strings) named by `spec`:
 * 'identity' gives I_d; anything else is a point file — JSON (a bare matrix, or an object whose
 * "V" is used, else its "W") or CSV — read as a d×k matrix. A row count other than d is an
 * InputError.
 */
export function loadTeacher(spec: string, d: number): string[][] {
  if (!Number.isInteger(d) || d < 1) throw new InputError(`teacher: invalid dimension d = ${d}`);
  if (spec === 'identity') return identityTeacherStrings(d);
  const { text } = readInputText(spec);
  let V: string[][];
  if (pointFormatOf(spec, text) === 'json') {
    const parts = pointPartsOfJson(text, spec);
    V = (parts.V ?? parts.W)!;
  } else {
    V = parsePointCsv(text, spec);
  }
  if (V.length !== d) {
    throw new InputError(`${spec}: the teacher has ${V.length} rows but the student has d = ${d} input coordinates`);
  }
  return V;
}
