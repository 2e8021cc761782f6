import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import type { SummaryRow } from '../../src/certify/runCertify.js';
import { permutedStart } from '../certify/equivalenceFixtures.js';
import { cyclicSaddle, searchSpuriousPoint } from '../certify/fixtures.js';

// End-to-end tests of `certmin equivalent`, and of certify's distinct-minima grouping through the
// CLI (runs from dist/: build first with `npx tsc -p tsconfig.json`, as `npm test` does).

let root: string;
let rows: SummaryRow[];
let stdout: string;
const cert = (name: string) => join(root, 'out', `${name}.json.json`);
beforeAll(() => {
  if (!existsSync('dist/src/cli/commands/equivalent.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-equivalent-cli-'));
  const pt = searchSpuriousPoint().pt;
  writeFileSync(join(root, 'first.json'), JSON.stringify({ W: pt.W }));
  writeFileSync(join(root, 'second.json'), JSON.stringify({ W: permutedStart(pt).W }));
  writeFileSync(join(root, 'saddle.json'), JSON.stringify({ W: cyclicSaddle().W }));
  const files = ['first.json', 'second.json', 'saddle.json'].map((f) => join(root, f));
  const r = certmin(['certify', ...files, '--out', join(root, 'out')]);
  if (r.code !== 0) throw new Error(r.stderr);
  stdout = r.stdout;
  rows = JSON.parse(readFileSync(join(root, 'out', 'summary.json'), 'utf8')) as SummaryRow[];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function certmin(args: string[]) {
  const r = spawnSync('node', ['bin/certmin.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('certmin certify: distinct minima', () => {
  it('the second point repeats the first: sameAs, an equivalence certificate that audits, "2 families, 1 distinct minimum"', () => {
    const [first, second] = rows as [SummaryRow, SummaryRow];
    expect(first.sameAs).toBeUndefined();
    expect(second.sameAs).toBe(first.id);
    const eq = join(root, 'out', second.equivalence!);
    expect(JSON.parse(readFileSync(eq, 'utf8')).kind).toBe('equivalence');
    expect(auditCertificate(JSON.parse(readFileSync(eq, 'utf8')), { ldlMaxOrder: 0 }).ok).toBe(true);
    expect(stdout).toMatch(/second\.json: spurious-local-minimum.*; the same minimum as first\.json \(same-minimum\./);
    expect(stdout).toMatch(/^2 families, 1 distinct minimum$/m);
    expect(readFileSync(join(root, 'out', 'summary.md'), 'utf8')).toMatch(/2 families, 1 distinct minimum\.\n\n- \*\*second\.json\*\* is the same minimum as \*\*first\.json\*\*/);
    // report: a short statement of the new kind
    const rep = certmin(['report', eq]);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/^# certmin equivalence certificate: /);
    expect(rep.stdout).toMatch(/\*\*Conclusion\.\*\* The local minimum certified for `first\.json` .* are the same up to a permutation/);
    const html = certmin(['report', eq, '--format', 'html']);
    expect(html.code).toBe(2);
    expect(html.stderr).toMatch(/an equivalence certificate has a Markdown statement only/);
  });
});

describe('certmin equivalent', () => {
  it('same minimum: writes the certificate with --out (which audits); --json', () => {
    const out = join(root, 'eq.json');
    const r = certmin(['equivalent', cert('second'), cert('first'), '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'same-minimum', certificate: out, detail: expect.stringMatching(/^π maps /) });
    expect(auditCertificate(JSON.parse(readFileSync(out, 'utf8')), { ldlMaxOrder: 0 }).ok).toBe(true);
  });

  it('exit 1 when an input certificate does not hold; exit 2 for a saddle or a different problem', () => {
    const doc = JSON.parse(readFileSync(cert('first'), 'utf8'));
    doc.claims.lossUpper = '0.001';
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc));
    const r = certmin(['equivalent', bad, cert('second')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: the certificate does not hold \(claim "lossUpper"\)/);

    const saddle = certmin(['equivalent', cert('first'), cert('saddle')]);
    expect(saddle.code).toBe(2);
    expect(saddle.stderr).toMatch(/saddle\.json\.json: a saddle certificate \(saddle\); equivalence needs two minimum certificates/);

    const other = JSON.parse(readFileSync(cert('first'), 'utf8'));
    other.problem.n = 8;
    const otherFile = join(root, 'other.json');
    writeFileSync(otherFile, JSON.stringify(other));
    const diff = certmin(['equivalent', cert('first'), otherFile]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toMatch(/different problems/);

  });
});
