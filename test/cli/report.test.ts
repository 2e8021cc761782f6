import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSpuriousPoint } from '../certify/fixtures.js';

// End-to-end tests of `certmin report` (runs from dist/: build first with `npx tsc -p tsconfig.json`).

let root: string;
let good: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/report.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-report-cli-'));
  const pointFile = join(root, 'point.json');
  writeFileSync(pointFile, JSON.stringify({ W: searchSpuriousPoint().pt.W }));
  const r = certmin(['certify', pointFile, '--out', root]);
  if (r.code !== 0) throw new Error(r.stderr);
  good = join(root, 'point.json.json');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('certmin report', () => {
  it('prints the Markdown proof, or writes it with --out', () => {
    const r = certmin(['report', good]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# certmin certificate: point\.json/);
    expect(r.stdout).toMatch(/## The lemma/);
    expect(r.stdout).toMatch(/> There is a strict local minimum W\* of F with .* it is spurious\./);
    const out = join(root, 'proof.md');
    const w = certmin(['report', good, '--format', 'md', '--out', out]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    // Same report (the audit's running time in the first lines may differ between the two runs).
    const timeless = (s: string) => s.replace(/\(\d+\.\d+ s\)/g, '(… s)');
    expect(timeless(readFileSync(out, 'utf8'))).toBe(timeless(r.stdout));
  });

  it('--format html writes one self-contained page; --format tex a LaTeX document with the certificate numbers', () => {
    const cert = JSON.parse(readFileSync(good, 'utf8'));
    const html = join(root, 'proof.html');
    const h = certmin(['report', good, '--format', 'html', '--out', html]);
    expect(h.code, h.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain(`data-field="claims.lossLower">${cert.claims.lossLower}</span>`);
    expect(page).toMatch(/<svg[\s\S]*<path/);
    const t = certmin(['report', good, '--format', 'tex']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^\\documentclass/);
    expect(t.stdout).toContain(`\\certnum{claims.lossUpper}{${cert.claims.lossUpper}}`);
  });

  it('exit 1 (report still written, flagged) for a certificate that does not hold; exit 2 for bad input', () => {
    const cert = JSON.parse(readFileSync(good, 'utf8'));
    cert.claims.lossUpper = '0.001';
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify(cert));
    const r = certmin(['report', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/AUDIT FAILED/);
    expect(r.stderr).toMatch(/claim "lossUpper"/);

    const garbage = join(root, 'garbage.json');
    writeFileSync(garbage, '[1, 2');
    for (const args of [['report', garbage], ['report', join(root, 'none.json')], ['report', good, '--format', 'pdf']]) {
      const e = certmin(args);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.stderr).toMatch(/^certmin: /);
    }
    writeFileSync(garbage, '{"schema": "certmin-certificate"}');
    expect(certmin(['report', garbage]).code).toBe(2);
  });
});
