import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `certmin demo` end to end (runs from dist/: build first with `npx tsc -p tsconfig.json`).

let root: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/demo.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-demo-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('certmin demo', () => {
  it('searches, certifies a spurious minimum, audits it and prints the proven statement, in under a minute', () => {
    const t0 = Date.now();
    const r = spawnSync('node', ['bin/certmin.js', 'demo', '--out', root], { encoding: 'utf8' });
    const seconds = (Date.now() - t0) / 1000;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1\. search: 200 gradient-descent runs/);
    expect(r.stdout).toMatch(/spurious-local-minimum, r = /);
    expect(r.stdout).toMatch(/all checks hold/);
    expect(r.stdout).toMatch(/There is a strict local minimum W\* of F with .*; since .* > 0 and n = 7 ≥ k₊ = 7, it is spurious\./);
    expect(readdirSync(join(root, 'certificates'))).toContain('summary.json');
    expect(seconds).toBeLessThan(60);
  });
});
