/**
 * Float screening of a compact-form point (NOT a proof), the reduced counterpart of
 * src/objective/classify.ts's summarizePoint, at a cost independent of k: the loss and gradient
 * from the orbit-wise enclosures (midpoints), and the exact float spectrum of the Hessian with
 * multiplicities — the union of the isotypic blocks' generalised eigenvalues, each repeated
 * `dimension` times (blockSpectrum.ts), which is the dense float spectrum of the k²×k² Hessian.
 */
import { decimalIntervals } from '../arith/decimalInterval.js';
import { classifyFloat, type ClassifyOptions, type PointSummary } from '../objective/classify.js';
import { SmoothDomainError } from '../objective/smoothDomainError.js';
import { blockSpectrumFloat, type TypeSpectrum } from './blockSpectrum.js';
import { compactSize, type ExactCompactPoint, isCompactTeacherPermutation, normaliseCompactPoint } from './compactPoint.js';
import { pairOrbits } from './group.js';
import { reducedLossAndGradient } from './reducedGradient.js';

/** Decimal digits of the screening enclosures (their midpoints are all that is used). */
const SCREEN_PRECISION = 24;

export interface SpectrumEntry {
  value: number;
  /** How many times the eigenvalue occurs in the k²×k² Hessian (the type's dimension, as a decimal integer). */
  multiplicity: string;
  type: string;
}

/** The fields of summarizePoint (k = d = n), plus p, the blocks and the spectrum. */
export interface CompactSummary extends Omit<PointSummary, 'd' | 'n'> {
  p: number[];
  /** The blocks: each type's generalised eigenvalues (ascending), dimension and number of copies. */
  types: TypeSpectrum[];
  /** Every eigenvalue of the Hessian with its multiplicity, ascending. */
  spectrum: SpectrumEntry[];
  /** Σ dimension × multiplicity over the types, and k² (equal). */
  dimensionCheck: { sum: string; kSquared: string; ok: boolean };
}

/** The float summary of a compact point (see the module comment). */
export function summarizeCompact(pt0: ExactCompactPoint, opts: ClassifyOptions = {}): CompactSummary {
  const pt = normaliseCompactPoint(pt0);
  const k = compactSize(pt);
  const ar = decimalIntervals(SCREEN_PRECISION);
  const outsideOmega = (loss: number, note: string): CompactSummary => ({
    p: pt.p,
    k,
    loss,
    gradNorm: loss === 0 ? 0 : NaN,
    gradNormMaxNeuron: loss === 0 ? 0 : NaN,
    lambdaMin: NaN,
    classification: loss === 0 ? 'near-global' : 'not-converged',
    types: [],
    spectrum: [],
    dimensionCheck: { sum: '0', kSquared: String(BigInt(k) * BigInt(k)), ok: false },
    note,
  });
  if (isCompactTeacherPermutation(pt)) {
    return outsideOmega(0, 'the point is the teacher up to a permutation of neurons (F = 0, a global minimum); the Hessian formulas need Ω, where no student neuron is parallel to a teacher neuron');
  }
  let enc;
  try {
    enc = reducedLossAndGradient(ar, pt);
  } catch (err) {
    if (!(err instanceof SmoothDomainError)) throw err;
    return outsideOmega(NaN, err.message);
  }
  const g = enc.gradient.map((x) => ar.mid(x).toNumber());
  const loss = ar.mid(enc.loss).toNumber();
  const gradNorm = Math.sqrt(g.reduce((s, x, q) => s + enc.sizes[q]! * x * x, 0));
  // ‖∇_{w_i}F‖² for a neuron i of block s: its column holds one entry of each pair orbit (·, s),
  // p_t times for the rows of block t ≠ s, once on the diagonal, p_s − 1 times off it.
  const orbits = pairOrbits(pt.p);
  const m = pt.p.length;
  let gradNormMaxNeuron = 0;
  pt.p.forEach((ps, s) => {
    let sq = 0;
    orbits.forEach((o, q) => {
      const count = o.j === m ? (o.i === s ? ps - 1 : 0) : o.j === s ? (o.i === s ? 1 : pt.p[o.i]!) : 0;
      sq += count * g[q]! * g[q]!;
    });
    gradNormMaxNeuron = Math.max(gradNormMaxNeuron, Math.sqrt(sq));
  });
  const blocks = blockSpectrumFloat(pt, { precision: SCREEN_PRECISION });
  const spectrum = blocks.types
    .flatMap((t) => t.eigenvalues.map((value) => ({ value, multiplicity: String(t.dimension), type: t.label })))
    .sort((a, b) => a.value - b.value);
  return {
    p: pt.p,
    k,
    loss,
    gradNorm,
    gradNormMaxNeuron,
    lambdaMin: blocks.lambdaMin,
    classification: classifyFloat(loss, gradNorm, blocks.lambdaMin, opts),
    types: blocks.types,
    spectrum,
    dimensionCheck: blocks.dimensionCheck,
  };
}
