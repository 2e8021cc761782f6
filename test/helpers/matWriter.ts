/** A minimal MATLAB level-5 writer for tests: files with known contents (see src/io/mat.ts for the layout). */
import { deflateSync } from 'node:zlib';

export const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15 };

export function u32(x: number, le: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (le) b.writeUInt32LE(x >>> 0);
  else b.writeUInt32BE(x >>> 0);
  return b;
}

function pad8(b: Buffer): Buffer {
  const r = b.length % 8;
  return r === 0 ? b : Buffer.concat([b, Buffer.alloc(8 - r)]);
}

/** A data element; `small` packs ≤ 4 bytes into the tag as MATLAB does. */
export function element(type: number, data: Buffer, le = true, small = data.length <= 4 && data.length > 0): Buffer {
  if (small) {
    const tag = u32((data.length << 16) | type, le);
    return Buffer.concat([tag, data, Buffer.alloc(4 - data.length)]);
  }
  return pad8(Buffer.concat([u32(type, le), u32(data.length, le), data]));
}

export function matrix(opts: {
  cls: number;
  dims: number[];
  name: string;
  realType?: number;
  real?: Buffer;
  flags?: number;
  le?: boolean;
  smallName?: boolean;
}): Buffer {
  const le = opts.le ?? true;
  const flags = Buffer.concat([u32((opts.flags ?? 0) | opts.cls, le), u32(0, le)]);
  const dims = Buffer.concat(opts.dims.map((d) => u32(d, le)));
  const parts = [
    element(MI.UINT32, flags, le, false),
    element(MI.INT32, dims, le, false),
    element(MI.INT8, Buffer.from(opts.name, 'latin1'), le, opts.smallName ?? (opts.name.length <= 4 && opts.name.length > 0)),
  ];
  if (opts.real) parts.push(element(opts.realType ?? MI.DOUBLE, opts.real, le));
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(MI.MATRIX, le), u32(body.length, le), body]);
}

export function compressed(inner: Buffer, le = true): Buffer {
  const z = deflateSync(inner);
  return Buffer.concat([u32(MI.COMPRESSED, le), u32(z.length, le), z]);
}

export function header(le = true, version = 0x0100): Buffer {
  const h = Buffer.alloc(128, 0x20);
  h.write('MATLAB 5.0 MAT-file, Platform: test, Created on: never', 0, 'latin1');
  h.fill(0, 116, 124);
  if (le) h.writeUInt16LE(version, 124);
  else h.writeUInt16BE(version, 124);
  h.write(le ? 'IM' : 'MI', 126, 'latin1');
  return h;
}

export function doubles(xs: number[], le = true): Buffer {
  const b = Buffer.alloc(8 * xs.length);
  xs.forEach((x, i) => (le ? b.writeDoubleLE(x, 8 * i) : b.writeDoubleBE(x, 8 * i)));
  return b;
}

// ---------------------------------------------------------------------------------------------
