import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizePoint } from '../../src/objective/classify.js';
import { identityTeacher, makeProblem, matrixToNeuronMajor } from '../../src/objective/reluFloat.js';

// Runs the built CLI (npx tsc -p tsconfig.json first).
const A18 = '../shared/anchors/safran-shamir-2018';
const dir = mkdtempSync(join(tmpdir(), 'certmin-inspect-'));

function certmin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const FIELDS = ['d', 'n', 'k', 'loss', 'gradNorm', 'gradNormMaxNeuron', 'lambdaMin', 'classification'];

describe('certmin inspect', () => {
  it('--json prints one object with the float summary of a single point', () => {
    const W = [
      [0.9, 0.2, -0.1],
      [0.1, 1.1, 0.3],
    ];
    const p = file('p.csv', W.map((r) => r.join(',')).join('\n') + '\n');
    const r = certmin('inspect', p, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const f of FIELDS) expect(out).toHaveProperty(f);
    const expected = summarizePoint(makeProblem(2, 3, identityTeacher(2)), matrixToNeuronMajor(W));
    expect(out).toMatchObject({ d: 2, n: 3, k: 2, teacher: 'identity', classification: expected.classification });
    expect(out.loss).toBe(expected.loss);
    expect(out.gradNorm).toBe(expected.gradNorm);
    expect(out.gradNormMaxNeuron).toBe(expected.gradNormMaxNeuron);
    expect(out.lambdaMin).toBe(expected.lambdaMin);
    expect(expected.classification).toBe('not-converged');
  });

  it("uses the candidate's own V unless --teacher is given", () => {
    const p = file('wv.json', JSON.stringify({ W: [['1', '0.5'], ['0.25', '-1'], ['0', '2']], V: [['1'], ['0'], ['0']] }));
    const own = JSON.parse(certmin('inspect', p, '--json').stdout) as Record<string, unknown>;
    expect(own).toMatchObject({ d: 3, n: 2, k: 1, teacher: 'candidate' });
    const t = file('t.csv', '1,0\n0,1\n0,0\n');
    const given = JSON.parse(certmin('inspect', p, '--json', '--teacher', t).stdout) as Record<string, unknown>;
    expect(given).toMatchObject({ d: 3, n: 2, k: 2, teacher: t });
    const id = JSON.parse(certmin('inspect', p, '--json', '--teacher', 'identity').stdout) as Record<string, unknown>;
    expect(id).toMatchObject({ k: 3, teacher: 'identity' });
    expect(id.loss).not.toBe(own.loss);
  });

  it('classifies the global minimum and reports an undefined Hessian at a zero neuron', () => {
    const g = JSON.parse(certmin('inspect', file('g.csv', '1,0\n0,1\n'), '--json').stdout) as Record<string, unknown>;
    expect(g.classification).toBe('near-global');
    expect(Math.abs(g.loss as number)).toBeLessThan(1e-15);
    const z = JSON.parse(certmin('inspect', file('z.csv', '1,0,0\n0,1,0\n'), '--json').stdout) as Record<string, unknown>;
    expect(z.classification).toBe('near-global');
    expect(z.lambdaMin).toBeNull();
    expect(z.note).toMatch(/neuron 2 is zero/);
  });

  it.skipIf(!existsSync(A18))('inspects every candidate of a file: an array, matching the reference values', () => {
    const r = certmin('inspect', `${A18}/newExp-9-9.mat`, '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, number | string>[];
    expect(list).toHaveLength(2);
    const ref = [0.0271820869645, 0.0101656221551]; // REFERENCE-VALUES.md (polished points)
    list.forEach((c, i) => {
      expect(c).toMatchObject({ d: 9, n: 9, k: 9, classification: 'minimum-candidate' });
      expect(Math.abs((c.lambdaMin as number) - ref[i]!)).toBeLessThan(1e-7);
      expect(c.gradNormMaxNeuron as number).toBeLessThan(1e-9);
    });
    const human = certmin('inspect', `${A18}/newExp-9-9.mat`);
    expect(human.code).toBe(0);
    expect(human.stdout.match(/^newExp-9-9\.mat#\d$/gm)).toHaveLength(2);
    expect(human.stdout).toMatch(/smallest Hessian eigenvalue\s+2\.718208\d*e-2/);
    expect(human.stdout).toMatch(/classification \(float\)\s+minimum-candidate/);
  });

  it('bad input exits 2 with one line on stderr', () => {
    const cases = [
      file('ragged.csv', '1,2\n3\n'),
      file('nan.csv', '1,NaN\n3,4\n'),
      file('empty.csv', ''),
      file('nan.json', '{"W": [[1, 2], [3, "x"]]}'),
    ];
    for (const p of cases) {
      const r = certmin('inspect', p, '--json');
      expect(r.code, p).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^certmin: /);
    }
    // Teacher with the wrong number of rows (file given, and carried by the candidate).
    const point = file('ok.csv', '1,2\n3,4\n');
    const r1 = certmin('inspect', point, '--teacher', file('t3.csv', '1\n0\n0\n'));
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/^certmin: .*3 rows.*d = 2/);
    expect(r1.stderr.trim().split('\n')).toHaveLength(1);
    const r2 = certmin('inspect', file('wv3.json', JSON.stringify({ W: [['1', '2'], ['3', '4']], V: [['1'], ['0'], ['0']] })));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^certmin: .*wv3\.json.*3 rows/);
    expect(r2.stderr.trim().split('\n')).toHaveLength(1);
    const r3 = certmin('inspect', point, '--grad-tol', 'abc');
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--grad-tol/);
  });
});
