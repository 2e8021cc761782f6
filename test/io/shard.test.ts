import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inShard, parseShard, shardLabel, shardSize } from '../../src/io/shard.js';
import { expectInputError } from '../helpers/errors.js';

describe('shards', () => {
  it('parses I/N and refuses anything else in one line naming the flag', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard(' 0 / 1 ')).toEqual({ index: 0, count: 1 });
    expect(shardLabel(parseShard('3/4'))).toBe('3/4');
    for (const bad of ['4/4', '1/0', '-1/3', '1', 'a/b', '1/2/3', '1.5/3', '']) expectInputError(() => parseShard(bad), /--shard .*: must be I\/N/);
  });

  it('splits 0 … total−1 into disjoint shards covering every item, sizes as shardSize says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 17 }), (total, count) => {
        const owners = Array.from({ length: total }, (_, i) => [...Array(count).keys()].filter((s) => inShard(i, { index: s, count })));
        expect(owners.every((o) => o.length === 1)).toBe(true);
        for (let s = 0; s < count; s++) {
          const size = owners.filter((o) => o[0] === s).length;
          expect(shardSize(total, { index: s, count })).toBe(size);
        }
      }),
    );
    expect(inShard(7, undefined)).toBe(true);
  });
});
