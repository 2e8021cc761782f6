import { alignPoint, sortedEntries, sortedEntriesDistance, type Symmetry } from './align.js';
import { groupGridFamilies, type GridFamily } from './gridFamilies.js';
import type { GridRunRecord } from './gridRunOne.js';
import { RUN_CLASSIFICATIONS, pointFromStrings, type PopulationRunRecord, type RunClassification, type RunRecord } from './runOne.js';
import type { SearchSettings } from './settings.js';

/** One entry of families.json: a population family, or a finite-data one (gridFamilies.ts). */
export type Family = PopulationFamily | GridFamily;

/** One entry of families.json of a population search (field names are read by src/io's loadCandidates: keep them). */
export interface PopulationFamily {
  id: number;
  /** Classification of the representative. */
  classification: RunClassification;
  /** Number of runs in the family. */
  multiplicity: number;
  /** Loss and float λ_min of the representative. */
  loss: number | null;
  lambdaMin: number | null;
  /** Largest Frobenius distance between an aligned member and the representative. */
  maxDist: number;
  /** The representative (the member with the smallest run index), d×n decimal strings. */
  representative: string[][];
  /** Run indices of the members, ascending; runs[0] is the representative. */
  runs: number[];
}

/** The symmetry group used for a search's families. */
export function symmetryOf(s: SearchSettings): Symmetry {
  return s.teacher === 'identity' ? 'neurons-and-coordinates' : 'neurons';
}

interface Draft {
  classification: RunClassification;
  rep: PopulationRunRecord;
  repPoint: Float64Array;
  repSorted: Float64Array;
  runs: number[];
  maxDist: number;
}

/**
 * Groups runs into families. Runs are taken in increasing run index; a run joins the first
 * existing family of the same classification whose representative it can be aligned to within
 * `familyTol` (Frobenius norm, after the permutations of `symmetryOf`), else it founds a new
 * family and is its representative. The result depends only on the set of runs, not on the
 * order in which they were computed. A cheap exact lower bound (sorted entries, identity teacher
 * only) skips hopeless alignments. Families are numbered by classification (in
 * RUN_CLASSIFICATIONS order), then multiplicity (descending), then representative run index.
 */
export function groupFamilies(records: readonly RunRecord[], s: SearchSettings): Family[] {
  // The records of a search all come from the runner its settings select (runOne.ts runnerOf).
  if (s.finiteData) return groupGridFamilies(records as readonly GridRunRecord[], s);
  return groupPopulationFamilies(records as readonly PopulationRunRecord[], s);
}

function groupPopulationFamilies(records: readonly PopulationRunRecord[], s: SearchSettings): PopulationFamily[] {
  const symmetry = symmetryOf(s);
  const { d, n } = s;
  const tol = s.familyTol;
  const sorted = [...records].sort((x, y) => x.run - y.run);
  const drafts: Draft[] = [];
  for (const rec of sorted) {
    const x = pointFromStrings(rec.point, d, n);
    const xSorted = symmetry === 'neurons-and-coordinates' ? sortedEntries(x) : x;
    let home: Draft | undefined;
    let homeDist = 0;
    for (const f of drafts) {
      if (f.classification !== rec.classification) continue;
      if (symmetry === 'neurons-and-coordinates' && sortedEntriesDistance(xSorted, f.repSorted) > tol) continue;
      const { dist } = alignPoint(x, f.repPoint, d, n, symmetry);
      if (dist <= tol) {
        home = f;
        homeDist = dist;
        break;
      }
    }
    if (home) {
      home.runs.push(rec.run);
      if (homeDist > home.maxDist) home.maxDist = homeDist;
    } else {
      drafts.push({ classification: rec.classification, rep: rec, repPoint: x, repSorted: xSorted, runs: [rec.run], maxDist: 0 });
    }
  }
  drafts.sort(
    (a, b) =>
      RUN_CLASSIFICATIONS.indexOf(a.classification) - RUN_CLASSIFICATIONS.indexOf(b.classification) ||
      b.runs.length - a.runs.length ||
      a.rep.run - b.rep.run,
  );
  return drafts.map((f, id) => ({
    id,
    classification: f.classification,
    multiplicity: f.runs.length,
    loss: f.rep.loss,
    lambdaMin: f.rep.lambdaMin,
    maxDist: f.maxDist,
    representative: f.rep.point,
    runs: f.runs,
  }));
}
