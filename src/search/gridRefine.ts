/**
 * Second-order refinement of a finite-data end point to a critical point of ANY index (float
 * evidence only; certify proves or refuses). Levenberg–Marquardt on the gradient system ∇L(θ) = 0,
 * i.e. Gauss–Newton for ½‖∇L‖² with Jacobian H = ∇²L:
 *   (H² + λI) δ = −H g,   accept θ + δ when ‖∇L(θ + δ)‖ < ‖∇L(θ)‖ (then λ ← λ/3), else λ ← 4λ.
 * With λ → 0 this is Newton's step −H⁻¹g, which converges quadratically to a nondegenerate critical
 * point whatever its Morse index: unlike minimising L (the study used SLSQP), it does not slide off
 * saddles. It also converges (more slowly) to degenerate critical points, where H is singular.
 *
 * `hessian(θ, out)` and `gradient(θ, g)` are the objective's Float64 kernels (θ coordinates, or the
 * reduced ReLU coordinates u).
 */
import { symmetricEigen } from '../linalg/symmetricEigen.js';

export interface RefineOptions {
  /** Stop when ‖∇L‖ ≤ gradTol (Euclidean norm). */
  gradTol: number;
  maxIters: number;
}

export interface RefineResult {
  iterations: number;
  gradNorm: number;
  /** 'tolerance': ‖∇L‖ ≤ gradTol; 'stalled': no step decreases ‖∇L‖ any more (float noise, or a non-critical local minimum of ‖∇L‖); 'max-iters'. */
  stop: 'tolerance' | 'stalled' | 'max-iters' | 'non-finite';
}

export interface RefineKernels {
  gradient: (x: Float64Array, g: Float64Array) => number;
  hessian: (x: Float64Array) => Float64Array;
}

const LAMBDA_MAX = 1e20;

function norm(x: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j]! * x[j]!;
  return Math.sqrt(s);
}

/** Refines x in place. */
export function refineCriticalPoint(x: Float64Array, k: RefineKernels, opts: RefineOptions): RefineResult {
  const N = x.length;
  const g = new Float64Array(N);
  const gTry = new Float64Array(N);
  const xTry = new Float64Array(N);
  k.gradient(x, g);
  let gn = norm(g);
  if (!Number.isFinite(gn)) return { iterations: 0, gradNorm: gn, stop: 'non-finite' };
  let lambda = 0;
  let it = 0;
  while (gn > opts.gradTol) {
    if (it >= opts.maxIters) return { iterations: it, gradNorm: gn, stop: 'max-iters' };
    it++;
    const { values, vectors } = symmetricEigen(k.hessian(x), N);
    // Components of g in the eigenbasis: δ = −Σ_k λ_k/(λ_k² + μ) (v_kᵀg) v_k.
    const gv = new Float64Array(N);
    let scale = 0;
    for (let e = 0; e < N; e++) {
      let s = 0;
      for (let r = 0; r < N; r++) s += vectors[r * N + e]! * g[r]!;
      gv[e] = s;
      scale = Math.max(scale, values[e]! * values[e]!);
    }
    if (!(scale > 0)) scale = 1;
    let mu = Math.max(lambda, 1e-30 * scale);
    let accepted = false;
    while (mu <= LAMBDA_MAX * scale) {
      for (let r = 0; r < N; r++) xTry[r] = x[r]!;
      for (let e = 0; e < N; e++) {
        const lam = values[e]!;
        const c = (lam / (lam * lam + mu)) * gv[e]!;
        if (c === 0) continue;
        for (let r = 0; r < N; r++) xTry[r] -= c * vectors[r * N + e]!;
      }
      k.gradient(xTry, gTry);
      const gnTry = norm(gTry);
      if (gnTry < gn) {
        x.set(xTry);
        g.set(gTry);
        gn = gnTry;
        lambda = mu / 3;
        accepted = true;
        break;
      }
      mu *= 4;
    }
    if (!accepted) return { iterations: it, gradNorm: gn, stop: 'stalled' };
  }
  return { iterations: it, gradNorm: gn, stop: 'tolerance' };
}
