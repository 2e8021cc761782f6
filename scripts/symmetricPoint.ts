/**
 * Builds a large candidate in the symmetric compact form of the 2021 experiment (DESIGN.md §6)
 * without searching: the family p = [1, k − 1] (one singleton block; the most frequent spurious
 * family in the shared pickles: 57 of 500 runs at k = 8, 150 at k = 10), found by Newton's method
 * on the five free entries of vals with the identity teacher.
 *
 * The Newton solver (and why its zeros are critical points of F) is src/search/compactNewton.ts.
 * Nothing here is rigorous: the output is a float candidate, and `certmin certify` decides.
 *
 * Usage: npm run symmetric-point -- --k 100 --out k100.json   (then `certmin certify k100.json`)
 * Writes a JSON point {"W": d×n, "V": identity, "compactForm": {p, vals}}; prints progress.
 * It continues from the k = 10 values stored in the 2021 pickle through increasing k, scaling the
 * off-diagonal entries as observed there (cross-block entries ∝ 1/k, in-block entries ∝ 1/k²).
 */
import { resolve } from 'node:path';
import { identityTeacher, makeProblem, matrixToNeuronMajor } from '../src/objective/reluFloat.js';
import { lambdaMinOfPoint } from '../src/linalg/floatEigen.js';
import { expandCompactForm } from '../src/io/compactForm.js';
import { writeFileAtomic } from '../src/io/atomicWrite.js';
import { compactNewton } from '../src/search/compactNewton.js';

function parseArgs(argv: string[]): { k: number; out: string } {
  let k = 100;
  let out = '';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--k') k = Number(argv[++i]);
    else if (argv[i] === '--out') out = argv[++i] ?? '';
    else throw new Error(`unknown option ${argv[i]} (usage: --k K --out FILE.json)`);
  }
  if (!Number.isInteger(k) || k < 10) throw new Error('--k must be an integer ≥ 10');
  if (!out) throw new Error('--out FILE.json is required');
  return { k, out };
}

const { k, out } = parseArgs(process.argv.slice(2));
// The p = [1, 9] record of "Processed minima k=10.p" (rounded): the start of the continuation.
let vals = [
  [-0.699, 0.1824, 0],
  [0.126, 1.0044, -0.0158],
];
let kPrev = 10;
const ladder = [10];
for (let x = 10; x < k; ) ladder.push((x = Math.min(k, Math.ceil(x * 1.4))));
for (const kk of ladder) {
  const s = kPrev / kk;
  const start = [
    [vals[0]![0]!, vals[0]![1]! * s, 0],
    [vals[1]![0]! * s, vals[1]![1]!, vals[1]![2]! * s * s],
  ];
  const res = compactNewton({ p: [1, kk - 1], vals: start });
  vals = res.vals;
  kPrev = kk;
  console.log(
    `k = ${kk}: loss ${res.loss.toPrecision(10)}, gradient norm ${res.gradNorm.toExponential(2)} ` +
      `(${res.iterations} Newton steps), vals ${vals.flat().map((x) => x.toPrecision(8)).join(' ')}`,
  );
}
const W = expandCompactForm(vals, [1, k - 1]);
const t0 = performance.now();
const lambda = lambdaMinOfPoint(makeProblem(k, k, identityTeacher(k)), matrixToNeuronMajor(W));
console.log(`float λ_min ${lambda.toPrecision(6)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const I = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (r === c ? '1' : '0')));
const text = JSON.stringify({ W: W.map((row) => row.map(String)), V: I, compactForm: { p: [1, k - 1], vals } });
writeFileAtomic(resolve(out), `${text}\n`);
console.log(`written ${out}`);
