import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { hessianFloat, type ReluProblem } from '../objective/reluFloat.js';
export function lambdaMinFloat(H: Float64Array, N: number): number {
  const rows: number[][] = [];
  for (let r = 0; r < N; r++) rows.push(Array.from(H.subarray(r * N, r * N + N)));
  const e = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  return Math.min(...e.realEigenvalues);
}
export function lambdaMinOfPoint(p: ReluProblem, w: Float64Array): number {
  return lambdaMinFloat(hessianFloat(p, w), p.n * p.d);
}
