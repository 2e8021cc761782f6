/**
 * Shared shapes of the finite-data teacher–student setting 'grid-teacher-2d' (DESIGN.md §7):
 * the data set, the teacher, the problem and the point, all as exact decimal strings, plus the
 * parameter layout and the per-coordinate value tables that both the Float64 kernels
 * (gridFloat.ts) and the rigorous enclosures (gridRigorous.ts, gridBoxHessian.ts) use.
 *
 * Objective (the normalisation every number of this setting is stated in):
 *   f(x) = Σ_i a_i σ(w_iᵀx),     L(θ) = (1/(2P)) Σ_p (f(x_p) − y_p)²,
 * with θ = (w_1, a_1, …, w_n, a_n), w_i ∈ R^d (d = 2 for the setting), σ the sigmoid
 * 1/(1 + e^(−z)) or ReLU max(0, z), and labels y_p = Σ_t a*_t σ(v_tᵀx_p) from a teacher
 * (W* = [v_1 … v_k], a*) using the student's activation, or given with the data.
 * (The study's code minimised torch's MSELoss, (1/P) Σ_p (f − y)², i.e. 2L.)
 */
import { exactDecimal } from '../arith/decimalInterval.js';
import { InputError } from '../errors.js';

export type Activation = 'sigmoid' | 'relu';
export const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'relu'];

/** The setting id carried by point files, candidates, search settings and (later) certificates. */
export const GRID_SETTING = 'grid-teacher-2d';
export type GridSettingId = typeof GRID_SETTING;

/** A finite data set, exactly: P inputs x_p ∈ R^d and, optionally, their labels. */
export interface FiniteDataSet {
  /** 'grid-41x41' for the default grid, else a short description (file name or 'inline'). */
  name: string;
  d: number;
  P: number;
  /** X[p][a] = coordinate a of data point p, a decimal string. */
  X: string[][];
  /** Labels y_p given with the data (decimal strings); undefined: the teacher labels the data. */
  y?: string[];
  /** The file the data came from (as given) and the sha256 of its bytes. */
  file?: string;
  sha256?: string;
}

/** A teacher network f*(x) = Σ_t a_t σ(v_tᵀx): W is d rows × k columns, a has k entries. */
export interface FiniteTeacher {
  /** 'simsek-4' for the default teacher, else a file name or 'inline'. */
  name: string;
  W: string[][];
  a: string[];
  file?: string;
  sha256?: string;
}

/**
 * One finite-data objective. Exactly one label source: `teacher` (labels σ-computed with the
 * student's activation) or `data.y` (labels given); never both.
 */
export interface FiniteDataProblem {
  activation: Activation;
  data: FiniteDataSet;
  teacher?: FiniteTeacher;
}

/** A student point: W (d rows × n columns, column i = incoming weights of neuron i) and outgoing a (n). */
export interface FiniteDataPoint {
  W: string[][];
  a: string[];
}

// ---------------------------------------------------------------------------------------------
// Defaults

export const DEFAULT_DATA = 'grid-41x41';
export const DEFAULT_TEACHER = 'simsek-4';

/** Decimal string of i/4 for an integer i (exact: i/4 has at most two decimals). */
function quarter(i: number): string {
  const neg = i < 0;
  const m = Math.abs(i);
  const whole = Math.floor(m / 4);
  const frac = ['', '.25', '.5', '.75'][m % 4]!;
  return `${neg && m !== 0 ? '-' : ''}${whole}${frac}`;
}

/**
 * The 1681 points {−5, −4.75, …, 5}² (x = i/4, i ∈ {−20 … 20}), ordered as the study's
 * construct_dataset (second coordinate outer, first coordinate inner). The order does not change L.
 */
export function defaultGridData(): FiniteDataSet {
  const X: string[][] = [];
  for (let j = -20; j <= 20; j++) for (let i = -20; i <= 20; i++) X.push([quarter(i), quarter(j)]);
  return { name: DEFAULT_DATA, d: 2, P: X.length, X };
}

/**
 * The teacher of Şimşek et al.'s grid experiment: incoming weights (0.6, 0.5), (−0.5, 0.5),
 * (−0.2, −0.6), (0.1, −0.6), outgoing (1, −1, 1, −1), no biases.
 */
export function simsekTeacher(): FiniteTeacher {
  return {
    name: DEFAULT_TEACHER,
    W: [
      ['0.6', '-0.5', '-0.2', '0.1'],
      ['0.5', '0.5', '-0.6', '-0.6'],
    ],
    a: ['1', '-1', '1', '-1'],
  };
}

/** The default problem: grid-41x41 data labelled by the simsek-4 teacher. */
export function defaultProblem(activation: Activation): FiniteDataProblem {
  return { activation, data: defaultGridData(), teacher: simsekTeacher() };
}

// ---------------------------------------------------------------------------------------------
// Validation

function isDecimal(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    exactDecimal(s);
    return true;
  } catch {
    return false;
  }
}

/** InputError unless `p` is a consistent problem (shapes, finite decimals, one label source). */
export function validateProblem(p: FiniteDataProblem, where = 'problem'): void {
  const { data, teacher } = p;
  if (p.activation !== 'sigmoid' && p.activation !== 'relu') {
    throw new InputError(`${where}: activation '${String(p.activation)}' (expected sigmoid or relu)`);
  }
  if (!Number.isInteger(data.d) || data.d < 1) throw new InputError(`${where}: data dimension d = ${data.d}`);
  if (data.P < 1 || data.X.length !== data.P) throw new InputError(`${where}: data has ${data.X.length} points, P = ${data.P}`);
  data.X.forEach((row, q) => {
    if (row.length !== data.d) throw new InputError(`${where}: data point ${q} has ${row.length} coordinates, expected ${data.d}`);
    row.forEach((s, a) => {
      if (!isDecimal(s)) throw new InputError(`${where}: data point ${q} coordinate ${a} = ${JSON.stringify(s)} is not a finite decimal`);
    });
  });
  if (data.y !== undefined) {
    if (teacher) throw new InputError(`${where}: the data set carries labels and a teacher is given too (use one label source)`);
    if (data.y.length !== data.P) throw new InputError(`${where}: ${data.y.length} labels for ${data.P} data points`);
    data.y.forEach((s, q) => {
      if (!isDecimal(s)) throw new InputError(`${where}: label ${q} = ${JSON.stringify(s)} is not a finite decimal`);
    });
  } else {
    if (!teacher) throw new InputError(`${where}: the data set has no labels and no teacher is given`);
    validateMatrixAndVector(teacher.W, teacher.a, data.d, `${where}: teacher`);
  }
}

/** InputError unless W is d×n and a has n entries, all finite decimals (n ≥ 1). */
export function validateMatrixAndVector(W: string[][], a: string[], d: number, where: string): number {
  if (!Array.isArray(W) || W.length !== d) throw new InputError(`${where}: W has ${Array.isArray(W) ? W.length : 'no'} rows, expected d = ${d}`);
  const n = Array.isArray(a) ? a.length : 0;
  if (n < 1) throw new InputError(`${where}: a has no entries`);
  W.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new InputError(`${where}: W row ${r} has ${Array.isArray(row) ? row.length : 'no'} entries, a has ${n}`);
    }
    row.forEach((s, i) => {
      if (!isDecimal(s)) throw new InputError(`${where}: W[${r}][${i}] = ${JSON.stringify(s)} is not a finite decimal`);
    });
  });
  a.forEach((s, i) => {
    if (!isDecimal(s)) throw new InputError(`${where}: a[${i}] = ${JSON.stringify(s)} is not a finite decimal`);
  });
  return n;
}

/** Validates a point against a problem and returns its width n. */
export function validatePoint(p: FiniteDataProblem, pt: FiniteDataPoint, where = 'point'): number {
  return validateMatrixAndVector(pt.W, pt.a, p.data.d, where);
}

// ---------------------------------------------------------------------------------------------
// Parameter layout: θ = (w_1, a_1, …, w_n, a_n), neuron i occupying θ[i(d+1) … i(d+1) + d].

/** Index of w_i's coordinate c in θ. */
export function wIndex(i: number, c: number, d: number): number {
  return i * (d + 1) + c;
}

/** Index of a_i in θ. */
export function aIndex(i: number, d: number): number {
  return i * (d + 1) + d;
}

/** θ as doubles (Number() rounds each decimal correctly). */
export function thetaOfPoint(pt: FiniteDataPoint): Float64Array {
  const d = pt.W.length;
  const n = pt.a.length;
  const theta = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) theta[wIndex(i, c, d)] = Number(pt.W[c]![i]!);
    theta[aIndex(i, d)] = Number(pt.a[i]!);
  }
  return theta;
}

/** The point of θ, each double written as the shortest decimal that parses back to it. */
export function pointOfTheta(theta: Float64Array, d: number, n: number): FiniteDataPoint {
  const str = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
  const W: string[][] = [];
  for (let c = 0; c < d; c++) {
    const row: string[] = [];
    for (let i = 0; i < n; i++) row.push(str(theta[wIndex(i, c, d)]!));
    W.push(row);
  }
  const a: string[] = [];
  for (let i = 0; i < n; i++) a.push(str(theta[aIndex(i, d)]!));
  return { W, a };
}

// ---------------------------------------------------------------------------------------------
// Per-coordinate value tables: exp(−w_a·x_pa) for all p needs only one value per distinct x_pa.

/**
 * The distinct values of one data coordinate. `values[j]` are decimal strings; `index[p]` says
 * which entry equals x_pa. When the values are integer multiples k·step of one decimal step with
 * k in a short range, the table is the whole progression values[j] = step·(kMin + j) (entries
 * that no data point uses are included), so e^(−w·values[j]) are powers of e^(−w·step).
 */
export interface CoordinateTable {
  values: string[];
  index: Int32Array;
  lattice?: { step: string; kMin: number };
}

/** Lattice tables longer than this (or longer than 4P) fall back to the distinct values. */
const MAX_LATTICE_ENTRIES = 4096;

/** The value tables of every coordinate of the data set. */
export function coordinateTables(data: FiniteDataSet): CoordinateTable[] {
  const out: CoordinateTable[] = [];
  for (let a = 0; a < data.d; a++) out.push(coordinateTable(data.X.map((row) => row[a]!), data.P));
  return out;
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x < 0n ? -x : x;
}

function coordinateTable(col: string[], P: number): CoordinateTable {
  const exact = col.map((s) => exactDecimal(s));
  // Common scale 10^-D with D the most decimal places; K_p = x_p·10^D are integers.
  const D = Math.max(0, ...exact.map((x) => x.decimalPlaces()));
  const K = exact.map((x) => BigInt(x.times(`1e${D}`).toFixed(0)));
  let g = 0n;
  for (const k of K) g = gcd(g, k);
  if (g !== 0n) {
    const ks = K.map((k) => k / g);
    let lo = ks[0]!;
    let hi = ks[0]!;
    for (const k of ks) {
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    const len = Number(hi - lo) + 1;
    if (len <= MAX_LATTICE_ENTRIES && len <= 4 * P) {
      const step = exactDecimal(g.toString()).times(`1e-${D}`);
      const kMin = Number(lo);
      const values: string[] = [];
      for (let j = 0; j < len; j++) values.push(step.times(kMin + j).toString());
      const index = Int32Array.from(ks, (k) => Number(k - lo));
      return { values, index, lattice: { step: step.toString(), kMin } };
    }
  }
  // Distinct values in increasing order.
  const order = exact.map((x, p) => ({ x, p })).sort((u, v) => u.x.cmp(v.x));
  const values: string[] = [];
  const index = new Int32Array(col.length);
  let last: (typeof order)[number]['x'] | undefined;
  for (const { x, p } of order) {
    if (last === undefined || !x.eq(last)) {
      values.push(x.toString());
      last = x;
    }
    index[p] = values.length - 1;
  }
  return { values, index };
}

/** Pairs (p, p̄) with x_p̄ = −x_p exactly (each point used once; x = 0 is never paired) and the rest. */
export function mirrorPairs(X: string[][]): { pairs: Int32Array; singles: Int32Array } {
  const key = (row: string[]): string => row.map((v) => exactDecimal(v).toString()).join(',');
  const open = new Map<string, number[]>();
  const pairs: number[] = [];
  const paired = new Uint8Array(X.length);
  X.forEach((row, q) => {
    if (row.every((v) => exactDecimal(v).isZero())) return;
    const mirror = key(row.map((v) => exactDecimal(v).neg().toString()));
    const waiting = open.get(mirror);
    if (waiting && waiting.length > 0) {
      const r = waiting.pop()!;
      pairs.push(r, q);
      paired[r] = 1;
      paired[q] = 1;
      return;
    }
    const k = key(row);
    const list = open.get(k);
    if (list) list.push(q);
    else open.set(k, [q]);
  });
  const singles: number[] = [];
  for (let q = 0; q < X.length; q++) if (!paired[q]) singles.push(q);
  return { pairs: Int32Array.from(pairs), singles: Int32Array.from(singles) };
}

// ---------------------------------------------------------------------------------------------
// The sign-flip symmetry

/**
 * Whether (W, a) → (−W, −a) preserves L for every student: true iff the data set is symmetric
 * (x ∈ X ⇔ −x ∈ X, as multisets) and the labels are odd on it (y(−x) = −y(x)). Proof: the flipped
 * student satisfies f′(−x) = Σ_i (−a_i) σ((−w_i)ᵀ(−x)) = −f(x) for any activation, so the residual
 * of −x under the flip equals minus the residual of x, and −x runs over X as x does.
 * Oddness is decided exactly: given labels are compared as decimals; teacher labels are odd when
 * the activation is the sigmoid and Σ_t a_t = 0 exactly (σ(−z) = 1 − σ(z) gives y(−x) =
 * Σ_t a_t − y(x)); for ReLU teacher labels, y(−x) + y(x) = Σ_t a_t |v_tᵀx| is checked exactly
 * on the data (relu(z) + relu(−z) = |z|).
 */
export function signFlipSymmetric(p: FiniteDataProblem): boolean {
  const { data, teacher } = p;
  const key = (row: string[]): string => row.map((s) => exactDecimal(s).toString()).join(',');
  const neg = (row: string[]): string => row.map((s) => exactDecimal(s).neg().toString()).join(',');
  const byKey = new Map<string, number[]>();
  data.X.forEach((row, q) => {
    const k = key(row);
    const list = byKey.get(k);
    if (list) list.push(q);
    else byKey.set(k, [q]);
  });
  // Pair every point with a distinct mirror point (multiset symmetry).
  const partner = new Int32Array(data.P).fill(-1);
  for (let q = 0; q < data.P; q++) {
    if (partner[q] !== -1) continue;
    const mirrors = byKey.get(neg(data.X[q]!));
    const r = mirrors?.find((m) => partner[m] === -1 && (m !== q || data.X[q]!.every((s) => exactDecimal(s).isZero())));
    if (r === undefined) return false;
    partner[q] = r;
    partner[r] = q;
  }
  if (data.y) {
    for (let q = 0; q < data.P; q++) {
      if (!exactDecimal(data.y[q]!).plus(exactDecimal(data.y[partner[q]!]!)).isZero()) return false;
    }
    return true;
  }
  if (!teacher) return false;
  if (p.activation === 'sigmoid') {
    let s = exactDecimal(0);
    for (const x of teacher.a) s = s.plus(exactDecimal(x));
    return s.isZero();
  }
  // ReLU: Σ_t a_t |v_tᵀx_p| = 0 for every data point.
  const k = teacher.a.length;
  for (const row of data.X) {
    let s = exactDecimal(0);
    for (let t = 0; t < k; t++) {
      let z = exactDecimal(0);
      for (let c = 0; c < data.d; c++) z = z.plus(exactDecimal(teacher.W[c]![t]!).times(exactDecimal(row[c]!)));
      s = s.plus(exactDecimal(teacher.a[t]!).times(z.abs()));
    }
    if (!s.isZero()) return false;
  }
  return true;
}
