import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDirectory } from '../../src/io/outputDirectory.js';
import { writeFileAtomic } from '../../src/io/atomicWrite.js';
import { inputErrorOf } from '../helpers/errors.js';

// The /proc/nope/x case (where Node's recursive mkdir never returns) runs in a child process with
// a timeout in test/cli/hostileInput.test.ts: in this process a regression would hang the worker.

const dir = mkdtempSync(join(tmpdir(), 'certmin-outdir-'));

describe('ensureDirectory', () => {
  it('creates missing parents and accepts an existing directory', () => {
    const deep = join(dir, 'a', 'b', 'c');
    ensureDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    ensureDirectory(deep);
    ensureDirectory(join(dir, 'a'), '--out');
  });

  it('refuses a target that is a file, and a parent that is a file, naming both', () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    expect(inputErrorOf(() => ensureDirectory(file, '--out')).message).toBe(`--out ${file} exists and is not a directory`);
    expect(inputErrorOf(() => ensureDirectory(file)).message).toBe(`${file} exists and is not a directory`);
    expect(inputErrorOf(() => ensureDirectory(join(file, 'sub', 'x'), '--out')).message).toBe(
      `--out ${join(file, 'sub', 'x')}: ${file} exists and is not a directory`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('reports a directory that cannot be created (no write permission)', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro, { mode: 0o500 });
    expect(inputErrorOf(() => ensureDirectory(join(ro, 'x'), '--out')).message).toBe(
      `--out ${join(ro, 'x')}: cannot create directory ${join(ro, 'x')} (EACCES)`,
    );
  });

  it('reports a dangling symlink on the way (another path where recursive mkdir spins)', () => {
    const link = join(dir, 'dangling');
    symlinkSync(join(dir, 'does-not-exist'), link);
    expect(inputErrorOf(() => ensureDirectory(join(link, 'out'), '--out')).message).toBe(
      `--out ${join(link, 'out')}: cannot create directory ${link} (EEXIST)`,
    );
  });

  it('reports a path the system cannot use', () => {
    const long = join(dir, 'x'.repeat(300), 'y');
    expect(inputErrorOf(() => ensureDirectory(long, '--out')).message).toBe(
      `--out ${long}: cannot use ${join(dir, 'x'.repeat(300), 'y')} (ENAMETOOLONG)`,
    );
  });
});

describe('writeFileAtomic', () => {
  it('writes through missing parents; refuses a directory target and a file parent', () => {
    const p = join(dir, 'w', 'x', 'out.txt');
    writeFileAtomic(p, 'hello');
    expect(readFileSync(p, 'utf8')).toBe('hello');
    expect(inputErrorOf(() => writeFileAtomic(join(dir, 'w'), 'x')).message).toBe(`${join(dir, 'w')} is a directory; expected a file path`);
    expect(inputErrorOf(() => writeFileAtomic(join(p, 'y.txt'), 'x')).message).toBe(
      `cannot write ${join(p, 'y.txt')}: ${p} exists and is not a directory`,
    );
  });
});
