import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCertificate } from '../../src/certificate/build.js';
import { shapeProblems, validateCertificate, type Certificate } from '../../src/certificate/schema.js';
import type { CertifyResult } from '../../src/certify/certifyCandidate.js';
import { LEMMA_STATEMENT } from '../../src/certify/lemma.js';
import type { Candidate } from '../../src/io/candidate.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';
import { makeValidator } from './jsonSchemaSubset.js';

const schemaFile = JSON.parse(readFileSync('schema/certificate.schema.json', 'utf8')) as Record<string, unknown>;
const schemaValid = makeValidator(schemaFile);

const W = [
  ['0.5', '-0.25', '1e-3'],
  ['0.125', '2', '-3.5'],
];
const candidate: Candidate = {
  id: 'point.json#0',
  d: 2,
  n: 3,
  W,
  source: { file: 'point.json', format: 'json', sha256: 'a'.repeat(64), index: 0, seed: '17' },
  multiplicity: 4,
  stored: { min_eig: 0.001, p: [1, 2] },
};
const seconds = { polish: 0.1, gradient: 0.2, screen: 0.05, hessian: 0.3, pdProof: 0.01, total: 0.7 };
const base = { W, polish: { steps: 2, distanceUpper: '1.5e-8' }, precision: 40, anglePrecision: 20, seconds };
const results: Record<string, CertifyResult> = {
  spurious: {
    ...base,
    verdict: 'spurious-local-minimum',
    gradBound: '1.2e-37',
    mu: '0.01265',
    rho: '3.8e-35',
    radius: '9.5e-36',
    lossLower: '0.0232027149135660758374278573449278695',
    lossUpper: '0.0232027149135660758374278573449278698',
    lambdaFloat: 0.014,
    pd: { t: 1e-14, rumpShift: 1e-13, muDouble: 0.01265, attempts: 1 },
  },
  local: {
    ...base,
    verdict: 'local-minimum',
    gradBound: '1e-30',
    mu: '0.5',
    rho: '8e-30',
    radius: '2e-30',
    lossLower: '-0.5',
    lossUpper: '0.25',
    note: 'n < k',
  },
  global: { ...base, verdict: 'global-minimum', lossLower: '0', lossUpper: '0', note: 'teacher' },
  refused: { ...base, verdict: 'refused', reason: 'not-positive-definite', hint: 'λ̃ < 0', lambdaFloat: -0.002 },
};
const V2 = [
  ['1', '0', '0.5'],
  ['0', '1', '0.5'],
];
const certificates: Certificate[] = [
  ...Object.values(results).map((r) => buildCertificate(candidate, V2, r, new Date(0))),
  buildCertificate({ ...candidate, d: 2, n: 2, W: [['1', '0'], ['0', '1']] }, identityTeacherStrings(2), {
    ...results.global!,
    W: [['1', '0'], ['0', '1']],
  }),
];

describe('certificate schema', () => {
  it('the hand-written validator and the JSON Schema file accept the certificates certify builds', () => {
    for (const c of certificates) {
      expect(validateCertificate(c)).toEqual({ ok: true, certificate: c });
      expect(schemaValid(c)).toBe(true);
      expect(shapeProblems(c)).toEqual([]);
    }
    expect(certificates[4]!.problem.teacher).toEqual({ kind: 'identity' });
    expect(certificates[0]!.problem.teacher).toEqual({ kind: 'matrix', V: V2 });
  });

  it('the schema file states the lemma the code states', () => {
    const method = (schemaFile.properties as Record<string, { properties: Record<string, { const?: string }> }>).method!;
    expect(method.properties.statement!.const).toBe(LEMMA_STATEMENT);
  });

  const interesting = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      '0',
      '-0',
      '0.0',
      '01',
      '.5',
      '1.',
      '1e5',
      '1e-99999',
      '1E+3',
      '-1.5e-7',
      'NaN',
      'Infinity',
      '',
      ' 1',
      'banana',
      'refused',
      'global-minimum',
      'spurious-local-minimum',
      'identity',
      'matrix',
      'a'.repeat(64),
      'A'.repeat(64),
    ),
    fc.constantFrom(0, -1, 1, 1.5, 9, 10, 1000, 1001, 2 ** 53, -0.5),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.constant([['1']]),
  );

  function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [prefix];
    if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
    return out;
  }

  function mutate(doc: unknown, path: (string | number)[], kind: 'delete' | 'replace' | 'add', value: unknown, key: string): unknown {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    if (path.length === 0) return kind === 'replace' ? value : copy;
    let parent: Record<string | number, unknown> = copy;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (kind === 'replace') {
      parent[last] = value;
    } else {
      const target = parent[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>)[key] = value;
      else if (Array.isArray(target)) target.push(value);
      else parent[last] = value;
    }
    return copy;
  }

  it('agree on thousands of mutated certificates (deleted, replaced and added fields)', () => {
    let invalid = 0;
    let total = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: certificates.length - 1 }),
        fc.nat(),
        fc.constantFrom('delete', 'replace', 'add'),
        interesting,
        fc.constantFrom('extra', 'V', 'rho', 'mu', 'reason', 'hint', 'sha256', 'kind'),
        fc.boolean(),
        (ci, pi, kind, value, key, twice) => {
          let doc: unknown = certificates[ci]!;
          const ps = paths(doc);
          doc = mutate(doc, ps[pi % ps.length]!, kind as 'delete' | 'replace' | 'add', value, key);
          if (twice) {
            const ps2 = paths(doc);
            doc = mutate(doc, ps2[(pi * 7 + 3) % ps2.length]!, 'replace', value, key);
          }
          const a = validateCertificate(doc).ok;
          const b = schemaValid(doc);
          total++;
          if (!b) invalid++;
          return a === b;
        },
      ),
      { numRuns: 3000 },
    );
    // The mutations are not vacuous: most of them make the document invalid, some do not.
    expect(invalid).toBeGreaterThan(total / 2);
    expect(invalid).toBeLessThan(total);
  });

  it('agree on every field replaced by every boundary value, and on every field deleted (exhaustive)', () => {
    const values: unknown[] = [
      ...['0', '-0', '0.0', '0e5', '00', '01', '.5', '1.', '1e5', '1e-9999', '1e-99999', '-1.5e-7', '2', 'x', '', 'NaN'],
      ...['refused', 'global-minimum', 'local-minimum', 'spurious-local-minimum', 'not-positive-definite', 'identity', 'matrix'],
      ...['a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'certmin', 'certmin-certificate', LEMMA_STATEMENT, 'strong-convexity-ball'],
      ...[0, -1, 1, 0.5, 9, 10, 11, 999, 1000, 1001, -0.001],
      ...[null, true, false, [], {}, [[]], [['1']], [['x']], ['1']],
    ];
    let checked = 0;
    for (const cert of certificates) {
      for (const path of paths(cert)) {
        const variants = [mutate(cert, path, 'delete', null, ''), ...values.map((v) => mutate(cert, path, 'replace', v, ''))];
        for (const doc of variants) {
          const a = validateCertificate(doc).ok;
          const b = schemaValid(doc);
          if (a !== b) throw new Error(`validators disagree (hand-written ${a}, schema ${b}) at ${path.join('.')}: ${JSON.stringify(doc).slice(0, 200)}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('reports where a document is wrong, and never throws on garbage', () => {
    const bad = structuredClone(certificates[0]!) as unknown as Record<string, Record<string, unknown>>;
    bad.claims!.mu = '-1';
    delete bad.method!.rho;
    const v = validateCertificate(bad);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.some((e) => e.startsWith('claims.mu'))).toBe(true);
      expect(v.errors.some((e) => e.startsWith('method') && e.includes('"rho"'))).toBe(true);
    }
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = validateCertificate(x);
        return r.ok === schemaValid(x);
      }),
      { numRuns: 500 },
    );
  });

  it('shapeProblems catches what JSON Schema cannot: W not d×n, V not d×k, identity with k ≠ d', () => {
    const c = structuredClone(certificates[0]!);
    c.problem.n = 2;
    expect(shapeProblems(c).join()).toMatch(/point\.W row 0 has 3 entries, expected 2/);
    const c2 = structuredClone(certificates[4]!);
    c2.problem.k = 3;
    expect(shapeProblems(c2).join()).toMatch(/identity teacher needs k = d/);
    const c3 = structuredClone(certificates[0]!);
    (c3.problem.teacher as { V: string[][] }).V.pop();
    expect(shapeProblems(c3).join()).toMatch(/teacher\.V has 1 rows/);
  });
});

describe('certificate JSON text', () => {
  it('prints matrix rows on one line and parses back to the same document', async () => {
    const { certificateJson } = await import('../../src/certificate/build.js');
    for (const c of certificates) {
      const text = certificateJson(c);
      expect(JSON.parse(text)).toEqual(c);
      expect(text).toContain(`[${c.point.W[0]!.map((x) => JSON.stringify(x)).join(', ')}]`);
    }
  });
});
