/**
 * `certify --detect-symmetry`: a dense point that is a relabelled symmetric minimum takes the
 * reduced path (a reduced certificate about the compact centre, with the relabelling and the
 * exact distance from the input recorded beside it) and is proved the same minimum as the dense
 * path's certificate; a point without such a symmetry is certified by the dense path as given.
 * Runs the built CLI (npx tsc -p tsconfig.json first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandCompactPoint } from '../../src/symmetric/compactPoint.js';
import { rng } from '../helpers/random.js';
import { compactMinimum28 } from '../symmetric/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'certmin-detect-cli-'));
function certmin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
interface Row {
  verdict: string;
  p?: number[];
  certificate: string;
}

/** The p = [2, 8] minimum with rows and columns relabelled (reversed and rotated) and noise of size `noise`. */
function relabelledMinimum(noise: number, seed: number): string[][] {
  const X = expandCompactPoint(compactMinimum28());
  const k = X.length;
  const r = rng(seed);
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => String(Number(X[k - 1 - a]![(b + 3) % k]!) + noise * (r() - 0.5))));
}

describe('certmin certify --detect-symmetry', () => {
  it('certifies a relabelled symmetric minimum on the reduced path, the same minimum as the dense path proves', () => {
    const file = join(dir, 'relabelled.json');
    writeFileSync(file, JSON.stringify(relabelledMinimum(1e-12, 1)));
    const red = certmin('certify', file, '--detect-symmetry', '--out', join(dir, 'red'), '--json');
    expect(red.code).toBe(0);
    const [r] = JSON.parse(red.stdout) as Row[];
    expect(r).toMatchObject({ verdict: 'spurious-local-minimum', p: [8, 2] });
    const cert = JSON.parse(readFileSync(join(dir, 'red', r!.certificate), 'utf8'));
    expect(cert.point.compact.p).toEqual([8, 2]);
    const stored = cert.point.candidate.stored;
    expect(stored.symmetry_p).toEqual([8, 2]);
    expect([...stored.symmetry_row_order].sort((a: number, b: number) => a - b)).toEqual([...Array(10).keys()]);
    expect(Number(stored.symmetry_distance_upper)).toBeLessThan(1e-10);
    expect(certmin('audit', join(dir, 'red', r!.certificate)).code).toBe(0);

    const dense = certmin('certify', file, '--out', join(dir, 'dense'), '--json');
    const [d] = JSON.parse(dense.stdout) as Row[];
    expect(d).toMatchObject({ verdict: 'spurious-local-minimum' });
    expect(d!.p).toBeUndefined();
    const eq = certmin('equivalent', join(dir, 'red', r!.certificate), join(dir, 'dense', d!.certificate));
    expect([eq.code, eq.stdout]).toEqual([0, expect.stringMatching(/^same minimum/)]);
  });

  it('a point that is not near a symmetric one takes the dense path, as given', () => {
    const file = join(dir, 'noisy.json');
    writeFileSync(file, JSON.stringify(relabelledMinimum(1e-3, 2)));
    const res = certmin('certify', file, '--detect-symmetry', '--out', join(dir, 'noisy'), '--json');
    expect(res.code).toBe(0);
    const [r] = JSON.parse(res.stdout) as Row[];
    expect(r!.p).toBeUndefined();
    const cert = JSON.parse(readFileSync(join(dir, 'noisy', r!.certificate), 'utf8'));
    expect(cert.point.W).toBeDefined();
    expect(cert.point.compact).toBeUndefined();
  });
});
