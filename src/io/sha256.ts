import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Lower-case hex sha256 of a byte string. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lower-case hex sha256 of a file's bytes (InputError when the file cannot be read). */
export function sha256File(path: string): string {
  return readInputFile(path).sha256;
}

/**
 * Reads an input file named by the user, with its sha256. A missing path, a directory or an
 * unreadable file is an InputError naming the path.
 */
export function readInputFile(path: string): { bytes: Uint8Array; sha256: string } {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (isDir) throw new InputError(`${path}: is a directory, expected a file`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  return { bytes, sha256: sha256Bytes(bytes) };
}
