/** Shared fixtures of the src/symmetric tests: random compact points and dense views of them. */
import { existsSync } from 'node:fs';
import type { ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { compactPointOfCandidate, compactSize, expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import type { ExactPoint } from '../../src/objective/exactPoint.js';
import { rng } from '../helpers/random.js';

/** The block patterns the brief names, plus a few more shapes (m = 1, 2, 3). */
export const PATTERNS: number[][] = [[1, 5], [2, 4], [1, 2, 3], [3, 3], [1, 1, 4], [5], [4, 1, 2]];

/**
 * A random compact point well inside Ω: diagonal values in [0.7, 1.3], cross-block values in
 * [−0.3, 0.3], in-block off-diagonal values in [−0.15, 0.15], each with 9 decimal digits.
 */
export function randomCompactPoint(p: number[], seed: number): ExactCompactPoint {
  const r = rng(seed);
  const m = p.length;
  const digits = (x: number): string => x.toFixed(9);
  const vals = p.map((_, i) =>
    Array.from({ length: m + 1 }, (_, j) => {
      if (j === i) return digits(0.7 + 0.6 * r());
      if (j === m) return p[i]! > 1 ? digits(0.3 * r() - 0.15) : '0';
      return digits(0.6 * r() - 0.3);
    }),
  );
  return { p: [...p], vals };
}

/** The dense exact point (identity teacher) of a compact point. */
export function denseOf(pt: ExactCompactPoint): ExactPoint {
  const k = compactSize(pt);
  return { d: k, n: k, k, W: expandCompactPoint(pt), V: identityTeacherStrings(k) };
}

export const PICKLES = '../shared/anchors/safran-yehudai-shamir-2021';
export const havePickles = existsSync(PICKLES);

/** The non-global stored compact points of `Processed minima k=K.p` (empty without the anchors). */
export function storedCompactPoints(k: number): { id: string; pt: ExactCompactPoint; minEig: number }[] {
  if (!havePickles) return [];
  return loadCandidates(`${PICKLES}/Processed minima k=${k}.p`)
    .filter((c) => !c.storedGlobal)
    .map((c) => ({ id: c.id, pt: compactPointOfCandidate(c)!, minEig: Number(c.stored?.min_eig) }));
}
