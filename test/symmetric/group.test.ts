import { describe, expect, it } from 'vitest';
import { freeEntries } from '../../src/io/compactForm.js';
import { blockOf, freeEntryIndex, HessianOrbits, neuronPairOrbits, pairOrbits, symOf } from '../../src/symmetric/group.js';
import { extendClasses, fallingFactorial, orbitKey, type Sym } from '../../src/symmetric/markedIndices.js';
import { rng } from '../helpers/random.js';

const sum = (p: number[]): number => p.reduce((a, b) => a + b, 0);

/** Orbits of G ∪ {transpose} on [k]⁴ by brute force: union–find over generators. */
function bruteForceEntryOrbits(p: number[]): number[] {
  const k = sum(p);
  const parent = Array.from({ length: k ** 4 }, (_, x) => x);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const code = (t: number[]): number => ((t[0]! * k + t[1]!) * k + t[2]!) * k + t[3]!;
  const gens: ((t: number[]) => number[])[] = [(t) => [t[2]!, t[3]!, t[0]!, t[1]!]];
  for (let r = 0; r + 1 < k; r++) {
    if (blockOf(p, r) !== blockOf(p, r + 1)) continue;
    gens.push((t) => t.map((x) => (x === r ? r + 1 : x === r + 1 ? r : x)));
  }
  for (let x = 0; x < k ** 4; x++) {
    const t = [Math.floor(x / k ** 3), Math.floor(x / k ** 2) % k, Math.floor(x / k) % k, x % k];
    for (const g of gens) parent[find(x)] = find(code(g(t)));
  }
  return Array.from({ length: k ** 4 }, (_, x) => find(x));
}

describe('extendClasses', () => {
  it('partitions the k^n tuples: the counts add up to k^n, given any named symbols', () => {
    for (const p of [[3], [2, 1], [1, 2, 3], [4, 4]]) {
      const k = sum(p);
      const named: Sym[] = [{ id: 0, block: 0 }, { id: 5, block: p.length - 1 }];
      for (let n = 1; n <= 3; n++) {
        const total = extendClasses(p, named, n).reduce((a, c) => a + c.count, 0n);
        expect(total).toBe(BigInt(k) ** BigInt(n));
      }
    }
  });

  it('counts the concrete tuples of each class (brute force, p = [2, 3], one named index)', () => {
    const p = [2, 3];
    const named: Sym[] = [{ id: 1, block: 1 }]; // concrete index 2 (first of block 1) stands for it
    const concrete = new Map<string, number>();
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const syms = [x, y].map((r) => (r === 2 ? named[0]! : { id: 10 + r, block: blockOf(p, r) }));
        const key = orbitKey([named[0]!, ...syms]);
        concrete.set(key, (concrete.get(key) ?? 0) + 1);
      }
    }
    const classes = extendClasses(p, named, 2);
    expect(classes).toHaveLength(concrete.size);
    for (const c of classes) expect(Number(c.count)).toBe(concrete.get(orbitKey([named[0]!, ...c.syms])));
  });

  it('falling factorials', () => {
    expect(fallingFactorial(5, 0)).toBe(1n);
    expect(fallingFactorial(5, 2)).toBe(20n);
    expect(fallingFactorial(3, 4)).toBe(0n);
    expect(fallingFactorial(10000, 4)).toBe(10000n * 9999n * 9998n * 9997n);
  });
});

describe('orbits', () => {
  it('pair orbits are the free entries of the compact form, in freeEntries order, with sizes adding to k²', () => {
    for (const p of [[1], [3], [1, 4], [2, 2, 1], [1, 1, 1]]) {
      const orbits = pairOrbits(p);
      const free = freeEntries(p);
      expect(orbits.map(({ i, j }) => [i, j])).toEqual(free.map(({ i, j }) => [i, j]));
      expect(orbits.reduce((a, o) => a + o.size, 0)).toBe(sum(p) ** 2);
      expect(orbits.length).toBe(p.length ** 2 + p.filter((x) => x >= 2).length);
      // Every concrete entry lands in the orbit that reads its vals entry.
      const k = sum(p);
      const counts = new Array<number>(orbits.length).fill(0);
      for (let a = 0; a < k; a++) for (let i = 0; i < k; i++) counts[freeEntryIndex(p, symOf(p, a), symOf(p, i))]!++;
      expect(counts).toEqual(orbits.map((o) => o.size));
    }
  });

  it('neuron pair orbits count the ordered pairs i ≠ j', () => {
    for (const p of [[1], [3, 1], [2, 2, 5]]) {
      const k = sum(p);
      expect(neuronPairOrbits(p).reduce((a, o) => a + o.size, 0)).toBe(k * (k - 1));
    }
  });

  it('Hessian orbits equal the brute-force orbits of G and transposition on [k]⁴, with exact sizes', () => {
    for (const p of [[2, 1, 2], [3, 2], [4], [1, 1, 1]]) {
      const k = sum(p);
      const H = new HessianOrbits(p);
      const brute = bruteForceEntryOrbits(p);
      const ours: number[] = [];
      const sizes = new Array<bigint>(H.count).fill(0n);
      for (let x = 0; x < k ** 4; x++) {
        const q = H.indexOf(Math.floor(x / k ** 3), Math.floor(x / k ** 2) % k, Math.floor(x / k) % k, x % k);
        ours.push(q);
        sizes[q]!++;
      }
      expect(sizes).toEqual(H.sizes);
      // Same partition: x ~ y in one iff in the other.
      const pairs = new Map<number, number>();
      const back = new Map<number, number>();
      ours.forEach((q, x) => {
        const b = brute[x]!;
        if (!pairs.has(q)) pairs.set(q, b);
        if (!back.has(b)) back.set(b, q);
        expect(pairs.get(q)).toBe(b);
        expect(back.get(b)).toBe(q);
      });
      expect(pairs.size).toBe(H.count);
    }
  });

  it('sizes add up to k⁴ exactly at k = 10 000 (BigInt)', () => {
    const p = [1, 4999, 5000];
    const H = new HessianOrbits(p);
    expect(H.sizes.reduce((a, b) => a + b, 0n)).toBe(10000n ** 4n);
    const r = rng(3);
    for (let t = 0; t < 20; t++) {
      const idx = Array.from({ length: 4 }, () => Math.floor(r() * 10000));
      const q = H.indexOf(idx[0]!, idx[1]!, idx[2]!, idx[3]!);
      expect(H.indexOf(idx[2]!, idx[3]!, idx[0]!, idx[1]!)).toBe(q);
    }
  });
});
