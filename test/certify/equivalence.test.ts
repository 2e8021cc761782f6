import Big from 'big.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { buildCertificate, buildEquivalenceCertificate, problemOf } from '../../src/certificate/build.js';
import { readCertificate, type MinimumCertificate } from '../../src/certificate/schema.js';
import { inversePermutation, permuteDense, relabelCompact } from '../../src/certify/centrePermutation.js';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { distinctMinimaLine, groupDistinctMinima } from '../../src/certify/distinctMinima.js';
import { provedDistinct, sortedEntriesSquaredDistance } from '../../src/certify/distinctness.js';
import {
  ballContains,
  certifiedMinimumOf,
  equivalenceChecks,
  findEquivalence,
  sameProblem,
  type CertifiedMinimum,
  type EquivalenceClaim,
} from '../../src/certify/equivalence.js';
import type { Candidate } from '../../src/io/candidate.js';
import { loadCandidates } from '../../src/io/loadCandidates.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { randomPermutation, rng } from '../helpers/random.js';
import { randomCompactPoint } from '../symmetric/fixtures.js';
import { ANCHORS, MAT_2018 } from './fixtures.js';
import { permutedMinimumPair, type MinimumPair } from './equivalenceFixtures.js';

let pair: MinimumPair;
let A: CertifiedMinimum;
let B: CertifiedMinimum;
beforeAll(() => {
  pair = permutedMinimumPair();
  A = certifiedMinimumOf(pair.a);
  B = certifiedMinimumOf(pair.b);
});

/** The certificate with its centre permuted exactly (a valid certificate of the permuted minimum: F ∘ π = F). */
function permutedCopy(c: MinimumCertificate, pi: { coordinates: number[]; neurons: number[] }, id: string): MinimumCertificate {
  const t = structuredClone(c);
  t.point.W = permuteDense(c.point.W, pi);
  t.point.candidate.id = id;
  return t;
}

const claimOf = (from: CertifiedMinimum, to: CertifiedMinimum, permutation: EquivalenceClaim['permutation'], squaredDistance: string): EquivalenceClaim => ({
  problem: to.problem,
  from,
  to,
  permutation,
  squaredDistance,
});

describe('equivalence of two certified minima (theorem symmetric-uniqueness)', () => {
  it('an exactly permuted certificate: the permutation used proves it with D = 0, the search finds one too, the copy audits', () => {
    const copy = permutedCopy(pair.a, pair.pi, 'permuted');
    expect(auditCertificate(copy, { ldlMaxOrder: 0 }).ok).toBe(true);
    const C = certifiedMinimumOf(copy);
    const known = equivalenceChecks(claimOf(A, C, pair.pi, '0'));
    expect(known.map((c) => [c.name, c.ok])).toEqual([
      ['problem', true],
      ['permutation', true],
      ['symmetry', true],
      ['squaredDistance', true],
      ['ball', true],
    ]);
    // The float search may pick another permutation among entries equal in doubles (the minimum
    // has symmetries): then D is tiny but need not be 0.
    const found = findEquivalence(A, C);
    expect(found.proved).toBe(true);
    if (found.proved) expect(new Big(found.squaredDistance).lt('1e-70')).toBe(true);
  });

  it('two certifications of one minimum from permuted starts: proved with D > 0, every check holds, the certificate audits', () => {
    const found = findEquivalence(A, B);
    expect(found.proved, found.proved ? '' : found.reason).toBe(true);
    if (!found.proved) return;
    expect(new Big(found.squaredDistance).gt(0)).toBe(true);
    expect(equivalenceChecks(found).every((c) => c.ok)).toBe(true);
    // π undoes (or repeats) the permutation of the start: π(W̃_from) is within float noise of W̃_to.
    expect(found.floatDistance).toBeLessThan(1e-30);
    const [from, to] = found.from.id === A.id ? [pair.a, pair.b] : [pair.b, pair.a];
    const cert = buildEquivalenceCertificate(from, to, found);
    const audit = auditCertificate(cert, { ldlMaxOrder: 0 });
    expect(audit.ok, audit.failedClaim).toBe(true);
    expect(audit.checks.map((c) => c.name)).toEqual(['schema', 'problem', 'permutation', 'symmetry', 'squaredDistance', 'ball', 'a', 'b']);
  });

  it('a version-1 gallery certificate is embedded as its version-2 view, and the equivalence audits', () => {
    const read = readCertificate(JSON.parse(readFileSync('certificates/safran-shamir-2018/k07-n07/families.json_1.json', 'utf8')));
    expect(read.ok && read.version).toBe(1);
    if (!read.ok || read.certificate.kind !== 'minimum') throw new Error('gallery certificate');
    const v1 = read.certificate;
    const copy = permutedCopy(v1, pair.pi, 'permuted gallery');
    const found = findEquivalence(certifiedMinimumOf(v1), certifiedMinimumOf(copy));
    if (!found.proved) throw new Error(found.reason);
    const [from, to] = found.from.id === copy.point.candidate.id ? [copy, v1] : [v1, copy];
    const audit = auditCertificate(buildEquivalenceCertificate(from, to, found), { ldlMaxOrder: 0 });
    expect(audit.ok, audit.failedClaim).toBe(true);
  });

  it('uses the direction that holds: π maps the certificate with the smaller radius into the other ball', () => {
    const wide = { ...A, id: 'wide', radius: new Big(B.rho).times(10).toFixed() };
    const found = findEquivalence(wide, B);
    expect(found.proved).toBe(true);
    if (found.proved) expect(found.from.id).toBe(B.id);
    const found2 = findEquivalence(B, wide);
    expect(found2.proved && found2.from.id).toBe(B.id);
    const bothWide = { ...B, id: 'wide too', radius: new Big(A.rho).times(10).toFixed() };
    const none = findEquivalence(wide, bothWide);
    expect(none.proved).toBe(false);
    if (!none.proved) expect(none.reason).toMatch(/beyond either uniqueness ball/);
  });

  it('the exact ball inequality: ρ ≥ r and (ρ − r)² ≥ D, with no rounding', () => {
    expect(ballContains('3', '1', '4')).toBe(true);
    expect(ballContains('3', '1', '4.000000000000000000000000000000000000001')).toBe(false);
    expect(ballContains('1', '3', '0')).toBe(false);
    expect(ballContains('1e-35', '1e-35', '0')).toBe(true);
  });

  it('tampered claims fail the check they break (wrong permutation, changed distance, different problem, disallowed coordinates)', () => {
    const found = findEquivalence(A, B);
    if (!found.proved) throw new Error(found.reason);
    const failed = (c: EquivalenceClaim) => equivalenceChecks(c).find((ch) => !ch.ok)?.name;
    const { permutation: pi, squaredDistance: D } = found;
    const dup = { ...pi, neurons: pi.neurons.map((x, i) => (i === 0 ? pi.neurons[1]! : x)) };
    expect(failed({ ...found, permutation: dup })).toBe('permutation');
    expect(failed({ ...found, permutation: { ...pi, coordinates: [...pi.coordinates, 7] } })).toBe('permutation');
    const swapped = { ...pi, neurons: [pi.neurons[1]!, pi.neurons[0]!, ...pi.neurons.slice(2)] };
    expect(failed({ ...found, permutation: swapped })).toBe('squaredDistance');
    expect(failed({ ...found, squaredDistance: new Big(D).div(2).toFixed() })).toBe('squaredDistance');
    expect(failed({ ...found, squaredDistance: '1e-20' })).toBe('ball');
    expect(failed({ ...found, from: { ...found.from, radius: new Big(found.to.rho).times(2).toFixed() } })).toBe('ball');
    const otherProblem = { ...found.to.problem, teacher: { kind: 'matrix' as const, V: permuteDense(identity(7), { coordinates: [0, 1, 2, 3, 4, 5, 6], neurons: [0, 1, 2, 3, 4, 5, 6] }).map((r) => r.map((x) => (x === '1' ? '2' : x))) } };
    expect(failed({ ...found, to: { ...found.to, problem: otherProblem } })).toBe('problem');
    expect(failed({ ...found, problem: otherProblem })).toBe('problem');

    // A teacher that allows no coordinate permutation but the identity: V = diag(1, 2, 3).
    const diag = { ...found.to.problem, d: 3, n: 2, k: 3, teacher: { kind: 'matrix' as const, V: [['1', '0', '0'], ['0', '2', '0'], ['0', '0', '3']] } };
    const W = [['0.5', '0.1'], ['0.5', '0.2'], ['0.1', '0.9']];
    const m = (id: string, centre: string[][]): CertifiedMinimum => ({ ...A, id, problem: diag, centre: { form: 'dense', W: centre }, radius: '1e-3', rho: '1' });
    const swapRows = { coordinates: [1, 0, 2], neurons: [0, 1] };
    const c = claimOf(m('x', W), m('y', permuteDense(W, swapRows)), swapRows, '0');
    expect(failed(c)).toBe('symmetry');
    expect(equivalenceChecks(c).find((ch) => ch.name === 'squaredDistance')?.ok).toBe(true);
    const neuronsOnly = { coordinates: [0, 1, 2], neurons: [1, 0] };
    expect(failed(claimOf(m('x', W), m('y', permuteDense(W, neuronsOnly)), neuronsOnly, '0'))).toBeUndefined();
    // findEquivalence searches neuron permutations only for such a teacher, and finds this one.
    const f = findEquivalence(m('x', W), m('y', permuteDense(W, neuronsOnly)));
    expect(f.proved && f.permutation).toEqual({ coordinates: [0, 1, 2], neurons: [1, 0] });
  });

  it('problems compare by value: the identity teacher equals the matrix I, not 2I', () => {
    const p = A.problem;
    expect(sameProblem(p, { ...p, teacher: { kind: 'matrix', V: identity(7).map((r) => r.map((x) => (x === '1' ? '1.0' : '0e5'))) } })).toBe(true);
    expect(sameProblem(p, { ...p, teacher: { kind: 'matrix', V: identity(7).map((r) => r.map((x) => (x === '1' ? '2' : x))) } })).toBe(false);
    expect(sameProblem(p, { ...p, n: 8 })).toBe(false);
  });

  it('different points are not declared equal, and are proved distinct by loss or by sorted entries', () => {
    // A centre moved by 1e-3 in every entry: far outside every ball (ρ ≈ 1e-35).
    const moved: CertifiedMinimum = { ...B, id: 'moved', centre: { form: 'dense', W: pair.b.point.W.map((r) => r.map((x) => new Big(x).plus('0.001').toFixed())) } };
    const f = findEquivalence(A, moved);
    expect(f.proved).toBe(false);
    if (!f.proved) expect(f.floatDistance).toBeGreaterThan(1e-3);
    const byEntries = provedDistinct(A, moved);
    expect(byEntries).toMatchObject({ distinct: true, by: 'entries' });
    expect(provedDistinct(A, { ...moved, lossLower: '1', lossUpper: '2' })).toMatchObject({ distinct: true, by: 'loss' });
    // The same minimum is never proved distinct.
    expect(provedDistinct(A, B).distinct).toBe(false);
    // Sorted entries: a permuted copy has the same sorted list (distance 0).
    expect(sortedEntriesSquaredDistance(A.centre, { form: 'dense', W: permuteDense(pair.a.point.W, inversePermutation(pair.pi)) })).toBe('0');
  });

  it('grouping: repeats point to an earlier minimum, audits run once per certificate of a proved pair only', () => {
    const far = structuredClone(pair.b);
    far.point.candidate.id = 'different';
    far.claims.lossLower = '1';
    far.claims.lossUpper = '2';
    const entries = [pair.a, far, pair.b, permutedCopy(pair.a, pair.pi, 'copy')].map((certificate) => ({ certificate }));
    const calls: number[] = [];
    const g = groupDistinctMinima(entries, (i) => {
      calls.push(i);
      return true;
    });
    expect(g.representatives).toEqual([0, 1]);
    expect(g.repeats.map((r) => r?.sameAs)).toEqual([undefined, undefined, 0, 0]);
    expect(g.undecided).toEqual([]);
    expect(calls.filter((i) => i === 1)).toEqual([]);
    for (const r of g.repeats) if (r) expect(auditCertificate(r.certificate, { ldlMaxOrder: 0 }).ok).toBe(true);
    // A certificate that fails audit is never part of an equivalence.
    const none = groupDistinctMinima(entries, (i) => i !== 0);
    expect(none.repeats[2]?.sameAs).toBeUndefined();
    expect(none.repeats[3]?.sameAs).toBe(2);
    expect(distinctMinimaLine(4, 2, 0)).toBe('4 families, 2 distinct minima');
    expect(distinctMinimaLine(1, 1, 0)).toBe('1 family, 1 distinct minimum');
    expect(distinctMinimaLine(3, 3, 1)).toBe('3 families, at most 3 distinct minima (1 pair neither proved the same nor proved distinct)');
  });
});

describe('compact centres (reduced certificates)', () => {
  // The identity-teacher problem of size k, without forming I_k.
  const problem = (k: number) => ({ ...problemOf(3, 3, identityTeacherStrings(3)), d: k, n: k, k });
  const at = (id: string, k: number, centre: CertifiedMinimum['centre']): CertifiedMinimum => ({
    id, problem: problem(k), centre, radius: '1e-35', rho: '4e-35', lossLower: '0.05', lossUpper: '0.06',
  });

  it('a certificate of the reduced path (point.compact) gives a compact centre', () => {
    const pt = randomCompactPoint([1, 2, 4], 9);
    const cert = structuredClone(pair.a) as unknown as { point: Record<string, unknown> };
    delete cert.point.W;
    cert.point.compact = pt;
    expect(certifiedMinimumOf(cert as unknown as MinimumCertificate).centre).toEqual({ form: 'compact', point: pt });
    expect(certifiedMinimumOf(pair.a).centre).toEqual({ form: 'dense', W: pair.a.point.W });
  });

  it('compact vs a permuted dense expansion, and compact vs compact with its blocks relabelled, are proved', () => {
    const r = rng(17);
    const pt = randomCompactPoint([1, 2, 4], 9);
    const pi = { coordinates: randomPermutation(7, r), neurons: randomPermutation(7, r) };
    const dense = permuteDense(expandCompactPoint(pt), pi);
    const f = findEquivalence(at('compact', 7, { form: 'compact', point: pt }), at('dense', 7, { form: 'dense', W: dense }));
    expect(f.proved, f.proved ? '' : f.reason).toBe(true);
    if (f.proved) expect(f.squaredDistance).toBe('0');
    const sigma = [2, 0, 1]; // blocks [4, 1, 2] of the target come from blocks 2, 0, 1 of [1, 2, 4]
    const target = relabelCompact(pt, [4, 1, 2], sigma);
    const g = findEquivalence(at('p', 7, { form: 'compact', point: pt }), at('q', 7, { form: 'compact', point: target }));
    expect(g.proved && g.squaredDistance).toBe('0');
    // A different compact point of the same shape is not declared equal (and is proved distinct).
    const other = randomCompactPoint([1, 2, 4], 10);
    const h = findEquivalence(at('p', 7, { form: 'compact', point: pt }), at('o', 7, { form: 'compact', point: other }));
    expect(h.proved).toBe(false);
    expect(provedDistinct(at('p', 7, { form: 'compact', point: pt }), at('o', 7, { form: 'compact', point: other })).distinct).toBe(true);
  });

  it('two compact centres at k = 10⁶: proved with nothing of size k² (not even the identity teacher)', () => {
    const k = 1_000_000;
    const p = [1, 2, k - 3];
    const pt = randomCompactPoint([1, 2, 3], 4);
    const a = { p, vals: pt.vals };
    const b = relabelCompact(a, [k - 3, 2, 1], [2, 1, 0]);
    const f = findEquivalence(at('a', k, { form: 'compact', point: a }), at('b', k, { form: 'compact', point: b }));
    expect(f.proved && f.squaredDistance).toBe('0');
    expect(provedDistinct(at('a', k, { form: 'compact', point: a }), at('b', k, { form: 'compact', point: b })).distinct).toBe(false);
  });
});

function identity(d: number): string[][] {
  return Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, j) => (a === j ? '1' : '0')));
}

const PICKLES = resolve(ANCHORS, 'safran-yehudai-shamir-2021');
const haveAnchors = existsSync(MAT_2018) && existsSync(PICKLES);

function certified(c: Candidate): MinimumCertificate {
  const cert = buildCertificate(c, c.V!, certifyCandidate({ d: c.d, n: c.n, k: c.V![0]!.length, W: c.W, V: c.V! }));
  if (cert.kind !== 'minimum') throw new Error(`${c.id}: ${cert.claims.verdict}`);
  return cert;
}

describe.skipIf(!haveAnchors)('equivalences in the published data (anchors)', () => {
  const at = (file: string, index: number) => loadCandidates(file)[index]!;

  it('newExp-7-7.mat family 0 and "Processed minima k=7.p" record 1 are the same minimum; the certificate audits', () => {
    const a = certified(at(resolve(MAT_2018, 'newExp-7-7.mat'), 0));
    const b = certified(at(resolve(PICKLES, 'Processed minima k=7.p'), 1));
    const found = findEquivalence(certifiedMinimumOf(a), certifiedMinimumOf(b));
    expect(found.proved, found.proved ? '' : found.reason).toBe(true);
    if (!found.proved) return;
    const [from, to] = found.from.id === a.point.candidate.id ? [a, b] : [b, a];
    const audit = auditCertificate(buildEquivalenceCertificate(from, to, found));
    expect(audit.ok, audit.failedClaim).toBe(true);
  });

  // The stored points of families 10 and 12 are 2.8e-8 apart up to permutation (not converged
  // to 1e-9 in 2018); certify polishes both onto one minimum. (All of 10, 12, 14–20 are that
  // minimum: `certmin certify newExp-20-20.mat` reports 21 families, 13 distinct minima.)
  it('newExp-20-20.mat: families 10 and 12 repeat one minimum; families 10 and 4 are distinct', () => {
    const mat = resolve(MAT_2018, 'newExp-20-20.mat');
    const [f10, f12, f4] = [10, 12, 4].map((i) => certifiedMinimumOf(certified(at(mat, i))));
    const same = findEquivalence(f10!, f12!);
    expect(same.proved, same.proved ? '' : same.reason).toBe(true);
    const different = findEquivalence(f10!, f4!);
    expect(different.proved).toBe(false);
    if (!different.proved) expect(different.floatDistance).toBeGreaterThan(0.1);
    expect(provedDistinct(f10!, f4!)).toMatchObject({ distinct: true, by: 'loss' });
  });
});
