/**
 * Cost of one equivalence test (findEquivalence: float alignment + exact squared distance +
 * the theorem's checks) and of the distinctness proof, for dense centres of 40-digit decimals at
 * k = 20, 50, 100, and for two compact centres at k = 10⁶ (block relabellings, nothing of size k²).
 * Synthetic centres: a random point and a permuted copy moved by ~1e-40 (the radii are set so
 * the theorem applies); the certificates' audits are not included (they are the audit's cost).
 */
import { permuteDense } from '../src/certify/centrePermutation.js';
import { provedDistinct } from '../src/certify/distinctness.js';
import { findEquivalence, type CertifiedMinimum } from '../src/certify/equivalence.js';
import { problemOf } from '../src/certificate/build.js';
import { identityTeacherStrings } from '../src/io/teacher.js';
import { Xoshiro128 } from '../src/search/rng.js';

function time<T>(f: () => T, repeats = 3): { ms: number; value: T } {
  let best = Infinity;
  let value: T | undefined;
  for (let t = 0; t < repeats; t++) {
    const t0 = performance.now();
    value = f();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value: value! };
}

function permutation(size: number, r: Xoshiro128): number[] {
  const xs = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(r.nextDouble() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

function densePair(k: number): [CertifiedMinimum, CertifiedMinimum] {
  const r = Xoshiro128.fromSeed(BigInt(k));
  const digits = () => (r.nextDouble() * 2 - 1).toFixed(17) + '12345678901234567890123';
  const W = Array.from({ length: k }, () => Array.from({ length: k }, digits));
  const pi = { coordinates: permutation(k, r), neurons: permutation(k, r) };
  const moved = permuteDense(W, pi).map((row) => row.map((x) => `${x}7`)); // + 7e-41 each
  const problem = problemOf(k, k, identityTeacherStrings(k));
  const m = (id: string, centre: string[][]): CertifiedMinimum => ({
    id, problem, centre: { form: 'dense', W: centre }, radius: '1e-35', rho: '4e-35', lossLower: '0.05', lossUpper: '0.06',
  });
  return [m('a', W), m('b', moved)];
}

export async function run(): Promise<void> {
  console.log('findEquivalence (alignment + exact D + checks) and provedDistinct, dense k×k centres, best of 3');
  for (const k of [20, 50, 100]) {
    const [a, b] = densePair(k);
    const eq = time(() => findEquivalence(a, b));
    const dist = time(() => provedDistinct(a, { ...b, centre: { form: 'dense', W: a.centre.form === 'dense' ? a.centre.W.map((row) => row.map((x) => `${x}1`)) : [] } }));
    console.log(
      `  k = ${String(k).padStart(3)}: findEquivalence ${eq.ms.toFixed(1)} ms (proved: ${eq.value.proved}), ` +
        `provedDistinct by sorted entries ${dist.ms.toFixed(1)} ms`,
    );
  }
  const k = 1_000_000;
  const p = [1, 2, k - 3];
  const vals = [
    ['0.9', '0.1', '-0.05', '0'],
    ['0.2', '0.8', '0.03', '0.01'],
    ['-0.01', '0.02', '0.99', '0.001'],
  ];
  const problem = problemOf(3, 3, identityTeacherStrings(3)); // shapes only matter through the centres here
  const big = { ...problem, d: k, n: k, k };
  const c = (id: string, pp: number[], vv: string[][]): CertifiedMinimum => ({
    id, problem: big, centre: { form: 'compact', point: { p: pp, vals: vv } }, radius: '1e-35', rho: '4e-35', lossLower: '0.05', lossUpper: '0.06',
  });
  // The same point with its blocks listed in reverse order.
  const rev = [2, 1, 0];
  const vRev = rev.map((i) => [...rev.map((j) => vals[i]![j]!), vals[i]![3]!]);
  const eq = time(() => findEquivalence(c('a', p, vals), c('b', [...p].reverse(), vRev)));
  console.log(`  compact k = 10⁶, p = [1, 2, k − 3] vs reversed: findEquivalence ${eq.ms.toFixed(1)} ms (proved: ${eq.value.proved})`);
}
