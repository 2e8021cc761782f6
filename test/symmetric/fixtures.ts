/** Shared fixtures of the src/symmetric tests: random compact points and dense views of them. */
import { existsSync } from 'node:fs';
import type { ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { compactPointOfCandidate, compactSize, expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import type { ExactPoint } from '../../src/objective/exactPoint.js';
import { rng } from '../helpers/random.js';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import { compactNewton } from '../../src/search/compactNewton.js';
import { polishCompact } from '../../src/symmetric/polishCompact.js';

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

/** The dense float Hessian (k²×k², row-major, index i·k + a) at the compact point rounded to doubles. */
export function denseFloatHessian(pt: ExactCompactPoint): Float64Array {
  const k = compactSize(pt);
  const W = expandCompactPoint(pt);
  const w = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let i = 0; i < k; i++) w[i * k + a] = Number(W[a]![i]!);
  return hessianFloat(makeProblem(k, k, identityTeacher(k)), w);
}

/** The dense float spectrum (ml-matrix EVD of denseFloatHessian), ascending. */
export function denseSpectrum(pt: ExactCompactPoint): number[] {
  const N = compactSize(pt) ** 2;
  const H = denseFloatHessian(pt);
  const M = new Matrix(N, N);
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) M.set(r, c, H[r * N + c]!);
  return new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
}

/** Calls f for every Hessian entry (a, i, b, j) of size k, with its dense index (i·k + a)·k² + j·k + b. */
export function forEveryEntry(k: number, f: (a: number, i: number, b: number, j: number, q: number) => void): void {
  const N = k * k;
  for (let i = 0; i < k; i++)
    for (let a = 0; a < k; a++)
      for (let j = 0; j < k; j++) for (let b = 0; b < k; b++) f(a, i, b, j, (i * k + a) * N + j * k + b);
}

/**
 * A spurious minimum with p = [2, 8] (k = 10; every kind of isotypic type occurs), independent of
 * the anchors: Newton in the fixed subspace from the stored k = 10 record rounded to 5 digits.
 */
export function compactMinimum28(): ExactCompactPoint {
  const start = { p: [2, 8], vals: [['-0.72984', '0.19101', '0.15326'], ['0.13552', '0.99756', '-0.03741']] };
  return polishCompact(start, { precision: 40 }).centre;
}

/** A G-fixed saddle at p = [2, 4] (λ_min ≈ −0.0134 in std(0) and std(1)), from Newton on the compact form. */
export function compactSaddle24(): ExactCompactPoint {
  const res = compactNewton({ p: [2, 4], vals: [[0.2731, 0.3341, -0.6459], [0.2692, 0.9024, -0.1429]] });
  if (!(res.gradNorm < 1e-12)) throw new Error('fixture: the saddle did not converge');
  return { p: [2, 4], vals: res.vals.map((row) => row.map(exactDecimalOfDouble)) };
}
