import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignPoint, alignedDistance, sortedEntries, sortedEntriesDistance } from '../../src/search/align.js';
import { groupFamilies } from '../../src/search/families.js';
import { pointStrings, type RunClassification, type RunRecord } from '../../src/search/runOne.js';
import { resolveSettings, type SearchSettings } from '../../src/search/settings.js';
import { Xoshiro128 } from '../../src/search/rng.js';

/** Neuron-major d×n point from a matrix given by rows. */
function fromRows(W: number[][]): Float64Array {
  const d = W.length;
  const n = W[0]!.length;
  const w = new Float64Array(d * n);
  for (let a = 0; a < d; a++) for (let i = 0; i < n; i++) w[i * d + a] = W[a]![i]!;
  return w;
}

/**
 * The shape of a spurious minimum found for k = n = 7 (compact form p = [6, 1], DESIGN.md §6):
 * a 6-block with diagonal `diag` and off-diagonal `off`, one special row/column.
 */
function structuredPoint(diag = 0.9969, off = -0.0351): number[][] {
  const k = 7;
  const W: number[][] = [];
  for (let a = 0; a < k; a++) {
    const row: number[] = [];
    for (let i = 0; i < k; i++) {
      if (a === 6 && i === 6) row.push(-0.6327);
      else if (a === 6) row.push(0.2617);
      else if (i === 6) row.push(0.186);
      else row.push(a === i ? diag : off);
    }
    W.push(row);
  }
  return W;
}

function shuffle(n: number, rng: Xoshiro128): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** P W Q + noise: rows and columns permuted at random, entries perturbed by ±noise. */
function permutedCopy(W: number[][], rng: Xoshiro128, noise: number, rowsToo = true): number[][] {
  const d = W.length;
  const n = W[0]!.length;
  const P = rowsToo ? shuffle(d, rng) : Array.from({ length: d }, (_, a) => a);
  const Q = shuffle(n, rng);
  return P.map((a) => Q.map((i) => W[a]![i]! + noise * (2 * rng.nextDouble() - 1)));
}

function record(run: number, W: number[][], classification: RunClassification = 'spurious-candidate', loss = 0.0232): RunRecord {
  const d = W.length;
  const n = W[0]!.length;
  return {
    run, seed: String(run), iterations: 1, loss, gradNorm: 0, gradNormMaxNeuron: 0, lambdaMin: 0.014,
    classification, stop: 'tolerance', point: pointStrings(fromRows(W), d, n),
  };
}

const identity7: SearchSettings = resolveSettings({ preset: 'safran-shamir-2018', k: 7 });

describe('alignPoint', () => {
  it('maps any P X Q back onto X exactly (distinct entries)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 1n, max: 2n ** 63n }), (d, extra, seed) => {
        const n = d + extra;
        const rng = Xoshiro128.fromSeed(seed);
        const W = Array.from({ length: d }, () => Array.from({ length: n }, () => rng.nextGaussian()));
        const X = permutedCopy(W, rng, 0);
        const r = fromRows(W);
        const x = fromRows(X);
        const al = alignPoint(x, r, d, n, 'neurons-and-coordinates');
        expect(al.dist).toBe(0);
        expect(alignedDistance(x, r, d, n, al.rowPerm, al.colPerm)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('returns a distance between the sorted-entries lower bound and the unaligned distance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.bigInt({ min: 1n, max: 2n ** 63n }), (d, seed) => {
        const rng = Xoshiro128.fromSeed(seed);
        const n = d + 1;
        const x = Float64Array.from({ length: d * n }, () => rng.nextGaussian());
        const r = Float64Array.from({ length: d * n }, () => rng.nextGaussian());
        const al = alignPoint(x, r, d, n, 'neurons-and-coordinates');
        const lower = sortedEntriesDistance(sortedEntries(x), sortedEntries(r));
        const plain = Math.hypot(...x.map((v, j) => v - r[j]!));
        expect(al.dist).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
        expect(al.dist).toBeLessThanOrEqual(plain * (1 + 1e-12));
        expect(alignedDistance(x, r, d, n, al.rowPerm, al.colPerm)).toBeCloseTo(al.dist, 12);
        const neuronsOnly = alignPoint(x, r, d, n, 'neurons');
        expect([...neuronsOnly.rowPerm]).toEqual(Array.from({ length: d }, (_, a) => a));
        expect(neuronsOnly.dist).toBeLessThanOrEqual(plain * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });
});

describe('groupFamilies', () => {
  it('puts permuted, slightly perturbed copies of one structured point into one family', () => {
    const rng = Xoshiro128.fromSeed(11n);
    const S = structuredPoint();
    const recs = [record(0, S), ...Array.from({ length: 9 }, (_, t) => record(t + 1, permutedCopy(S, rng, 1e-7)))];
    const fams = groupFamilies(recs, identity7);
    expect(fams).toHaveLength(1);
    expect(fams[0]!.multiplicity).toBe(10);
    expect(fams[0]!.runs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fams[0]!.representative).toEqual(recs[0]!.point);
    expect(fams[0]!.maxDist).toBeGreaterThan(0);
    expect(fams[0]!.maxDist).toBeLessThanOrEqual(7 * 1e-7); // ‖noise‖_F ≤ √49 · 1e-7
  });

  it('separates different points, and the same point with different classifications', () => {
    const rng = Xoshiro128.fromSeed(12n);
    const S = structuredPoint();
    const T = structuredPoint(0.99, -0.0351); // a diagonal 0.0069 away: ‖·‖_F ≈ 0.017 ≫ tol
    const recs = [
      record(0, S), record(1, permutedCopy(T, rng, 1e-8)), record(2, permutedCopy(S, rng, 1e-8)),
      record(3, permutedCopy(S, rng, 1e-8), 'saddle-candidate'), record(4, permutedCopy(T, rng, 1e-8)),
    ];
    const fams = groupFamilies(recs, identity7);
    expect(fams.map((f) => [f.classification, f.runs])).toEqual([
      ['spurious-candidate', [0, 2]],
      ['spurious-candidate', [1, 4]],
      ['saddle-candidate', [3]],
    ]);
    expect(fams.map((f) => f.id)).toEqual([0, 1, 2]);
  });

  it('does not depend on the order of the records', () => {
    const rng = Xoshiro128.fromSeed(13n);
    const S = structuredPoint();
    const T = structuredPoint(0.98, -0.03);
    const recs = Array.from({ length: 12 }, (_, t) => record(t, permutedCopy(t % 3 === 0 ? T : S, rng, 1e-8)));
    const a = groupFamilies(recs, identity7);
    const b = groupFamilies([...recs].reverse(), identity7);
    expect(b).toEqual(a);
    expect(a.map((f) => f.multiplicity)).toEqual([8, 4]);
  });

  it('with a general teacher only permutes neurons', () => {
    const rng = Xoshiro128.fromSeed(14n);
    const S = structuredPoint();
    const general: SearchSettings = { ...identity7, teacher: 't.json', teacherMatrix: [] };
    const cols = record(1, permutedCopy(S, rng, 1e-8, false));
    const rows = record(2, [S[6]!, ...S.slice(0, 6)]); // coordinates permuted
    const fams = groupFamilies([record(0, S), cols, rows], general);
    expect(fams.map((f) => f.runs)).toEqual([[0, 1], [2]]);
    expect(groupFamilies([record(0, S), cols, rows], identity7).map((f) => f.runs)).toEqual([[0, 1, 2]]);
  });

  it('respects the family tolerance', () => {
    const S = structuredPoint();
    const bumped = S.map((row) => [...row]);
    bumped[0]![0] = bumped[0]![0]! + 2e-4; // distance exactly 2e-4 from S
    const recs = [record(0, S), record(1, bumped)];
    expect(groupFamilies(recs, { ...identity7, familyTol: 1e-4 })).toHaveLength(2);
    expect(groupFamilies(recs, { ...identity7, familyTol: 3e-4 })).toHaveLength(1);
  });
});
