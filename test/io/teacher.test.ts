import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTeacher } from '../../src/io/teacher.js';
import { InputError } from '../../src/errors.js';

describe('loadTeacher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certmin-teacher-'));

  it("'identity' is I_d", () => {
    expect(loadTeacher('identity', 3)).toEqual([
      ['1', '0', '0'],
      ['0', '1', '0'],
      ['0', '0', '1'],
    ]);
  });

  it('reads a d×k matrix from JSON (bare, {V} or {W}) or CSV, keeping the text', () => {
    writeFileSync(join(dir, 'bare.json'), '[[0.5, 1, 2], [0.25, 0, -1]]');
    writeFileSync(join(dir, 'v.json'), '{"W": [[9]], "V": [[0.5, 1, 2], [0.25, 0, -1]]}');
    writeFileSync(join(dir, 'w.json'), '{"W": [[0.5, 1, 2], [0.25, 0, -1]]}');
    writeFileSync(join(dir, 't.csv'), '0.5,1,2\n0.25,0,-1\n');
    for (const f of ['bare.json', 'v.json', 'w.json', 't.csv']) {
      expect(loadTeacher(join(dir, f), 2), f).toEqual([
        ['0.5', '1', '2'],
        ['0.25', '0', '-1'],
      ]);
    }
  });

  it('a row count other than d is an InputError, as is a missing file', () => {
    writeFileSync(join(dir, 'm.csv'), '1,0\n0,1\n');
    expect(() => loadTeacher(join(dir, 'm.csv'), 3)).toThrow(/the teacher has 2 rows but the student has d = 3/);
    expect(() => loadTeacher(join(dir, 'none.json'), 3)).toThrow(InputError);
    expect(() => loadTeacher('identity', 0)).toThrow(InputError);
  });
});
