import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { exactCompare, exactLess } from '../../src/arith/exact.js';
import { certifyCandidate, type CertifyResult } from '../../src/certify/certifyCandidate.js';
import { overparamConditions, type OverparamResult } from '../../src/certify/overparamConditions.js';
import { floatPointOf, floatProblemOf } from '../../src/certify/polish.js';
import type { Candidate } from '../../src/io/candidate.js';
import { readSafranYehudaiShamir2021 } from '../../src/io/storedResults.js';
import { hessianFloat } from '../../src/objective/reluFloat.js';
import type { ExactPoint } from '../../src/objective/reluRigorous.js';
import { expectInputError } from '../helpers/errors.js';
import { rng } from '../helpers/random.js';
import { exactStrings } from './fixtures.js';

const A21 = resolve('../shared/anchors/safran-yehudai-shamir-2021');
const have21 = existsSync(A21);

function record(k: number, index: number): Candidate {
  return readSafranYehudaiShamir2021(resolve(A21, `Processed minima k=${k}.p`))[index]!;
}

const pointOf = (c: Candidate): ExactPoint => ({ d: c.d, n: c.n, k: c.d, W: c.W, V: c.V! });

/** First neuron of each block of the compact form (the neurons the 2021 code stored block_eigs for). */
function blockRepresentatives(p: number[]): number[] {
  const out = [0];
  for (const size of p.slice(0, -1)) out.push(out[out.length - 1]! + size);
  return out;
}

/** Smallest eigenvalue of the float diagonal block of neuron i minus I/2 (H′_ii) at a float point w. */
function floatBlockLambdaMin(pt: ExactPoint, w: Float64Array, i: number): number {
  const { d, n } = pt;
  const N = n * d;
  const H = hessianFloat(floatProblemOf(pt), w);
  const rows = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => H[(i * d + a) * N + i * d + b]! - (a === b ? 0.5 : 0)));
  return Math.min(...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues);
}

describe.skipIf(!have21)('overparamConditions at certified minima of the 2021 pickles (anchors)', () => {
  const cases = [
    [10, 1],
    [10, 2],
    [20, 6],
  ] as const;
  const results = new Map<string, { c: Candidate; cert: CertifyResult; o: OverparamResult }>();
  beforeAll(() => {
    for (const [k, idx] of cases) {
      const c = record(k, idx);
      const cert = certifyCandidate(pointOf(c));
      const o = overparamConditions({ ...pointOf(c), W: cert.W }, cert.radius!);
      results.set(`${k}#${idx}`, { c, cert, o });
    }
  }, 120_000);

  for (const [k, idx] of cases) {
    it(`k = ${k} record ${idx}: both conditions proved over the certified ball, matching the stored floats`, () => {
      const { c, cert, o } = results.get(`${k}#${idx}`)!;
      expect(cert.verdict).toBe('spurious-local-minimum');
      expect(o.radius).toBe(cert.radius);
      const stored = c.stored as { p: number[]; norm_sum: number; block_eigs: number[]; pred_eigs: number[] };
      // (i) the norm sum: proved ≤ k, above the stored float value, and tight.
      expect(o.normSumHolds).toBe(true);
      expect(exactCompare(o.normSumUpper, String(k))).toBeLessThanOrEqual(0);
      expect(Number(o.normSumUpper)).toBeGreaterThanOrEqual(stored.norm_sum - 1e-8);
      expect(Number(o.normSumUpper) - stored.norm_sum).toBeLessThan(1e-8);
      expect(o.normSumFloat).toBeCloseTo(stored.norm_sum, 8);
      // (ii) every neuron's block has a proved negative eigenvalue; the stored neurons match.
      expect(o.neurons).toHaveLength(k);
      expect(o.allBlocksNegative).toBe(true);
      expect(o.holds).toBe(true);
      blockRepresentatives(stored.p).forEach((i, b) => {
        const n = o.neurons[i]!;
        expect(n.neuron).toBe(i);
        expect(n.negative).toBe(true);
        expect(exactLess(n.blockEigUpper!, '0')).toBe(true);
        // proved upper bound ≥ the stored float λ_min (up to float error), and close to it
        expect(Number(n.blockEigUpper)).toBeGreaterThanOrEqual(stored.block_eigs[b]! - 1e-8);
        expect(Number(n.blockEigUpper) - stored.block_eigs[b]!).toBeLessThan(1e-5);
        expect(n.blockEigFloat).toBeCloseTo(stored.block_eigs[b]!, 8);
        expect(n.predEigFloat).toBeCloseTo(stored.pred_eigs[b]!, 7);
        expect(Number(n.predEigEnclosure[0])).toBeLessThanOrEqual(n.predEigFloat);
        expect(Number(n.predEigEnclosure[1])).toBeGreaterThanOrEqual(n.predEigFloat);
      });
    });
  }

  it('the proved block bound is above λ_min of the float block at random points of a wider ball', () => {
    const { c, cert } = results.get('10#1')!;
    const centre = { ...pointOf(c), W: cert.W };
    const r = 1e-3;
    const o = overparamConditions(centre, String(r));
    const rand = rng(42);
    const w0 = floatPointOf(centre);
    for (let s = 0; s < 5; s++) {
      const w = w0.map((x) => x + r * (2 * rand() - 1) * 0.999);
      for (const i of [0, 1, 5]) expect(floatBlockLambdaMin(centre, w, i)).toBeLessThanOrEqual(Number(o.neurons[i]!.blockEigUpper) + 1e-12);
    }
    // A wider ball only loosens the bounds.
    const tight = results.get('10#1')!.o;
    for (const i of [0, 1, 5]) expect(Number(o.neurons[i]!.blockEigUpper)).toBeGreaterThanOrEqual(Number(tight.neurons[i]!.blockEigUpper));
  });

  it('condition (i) fails when the ball is too large for the norm-sum margin (√n·r > k − Σ‖w̃_i‖)', () => {
    const { c, cert } = results.get('10#1')!;
    const margin = 10 - (c.stored as { norm_sum: number }).norm_sum; // ≈ 0.0094
    const r = (2 * margin) / Math.sqrt(10);
    const o = overparamConditions({ ...pointOf(c), W: cert.W }, r.toPrecision(6));
    expect(o.normSumHolds).toBe(false);
    expect(o.holds).toBe(false);
    expect(exactCompare(o.normSumUpper, '10')).toBeGreaterThan(0);
  });

  it('checks only the requested neurons, one per orbit of the block symmetry', () => {
    const { c, cert, o } = results.get('20#6')!;
    const reps = blockRepresentatives((c.stored as { p: number[] }).p);
    const some = overparamConditions({ ...pointOf(c), W: cert.W }, cert.radius!, { neurons: reps });
    expect(some.neurons.map((x) => x.neuron)).toEqual(reps);
    reps.forEach((i, b) => expect(some.neurons[b]!.blockEigUpper).toBe(o.neurons[i]!.blockEigUpper));
  });
});

describe('overparamConditions input checks', () => {
  const W = exactStrings(Float64Array.from([1, 0.1, -0.2, 0.9, 0.3, 0.1, 0.05, 0.2, 1.1]), 3, 3);
  const I3 = [
    ['1', '0', '0'],
    ['0', '1', '0'],
    ['0', '0', '1'],
  ];
  it('needs V = I_k with n = d = k, a decimal radius ≥ 0 and valid neuron indices', () => {
    expectInputError(() => overparamConditions({ d: 3, n: 3, k: 3, W, V: I3.map((r) => r.map((x) => (x === '1' ? '2' : x))) }, '0'), /identity/);
    expectInputError(() => overparamConditions({ d: 3, n: 2, k: 3, W: W.map((r) => r.slice(0, 2)), V: I3 }, '0'), /n = d = k/);
    expectInputError(() => overparamConditions({ d: 3, n: 3, k: 3, W, V: I3 }, '-1e-3'), /radius/);
    expectInputError(() => overparamConditions({ d: 3, n: 3, k: 3, W, V: I3 }, '0', { neurons: [3] }), /neuron 3/);
  });
});
