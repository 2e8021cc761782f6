/**
 * Float64 population loss of a two-layer ReLU network with Gaussian inputs (DESIGN.md §2),
 * its gradient and Hessian. For search and screening only: NOT
 * rigorous (it uses Math.acos, Math.atan2 and plain round-to-nearest arithmetic); the
 * rigorous counterpart is reluRigorous.ts.
 *
 * Layout (ARCHITECTURE.md): student w and teacher v are neuron-major, `w[i*d + a] = W[a][i]`;
 * gradients likewise; the Hessian is N×N row-major, N = n·d, index i*d + a.
 *
 *   κ(u, v) = (|u||v| s + (π − θ) uᵀv) / (2π)          (= |u||v|(s + (π − θ)c)/(2π))
 *   F(W)    = Σ_i |w_i|²/4 + Σ_{i<j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j) + ½ Σ_{i,j} κ(v_i, v_j)
 *
 * Degenerate points (outside Ω):
 * - Zero neuron u = 0: κ(0, v) = 0, so the loss is fine. F is not differentiable there (κ is
 *   positively homogeneous of degree 1 in u); the gradient uses the convention
 *   ∇_u κ(0, v) = v/4 (θ = π/2: the average of ∇_u κ over all directions of u), and the
 *   partner's gradient term ∇_v κ(0, v) = 0 (exact: κ(0, ·) ≡ 0). The Hessian blows up
 *   (A(u, v) ∝ 1/|u|): hessianFloat throws NonSmoothPointError naming the zero neurons.
 * - Tiny neuron (nonzero entries, but |u|² underflows to 0 or 1/|u| overflows, e.g. entries
 *   ≈ 1e-320): F is smooth there, but the Hessian is not representable in Float64;
 *   hessianFloat throws NonSmoothPointError naming them as too small for Float64.
 * - Parallel / antiparallel pairs (s = 0): the gradient formula has no 1/s. For the Hessian we
 *   use the algebraically equivalent bounded forms below, with r = v̄ − c ū (|r| = s):
 *     A(u, v) = |v| / (2π|u|) · [ s (I − ūūᵀ) + r rᵀ / s ]
 *     B(u, v) = (1/2π) · [ (π − θ) I + s c ūūᵀ − (c/s) r rᵀ + s (ū rᵀ + r ūᵀ) ]
 *   Every /s term has norm ≤ s (because |r| = s), so it is dropped when s = 0 exactly; the
 *   Hessian is continuous (but not differentiable) across parallel pairs and its value there
 *   is the limit. No Infinity/NaN is produced for nonzero neurons. In the Hessian, s = |r| is
 *   computed from the vector r and θ = atan2(s, c), which stays accurate for tiny angles.
 */
import { InputError } from '../errors.js';

export interface ReluProblem {
  d: number;
  n: number;
  k: number;
  /** Teacher, neuron-major k×d: v[j*d + a] = V[a][j]. Treat as immutable after first use. */
  v: Float64Array;
}

/**
 * Thrown by hessianFloat when the Float64 Hessian cannot be formed: at a zero neuron (`zero`: F is
 * not twice differentiable there) or at a neuron too small for Float64 (`tooSmall`: nonzero
 * entries whose squared norm underflows, A(u, v) ∝ 1/|u| overflows). `neurons` lists both, 0-based.
 */
export class NonSmoothPointError extends Error {
  override readonly name = 'NonSmoothPointError';
  readonly neurons: number[];
  constructor(
    readonly zero: number[],
    readonly tooSmall: number[] = [],
  ) {
    super(nonSmoothMessage(zero, tooSmall));
    this.neurons = [...zero, ...tooSmall].sort((a, b) => a - b);
  }
}

function neuronList(ids: number[]): string {
  return `student neuron${ids.length > 1 ? 's' : ''} ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is'}`;
}

function nonSmoothMessage(zero: number[], tooSmall: number[]): string {
  const parts: string[] = [];
  if (zero.length > 0) parts.push(`the Hessian is undefined: ${neuronList(zero)} zero (F is not twice differentiable there)`);
  if (tooSmall.length > 0) {
    parts.push(
      `the Hessian is not representable in Float64: ${neuronList(tooSmall)} nonzero but too small for Float64 ` +
        '(subnormal/underflow: the squared norm underflows, so 1/|w| overflows)',
    );
  }
  return parts.join('; ');
}

const PI = Math.PI;
const INV_2PI = 1 / (2 * Math.PI);
const HALF_PI = Math.PI / 2;

/** The identity teacher I_d (k = d), neuron-major. */
export function identityTeacher(d: number): Float64Array {
  checkDim('d', d);
  const v = new Float64Array(d * d);
  for (let j = 0; j < d; j++) v[j * d + j] = 1;
  return v;
}

/** Builds a problem, checking that d, n are positive integers and v is a finite k×d teacher. */
export function makeProblem(d: number, n: number, v: Float64Array): ReluProblem {
  checkDim('d', d);
  checkDim('n', n);
  if (v.length === 0 || v.length % d !== 0) {
    throw new InputError(`teacher has ${v.length} entries, not a positive multiple of d = ${d}`);
  }
  for (let t = 0; t < v.length; t++) {
    if (!Number.isFinite(v[t]!)) {
      throw new InputError(`teacher entry (row ${(t % d) + 1}, column ${Math.floor(t / d) + 1}) is not finite`);
    }
  }
  return { d, n, k: v.length / d, v };
}

function checkDim(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 1) throw new InputError(`${name} must be a positive integer, got ${x}`);
}

// ---------------------------------------------------------------------------------------------
// Per-problem workspace: teacher norms, teacher constant and scratch buffers, built once.

interface Workspace {
  d: number;
  n: number;
  k: number;
  v: Float64Array;
  vNorm: Float64Array; // |v_j|
  /** ½ Σ_{i,j} κ(v_i, v_j): the loss at W = V. */
  teacherConst: number;
  /** v is exactly I_d: then w_iᵀv_j = w_i[j] and |v_j| = 1. */
  identity: boolean;
  wNorm: Float64Array; // |w_i|, length n
  invNorm: Float64Array; // 1/|w_i| (0 for a zero neuron), length n
  invVNorm: Float64Array; // 1/|v_j| (0 for a zero teacher neuron), length k
  alpha: Float64Array; // per-neuron scalar accumulator, length n
  unit: Float64Array; // ū_i, n×d
  unitV: Float64Array; // v̄_j, k×d
  r1: Float64Array; // length d
  r2: Float64Array; // length d
  /** Columns of Zᵀ: n (identity teacher) or n + k (teacher stored after the student). */
  m: number;
  zt: Float64Array; // Zᵀ = [W, V]ᵀ coordinate-major, d×m: zt[a*m + j]
  coef: Float64Array; // gradient coefficient matrix C, n×m
  gram: Float64Array; // student dots w_iᵀw_j, n×n (upper triangle used)
  teacherTerm: Float64Array; // V = I: −(π − θ_ij) at [i*d + j] (n×d); else dots w_iᵀv_j (n×k)
}

const workspaces = new WeakMap<ReluProblem, Workspace>();

function workspace(p: ReluProblem): Workspace {
  const ws = workspaces.get(p);
  if (ws && ws.d === p.d && ws.n === p.n && ws.k === p.k && ws.v === p.v) return ws;
  const { d, n, k, v } = p;
  if (!Number.isInteger(d) || d < 1 || !Number.isInteger(n) || n < 1 || v.length !== k * d) {
    throw new RangeError(`ReluProblem shape mismatch: d=${d}, n=${n}, k=${k}, teacher length ${v.length}`);
  }
  const vNorm = new Float64Array(k);
  const unitV = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += v[j * d + a]! * v[j * d + a]!;
    const nv = Math.sqrt(s);
    vNorm[j] = nv;
    if (nv > 0) for (let a = 0; a < d; a++) unitV[j * d + a] = v[j * d + a]! / nv;
  }
  let identity = k === d;
  for (let t = 0; identity && t < v.length; t++) {
    if (v[t] !== (Math.floor(t / d) === t % d ? 1 : 0)) identity = false;
  }
  // ½ Σ_{i,j} κ(v_i, v_j) = Σ_i |v_i|²/4 + Σ_{i<j} κ(v_i, v_j)
  let tc = 0;
  let cross = 0;
  for (let i = 0; i < k; i++) {
    tc += (vNorm[i]! * vNorm[i]!) / 4;
    for (let j = i + 1; j < k; j++) {
      let dot = 0;
      for (let a = 0; a < d; a++) dot += v[i * d + a]! * v[j * d + a]!;
      cross += kappaTimes2Pi(vNorm[i]!, vNorm[j]!, dot);
    }
  }
  tc += cross * INV_2PI;
  const m = identity ? n : n + k;
  const zt = new Float64Array(d * m);
  if (!identity) for (let j = 0; j < k; j++) for (let a = 0; a < d; a++) zt[a * m + n + j] = v[j * d + a]!;
  const fresh: Workspace = {
    d,
    n,
    k,
    v,
    vNorm,
    teacherConst: tc,
    identity,
    wNorm: new Float64Array(n),
    invNorm: new Float64Array(n),
    invVNorm: vNorm.map((x) => (x > 0 ? 1 / x : 0)),
    alpha: new Float64Array(n),
    unit: new Float64Array(n * d),
    unitV,
    r1: new Float64Array(d),
    r2: new Float64Array(d),
    m,
    zt,
    coef: new Float64Array(n * m),
    gram: new Float64Array(n * n),
    teacherTerm: new Float64Array(n * Math.max(d, k)),
  };
  workspaces.set(p, fresh);
  return fresh;
}

/** 2π·κ(u, v) from |u|, |v| and uᵀv (0 when either vector is zero). */
function kappaTimes2Pi(nu: number, nv: number, dot: number): number {
  const pn = nu * nv;
  if (pn === 0) return 0;
  let c = dot / pn;
  if (c > 1) c = 1;
  else if (c < -1) c = -1;
  return pn * Math.sqrt(1 - c * c) + (PI - Math.acos(c)) * dot;
}

function checkPoint(p: ReluProblem, w: Float64Array, what = 'w'): void {
  if (w.length !== p.n * p.d) {
    throw new RangeError(`${what} has length ${w.length}, expected n·d = ${p.n * p.d}`);
  }
}

function fillNorms(w: Float64Array, d: number, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let a = 0; a < d; a++) s += w[o + a]! * w[o + a]!;
    out[i] = Math.sqrt(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Loss and gradient

/** F(W), Float64. Zero neurons contribute κ = 0. */
export function lossFloat(p: ReluProblem, w: Float64Array): number {
  checkPoint(p, w);
  const ws = workspace(p);
  const { d, n, k, v } = p;
  const nrm = ws.wNorm;
  const vNorm = ws.vNorm;
  fillNorms(w, d, n, nrm);
  let self = 0;
  let acc = 0; // 2π·(Σ_{i<j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j))
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const ni = nrm[i]!;
    self += ni * ni;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      let dot = 0;
      for (let a = 0; a < d; a++) dot += w[oi + a]! * w[oj + a]!;
      acc += kappaTimes2Pi(ni, nrm[j]!, dot);
    }
    if (ws.identity) {
      for (let j = 0; j < k; j++) acc -= kappaTimes2Pi(ni, 1, w[oi + j]!);
    } else {
      for (let j = 0; j < k; j++) {
        const oj = j * d;
        let dot = 0;
        for (let a = 0; a < d; a++) dot += w[oi + a]! * v[oj + a]!;
        acc -= kappaTimes2Pi(ni, vNorm[j]!, dot);
      }
    }
  }
  return self / 4 + acc * INV_2PI + ws.teacherConst;
}

/**
 * ∇F(W) into `out` (length n·d, neuron-major) and returns F(W) from the same pass.
 *   ∇_{w_i}F = w_i/2 + Σ_{j≠i} ∇_u κ(w_i, w_j) − Σ_j ∇_u κ(w_i, v_j),
 *   ∇_u κ(u, v) = (|v| s ū + (π − θ) v) / (2π).
 * One acos per unordered student pair and per student–teacher pair. The ū terms are collected
 * in one scalar per neuron and the (π − θ) terms in a coefficient matrix C, so that
 * ∇_{w_i}F[a] = (C_i · Zᵀ_a)/(2π) + (½ + α_i/(2π)) w_i[a] with Z = [W, V] stored coordinate-major:
 * every inner loop is a contiguous dot product (no strided or read-modify-write streams).
 * Zero neurons: see the module comment.
 */
export function gradientFloat(p: ReluProblem, w: Float64Array, out: Float64Array): number {
  checkPoint(p, w);
  checkPoint(p, out, 'gradient buffer');
  const ws = workspace(p);
  const { d, n, k, v } = p;
  const nrm = ws.wNorm;
  const inv = ws.invNorm;
  const alpha = ws.alpha; // Σ_j |w_j| s_ij − Σ_j |v_j| s_ij; divided by |w_i| at the end
  const vNorm = ws.vNorm;
  const invV = ws.invVNorm;
  const identity = ws.identity;
  const m = ws.m;
  const zt = ws.zt;
  const C = ws.coef;
  const G = ws.gram;
  const T = ws.teacherTerm;
  // Norms and the coordinate-major copy of W (columns 0..n−1 of Zᵀ).
  let self = 0;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    let s = 0;
    for (let a = 0; a < d; a++) {
      const x = w[oi + a]!;
      s += x * x;
      zt[a * m + i] = x;
    }
    const ni = Math.sqrt(s);
    nrm[i] = ni;
    inv[i] = ni > 0 ? 1 / ni : 0;
    self += s;
    alpha[i] = 0;
  }
  // G[i*n + j] = w_iᵀw_j for i < j; for a general teacher the dots w_iᵀv_j go into T (n×k).
  gramUpper(w, n, d, G);
  if (!identity) crossDots(w, n, v, k, d, T, k);
  let acc = 0; // 2π·(Σ_{i<j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j))
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const ni = nrm[i]!;
    const invi = inv[i]!;
    const ci = i * m;
    C[ci + i] = 0;
    let al = 0;
    for (let j = i + 1; j < n; j++) {
      const nj = nrm[j]!;
      const dot = G[i * n + j]!;
      const pn = ni * nj;
      let pt: number;
      if (pn > 0) {
        let c = dot * (invi * inv[j]!);
        if (c > 1) c = 1;
        else if (c < -1) c = -1;
        const s = Math.sqrt(1 - c * c);
        pt = PI - Math.acos(c);
        acc += pn * s + pt * dot;
        al += nj * s;
        alpha[j] = alpha[j]! + ni * s;
      } else {
        pt = HALF_PI; // zero neuron convention; the other neuron's term is multiplied by 0
      }
      C[ci + j] = pt;
      C[j * m + i] = pt;
    }
    if (identity) {
      // v_j = e_j: w_iᵀv_j = w_i[j]; the −(π − θ) v_j terms are kept in T (n×d).
      for (let j = 0; j < k; j++) {
        const dot = w[oi + j]!;
        if (ni > 0) {
          let c = dot * invi;
          if (c > 1) c = 1;
          else if (c < -1) c = -1;
          const s = Math.sqrt(1 - c * c);
          const pt = PI - Math.acos(c);
          acc -= ni * s + pt * dot;
          al -= s;
          T[oi + j] = -pt;
        } else {
          T[oi + j] = -HALF_PI;
        }
      }
    } else {
      const ti = i * k;
      for (let j = 0; j < k; j++) {
        const nv = vNorm[j]!;
        let pt = 0;
        if (nv > 0) {
          const dot = T[ti + j]!;
          if (ni > 0) {
            const pn = ni * nv;
            let c = dot * (invi * invV[j]!);
            if (c > 1) c = 1;
            else if (c < -1) c = -1;
            const s = Math.sqrt(1 - c * c);
            pt = PI - Math.acos(c);
            acc -= pn * s + pt * dot;
            al -= nv * s;
          } else {
            pt = HALF_PI;
          }
        }
        C[ci + n + j] = -pt;
      }
    }
    alpha[i] = alpha[i]! + al;
  }
  // out_i[a] = (C_i · Zᵀ_a [+ T_i[a] for V = I]) / (2π) + (½ + α_i/(2π|w_i|)) w_i[a]
  for (let i = 0; i < n; i++) alpha[i] = 0.5 + alpha[i]! * inv[i]! * INV_2PI;
  gradientProduct(C, n, zt, d, m, w, alpha, identity ? T : undefined, out);
  return self / 4 + acc * INV_2PI + ws.teacherConst;
}

/**
 * G[i*n + j] = w_iᵀw_j for i < j (w: n rows of length d). Rows i, i+1 against four rows
 * j..j+3 (j ≥ i+2) at a time: 8 independent sums per 6 loads.
 */
function gramUpper(w: Float64Array, n: number, d: number, G: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const p0 = i * d;
    const p1 = p0 + d;
    const g0 = i * n;
    const g1 = g0 + n;
    G[g0 + i + 1] = dotAt(w, p0, w, p1, d);
    let j = i + 2;
    for (; j + 3 < n; j += 4) {
      const q0 = j * d;
      const q1 = q0 + d;
      const q2 = q1 + d;
      const q3 = q2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let a = 0; a < d; a++) {
        const x = w[p0 + a]!;
        const y = w[p1 + a]!;
        const z0 = w[q0 + a]!;
        const z1 = w[q1 + a]!;
        const z2 = w[q2 + a]!;
        const z3 = w[q3 + a]!;
        s0 += x * z0;
        s1 += x * z1;
        s2 += x * z2;
        s3 += x * z3;
        t0 += y * z0;
        t1 += y * z1;
        t2 += y * z2;
        t3 += y * z3;
      }
      G[g0 + j] = s0;
      G[g0 + j + 1] = s1;
      G[g0 + j + 2] = s2;
      G[g0 + j + 3] = s3;
      G[g1 + j] = t0;
      G[g1 + j + 1] = t1;
      G[g1 + j + 2] = t2;
      G[g1 + j + 3] = t3;
    }
    for (; j < n; j++) {
      G[g0 + j] = dotAt(w, p0, w, j * d, d);
      G[g1 + j] = dotAt(w, p1, w, j * d, d);
    }
  }
  // The last row (odd n) has no entries right of the diagonal.
}

/**
 * out[i*ldo + j] = x_i · y_j for i < nx, j < ny, where x_i, y_j are the length-d rows of x and
 * y. One row of x against four rows of y at a time.
 */
function crossDots(x: Float64Array, nx: number, y: Float64Array, ny: number, d: number, out: Float64Array, ldo: number): void {
  for (let i = 0; i < nx; i++) {
    const ox = i * d;
    const oo = i * ldo;
    let j = 0;
    for (; j + 3 < ny; j += 4) {
      const o0 = j * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let a = 0; a < d; a++) {
        const xa = x[ox + a]!;
        s0 += xa * y[o0 + a]!;
        s1 += xa * y[o1 + a]!;
        s2 += xa * y[o2 + a]!;
        s3 += xa * y[o3 + a]!;
      }
      out[oo + j] = s0;
      out[oo + j + 1] = s1;
      out[oo + j + 2] = s2;
      out[oo + j + 3] = s3;
    }
    for (; j < ny; j++) out[oo + j] = dotAt(x, ox, y, j * d, d);
  }
}

/**
 * out[i*d + a] = (C_i · B_a + T[i*d + a]) / (2π) + cw[i]·w[i*d + a] for i < n, a < d, where C_i,
 * B_a are the length-m rows of C (n×m) and B (d×m), and the T term is present only when T is
 * given. Two rows of C against four rows of B at a time (8 independent sums).
 */
function gradientProduct(
  C: Float64Array,
  n: number,
  B: Float64Array,
  d: number,
  m: number,
  w: Float64Array,
  cw: Float64Array,
  T: Float64Array | undefined,
  out: Float64Array,
): void {
  const hasT = T !== undefined;
  const t = T ?? w; // never read when !hasT
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c0 = i * m;
    const c1 = c0 + m;
    const o0 = i * d;
    const o1 = o0 + d;
    const cw0 = cw[i]!;
    const cw1 = cw[i + 1]!;
    let a = 0;
    for (; a + 3 < d; a += 4) {
      const z0 = a * m;
      const z1 = z0 + m;
      const z2 = z1 + m;
      const z3 = z2 + m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let j = 0; j < m; j++) {
        const e = C[c0 + j]!;
        const f = C[c1 + j]!;
        const y0 = B[z0 + j]!;
        const y1 = B[z1 + j]!;
        const y2 = B[z2 + j]!;
        const y3 = B[z3 + j]!;
        s0 += e * y0;
        s1 += e * y1;
        s2 += e * y2;
        s3 += e * y3;
        t0 += f * y0;
        t1 += f * y1;
        t2 += f * y2;
        t3 += f * y3;
      }
      if (hasT) {
        s0 += t[o0 + a]!;
        s1 += t[o0 + a + 1]!;
        s2 += t[o0 + a + 2]!;
        s3 += t[o0 + a + 3]!;
        t0 += t[o1 + a]!;
        t1 += t[o1 + a + 1]!;
        t2 += t[o1 + a + 2]!;
        t3 += t[o1 + a + 3]!;
      }
      out[o0 + a] = s0 * INV_2PI + cw0 * w[o0 + a]!;
      out[o0 + a + 1] = s1 * INV_2PI + cw0 * w[o0 + a + 1]!;
      out[o0 + a + 2] = s2 * INV_2PI + cw0 * w[o0 + a + 2]!;
      out[o0 + a + 3] = s3 * INV_2PI + cw0 * w[o0 + a + 3]!;
      out[o1 + a] = t0 * INV_2PI + cw1 * w[o1 + a]!;
      out[o1 + a + 1] = t1 * INV_2PI + cw1 * w[o1 + a + 1]!;
      out[o1 + a + 2] = t2 * INV_2PI + cw1 * w[o1 + a + 2]!;
      out[o1 + a + 3] = t3 * INV_2PI + cw1 * w[o1 + a + 3]!;
    }
    for (; a < d; a++) {
      const x0 = dotAt(C, c0, B, a * m, m) + (hasT ? t[o0 + a]! : 0);
      const x1 = dotAt(C, c1, B, a * m, m) + (hasT ? t[o1 + a]! : 0);
      out[o0 + a] = x0 * INV_2PI + cw0 * w[o0 + a]!;
      out[o1 + a] = x1 * INV_2PI + cw1 * w[o1 + a]!;
    }
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let a = 0; a < d; a++) {
      const x = dotAt(C, i * m, B, a * m, m) + (hasT ? t[o + a]! : 0);
      out[o + a] = x * INV_2PI + cw[i]! * w[o + a]!;
    }
  }
}

/** Σ_t x[ox + t]·y[oy + t], t < len, with four partial sums. */
function dotAt(x: Float64Array, ox: number, y: Float64Array, oy: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += x[ox + t]! * y[oy + t]!;
    s1 += x[ox + t + 1]! * y[oy + t + 1]!;
    s2 += x[ox + t + 2]! * y[oy + t + 2]!;
    s3 += x[ox + t + 3]! * y[oy + t + 3]!;
  }
  for (; t < len; t++) s0 += x[ox + t]! * y[oy + t]!;
  return s0 + s1 + (s2 + s3);
}


/** Euclidean norm of each neuron's gradient block (length n). */
export function perNeuronGradientNorms(g: Float64Array, d: number, n: number, out?: Float64Array): Float64Array {
  if (g.length !== n * d) throw new RangeError(`gradient has length ${g.length}, expected n·d = ${n * d}`);
  const res = out ?? new Float64Array(n);
  if (res.length < n) throw new RangeError(`output buffer has length ${res.length} < n = ${n}`);
  fillNorms(g, d, n, res);
  return res;
}

// ---------------------------------------------------------------------------------------------
// Hessian

function fillUnitVectors(p: ReluProblem, w: Float64Array, ws: Workspace): void {
  const { d, n } = p;
  const nrm = ws.wNorm;
  const unit = ws.unit;
  fillNorms(w, d, n, nrm);
  let zero: number[] | undefined;
  let tooSmall: number[] | undefined;
  for (let i = 0; i < n; i++) {
    const ni = nrm[i]!;
    const inv = 1 / ni;
    if (!(ni > 0) || !(inv < Infinity)) {
      let exactlyZero = true;
      for (let a = 0; a < d; a++) if (w[i * d + a] !== 0) exactlyZero = false;
      if (exactlyZero) (zero ??= []).push(i);
      else (tooSmall ??= []).push(i);
      continue;
    }
    for (let a = 0; a < d; a++) unit[i * d + a] = w[i * d + a]! * inv;
  }
  if (zero || tooSmall) throw new NonSmoothPointError(zero ?? [], tooSmall);
}

/**
 * r = ū2 − c ū1 into `r`, returns s = |r| (sin of the angle); c is ū1·ū2 clamped to [−1, 1].
 */
function orthogonalPart(u1: Float64Array, o1: number, u2: Float64Array, o2: number, c: number, r: Float64Array, d: number): number {
  let ss = 0;
  for (let a = 0; a < d; a++) {
    const x = u2[o2 + a]! - c * u1[o1 + a]!;
    r[a] = x;
    ss += x * x;
  }
  return Math.sqrt(ss);
}

function unitDot(u1: Float64Array, o1: number, u2: Float64Array, o2: number, d: number): number {
  let c = 0;
  for (let a = 0; a < d; a++) c += u1[o1 + a]! * u2[o2 + a]!;
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/**
 * Adds sign·A(u, v) to the d×d block of H at (row0, row0) (row stride N), where
 * A(u, v) = |v|/(2π|u|) [ s (I − ūūᵀ) + r rᵀ/s ], r = v̄ − c ū (given), s = |r|.
 */
function addA(H: Float64Array, N: number, row0: number, ub: Float64Array, ou: number, r: Float64Array, s: number, scale: number, d: number): void {
  // scale = sign·|v|/(2π|u|)
  const f1 = scale * s;
  const f2 = s > 0 ? scale / s : 0;
  for (let a = 0; a < d; a++) {
    const rowOff = (row0 + a) * N + row0;
    const ua = ub[ou + a]!;
    const ra = r[a]!;
    for (let b = 0; b < d; b++) {
      H[rowOff + b] = H[rowOff + b]! + f2 * ra * r[b]! - f1 * ua * ub[ou + b]!;
    }
    H[rowOff + a] = H[rowOff + a]! + f1;
  }
}

/**
 * The full Hessian ∇²F(W), N×N row-major (N = n·d), exactly symmetric (block (j,i) is a copy
 * of block (i,j)ᵀ and diagonal blocks are symmetrised). Throws NonSmoothPointError at zero
 * neurons; parallel pairs get the continuous limit (module comment).
 */
export function hessianFloat(p: ReluProblem, w: Float64Array, out?: Float64Array): Float64Array {
  checkPoint(p, w);
  const ws = workspace(p);
  const { d, n, k } = p;
  const N = n * d;
  const H = out ?? new Float64Array(N * N);
  if (H.length !== N * N) throw new RangeError(`Hessian buffer has length ${H.length}, expected ${N * N}`);
  fillUnitVectors(p, w, ws);
  H.fill(0);
  const nrm = ws.wNorm;
  const unit = ws.unit;
  const unitV = ws.unitV;
  const r1 = ws.r1;
  const r2 = ws.r2;
  for (let i = 0; i < n; i++) {
    const r0 = i * d;
    for (let a = 0; a < d; a++) H[(r0 + a) * N + r0 + a] = 0.5;
    // − Σ_j A(w_i, v_j)
    for (let j = 0; j < k; j++) {
      const nv = ws.vNorm[j]!;
      if (nv === 0) continue;
      const c = unitDot(unit, i * d, unitV, j * d, d);
      const s = orthogonalPart(unit, i * d, unitV, j * d, c, r1, d);
      addA(H, N, r0, unit, i * d, r1, s, (-nv * INV_2PI) / nrm[i]!, d);
    }
  }
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      const c = unitDot(unit, oi, unit, oj, d);
      const s = orthogonalPart(unit, oi, unit, oj, c, r1, d); // r1 = ū_j − c ū_i
      orthogonalPart(unit, oj, unit, oi, c, r2, d); // r2 = ū_i − c ū_j
      addA(H, N, oi, unit, oi, r1, s, (nrm[j]! * INV_2PI) / nrm[i]!, d);
      addA(H, N, oj, unit, oj, r2, s, (nrm[i]! * INV_2PI) / nrm[j]!, d);
      // B(w_i, w_j) = (1/2π)[(π − θ)I + s c ūūᵀ − (c/s) r rᵀ + s(ū rᵀ + r ūᵀ)], ū = ū_i, r = r1
      const theta = Math.atan2(s, c);
      const fI = (PI - theta) * INV_2PI;
      const fuu = s * c * INV_2PI;
      const frr = s > 0 ? (-c / s) * INV_2PI : 0;
      const fur = s * INV_2PI;
      for (let a = 0; a < d; a++) {
        const ua = unit[oi + a]!;
        const ra = r1[a]!;
        const rowOff = (oi + a) * N + oj;
        for (let b = 0; b < d; b++) {
          const ub = unit[oi + b]!;
          const rb = r1[b]!;
          H[rowOff + b] = fuu * ua * ub + frr * ra * rb + fur * (ua * rb + ra * ub);
        }
        H[rowOff + a] = H[rowOff + a]! + fI;
      }
    }
  }
  // Symmetrise: copy each upper off-diagonal block's transpose to the lower triangle, and
  // average the diagonal blocks (they are symmetric up to rounding).
  for (let row = 0; row < N; row++) {
    const blockEnd = (Math.floor(row / d) + 1) * d;
    for (let col = row + 1; col < blockEnd; col++) {
      const m = 0.5 * (H[row * N + col]! + H[col * N + row]!);
      H[row * N + col] = m;
      H[col * N + row] = m;
    }
    for (let col = blockEnd; col < N; col++) H[col * N + row] = H[row * N + col]!;
  }
  return H;
}

// ---------------------------------------------------------------------------------------------
// Layout conversion

/** d×n matrix (rows = coordinates, one column per neuron) → neuron-major Float64Array. */
export function matrixToNeuronMajor(W: number[][]): Float64Array {
  const d = W.length;
  if (d === 0) throw new RangeError('matrixToNeuronMajor: empty matrix');
  const n = W[0]!.length;
  const w = new Float64Array(n * d);
  for (let a = 0; a < d; a++) {
    const row = W[a]!;
    if (row.length !== n) throw new RangeError(`matrixToNeuronMajor: row ${a} has ${row.length} entries, expected ${n}`);
    for (let i = 0; i < n; i++) w[i * d + a] = row[i]!;
  }
  return w;
}

/** Neuron-major Float64Array → d×n matrix (rows = coordinates). */
export function neuronMajorToMatrix(w: Float64Array, d: number, n: number): number[][] {
  if (w.length !== n * d) throw new RangeError(`neuronMajorToMatrix: length ${w.length}, expected ${n * d}`);
  const W: number[][] = [];
  for (let a = 0; a < d; a++) {
    const row = new Array<number>(n);
    for (let i = 0; i < n; i++) row[i] = w[i * d + a]!;
    W.push(row);
  }
  return W;
}
