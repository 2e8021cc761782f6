import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RunOrderBuffer } from '../../src/search/runOrderBuffer.js';
import type { RunRecord } from '../../src/search/runOne.js';

const rec = (run: number) => ({ run }) as RunRecord;

describe('RunOrderBuffer', () => {
  it('emits in the given order whatever the completion order; what is emitted is always a prefix', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 40 }), fc.integer(), (runs, salt) => {
        const order = [...runs].sort((a, b) => a - b);
        // A completion order: a seeded shuffle of the runs.
        const arrival = [...order].sort((a, b) => ((a * 2654435761 + salt) >>> 0) % 97 - ((b * 2654435761 + salt) >>> 0) % 97 || a - b);
        const out: number[] = [];
        const buf = new RunOrderBuffer(order, (r) => out.push(r.run));
        arrival.forEach((run, i) => {
          buf.add(rec(run));
          expect(out).toEqual(order.slice(0, out.length));
          expect(out.length + buf.buffered).toBe(i + 1);
        });
        expect(out).toEqual(order);
        expect(buf.buffered).toBe(0);
      }),
    );
  });

  it('holds a completion that is ahead of the next expected run', () => {
    const out: number[] = [];
    const buf = new RunOrderBuffer([1, 4, 6], (r) => out.push(r.run));
    buf.add(rec(6));
    buf.add(rec(4));
    expect(out).toEqual([]);
    expect(buf.buffered).toBe(2);
    buf.add(rec(1));
    expect(out).toEqual([1, 4, 6]);
  });
});
