import { inShard, type Shard } from '../io/shard.js';

/**
 * The part of a certify selection that one shard certifies (certify --shard I/N): candidate i of
 * `todo` (the candidates to certify, in the order the unsharded command takes them: inputs in
 * command-line order, each file's candidates in file order) belongs to shard i mod N. Skipped
 * candidates are listed by every shard. Deterministic: it depends only on the inputs, so the N
 * shards are disjoint and together certify exactly what the unsharded command certifies.
 */
export function shardSelection<T, S>(sel: { todo: T[]; skipped: S[] }, shard: Shard | undefined): { todo: T[]; skipped: S[] } {
  if (shard === undefined) return sel;
  return { todo: sel.todo.filter((_, i) => inShard(i, shard)), skipped: sel.skipped };
}
