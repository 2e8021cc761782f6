import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSpuriousPoint } from '../certify/fixtures.js';

// End-to-end tests of `certmin audit` (runs from dist/: build first with `npx tsc -p tsconfig.json`).

let root: string;
let good: string;
let cert: Record<string, Record<string, unknown>>;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/audit.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-audit-cli-'));
  const pointFile = join(root, 'point.json');
  writeFileSync(pointFile, JSON.stringify({ W: searchSpuriousPoint().pt.W }));
  const r = certmin(['certify', pointFile, '--out', join(root, 'good')]);
  if (r.code !== 0) throw new Error(r.stderr);
  good = join(root, 'good', 'point.json.json');
  cert = JSON.parse(readFileSync(good, 'utf8'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tampered(name: string, edit: (c: Record<string, Record<string, unknown>>) => void): string {
  const c = structuredClone(cert);
  edit(c);
  const path = join(root, `${name}.json`);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

describe('certmin audit', () => {
  it('exit 0 when every certificate holds; directories are searched and summary files skipped', () => {
    const r = certmin(['audit', join(root, 'good')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/OK {3}.*point\.json\.json: spurious-local-minimum holds/);
    expect(r.stdout).toMatch(/1 file\(s\): 1 hold, 0 fail; 1 non-certificate JSON file\(s\) skipped/);
  });

  it('exit 1 for tampered certificates, naming the claim that fails', () => {
    const cases: [string, (c: Record<string, Record<string, unknown>>) => void, string][] = [
      ['radius', (c) => (c.claims!.radius = new Big(c.claims!.radius as string).times('0.5').toFixed()), 'radius'],
      ['lossLower', (c) => (c.claims!.lossLower = '0.0233'), 'lossLower'],
      ['mu', (c) => (c.claims!.mu = c.method!.mu = '0.5'), 'curvature'],
      ['claims.mu only', (c) => (c.claims!.mu = '0.5'), 'mu'],
      ['point', (c) => ((c.point!.W as string[][])[2]![3] = '0.123'), 'gradBound'],
    ];
    for (const [name, edit, claim] of cases) {
      const r = certmin(['audit', tampered(name, edit)]);
      expect(r.code, name).toBe(1);
      expect(r.stdout).toContain(`claim "${claim}" does not hold`);
    }
    // A directory with one good and one bad certificate fails as a whole.
    const dir = join(root, 'mixed');
    mkdirSync(dir);
    copyFileSync(good, join(dir, 'a.json'));
    copyFileSync(join(root, 'radius.json'), join(dir, 'b.json'));
    const r = certmin(['audit', dir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; status: string; failedClaim?: string }[];
    expect(out.map((o) => o.status)).toEqual(['held', 'failed']);
    expect(out[1]!.failedClaim).toBe('radius');
  });

  it('schema-invalid certificates are failed audits (exit 1); unusable input is exit 2, nothing crashes', () => {
    const invalid = join(root, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ schema: 'certmin-certificate', hello: 1 }));
    const r1 = certmin(['audit', invalid]);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(/FAIL .*not a valid certificate/);
    expect(r1.stderr).toBe('');

    // Unusable input is exit 2 with one line on stderr, before anything is audited.
    const garbage = join(root, 'garbage.json');
    writeFileSync(garbage, '{"schema": "certmin-certificate", ');
    const r2 = certmin(['audit', good, garbage]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^certmin: ${garbage}: not a certmin certificate: not JSON \\(.*\\)\n$`));
    expect(r2.stdout).toBe('');

    const r3 = certmin(['audit', join(root, 'no-such-file.json')]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe(`certmin: ${join(root, 'no-such-file.json')}: no such file or directory\n`);

    const empty = join(root, 'empty-dir');
    mkdirSync(empty);
    const r4 = certmin(['audit', empty]);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/^certmin: audit: no certificates found/);
  });
});
