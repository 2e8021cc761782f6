import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built CLI (npx tsc -p tsconfig.json first).
const A18 = '../shared/anchors/safran-shamir-2018';
const A21 = '../shared/anchors/safran-yehudai-shamir-2021';
const haveAnchors = existsSync(A18) && existsSync(A21);
const dir = mkdtempSync(join(tmpdir(), 'certmin-convert-'));

function certmin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('certmin convert', () => {
  it('writes a point file as a JSON candidate list on stdout, keeping the decimal text', () => {
    const p = join(dir, 'p.csv');
    writeFileSync(p, '0.1,-2\n3,4.50\n');
    const r = certmin('convert', p, '--to', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ id: 'p.csv', d: 2, n: 2, W: [['0.1', '-2'], ['3', '4.50']] }]);
  });

  it('bad input exits 2 with one line on stderr', () => {
    const r = certmin('convert', join(dir, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^certmin: .*missing\.json: no such file/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '1,2\n3\n');
    const r2 = certmin('convert', bad);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(`certmin: ${bad}:2: 1 fields, line 1 has 2 (ragged rows)\n`);
    const r3 = certmin('convert', bad, '--to', 'yaml');
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/unknown output format 'yaml'/);
  });

  it.skipIf(!haveAnchors)('converts the anchors to a file that reads back identically', () => {
    for (const src of [`${A18}/newExp-10-10.mat`, `${A21}/Processed minima k=10.p`]) {
      const out = join(dir, 'out', 'c.json');
      const r = certmin('convert', src, '--to', 'json', '--out', out);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const list = JSON.parse(readFileSync(out, 'utf8')) as { id: string; d: number; n: number; multiplicity: number; W: string[][] }[];
      expect(list.length).toBeGreaterThan(1);
      for (const c of list) {
        expect(c.W).toHaveLength(c.d);
        for (const row of c.W) expect(row).toHaveLength(c.n);
      }
      // reading the converted file back gives the same records
      const again = certmin('convert', out);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(readFileSync(out, 'utf8'));
    }
    const mat = JSON.parse(certmin('convert', `${A18}/newExp-10-10.mat`).stdout) as { id: string; multiplicity: number }[];
    expect(mat.map((c) => [c.id, c.multiplicity])).toEqual([['newExp-10-10.mat#0', 312], ['newExp-10-10.mat#1', 34]]);
  });
});
