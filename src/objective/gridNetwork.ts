/**
 * Exact network-function identity for the finite-data setting (DESIGN.md §7): a canonical form of
 * f(x) = Σ_i a_i σ(w_iᵀx) on all of R^d, computed in exact rational arithmetic, such that two
 * networks with equal canonical forms have IDENTICAL functions (a sufficient condition, used to
 * prove L = 0 at an embedding of the teacher: equal functions give equal outputs on every data
 * point, hence zero residuals when one of them is the teacher that produced the labels).
 *
 * Sigmoid: σ(0) = 1/2 and σ(−z) = 1 − σ(z) exactly, so a neuron (w, a) with w = 0 is the constant
 * a/2, and one whose first nonzero coordinate of w is negative equals a − a σ((−w)ᵀx). Every
 * network is thus c + Σ_v b_v σ(vᵀx) over distinct "positive" directions v (first nonzero
 * coordinate > 0): the canonical form is (c, {v ↦ b_v}) without zero coefficients.
 * ReLU: relu(t·z) = t·relu(z) for t > 0 and relu(0) = 0, so a neuron (w, a) with w = t·p, p the
 * primitive integer vector of w's direction (integer coordinates with gcd 1) and t > 0 rational,
 * equals a·t·relu(pᵀx); neurons with w = 0 vanish. The canonical form is ({p ↦ Σ a·t}) (c = 0).
 * Both rules are identities of real functions, so equal forms ⇒ equal functions (the converse is
 * not needed and not claimed).
 */
import { type Rational, add, compare, div, isZero, mul, neg, parseRational, rational, rationalString, sign } from '../arith/rational.js';
import type { Activation } from './gridData.js';

export interface CanonicalNetwork {
  constant: Rational;
  /** Direction key (canonical text of v or p) ↦ its direction and coefficient (nonzero). */
  terms: Map<string, { direction: Rational[]; coefficient: Rational }>;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** w = t·p with p a primitive integer vector and t > 0 (w ≠ 0). */
export function primitiveDirection(w: Rational[]): { p: bigint[]; t: Rational } {
  let l = 1n;
  for (const x of w) l = (l / gcd(l, x.den)) * x.den;
  const ints = w.map((x) => (x.num * l) / x.den);
  let g = 0n;
  for (const k of ints) g = gcd(g, k);
  if (g === 0n) throw new RangeError('primitiveDirection: zero vector');
  return { p: ints.map((k) => k / g), t: rational(g, l) };
}

/** The canonical form of Σ_i a_i σ(w_iᵀx); W is d rows × n columns, entries decimal or "p/q" strings. */
export function canonicalNetwork(activation: Activation, W: readonly (readonly string[])[], a: readonly string[]): CanonicalNetwork {
  const d = W.length;
  let constant = rational(0n);
  const terms = new Map<string, { direction: Rational[]; coefficient: Rational }>();
  const addTerm = (direction: Rational[], coefficient: Rational): void => {
    const key = direction.map(rationalString).join(',');
    const prev = terms.get(key);
    const c = prev ? add(prev.coefficient, coefficient) : coefficient;
    if (isZero(c)) terms.delete(key);
    else terms.set(key, { direction, coefficient: c });
  };
  a.forEach((as, i) => {
    const ai = parseRational(as);
    if (isZero(ai)) return;
    const w = Array.from({ length: d }, (_, c) => parseRational(W[c]![i]!));
    const first = w.find((x) => !isZero(x));
    if (activation === 'relu') {
      if (!first) return; // relu(0) = 0
      const { p, t } = primitiveDirection(w);
      addTerm(p.map((k) => rational(k)), mul(ai, t));
      return;
    }
    if (!first) {
      constant = add(constant, div(ai, rational(2n))); // σ(0) = 1/2
      return;
    }
    if (sign(first) > 0) {
      addTerm(w, ai);
    } else {
      constant = add(constant, ai); // a σ(z) = a − a σ(−z)
      addTerm(w.map(neg), neg(ai));
    }
  });
  return { constant, terms };
}

/** Equal canonical forms (exact). */
export function sameCanonicalNetwork(x: CanonicalNetwork, y: CanonicalNetwork): boolean {
  if (compare(x.constant, y.constant) !== 0 || x.terms.size !== y.terms.size) return false;
  for (const [key, t] of x.terms) {
    const u = y.terms.get(key);
    if (!u || compare(t.coefficient, u.coefficient) !== 0) return false;
  }
  return true;
}

/**
 * The smallest width known to reproduce the network exactly: one neuron per canonical term, plus
 * one (w = 0, a = 2c) for a nonzero sigmoid constant. A student of at least this width can embed
 * the network (the other neurons get outgoing weight 0), so with the teacher's labels min L = 0.
 */
export function embeddingWidth(net: CanonicalNetwork): number {
  return net.terms.size + (isZero(net.constant) ? 0 : 1);
}

/** The canonical network as neurons (W d×m, a) of width embeddingWidth: the teacher in canonical form. */
export function canonicalNeurons(net: CanonicalNetwork, d: number): { W: string[][]; a: string[] } {
  const W: string[][] = Array.from({ length: d }, () => []);
  const a: string[] = [];
  for (const t of net.terms.values()) {
    t.direction.forEach((x, c) => W[c]!.push(rationalString(x)));
    a.push(rationalString(t.coefficient));
  }
  if (!isZero(net.constant)) {
    for (let c = 0; c < d; c++) W[c]!.push('0');
    a.push(rationalString(mul(net.constant, rational(2n))));
  }
  return { W, a };
}
