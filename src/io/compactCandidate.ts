/**
 * Candidates whose point is stored in the symmetric compact form (DESIGN.md §6): the compact
 * point travels with the candidate (`Candidate.compact`), and the dense W (and the identity
 * teacher V) are expanded only when a dense consumer reads them — never on the reduced path,
 * which certifies at a cost independent of k (src/symmetric). Expansion is memoised and refused
 * above MAX_DENSE_EXPANSION_K (a dense certificate holds at most 1000×1000 entries anyway).
 */
import { InputError } from '../errors.js';
import { compactSize, expandCompactPoint, normaliseCompactPoint, type ExactCompactPoint } from '../symmetric/compactPoint.js';
import type { Candidate } from './candidate.js';
import { identityTeacherStrings } from './teacher.js';

/** Largest k whose dense k×k form a compact candidate will build on request. */
export const MAX_DENSE_EXPANSION_K = 1000;

/** The fields of a compact candidate other than its point. */
export type CompactCandidateFields = Omit<Candidate, 'd' | 'n' | 'W' | 'V' | 'compact'>;

/**
 * A candidate holding `point` (validated and normalised here: InputError naming `fields.id` if
 * malformed), with d = n = k = Σp, the identity teacher, and lazily expanded W and V.
 */
export function compactCandidate(fields: CompactCandidateFields, point: ExactCompactPoint): Candidate {
  let compact: ExactCompactPoint;
  try {
    compact = normaliseCompactPoint(point);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${fields.id}: ${err.message}`);
    throw err;
  }
  const k = compactSize(compact);
  const dense = (what: string, make: () => string[][]): (() => string[][]) => {
    let value: string[][] | undefined;
    return () => {
      if (value === undefined) {
        if (k > MAX_DENSE_EXPANSION_K) {
          throw new InputError(
            `${fields.id}: the dense ${what} of this compact point (k = ${k}) would have ${k}² entries, above the limit ` +
              `k ≤ ${MAX_DENSE_EXPANSION_K}; use the reduced path (omit --dense)`,
          );
        }
        value = make();
      }
      return value;
    };
  };
  const c = { ...fields, d: k, n: k, compact } as Candidate;
  Object.defineProperty(c, 'W', { get: dense('W', () => expandCompactPoint(compact)), enumerable: true, configurable: true });
  Object.defineProperty(c, 'V', { get: dense('teacher', () => identityTeacherStrings(k)), enumerable: true, configurable: true });
  return c;
}

/** True when the candidate carries a compact point (and so may take the reduced path). */
export function isCompactCandidate(c: Candidate): c is Candidate & { compact: ExactCompactPoint } {
  return c.compact !== undefined;
}
