import { InputError } from '../errors.js';

/**
 * One of `count` disjoint parts of a list of work items (search runs, certify candidates).
 * Item i belongs to shard i mod count: the shards are disjoint, together they cover every item,
 * and their sizes differ by at most one. Written "index/count" on the command line and in files.
 */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "I/N" (0 ≤ I < N); InputError naming `flag` otherwise. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new InputError(`${flag} ${text}: must be I/N with integers 0 ≤ I < N (e.g. 0/4)`);
  }
  return { index, count };
}

export function shardLabel(s: Shard): string {
  return `${s.index}/${s.count}`;
}

/** True when item `i` belongs to shard `s` (every item belongs to the absent shard). */
export function inShard(i: number, s: Shard | undefined): boolean {
  return s === undefined || i % s.count === s.index;
}

/** How many of the items 0 … total−1 belong to shard `s`. */
export function shardSize(total: number, s: Shard): number {
  return total <= s.index ? 0 : Math.floor((total - 1 - s.index) / s.count) + 1;
}
