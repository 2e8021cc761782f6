import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactCompare, exactLess } from '../../src/arith/exact.js';
import { readCertificate } from '../../src/certificate/schema.js';
import type { OverparamRow } from '../../src/certify/runOverparam.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';
import { compactMinimum28 } from '../symmetric/fixtures.js';

const PICKLE_21 = '../shared/anchors/safran-yehudai-shamir-2021/Processed minima k=21.p';

// End-to-end tests of `certmin overparam` through bin/certmin.js (runs from dist/: build first).

let root: string;
let pointFile: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/overparam.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-overparam-cli-'));
  pointFile = join(root, 'k7.json');
  writeFileSync(pointFile, JSON.stringify({ W: searchSpuriousPoint().pt.W }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function rowsOf(r: { code: number | null; stdout: string; stderr: string }): OverparamRow[] {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as OverparamRow[];
}

describe('certmin overparam', () => {
  it('a point file and its minimum certificate: conditions proved, certificate written and audited; bad inputs refused', () => {
    const out = join(root, 'o1');
    const [row] = rowsOf(certmin(['overparam', pointFile, '--out', out, '--json'])) as [OverparamRow];
    expect(row.verdict).toBe('conditions-hold');
    expect(row.k).toBe(7);
    expect(exactCompare(row.normSumUpper!, '7')).toBeLessThanOrEqual(0);
    expect(row.blockEigUpper).toHaveLength(7);
    for (const b of row.blockEigUpper!) expect(exactLess(b!, '0')).toBe(true);
    const certPath = join(out, row.certificate!);
    const cert = JSON.parse(readFileSync(certPath, 'utf8'));
    expect(readCertificate(cert)).toMatchObject({ ok: true, version: 2 });
    expect(cert.kind).toBe('overparam-conditions');
    expect(cert.method.theorem).toBe('safran-yehudai-shamir-2021-section-4');
    expect(cert.claims.conclusion).toMatch(/by the theorem: a saddle of the \(k\+1\)-neuron objective/);
    expect(cert.claims.normSumUpper).toBe(row.normSumUpper);
    expect(cert.claims.blockEigUpper).toEqual(row.blockEigUpper);
    expect(certmin(['audit', certPath]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual([row]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('1 minima: the conditions of Safran, Yehudai & Shamir (2021, §4) hold on the certified ball for 1, 0 refused.');

    // The same minimum given as its certificate (audited before use): the same bounds.
    const cdir = join(root, 'c1');
    expect(certmin(['certify', pointFile, '--out', cdir]).code).toBe(0);
    const minCert = join(cdir, 'k7.json.json');
    const [fromCert] = rowsOf(certmin(['overparam', minCert, '--out', join(root, 'o2'), '--json'])) as [OverparamRow];
    expect(fromCert.verdict).toBe('conditions-hold');
    expect(fromCert.normSumUpper).toBe(row.normSumUpper);
    expect(fromCert.blockEigUpper).toEqual(row.blockEigUpper);

    // A minimum certificate that fails audit is not used; a saddle is not a minimum.
    const tampered = JSON.parse(readFileSync(minCert, 'utf8'));
    tampered.claims.lossUpper = '0.001';
    const tamperedFile = join(root, 'tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(tampered));
    const saddleFile = join(root, 'saddle.json');
    writeFileSync(saddleFile, JSON.stringify({ W: cyclicSaddle().W }));
    const rows = rowsOf(certmin(['overparam', tamperedFile, saddleFile, '--out', join(root, 'o3'), '--json']));
    expect(rows.map((r) => [r.verdict, r.reason])).toEqual([
      ['refused', 'minimum-certificate-fails-audit'],
      ['refused', 'minimum-not-certified'],
    ]);
    expect(rows[1]!.detail).toMatch(/saddle/);
    expect(rows.every((r) => r.certificate === undefined)).toBe(true);

    const text = certmin(['overparam', pointFile, '--out', join(root, 'o4')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/k7\.json: conditions hold on the certified ball/);
    expect(text.stdout.trim().split('\n').at(-1)).toBe('1 minima: conditions hold for 1, 0 refused');
  });

  it('exit 2 on unusable input', () => {
    for (const args of [['overparam', join(root, 'missing.p')], ['overparam', pointFile, '--precision', '3']]) {
      const r = certmin([...args, '--out', join(root, 'never')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^certmin: /);
    }
  });

  const A21 = resolve('../shared/anchors/safran-yehudai-shamir-2021');
  const A18 = resolve('../shared/anchors/safran-shamir-2018');
  it.skipIf(!existsSync(A21) || !existsSync(A18))(
    'stored minima (anchors): proved block bounds ≥ stored block_eigs − float error and < 0, norm sums ≤ k; n ≠ k refused',
    () => {
      const inputs = [join(A21, 'Processed minima k=9.p'), join(A18, 'newExp-9-9.mat'), join(A18, 'newExp-8-9.mat')];
      const out = join(root, 'anchors');
      const rows = rowsOf(certmin(['overparam', ...inputs, '--out', out, '--json']));
      for (const r of rows) {
        if (r.detail === 'certify: global-minimum') {
          expect(r.reason, r.id).toBe('minimum-not-certified'); // the stored global minimum: not a non-global one
          continue;
        }
        if (r.id.startsWith('newExp-8-9')) {
          expect(r.reason, r.id).toBe('setting');
          continue;
        }
        expect(r.verdict, `${r.id}: ${r.detail ?? ''}`).toBe('conditions-hold');
        expect(exactCompare(r.normSumUpper!, String(r.k))).toBeLessThanOrEqual(0);
        for (const b of r.blockEigUpper!) expect(exactLess(b!, '0')).toBe(true);
        if (r.storedBlockEigs) {
          expect(Number(r.normSumUpper)).toBeGreaterThanOrEqual(r.storedNormSum! - 1e-8);
          // The first neuron of each stored block: proved bound ≥ stored float λ_min − float error, and close to it.
          let first = 0;
          r.storedBlocks!.forEach((size, b) => {
            const proved = Number(r.blockEigUpper![first]);
            expect(proved).toBeGreaterThanOrEqual(r.storedBlockEigs![b]! - 1e-8);
            expect(proved - r.storedBlockEigs![b]!).toBeLessThan(1e-5);
            first += size;
          });
        }
        expect(certmin(['audit', join(out, r.certificate!)]).code).toBe(0);
      }
      expect(rows.filter((r) => r.detail === 'certify: global-minimum').map((r) => r.id)).toEqual(['Processed minima k=9.p#0']);
      expect(rows.filter((r) => r.verdict === 'conditions-hold').length).toBe(rows.length - 2);
      expect(rows.length).toBe(2 + 2 + 1);
    },
    300_000,
  );

  it('--reduced on a compact point: one bound per block, equal to the dense path bounds of those neurons; audited', () => {
    const file = join(root, 'm28.json');
    writeFileSync(file, JSON.stringify(compactMinimum28()));
    const [red] = rowsOf(certmin(['overparam', file, '--reduced', '--out', join(root, 'red'), '--json'])) as [OverparamRow];
    const [dense] = rowsOf(certmin(['overparam', file, '--out', join(root, 'dense'), '--json'])) as [OverparamRow];
    expect([red.verdict, dense.verdict]).toEqual(['conditions-hold', 'conditions-hold']);
    expect(red.blockEigUpper).toHaveLength(2); // p = [2, 8]: neurons 0 and 2 stand for their blocks
    expect(dense.blockEigUpper).toHaveLength(10);
    for (const [b, i] of [[0, 0], [1, 2]] as const) {
      expect(Math.abs(Number(red.blockEigUpper![b]) - Number(dense.blockEigUpper![i])) / Math.abs(Number(dense.blockEigUpper![i]))).toBeLessThan(1e-6);
    }
    // The dense bounds agree inside each block (the symmetry the reduced certificate relies on).
    for (let i = 3; i < 10; i++) expect(Number(dense.blockEigUpper![i])).toBeCloseTo(Number(dense.blockEigUpper![2]), 6);
    const cert = readCertificate(JSON.parse(readFileSync(join(root, 'red', red.certificate!), 'utf8')));
    expect(cert.ok && cert.certificate.kind === 'overparam-conditions' && 'compact' in cert.certificate.point).toBe(true);
    expect(certmin(['audit', join(root, 'red', red.certificate!)]).code).toBe(0);
  }, 120_000);

  it.skipIf(!existsSync(PICKLE_21))('--reduced on the stored k = 21 minima: every proved bound is ≥ the stored block_eigs (float) and < 0', () => {
    const rows = rowsOf(certmin(['overparam', PICKLE_21, '--reduced', '--out', join(root, 'k21'), '--json']));
    const minima = rows.filter((r) => r.reason !== 'minimum-not-certified' || !/global/.test(r.detail ?? ''));
    expect(minima.length).toBeGreaterThan(10);
    for (const r of minima) {
      expect([r.id, r.verdict]).toEqual([r.id, 'conditions-hold']);
      expect(r.blockEigUpper).toHaveLength(r.storedBlocks!.length);
      r.blockEigUpper!.forEach((b, q) => {
        expect(exactLess(b!, '0')).toBe(true);
        expect(Number(b)).toBeGreaterThanOrEqual(r.storedBlockEigs![q]! - 1e-6);
      });
    }
  }, 300_000);
});
