/**
 * The CLI on compact-form points: `certify` (reduced path by default, --dense), `inspect` (the
 * float spectrum with multiplicities from the isotypic blocks) and `family` (continuation in k with
 * a certificate per listed k). Runs the built CLI (npx tsc -p tsconfig.json first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { followFamily, type FamilyGrowth } from '../../src/certify/followFamily.js';
import { familyStart } from '../../src/cli/commands/family.js';
import { expectInputError } from '../helpers/errors.js';
import { compactMinimum28, havePickles, PICKLES } from '../symmetric/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'certmin-reduced-cli-'));
function certmin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
let serial = 0;
function file(name: string, value: unknown): string {
  const p = join(dir, `${serial++}-${name}`);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}
const out = (name: string) => join(dir, `${serial++}-${name}`);
const min28 = compactMinimum28();

describe('certmin certify / inspect on compact points', () => {
  it('certify takes the reduced path for {p, vals} and the dense one with --dense', () => {
    const p = file('pv.json', min28);
    const red = certmin('certify', p, '--out', out('red'), '--json');
    expect(red.code).toBe(0);
    const [row] = JSON.parse(red.stdout) as { verdict: string; p?: number[] }[];
    expect(row).toMatchObject({ verdict: 'spurious-local-minimum', p: [2, 8] });
    const text = certmin('certify', p, '--out', out('red2'));
    expect(text.stdout).toMatch(/spurious-local-minimum \(reduced, p = \[2, 8\]\)/);
    const dense = certmin('certify', p, '--out', out('dense'), '--dense', '--json');
    expect(dense.code).toBe(0);
    expect(JSON.parse(dense.stdout)[0].p).toBeUndefined();
  });

  it('a malformed compact file is unusable input (exit 2, one line; the wordings: test/io/compactPointFile.test.ts)', () => {
    const r = certmin('certify', file('bad.json', { p: [2, 8], vals: [['1', '0', '0']] }), '--out', out('bad'));
    expect([r.code, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toMatch(/1 rows but p has 2 blocks/);
  });

  it('inspect prints the whole float spectrum with multiplicities (text and --json), at k = 10⁴ too', () => {
    const p = file('pv.json', min28);
    const text = certmin('inspect', p);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Hessian spectrum \(float, by isotypic blocks; \d+ eigenvalues, Σ multiplicities = 100 = k²\)/);
    expect(text.stdout).toMatch(/two-row\(1\)/);
    const json = JSON.parse(certmin('inspect', p, '--json').stdout) as { spectrum: { value: number; multiplicity: string }[]; lambdaMin: number; p: number[] };
    expect(json.p).toEqual([2, 8]);
    expect(json.spectrum.reduce((a, e) => a + Number(e.multiplicity), 0)).toBe(100);
    expect(json.lambdaMin).toBe(json.spectrum[0]!.value);
    const dense = JSON.parse(certmin('inspect', p, '--json', '--dense').stdout) as { lambdaMin: number; spectrum?: unknown };
    expect(dense.spectrum).toBeUndefined();
    expect(Math.abs(dense.lambdaMin - json.lambdaMin)).toBeLessThan(1e-10);
    const big = file('big.json', { p: [3000, 7000], vals: [['-0.3', '0.001', '0.0001'], ['0.002', '0.9', '-0.00005']] });
    const r = JSON.parse(certmin('inspect', big, '--json').stdout) as { k: number; dimensionCheck: { sum: string } };
    expect(r).toMatchObject({ k: 10000, dimensionCheck: { sum: '100000000' } });
  });
});

describe('certmin family', () => {
  it('follows a compact point to other k, one audited certificate per k, and prints the table', () => {
    const start = file('start.json', min28);
    const dirOut = out('fam');
    const r = certmin('family', start, '--k', '9,14', '--out', dirOut, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { k: number; p: number[]; verdict: string; certificate: string; lossLower: string; mu: string; radius: string; seconds: number }[];
    expect(rows.map((x) => [x.k, x.p])).toEqual([[9, [2, 7]], [14, [2, 12]]]); // the largest block grows (or shrinks)
    for (const x of rows) {
      expect(x.verdict).toBe('spurious-local-minimum');
      for (const key of ['lossLower', 'lossUpper', 'mu', 'radius', 'seconds']) expect(x).toHaveProperty(key);
      const cert = JSON.parse(readFileSync(join(dirOut, x.certificate), 'utf8'));
      expect(cert.point.compact.p).toEqual(x.p);
      expect(auditCertificate(cert).ok).toBe(true);
    }
    const summary = JSON.parse(readFileSync(join(dirOut, 'family.json'), 'utf8'));
    expect(summary.summary).toMatch(/certified minimum at every listed k/);
    const text = certmin('family', start, '--k', '12', '--grow-block', '0', '--out', out('fam0'));
    expect(text.stdout).toMatch(/\| 12 \| \[4, 8\] \| spurious-local-minimum \|/);
  });

  it('refuses what it cannot follow (exit 2, one line)', () => {
    const start = file('start.json', min28);
    const growth = (...args: string[]) => () => certmin('family', start, ...args, '--out', out('bad'));
    const r = growth('--k', '12', '--grow-block', '2')();
    expect([r.code, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toMatch(/--grow-block 2 is not a block/);
    const dense = file('w.json', { W: [['1', '0.1'], ['0.2', '1']] });
    expectInputError(() => familyStart(dense), /not a compact-form point/);
    expectInputError(() => familyStart(`${start}#3`), /holds 1 candidates|no candidate 3/);
    const s = familyStart(start);
    const run = (ks: number[], g: FamilyGrowth) => () => followFamily(s, { ks, growth: g, outDir: out('lib') });
    expectInputError(run([12, 13], { kind: 'targets', p: [[4, 8]] }), /1 target p given for 2 values of k/);
    expectInputError(run([12], { kind: 'targets', p: [[4, 9]] }), /does not add up to k = 12/);
    expectInputError(run([1], { kind: 'block', block: 1 }), /not an integer ≥ the number of blocks/);
    expectInputError(run([12, 12], { kind: 'block', block: 1 }), /listed twice/);
    expectInputError(run([5], { kind: 'block', block: 0 }), /leave block 0 .* empty/);
    expectInputError(run([12], { kind: 'targets', p: [[1, 11]] }), /moves a block against k/);
  });

  it.skipIf(!havePickles)('says where the stored [6, 1, k − 7] family stops being a minimum: between k = 20 and 21', () => {
    const input = join(PICKLES, 'Processed minima k=19.p#3');
    expect(existsSync(join(PICKLES, 'Processed minima k=19.p'))).toBe(true);
    const r = certmin('family', input, '--k', '20,21', '--out', out('fold'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| 20 \| \[6, 1, 13\] \| spurious-local-minimum \|/);
    expect(r.stdout).toMatch(/\| 21 \| \[6, 1, 14\] \| refused \(not-positive-definite\) \|/);
    expect(r.stdout).toMatch(/changes sign between k = 20 \(p = \[6, 1, 13\].*and k = 21 \(p = \[6, 1, 14\].*negative in std\(0\)\): it stops being a minimum there/);
  });
});
