/**
 * Float64 loss, gradient and Hessian of the finite-data objective (gridData.ts, DESIGN.md §7):
 *   L(θ) = (1/(2P)) Σ_p r_p²,   r_p = Σ_i a_i σ(z_ip) − y_p,   z_ip = w_iᵀx_p,
 *   ∂L/∂a_i = (1/P) Σ_p r_p σ(z_ip),      ∂L/∂w_i = (1/P) Σ_p r_p a_i σ′(z_ip) x_p,
 *   ∇²L = (1/P) Σ_p (J_p J_pᵀ + r_p G_p),  J_p = ∇_θ f(x_p),
 *   G_p block-diagonal per neuron: ∂²f/∂w_i∂w_iᵀ = a_i σ″(z_ip) x_p x_pᵀ, ∂²f/∂w_i∂a_i = σ′(z_ip) x_p.
 * For search and screening only: NOT rigorous (Math.exp, round-to-nearest); the rigorous
 * counterparts are gridRigorous.ts and gridBoxHessian.ts. For ReLU, σ′ = 1[z > 0] and σ″ = 0:
 * the almost-everywhere derivatives (exact wherever no z_ip is 0).
 *
 * Speed: e^(−z_ip) = Π_c e^(−w_ic x_pc), and each factor only depends on which distinct value
 * x_pc takes (CoordinateTable), so one evaluation costs n·Σ_c U_c calls of Math.exp (U_c distinct
 * values of coordinate c: 41 on the grid) instead of n·P, and one multiplication per (p, i).
 * Neurons with |w_ic x| > 700 for some table value use Math.exp(−z) directly (no overflow).
 * All work arrays belong to the problem: the hot loops allocate nothing.
 */
import {
  type Activation,
  type FiniteDataProblem,
  aIndex,
  coordinateTables,
  mirrorPairs,
  validateProblem,
  wIndex,
} from './gridData.js';

export interface GridFloatProblem {
  activation: Activation;
  d: number;
  n: number;
  P: number;
  /** Data, point-major: x[p·d + c]. */
  x: Float64Array;
  /** Labels (teacher labels evaluated in Float64). */
  y: Float64Array;
  /** Concatenated table values of all coordinates, tableOffset[c] … tableOffset[c+1]−1 for coordinate c. */
  tableValues: Float64Array;
  tableOffset: Int32Array;
  /** tableAt[p·d + c] = tableOffset[c] + (entry of x_pc). */
  tableAt: Int32Array;
  /** Largest |value| of each coordinate's table. */
  tableMaxAbs: Float64Array;
  /**
   * Lattice coordinates (values = step·k for consecutive k): the step, else NaN; and the table
   * entry nearest to 0, where the power chains start (fillExpTable).
   */
  latticeStep: Float64Array;
  latticeAnchor: Int32Array;
  /** Scratch: e^(−w_ic v) for every neuron i and table entry (n × tableValues.length). */
  expTable: Float64Array;
  /** Scratch: σ, σ′, σ″ at every (p, i), p-major. */
  s0: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  /** Scratch: J_p (length N) and neuron flags. */
  jac: Float64Array;
  direct: Uint8Array;
  /**
   * Mirror pairs of the data (x_{pairs[2j+1]} = −x_{pairs[2j]}, exactly) and the remaining points:
   * the gradient kernel evaluates σ once per pair (see gradient2).
   */
  pairs: Int32Array;
  singles: Int32Array;
  /** Scratch of length n: σ and σ′ (or z) of the current data point. */
  sv: Float64Array;
  dv: Float64Array;
}

/** Beyond this |exponent| Math.exp over/underflows; such neurons are evaluated directly. */
const EXP_LIMIT = 700;

/** The Float64 problem of `p` for students with n neurons (labels computed once, in Float64). */
export function gridFloatProblem(p: FiniteDataProblem, n: number): GridFloatProblem {
  validateProblem(p);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gridFloatProblem: n = ${n}`);
  const { d, P } = p.data;
  const x = new Float64Array(P * d);
  p.data.X.forEach((row, q) => row.forEach((s, c) => (x[q * d + c] = Number(s))));
  const tables = coordinateTables(p.data);
  const tableOffset = new Int32Array(d + 1);
  for (let c = 0; c < d; c++) tableOffset[c + 1] = tableOffset[c]! + tables[c]!.values.length;
  const tableValues = new Float64Array(tableOffset[d]!);
  const tableMaxAbs = new Float64Array(d);
  tables.forEach((t, c) =>
    t.values.forEach((s, j) => {
      const v = Number(s);
      tableValues[tableOffset[c]! + j] = v;
      if (Math.abs(v) > tableMaxAbs[c]!) tableMaxAbs[c] = Math.abs(v);
    }),
  );
  const latticeStep = new Float64Array(d).fill(NaN);
  const latticeAnchor = new Int32Array(d);
  tables.forEach((t, c) => {
    if (!t.lattice) return;
    latticeStep[c] = Number(t.lattice.step);
    latticeAnchor[c] = tableOffset[c]! + Math.min(Math.max(-t.lattice.kMin, 0), t.values.length - 1);
  });
  const { pairs, singles } = mirrorPairs(p.data.X);
  const tableAt = new Int32Array(P * d);
  for (let q = 0; q < P; q++) for (let c = 0; c < d; c++) tableAt[q * d + c] = tableOffset[c]! + tables[c]!.index[q]!;
  const base = {
    activation: p.activation,
    d,
    P,
    x,
    tableValues,
    tableOffset,
    tableAt,
    tableMaxAbs,
    latticeStep,
    latticeAnchor,
    pairs,
    singles,
  };
  let y: Float64Array;
  if (p.data.y) {
    y = Float64Array.from(p.data.y, Number);
  } else {
    const t = p.teacher!;
    const k = t.a.length;
    const teacherTheta = new Float64Array(k * (d + 1));
    for (let i = 0; i < k; i++) {
      for (let c = 0; c < d; c++) teacherTheta[wIndex(i, c, d)] = Number(t.W[c]![i]!);
      teacherTheta[aIndex(i, d)] = Number(t.a[i]!);
    }
    const tp = withScratch({ ...base, n: k, y: new Float64Array(P) });
    y = new Float64Array(P);
    outputsFloat(tp, teacherTheta, y);
  }
  return withScratch({ ...base, n, y });
}

function withScratch(
  b: Omit<GridFloatProblem, 'expTable' | 's0' | 's1' | 's2' | 'jac' | 'direct' | 'sv' | 'dv'>,
): GridFloatProblem {
  const { n, P, d } = b;
  return {
    ...b,
    expTable: new Float64Array(n * b.tableValues.length),
    s0: new Float64Array(P * n),
    s1: new Float64Array(P * n),
    s2: new Float64Array(P * n),
    jac: new Float64Array(n * (d + 1)),
    direct: new Uint8Array(n),
    sv: new Float64Array(n),
    dv: new Float64Array(n),
  };
}

/** The same data, labels and activation for students of another width (shares the read-only arrays). */
export function withWidth(fp: GridFloatProblem, n: number): GridFloatProblem {
  if (n === fp.n) return fp;
  return withScratch({ ...fp, n });
}

function checkTheta(fp: GridFloatProblem, theta: Float64Array): void {
  if (theta.length !== fp.n * (fp.d + 1)) {
    throw new RangeError(`θ has length ${theta.length}, expected n(d+1) = ${fp.n * (fp.d + 1)}`);
  }
}

/**
 * expTable[eo + j] = e^(−w·v_j) for the entries j of coordinate c's table. On a lattice
 * (v_j = step·k_j, consecutive k) the entries are powers: from the anchor (the entry nearest 0)
 * multiply by e^(−w·step) upwards and by e^(w·step) downwards, 2 calls of Math.exp instead of one
 * per entry (relative error ≲ (chain length)·2⁻⁵³, about 5e-15 on the 41-value grid: search only).
 */
function fillExpTable(fp: GridFloatProblem, eo: number, c: number, w: number): void {
  const { tableValues, tableOffset, expTable } = fp;
  const lo = tableOffset[c]!;
  const hi = tableOffset[c + 1]!;
  const step = fp.latticeStep[c]!;
  if (step !== step) {
    for (let j = lo; j < hi; j++) expTable[eo + j] = Math.exp(-w * tableValues[j]!);
    return;
  }
  const anchor = fp.latticeAnchor[c]!;
  const up = Math.exp(-w * step);
  const down = Math.exp(w * step);
  let t = Math.exp(-w * tableValues[anchor]!);
  expTable[eo + anchor] = t;
  for (let j = anchor + 1; j < hi; j++) expTable[eo + j] = t *= up;
  t = expTable[eo + anchor]!;
  for (let j = anchor - 1; j >= lo; j--) expTable[eo + j] = t *= down;
}

/**
 * Fills s0 = σ(z_ip), s1 = σ′(z_ip) and (when `second`) s2 = σ″(z_ip) for all p, i.
 * Sigmoid: with E = e^(−z), σ = 1/(1+E), 1 − σ = E·σ, σ′ = σ(1−σ), σ″ = σ′(1 − 2σ).
 */
function activations(fp: GridFloatProblem, theta: Float64Array, second: boolean): void {
  const { d, n, P, x, s0, s1, s2 } = fp;
  const D1 = d + 1;
  if (fp.activation === 'relu') {
    for (let q = 0; q < P; q++) {
      const xo = q * d;
      const so = q * n;
      for (let i = 0; i < n; i++) {
        let z = 0;
        const wo = i * D1;
        for (let c = 0; c < d; c++) z += theta[wo + c]! * x[xo + c]!;
        const on = z > 0;
        s0[so + i] = on ? z : 0;
        s1[so + i] = on ? 1 : 0;
      }
    }
    if (second) s2.fill(0);
    return;
  }
  const { tableValues, tableAt, tableMaxAbs, expTable, direct } = fp;
  const T = tableValues.length;
  for (let i = 0; i < n; i++) {
    const wo = i * D1;
    let bound = 0;
    for (let c = 0; c < d; c++) bound += Math.abs(theta[wo + c]!) * tableMaxAbs[c]!;
    if (bound > EXP_LIMIT) {
      direct[i] = 1;
      continue;
    }
    direct[i] = 0;
    for (let c = 0; c < d; c++) fillExpTable(fp, i * T, c, theta[wo + c]!);
  }
  for (let q = 0; q < P; q++) {
    const xo = q * d;
    const so = q * n;
    for (let i = 0; i < n; i++) {
      let E: number;
      if (direct[i] === 0) {
        const eo = i * T;
        E = expTable[eo + tableAt[xo]!]!;
        for (let c = 1; c < d; c++) E *= expTable[eo + tableAt[xo + c]!]!;
      } else {
        let z = 0;
        const wo = i * D1;
        for (let c = 0; c < d; c++) z += theta[wo + c]! * x[xo + c]!;
        E = Math.exp(z < -EXP_LIMIT ? EXP_LIMIT : z > EXP_LIMIT ? -EXP_LIMIT : -z);
      }
      const s = 1 / (1 + E);
      const sbar = E * s;
      const ds = s * sbar;
      s0[so + i] = s;
      s1[so + i] = ds;
      if (second) s2[so + i] = ds * (sbar - s);
    }
  }
}

/** Network outputs f(x_p) for all p into `out` (length P). */
export function outputsFloat(fp: GridFloatProblem, theta: Float64Array, out: Float64Array): void {
  checkTheta(fp, theta);
  activations(fp, theta, false);
  const { d, n, P, s0 } = fp;
  for (let q = 0; q < P; q++) {
    let f = 0;
    for (let i = 0; i < n; i++) f += theta[i * (d + 1) + d]! * s0[q * n + i]!;
    out[q] = f;
  }
}

/** L(θ). */
export function gridLossFloat(fp: GridFloatProblem, theta: Float64Array): number {
  checkTheta(fp, theta);
  activations(fp, theta, false);
  const { d, n, P, s0, y } = fp;
  let sum = 0;
  for (let q = 0; q < P; q++) {
    let f = 0;
    for (let i = 0; i < n; i++) f += theta[i * (d + 1) + d]! * s0[q * n + i]!;
    const r = f - y[q]!;
    sum += r * r;
  }
  return sum / (2 * P);
}

/** Writes ∇L(θ) into `grad` (length n(d+1)) and returns L(θ). */
export function gridGradientFloat(fp: GridFloatProblem, theta: Float64Array, grad: Float64Array): number {
  checkTheta(fp, theta);
  if (fp.d === 2) return fp.activation === 'sigmoid' ? sigmoidGradient2(fp, theta, grad) : reluGradient2(fp, theta, grad);
  return gradientGeneric(fp, theta, grad);
}

/** The straightforward gradient (any d): activations of every (p, i), then one pass over the data. */
export function gradientGeneric(fp: GridFloatProblem, theta: Float64Array, grad: Float64Array): number {
  checkTheta(fp, theta);
  activations(fp, theta, false);
  const { d, n, P, s0, s1, x, y } = fp;
  const D1 = d + 1;
  grad.fill(0, 0, n * D1);
  let sum = 0;
  for (let q = 0; q < P; q++) {
    const so = q * n;
    const xo = q * d;
    let f = 0;
    for (let i = 0; i < n; i++) f += theta[i * D1 + d]! * s0[so + i]!;
    const r = f - y[q]!;
    sum += r * r;
    for (let i = 0; i < n; i++) {
      const o = i * D1;
      grad[o + d] += r * s0[so + i]!;
      const t = r * theta[o + d]! * s1[so + i]!;
      for (let c = 0; c < d; c++) grad[o + c] += t * x[xo + c]!;
    }
  }
  const inv = 1 / P;
  for (let j = 0; j < n * D1; j++) grad[j] *= inv;
  return sum / (2 * P);
}

/**
 * The dense Hessian ∇²L(θ), N×N row-major with N = n(d+1), exactly symmetric (the upper triangle
 * is computed and mirrored). For ReLU it is the almost-everywhere Hessian (σ″ = 0).
 */
export function gridHessianFloat(fp: GridFloatProblem, theta: Float64Array, out?: Float64Array): Float64Array {
  return hessianParts(fp, theta, true, out);
}

/**
 * The Gauss–Newton matrix (1/P) Σ_p J_p J_pᵀ (the Hessian without the residual term), N×N,
 * symmetric positive semidefinite.
 */
export function gridGaussNewtonFloat(fp: GridFloatProblem, theta: Float64Array, out?: Float64Array): Float64Array {
  return hessianParts(fp, theta, false, out);
}

function hessianParts(fp: GridFloatProblem, theta: Float64Array, withResidual: boolean, out?: Float64Array): Float64Array {
  checkTheta(fp, theta);
  activations(fp, theta, true);
  const { d, n, P, s0, s1, s2, x, y, jac } = fp;
  const D1 = d + 1;
  const N = n * D1;
  const H = out ?? new Float64Array(N * N);
  if (H.length !== N * N) throw new RangeError(`Hessian buffer has length ${H.length}, expected ${N * N}`);
  H.fill(0);
  for (let q = 0; q < P; q++) {
    const so = q * n;
    const xo = q * d;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const o = i * D1;
      const ai = theta[o + d]!;
      f += ai * s0[so + i]!;
      const t = ai * s1[so + i]!;
      for (let c = 0; c < d; c++) jac[o + c] = t * x[xo + c]!;
      jac[o + d] = s0[so + i]!;
    }
    const r = f - y[q]!;
    for (let k = 0; k < N; k++) {
      const jk = jac[k]!;
      if (jk === 0) continue;
      const row = k * N;
      for (let l = k; l < N; l++) H[row + l] += jk * jac[l]!;
    }
    // r_p G_p, upper triangle of each neuron block.
    for (let i = 0; i < n && withResidual; i++) {
      const o = i * D1;
      const t2 = r * theta[o + d]! * s2[so + i]!;
      const t1 = r * s1[so + i]!;
      for (let c = 0; c < d; c++) {
        const xc = x[xo + c]!;
        const row = (o + c) * N;
        for (let e = c; e < d; e++) H[row + o + e] += t2 * xc * x[xo + e]!;
        H[row + o + d] += t1 * xc;
      }
    }
  }
  const inv = 1 / P;
  for (let k = 0; k < N; k++) {
    for (let l = k; l < N; l++) {
      const v = H[k * N + l]! * inv;
      H[k * N + l] = v;
      H[l * N + k] = v;
    }
  }
  return H;
}

// ---------------------------------------------------------------------------------------------
// Fast gradients for d = 2 (the hot loop of search). One pass over the data, fused, with mirror
// pairs folded: for x̄ = −x,
//   sigmoid: σ(−z) = 1 − σ(z), so f(x̄) = A − f(x) with A = Σ_i a_i, and
//     r̄ = A − f − ȳ,  ∂f(x̄)/∂a_i = 1 − σ_i,  ∂f(x̄)/∂w_i = −a_iσ′_i x;
//   ReLU: relu(−z) = relu(z) − z, so f(x̄) = f(x) − Σ_i a_i z_i, and
//     ∂f(x̄)/∂a_i = relu(z_i) − z_i,  ∂f(x̄)/∂w_i = −a_i 1[z_i < 0] x.
// Both identities are exact; the pair contributes r∇f(x) + r̄∇f(x̄) to P·∇L, as the plain sum does.

function sigmoidGradient2(fp: GridFloatProblem, theta: Float64Array, grad: Float64Array): number {
  const { n, P, x, y, tableValues, tableAt, tableMaxAbs, expTable, direct, pairs, singles, sv, dv } = fp;
  const T = tableValues.length;
  let A = 0;
  for (let i = 0; i < n; i++) {
    const w0 = theta[3 * i]!;
    const w1 = theta[3 * i + 1]!;
    A += theta[3 * i + 2]!;
    if (Math.abs(w0) * tableMaxAbs[0]! + Math.abs(w1) * tableMaxAbs[1]! > EXP_LIMIT) {
      direct[i] = 1;
      continue;
    }
    direct[i] = 0;
    fillExpTable(fp, i * T, 0, w0);
    fillExpTable(fp, i * T, 1, w1);
  }
  grad.fill(0, 0, 3 * n);
  let sum = 0;
  let sumBar = 0;
  const nPairs = pairs.length >> 1;
  for (let k = 0; k < nPairs + singles.length; k++) {
    const isPair = k < nPairs;
    const q = isPair ? pairs[2 * k]! : singles[k - nPairs]!;
    const t0 = tableAt[2 * q]!;
    const t1 = tableAt[2 * q + 1]!;
    const x0 = x[2 * q]!;
    const x1 = x[2 * q + 1]!;
    let f = 0;
    for (let i = 0; i < n; i++) {
      let E: number;
      if (direct[i] === 0) {
        E = expTable[i * T + t0]! * expTable[i * T + t1]!;
      } else {
        const z = theta[3 * i]! * x0 + theta[3 * i + 1]! * x1;
        E = Math.exp(z < -EXP_LIMIT ? EXP_LIMIT : z > EXP_LIMIT ? -EXP_LIMIT : -z);
      }
      const s = 1 / (1 + E);
      sv[i] = s;
      dv[i] = E * s * s;
      f += theta[3 * i + 2]! * s;
    }
    const r = f - y[q]!;
    sum += r * r;
    let c = r;
    if (isPair) {
      const rBar = A - f - y[pairs[2 * k + 1]!]!;
      sum += rBar * rBar;
      sumBar += rBar;
      c = r - rBar;
    }
    for (let i = 0; i < n; i++) {
      const o = 3 * i;
      grad[o + 2] += c * sv[i]!;
      const t = c * theta[o + 2]! * dv[i]!;
      grad[o] += t * x0;
      grad[o + 1] += t * x1;
    }
  }
  const inv = 1 / P;
  for (let i = 0; i < n; i++) {
    grad[3 * i] *= inv;
    grad[3 * i + 1] *= inv;
    grad[3 * i + 2] = (grad[3 * i + 2]! + sumBar) * inv;
  }
  return sum / (2 * P);
}

function reluGradient2(fp: GridFloatProblem, theta: Float64Array, grad: Float64Array): number {
  const { n, P, x, y, pairs, singles, sv, dv } = fp;
  grad.fill(0, 0, 3 * n);
  let sum = 0;
  const nPairs = pairs.length >> 1;
  for (let k = 0; k < nPairs + singles.length; k++) {
    const isPair = k < nPairs;
    const q = isPair ? pairs[2 * k]! : singles[k - nPairs]!;
    const x0 = x[2 * q]!;
    const x1 = x[2 * q + 1]!;
    let f = 0;
    let bx = 0;
    for (let i = 0; i < n; i++) {
      const ai = theta[3 * i + 2]!;
      const z = theta[3 * i]! * x0 + theta[3 * i + 1]! * x1;
      dv[i] = z;
      const s = z > 0 ? z : 0;
      sv[i] = s;
      f += ai * s;
      bx += ai * z;
    }
    const r = f - y[q]!;
    sum += r * r;
    if (!isPair) {
      for (let i = 0; i < n; i++) {
        const s = sv[i]!;
        if (s === 0) continue;
        const o = 3 * i;
        grad[o + 2] += r * s;
        const t = r * theta[o + 2]!;
        grad[o] += t * x0;
        grad[o + 1] += t * x1;
      }
      continue;
    }
    const rBar = f - bx - y[pairs[2 * k + 1]!]!;
    sum += rBar * rBar;
    const c = r + rBar;
    for (let i = 0; i < n; i++) {
      const o = 3 * i;
      const s = sv[i]!;
      const z = dv[i]!;
      grad[o + 2] += c * s - rBar * z;
      // relu′(0) = 0 on both sides of the pair, as in the plain kernel.
      const t = ((z > 0 ? r : 0) - (z < 0 ? rBar : 0)) * theta[o + 2]!;
      grad[o] += t * x0;
      grad[o + 1] += t * x1;
    }
  }
  const inv = 1 / P;
  for (let j = 0; j < 3 * n; j++) grad[j] *= inv;
  return sum / (2 * P);
}

// ---------------------------------------------------------------------------------------------
// ReLU in reduced coordinates u_i = |a_i| w_i with fixed signs s_i = sign(a_i) (DESIGN.md §7):
// L̂(u) = (1/(2P)) Σ_p (Σ_i s_i relu(u_iᵀx_p) − y_p)². On an activation pattern it is quadratic,
// ∇_{u_i} L̂ = (1/P) Σ_p r_p s_i 1[u_iᵀx_p > 0] x_p and ∇²L̂ = (1/P) Σ_p J_p J_pᵀ with
// J_p[i·d + c] = s_i 1[u_iᵀx_p > 0] x_pc (positive semidefinite: no saddles inside a pattern).

/** u (neuron-major, u[i·d + c]) and signs s of θ (s_i ∈ {−1, 0, 1}). */
export function reducedReluCoordinates(theta: Float64Array, d: number, n: number): { u: Float64Array; s: Int8Array } {
  const u = new Float64Array(n * d);
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const a = theta[aIndex(i, d)]!;
    s[i] = a > 0 ? 1 : a < 0 ? -1 : 0;
    for (let c = 0; c < d; c++) u[i * d + c] = Math.abs(a) * theta[wIndex(i, c, d)]!;
  }
  return { u, s };
}

/** θ with a_i = s_i and w_i = u_i: then f(θ) equals the reduced network's output exactly. */
function thetaOfReduced(u: Float64Array, s: Int8Array, d: number, n: number, into: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) into[wIndex(i, c, d)] = u[i * d + c]!;
    into[aIndex(i, d)] = s[i]!;
  }
  return into;
}

/** ∇_u L̂ into `grad` (length n·d); returns L̂(u) (= L at any θ with these u, s). */
export function reducedReluGradientFloat(fp: GridFloatProblem, u: Float64Array, s: Int8Array, grad: Float64Array): number {
  if (fp.activation !== 'relu') throw new RangeError('reduced coordinates are for the ReLU activation');
  const { d, n } = fp;
  const theta = thetaOfReduced(u, s, d, n, new Float64Array(n * (d + 1)));
  const full = new Float64Array(n * (d + 1));
  const loss = gridGradientFloat(fp, theta, full);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) grad[i * d + c] = full[wIndex(i, c, d)]!;
  return loss;
}

/** ∇²L̂(u), (n·d)×(n·d) row-major, symmetric positive semidefinite (the a.e. Hessian). */
export function reducedReluHessianFloat(fp: GridFloatProblem, u: Float64Array, s: Int8Array): Float64Array {
  if (fp.activation !== 'relu') throw new RangeError('reduced coordinates are for the ReLU activation');
  const { d, n, P, x } = fp;
  const M = n * d;
  const H = new Float64Array(M * M);
  const j = new Float64Array(M);
  for (let q = 0; q < P; q++) {
    const xo = q * d;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let c = 0; c < d; c++) z += u[i * d + c]! * x[xo + c]!;
      const on = z > 0 && s[i] !== 0;
      for (let c = 0; c < d; c++) j[i * d + c] = on ? s[i]! * x[xo + c]! : 0;
    }
    for (let k = 0; k < M; k++) {
      const jk = j[k]!;
      if (jk === 0) continue;
      for (let l = k; l < M; l++) H[k * M + l] += jk * j[l]!;
    }
  }
  for (let k = 0; k < M; k++) {
    for (let l = k; l < M; l++) {
      const v = H[k * M + l]! / P;
      H[k * M + l] = v;
      H[l * M + k] = v;
    }
  }
  return H;
}
