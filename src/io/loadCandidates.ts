import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Candidate } from './candidate.js';
import { readMat } from './mat.js';
import { asNdArray, unpickle, type PickleValue } from './pickle.js';
import { compactCandidate } from './compactCandidate.js';
import {
  compactPointOfNode,
  lineOf,
  matrixOfNode,
  parseJsonNodes,
  parsePointCsv,
  plainOfNode,
  pointPartsOfNode,
  type JsonNode,
} from './pointFile.js';
import { decodeUtf8, readInputFile } from './inputFile.js';
import { candidatesOfMat, candidatesOfMinimumList, isMinimumList } from './storedResults.js';
import { finiteDataPayload, finiteDataPointOfNode, isFiniteDataPointNode } from './gridPointFile.js';
import { baseDirOf } from './gridProblem.js';
import { candidateOfGridRun, candidatesOfGridFamilies, gridContextOfFamiliesRoot } from './gridSearchOutput.js';
import { GRID_SETTING } from '../objective/gridData.js';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';

/**
 * Every kind of file that holds candidate points, as `Candidate`s (source.sha256 filled in):
 * - `.mat` (or a file starting "MATLAB 5.0"): stored 2018 results (`WbadNew`, `magnitude`);
 * - `.p` / `.pkl` / `.pickle` (or a file starting with the pickle PROTO byte 0x80): a list of
 *   2021 `Minimum` records, a 2-D numpy array, or a list of 2-D numpy arrays (each d×n);
 * - `.jsonl`: `certmin search` runs (every run; certify filters by classification), with the
 *   teacher V from a sibling `families.json` (same directory) that stores a `teacherMatrix`;
 * - `.json`: a `certmin search` families file ({families: [...]}, V from its top-level
 *   `teacherMatrix` when the search used `--teacher FILE`), a candidate list as written by
 *   `certmin convert` ([{id, W, …}, …]), one point (a d×n matrix or {W, V?}), or one point in the
 *   compact form {p, vals} (DESIGN.md §6; identity teacher; a compact candidate whose dense W is
 *   not built unless asked for: src/io/compactCandidate.ts);
 * - `.csv`: one point, one line per input coordinate.
 * Anything else, a missing path, a file that is not a regular file (readInputFile) or a file
 * that holds no candidate at all ([], an empty runs.jsonl or families list, a .mat whose
 * WbadNew is empty) is an InputError: every command treats an empty input as unusable (exit 2).
 */
export function loadCandidates(path: string, opts: LoadOptions = {}): Candidate[] {
  const candidates = candidatesOfFile(path, opts);
  if (candidates.length === 0) throw new InputError(`${path}: the file holds no candidate point`);
  return candidates;
}

function candidatesOfFile(path: string, opts: LoadOptions): Candidate[] {
  const { bytes, sha256 } = readInputFile(path);
  const kind = kindOf(path, bytes);
  const out = candidatesOfKind(kind, path, bytes, sha256);
  if (!opts.finiteData && out.some((c) => c.finiteData)) {
    throw new InputError(`${path}: holds finite-data points (setting ${GRID_SETTING}), which this command does not handle yet`);
  }
  return out;
}

export interface LoadOptions {
  /** Accept finite-data candidates (setting 'grid-teacher-2d'); without it such files are an InputError. */
  finiteData?: boolean;
}

function candidatesOfKind(kind: Kind, path: string, bytes: Uint8Array, sha256: string): Candidate[] {
  switch (kind) {
    case 'mat':
      return candidatesOfMat(readMat(bytes, path), path, sha256);
    case 'pickle':
      return candidatesOfPickle(unpickle(bytes, path), path, sha256);
    case 'jsonl':
      return candidatesOfRunsJsonl(decodeUtf8(bytes, path), path, sha256);
    case 'json':
      return candidatesOfJson(decodeUtf8(bytes, path), path, sha256);
    case 'csv': {
      const W = parsePointCsv(decodeUtf8(bytes, path), path);
      return [pointCandidate(path, 'csv', sha256, W)];
    }
  }
}

type Kind = 'mat' | 'pickle' | 'jsonl' | 'json' | 'csv';

function kindOf(path: string, bytes: Uint8Array): Kind {
  const ext = extname(path).toLowerCase();
  if (ext === '.mat') return 'mat';
  if (ext === '.p' || ext === '.pkl' || ext === '.pickle') return 'pickle';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  if (head.startsWith('MATLAB')) return 'mat';
  if (bytes[0] === 0x80) return 'pickle';
  const firstText = head.replace(/^\xEF\xBB\xBF/, '').trimStart();
  if (firstText.startsWith('{') || firstText.startsWith('[')) return 'json';
  if (/^[\s\d+\-.,eE"]+$/.test(head)) return 'csv';
  throw new InputError(
    `${path}: unknown file format (expected .mat, .p/.pkl, .json, .jsonl or .csv)`,
  );
}

function pointCandidate(path: string, format: string, sha256: string, W: string[][], V?: string[][]): Candidate {
  const c: Candidate = { id: basename(path), d: W.length, n: W[0]!.length, W, source: { file: path, format, sha256 } };
  if (V) c.V = V;
  return c;
}

// ---------------------------------------------------------------------------------------------
// pickle

function candidatesOfPickle(value: PickleValue, path: string, sha256: string): Candidate[] {
  if (isMinimumList(value)) return candidatesOfMinimumList(value, path, sha256);
  const items: PickleValue[] = Array.isArray(value) ? (value as PickleValue[]) : [value];
  const single = !Array.isArray(value);
  const file = basename(path);
  return items.map((item, index) => {
    const nd = asNdArray(item, path);
    if (!nd || nd.shape.length !== 2 || nd.data.length === 0) {
      throw new InputError(
        `${path}: expected a list of Minimum records or 2-D numpy arrays (d × n); item ${index} is not one`,
      );
    }
    const [d, n] = nd.shape as [number, number];
    const W: string[][] = [];
    for (let a = 0; a < d; a++) {
      const row: string[] = [];
      for (let i = 0; i < n; i++) {
        const x = nd.data[a * n + i]!;
        if (!Number.isFinite(x)) throw new InputError(`${path}: item ${index} entry [${a}][${i}] = ${x} is not finite`);
        row.push(exactDecimalOfDouble(x));
      }
      W.push(row);
    }
    return { id: single ? file : `${file}#${index}`, d, n, W, source: { file: path, format: 'pickle', sha256, index } };
  });
}

// ---------------------------------------------------------------------------------------------
// search output

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function storedOf(o: Record<string, unknown>, keys: string[]): Record<string, number | string | number[] | null> {
  const out: Record<string, number | string | number[] | null> = {};
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (v === null || typeof v === 'number' || typeof v === 'string') out[k] = v;
    else if (typeof v === 'boolean') out[k] = v ? 1 : 0;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) out[k] = v as number[];
  }
  return out;
}

const RUN_FIELDS = ['iterations', 'loss', 'gradNorm', 'gradNormMaxNeuron', 'lambdaMin', 'classification'];

/**
 * The teacher a `certmin search --teacher FILE` stored in its families.json: the top-level
 * `teacherMatrix` (d rows × k columns of decimal strings, kept as written). undefined when the
 * search used the identity teacher. A file that names a teacher other than "identity" but stores
 * no matrix is refused rather than read as the identity teacher.
 */
function teacherOfFamiliesRoot(root: JsonNode & { kind: 'object' }, text: string, path: string): string[][] | undefined {
  const node = root.entries.get('teacherMatrix');
  if (node) return matrixOfNode(node, text, path, 'teacherMatrix');
  const teacherNode = root.entries.get('teacher');
  const teacher = teacherNode ? plainOfNode(teacherNode) : undefined;
  if (teacher !== undefined && teacher !== 'identity') {
    throw new InputError(`${path}: the search used teacher ${JSON.stringify(teacher)} but the file stores no "teacherMatrix"`);
  }
  return undefined;
}

/** The families.json beside a runs.jsonl (parsed), if there is one and it is a search families file. */
function siblingFamilies(runsPath: string): { root: JsonNode & { kind: 'object' }; text: string; file: string } | undefined {
  const sibling = join(dirname(runsPath), 'families.json');
  if (resolve(sibling) === resolve(runsPath) || !existsSync(sibling)) return undefined;
  const { bytes } = readInputFile(sibling);
  const text = decodeUtf8(bytes, sibling);
  const root = parseJsonNodes(text, sibling);
  if (root.kind !== 'object' || !root.entries.has('families')) return undefined; // not a search families file
  return { root, text, file: sibling };
}

/** The teacher of the search whose runs.jsonl is at `runsPath`, from families.json in the same directory (if there is one). */
function teacherOfSiblingFamilies(sib: ReturnType<typeof siblingFamilies>): { V: string[][]; file: string } | undefined {
  if (!sib || sib.root.entries.has('finiteData')) return undefined;
  const V = teacherOfFamiliesRoot(sib.root, sib.text, sib.file);
  return V ? { V, file: sib.file } : undefined;
}

/** One `runs.jsonl` line: {run, seed, iterations, loss, gradNorm, gradNormMaxNeuron, lambdaMin, classification, point}. */
function candidatesOfRunsJsonl(text: string, path: string, sha256: string): Candidate[] {
  const file = basename(path);
  const sib = siblingFamilies(path);
  const teacher = teacherOfSiblingFamilies(sib);
  const grid = sib ? gridContextOfFamiliesRoot(sib.root, sib.text, sib.file) : undefined;
  const out: Candidate[] = [];
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '') return;
    const label = `${path}:${lineNo}`;
    const node = parseJsonNodes(raw, path, i);
    if (node.kind !== 'object') throw new InputError(`${label}: expected a JSON object per line`);
    if (node.entries.has('setting')) {
      out.push(candidateOfGridRun(node, grid, raw, path, i, sha256));
      return;
    }
    const pointNode = node.entries.get('point');
    if (!pointNode) throw new InputError(`${label}: run has no "point"`);
    const W = matrixOfNode(pointNode, raw, path, 'point', i);
    const o: Record<string, unknown> = {};
    for (const [key, v] of node.entries) if (key !== 'point') o[key] = plainOfNode(v);
    const run = o.run;
    const index = isFiniteNumber(run) ? run : out.length;
    const c: Candidate = {
      id: `${file}#${index}`,
      d: W.length,
      n: W[0]!.length,
      W,
      source: { file: path, format: 'runs-jsonl', sha256, index },
    };
    if (o.seed !== undefined && o.seed !== null) c.source.seed = String(o.seed);
    if (teacher) {
      if (teacher.V.length !== c.d) {
        throw new InputError(`${label}: point has ${c.d} rows but the teacherMatrix in ${teacher.file} has ${teacher.V.length} (both are d × ·)`);
      }
      c.V = teacher.V.map((row) => row.slice());
    }
    c.stored = storedOf(o, RUN_FIELDS);
    out.push(c);
  });
  return out;
}

const FAMILY_FIELDS = ['classification', 'loss', 'lambdaMin', 'maxDist', 'runs'];

/** `families.json`: {preset, k, n, teacher, teacherMatrix?, …, families: [{id, classification, multiplicity, loss, lambdaMin, maxDist, representative, runs}]}. */
function candidatesOfFamilies(root: JsonNode & { kind: 'object' }, text: string, path: string, sha256: string): Candidate[] {
  const grid = gridContextOfFamiliesRoot(root, text, path);
  if (grid) return candidatesOfGridFamilies(root, grid, text, path, sha256);
  const fams = root.entries.get('families')!;
  if (fams.kind !== 'array') throw new InputError(`${path}:${lineOf(text, fams.pos)}: "families" is not an array`);
  const top = plainOfNode(root) as Record<string, unknown>;
  const teacher = teacherOfFamiliesRoot(root, text, path);
  const file = basename(path);
  return fams.items.map((famNode, index) => {
    const at = `${path}:${lineOf(text, famNode.pos)}`;
    if (famNode.kind !== 'object') throw new InputError(`${at}: family ${index} is not an object`);
    const rep = famNode.entries.get('representative');
    if (!rep) throw new InputError(`${at}: family ${index} has no "representative"`);
    const W = matrixOfNode(rep, text, path, `families[${index}].representative`);
    const fam = plainOfNode(famNode) as Record<string, unknown>;
    const famId = typeof fam.id === 'string' || typeof fam.id === 'number' ? String(fam.id) : String(index);
    const c: Candidate = {
      id: `${file}#${famId}`,
      d: W.length,
      n: W[0]!.length,
      W,
      source: { file: path, format: 'families-json', sha256, index },
    };
    if (teacher) {
      if (teacher.length !== c.d) {
        throw new InputError(`${at}: family ${index}: representative has ${c.d} rows but teacherMatrix has ${teacher.length} (both are d × ·)`);
      }
      c.V = teacher.map((row) => row.slice());
    }
    if (isFiniteNumber(fam.multiplicity)) c.multiplicity = fam.multiplicity;
    c.stored = { ...storedOf(top, ['preset', 'k', 'n']), ...storedOf(fam, FAMILY_FIELDS) };
    return c;
  });
}

/** A JSON list of candidates as written by `certmin convert`: [{id, d, n, multiplicity?, storedGlobal?, stored?, V?, W}]. */
function candidatesOfList(root: JsonNode & { kind: 'array' }, text: string, path: string, sha256: string): Candidate[] {
  const file = basename(path);
  return root.items.map((itemNode, index) => {
    const at = `${path}:${lineOf(text, itemNode.pos)}`;
    if (itemNode.kind !== 'object') throw new InputError(`${at}: item ${index} is not an object`);
    const wNode = itemNode.entries.get('W');
    if (!wNode) throw new InputError(`${at}: item ${index} has no "W"`);
    const W = matrixOfNode(wNode, text, path, `[${index}].W`);
    const vNode = itemNode.entries.get('V');
    const item = plainOfNode(itemNode) as Record<string, unknown>;
    const c: Candidate = {
      id: typeof item.id === 'string' && item.id !== '' ? item.id : `${file}#${index}`,
      d: W.length,
      n: W[0]!.length,
      W,
      source: { file: path, format: 'json', sha256, index },
    };
    for (const [key, expected] of [['d', c.d], ['n', c.n]] as const) {
      if (item[key] !== undefined && item[key] !== expected) {
        throw new InputError(`${at}: item ${index} says ${key} = ${String(item[key])} but W has ${expected}`);
      }
    }
    if (vNode) {
      const V = matrixOfNode(vNode, text, path, `[${index}].V`);
      if (V.length !== c.d) throw new InputError(`${at}: item ${index}: V has ${V.length} rows but W has ${c.d}`);
      c.V = V;
    }
    if (isFiniteNumber(item.multiplicity)) c.multiplicity = item.multiplicity;
    if (item.storedGlobal === true) c.storedGlobal = true;
    if (item.stored && typeof item.stored === 'object' && !Array.isArray(item.stored)) {
      const s = item.stored as Record<string, unknown>;
      c.stored = storedOf(s, Object.keys(s));
    }
    return c;
  });
}

function candidatesOfJson(text: string, path: string, sha256: string): Candidate[] {
  const root = parseJsonNodes(text, path);
  if (isFiniteDataPointNode(root)) {
    const f = finiteDataPointOfNode(root, text, path, baseDirOf(path));
    return [{
      id: f.id ?? basename(path),
      d: f.point.W.length,
      n: f.n,
      W: f.point.W,
      source: { file: path, format: 'finite-data-json', sha256 },
      finiteData: finiteDataPayload(f),
    }];
  }
  if (root.kind === 'object' && root.entries.has('families')) return candidatesOfFamilies(root, text, path, sha256);
  if (root.kind === 'array' && root.items.length === 0) return []; // an empty candidate list
  if (root.kind === 'array' && root.items[0]!.kind === 'object') {
    return candidatesOfList(root, text, path, sha256);
  }
  if (root.kind === 'object' && (root.entries.has('p') || root.entries.has('vals'))) {
    return [compactCandidate({ id: basename(path), source: { file: path, format: 'json', sha256 } }, compactPointOfNode(root, text, path))];
  }
  const parts = pointPartsOfNode(root, text, path);
  if (!parts.W) throw new InputError(`${path}:1: JSON point has no "W"`);
  if (parts.V && parts.V.length !== parts.W.length) {
    throw new InputError(`${path}: V has ${parts.V.length} rows but W has ${parts.W.length} (both are d × ·)`);
  }
  return [pointCandidate(path, 'json', sha256, parts.W, parts.V)];
}
