/**
 * The published per-(k, n) statistics stored in the authors' repository of Safran & Shamir (2018)
 * (ItaySafran/OneLayerGDconvergence, Results/newExp-K-N.mat; DESIGN.md §8): each file holds one
 * representative per family of points where 1000 gradient-descent runs ended away from a global
 * minimum, with `magnitude` = the number of runs in each family. Read from the files themselves
 * (never copied into this repository): a gallery shows them beside our search statistics.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readSafranShamir2018 } from '../io/storedResults.js';

export interface RepositoryRate {
  k: number;
  n: number;
  /** Families stored in the file. */
  families: number;
  /** Runs (out of 1000) in those families: the sum of `magnitude`. */
  runs: number;
  file: string;
}

/** One entry per newExp-K-N.mat in `dir` (InputError when the folder cannot be read). */
export function repositoryRates2018(dir: string): RepositoryRate[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError(`${dir}: not a readable folder of newExp-K-N.mat files`);
  }
  const out: RepositoryRate[] = [];
  for (const name of names.sort()) {
    const m = /^newExp-(\d+)-(\d+)\.mat$/.exec(name);
    if (!m) continue;
    const candidates = readSafranShamir2018(join(dir, name));
    out.push({
      k: Number(m[1]),
      n: Number(m[2]),
      families: candidates.length,
      runs: candidates.reduce((a, c) => a + (c.multiplicity ?? 0), 0),
      file: name,
    });
  }
  return out;
}
