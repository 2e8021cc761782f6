import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { reportTex } from '../../src/certificate/report.js';
import { readCertificate } from '../../src/certificate/schema.js';
import { refusalCertificate, saddleCertificate, spuriousCertificate } from './reportFixtures.js';

// The LaTeX report compiles with pdflatex (texlive-latex-base) and the PDF's text (pdftotext,
// poppler-utils) holds the certificate's loss enclosure digits. .ci/run installs both when missing.

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = has('pdflatex') && has('pdftotext');
if (!tools) console.warn('reportTexCompile: SKIPPED — pdflatex/pdftotext not installed (apt-get install texlive-latex-base poppler-utils)');

const dir = mkdtempSync(join(tmpdir(), 'certmin-tex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function compile(name: string, tex: string): { ok: boolean; log: string; text: string } {
  writeFileSync(join(dir, `${name}.tex`), tex);
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) return { ok: false, log: r.stdout.split('\n').filter((l) => l.startsWith('!') || /Error/.test(l)).join('\n'), text: '' };
  const t = spawnSync('pdftotext', ['-layout', `${name}.pdf`, '-'], { cwd: dir, encoding: 'utf8' });
  return { ok: t.status === 0, log: t.stderr, text: t.stdout };
}

describe.skipIf(!tools)('LaTeX report', () => {
  it('a minimum certificate compiles, and the PDF holds the loss enclosure digits', () => {
    const c = spuriousCertificate();
    if (c.kind !== 'minimum') throw new Error('fixture');
    const r = compile('minimum', reportTex(c, auditCertificate(c)));
    expect(r.ok, r.log).toBe(true);
    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain(c.claims.lossLower);
    expect(text).toContain(c.claims.lossUpper);
    expect(text).toMatch(/Lemma \(strong-convexity ball, version 1\)/);
    expect(readFileSync(join(dir, 'minimum.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('saddle, refusal and overparam-conditions certificates compile too', () => {
    const s = saddleCertificate();
    if (s.kind !== 'saddle') throw new Error('fixture');
    const rs = compile('saddle', reportTex(s, auditCertificate(s)));
    expect(rs.ok, rs.log).toBe(true);
    expect(rs.text.replace(/\s+/g, ' ')).toContain(s.claims.lossLower);
    expect(rs.text).toMatch(/Banach/);
    const f = refusalCertificate();
    if (f.kind !== 'refusal') throw new Error('fixture');
    const rf = compile('refusal', reportTex(f, auditCertificate(f)));
    expect(rf.ok, rf.log).toBe(true);
    expect(rf.text).toContain(f.claims.reason);
    const read = readCertificate(JSON.parse(readFileSync('certificates/overparam/ss2018-k07-n07/newExp-7-7.mat_0.json', 'utf8')));
    if (!read.ok || read.certificate.kind !== 'overparam-conditions') throw new Error('fixture');
    const o = read.certificate;
    const ro = compile('overparam', reportTex(o, auditCertificate(o)));
    expect(ro.ok, ro.log).toBe(true);
    expect(ro.text.replace(/\s+/g, ' ')).toContain(o.claims.normSumUpper);
  }, 180_000);

  it('a broken document is reported as a failure (the check can fail)', () => {
    const r = compile('broken', '\\documentclass{article}\\begin{document}\\certnum{x}{1}\\end{document}');
    expect(r.ok).toBe(false);
  }, 60_000);
});
