/**
 * Critical points for the saddle tests that do not depend on the shared anchors (float
 * evidence only; the code under test decides what they are):
 * - a symmetric critical point of k = n = 4 (identity teacher) with three negative eigenvalues,
 *   found by Newton in the compact form of DESIGN.md §6;
 * - a symmetric local-minimum candidate of k = n = 6 (no negative float eigenvalue);
 * - a degenerate critical point: a point on a circle of critical points.
 */
import { Matrix, solve } from 'ml-matrix';
import { expandCompactForm } from '../../src/io/compactForm.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { gradientFloat, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { compactNewton } from '../../src/search/compactNewton.js';
import { exactStrings } from './fixtures.js';

/**
 * k = n = 4, V = I₄, W with every diagonal entry a and every off-diagonal entry b (compact form
 * p = [4]), the critical point reached by Newton from (a, b) = (−0.49, 0.5): a ≈ −0.48986,
 * b ≈ 0.49548, F ≈ 0.037653, float Hessian eigenvalues −0.0175 (three times), then positive.
 */
export function symmetricSaddleK4(): ExactPoint {
  return compactCriticalPoint([4], [[-0.49, 0.5]]);
}

/**
 * k = n = 6, compact form p = [6] (diagonal a, off-diagonal b), Newton from (−0.66, 0.33):
 * a ≈ −0.66340, b ≈ 0.33071, F ≈ 0.05567, smallest float eigenvalue ≈ +0.0015 (a minimum candidate).
 */
export function symmetricMinimumK6(): ExactPoint {
  return compactCriticalPoint([6], [[-0.66, 0.33]]);
}

function compactCriticalPoint(p: number[], vals: number[][]): ExactPoint {
  const r = compactNewton({ p, vals });
  if (!(r.gradNorm < 1e-13)) throw new Error(`fixture: compact Newton did not converge (${r.gradNorm})`);
  const k = p.reduce((a, b) => a + b, 0);
  const w = matrixToNeuronMajor(expandCompactForm(r.vals, r.p));
  return { d: k, n: k, k, W: exactStrings(w, k, k), V: identityTeacherStrings(k) };
}

/**
 * A critical point on a circle of critical points, hence with an exactly singular Hessian:
 * d = 4, teacher V = [e₁, e₂] (k = 2), n = 2, w₁ = (a, a, 0, c), w₂ = (a, a, 0, −c). The teacher
 * spans only the (e₁, e₂) plane, so F is invariant under every rotation of the (e₃, e₄) plane;
 * at a critical point with c ≠ 0 the rotation moves W along a curve of critical points, and
 * its tangent (w_i ↦ (0, 0, −w_i4, w_i3)) is a null vector of the Hessian (differentiate
 * ∇F(R_t W) = R_t∇F(W) at t = 0). By the symmetries e₁ ↔ e₂ and (e₄ ↦ −e₄ with w₁ ↔ w₂) the
 * gradient stays of the same form, so Newton on (a, c) finds it: a ≈ 0.52458, c ≈ 0.40913,
 * F ≈ 0.0736, float eigenvalues −0.239, ≈ 0, 0.0049, ….
 */
export function rotationOrbitCriticalPoint(): ExactPoint {
  const d = 4;
  const n = 2;
  const v = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0]);
  const p = makeProblem(d, n, v);
  const point = (a: number, c: number) => new Float64Array([a, a, 0, c, a, a, 0, -c]);
  const reduced = (a: number, c: number): [number, number] => {
    const g = new Float64Array(d * n);
    gradientFloat(p, point(a, c), g);
    return [g[0]! + g[1]! + g[4]! + g[5]!, g[3]! - g[7]!];
  };
  let [a, c] = [0.5, 0.4];
  for (let it = 0; it < 50; it++) {
    const r = reduced(a, c);
    if (Math.hypot(...r) < 1e-16) break;
    const h = 1e-7;
    const [ra1, ra2] = [reduced(a + h, c), reduced(a - h, c)];
    const [rc1, rc2] = [reduced(a, c + h), reduced(a, c - h)];
    const J = new Matrix([
      [(ra1[0] - ra2[0]) / (2 * h), (rc1[0] - rc2[0]) / (2 * h)],
      [(ra1[1] - ra2[1]) / (2 * h), (rc1[1] - rc2[1]) / (2 * h)],
    ]);
    const step = solve(J, Matrix.columnVector(r)).getColumn(0);
    a -= step[0]!;
    c -= step[1]!;
  }
  const g = new Float64Array(d * n);
  gradientFloat(p, point(a, c), g);
  if (!(Math.hypot(...g) < 1e-14)) throw new Error('fixture: the rotation-orbit critical point was not found');
  const V = [
    ['1', '0'],
    ['0', '1'],
    ['0', '0'],
    ['0', '0'],
  ];
  return { d, n, k: 2, W: exactStrings(point(a, c), d, n), V };
}

