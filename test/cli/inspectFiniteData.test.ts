import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeGridPoint } from '../../src/objective/gridClassify.js';
import { defaultProblem, thetaOfPoint } from '../../src/objective/gridData.js';
import { gridFloatProblem } from '../../src/objective/gridFloat.js';

// Runs the built CLI (npx tsc -p tsconfig.json first).
const dir = mkdtempSync(join(tmpdir(), 'certmin-inspect-grid-'));
function certmin(...args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

const teacherSplit = {
  setting: 'grid-teacher-2d',
  activation: 'sigmoid',
  W: [['0.6', '-0.5', '-0.2', '0.1', '-0.2'], ['0.5', '0.5', '-0.6', '-0.6', '-0.6']],
  a: ['1', '-1', '0.25', '-1', '0.75'],
};

describe('certmin inspect on finite-data points', () => {
  it('--json prints the float summary: loss, gradNorm, spectrum counts, classification, embedding', () => {
    const r = certmin('inspect', file('split.json', teacherSplit), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const p = defaultProblem('sigmoid');
    const expected = summarizeGridPoint(p, gridFloatProblem(p, 5), thetaOfPoint(teacherSplit));
    expect(out).toMatchObject({
      setting: 'grid-teacher-2d',
      activation: 'sigmoid',
      n: 5,
      P: 1681,
      data: 'grid-41x41',
      teacher: 'simsek-4',
      classification: 'global-candidate',
      evidence: 'float (not a proof)',
      negativeEigenvalues: expected.negativeEigenvalues,
      zeroEigenvalues: expected.zeroEigenvalues,
      embedding: { reducedN: 4, level: 1, duplicates: [[2, 4]], zeroOutput: [] },
    });
    expect(out.loss).toBe(expected.loss);
    expect(out.gradNorm).toBe(expected.gradNorm);
    expect(out.lambdaMin).toBe(expected.lambdaMin);
  });

  it('prints text, honours the thresholds, and refuses --teacher for finite-data points', () => {
    const p = file('split2.json', teacherSplit);
    const text = certmin('inspect', p);
    expect(text.stdout).toMatch(/global candidate \(loss below the threshold\)/);
    expect(text.stdout).toMatch(/width 4 network, level 1: duplicates \{2, 4\}/);
    const strict = JSON.parse(certmin('inspect', p, '--json', '--global-threshold', '1e-300').stdout) as Record<string, unknown>;
    expect(strict.classification).toBe('degenerate');
    const bad = certmin('inspect', p, '--teacher', 'identity');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--teacher applies to population points/);
  });

  it('convert refuses finite-data points; certify settles them (here the teacher split: a global minimum)', () => {
    const p = file('split3.json', teacherSplit);
    const conv = certmin('convert', p, '--to', 'json');
    expect(conv.code).toBe(2);
    expect(conv.stderr).toMatch(/finite-data points \(setting grid-teacher-2d\)/);
    const out = join(dir, 'c');
    const cert = certmin('certify', p, '--out', out, '--json');
    expect(cert.code).toBe(0);
    const rows = JSON.parse(cert.stdout) as { verdict: string; certificate: string }[];
    expect(rows.map((r) => r.verdict)).toEqual(['global-minimum']);
    expect(certmin('audit', join(out, rows[0]!.certificate)).code).toBe(0);
  });
});
