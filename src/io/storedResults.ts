import { basename } from 'node:path';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { InputError } from '../errors.js';
import type { Candidate } from './candidate.js';
import { valsMatrix } from './compactForm.js';
import { compactCandidate, type CompactCandidateFields } from './compactCandidate.js';
import { readMat, type MatFile } from './mat.js';
import { asNdArray, PickleObject, unpickle, type PickleValue } from './pickle.js';
import { readInputFile } from './inputFile.js';
import { identityTeacherStrings } from './teacher.js';

/**
 * Readers of the stored results of the two published experiments (DESIGN.md §8). Both use the
 * identity teacher V = I_k with d = k, so every candidate carries V = I_d. Stored doubles become
 * their EXACT decimal values (`exactDecimalOfDouble`), so certify sees precisely the stored point.
 */

function exactEntry(x: number, label: string, where: string): string {
  if (!Number.isFinite(x)) throw new InputError(`${label}: ${where} = ${x} is not a finite number`);
  return exactDecimalOfDouble(x);
}

/**
 * Safran & Shamir (2018), `newExp-K-N.mat`: `WbadNew` is K×N×count (K×N when count = 1), one
 * representative per family of spurious candidates, column-major; `magnitude` (count entries)
 * is how many of the 1000 runs reached each family. Files without `WbadNew` but with a numeric
 * `W` of the same layout are read the same way.
 */
export function readSafranShamir2018(path: string): Candidate[] {
  const { bytes, sha256 } = readInputFile(path);
  return candidatesOfMat(readMat(bytes, path), path, sha256);
}

export function candidatesOfMat(mat: MatFile, path: string, sha256?: string): Candidate[] {
  const name = mat.arrays.has('WbadNew') ? 'WbadNew' : mat.arrays.has('W') ? 'W' : undefined;
  if (name === undefined) {
    const found = [...mat.arrays.keys()].join(', ') || 'no numeric arrays';
    throw new InputError(`${path}: no numeric variable 'WbadNew' (or 'W') in the MAT-file (found: ${found})`);
  }
  const arr = mat.arrays.get(name)!;
  const dims = arr.dims.slice();
  while (dims.length > 3 && dims[dims.length - 1] === 1) dims.pop();
  if (dims.length > 3) throw new InputError(`${path}: '${name}' has ${dims.length} dimensions (expected K×N or K×N×count)`);
  const [d, n, count = 1] = dims as [number, number, number?];
  if (arr.data.length === 0) return [];
  let multiplicity: Float64Array | undefined;
  const mag = mat.arrays.get('magnitude');
  if (mag) {
    if (mag.data.length !== count) {
      throw new InputError(`${path}: 'magnitude' has ${mag.data.length} entries but '${name}' holds ${count} families`);
    }
    mag.data.forEach((m, f) => {
      if (!Number.isInteger(m) || m < 0) throw new InputError(`${path}: magnitude(${f + 1}) = ${m} is not a run count`);
    });
    multiplicity = mag.data;
  }
  const V = identityTeacherStrings(d);
  const file = basename(path);
  const out: Candidate[] = [];
  for (let f = 0; f < count; f++) {
    const W: string[][] = [];
    for (let a = 0; a < d; a++) {
      const row: string[] = [];
      for (let i = 0; i < n; i++) {
        row.push(exactEntry(arr.data[a + d * i + d * n * f]!, path, `${name}(${a + 1},${i + 1},${f + 1})`));
      }
      W.push(row);
    }
    const c: Candidate = { id: `${file}#${f}`, d, n, W, V, source: { file: path, format: 'mat', index: f } };
    if (sha256) c.source.sha256 = sha256;
    if (multiplicity) c.multiplicity = multiplicity[f]!;
    out.push(c);
  }
  return out;
}

/**
 * Safran, Yehudai & Shamir (2021), `Processed minima k=K.p`: a pickled list of `Minimum`
 * objects (vals, p in the compact form of DESIGN.md §6; multiplicity out of 500 runs; max_dist,
 * min_eig, grad_norm, norm_sum, block_eigs, pred_eigs). The record vals = [1, 0], p = [k] is the
 * global minimum W = I_k and is marked `storedGlobal`. Each record is a compact candidate
 * (src/io/compactCandidate.ts): its exact compact point travels with it and W is not built unless
 * a dense consumer asks for it.
 */
export function readSafranYehudaiShamir2021(path: string): Candidate[] {
  const { bytes, sha256 } = readInputFile(path);
  return candidatesOfMinimumList(unpickle(bytes, path), path, sha256);
}

/** True when `v` is a pickled list whose first item is a `Minimum` object. */
export function isMinimumList(v: PickleValue): boolean {
  return Array.isArray(v) && v.length > 0 && v[0] instanceof PickleObject && v[0].__class__.name === 'Minimum';
}

function numbersOf(v: PickleValue | undefined, label: string, what: string): number[] {
  const nd = v === undefined ? undefined : asNdArray(v, label);
  if (nd) return Array.from(nd.data);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'bigint')) return (v as (number | bigint)[]).map(Number);
  if (typeof v === 'number' || typeof v === 'bigint') return [Number(v)];
  throw new InputError(`${label}: ${what} is not a numeric array`);
}

function storedValueOf(v: PickleValue | undefined, label: string): number | string | number[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v;
  const nd = asNdArray(v, label);
  if (nd) return Array.from(nd.data);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return (v as number[]).slice();
  return v instanceof PickleObject ? `<${v.__class__.toString()}>` : '<unsupported value>';
}

const STORED_FIELDS = ['max_dist', 'min_eig', 'grad_norm', 'norm_sum', 'block_eigs', 'pred_eigs'];

export function candidatesOfMinimumList(value: PickleValue, path: string, sha256?: string): Candidate[] {
  if (!Array.isArray(value)) throw new InputError(`${path}: the pickle does not hold a list of Minimum records`);
  const file = basename(path);
  return (value as PickleValue[]).map((item, index) => {
    const label = `${path}: record ${index}`;
    if (!(item instanceof PickleObject) || item.__class__.name !== 'Minimum') {
      throw new InputError(`${label} is not a Minimum object`);
    }
    const state = item.state;
    if (!(state instanceof Map)) throw new InputError(`${label} has no attribute dictionary`);
    const get = (key: string): PickleValue | undefined => state.get(key);
    const p = numbersOf(get('p'), label, 'p');
    if (!p.every((x) => Number.isInteger(x) && x > 0)) throw new InputError(`${label}: p = [${p.join(', ')}] is not a list of block sizes`);
    const m = p.length;
    const vals = valsMatrix(numbersOf(get('vals'), label, 'vals'), m, label);
    const exactVals = vals.map((row, i) => row.map((x, j) => exactEntry(x, label, `vals[${i}][${j}]`)));
    const fields: CompactCandidateFields = { id: `${file}#${index}`, source: { file: path, format: 'pickle', index } };
    if (sha256) fields.source.sha256 = sha256;
    const c = compactCandidate(fields, { p, vals: exactVals });
    const mult = get('multiplicity');
    if (typeof mult === 'number' || typeof mult === 'bigint') c.multiplicity = Number(mult);
    if (m === 1 && vals[0]![0] === 1 && vals[0]![1] === 0) c.storedGlobal = true;
    const stored: Record<string, number | string | number[] | null> = {
      p,
      vals: vals.flat(),
    };
    for (const key of STORED_FIELDS) if (state.has(key)) stored[key] = storedValueOf(get(key), label);
    c.stored = stored;
    return c;
  });
}
