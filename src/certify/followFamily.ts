/**
 * `certmin family` as a library call: follow the symmetric family of one compact point to other k
 * (Newton in the fixed subspace, src/symmetric/continuation.ts), certify the member at each listed
 * k on the reduced path, write its certificate, and say where the family stops being a certified
 * minimum if it does.
 *
 * Where it stops is located from float evidence along the continuation — the smallest eigenvalue
 * of the float isotypic block spectrum of every member (refined by bisection on k to consecutive
 * integers) — and from the continuation itself (Newton finds no member: a fold of the family in k).
 * Only the certificates at the listed k are proofs; the located boundary is reported as float
 * evidence, and a listed k beyond it is a refusal (not positive definite) or is not reached.
 */
import { join } from 'node:path';
import { buildReducedCertificate } from '../certificate/buildReduced.js';
import { certificateJson } from '../certificate/build.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { compactCandidate } from '../io/compactCandidate.js';
import { blockSpectrumFloat } from '../symmetric/blockSpectrum.js';
import { certifyCompact } from '../symmetric/certifyCompact.js';
import { compactSize, type ExactCompactPoint, normaliseCompactPoint } from '../symmetric/compactPoint.js';
import { blockSizesOnPath, ContinuationStop, continueToBlockSizes, type FamilyMember } from '../symmetric/continuation.js';
import { DEFAULT_PRECISION } from './certifyCandidate.js';
import { certificateFileName } from './runCertify.js';

/** How the block sizes follow k: grow (or shrink) one block, keep the proportions, or given per k. */
export type FamilyGrowth = { kind: 'block'; block: number } | { kind: 'proportional' } | { kind: 'targets'; p: number[][] };

export interface FamilyStart {
  /** Candidate id of the start (e.g. "Processed minima k=20.p#1"). */
  id: string;
  /** The input file it came from, and its sha256. */
  file: string;
  sha256?: string;
  point: ExactCompactPoint;
}

export interface FollowFamilyOptions {
  /** The sizes at which to certify, in any order (the start's own k allowed). */
  ks: number[];
  growth: FamilyGrowth;
  outDir: string;
  precision?: number;
  log?: (line: string) => void;
}

export interface FamilyRow {
  k: number;
  p: number[];
  verdict: 'spurious-local-minimum' | 'local-minimum' | 'global-minimum' | 'refused' | 'not-reached';
  reason?: string;
  lossLower?: string;
  lossUpper?: string;
  mu?: string;
  radius?: string;
  /** Float smallest Hessian eigenvalue of the member (isotypic block spectrum). */
  lambdaMin?: number;
  /** Seconds of the certification of this member (not of the continuation to it). */
  seconds?: number;
  /** Seconds of the continuation from the previous member (or the start) to this one. */
  continuationSeconds?: number;
  /** Certificate file name inside outDir. */
  certificate?: string;
}

/** The last member reached in one direction and the first size where no member of the same branch was found. */
export interface FamilyEnd {
  lastK: number;
  lastP: number[];
  failedK: number;
  failedP: number[];
  lastLambdaMin: number;
  /** The smallest trivial-type (fixed-subspace) eigenvalue over the last members (it tends to 0 at a fold). */
  trivialTrend: number[];
}

/** A change of the float λ_min sign along the family, between consecutive integers after refinement. */
export interface SignChange {
  from: { k: number; p: number[]; lambdaMin: number };
  to: { k: number; p: number[]; lambdaMin: number; negativeTypes: string[] };
}

export interface FamilyResult {
  rows: FamilyRow[];
  /** Sign changes of the float λ_min along the followed members (a minimum becoming a saddle, or back). */
  signChanges: SignChange[];
  /** Where Newton found no member of the same branch (upwards and/or downwards in k): the family ends there as followed. */
  ends: FamilyEnd[];
  /** One sentence saying where the family stops being a certified minimum, or that it does not in the listed range. */
  summary: string;
}

/** The block sizes targeted at size K (InputError if impossible). */
export function targetBlockSizes(p0: readonly number[], K: number, growth: FamilyGrowth, index: number): number[] {
  const k0 = p0.reduce((a, b) => a + b, 0);
  switch (growth.kind) {
    case 'block': {
      const p = [...p0];
      p[growth.block]! += K - k0;
      if (p[growth.block]! < 1) throw new InputError(`family: k = ${K} would leave block ${growth.block} (size ${p0[growth.block]} at k = ${k0}) empty`);
      return p;
    }
    case 'proportional': {
      // Largest remainder of p0·K/k0, every block at least 1.
      const exact = p0.map((x) => (x * K) / k0);
      const out = exact.map((x) => Math.max(1, Math.floor(x)));
      let rest = K - out.reduce((a, b) => a + b, 0);
      const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
      for (let q = 0; rest > 0; q = (q + 1) % order.length, rest--) out[order[q]!.i]! += 1;
      if (rest < 0 || out.some((x) => x < 1)) throw new InputError(`family: k = ${K} is too small for ${p0.length} blocks in proportion [${p0.join(', ')}]`);
      return out;
    }
    case 'targets': {
      const p = growth.p[index];
      if (!p) throw new InputError(`family: no target p for the listed k = ${K}`);
      if (p.length !== p0.length) throw new InputError(`family: target p = [${p.join(', ')}] has ${p.length} blocks, the start has ${p0.length}`);
      if (p.reduce((a, b) => a + b, 0) !== K) throw new InputError(`family: target p = [${p.join(', ')}] does not add up to k = ${K}`);
      return [...p];
    }
  }
}

interface Tracked {
  member: FamilyMember;
  lambdaMin: number;
  /** Smallest eigenvalue of the trivial type: the Jacobian of Newton in the fixed subspace (0 at a fold). */
  trivialMin: number;
  negativeTypes: string[];
  /** The path of block sizes the member was reached on. */
  path: { p0: number[]; p1: number[] };
}

function track(member: FamilyMember, path: Tracked['path']): Tracked {
  const s = blockSpectrumFloat(member.point);
  const trivial = s.types.find((t) => t.kind === 'trivial')!;
  return { member, lambdaMin: s.lambdaMin, trivialMin: trivial.eigenvalues[0]!, negativeTypes: s.types.filter((t) => t.eigenvalues[0]! <= 0).map((t) => t.label), path };
}

/** Narrows a sign change between tracked members a and b (same path) to consecutive integers k, by bisection. */
function refine(a: Tracked, b: Tracked): [Tracked, Tracked] {
  let lo = a;
  let hi = b;
  while (Math.abs(hi.member.k - lo.member.k) > 1) {
    const mid = Math.round((lo.member.k + hi.member.k) / 2);
    const p = blockSizesOnPath(a.path.p0, a.path.p1, mid);
    let m: FamilyMember;
    try {
      const chain = continueToBlockSizes(lo.member.point, p, { growth: 4 });
      m = chain[chain.length - 1]!;
    } catch (err) {
      if (err instanceof ContinuationStop) break; // keep the bracket found so far
      throw err;
    }
    const t = track(m, a.path);
    if ((t.lambdaMin > 0) === (lo.lambdaMin > 0)) lo = t;
    else hi = t;
  }
  return [lo, hi];
}

/** Follows the family of `start` to every listed k (see the module comment). */
export function followFamily(start: FamilyStart, opts: FollowFamilyOptions): FamilyResult {
  const log = opts.log ?? (() => {});
  const precision = opts.precision ?? DEFAULT_PRECISION;
  const pt0 = normaliseCompactPoint(start.point);
  const k0 = compactSize(pt0);
  const m = pt0.p.length;
  if (opts.ks.length === 0) throw new InputError('family: no k given (--k K1,K2,…)');
  if (opts.growth.kind === 'block' && !(Number.isInteger(opts.growth.block) && opts.growth.block >= 0 && opts.growth.block < m)) {
    throw new InputError(`family: --grow-block ${opts.growth.block} is not a block of p = [${pt0.p.join(', ')}] (0-based)`);
  }
  if (opts.growth.kind === 'targets' && opts.growth.p.length !== opts.ks.length) {
    throw new InputError(`family: ${opts.growth.p.length} target p given for ${opts.ks.length} values of k`);
  }
  const listed = opts.ks.map((K, index) => {
    if (!Number.isInteger(K) || K < m) throw new InputError(`family: k = ${K} is not an integer ≥ the number of blocks (${m})`);
    return { K, target: targetBlockSizes(pt0.p, K, opts.growth, index) };
  });
  if (new Set(listed.map((x) => x.K)).size !== listed.length) throw new InputError('family: a value of k is listed twice');

  const rows = new Map<number, FamilyRow>();
  const trails: Tracked[][] = [];
  const ends: FamilyEnd[] = [];
  for (const direction of [1, -1]) {
    const chain = listed.filter(({ K }) => (direction > 0 ? K >= k0 : K < k0)).sort((a, b) => direction * (a.K - b.K));
    if (chain.length === 0) continue;
    let cur: ExactCompactPoint = pt0;
    const trail: Tracked[] = [];
    trails.push(trail);
    for (let q = 0; q < chain.length; q++) {
      const { K, target } = chain[q]!;
      const t0 = performance.now();
      const path = { p0: [...cur.p], p1: target };
      let members: FamilyMember[];
      try {
        members = continueToBlockSizes(cur, target, { onStep: (mem) => trail.push(track(mem, path)) });
      } catch (err) {
        if (!(err instanceof ContinuationStop)) throw err;
        const last = trail[trail.length - 1]!;
        ends.push({
          lastK: last.member.k,
          lastP: last.member.point.p,
          failedK: err.failedK,
          failedP: err.failedP,
          lastLambdaMin: last.lambdaMin,
          trivialTrend: trail.slice(-4).map((t) => t.trivialMin),
        });
        log(`family: ${err.message}`);
        for (const rest of chain.slice(q)) rows.set(rest.K, { k: rest.K, p: rest.target, verdict: 'not-reached' });
        break;
      }
      const member = members[members.length - 1]!;
      const continuationSeconds = (performance.now() - t0) / 1000;
      const id = `${start.id}@k=${K}`;
      log(`family: k = ${K}, p = [${member.point.p.join(', ')}]: certifying …`);
      const cand = compactCandidate(
        { id, source: { file: start.file, format: 'family', ...(start.sha256 ? { sha256: start.sha256 } : {}) }, stored: { family_start: start.id, start_k: k0, start_p: pt0.p } },
        member.point,
      );
      const result = certifyCompact(member.point, { precision });
      const cert = buildReducedCertificate(cand, result, { polish: true });
      const file = certificateFileName(id);
      writeFileAtomic(join(opts.outDir, file), certificateJson(cert));
      const row: FamilyRow = {
        k: K,
        p: member.point.p,
        verdict: result.verdict,
        lambdaMin: trail[trail.length - 1]!.lambdaMin,
        seconds: result.seconds.total,
        continuationSeconds,
        certificate: file,
      };
      if (result.reason) row.reason = result.reason;
      for (const key of ['lossLower', 'lossUpper', 'mu', 'radius'] as const) if (result[key] !== undefined) row[key] = result[key];
      rows.set(K, row);
      log(`family: k = ${K}: ${result.verdict}${result.reason ? ` (${result.reason})` : ''} in ${result.seconds.total.toFixed(2)} s`);
      cur = member.point;
    }
  }

  const signChanges: SignChange[] = [];
  for (const trail of trails) {
    for (let q = 1; q < trail.length; q++) {
      const a = trail[q - 1]!;
      const b = trail[q]!;
      if (a.lambdaMin > 0 === b.lambdaMin > 0) continue;
      const [lo, hi] = refine(a, b);
      const [pos, neg] = lo.lambdaMin > 0 ? [lo, hi] : [hi, lo];
      signChanges.push({
        from: { k: pos.member.k, p: pos.member.point.p, lambdaMin: pos.lambdaMin },
        to: { k: neg.member.k, p: neg.member.point.p, lambdaMin: neg.lambdaMin, negativeTypes: neg.negativeTypes },
      });
    }
  }
  const ordered = listed.map(({ K }) => rows.get(K)!);
  const result: FamilyResult = { rows: ordered, signChanges, ends, summary: '' };
  result.summary = familySummary(result);
  return result;
}

const short = (x: number): string => x.toPrecision(3);

/** Where the family stops being a certified minimum (see FamilyResult.summary). */
export function familySummary(r: Omit<FamilyResult, 'summary'>): string {
  const minima = r.rows.filter((x) => x.verdict === 'spurious-local-minimum' || x.verdict === 'local-minimum').map((x) => x.k);
  const parts: string[] = [];
  for (const s of r.signChanges) {
    parts.push(
      `the float λ_min of the family changes sign between k = ${s.from.k} (p = [${s.from.p.join(', ')}], λ̃ = ${short(s.from.lambdaMin)}) and ` +
        `k = ${s.to.k} (p = [${s.to.p.join(', ')}], λ̃ = ${short(s.to.lambdaMin)}${s.to.negativeTypes.length > 0 ? `, negative in ${s.to.negativeTypes.join(', ')}` : ''}): ` +
        (s.to.lambdaMin <= 0 ? 'it stops being a minimum there (it continues as a saddle)' : 'it becomes a minimum again there'),
    );
  }
  for (const e of r.ends) {
    parts.push(
      `Newton in the fixed subspace finds no member of the same branch at k = ${e.failedK} (p = [${e.failedP.join(', ')}]) from the member at ` +
        `k = ${e.lastK} (λ̃ = ${short(e.lastLambdaMin)}; the smallest fixed-subspace eigenvalue, 0 at a fold, is ` +
        `${e.trivialTrend.map(short).join(' → ')} over the last members): the family as followed ends between k = ${e.lastK} ` +
        `and ${e.failedK} (a fold if that eigenvalue is heading to 0; otherwise a turn or a precision Newton does not reach)`,
    );
  }
  const head =
    minima.length === r.rows.length
      ? `certified minimum at every listed k (${minima.join(', ')})`
      : minima.length === 0
        ? 'certified minimum at none of the listed k'
        : `certified minimum at k = ${minima.join(', ')} only`;
  return parts.length === 0 ? `${head}; the float λ_min stays positive along the whole continuation.` : `${head}; ${parts.join('; ')} (float evidence along the continuation).`;
}
