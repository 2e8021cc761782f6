/**
 * The reduced path of `certmin certify` (DESIGN.md §9): a candidate that carries a compact point
 * (2021 pickles, JSON {p, vals} files, family members) is certified by certifyCompact at a cost
 * independent of k, and written as a reduced certificate (compact centre, isotypic proof data).
 * Nothing of size k² is read or built here: the candidate's lazily expanded W and V are never
 * touched (src/io/compactCandidate.ts). `certify --dense` takes the dense path instead.
 */
import { buildReducedCertificate, compactProblemOf } from '../certificate/buildReduced.js';
import { isReducedCertificate, type Certificate } from '../certificate/schema.js';
import { InputError } from '../errors.js';
import type { Candidate, CompactForm } from '../io/candidate.js';
import { compactCandidate } from '../io/compactCandidate.js';
import { isIdentityTeacher } from '../io/teacher.js';
import { certifyCompact } from '../symmetric/certifyCompact.js';
import { compactSize, sqrtUpper } from '../symmetric/compactPoint.js';
import { detectSymmetry, squaredDistanceToPermutedDense } from '../symmetric/detectSymmetry.js';
import { DEFAULT_HESSIAN_PRECISION } from '../symmetric/orbitHessian.js';

/** A compact value whose magnitude exceeds this is refused: Float64 screening (block spectra, Newton) would overflow. */
export const MAX_COMPACT_MAGNITUDE = 1e100;

/**
 * InputError naming `where` unless the reduced path can take the point: every value is below
 * MAX_COMPACT_MAGNITUDE in magnitude (so squared neuron norms, ≤ k·max², stay finite in Float64),
 * and `teacher` (the --teacher option) is absent or 'identity' (the compact form implies V = I).
 */
export function checkReducedInput(pt: CompactForm, where: string, teacher: string | undefined): void {
  if (teacher !== undefined && teacher !== 'identity') {
    throw new InputError(`${where}: a compact-form point implies the identity teacher; --teacher ${teacher} applies to dense inputs only (or pass --dense)`);
  }
  pt.vals.forEach((row, i) =>
    row.forEach((x, j) => {
      const v = Math.abs(Number(x));
      if (!(v <= MAX_COMPACT_MAGNITUDE)) {
        throw new InputError(`${where}: vals[${i}][${j}] = ${x} is outside the range the reduced path screens in Float64 (|x| ≤ ${MAX_COMPACT_MAGNITUDE})`);
      }
    }),
  );
}

export interface ReducedPathOptions {
  precision: number;
  polish: boolean;
}

/** The dense input of a candidate whose symmetry was detected, and where its indices went. */
const detectedFrom = new WeakMap<Candidate, { W: string[][]; rowOrder: number[]; colOrder: number[] }>();

/**
 * `certify --detect-symmetry`: the compact candidate standing for a dense candidate `c` of the
 * identity-teacher objective (V = I exactly, d = n) that is, up to a relabelling of its indices
 * and float noise, fixed by some G with a block of size ≥ 2 (detectSymmetry.ts); undefined
 * otherwise (the dense path then certifies `c` as given). The compact candidate keeps c's id and
 * source; `stored` records the detected p, the relabellings (row_order[q] / column_order[q] = the
 * row / column of W at position q) and the float deviation. Its certificate is about the compact centre; the exact distance from
 * the relabelled input is added to `stored` when it is certified (informative, see
 * certifyCompactCandidate).
 */
export function detectedCompactCandidate(c: Candidate, V: string[][]): (Candidate & { compact: CompactForm }) | undefined {
  if (c.compact || c.finiteData || c.d !== c.n || !isIdentityTeacher(V, c.d)) return undefined;
  const found = detectSymmetry(c.W);
  if (!found) return undefined;
  const stored = {
    ...(c.stored ?? {}),
    symmetry_p: found.point.p,
    symmetry_row_order: found.rowOrder,
    symmetry_column_order: found.colOrder,
    symmetry_max_deviation: found.maxDeviation,
  };
  const { W: _w, V: _v, d: _d, n: _n, ...fields } = c;
  const compact = compactCandidate({ ...fields, stored }, found.point) as Candidate & { compact: CompactForm };
  detectedFrom.set(compact, { W: c.W, rowOrder: found.rowOrder, colOrder: found.colOrder });
  return compact;
}

/** Certifies a compact candidate on the reduced path and returns its (reduced) certificate. */
export function certifyCompactCandidate(c: Candidate & { compact: CompactForm }, opts: ReducedPathOptions): Certificate {
  const result = certifyCompact(c.compact, { precision: opts.precision, polish: opts.polish, hessianPrecision: DEFAULT_HESSIAN_PRECISION });
  const origin = detectedFrom.get(c);
  if (origin) {
    // ‖W_input − P·W̃·Qᵀ‖_F, exact square then a verified square root rounded up (informative: the
    // certificate's claims are about W̃; F(PWQᵀ) = F(W) for V = I, so P·W*·Qᵀ is the minimum near the input).
    c.stored = { ...(c.stored ?? {}), symmetry_distance_upper: sqrtUpper(squaredDistanceToPermutedDense(result.centre, origin.rowOrder, origin.colOrder, origin.W)) };
  }
  return buildReducedCertificate(c, result, { polish: opts.polish });
}

/**
 * Why an existing certificate is not this reduced run's result (undefined: same problem and method):
 * it must be a reduced certificate of a compact point of the same size, with the same precisions
 * and polishing.
 */
export function reducedMethodMismatch(cert: Certificate, c: Candidate & { compact: CompactForm }, opts: ReducedPathOptions): string | undefined {
  if (!isReducedCertificate(cert)) return 'it was certified by the dense path';
  if (JSON.stringify(cert.problem) !== JSON.stringify(compactProblemOf(compactSize(c.compact)))) return 'its problem differs';
  if (cert.kind === 'global-minimum') return undefined;
  if (cert.kind === 'overparam-conditions') return 'it is an overparam-conditions certificate';
  const m = cert.method;
  if (m.precision !== opts.precision || m.hessianPrecision !== DEFAULT_HESSIAN_PRECISION || m.polish !== opts.polish) {
    return 'its method (precision or polishing) differs';
  }
  return undefined;
}
