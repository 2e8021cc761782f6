import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCertificate, certificateJson } from '../../src/certificate/build.js';
import { readCertificate, shapeProblems, type Certificate } from '../../src/certificate/schema.js';
import type { CertifyResult } from '../../src/certify/certifyCandidate.js';
import { EQUIVALENCE_LEMMA } from '../../src/certify/equivalence.js';
import { MINIMUM_LEMMA } from '../../src/certify/lemma.js';
import { SADDLE_LEMMA } from '../../src/certify/saddleLemma.js';
import { OVERPARAM_CONCLUSION, OVERPARAM_CONDITIONS, OVERPARAM_THEOREM } from '../../src/certify/overparamConditions.js';
import type { Candidate } from '../../src/io/candidate.js';
import { parseJsonStrict, StrictJsonError } from '../../src/io/strictJson.js';
import { identityTeacherStrings } from '../../src/io/teacher.js';

const schemaFile = JSON.parse(readFileSync('schema/certificate.schema.json', 'utf8')) as { $defs: Record<string, unknown> };

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
const base = { W, polish: { steps: 2, distanceUpper: '1.5e-8' }, polished: true, precision: 40, anglePrecision: 20, seconds };
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
  local: { ...base, verdict: 'local-minimum', gradBound: '1e-30', mu: '0.5', rho: '8e-30', radius: '2e-30', lossLower: '-0.5', lossUpper: '0.25' },
  refused: {
    ...base,
    verdict: 'refused',
    reason: 'not-positive-definite',
    evidence: { lambdaMinFloat: -0.002 },
    hint: 'λ̃ < 0',
    lambdaFloat: -0.002,
  },
  refusedBox: {
    ...base,
    verdict: 'refused',
    reason: 'gradient-too-large',
    evidence: { gradBound: '1e-5', attempts: [{ mu: '0.1', rho: '4e-4' }] },
    hint: 'too large',
  },
};
const V2 = [
  ['1', '0', '0.5'],
  ['0', '1', '0.5'],
];
const certificates: Certificate[] = [
  ...Object.values(results).map((r) => buildCertificate(candidate, V2, r, new Date(0))),
  buildCertificate({ ...candidate, d: 2, n: 2, W: [['1', '0'], ['0', '1']] }, identityTeacherStrings(2), {
    ...base,
    verdict: 'global-minimum',
    lossLower: '0',
    lossUpper: '0',
    W: [['1', '0'], ['0', '1']],
  }),
];

/** Every JSON path of a document (objects and arrays included). */
function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
  return out;
}
function at(doc: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((x, p) => (x as Record<string | number, unknown>)[p], doc);
}

describe('certificate schema (version 2, validated by Ajv against the schema file)', () => {
  it('accepts every kind of certificate certify builds, and shapes are consistent', () => {
    expect(certificates.map((c) => c.kind)).toEqual(['minimum', 'minimum', 'refusal', 'refusal', 'global-minimum']);
    for (const c of certificates) {
      expect(readCertificate(structuredClone(c))).toEqual({ ok: true, certificate: c, version: 2 });
      expect(shapeProblems(c)).toEqual([]);
    }
    expect(certificates[4]!.problem.teacher).toEqual({ kind: 'identity' });
    expect(certificates[0]!.problem.teacher).toEqual({ kind: 'matrix', V: V2 });
  });

  it('states the lemma the code states', () => {
    expect((schemaFile.$defs.minimumLemmaStatement as { const: string }).const).toBe(MINIMUM_LEMMA.statement);
    expect((schemaFile.$defs.saddleLemmaStatement as { const: string }).const).toBe(SADDLE_LEMMA.statement);
    expect((schemaFile.$defs.overparamTheoremStatement as { const: string }).const).toBe(OVERPARAM_THEOREM);
    expect((schemaFile.$defs.equivalenceLemmaStatement as { const: string }).const).toBe(EQUIVALENCE_LEMMA.statement);
    expect((schemaFile.$defs.overparamConditions as { const: string }).const).toBe(OVERPARAM_CONDITIONS);
    const op = schemaFile.$defs.overparamCertificate as { properties: { claims: { properties: { conclusion: { const: string } } } } };
    expect(op.properties.claims.properties.conclusion.const).toBe(OVERPARAM_CONCLUSION);
  });

  it('rejects an unknown key added to any object except the open records (stored, provenance.details, seconds)', () => {
    const open = (path: (string | number)[]) =>
      path.includes('stored') || path.includes('details') || path[path.length - 1] === 'seconds';
    let checked = 0;
    for (const c of certificates) {
      for (const path of paths(c)) {
        const target = at(c, path);
        if (typeof target !== 'object' || target === null || Array.isArray(target) || open(path)) continue;
        const copy = structuredClone(c);
        (at(copy, path) as Record<string, unknown>).storedGlobal = true;
        const r = readCertificate(copy);
        expect(r.ok, `${path.join('.')}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('rejects free text in claims (a note, a hint) and claims that do not belong to the kind', () => {
    const spurious = structuredClone(certificates[0]!) as unknown as { claims: Record<string, unknown> };
    spurious.claims.note = 'and F(W*) = 0, so W* is a global minimum';
    expect(readCertificate(spurious).ok).toBe(false);
    const refusal = structuredClone(certificates[2]!) as unknown as { claims: Record<string, unknown> };
    refusal.claims.hint = 'anything';
    expect(readCertificate(refusal).ok).toBe(false);
    const refusal2 = structuredClone(certificates[2]!) as unknown as { claims: Record<string, unknown> };
    delete refusal2.claims.evidence;
    expect(readCertificate(refusal2).ok).toBe(false);
    const global = structuredClone(certificates[4]!) as unknown as { claims: Record<string, unknown> };
    global.claims.lossUpper = '0.1';
    expect(readCertificate(global).ok).toBe(false);
  });

  it('deleting any required field, or replacing any leaf by a value of another type, is rejected', () => {
    for (const c of certificates) {
      for (const path of paths(c)) {
        if (path.length === 0 || path.includes('stored') || path.includes('details') || path.includes('seconds')) continue;
        const parentPath = path.slice(0, -1);
        const parent = at(c, parentPath);
        const leaf = at(c, path);
        if (Array.isArray(parent)) continue;
        const optional = ['sha256', 'index', 'seed', 'multiplicity', 'stored', 'lambdaMinFloat', 'hint', 'details', 'gradBound', 'attempts', 'rho'];
        const last = String(path[path.length - 1]);
        if (!(parentPath.includes('evidence') || optional.includes(last))) {
          const del = structuredClone(c);
          delete (at(del, parentPath) as Record<string, unknown>)[last];
          expect(readCertificate(del).ok, `delete ${path.join('.')}`).toBe(false);
        }
        if (typeof leaf === 'string' || typeof leaf === 'number' || typeof leaf === 'boolean') {
          const rep = structuredClone(c);
          (at(rep, parentPath) as Record<string, unknown>)[last] = typeof leaf === 'object' ? 'x' : { value: leaf };
          expect(readCertificate(rep).ok, `replace ${path.join('.')}`).toBe(false);
        }
      }
    }
  });

  it('reports where a document is wrong, and never throws on garbage', () => {
    const bad = structuredClone(certificates[0]!) as unknown as Record<string, Record<string, unknown>>;
    bad.claims!.mu = '-1';
    delete bad.method!.rho;
    const v = readCertificate(bad);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.some((e) => e.startsWith('claims.mu'))).toBe(true);
      expect(v.errors.some((e) => e.startsWith('method') && e.includes('rho'))).toBe(true);
    }
    fc.assert(
      fc.property(fc.anything(), (x) => readCertificate(x).ok === false),
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

describe('version-1 certificates', () => {
  const v1 = () => ({
    schema: 'certmin-certificate',
    schemaVersion: 1,
    problem: certificates[0]!.problem,
    point: { W, candidate: { id: 'x', source: { file: 'x.json', format: 'json' } }, polish: { steps: 0, distanceUpper: '0' } },
    method: {
      lemma: 'strong-convexity-ball',
      lemmaVersion: 1,
      statement: MINIMUM_LEMMA.statement,
      precision: 40,
      anglePrecision: 20,
      pdEngine: 'rump-cholesky-2006',
      rho: '3.8e-35',
      mu: '0.01265',
    },
    claims: {
      verdict: 'spurious-local-minimum',
      gradBound: '1.2e-37',
      mu: '0.01265',
      radius: '9.5e-36',
      lossLower: '0.02',
      lossUpper: '0.03',
    } as Record<string, string>,
    provenance: { tool: 'certmin', version: '0.1.0', createdAt: 'x', seconds: { polish: 0, gradient: 0, hessian: 0, pdProof: 0, total: 0 } },
  });

  it('read as their version-2 view', () => {
    const r = readCertificate(v1());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.version).toBe(1);
      expect(r.certificate.kind).toBe('minimum');
      expect(r.certificate.claims).toEqual(v1().claims);
    }
  });

  it('with a note that certify did not write, or storedGlobal on a non-global certificate, are rejected', () => {
    const noted = v1();
    noted.claims.note = 'and F(W*) = 0, so W* is a global minimum';
    const r = readCertificate(noted);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/claims\.note/);
    const sg = v1() as unknown as { point: { candidate: Record<string, unknown> } };
    sg.point.candidate.storedGlobal = true;
    expect(readCertificate(sg).ok).toBe(false);
  });
});

describe('certificate JSON text', () => {
  it('prints matrix rows on one line and parses back (strictly) to the same document', () => {
    for (const c of certificates) {
      const text = certificateJson(c);
      expect(parseJsonStrict(text)).toEqual(c);
      expect(text).toContain(`[${c.point.W[0]!.map((x) => JSON.stringify(x)).join(', ')}]`);
    }
  });

  it('a duplicated key anywhere is refused (JSON.parse would silently keep the last one)', () => {
    const text = certificateJson(certificates[0]!);
    expect(() => parseJsonStrict(text.replace('"verdict": "spurious-local-minimum"', '"verdict": "spurious-local-minimum", "verdict": "local-minimum"'))).toThrow(
      /duplicated key "verdict" in the object at \.claims/,
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.jsonValue(), (obj, extra) => {
        const text2 = JSON.stringify(obj);
        const key = Object.keys(obj)[0]!;
        const dup = `{${JSON.stringify(key)}:${JSON.stringify(extra)},${text2.slice(1)}`;
        expect(() => parseJsonStrict(dup)).toThrow(StrictJsonError);
        expect(parseJsonStrict(text2)).toEqual(JSON.parse(text2));
      }),
      { numRuns: 300 },
    );
  });
});
