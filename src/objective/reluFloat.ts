/**
 * Float64 population loss of a two-layer ReLU network with Gaussian inputs (DESIGN.md §2),
 * its gradient, Hessian and Hessian-vector product. For search and screening only: NOT
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
 *   (A(u, v) ∝ 1/|u|): hessianFloat and hessianVectorProduct throw NonSmoothPointError
 *   naming the zero neurons.
 * - Tiny neuron (nonzero entries, but |u|² underflows to 0 or 1/|u| overflows, e.g. entries
 *   ≈ 1e-320): F is smooth there, but the Hessian is not representable in Float64; the Hessian
 *   routines throw NonSmoothPointError naming them as too small for Float64.
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
import { WasmF64Arena, evenStride } from '../linalg/wasmKernels.js';

export interface ReluProblem {
  d: number;
  n: number;
  k: number;
  /** Teacher, neuron-major k×d: v[j*d + a] = V[a][j]. Treat as immutable after first use. */
  v: Float64Array;
}

/**
 * Thrown by the Hessian routines when the Float64 Hessian cannot be formed: at a zero neuron
 * (`zero`: F is not twice differentiable there) or at a neuron too small for Float64 (`tooSmall`:
 * nonzero entries whose squared norm underflows, A(u, v) ∝ 1/|u| overflows). `neurons` lists
 * both, 0-based.
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
  dotUX: Float64Array; // ū_i · x_i, length n
  /** The gradient's matrices, in WebAssembly memory (built on the first gradient call). */
  grad?: GradientBuffers;
}

/**
 * Row-major matrices of gradientFloat inside one WasmF64Arena. Rows of length d or m are stored
 * with the even strides dp, mp (evenStride) and a zero last column when the length is odd, since
 * the SIMD kernels read pairs; the padding is never written, so it stays zero.
 */
interface GradientBuffers {
  arena: WasmF64Arena;
  dp: number;
  /** Columns of Zᵀ: n (identity teacher) or n + k (teacher stored after the student); mp its even stride. */
  m: number;
  mp: number;
  wp: Float64Array; // W, n×dp: wp[i*dp + a] = w_i[a]
  vp: Float64Array; // V, k×dp (general teacher only, else empty)
  zt: Float64Array; // Zᵀ = [W, V]ᵀ coordinate-major, d×mp: zt[a*mp + j]
  coef: Float64Array; // gradient coefficient matrix C, n×mp
  gram: Float64Array; // student dots w_iᵀw_j, n×n (entries j ≥ i − (i mod 2) are written)
  cross: Float64Array; // general teacher: dots w_iᵀv_j, n×k (else empty)
  prod: Float64Array; // C·Z, n×dp
  teacherTerm: Float64Array; // V = I: −(π − θ_ij) at [i*d + j], n×d (JS memory)
}

function gradientBuffers(ws: Workspace): GradientBuffers {
  if (ws.grad) return ws.grad;
  const { d, n, k, identity } = ws;
  const dp = evenStride(d);
  const m = identity ? n : n + k;
  const mp = evenStride(m);
  const teacherDoubles = identity ? 0 : k * dp + n * k;
  const arena = new WasmF64Arena(2 * n * dp + d * mp + n * mp + n * n + teacherDoubles + 16);
  const vp = arena.alloc(identity ? 0 : k * dp);
  const zt = arena.alloc(d * mp);
  if (!identity) {
    for (let j = 0; j < k; j++) {
      for (let a = 0; a < d; a++) {
        vp[j * dp + a] = ws.v[j * d + a]!;
        zt[a * mp + n + j] = ws.v[j * d + a]!;
      }
    }
  }
  ws.grad = {
    arena, dp, m, mp, vp, zt,
    wp: arena.alloc(n * dp),
    coef: arena.alloc(n * mp),
    gram: arena.alloc(n * n),
    cross: arena.alloc(identity ? 0 : n * k),
    prod: arena.alloc(n * dp),
    teacherTerm: new Float64Array(identity ? n * d : 0),
  };
  return ws.grad;
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
    dotUX: new Float64Array(n),
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
 * ∇_{w_i}F[a] = (C_i · Zᵀ_a)/(2π) + (½ + α_i/(2π)) w_i[a] with Z = [W, V] stored coordinate-major.
 * The two O(n²d) products — the Gram matrix WWᵀ (whose diagonal gives the norms) and C·Z — run in
 * the WebAssembly SIMD kernels (src/linalg/wasmKernels.ts); the O(n² + nk) angle loop runs here:
 * a SIMD version of it (fdlibm's acos in f64x2 lanes) measured 5–25% slower per gradient at
 * k = 20, 50, 100 (its division and square roots cost more than Math.acos), so it was not kept.
 * Zero neurons: see the module comment.
 */
export function gradientFloat(p: ReluProblem, w: Float64Array, out: Float64Array): number {
  checkPoint(p, w);
  checkPoint(p, out, 'gradient buffer');
  const ws = workspace(p);
  const { d, n, k } = p;
  const nrm = ws.wNorm;
  const inv = ws.invNorm;
  const alpha = ws.alpha; // Σ_j |w_j| s_ij − Σ_j |v_j| s_ij; divided by |w_i| at the end
  const vNorm = ws.vNorm;
  const invV = ws.invVNorm;
  const identity = ws.identity;
  const buf = gradientBuffers(ws);
  const { arena, dp, m, mp, wp, zt, gram: G, coef: C, cross, prod, teacherTerm: T } = buf;
  // W into its padded row-major and coordinate-major (columns 0..n−1 of Zᵀ) copies.
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const pi = i * dp;
    for (let a = 0; a < d; a++) {
      const x = w[oi + a]!;
      wp[pi + a] = x;
      zt[a * mp + i] = x;
    }
  }
  // G[i*n + j] = w_iᵀw_j for j ≥ i (row pairs i, i+1 against rows i…n−1), norms from its diagonal.
  for (let i = 0; i < n; i += 2) arena.abt(wp, i * dp, dp, wp, i * dp, dp, G, i * n + i, n, Math.min(2, n - i), n - i, dp);
  if (!identity) arena.abt(wp, 0, dp, buf.vp, 0, dp, cross, 0, k, n, k, dp);
  let self = 0;
  for (let i = 0; i < n; i++) {
    const s = G[i * n + i]!;
    const ni = Math.sqrt(s);
    nrm[i] = ni;
    inv[i] = ni > 0 ? 1 / ni : 0;
    self += s;
    alpha[i] = 0;
  }
  let acc = 0; // 2π·(Σ_{i<j} κ(w_i, w_j) − Σ_{i,j} κ(w_i, v_j))
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const ni = nrm[i]!;
    const invi = inv[i]!;
    const ci = i * mp;
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
      C[j * mp + i] = pt;
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
          const dot = cross[ti + j]!;
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
  // out_i[a] = ((C·Z)_i[a] [+ T_i[a] for V = I]) / (2π) + (½ + α_i/(2π|w_i|)) w_i[a]
  arena.abt(C, 0, mp, zt, 0, mp, prod, 0, dp, n, d, mp);
  for (let i = 0; i < n; i++) {
    const cw = 0.5 + alpha[i]! * inv[i]! * INV_2PI;
    const oi = i * d;
    const pi = i * dp;
    if (identity) {
      for (let a = 0; a < d; a++) out[oi + a] = (prod[pi + a]! + T[oi + a]!) * INV_2PI + cw * w[oi + a]!;
    } else {
      for (let a = 0; a < d; a++) out[oi + a] = prod[pi + a]! * INV_2PI + cw * w[oi + a]!;
    }
  }
  void m;
  return self / 4 + acc * INV_2PI + ws.teacherConst;
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

/**
 * out = ∇²F(W)·x without forming the Hessian (O(n²d + nkd) work). Same conventions and
 * errors as hessianFloat; agrees with hessianFloat(p, w)·x up to rounding.
 */
export function hessianVectorProduct(p: ReluProblem, w: Float64Array, x: Float64Array, out: Float64Array): void {
  checkPoint(p, w);
  checkPoint(p, x, 'x');
  checkPoint(p, out, 'output buffer');
  if (out === x) throw new RangeError('hessianVectorProduct: out must not alias x');
  const ws = workspace(p);
  const { d, n, k } = p;
  fillUnitVectors(p, w, ws);
  const nrm = ws.wNorm;
  const unit = ws.unit;
  const unitV = ws.unitV;
  const r1 = ws.r1;
  const r2 = ws.r2;
  const ux = ws.dotUX;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    let t = 0;
    for (let a = 0; a < d; a++) {
      t += unit[oi + a]! * x[oi + a]!;
      out[oi + a] = 0.5 * x[oi + a]!;
    }
    ux[i] = t;
  }
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = 0; j < k; j++) {
      const nv = ws.vNorm[j]!;
      if (nv === 0) continue;
      const c = unitDot(unit, oi, unitV, j * d, d);
      const s = orthogonalPart(unit, oi, unitV, j * d, c, r1, d);
      applyA(out, oi, x, oi, unit, oi, ux[i]!, r1, s, (-nv * INV_2PI) / nrm[i]!, d);
    }
  }
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      const c = unitDot(unit, oi, unit, oj, d);
      const s = orthogonalPart(unit, oi, unit, oj, c, r1, d);
      orthogonalPart(unit, oj, unit, oi, c, r2, d);
      applyA(out, oi, x, oi, unit, oi, ux[i]!, r1, s, (nrm[j]! * INV_2PI) / nrm[i]!, d);
      applyA(out, oj, x, oj, unit, oj, ux[j]!, r2, s, (nrm[i]! * INV_2PI) / nrm[j]!, d);
      // B(w_i, w_j) applied to x_j (into out_i) and to x_i (into out_j); B is symmetric.
      let uxj = 0;
      let rxj = 0;
      let rxi = 0;
      for (let a = 0; a < d; a++) {
        uxj += unit[oi + a]! * x[oj + a]!;
        rxj += r1[a]! * x[oj + a]!;
        rxi += r1[a]! * x[oi + a]!;
      }
      const uxi = ux[i]!;
      const theta = Math.atan2(s, c);
      const fI = (PI - theta) * INV_2PI;
      const fuu = s * c * INV_2PI;
      const frr = s > 0 ? (-c / s) * INV_2PI : 0;
      const fur = s * INV_2PI;
      // B y = fI y + fuu ū(ū·y) + frr r(r·y) + fur (ū(r·y) + r(ū·y))
      const cuj = fuu * uxj + fur * rxj;
      const crj = frr * rxj + fur * uxj;
      const cui = fuu * uxi + fur * rxi;
      const cri = frr * rxi + fur * uxi;
      for (let a = 0; a < d; a++) {
        const ua = unit[oi + a]!;
        const ra = r1[a]!;
        out[oi + a] = out[oi + a]! + fI * x[oj + a]! + cuj * ua + crj * ra;
        out[oj + a] = out[oj + a]! + fI * x[oi + a]! + cui * ua + cri * ra;
      }
    }
  }
}

/** out[oo..] += A(u, v)·x[ox..], A as in addA with ū·x = ux precomputed. */
function applyA(out: Float64Array, oo: number, x: Float64Array, ox: number, ub: Float64Array, ou: number, ux: number, r: Float64Array, s: number, scale: number, d: number): void {
  let rx = 0;
  for (let a = 0; a < d; a++) rx += r[a]! * x[ox + a]!;
  const f1 = scale * s;
  const f2 = s > 0 ? (scale / s) * rx : 0;
  const fu = f1 * ux;
  for (let a = 0; a < d; a++) {
    out[oo + a] = out[oo + a]! + f1 * x[ox + a]! - fu * ub[ou + a]! + f2 * r[a]!;
  }
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
