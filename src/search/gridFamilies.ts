/**
 * Families of finite-data runs: runs of the same classification (and Morse index) whose REDUCED
 * networks (gridEmbedding.ts: zero-output neurons removed, duplicates merged) have the same width
 * and lie within familyTol of each other up to neuron permutations — and up to the sign flip
 * (W, a) → (−W, −a) when the problem has that symmetry (gridData.ts signFlipSymmetric, checked on
 * the data and labels, not assumed). Comparing reduced networks puts runs on one manifold of
 * embedded critical points (e.g. a duplicated neuron with any split of its outgoing weight) into
 * one family. Each neuron is compared as the vector (w, a) for the sigmoid and (u, 10·s) with
 * u = |a|w, s = sign a for ReLU (the rescaling-invariant form; the factor 10 keeps neurons of
 * opposite signs apart). Float evidence only.
 */
import { embeddingOf, type EmbeddingOptions } from '../objective/gridEmbedding.js';
import { aIndex, signFlipSymmetric, thetaOfPoint, wIndex } from '../objective/gridData.js';
import type { GridFloatProblem } from '../objective/gridFloat.js';
import { alignPoint } from './align.js';
import { GRID_RUN_CLASSIFICATIONS, gridProblemOfSettings, type GridRunClassification, type GridRunRecord } from './gridRunOne.js';
import type { SearchSettings } from './settings.js';

export interface GridFamily {
  id: number;
  classification: GridRunClassification;
  /** Morse index (saddle candidates), else null. */
  index: number | null;
  multiplicity: number;
  /** Loss and float λ_min of the representative. */
  loss: number | null;
  lambdaMin: number | null;
  /** Largest distance between a member's reduced network and the representative's, up to symmetry. */
  maxDist: number;
  /** Members matched to the representative through the sign flip. */
  flipped: number;
  /** The representative (the member with the smallest run index): W (2 rows × n) and a. */
  representative: string[][];
  representativeA: string[];
  /** Float evidence of an embedding (representative): reduced width, neurons removed, structure. */
  reducedN: number | null;
  level: number | null;
  duplicates: number[][];
  zeroOutput: number[];
  reducedGradNorm: number | null;
  /** Run indices of the members, ascending; runs[0] is the representative. */
  runs: number[];
}

const SIGN_WEIGHT = 10;

interface Draft {
  rec: GridRunRecord;
  key: Float64Array;
  width: number;
  runs: number[];
  maxDist: number;
  flipped: number;
  embedding: ReturnType<typeof embeddingOf> | undefined;
}

/** Neuron vectors (3 per neuron) of a reduced θ. */
function keyOf(fp: GridFloatProblem, reduced: Float64Array, m: number): Float64Array {
  const d = fp.d;
  const key = new Float64Array(m * (d + 1));
  for (let i = 0; i < m; i++) {
    const a = reduced[aIndex(i, d)]!;
    for (let c = 0; c < d; c++) key[i * (d + 1) + c] = fp.activation === 'relu' ? Math.abs(a) * reduced[wIndex(i, c, d)]! : reduced[wIndex(i, c, d)]!;
    key[i * (d + 1) + d] = fp.activation === 'relu' ? SIGN_WEIGHT * Math.sign(a) : a;
  }
  return key;
}

/** Groups finite-data runs into families (order-independent: runs are taken by increasing index). */
export function groupGridFamilies(records: readonly GridRunRecord[], s: SearchSettings, embedding: EmbeddingOptions = {}): GridFamily[] {
  const { problem, fp } = gridProblemOfSettings(s);
  const flip = signFlipSymmetric(problem);
  const { d, n } = s;
  const o = s.finiteData!;
  const opts = { dupTol: embedding.dupTol ?? o.dupTol, zeroTol: embedding.zeroTol ?? o.zeroTol };
  const drafts: Draft[] = [];
  for (const rec of [...records].sort((x, y) => x.run - y.run)) {
    const theta = thetaOfPoint({ W: rec.point, a: rec.a });
    const converged = rec.classification !== 'not-converged' && rec.classification !== 'diverging';
    const emb = converged ? embeddingOf(fp, theta, opts) : undefined;
    const width = emb ? emb.reducedN : n;
    const key = emb ? keyOf(fp, emb.reduced, width) : keyOf(fp, theta, n);
    let home: Draft | undefined;
    let dist = 0;
    let viaFlip = false;
    for (const f of drafts) {
      if (f.rec.classification !== rec.classification || f.rec.index !== rec.index || f.width !== width) continue;
      if (width === 0) {
        home = f;
        break;
      }
      const direct = alignPoint(key, f.key, d + 1, width, 'neurons').dist;
      const mirrored = flip ? alignPoint(key.map((v) => -v), f.key, d + 1, width, 'neurons').dist : Infinity;
      const best = Math.min(direct, mirrored);
      if (best <= s.familyTol) {
        home = f;
        dist = best;
        viaFlip = mirrored < direct;
        break;
      }
    }
    if (home) {
      home.runs.push(rec.run);
      home.maxDist = Math.max(home.maxDist, dist);
      if (viaFlip) home.flipped++;
    } else {
      drafts.push({ rec, key, width, runs: [rec.run], maxDist: 0, flipped: 0, embedding: emb });
    }
  }
  drafts.sort(
    (a, b) =>
      GRID_RUN_CLASSIFICATIONS.indexOf(a.rec.classification) - GRID_RUN_CLASSIFICATIONS.indexOf(b.rec.classification) ||
      (a.rec.index ?? 0) - (b.rec.index ?? 0) ||
      b.runs.length - a.runs.length ||
      a.rec.run - b.rec.run,
  );
  return drafts.map((f, id) => ({
    id,
    classification: f.rec.classification,
    index: f.rec.index,
    multiplicity: f.runs.length,
    loss: f.rec.loss,
    lambdaMin: f.rec.lambdaMin,
    maxDist: f.maxDist,
    flipped: f.flipped,
    representative: f.rec.point,
    representativeA: f.rec.a,
    reducedN: f.embedding ? f.embedding.reducedN : null,
    level: f.embedding ? f.embedding.level : null,
    duplicates: f.embedding ? f.embedding.duplicates : [],
    zeroOutput: f.embedding ? f.embedding.zeroOutput : [],
    reducedGradNorm: f.embedding?.reducedGradNorm ?? null,
    runs: f.runs,
  }));
}
