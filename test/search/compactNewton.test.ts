import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactGradient, compactNewton } from '../../src/search/compactNewton.js';
import { expandCompactForm } from '../../src/io/compactForm.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { lossFloat, identityTeacher, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';

const PICKLE_K10 = '../shared/anchors/safran-yehudai-shamir-2021/Processed minima k=10.p';

function lossAt(p: number[], vals: number[][]): number {
  const k = p.reduce((a, b) => a + b, 0);
  return lossFloat(makeProblem(k, k, identityTeacher(k)), matrixToNeuronMajor(expandCompactForm(vals, p)));
}

// The p = [1, 9] record of the k = 10 pickle, rounded to 4 digits.
const ROUNDED_K10 = [
  [-0.699, 0.1824, 0],
  [0.126, 1.0044, -0.0158],
];

describe('compactGradient', () => {
  it('is the derivative of the loss along each free entry of vals (central differences)', () => {
    const p = [2, 3, 1];
    const vals = [
      [0.9, -0.1, 0.2, 0.05],
      [0.15, 1.1, -0.05, 0.03],
      [-0.2, 0.1, -0.7, 0],
    ];
    const { reduced } = compactGradient({ p, vals });
    // Free entries in order: every (i, j < m), and (i, m) for blocks of size > 1.
    const free = [[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [1, 1], [1, 2], [1, 3], [2, 0], [2, 1], [2, 2]] as const;
    expect(reduced).toHaveLength(free.length);
    free.forEach(([i, j], q) => {
      const h = 1e-5;
      const up = vals.map((r) => [...r]);
      const dn = vals.map((r) => [...r]);
      up[i]![j]! += h;
      dn[i]![j]! -= h;
      const fd = (lossAt(p, up) - lossAt(p, dn)) / (2 * h);
      expect(Math.abs(reduced[q]! - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    });
  });

  it('vanishes at the global minimum vals = [1, 0], p = [k]', () => {
    const r = compactGradient({ p: [7], vals: [[1, 0]] });
    expect(Math.abs(r.loss)).toBeLessThan(1e-14);
    expect(r.gradNorm).toBeLessThan(1e-14);
  });
});

describe('compactNewton', () => {
  it('converges from the rounded k = 10 record to a critical point of the full loss (symmetric criticality)', () => {
    const res = compactNewton({ p: [1, 9], vals: ROUNDED_K10 });
    expect(res.reducedGradNorm).toBeLessThan(1e-13);
    // The full gradient (100 entries) vanishes too, although only 5 parameters were moved.
    expect(res.gradNorm).toBeLessThan(1e-13);
    expect(res.loss).toBeCloseTo(0.018702194586, 11);
  });

  it.skipIf(!existsSync(PICKLE_K10))('lands on the stored p = [1, 9] minimum of the 2021 k = 10 pickle', () => {
    const stored = loadCandidates(PICKLE_K10).find((c) => JSON.stringify(c.stored?.p) === '[1,9]')!;
    expect(stored).toBeDefined();
    const res = compactNewton({ p: [1, 9], vals: ROUNDED_K10 });
    const W = expandCompactForm(res.vals, [1, 9]);
    for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) expect(Math.abs(W[r]![c]! - Number(stored.W[r]![c]))).toBeLessThan(1e-8);
  });

  it('continued to k = 20, gives a point that certify proves a spurious local minimum', () => {
    let vals = compactNewton({ p: [1, 9], vals: ROUNDED_K10 }).vals;
    const s = 10 / 20;
    vals = [
      [vals[0]![0]!, vals[0]![1]! * s, 0],
      [vals[1]![0]! * s, vals[1]![1]!, vals[1]![2]! * s * s],
    ];
    const res = compactNewton({ p: [1, 19], vals });
    expect(res.gradNorm).toBeLessThan(1e-12);
    const W = expandCompactForm(res.vals, [1, 19]).map((row) => row.map(String));
    const cert = certifyCandidate({ d: 20, n: 20, k: 20, W, V: identityTeacherStrings(20) });
    expect(cert.verdict).toBe('spurious-local-minimum');
    expect(Number(cert.lossLower)).toBeGreaterThan(0.0112);
  });
});
