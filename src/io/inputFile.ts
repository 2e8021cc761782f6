import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { sha256Bytes } from './sha256.js';

/**
 * The one door through which certmin reads a file named by the user (candidate files, teacher
 * files, certificates, search resume files). It refuses, before reading any byte:
 * - a path that does not exist or cannot be opened;
 * - anything that is not a regular file (directory, character or block device such as /dev/zero,
 *   FIFO, socket): "X is not a regular file (character device)" — reading those can block
 *   forever or never end;
 * - a regular file larger than MAX_INPUT_FILE_BYTES;
 * and it stops reading once that many bytes were read (a file that grows while it is read, or a
 * pseudo-file whose stat size is 0), so memory and time stay bounded whatever the path names.
 */

/**
 * Largest input file certmin reads: 256 MiB. The largest real inputs are search outputs: a
 * runs.jsonl of the 2021 preset at k = n = 100 with its 500 runs is about 110 MB (10⁴ numbers
 * of ≈ 20 characters per run); the stored results of both published experiments are below
 * 1 MB. The cap also keeps decoded text well below V8's string limit (2²⁹ − 24 characters).
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadInputOptions {
  /** Byte limit (default MAX_INPUT_FILE_BYTES); lowered by tests. */
  maxBytes?: number;
}

/** What a non-regular file is, for the refusal message. */
function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'directory';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  return 'not a file';
}

function mib(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toPrecision(3)} MiB`;
}

/** The refusal of an input above `limit` bytes (`size` when stat knew it, else it grew while read). */
function tooLarge(path: string, limit: number, size?: number): InputError {
  const limitText = `the input limit of ${mib(limit)} (MAX_INPUT_FILE_BYTES, src/io/inputFile.ts)`;
  return new InputError(size === undefined ? `${path}: holds more than ${limitText}` : `${path}: ${size} bytes, more than ${limitText}`);
}

/**
 * Reads a user-named file: InputError (one line naming the path) for a missing path, a path that
 * is not a regular file, a file above the byte limit or a read error. Opening uses O_NONBLOCK so
 * a FIFO cannot block the open itself; the type check on the open descriptor (fstat) then
 * refuses it, and there is no window in which another file could be substituted.
 */
export function readInputFile(path: string, opts: ReadInputOptions = {}): { bytes: Uint8Array; sha256: string } {
  const limit = opts.maxBytes ?? MAX_INPUT_FILE_BYTES;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${path} is not a regular file (directory)`);
    throw new InputError(`${path}: cannot open (${code ?? String(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${path} is not a regular file (${fileKind(st)})`);
    if (st.size > limit) throw tooLarge(path, limit, st.size);
    const bytes = readBounded(fd, path, st.size, limit);
    return { bytes, sha256: sha256Bytes(bytes) };
  } finally {
    closeSync(fd);
  }
}

/** Reads fd to its end, at most `limit` bytes (InputError beyond); `sizeHint` is the stat size. */
function readBounded(fd: number, path: string, sizeHint: number, limit: number): Uint8Array {
  let buf = Buffer.allocUnsafe(Math.max(Math.min(sizeHint, limit) + 1, 64 * 1024));
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      // used ≤ limit here (checked after every read), so the new size exceeds used
      const bigger = Buffer.allocUnsafe(Math.min(2 * buf.length, limit + 1));
      buf.copy(bigger, 0, 0, used);
      buf = bigger;
    }
    let got: number;
    try {
      got = readSync(fd, buf, used, buf.length - used, null);
    } catch (err) {
      throw new InputError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (got === 0) break;
    used += got;
    if (used > limit) throw tooLarge(path, limit);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, used);
}

/** `bytes` as UTF-8 text; InputError naming `path` when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text`);
  }
}

/** Lower-case hex sha256 of a user-named file's bytes (InputError as readInputFile). */
export function sha256File(path: string): string {
  return readInputFile(path).sha256;
}

/** A user-named text file (readInputFile + UTF-8 decoding), with the sha256 of its bytes. */
export function readInputText(path: string, opts: ReadInputOptions = {}): { text: string; sha256: string } {
  const { bytes, sha256 } = readInputFile(path, opts);
  return { text: decodeUtf8(bytes, path), sha256 };
}
