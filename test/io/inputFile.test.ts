import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { MAX_INPUT_FILE_BYTES, readInputFile, readInputText } from '../../src/io/inputFile.js';
import { inputErrorOf } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'certmin-input-'));

/** A FIFO at a fresh path, or undefined where mkfifo is not available. */
function fifo(name: string): string | undefined {
  const p = join(dir, name);
  try {
    execFileSync('mkfifo', [p]);
    return p;
  } catch {
    return undefined;
  }
}

describe('readInputFile', () => {
  it('reads a regular file with the sha256 of its bytes', () => {
    const p = join(dir, 'a.txt');
    writeFileSync(p, 'abc');
    const { bytes, sha256 } = readInputFile(p);
    expect(Buffer.from(bytes).toString()).toBe('abc');
    expect(sha256).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(readInputFile(join(dir, 'a.txt')).bytes.length).toBe(3);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect(readInputFile(empty).bytes.length).toBe(0);
  });

  it('refuses a missing path and a directory, naming the path', () => {
    expect(inputErrorOf(() => readInputFile(join(dir, 'nope'))).message).toBe(`${join(dir, 'nope')}: no such file`);
    expect(inputErrorOf(() => readInputFile(dir)).message).toBe(`${dir} is not a regular file (directory)`);
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses /dev/zero before reading (it never ends)', () => {
    const t0 = performance.now();
    expect(inputErrorOf(() => readInputFile('/dev/zero')).message).toBe('/dev/zero is not a regular file (character device)');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses a FIFO without blocking on it (no writer ever comes)', () => {
    const p = fifo('pipe');
    if (p === undefined) return; // no mkfifo on this system
    expect(inputErrorOf(() => readInputFile(p)).message).toBe(`${p} is not a regular file (FIFO)`);
    expect(inputErrorOf(() => readInputText(p)).message).toBe(`${p} is not a regular file (FIFO)`);
  });

  it('refuses a file above the limit from its size, without reading it', () => {
    const p = join(dir, 'big.sparse');
    writeFileSync(p, '');
    truncateSync(p, MAX_INPUT_FILE_BYTES + 1); // sparse: no disk space, nothing read
    expect(inputErrorOf(() => readInputFile(p)).message).toBe(
      `${p}: ${MAX_INPUT_FILE_BYTES + 1} bytes, more than the input limit of 256 MiB (MAX_INPUT_FILE_BYTES, src/io/inputFile.ts)`,
    );
    rmSync(p);
    const q = join(dir, 'small');
    writeFileSync(q, 'x'.repeat(3 * 1024 * 1024));
    expect(readInputFile(q, { maxBytes: 3 * 1024 * 1024 }).bytes.length).toBe(3 * 1024 * 1024);
    expect(inputErrorOf(() => readInputFile(q, { maxBytes: 2 * 1024 * 1024 })).message).toBe(
      `${q}: 3145728 bytes, more than the input limit of 2 MiB (MAX_INPUT_FILE_BYTES, src/io/inputFile.ts)`,
    );
  });

  it.skipIf(!existsSync('/proc/self/status'))('stops reading a pseudo-file whose stat size is 0 at the limit', () => {
    // /proc files report size 0 but have content: reading goes by what arrives, bounded.
    const { bytes } = readInputFile('/proc/self/status');
    expect(Buffer.from(bytes).toString()).toMatch(/^Name:/);
    expect(inputErrorOf(() => readInputFile('/proc/self/status', { maxBytes: 10 })).message).toBe(
      '/proc/self/status: holds more than the input limit of 0.00000954 MiB (MAX_INPUT_FILE_BYTES, src/io/inputFile.ts)',
    );
  });

  it('readInputText refuses bytes that are not UTF-8', () => {
    const p = join(dir, 'bin');
    writeFileSync(p, Buffer.from([0xff, 0xfe, 0x00]));
    expect(inputErrorOf(() => readInputText(p)).message).toBe(`${p}: not UTF-8 text`);
  });
});
