import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificate } from '../../src/certificate/schema.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';
import type { SummaryRow } from '../../src/certify/runCertify.js';

// End-to-end tests of `certmin certify` through bin/certmin.js (runs from dist/: build first with
// `npx tsc -p tsconfig.json`, as `npm test` does).

let root: string;
let pointFile: string;
let saddleFile: string;
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/certify.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-certify-cli-'));
  pointFile = join(root, 'point.json');
  writeFileSync(pointFile, JSON.stringify({ W: searchSpuriousPoint().pt.W }));
  saddleFile = join(root, 'saddle.json');
  writeFileSync(saddleFile, JSON.stringify({ W: cyclicSaddle().W }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One row of `certify --json` (the rows of summary.json). */
type Row = SummaryRow;

describe('certmin certify', () => {
  it('certifies a point file: certificate, summary.md/json, --json rows; a second run resumes', () => {
    const out = join(root, 'c1');
    const r = certmin(['certify', pointFile, saddleFile, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows.map((x) => x.verdict)).toEqual(['spurious-local-minimum', 'saddle']);
    const [ok, saddle] = rows as [Row, Row];
    for (const key of ['id', 'radius', 'mu', 'gradBound', 'lossLower', 'lossUpper', 'seconds'] as const) expect(ok[key]).toBeDefined();
    expect(ok.morseIndex).toBeUndefined();
    expect(saddle.morseIndex).toBe(1);
    for (const key of ['radius', 'lossLower', 'lossUpper', 'certificate'] as const) expect(saddle[key]).toBeDefined();
    expect(saddle.mu).toBeUndefined();
    const saddleCert = JSON.parse(readFileSync(join(out, saddle.certificate!), 'utf8'));
    expect(saddleCert.kind).toBe('saddle');
    expect(saddleCert.claims.radius).toBe(saddle.radius);
    expect(certmin(['audit', join(out, saddle.certificate!)]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['point.json.json', 'saddle.json.json', 'summary.json', 'summary.md']);
    const cert = JSON.parse(readFileSync(join(out, 'point.json.json'), 'utf8'));
    expect(readCertificate(cert)).toMatchObject({ ok: true, version: 2 });
    expect(cert.claims.radius).toBe(ok.radius);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(rows);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/\| point\.json \| {2}\| spurious-local-minimum \|/);
    expect(md).toMatch(/\| saddle\.json \| {2}\| saddle \(index 1\) \|/);
    const counts = '2 candidates: 1 spurious minima, 0 local minima, 1 saddles (indices 1), 0 global, 0 refused';
    expect(md).toContain(`${counts}.`);

    const again = certmin(['certify', pointFile, saddleFile, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/point\.json: spurious-local-minimum.*\(resumed\)/);
    expect(again.stdout).toMatch(/saddle\.json: saddle of Morse index 1, .*\(resumed\)/);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(counts);
    const cert2 = JSON.parse(readFileSync(join(out, 'point.json.json'), 'utf8'));
    expect(cert2.provenance.createdAt).toBe(cert.provenance.createdAt);
    // A different precision is a different certificate: not resumed.
    const p60 = certmin(['certify', pointFile, '--out', out, '--precision', '60', '--json']);
    expect((JSON.parse(p60.stdout) as Row[])[0]!.resumed).toBeUndefined();
  });

  it('resume never reports another problem\'s certificate, nor one that fails audit', () => {
    const out = join(root, 'resume');
    const first = certmin(['certify', pointFile, '--out', out, '--json']);
    expect((JSON.parse(first.stdout) as Row[])[0]!.verdict).toBe('spurious-local-minimum');
    // Another teacher (2·I): same file, same id, same precision — a different problem, where the point is not critical.
    const d = searchSpuriousPoint().pt.d;
    const twoI = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, j) => (j === a ? '2' : '0')));
    const teacherFile = join(root, 'scaled-teacher.json');
    writeFileSync(teacherFile, JSON.stringify({ V: twoI }));
    const other = certmin(['certify', pointFile, '--out', out, '--teacher', teacherFile, '--json']);
    expect(other.code, other.stderr).toBe(0);
    const row = (JSON.parse(other.stdout) as Row[])[0]!;
    expect(row.resumed).toBeUndefined();
    const fresh = JSON.parse(readFileSync(join(out, row.certificate!), 'utf8'));
    expect(fresh.problem.teacher).toEqual({ kind: 'matrix', V: twoI });
    expect(certmin(['audit', join(out, row.certificate!)]).code).toBe(0);
    // A planted certificate for the right problem whose claim is false is certified afresh.
    certmin(['certify', pointFile, '--out', out]);
    const path = join(out, 'point.json.json');
    const planted = JSON.parse(readFileSync(path, 'utf8'));
    planted.claims.lossUpper = '0.001';
    planted.provenance.createdAt = 'planted';
    writeFileSync(path, JSON.stringify(planted));
    const again = certmin(['certify', pointFile, '--out', out, '--json']);
    const row2 = (JSON.parse(again.stdout) as Row[])[0]!;
    expect(row2.resumed).toBeUndefined();
    expect(Number(row2.lossUpper)).toBeGreaterThan(0.001);
    expect(JSON.parse(readFileSync(path, 'utf8')).provenance.createdAt).not.toBe('planted');
  });

  it('--no-polish certifies the point as given (larger radius, zero polishing steps)', () => {
    const out = join(root, 'nopolish');
    const r = certmin(['certify', pointFile, '--out', out, '--no-polish', '--json']);
    expect(r.code).toBe(0);
    const row = (JSON.parse(r.stdout) as Row[])[0]!;
    expect(row.verdict).toBe('spurious-local-minimum');
    expect(Number(row.radius)).toBeGreaterThan(1e-15);
    const cert = JSON.parse(readFileSync(join(out, row.certificate!), 'utf8'));
    expect(cert.point.polish.steps).toBe(0);
    // The centre is the input point itself: the same numbers, exactly.
    const input = JSON.parse(readFileSync(pointFile, 'utf8')).W as string[][];
    input.forEach((row, a) => row.forEach((x, i) => expect(new Big(cert.point.W[a][i]).eq(x)).toBe(true)));
  });

  it('certifies search output: families.json and runs.jsonl, skipping global and unconverged entries', () => {
    const search = join(root, 'search');
    const s = certmin(['search', '--preset', 'safran-shamir-2018', '--k', '7', '--runs', '40', '--seed', '1', '--workers', '1', '--out', search]);
    expect(s.code, s.stderr).toBe(0);
    const fam = certmin(['certify', join(search, 'families.json'), '--out', join(root, 'fam'), '--json']);
    expect(fam.code, fam.stderr).toBe(0);
    const rows = JSON.parse(fam.stdout) as Row[];
    const families = JSON.parse(readFileSync(join(search, 'families.json'), 'utf8')).families as {
      classification: string;
      multiplicity: number;
    }[];
    expect(rows).toHaveLength(families.length);
    for (const row of rows) {
      const f = families[Number(row.id.split('#')[1])]!;
      if (f.classification === 'global' || f.classification === 'not-converged') {
        expect(row.verdict).toBe('skipped');
      } else {
        expect(row.verdict).toBe('spurious-local-minimum');
        expect(row.multiplicity).toBe(f.multiplicity);
        expect(row.storedMinEig).toBeGreaterThan(Number(row.mu));
      }
    }
    expect(rows.some((r) => r.verdict === 'spurious-local-minimum')).toBe(true);

    const runs = certmin(['certify', join(search, 'runs.jsonl'), '--out', join(root, 'runs'), '--json']);
    expect(runs.code).toBe(0);
    const runRows = JSON.parse(runs.stdout) as Row[];
    const lines = readFileSync(join(search, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const certified = runRows.filter((r) => r.verdict !== 'skipped').length;
    expect(certified).toBe(lines.filter((l) => l.classification === 'spurious-candidate' || l.classification === 'saddle-candidate').length);
    expect(runRows.filter((r) => r.verdict === 'skipped').length).toBe(lines.length - certified);
  });

  it('exit 2 on unusable input, with one line on stderr', () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, '{"W": [[1, 2], [3]]');
    for (const args of [
      ['certify', join(root, 'missing.json')],
      ['certify', bad],
      ['certify', pointFile, '--precision', '5'],
      ['certify', pointFile, '--teacher', join(root, 'missing-teacher.csv')],
    ]) {
      const r = certmin([...args, '--out', join(root, 'never')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^certmin: /);
    }
    expect(existsSync(join(root, 'never', 'summary.json'))).toBe(false);
  });

  const anchors = resolve('../shared/anchors');
  const mat1516 = join(anchors, 'safran-shamir-2018', 'newExp-15-16.mat');
  it.skipIf(!existsSync(mat1516))(
    'newExp-15-16.mat: family 6 is certified a saddle of index 2, every other family a spurious minimum (anchors)',
    () => {
      const out = join(root, 'k15-n16');
      const r = certmin(['certify', mat1516, '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout) as Row[];
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        if (row.id === 'newExp-15-16.mat#6') {
          expect(row.verdict).toBe('saddle');
          expect(row.morseIndex).toBe(2);
          expect(Number(row.radius)).toBeLessThan(1e-30);
        } else {
          expect(row.verdict, row.id).toBe('spurious-local-minimum');
        }
      }
      const md = readFileSync(join(out, 'summary.md'), 'utf8');
      expect(md).toContain(`${rows.length} candidates: ${rows.length - 1} spurious minima, 0 local minima, 1 saddles (indices 2), 0 global, 0 refused.`);
      const saddle = rows.find((x) => x.verdict === 'saddle')!;
      expect(certmin(['audit', join(out, saddle.certificate!)]).code).toBe(0);
    },
    120_000,
  );
  const mat = join(anchors, 'safran-shamir-2018', 'newExp-7-7.mat');
  const pickle = join(anchors, 'safran-yehudai-shamir-2021', 'Processed minima k=7.p');
  it.skipIf(!existsSync(mat) || !existsSync(pickle))(
    'stored results: multiplicity, stored min_eig beside μ, and the global record reported as such',
    () => {
      const r = certmin(['certify', mat, pickle, '--out', join(root, 'stored'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout) as Row[];
      const byId = new Map(rows.map((x) => [x.id, x]));
      const m = byId.get('newExp-7-7.mat#0')!;
      expect(m.verdict).toBe('spurious-local-minimum');
      expect(m.multiplicity).toBe(55);
      const g = byId.get('Processed minima k=7.p#0')!;
      expect(g.verdict).toBe('global-minimum');
      expect([g.lossLower, g.lossUpper]).toEqual(['0', '0']);
      const s = byId.get('Processed minima k=7.p#1')!;
      expect(s.verdict).toBe('spurious-local-minimum');
      expect(s.storedMinEig).toBeCloseTo(0.014059, 5);
      expect(Number(s.mu)).toBeLessThanOrEqual(s.storedMinEig!);
      const md = readFileSync(join(root, 'stored', 'summary.md'), 'utf8');
      expect(md).toMatch(/Processed minima k=7\.p#1 \| 27 \| spurious-local-minimum \| [^|]+ \| 0\.01265 \| 0\.01406 \|/);
    },
  );
});
