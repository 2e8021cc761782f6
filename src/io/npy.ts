import { InputError } from '../errors.js';
import { ndArrayOfBytes, type NdArray } from './pickle.js';

/**
 * A NumPy .npy file (format versions 1.0, 2.0, 3.0): magic "\x93NUMPY", version, header length
 * (2 bytes in 1.0, 4 bytes after), a Python dict literal {'descr': …, 'fortran_order': …,
 * 'shape': (…)} padded with spaces, then the raw array bytes. Plain numeric dtypes only (the
 * decoding is pickle.ts's); object arrays (which would need unpickling) are refused.
 */
export function readNpy(bytes: Uint8Array, label: string): NdArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, j) => bytes[j] !== b)) throw new InputError(`${label}: not a .npy file (bad magic)`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new InputError(`${label}: truncated .npy header`);
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new InputError(`${label}: .npy format version ${major} is not supported`);
  }
  if (start + headerLen > bytes.length) throw new InputError(`${label}: truncated .npy header`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new InputError(`${label}: .npy header lacks 'descr', 'fortran_order' or 'shape' (or has a structured dtype)`);
  }
  const shape = shapeText
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => {
      if (!/^\d+$/.test(t)) throw new InputError(`${label}: bad .npy shape (${shapeText})`);
      return Number(t);
    });
  return ndArrayOfBytes(descr, shape, fortran === 'True', bytes.subarray(start + headerLen), label);
}
