/**
 * The reduced path of `certify` (src/certify/reducedPath.ts) through runCertify: compact inputs
 * take it by default and `--dense` forces the dense path; both certify the same stored points
 * alike (verdicts equal, μ within float error, loss enclosures overlapping) for every block
 * pattern of the shared files with k ≤ 20; inputs given as a matrix W always take the dense path;
 * nothing of size k² is read on the reduced path.
 */
import Big from 'big.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { certifyToDirectory, type SummaryRow } from '../../src/certify/runCertify.js';
import { expandCompactPoint, type ExactCompactPoint } from '../../src/symmetric/compactPoint.js';
import { expectInputError } from '../helpers/errors.js';
import { compactMinimum28, havePickles, storedCompactPoints } from '../symmetric/fixtures.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'certmin-reduced-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let serial = 0;
function writeJson(name: string, value: unknown): string {
  const path = join(root, `${serial++}-${name}`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}
function certDoc(dir: string, row: SummaryRow): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, row.certificate!), 'utf8'));
}
const outDir = (name: string) => join(root, `${serial++}-${name}`);

/** The shape of p that decides which types occur: each block size capped at 4, in order. */
const shape = (p: number[]): string => p.map((x) => Math.min(x, 4)).join(',');

describe('reduced and dense certificates of the same stored points agree (every p pattern, k ≤ 20)', () => {
  const records: { id: string; pt: ExactCompactPoint }[] = [];
  if (havePickles) {
    const seen = new Set<string>();
    for (let k = 7; k <= 20; k++) {
      for (const r of storedCompactPoints(k)) {
        if (!seen.has(shape(r.pt.p))) {
          seen.add(shape(r.pt.p));
          records.push(r);
        }
      }
    }
  }

  it.skipIf(!havePickles)('through runCertify: same verdict, μ within float error, overlapping loss enclosures', () => {
    expect(records.map((r) => shape(r.pt.p)).sort()).toEqual(['1,4', '2,4', '3,4', '4,1,4', '4,3', '4,4']);
    const inputs = records.map((r) => writeJson(`${r.id.replace(/\W/g, '_')}.json`, r.pt));
    const redDir = outDir('reduced');
    const denseDir = outDir('dense');
    const red = certifyToDirectory(inputs, { outDir: redDir });
    const dense = certifyToDirectory(inputs, { outDir: denseDir, dense: true });
    red.forEach((r, q) => {
      const d = dense[q]!;
      const label = `${records[q]!.id} p = [${records[q]!.pt.p.join(', ')}]`;
      expect([label, r.verdict]).toEqual([label, d.verdict]);
      expect([label, r.verdict]).toEqual([label, 'spurious-local-minimum']);
      expect(r.p).toEqual(records[q]!.pt.p);
      expect(d.p).toBeUndefined();
      // μ: the same fraction of λ̃ from two float routes (block spectra vs dense), rounded down to 4 digits.
      expect(Math.abs(Number(r.mu) - Number(d.mu))).toBeLessThanOrEqual(Number(d.mu) * 1e-3);
      expect(new Big(r.lossLower!).lte(d.lossUpper!) && new Big(d.lossLower!).lte(r.lossUpper!)).toBe(true);
      const rc = certDoc(redDir, r);
      const dc = certDoc(denseDir, d);
      expect(rc.point.compact.p).toEqual(records[q]!.pt.p);
      expect(rc.point.W).toBeUndefined();
      expect(rc.method.pdEngine).toBe('isotypic-exact-bareiss');
      expect(dc.point.W).toHaveLength(records[q]!.pt.p.reduce((a, b) => a + b, 0));
      expect(dc.method.pdEngine).toBe('rump-cholesky-2006');
    });
  });

  it.skipIf(!havePickles)('the global-minimum record: both paths, F = 0 exactly', () => {
    const path = '../shared/anchors/safran-yehudai-shamir-2021/Processed minima k=7.p';
    const red = certifyToDirectory([path], { outDir: outDir('global-red') });
    const dense = certifyToDirectory([path], { outDir: outDir('global-dense'), dense: true });
    expect(red.map((r) => r.verdict)).toEqual(dense.map((r) => r.verdict));
    expect(red[0]!.verdict).toBe('global-minimum');
  });
});

describe('inputs given as a matrix W take the dense path', () => {
  it('an exactly G-fixed point written as W is certified densely (no symmetry is detected in W inputs)', () => {
    const pt = compactMinimum28();
    const wFile = writeJson('w.json', { W: expandCompactPoint(pt) });
    const dir = outDir('w');
    const [row] = certifyToDirectory([wFile], { outDir: dir });
    expect(row!.verdict).toBe('spurious-local-minimum');
    expect(row!.p).toBeUndefined();
    const cert = certDoc(dir, row!);
    expect(cert.point.W).toHaveLength(10);
    expect(cert.point.compact).toBeUndefined();
    expect(cert.method.pdEngine).toBe('rump-cholesky-2006');
    expect(cert.method.reduction).toBeUndefined();
  });

  it('the same point as {p, vals} takes the reduced path; its certificate audits; a rerun resumes it', () => {
    const file = writeJson('pv.json', compactMinimum28());
    const dir = outDir('pv');
    const [row] = certifyToDirectory([file], { outDir: dir });
    const cert = certDoc(dir, row!);
    expect(cert.method.reduction).toEqual({ kind: 'isotypic', p: [2, 8] });
    expect(auditCertificate(cert).ok).toBe(true);
    const lines: string[] = [];
    const [again] = certifyToDirectory([file], { outDir: dir, log: (l) => lines.push(l) });
    expect(again!.resumed).toBe(true);
    // The dense path does not reuse a reduced certificate (another method), and vice versa.
    const [dense] = certifyToDirectory([file], { outDir: dir, dense: true, log: (l) => lines.push(l) });
    expect(dense!.resumed).toBeUndefined();
    expect(lines.join('\n')).toMatch(/certified by the reduced path/);
    expect(certDoc(dir, dense!).point.W).toHaveLength(10);
  });
});

describe('nothing of size k² on the reduced path', () => {
  it('a k = 3000 compact point is certified without its dense form (whose expansion is refused above k = 1000)', () => {
    const file = writeJson('big.json', { p: [1000, 2000], vals: [['-0.3', '0.01', '0.001'], ['0.02', '0.9', '-0.0005']] });
    const dir = outDir('big');
    const [row] = certifyToDirectory([file], { outDir: dir, polish: false });
    expect(['refused', 'spurious-local-minimum', 'local-minimum']).toContain(row!.verdict);
    const cert = certDoc(dir, row!);
    expect(cert.problem.k).toBe(3000);
    expect(cert.point.compact.p).toEqual([1000, 2000]);
    expect(readdirSync(dir)).toContain(row!.certificate);
    // The dense path would need W: refused as unusable input, before any work.
    expectInputError(() => certifyToDirectory([file], { outDir: outDir('big-dense'), dense: true }), /k ≤ 1000/);
  });

  it('--teacher FILE does not apply to a compact point; --teacher identity does', () => {
    const file = writeJson('t.json', compactMinimum28());
    const teacher = writeJson('teacher.json', expandCompactPoint({ p: [10], vals: [['1', '0']] }));
    expectInputError(() => certifyToDirectory([file], { outDir: outDir('t1'), teacher }), /implies the identity teacher/);
    expect(certifyToDirectory([file], { outDir: outDir('t2'), teacher: 'identity' })[0]!.verdict).toBe('spurious-local-minimum');
  });
});
