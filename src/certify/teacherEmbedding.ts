/**
 * Global minima of the finite-data loss (DESIGN.md §7) certified by an explicit zero-loss point:
 * an embedding θ_E of the teacher (its neurons, copies of a neuron whose outgoing weights add up
 * to the teacher's, neurons of outgoing weight 0) within an exactly bounded distance of the
 * candidate θ̃ — never "the loss is small".
 *
 * Lemma (teacher-embedding, version 1). If the labels are y_p = f_T(x_p) for a teacher network f_T,
 * and the student network f_E at θ_E has the same canonical form as the teacher
 * (src/objective/gridNetwork.ts; then f_E = f_T on all of R^d), then L(θ_E) = 0 = min L (L ≥ 0 is a
 * sum of squares), so θ_E is a global minimum; and ‖θ̃ − θ_E‖₂ ≤ r when r ≥ 0 and r² ≥ Σ_j (θ̃_j −
 * θ_E,j)², both sides exact rationals.
 *
 * `checkEmbeddingClaims` is the one list of checks that certify (self-check) and audit (on the
 * certificate alone) run: every check is an exact computation on the certificate's own data.
 * `embeddingNear` constructs θ_E from a float-near-zero-loss candidate (heuristics, then exact
 * corrections); only the checks decide.
 */
import { Decimal } from 'decimal.js';
import {
  type Rational,
  add,
  compare,
  div,
  isRationalString,
  mul,
  parseRational,
  rational,
  rationalString,
  sub,
  toNumber,
} from '../arith/rational.js';
import type { Activation } from '../objective/gridData.js';
import { canonicalNetwork, embeddingWidth, sameCanonicalNetwork } from '../objective/gridNetwork.js';
import { decimalString, roundUpSignificant } from './decimalStrings.js';
import type { LemmaCheck } from './lemma.js';

export const TEACHER_EMBEDDING_LEMMA = {
  id: 'teacher-embedding',
  version: 1,
  statement:
    'If the labels are the outputs of a teacher network and the student network at theta_E has the same canonical ' +
    'form as the teacher (equal functions on all inputs), then L(theta_E) = 0 = min L, so theta_E is a global minimum; ' +
    'and |theta~ - theta_E|_2 <= r when r^2 >= sum_j (theta~_j - theta_E_j)^2, exactly.',
} as const;

/** A student (or teacher) network: W d rows × n columns and a (n), decimal or "p/q" strings. */
export interface NetworkStrings {
  W: string[][];
  a: string[];
}

/** Σ_j (θ̃_j − θ_E,j)² over every incoming and outgoing weight, exactly. */
export function squaredDistance(x: NetworkStrings, y: NetworkStrings): Rational {
  let s = rational(0n);
  const acc = (u: string, v: string) => {
    const diff = sub(parseRational(u), parseRational(v));
    s = add(s, mul(diff, diff));
  };
  x.W.forEach((row, c) => row.forEach((u, i) => acc(u, y.W[c]![i]!)));
  x.a.forEach((u, i) => acc(u, y.a[i]!));
  return s;
}

/** r² ≥ dist² (r ≥ 0), exactly. */
export function distanceCovers(r: string, dist2: Rational): boolean {
  const rr = parseRational(r);
  return rr.num >= 0n && compare(mul(rr, rr), dist2) >= 0;
}

/** A decimal r ≥ √dist2 with `digits` significant digits (checked exactly; '0' when dist2 = 0). */
export function distanceUpper(dist2: Rational, digits = 4): string {
  if (dist2.num === 0n) return '0';
  const Fine = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_CEIL });
  let r = roundUpSignificant(new Fine(dist2.num.toString()).div(dist2.den.toString()).sqrt(), digits);
  for (let k = 0; !distanceCovers(decimalString(r), dist2); k++) {
    if (k > 20) throw new Error('internal: distanceUpper did not converge');
    r = roundUpSignificant(r.times('1.001'), digits);
  }
  return decimalString(r);
}

function sameShape(x: NetworkStrings, n: number, d: number): boolean {
  return x.W.length === d && x.W.every((row) => row.length === n) && x.a.length === n;
}

/**
 * The checks of a teacher-embedding certificate: 'teacher' (the labels come from a teacher),
 * 'embedding' (θ_E has the teacher's canonical form: L(θ_E) = 0 exactly), 'distance' (r² ≥ ‖θ̃ − θ_E‖²).
 */
export function checkEmbeddingClaims(
  activation: Activation,
  teacher: NetworkStrings | undefined,
  centre: NetworkStrings,
  claims: { embedding: NetworkStrings; distance: string },
): LemmaCheck[] {
  const checks: LemmaCheck[] = [];
  if (!teacher) {
    checks.push({ name: 'teacher', ok: false, detail: 'the labels are given with the data, not by a teacher: L = 0 cannot be shown by an identity' });
    return checks;
  }
  checks.push({ name: 'teacher', ok: true, detail: 'the labels are the outputs of the teacher network' });
  const n = centre.a.length;
  const d = centre.W.length;
  const E = claims.embedding;
  const wellFormed = sameShape(E, n, d) && [...E.W.flat(), ...E.a].every(isRationalString);
  if (!wellFormed) {
    checks.push({ name: 'embedding', ok: false, detail: `the embedding is not a ${d}×${n} network of exact numbers` });
    return checks;
  }
  const same = sameCanonicalNetwork(canonicalNetwork(activation, E.W, E.a), canonicalNetwork(activation, teacher.W, teacher.a));
  checks.push({
    name: 'embedding',
    ok: same,
    detail: same
      ? `θ_E has the teacher's canonical form (${activation}): f_E = f_T on every input, so L(θ_E) = 0 = min L`
      : `θ_E does not have the teacher's canonical form: L(θ_E) = 0 is not established`,
  });
  const covers = distanceCovers(claims.distance, squaredDistance(centre, E));
  checks.push({ name: 'distance', ok: covers, detail: `r² ${covers ? '≥' : '<'} ‖θ̃ − θ_E‖² for r = ${claims.distance}` });
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Construction (heuristic; the checks above decide).

export interface EmbeddingOptions {
  /**
   * Neurons match a teacher direction within this relative distance (default 2e-3: near a zero-loss
   * manifold, copies of a teacher neuron sit up to ~1e-4 off its direction at loss 1e-19).
   */
  matchTol?: number;
  /** |a_i| (sigmoid) or |a_i|·‖w_i‖ (ReLU) below this makes an unmatched neuron zero-output (default 1e-4). */
  zeroTol?: number;
}

const num = (s: string): number => toNumber(parseRational(s));
/** The shortest decimal of a double, as an exact rational. */
const dec = (x: number): Rational => parseRational(Object.is(x, -0) ? '0' : String(x));

interface Assigned {
  /**
   * Teacher term index, or −1 for a zero-output neuron (a = 0), −2 for a sigmoid constant neuron
   * (w = 0), −3 for a ReLU neuron with w = 0 (a kept).
   */
  term: number;
  /** Sigmoid: +1 or −1 (neuron equals ±direction); ReLU: the positive scale τ (w_E = τ·p). */
  factor: Rational;
}

/**
 * An exact teacher embedding close to the candidate (W, a), or undefined when the candidate's
 * neurons do not match the teacher's canonical directions (see the module comment).
 */
export function embeddingNear(
  activation: Activation,
  teacher: NetworkStrings,
  candidate: NetworkStrings,
  opts: EmbeddingOptions = {},
): NetworkStrings | undefined {
  const matchTol = opts.matchTol ?? 2e-3;
  const zeroTol = opts.zeroTol ?? 1e-4;
  const T = canonicalNetwork(activation, teacher.W, teacher.a);
  const terms = [...T.terms.values()];
  const d = candidate.W.length;
  const n = candidate.a.length;
  if (n < embeddingWidth(T)) return undefined;
  const w = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, c) => num(candidate.W[c]![i]!)));
  const a = candidate.a.map(num);
  const dirs = terms.map((t) => t.direction.map(toNumber));
  const norm = (v: number[]) => Math.hypot(...v);
  const assigned: Assigned[] = [];
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const nw = norm(wi);
    let best: Assigned | undefined;
    let bestDist = Infinity;
    dirs.forEach((v, t) => {
      const nv = norm(v);
      if (activation === 'sigmoid') {
        for (const s of [1, -1]) {
          const dist = norm(wi.map((x, c) => x - s * v[c]!)) / Math.max(1, nv);
          if (dist < bestDist) {
            bestDist = dist;
            best = { term: t, factor: rational(BigInt(s)) };
          }
        }
      } else if (nw > 0) {
        const tau = wi.reduce((s, x, c) => s + x * v[c]!, 0) / (nv * nv);
        const dist = tau > 0 ? norm(wi.map((x, c) => x - tau * v[c]!)) / nw : Infinity;
        if (dist < bestDist) {
          bestDist = dist;
          best = { term: t, factor: dec(tau) };
        }
      }
    });
    if (best && bestDist <= matchTol) {
      assigned.push(best);
    } else if (activation === 'sigmoid' && nw <= matchTol) {
      assigned.push({ term: -2, factor: rational(1n) });
    } else if ((activation === 'sigmoid' ? Math.abs(a[i]!) : Math.abs(a[i]!) * nw) <= zeroTol) {
      // Zero output: a_i = 0 (any w); for ReLU w_i = 0 instead when that moves the point less.
      assigned.push({ term: activation === 'relu' && nw < Math.abs(a[i]!) ? -3 : -1, factor: rational(0n) });
    } else {
      return undefined;
    }
  }
  if (terms.some((_, t) => !assigned.some((x) => x.term === t))) return undefined;

  // Float least-norm correction of the outgoing weights of matched neurons so that every term's
  // coefficient (Σ factor·a over its group) equals the teacher's; constants are fixed exactly below.
  const aE: Rational[] = a.map((x, i) => (assigned[i]!.term === -1 ? rational(0n) : assigned[i]!.term === -3 ? parseRational(candidate.a[i]!) : dec(x)));
  terms.forEach((t, k) => {
    const group = assigned.flatMap((x, i) => (x.term === k ? [i] : []));
    const f = group.map((i) => toNumber(assigned[i]!.factor));
    const have = group.reduce((s, i, j) => s + f[j]! * toNumber(aE[i]!), 0);
    const gap = toNumber(t.coefficient) - have;
    const f2 = f.reduce((s, x) => s + x * x, 0);
    group.forEach((i, j) => (aE[i] = dec(toNumber(aE[i]!) + (gap * f[j]!) / f2)));
    // Exact: the first member absorbs the remaining difference.
    const first = group[0]!;
    let others = rational(0n);
    for (const i of group.slice(1)) others = add(others, mul(assigned[i]!.factor, aE[i]!));
    aE[first] = div(sub(t.coefficient, others), assigned[first]!.factor);
  });
  if (activation === 'sigmoid') {
    // Constant: Σ_{flipped} a + Σ_{w = 0} a/2 must equal the teacher's constant.
    let have = rational(0n);
    assigned.forEach((x, i) => {
      if (x.term >= 0 && x.factor.num < 0n) have = add(have, aE[i]!);
      if (x.term === -2) have = add(have, div(aE[i]!, rational(2n)));
    });
    const gap = sub(T.constant, have);
    if (gap.num !== 0n) {
      const z = assigned.findIndex((x) => x.term === -2);
      if (z >= 0) {
        aE[z] = add(aE[z]!, mul(gap, rational(2n)));
      } else {
        // A term with a flipped and an unflipped member: adding the gap to both keeps the term.
        const k = terms.findIndex((_, t) => {
          const g = assigned.filter((x) => x.term === t);
          return g.some((x) => x.factor.num < 0n) && g.some((x) => x.factor.num > 0n);
        });
        if (k < 0) return undefined;
        const f = assigned.findIndex((x) => x.term === k && x.factor.num < 0n);
        const u = assigned.findIndex((x) => x.term === k && x.factor.num > 0n);
        aE[f] = add(aE[f]!, gap);
        aE[u] = add(aE[u]!, gap);
      }
    }
  }
  const W: string[][] = Array.from({ length: d }, () => []);
  assigned.forEach((x, i) => {
    for (let c = 0; c < d; c++) {
      let v: Rational;
      if (x.term >= 0) v = mul(x.factor, terms[x.term]!.direction[c]!);
      else if (x.term === -2 || x.term === -3) v = rational(0n);
      else v = parseRational(candidate.W[c]![i]!);
      W[c]!.push(rationalString(v));
    }
  });
  return { W, a: aE.map(rationalString) };
}
