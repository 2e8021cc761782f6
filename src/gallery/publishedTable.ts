/**
 * The published statistics a gallery compares with, from small data files under data/ that name
 * their source (never typed from memory: a file whose numbers could not be found says so, with
 * status 'unavailable', and the gallery shows that column as unavailable).
 */
import table1 from '../../data/safran-shamir-2018-table1.json' with { type: 'json' };

export interface PublishedRate {
  k: number;
  n: number;
  /** Percentage of runs that converged to a spurious local minimum, as printed in the paper. */
  percent: number;
}

export interface PublishedTable {
  citation: string;
  table: string;
  status: 'available' | 'unavailable';
  reason?: string;
  values: PublishedRate[];
}

/** Safran & Shamir (2018), Table 1 (see data/safran-shamir-2018-table1.json). */
export const SAFRAN_SHAMIR_2018_TABLE1: PublishedTable = table1 as PublishedTable;

/** The published percentage for (k, n), or undefined when the table does not have it. */
export function publishedPercent(t: PublishedTable, k: number, n: number): number | undefined {
  if (t.status !== 'available') return undefined;
  return t.values.find((v) => v.k === k && v.n === n)?.percent;
}
