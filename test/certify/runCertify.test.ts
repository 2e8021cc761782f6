import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactCompare } from '../../src/arith/exact.js';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import {
  certificateFileName,
  certifyToDirectory,
  distinctMinimaSummary,
  selectCandidates,
  skippedLines,
  summaryMarkdown,
  type SummaryRow,
} from '../../src/certify/runCertify.js';
import type { Candidate } from '../../src/io/candidate.js';
import { ANCHORS, REFERENCE_VALUES, anchorsPresent, referenceValues } from './fixtures.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'certmin-runcertify-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('candidate selection and file names', () => {
  const cand = (id: string, format: string, classification?: string): Candidate => ({
    id,
    d: 1,
    n: 1,
    W: [['1']],
    source: { file: 'f', format },
    ...(classification ? { stored: { classification } } : {}),
  });

  it('skips search entries classified global, below threshold or not converged, keeps everything else', () => {
    const { todo, skipped } = selectCandidates([
      cand('a', 'families-json', 'global'),
      cand('b', 'families-json', 'spurious-candidate'),
      cand('c', 'runs-jsonl', 'not-converged'),
      cand('d', 'runs-jsonl', 'saddle-candidate'),
      cand('e', 'mat'),
      cand('f', 'json', 'global'), // not search output: certified (the exact check decides global)
      cand('g', 'runs-jsonl', 'below-threshold'),
    ]);
    expect(todo.map((c) => c.id)).toEqual(['b', 'd', 'e', 'f']);
    expect(skipped.map((s) => [s.id, s.verdict, s.reason])).toEqual([
      ['a', 'skipped', 'search classification: global'],
      ['c', 'skipped', 'search classification: not-converged'],
      ['g', 'skipped', 'search classification: below-threshold'],
    ]);
  });

  it('lists skipped candidates one line per reason, not one row each', () => {
    const skipped = (id: string, reason: string): SummaryRow => ({ id, file: 'f', verdict: 'skipped', reason });
    const rows: SummaryRow[] = [
      { id: 'f#0', file: 'f', verdict: 'spurious-local-minimum', radius: '1e-35', mu: '0.005', lossLower: '0.1', lossUpper: '0.2' },
      ...Array.from({ length: 500 }, (_, i) => skipped(`f#${i + 1}`, 'search classification: below-threshold')),
      skipped('f#501', 'search classification: not-converged'),
    ];
    expect(skippedLines(rows)).toEqual([
      'skipped 500 candidates (search classification: below-threshold): f#1 … f#500',
      'f#501: skipped (search classification: not-converged)',
    ]);
    const md = summaryMarkdown(rows);
    expect(md).toContain('| f#0 |');
    expect(md).not.toContain('| f#1 |');
    expect(md).toContain('- skipped 500 candidates (search classification: below-threshold): f#1 … f#500');
  });

  it('states the distinct minima only as proved: repeats, undecided pairs, nothing for a shard', () => {
    const min = (id: string, extra: Partial<SummaryRow> = {}): SummaryRow => ({ id, file: 'f', verdict: 'spurious-local-minimum', lossLower: '0.1', lossUpper: '0.2', ...extra });
    const rows = [
      min('a', { notProvedDistinctFrom: ['c'] }),
      min('b', { sameAs: 'a', equivalence: 'same-minimum.b.a.json' }),
      min('c', { notProvedDistinctFrom: ['a'] }),
      { id: 'g', file: 'f', verdict: 'global-minimum' } as SummaryRow,
    ];
    expect(distinctMinimaSummary(rows)).toBe('3 families, at most 2 distinct minima (1 pair neither proved the same nor proved distinct)');
    const md = summaryMarkdown(rows);
    expect(md).toContain('- **b** is the same minimum as **a** up to a permutation (same-minimum.b.a.json)');
    expect(md).toContain('- **a** and **c**: neither proved the same minimum nor proved distinct');
    expect(summaryMarkdown(rows, false)).not.toContain('distinct');
    expect(distinctMinimaSummary(rows.slice(3))).toBeUndefined();
  });

  it('sanitises ids into safe file names', () => {
    expect(certificateFileName('Processed minima k=7.p#1')).toBe('Processed_minima_k_7.p_1.json');
    expect(certificateFileName('../../etc/passwd')).toBe('__.._etc_passwd.json'); // no '/', no leading '.'
    expect(certificateFileName('')).toBe('candidate.json');
  });
});

describe.skipIf(!anchorsPresent)('stored results of both published experiments (anchors, k ≤ 10)', () => {
  let rows: SummaryRow[];
  const out = () => join(root, 'anchors');
  beforeAll(() => {
    const mats = ['newExp-6-6.mat', 'newExp-7-7.mat', 'newExp-8-8.mat', 'newExp-8-9.mat', 'newExp-9-9.mat', 'newExp-10-10.mat'].map((f) =>
      resolve(ANCHORS, 'safran-shamir-2018', f),
    );
    const pickles = [6, 7, 8, 9, 10].map((k) => resolve(ANCHORS, 'safran-yehudai-shamir-2021', `Processed minima k=${k}.p`));
    rows = certifyToDirectory([...mats, ...pickles].filter((p) => existsSync(p)), { outDir: out() });
  });

  it('every .mat family is a certified spurious minimum whose loss enclosure contains the reference loss', () => {
    const ref = referenceValues(readFileSync(REFERENCE_VALUES, 'utf8'));
    const mat = rows.filter((r) => r.id.includes('.mat#'));
    expect(mat.length).toBeGreaterThanOrEqual(8);
    for (const r of mat) {
      expect(r.verdict, r.id).toBe('spurious-local-minimum');
      expect(r.multiplicity).toBeGreaterThan(0);
      const reference = ref.get(r.id);
      if (reference) {
        expect(exactCompare(r.lossLower!, reference.loss)).toBeLessThanOrEqual(0);
        expect(exactCompare(reference.loss, r.lossUpper!)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('every 2021 record is either the global minimum (F = 0 exactly) or a certified spurious minimum, with min_eig beside μ', () => {
    const p = rows.filter((r) => r.id.includes('.p#'));
    expect(p.length).toBeGreaterThanOrEqual(5);
    for (const r of p) {
      expect(['global-minimum', 'spurious-local-minimum']).toContain(r.verdict);
      expect(r.multiplicity).toBeGreaterThan(0);
      expect(r.storedMinEig).toBeGreaterThan(0);
      if (r.verdict === 'global-minimum') expect([r.lossLower, r.lossUpper]).toEqual(['0', '0']);
      else expect(Number(r.mu)).toBeLessThanOrEqual(r.storedMinEig!);
    }
    expect(p.filter((r) => r.verdict === 'global-minimum').length).toBe(5);
  });

  it('writes one certificate per candidate plus the summaries, and every certificate audits', () => {
    const files = readdirSync(out()).filter((f) => f.endsWith('.json') && f !== 'summary.json' && !f.startsWith('same-minimum.'));
    expect(files.length).toBe(rows.length);
    expect(JSON.parse(readFileSync(join(out(), 'summary.json'), 'utf8'))).toEqual(rows);
    for (const f of files.filter((f) => f.includes('k=') || f.includes('k_')).slice(0, 3)) {
      expect(auditCertificate(JSON.parse(readFileSync(join(out(), f), 'utf8')), { ldlMaxOrder: 0 }).ok).toBe(true);
    }
  });

  it('groups the minima: each 2021 record repeats the 2018 family of its k (sameAs, an equivalence certificate that audits)', () => {
    const minima = rows.filter((r) => r.verdict === 'spurious-local-minimum');
    const repeats = minima.filter((r) => r.sameAs !== undefined);
    // k = 7, 8, 9, 10 (two at k = 10): the float alignment of the stored points agrees (distances ~1e-8).
    expect(repeats.length).toBeGreaterThanOrEqual(5);
    for (const r of repeats) {
      // Input order: every .mat file comes first, so a repeat is a 2021 record pointing to a 2018 family of the same k.
      expect(r.id).toMatch(/\.p#/);
      expect(r.sameAs).toMatch(/\.mat#/);
      expect(r.id.match(/k=(\d+)/)![1]).toBe(r.sameAs!.match(/newExp-(\d+)-\1\.mat/)![1]);
      expect(existsSync(join(out(), r.equivalence!))).toBe(true);
    }
    const k7 = repeats.find((r) => r.id === 'Processed minima k=7.p#1');
    expect(k7?.sameAs).toBe('newExp-7-7.mat#0');
    const doc = JSON.parse(readFileSync(join(out(), k7!.equivalence!), 'utf8'));
    expect(doc.kind).toBe('equivalence');
    expect(auditCertificate(doc, { ldlMaxOrder: 0 }).ok).toBe(true);
    expect(rows.some((r) => r.notProvedDistinctFrom !== undefined)).toBe(false);
    const line = `${minima.length} families, ${minima.length - repeats.length} distinct minima`;
    expect(distinctMinimaSummary(rows)).toBe(line);
    expect(readFileSync(join(out(), 'summary.md'), 'utf8')).toContain(`${line}.`);
  });
});
