/**
 * Groups certified minima into distinct minima (the "N families, M distinct minima" of
 * `certmin certify`). A minimum that repeats an earlier one up to an allowed permutation gets an
 * equivalence certificate (theorem in equivalence.ts) and points to that earlier minimum; the
 * others are class representatives, and every pair of representatives of one problem is then
 * either proved distinct (distinctness.ts) or reported as undecided. Nothing is claimed without
 * an exact proof: "M distinct minima" is stated only when no pair is undecided.
 *
 * Cost: a pair is compared only when its two loss enclosures overlap (otherwise it is distinct
 * by loss); a comparison is one float alignment plus one exact distance (O(d·n) for dense centres
 * up to the alignment's assignment problems). A certificate is audited only when it is part of a
 * proved pair, at most once (the caller's `audited` caches).
 */
import { buildEquivalenceCertificate } from '../certificate/build.js';
import type { EquivalenceCertificate, AnyMinimumCertificate } from '../certificate/schema.js';
import { exactLess } from '../arith/exact.js';
import { provedDistinct } from './distinctness.js';
import { certifiedMinimumOf, findEquivalence, sameProblem, type CertifiedMinimum } from './equivalence.js';

export interface MinimumEntry {
  certificate: AnyMinimumCertificate;
}

export interface Repeat {
  /** Index (into the entries) of the earlier minimum proved to be the same. */
  sameAs: number;
  certificate: EquivalenceCertificate;
}

export interface DistinctMinima {
  /** Per entry index: the repeat it is, or undefined for a representative. */
  repeats: (Repeat | undefined)[];
  /** Entry indices of the representatives, in order. */
  representatives: number[];
  /** Pairs of representatives neither proved equal nor proved distinct. */
  undecided: [number, number][];
}

function lossesOverlap(a: CertifiedMinimum, b: CertifiedMinimum): boolean {
  return !exactLess(a.lossUpper, b.lossLower) && !exactLess(b.lossUpper, a.lossLower);
}

/**
 * Processes the entries in order: each is compared with the earlier entries of the same problem
 * whose loss enclosures overlap its own (representatives first); the first equivalence proved —
 * after `audited` confirms both certificates pass audit — makes it a repeat of that entry.
 * `log` receives one line per repeat and per undecided pair.
 */
export function groupDistinctMinima(
  entries: readonly MinimumEntry[],
  audited: (index: number) => boolean,
  log: (line: string) => void = () => {},
): DistinctMinima {
  const minima = entries.map((e) => certifiedMinimumOf(e.certificate));
  const repeats: (Repeat | undefined)[] = entries.map(() => undefined);
  const representatives: number[] = [];
  minima.forEach((m, i) => {
    const earlier = [...representatives, ...minima.slice(0, i).map((_, j) => j).filter((j) => repeats[j] !== undefined)];
    for (const j of earlier) {
      const other = minima[j]!;
      if (!sameProblem(other.problem, m.problem) || !lossesOverlap(other, m)) continue;
      const t0 = performance.now();
      const found = findEquivalence(other, m);
      if (!found.proved || !audited(j) || !audited(i)) continue;
      const [from, to] = found.from === other ? [j, i] : [i, j];
      const certificate = buildEquivalenceCertificate(entries[from]!.certificate, entries[to]!.certificate, {
        permutation: found.permutation,
        squaredDistance: found.squaredDistance,
        floatDistance: found.floatDistance,
        seconds: (performance.now() - t0) / 1000,
      });
      repeats[i] = { sameAs: j, certificate };
      log(`${m.id}: the same minimum as ${other.id} up to a permutation (‖π(W̃) − W̃′‖ ≈ ${found.floatDistance.toPrecision(3)})`);
      break;
    }
    if (!repeats[i]) representatives.push(i);
  });
  const undecided: [number, number][] = [];
  representatives.forEach((i, s) =>
    representatives.slice(s + 1).forEach((j) => {
      if (provedDistinct(minima[i]!, minima[j]!).distinct) return;
      undecided.push([i, j]);
      log(`${minima[i]!.id} and ${minima[j]!.id}: neither proved the same minimum nor proved distinct`);
    }),
  );
  return { repeats, representatives, undecided };
}

/** "N families, M distinct minima" (or "at most M … (U pairs undecided)"); N counts certified minima. */
export function distinctMinimaLine(families: number, distinct: number, undecidedPairs: number): string {
  const f = `${families} ${families === 1 ? 'family' : 'families'}`;
  if (undecidedPairs === 0) return `${f}, ${distinct} distinct ${distinct === 1 ? 'minimum' : 'minima'}`;
  return `${f}, at most ${distinct} distinct minima (${undecidedPairs} ${undecidedPairs === 1 ? 'pair' : 'pairs'} neither proved the same nor proved distinct)`;
}
