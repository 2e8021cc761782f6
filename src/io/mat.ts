import { inflateSync } from 'node:zlib';
import { InputError } from '../errors.js';

/**
 * Reader for MATLAB level-5 MAT-files (the format of `save -v6` / `-v7`; not the HDF5-based
 * v7.3). Only real numeric arrays are decoded; everything else (objects, cells, structs, sparse,
 * char, complex, function handles) is listed in `skipped` with a reason.
 *
 * Layout (MathWorks, "MAT-File Format", level 5): a 128-byte header (116 bytes of text, 8 bytes
 * subsystem offset, 2 bytes version 0x0100, 2 bytes endian indicator 'IM' when written
 * little-endian), then data elements. Each element is an 8-byte tag (uint32 type, uint32 byte
 * count) followed by its data padded to 8 bytes, or — when the data fit in 4 bytes — a
 * "small element" whose first uint32 packs (byte count << 16 | type). miCOMPRESSED (15) holds a
 * zlib stream of further elements and is not padded; miMATRIX (14) holds the sub-elements array
 * flags, dimensions, name and real part.
 *
 * Safety: every length is checked against the bytes actually present before it is used, every
 * loop advances by at least 8 bytes, compressed elements may not nest, the data inflated from
 * all compressed elements of a file and the decoded arrays (as doubles) are each capped at
 * `MAX_MAT_DATA_BYTES`, and at most `MAX_SKIPPED_LISTED` skipped elements are kept (the rest
 * are only counted); so a malformed, truncated or zip-bomb file ends in an `InputError` naming
 * the file and byte offset, never in another exception, a hang or unbounded memory.
 */

export interface MatNumericArray {
  name: string;
  /** Dimensions as stored (at least two). */
  dims: number[];
  /** Real part, column-major (first index fastest), converted to doubles. */
  data: Float64Array;
  /** MATLAB class: 'double', 'single', 'int8', …, 'uint64', or 'logical'. */
  className: string;
}

export interface MatFile {
  /** The descriptive header text (trailing blanks removed). */
  header: string;
  arrays: Map<string, MatNumericArray>;
  /** The first MAX_SKIPPED_LISTED elements that were not read, with the reason. */
  skipped: { name: string; reason: string }[];
  /** How many elements were not read in all (skipped lists only the first few). */
  skippedCount: number;
}

/**
 * Upper limit, per file, on the bytes inflated from compressed elements and, separately, on the
 * bytes of the decoded numeric arrays as doubles: 16 MiB. The stored results of the 2018
 * experiment inflate to at most 0.8 MB (newExp-20-20.mat, k = n = 20); a zip bomb (200 MB of
 * zeros compress to 0.2 MB) is refused once this much has been inflated (≈ 0.2 s).
 */
export const MAX_MAT_DATA_BYTES = 16 * 1024 * 1024;

/** How many skipped elements `MatFile.skipped` lists (the others are counted in skippedCount). */
export const MAX_SKIPPED_LISTED = 100;

export interface ReadMatOptions {
  /** Overrides MAX_MAT_DATA_BYTES (tests use a small value). */
  maxDataBytes?: number;
}

const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MI_UTF8 = 16;

/** Byte size of each numeric miTYPE. */
const NUMERIC_TYPE_SIZE: Record<number, number> = {
  1: 1, // miINT8
  2: 1, // miUINT8
  3: 2, // miINT16
  4: 2, // miUINT16
  5: 4, // miINT32
  6: 4, // miUINT32
  7: 4, // miSINGLE
  9: 8, // miDOUBLE
  12: 8, // miINT64
  13: 8, // miUINT64
};

const NUMERIC_CLASS: Record<number, string> = {
  6: 'double',
  7: 'single',
  8: 'int8',
  9: 'uint8',
  10: 'int16',
  11: 'uint16',
  12: 'int32',
  13: 'uint32',
  14: 'int64',
  15: 'uint64',
};

const OTHER_CLASS: Record<number, string> = {
  1: 'cell array',
  2: 'struct',
  3: 'MATLAB object',
  4: 'char array',
  5: 'sparse matrix',
  16: 'function handle',
  17: 'opaque MATLAB object',
};

const MX_OPAQUE_CLASS = 17;
const FLAG_COMPLEX = 0x0800;
const FLAG_LOGICAL = 0x0200;

/** Per-file state of the parse: the result and the remaining data budgets. */
interface Parse {
  out: MatFile;
  limit: number;
  inflated: number;
  decoded: number;
}

/** Where an offset lies, for error messages: the file itself or the inflated data of one element. */
interface Region {
  bytes: Uint8Array;
  view: DataView;
  le: boolean;
  label: string;
  /** File offset of the miCOMPRESSED element this region was inflated from (undefined = file). */
  compressedAt?: number;
}

function where(r: Region, off: number): string {
  return r.compressedAt === undefined
    ? `byte offset ${off}`
    : `byte offset ${off} of the data inflated from the compressed element at byte offset ${r.compressedAt}`;
}

function fail(r: Region, off: number, what: string): never {
  throw new InputError(`${r.label}: ${what} at ${where(r, off)}`);
}

interface SubElement {
  type: number;
  nbytes: number;
  dataStart: number;
  /** Offset of the element after this one (padding included, clamped to the enclosing end). */
  next: number;
}

/** Reads the tag at `pos` (normal or small format) of an element that must end by `end`. */
function readTag(r: Region, pos: number, end: number): SubElement {
  if (end - pos < 8) fail(r, pos, `truncated data element tag (${end - pos} of 8 bytes present)`);
  const first = r.view.getUint32(pos, r.le);
  if (first >>> 16 !== 0) {
    const nbytes = first >>> 16;
    if (nbytes > 4) fail(r, pos, `small data element claims ${nbytes} bytes (at most 4 allowed)`);
    return { type: first & 0xffff, nbytes, dataStart: pos + 4, next: pos + 8 };
  }
  const nbytes = r.view.getUint32(pos + 4, r.le);
  const dataStart = pos + 8;
  if (nbytes > end - dataStart) {
    fail(r, pos, `data element of ${nbytes} bytes extends past the end of its container (${end - dataStart} bytes left)`);
  }
  return { type: first, nbytes, dataStart, next: Math.min(end, dataStart + nbytes + ((8 - (nbytes % 8)) % 8)) };
}

function decodeText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function readName(r: Region, sub: SubElement, pos: number): string {
  if (sub.type !== MI_INT8 && sub.type !== MI_UTF8 && sub.nbytes > 0) {
    fail(r, pos, `array name has data type ${sub.type} (expected miINT8)`);
  }
  return decodeText(r.bytes.subarray(sub.dataStart, sub.dataStart + sub.nbytes));
}

export function readMat(bytes: Uint8Array, fileLabel = '<MAT data>', opts: ReadMatOptions = {}): MatFile {
  if (bytes.length < 128) {
    throw new InputError(`${fileLabel}: not a MATLAB level-5 MAT-file (only ${bytes.length} bytes, the header alone has 128) at byte offset 0`);
  }
  const indicator = String.fromCharCode(bytes[126]!, bytes[127]!);
  const header = decodeText(bytes.subarray(0, 116)).replace(/[\s\0]+$/, '');
  if (header.startsWith('MATLAB 7.3')) {
    throw new InputError(`${fileLabel}: MATLAB v7.3 (HDF5) MAT-files are not supported; re-save with save(..., '-v7') (byte offset 0)`);
  }
  if (indicator !== 'IM' && indicator !== 'MI') {
    throw new InputError(`${fileLabel}: not a MATLAB level-5 MAT-file (no 'IM'/'MI' endian indicator) at byte offset 126`);
  }
  const le = indicator === 'IM';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(124, le);
  if (version !== 0x0100) {
    throw new InputError(`${fileLabel}: unsupported MAT-file version 0x${version.toString(16)} (expected 0x0100) at byte offset 124`);
  }
  const parse: Parse = {
    out: { header, arrays: new Map(), skipped: [], skippedCount: 0 },
    limit: opts.maxDataBytes ?? MAX_MAT_DATA_BYTES,
    inflated: 0,
    decoded: 0,
  };
  parseElements({ bytes, view, le, label: fileLabel }, 128, bytes.length, parse);
  return parse.out;
}

function skip(out: MatFile, name: string, reason: string): void {
  out.skippedCount++;
  if (out.skipped.length < MAX_SKIPPED_LISTED) out.skipped.push({ name, reason });
}

function mib(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toPrecision(3)} MiB`;
}

/** Inflates one miCOMPRESSED element within the file's remaining budget. */
function inflateElement(r: Region, pos: number, tag: SubElement, p: Parse): Uint8Array {
  const remaining = p.limit - p.inflated;
  let inner: Buffer;
  try {
    inner = inflateSync(r.bytes.subarray(tag.dataStart, tag.dataStart + tag.nbytes), {
      maxOutputLength: Math.max(remaining, 1),
      chunkSize: 1 << 20,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      fail(
        r,
        pos,
        `compressed element inflates to more than ${p.inflated > 0 ? `the remaining ${mib(remaining)} of ` : ''}the ` +
          `${mib(p.limit)} limit on decompressed data (MAX_MAT_DATA_BYTES; real result files inflate to at most a few MB)`,
      );
    }
    fail(r, pos, `cannot decompress element (${err instanceof Error ? err.message : String(err)})`);
  }
  p.inflated += inner.byteLength;
  if (p.inflated > p.limit) fail(r, pos, `compressed data exceed the ${mib(p.limit)} limit on decompressed data (MAX_MAT_DATA_BYTES)`);
  return new Uint8Array(inner.buffer, inner.byteOffset, inner.byteLength);
}

function parseElements(r: Region, start: number, end: number, p: Parse): void {
  let pos = start;
  while (pos < end) {
    if (end - pos < 8 && r.bytes.subarray(pos, end).every((b) => b === 0)) return; // trailing padding
    const tag = readTag(r, pos, end);
    if (tag.dataStart === pos + 4) fail(r, pos, 'unexpected small data element at the top level');
    if (tag.type === MI_COMPRESSED) {
      if (r.compressedAt !== undefined) fail(r, pos, 'compressed element nested inside a compressed element');
      const innerBytes = inflateElement(r, pos, tag, p);
      parseElements(
        {
          bytes: innerBytes,
          view: new DataView(innerBytes.buffer, innerBytes.byteOffset, innerBytes.byteLength),
          le: r.le,
          label: r.label,
          compressedAt: pos,
        },
        0,
        innerBytes.length,
        p,
      );
      pos = tag.dataStart + tag.nbytes; // compressed elements are not padded
    } else if (tag.type === MI_MATRIX) {
      parseMatrix(r, tag, p);
      pos = tag.next;
    } else {
      skip(p.out, '', `top-level data element of type ${tag.type} at ${where(r, pos)}`);
      pos = tag.next;
    }
  }
}

function parseMatrix(r: Region, tag: SubElement, p: Parse): void {
  const out = p.out;
  const end = tag.dataStart + tag.nbytes;
  if (tag.nbytes === 0) {
    skip(out, '', 'empty matrix element');
    return;
  }
  let pos = tag.dataStart;
  const flagsSub = readTag(r, pos, end);
  if (flagsSub.type !== MI_UINT32 || flagsSub.nbytes < 4) {
    fail(r, pos, `array flags have type ${flagsSub.type} and ${flagsSub.nbytes} bytes (expected miUINT32, 8 bytes)`);
  }
  const flags = r.view.getUint32(flagsSub.dataStart, r.le);
  const cls = flags & 0xff;
  pos = flagsSub.next;

  if (cls === MX_OPAQUE_CLASS) {
    // Opaque arrays carry no dimensions: name, object system ("MCOS"), class name, contents.
    const nameSub = readTag(r, pos, end);
    const name = readName(r, nameSub, pos);
    let className = '';
    if (nameSub.next < end) {
      const systemSub = readTag(r, nameSub.next, end);
      if (systemSub.next < end) {
        const classSub = readTag(r, systemSub.next, end);
        className = readName(r, classSub, systemSub.next);
      }
    }
    skip(out, name, `opaque MATLAB object${className ? ` of class '${className}'` : ''} (e.g. symbolic toolbox); cannot be read outside MATLAB`);
    return;
  }

  const dimsPos = pos;
  const dimsSub = readTag(r, pos, end);
  if (dimsSub.type !== MI_INT32 || dimsSub.nbytes % 4 !== 0 || dimsSub.nbytes < 8) {
    fail(r, dimsPos, `array dimensions have type ${dimsSub.type} and ${dimsSub.nbytes} bytes (expected miINT32, at least 2 entries)`);
  }
  const dims: number[] = [];
  for (let p = dimsSub.dataStart; p < dimsSub.dataStart + dimsSub.nbytes; p += 4) {
    const dim = r.view.getInt32(p, r.le);
    if (dim < 0) fail(r, p, `negative array dimension ${dim}`);
    dims.push(dim);
  }
  pos = dimsSub.next;
  const nameSub = readTag(r, pos, end);
  const name = readName(r, nameSub, pos);
  pos = nameSub.next;

  const numericClass = NUMERIC_CLASS[cls];
  if (numericClass === undefined) {
    skip(out, name, OTHER_CLASS[cls] ?? `unknown MATLAB array class ${cls}`);
    return;
  }
  if ((flags & FLAG_COMPLEX) !== 0) {
    skip(out, name, `complex ${numericClass} array (only real arrays are read)`);
    return;
  }
  if (name === '') {
    skip(out, name, `unnamed ${numericClass} array (MATLAB subsystem data)`);
    return;
  }
  const realPos = pos;
  const realSub = readTag(r, pos, end);
  const size = NUMERIC_TYPE_SIZE[realSub.type];
  if (size === undefined) fail(r, realPos, `real part of '${name}' has non-numeric data type ${realSub.type}`);
  if (realSub.nbytes % size !== 0) fail(r, realPos, `real part of '${name}' has ${realSub.nbytes} bytes, not a multiple of ${size}`);
  const count = realSub.nbytes / size;
  let numel = 1;
  for (const dim of dims) numel *= dim;
  if (numel !== count) {
    fail(r, realPos, `array '${name}' has dimensions ${dims.join('×')} (${numel} elements) but ${count} stored values`);
  }
  p.decoded += 8 * count;
  if (p.decoded > p.limit) {
    fail(r, realPos, `array '${name}' (${count} values) brings the decoded arrays above the ${mib(p.limit)} limit (MAX_MAT_DATA_BYTES)`);
  }
  const data = new Float64Array(count);
  convertNumeric(r, realSub.type, realSub.dataStart, data);
  const className = (flags & FLAG_LOGICAL) !== 0 ? 'logical' : numericClass;
  out.arrays.set(name, { name, dims, data, className });
}

function convertNumeric(r: Region, type: number, start: number, out: Float64Array): void {
  const v = r.view;
  const le = r.le;
  const n = out.length;
  switch (type) {
    case 1:
      for (let i = 0; i < n; i++) out[i] = v.getInt8(start + i);
      break;
    case 2:
      for (let i = 0; i < n; i++) out[i] = v.getUint8(start + i);
      break;
    case 3:
      for (let i = 0; i < n; i++) out[i] = v.getInt16(start + 2 * i, le);
      break;
    case 4:
      for (let i = 0; i < n; i++) out[i] = v.getUint16(start + 2 * i, le);
      break;
    case 5:
      for (let i = 0; i < n; i++) out[i] = v.getInt32(start + 4 * i, le);
      break;
    case 6:
      for (let i = 0; i < n; i++) out[i] = v.getUint32(start + 4 * i, le);
      break;
    case 7:
      for (let i = 0; i < n; i++) out[i] = v.getFloat32(start + 4 * i, le);
      break;
    case 9:
      for (let i = 0; i < n; i++) out[i] = v.getFloat64(start + 8 * i, le);
      break;
    case 12: // int64 beyond 2^53 rounds to the nearest double
      for (let i = 0; i < n; i++) out[i] = Number(v.getBigInt64(start + 8 * i, le));
      break;
    case 13:
      for (let i = 0; i < n; i++) out[i] = Number(v.getBigUint64(start + 8 * i, le));
      break;
    default:
      throw new Error(`convertNumeric: unhandled type ${type}`);
  }
}
