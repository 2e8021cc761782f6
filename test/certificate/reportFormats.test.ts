import { beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate, type AuditResult } from '../../src/certificate/audit/index.js';
import { reportHtml, reportMarkdown, reportTex } from '../../src/certificate/report.js';
import { buildReportModel } from '../../src/certificate/report/buildModel.js';
import { numbersOf } from '../../src/certificate/report/model.js';
import { readCertificate, type Certificate } from '../../src/certificate/schema.js';
import { readFileSync } from 'node:fs';
import { refusalCertificate, saddleCertificate, spuriousCertificate } from './reportFixtures.js';

// The HTML and LaTeX reports carry exactly the certificate's numbers: every number is parsed
// back out of the rendered document and compared with the certificate field (or the audit's
// recomputation) it names; every decimal claim appears.

interface Parsed {
  field: string;
  value: string;
}

function htmlNumbers(html: string): Parsed[] {
  const out: Parsed[] = [];
  const re = /<span class="num [a-z]+" data-field="([^"]+)">((?:<span class="(?:common|tail)">[^<]*<\/span>)+|[^<]*)<\/span>/g;
  for (const m of html.matchAll(re)) out.push({ field: m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'), value: m[2]!.replace(/<[^>]*>/g, '') });
  return out;
}

function texNumbers(tex: string): Parsed[] {
  return [...tex.matchAll(/\\certnum\{([^}]*)\}\{([^}]*)\}/g)].map((m) => ({ field: m[1]!, value: m[2]! }));
}

function at(obj: unknown, path: string): unknown {
  let x: unknown = obj;
  for (const key of path.split('.')) x = (x as Record<string, unknown> | undefined)?.[key];
  return x;
}

/** Mismatches between parsed numbers and their sources (empty = all carry the certificate's digits). */
function mismatches(parsed: Parsed[], c: Certificate, audit: AuditResult): string[] {
  const bad: string[] = [];
  for (const { field, value } of parsed) {
    let expected: unknown;
    if (/^(claims|method|point|minimum)\./.test(field)) expected = at(c, field);
    else if (field.startsWith('audit.')) {
      const key = field.slice('audit.'.length) as keyof NonNullable<AuditResult['recomputed']>;
      const v = audit.recomputed?.[key];
      expected = key === 't' && typeof v === 'number' ? v.toExponential(4) : v;
    } else if (field.startsWith('exact:')) {
      // Exact products of certified numbers: checked against a float product (independent of big.js).
      const f = (p: string) => Number(at(c, p));
      const products: Record<string, () => number> = {
        'exact:2g': () => 2 * f('claims.gradBound'),
        'exact:mu*rho': () => f('method.mu') * f('method.rho'),
        'exact:r*mu': () => f('claims.radius') * f('method.mu'),
        'exact:g*g': () => f('claims.gradBound') ** 2,
        'exact:(1-kappa)*rho': () => (1 - f('claims.kappa')) * f('method.rho'),
      };
      const want = products[field];
      if (want && !(Math.abs(Number(value) - want()) <= 1e-12 * Math.abs(want()))) bad.push(`${field}: printed ${value}, float product ${want()}`);
      if (!Number.isFinite(Number(value))) bad.push(`${field}: ${value} is not a number`);
      continue;
    } else if (field.startsWith('float:')) continue;
    else {
      bad.push(`${field}: unknown source`);
      continue;
    }
    if (typeof expected === 'number') expected = String(expected);
    if (value !== expected) bad.push(`${field}: printed ${value}, certificate ${String(expected)}`);
  }
  return bad;
}

/** Every decimal-string field of claims (and of refusal evidence) as a path. */
function claimPaths(c: Certificate): string[] {
  const out: string[] = [];
  const visit = (x: unknown, path: string) => {
    if (typeof x === 'string' && /^-?\d/.test(x)) out.push(path);
    else if (typeof x === 'number') out.push(path);
    else if (Array.isArray(x)) x.forEach((y, i) => visit(y, `${path}.${i}`));
    else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) visit(v, `${path}.${k}`);
  };
  visit(c.claims, 'claims');
  return out;
}

/** A committed overparam-conditions certificate (certmin overparam output, certificates/overparam). */
function overparamCertificate(): Certificate {
  const read = readCertificate(JSON.parse(readFileSync('certificates/overparam/ss2018-k07-n07/newExp-7-7.mat_0.json', 'utf8')));
  if (!read.ok || read.certificate.kind !== 'overparam-conditions') throw new Error('fixture: not an overparam-conditions certificate');
  return read.certificate;
}

/** A reduced certificate (compact centre, k = 100) from the committed 2021 gallery. */
function reducedCertificate(): Certificate {
  const read = readCertificate(JSON.parse(readFileSync('certificates/safran-yehudai-shamir-2021/searched/k100/families.json_0.json', 'utf8')));
  if (!read.ok || read.certificate.kind !== 'minimum' || !('compact' in read.certificate.point)) throw new Error('fixture: not a reduced minimum certificate');
  return read.certificate;
}

const cases: { name: string; cert: () => Certificate }[] = [
  { name: 'reduced minimum', cert: reducedCertificate },
  { name: 'minimum', cert: spuriousCertificate },
  { name: 'saddle', cert: saddleCertificate },
  { name: 'refusal', cert: refusalCertificate },
  { name: 'overparam-conditions', cert: overparamCertificate },
];

describe.each(cases)('$name certificate: HTML and LaTeX carry exactly its numbers', ({ cert }) => {
  let c: Certificate;
  let audit: AuditResult;
  let html: string;
  let tex: string;
  beforeAll(async () => {
    c = cert();
    audit = auditCertificate(c);
    html = await reportHtml(c, audit);
    tex = reportTex(c, audit);
  }, 120_000);

  it('every number printed is the certificate field (or audit value) it names', () => {
    const h = htmlNumbers(html);
    const t = texNumbers(tex);
    expect(h.length).toBeGreaterThan(1);
    expect(t.length).toBeGreaterThan(1);
    expect(mismatches(h, c, audit)).toEqual([]);
    expect(mismatches(t, c, audit)).toEqual([]);
  });

  it('every claim appears, in both formats, and both carry the model’s numbers', () => {
    const hFields = new Set(htmlNumbers(html).map((p) => p.field));
    const tFields = new Set(texNumbers(tex).map((p) => p.field));
    for (const path of claimPaths(c).filter((p) => p !== 'claims.verdict')) {
      if (c.kind === 'minimum' && path === 'claims.mu') continue; // printed from method.mu (equal, checked below)
      expect(hFields.has(path), `HTML lacks ${path}`).toBe(true);
      expect(tFields.has(path), `TeX lacks ${path}`).toBe(true);
    }
    if (c.kind === 'minimum') expect(c.method.mu).toBe(c.claims.mu);
    const model = numbersOf(buildReportModel(c, audit)).map((p) => `${p.field}=${p.value}`);
    expect(texNumbers(tex).map((p) => `${p.field}=${p.value}`)).toEqual(model);
    for (const entry of model) expect(htmlNumbers(html).some((p) => `${p.field}=${p.value}` === entry), entry).toBe(true);
  });

  it('the comparison catches a changed digit', () => {
    const claim = claimPaths(c).find((p) => /\d$/.test(String(at(c, p))))!;
    const value = String(at(c, claim));
    const changed = value.slice(0, -1) + (value.endsWith('1') ? '2' : '1');
    const badTex = tex.replace(`\\certnum{${claim}}{${value}}`, `\\certnum{${claim}}{${changed}}`);
    expect(badTex).not.toBe(tex);
    expect(mismatches(texNumbers(badTex), c, audit).length).toBeGreaterThan(0);
  });

  it('the conclusion is stated only when the audit held', () => {
    const md = reportMarkdown(c, audit);
    if (audit.ok && c.kind !== 'refusal') expect(md).toMatch(/## Conclusion\n\n> There is/);
    else expect(md).toMatch(/## Conclusion\n\n> No (conclusion|claim)/);
    expect(html).toContain('<section id="conclusion"');
    expect(tex).toContain('\\section*{Conclusion}');
  });
});

describe('HTML report', () => {
  it('is self-contained: no external resource, formulas as MathML, plots as inline SVG with paths', async () => {
    const c = spuriousCertificate();
    const html = await reportHtml(c, auditCertificate(c));
    expect(html).not.toMatch(/<(script|link)\b/i);
    expect(html).not.toMatch(/\bsrc=|url\(|@import|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toMatch(/<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(2);
    for (const svg of svgs) expect(svg).toMatch(/<path[^>]* d="M[^"]+"/);
    expect(html).toMatch(/Float evidence and plots \(informative, not checked\)/);
  }, 120_000);

  it('a reduced certificate gets the isotypic proof, its types, and the block spectrum with multiplicities (k = 100)', async () => {
    const c = reducedCertificate();
    if (c.kind !== 'minimum' || !('types' in c.claims)) throw new Error('fixture');
    const html = await reportHtml(c, auditCertificate(c));
    expect(html).toContain('isotypic-exact-bareiss');
    for (const t of c.claims.types) expect(html).toContain(t.lowerBound);
    expect(html).toMatch(/has 10000 eigenvalues \(k²\), \d+ distinct, from the isotypic blocks/);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(2);
    expect(svgs[0]).toContain('isotypic type');
    expect(svgs[0]).toMatch(/<path[^>]* d="M[^"]+"/);
  }, 120_000);

  it('a saddle certificate gets its own statement (theorem, η, κ, Morse index)', async () => {
    const c = saddleCertificate();
    if (c.kind !== 'saddle') throw new Error('fixture');
    const audit = auditCertificate(c);
    expect(audit.ok).toBe(true);
    const md = reportMarkdown(c, audit);
    expect(md).toMatch(/\*\*Lemma \(krawczyk-morse, version 1\)\.\*\*/);
    expect(md).toContain(`η = ${c.claims.eta}`);
    expect(md).toContain(`κ = ${c.claims.kappa}`);
    expect(md).toContain(`Morse index q = ${c.claims.morseIndex} of N = `);
    expect(md).not.toMatch(/strong-convexity ball/);
    expect(md).toMatch(/> There is exactly one critical point W\* of F/);
  }, 120_000);
});
