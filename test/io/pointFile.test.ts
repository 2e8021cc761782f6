import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeDecimal, parseJsonNodes, plainOfNode, parsePointCsv, parsePointJson, readPointFile } from '../../src/io/pointFile.js';
import { InputError } from '../../src/errors.js';
import { inputErrorOf } from '../helpers/errors.js';

describe('JSON point files', () => {
  it('keep the original decimal text of numbers', () => {
    const p = parsePointJson('[[0.1, -2.50, 1e-3],\n [3, 0.30000000000000004, -0E+2]]', 'p.json');
    expect(p.W).toEqual([
      ['0.1', '-2.50', '1e-3'],
      ['3', '0.30000000000000004', '-0E+2'],
    ]);
  });

  it('keep digits beyond double precision', () => {
    const long = '0.12345678901234567890123456789012345678901234567890';
    expect(parsePointJson(`[[${long}]]`, 'p.json').W[0]![0]).toBe(long);
  });

  it('accept decimal strings and an object {W, V}', () => {
    const p = parsePointJson('{"W": [["0.1", "+2"], ["-3", " 4.5 "]], "V": [[1, 0], [0, 1]], "note": "x"}', 'p.json');
    expect(p.W).toEqual([['0.1', '2'], ['-3', '4.5']]);
    expect(p.V).toEqual([['1', '0'], ['0', '1']]);
  });

  it('report ragged rows, non-numbers, NaN, Infinity and empty input with file:line', () => {
    expect(inputErrorOf(() => parsePointJson('[\n [1, 2],\n [3]\n]', 'r.json')).message).toBe(
      'r.json:3: row 1 of W has 1 entries, row 0 has 2 (ragged rows)',
    );
    expect(inputErrorOf(() => parsePointJson('[[1, "NaN"]]', 'n.json')).message).toMatch(/^n\.json:1: W\[0\]\[1\] = "NaN" is not a finite decimal number$/);
    expect(inputErrorOf(() => parsePointJson('[[1],\n ["Infinity"]]', 'i.json')).message).toMatch(/^i\.json:2: W\[1\]\[0\] = "Infinity"/);
    expect(inputErrorOf(() => parsePointJson('[[1, NaN]]', 'bare.json')).message).toMatch(/^bare\.json:1: invalid JSON/);
    expect(inputErrorOf(() => parsePointJson('[[1, null]]', 'null.json')).message).toMatch(/W\[0\]\[1\] = null is not a finite/);
    expect(inputErrorOf(() => parsePointJson('[[true]]', 'b.json')).message).toMatch(/= bool is not a finite/);
    expect(inputErrorOf(() => parsePointJson('[]', 'e.json')).message).toBe('e.json:1: W is empty');
    expect(inputErrorOf(() => parsePointJson('[[]]', 'e2.json')).message).toBe('e2.json:1: row 0 of W is empty');
    expect(inputErrorOf(() => parsePointJson('', 'blank.json')).message).toMatch(/^blank\.json:1: invalid JSON \(unexpected end/);
    expect(inputErrorOf(() => parsePointJson('[1, 2]', 'flat.json')).message).toMatch(/row 0 of W is not an array/);
    expect(inputErrorOf(() => parsePointJson('{"V": [[1]]}', 'v.json')).message).toMatch(/no "W"/);
    expect(inputErrorOf(() => parsePointJson('{"W": [[1]], "V": [[1], [2]]}', 'wv.json')).message).toMatch(/V has 2 rows but W has 1/);
    expect(inputErrorOf(() => parsePointJson('[[1]] x', 't.json')).message).toMatch(/after the value/);
    expect(inputErrorOf(() => parsePointJson('[[01]]', 'z.json')).message).toMatch(/invalid JSON/);
    expect(inputErrorOf(() => parsePointJson('"abc', 's.json')).message).toMatch(/unterminated string/);
    expect(inputErrorOf(() => parsePointJson('['.repeat(5000), 'deep.json')).message).toMatch(/nested too deeply/);
  });

  it('the JSON parser agrees with JSON.parse on random JSON (numbers compared as text values)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(plainOfNode(parseJsonNodes(text, 'fc.json'))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('random text ends in InputError or a value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          parsePointJson(s, 'fz.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('decimal strings', () => {
  it('accepts finite decimals and rejects everything else', () => {
    for (const ok of ['0', '-0', '1.', '.5', '-1.25e-7', '3E+8', '007']) expect(normalizeDecimal(ok)).toBe(ok);
    expect(normalizeDecimal('+2.5')).toBe('2.5');
    expect(normalizeDecimal(' 1 ')).toBe('1');
    for (const bad of ['', 'NaN', 'Infinity', '-inf', '0x10', '1e', '1.2.3', '--1', '1,5', '.', 'e5']) expect(normalizeDecimal(bad)).toBeUndefined();
  });
});

describe('CSV point files', () => {
  it('one row per coordinate, verbatim text, blank lines, comments, CRLF and a header ignored', () => {
    const W = parsePointCsv('w1,w2,w3\r\n0.1, -2 ,3e-2\r\n\r\n# comment\n"4",5.50,6\n', 'p.csv');
    expect(W).toEqual([
      ['0.1', '-2', '3e-2'],
      ['4', '5.50', '6'],
    ]);
  });

  it('report errors with file:line', () => {
    expect(inputErrorOf(() => parsePointCsv('1,2\n3\n', 'r.csv')).message).toBe('r.csv:2: 1 fields, line 1 has 2 (ragged rows)');
    expect(inputErrorOf(() => parsePointCsv('1,2\n3,NaN\n', 'n.csv')).message).toBe("n.csv:2: field 2 'NaN' is not a finite decimal number");
    expect(inputErrorOf(() => parsePointCsv('1,,2\n', 'e.csv')).message).toBe('e.csv:1: field 2 is empty');
    expect(inputErrorOf(() => parsePointCsv('\n\n', 'blank.csv')).message).toBe('blank.csv:1: no data rows');
    expect(inputErrorOf(() => parsePointCsv('a,b\n', 'h.csv')).message).toBe('h.csv:1: no data rows');
    expect(inputErrorOf(() => parsePointCsv('1,x\n', 'x.csv')).message).toBe("x.csv:1: field 2 'x' is not a finite decimal number");
  });
});

describe('readPointFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certmin-point-'));
  it('reads JSON and CSV by extension and by content', () => {
    writeFileSync(join(dir, 'a.json'), '[[0.1, 0.2]]');
    writeFileSync(join(dir, 'b.csv'), '0.1,0.2\n');
    writeFileSync(join(dir, 'c.txt'), '{"W": [[0.1, 0.2]]}');
    writeFileSync(join(dir, 'd'), '0.1,0.2\n');
    for (const [f, format] of [['a.json', 'json'], ['b.csv', 'csv'], ['c.txt', 'json'], ['d', 'csv']] as const) {
      const p = readPointFile(join(dir, f));
      expect(p.W).toEqual([['0.1', '0.2']]);
      expect(p.format).toBe(format);
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
  it('missing files and directories are InputErrors', () => {
    expect(inputErrorOf(() => readPointFile(join(dir, 'nope.json'))).message).toMatch(/nope\.json: no such file/);
    expect(inputErrorOf(() => readPointFile(dir)).message).toBe(`${dir} is not a regular file (directory)`);
    writeFileSync(join(dir, 'bin.json'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(inputErrorOf(() => readPointFile(join(dir, 'bin.json'))).message).toMatch(/not UTF-8/);
  });
});
