import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End-to-end tests of `certmin gallery` (runs from dist/: build first with `npx tsc -p tsconfig.json`).

let root: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/gallery.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-gallery-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('certmin gallery', () => {
  it('builds index, certificate pages and the experiment page; lists invalid files; rebuilds only what changed', () => {
    const src = join(root, 'g');
    cpSync('certificates/safran-shamir-2018/k06-n06', join(src, 'k06-n06'), { recursive: true });
    cpSync('certificates/safran-shamir-2018/searched.json', join(src, 'searched.json'));
    writeFileSync(join(src, 'broken.json'), JSON.stringify({ schema: 'certmin-certificate', schemaVersion: 2 }));
    const site = join(root, 'site');
    const r = certmin(['gallery', src, '--out', site, '--no-audit', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.certificates).toBe(1);
    expect(res.rendered).toBe(1);
    const index = readFileSync(join(site, 'index.html'), 'utf8');
    expect(index).toMatch(/<td class="count">1<\/td>/);
    expect(index).toMatch(/Not valid certificates \(1\)/);
    expect(existsSync(join(site, 'experiments', 'g-search.html'))).toBe(true);
    const page = readFileSync(join(site, 'c', 'g_k06-n06_families.json_1.html'), 'utf8');
    expect(page).toMatch(/No conclusion: the certificate was not audited/);
    const again = JSON.parse(certmin(['gallery', src, '--out', site, '--no-audit', '--json']).stdout);
    expect(again.rendered).toBe(0);
  });

  it('exit 2 for a missing folder or a folder without certificates', () => {
    const missing = certmin(['gallery', join(root, 'none'), '--out', join(root, 's2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^certmin: .*not a folder/);
    const empty = mkdtempSync(join(root, 'empty-'));
    const e = certmin(['gallery', empty, '--out', join(root, 's3')]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/no certificate found/);
  });
});
