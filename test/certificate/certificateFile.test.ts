import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateDocumentOf, declaresCertificateSchema, readCertificateDocument } from '../../src/certificate/certificateFile.js';
import { inputErrorOf } from '../helpers/errors.js';

describe('certificate documents: what is not a certmin certificate is unusable input', () => {
  it('names why: not JSON, not an object, no schema, another schema', () => {
    const why = (text: string) => inputErrorOf(() => certificateDocumentOf(text, 'c.json')).message;
    expect(why('{"schema": ')).toMatch(/^c\.json: not a certmin certificate: not JSON \(.+\)$/);
    expect(why('[1, 2]')).toBe('c.json: not a certmin certificate (a JSON array, not an object with "schema": "certmin-certificate")');
    expect(why('null')).toBe('c.json: not a certmin certificate (a JSON null, not an object with "schema": "certmin-certificate")');
    expect(why('"certmin-certificate"')).toBe('c.json: not a certmin certificate (a JSON string, not an object with "schema": "certmin-certificate")');
    expect(why('{"a": 1}')).toBe('c.json: not a certmin certificate (it has no "schema": "certmin-certificate")');
    expect(why('{"schema": "x"}')).toBe('c.json: not a certmin certificate (its "schema" is "x", not "certmin-certificate")');
  });

  it('returns a document that declares the schema, valid or not (validity is for audit/report)', () => {
    expect(certificateDocumentOf('{"schema": "certmin-certificate", "hello": 1}', 'c.json')).toEqual({ doc: { schema: 'certmin-certificate', hello: 1 } });
    expect(certificateDocumentOf('{"schema": "certmin-certificate", "a": 1, "a": 2}', 'c.json').malformed).toMatch(/duplicated key "a"/);
    expect(declaresCertificateSchema({ schema: 'certmin-certificate' })).toBe(true);
    expect(declaresCertificateSchema([{ schema: 'certmin-certificate' }])).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'certmin-certfile-'));
    const p = join(dir, 'x.json');
    writeFileSync(p, '{"schema": "certmin-certificate"}');
    expect(readCertificateDocument(p)).toEqual({ doc: { schema: 'certmin-certificate' } });
    expect(inputErrorOf(() => readCertificateDocument(dir)).message).toBe(`${dir} is not a regular file (directory)`);
  });
});
