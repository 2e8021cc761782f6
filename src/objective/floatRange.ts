/**
 * Limits of the Float64 screening (loss, gradient, dense Hessian in reluFloat.ts) that inspect
 * runs and every certification starts with, checked up front so that a point outside them is
 * refused with the real reason instead of an allocation failure or a NaN read as "a saddle".
 *
 * Both are InputErrors (exit 2), in inspect and in certify alike. A certify refusal is a result
 * stating which hypothesis of the lemma failed at the point; for these points no hypothesis can
 * even be evaluated — the dense Hessian does not fit in memory, or the float loss is
 * Infinity/NaN — so, like a malformed file, the input is unusable rather than refused.
 */
import { InputError } from '../errors.js';
import { gradientFloat, type ReluProblem } from './reluFloat.js';

/**
 * Largest order N = n·d of the dense Float64 Hessian: 16384, i.e. 2 GiB per N×N matrix (certify
 * holds several: the float Hessian, its factor, the interval ends lo and hi). The largest
 * published experiment, k = n = 100, has N = 10⁴ (certify then needs about 4 GB).
 */
export const MAX_HESSIAN_ORDER = 16384;

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toPrecision(3)} GB`;
}

/** InputError naming `where` when n·d exceeds MAX_HESSIAN_ORDER (the Hessian is N×N dense). */
export function checkHessianOrder(d: number, n: number, where: string): void {
  const N = n * d;
  if (N > MAX_HESSIAN_ORDER) {
    throw new InputError(
      `${where}: n·d = ${n}·${d} = ${N} is above the limit of ${MAX_HESSIAN_ORDER} (MAX_HESSIAN_ORDER): the dense Float64 ` +
        `Hessian (N×N, N = n·d) would take ${gigabytes(8 * N * N)}`,
    );
  }
}

/** Index of the first column (neuron-major, `count` columns of length d) whose Float64 squared norm is not finite. */
function overflowingColumn(x: Float64Array, d: number, count: number): number {
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += x[i * d + a]! * x[i * d + a]!;
    if (!Number.isFinite(s)) return i;
  }
  return -1;
}

function largestMagnitude(x: Float64Array, d: number, col: number): number {
  let m = 0;
  for (let a = 0; a < d; a++) m = Math.max(m, Math.abs(x[col * d + a]!));
  return m;
}

/**
 * InputError naming `where` unless the Float64 screening can represent the point: every student
 * and teacher neuron has a finite Float64 squared norm (so |w| ≲ 1.3e154), and the float loss and
 * gradient are finite. Tiny neurons are NOT refused here (their loss and gradient are fine; the
 * Hessian routines name them, see NonSmoothPointError).
 */
export function checkFloatRange(p: ReluProblem, w: Float64Array, where: string): void {
  const { d, n, k } = p;
  const need = 'the Float64 screening needs every neuron norm below about 1e154';
  const student = overflowingColumn(w, d, n);
  if (student >= 0) {
    throw new InputError(
      `${where}: the point overflows Float64: the squared norm of student neuron ${student} (0-based; largest entry ` +
        `${String(largestMagnitude(w, d, student))}) is Infinity; ${need}`,
    );
  }
  const teacher = overflowingColumn(p.v, d, k);
  if (teacher >= 0) {
    throw new InputError(
      `${where}: the teacher overflows Float64: the squared norm of teacher neuron ${teacher} (0-based; largest entry ` +
        `${String(largestMagnitude(p.v, d, teacher))}) is Infinity; ${need}`,
    );
  }
  const g = new Float64Array(n * d);
  const loss = gradientFloat(p, w, g);
  const what = !Number.isFinite(loss) ? `loss is ${loss}` : g.some((x) => !Number.isFinite(x)) ? 'gradient is not finite' : undefined;
  if (what !== undefined) throw new InputError(`${where}: the point overflows Float64: the float ${what}; ${need}`);
}
