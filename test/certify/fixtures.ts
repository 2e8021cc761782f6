/**
 * Test points for certify/audit that do not depend on the shared anchors:
 * - a spurious minimum of k = n = 7 found by the search code (2018 preset, fixed seed);
 * - a saddle built as the critical point of a cyclically symmetric sub-configuration.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exactDecimalOfDouble } from '../../src/arith/exactDouble.js';
import type { CertifyResult } from '../../src/certify/certifyCandidate.js';
import { floatPointOf, floatProblemOf } from '../../src/certify/polish.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { lambdaMinFloat } from '../../src/linalg/floatEigen.js';
import { gradientFloat, hessianFloat, identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { problemOfSettings, runOne } from '../../src/search/runOne.js';
import { resolveSettings } from '../../src/search/settings.js';

export const ANCHORS = resolve('../shared/anchors');
export const MAT_2018 = resolve(ANCHORS, 'safran-shamir-2018');
export const REFERENCE_VALUES = resolve(ANCHORS, 'REFERENCE-VALUES.md');
export const anchorsPresent = existsSync(MAT_2018) && existsSync(REFERENCE_VALUES);

/** Neuron-major doubles → exact d×n decimal strings. */
export function exactStrings(w: Float64Array, d: number, n: number): string[][] {
  return Array.from({ length: d }, (_, a) => Array.from({ length: n }, (_, i) => exactDecimalOfDouble(w[i * d + a]!)));
}

/**
 * The first run (seed 2018, runs 0, 1, …) of the safran-shamir-2018 preset with k = n = 7 that
 * gradient descent classifies as a spurious candidate. Float evidence only; certify decides.
 */
export function searchSpuriousPoint(k = 7, seed = '2018'): { pt: ExactPoint; run: number; lambdaMin: number } {
  const s = resolveSettings({ preset: 'safran-shamir-2018', k, n: k, seed });
  const p = problemOfSettings(s);
  for (let run = 0; run < 400; run++) {
    const rec = runOne(s, p, run);
    if (rec.classification === 'spurious-candidate') {
      return { pt: { d: k, n: k, k, W: rec.point, V: identityTeacherStrings(k) }, run, lambdaMin: rec.lambdaMin! };
    }
  }
  throw new Error('no spurious run found');
}

/**
 * A saddle independent of any stored data: V = I₃, n = 3, and W restricted to the cyclically
 * symmetric configurations w_i = a·e_i + b·e_{i+1} + c·e_{i+2}. The cyclic shift of coordinates
 * together with the cyclic shift of neurons maps F to itself, so the gradient at such a point is
 * again cyclically symmetric and gradient descent started there stays in the subspace. From
 * (a, b, c) = (−0.3, 0.5, 0.5) it converges to a critical point of F (≈ (−0.318, 0.659, 0.659),
 * F ≈ 0.0241) whose full Hessian has a negative eigenvalue ≈ −0.0445: a saddle.
 */
export function cyclicSaddle(): ExactPoint {
  const d = 3;
  const p = makeProblem(d, d, identityTeacher(d));
  const w = new Float64Array(9);
  const [a, b, c] = [-0.3, 0.5, 0.5];
  for (let i = 0; i < 3; i++) {
    w[i * 3 + i] = a;
    w[i * 3 + ((i + 1) % 3)] = b;
    w[i * 3 + ((i + 2) % 3)] = c;
  }
  const g = new Float64Array(9);
  for (let t = 0; t < 200_000; t++) {
    gradientFloat(p, w, g);
    let n2 = 0;
    for (let q = 0; q < 9; q++) {
      n2 += g[q]! * g[q]!;
      w[q] = w[q]! - 0.1 * g[q]!;
    }
    if (n2 < 1e-26) break;
  }
  return { d, n: d, k: d, W: exactStrings(w, d, d), V: identityTeacherStrings(d) };
}

/** Reference losses (40 digits) and distances from ../shared/anchors/REFERENCE-VALUES.md. */
export function referenceValues(text: string): Map<string, { loss: string; lambdaMin: number; distance: number }> {
  const out = new Map<string, { loss: string; lambdaMin: number; distance: number }>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*(newExp-[\d-]+\.mat)\s*\|\s*(\d+)\s*\|\s*([\d.]+)\s*\|\s*([-\d.e]+)\s*\|\s*([-\d.e]+)\s*\|/.exec(line);
    if (m) out.set(`${m[1]}#${m[2]}`, { loss: m[3]!, lambdaMin: Number(m[4]), distance: Number(m[5]) });
  }
  return out;
}

/**
 * The result certify wrote, before saddle certificates existed, for a point whose float Hessian is
 * not positive definite: a 'not-positive-definite' refusal with the Float64 λ_min as evidence.
 * certify now sends such points to the saddle path, but these documents (version 1 in the gallery)
 * still audit; tests of that refusal kind build it here.
 */
export function notPositiveDefiniteResult(pt: ExactPoint): CertifyResult {
  const lambda = lambdaMinFloat(hessianFloat(floatProblemOf(pt), floatPointOf(pt)), pt.n * pt.d);
  if (!(lambda <= 0)) throw new Error(`fixture: λ_min = ${lambda} is positive`);
  return {
    verdict: 'refused',
    reason: 'not-positive-definite',
    evidence: { lambdaMinFloat: lambda },
    hint: `the smallest float eigenvalue of the Hessian at the centre is λ̃ = ${lambda.toPrecision(6)} ≤ 0`,
    W: pt.W,
    polish: { steps: 0, distanceUpper: '0' },
    polished: false,
    precision: 40,
    anglePrecision: 20,
    lambdaFloat: lambda,
    seconds: { polish: 0, gradient: 0, screen: 0, hessian: 0, pdProof: 0, total: 0 },
  };
}
