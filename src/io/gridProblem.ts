import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { exactDecimalOfDouble } from '../arith/exactDouble.js';
import { InputError } from '../errors.js';
import {
  type Activation,
  type FiniteDataProblem,
  type FiniteDataSet,
  type FiniteTeacher,
  DEFAULT_DATA,
  DEFAULT_TEACHER,
  defaultGridData,
  simsekTeacher,
  validateMatrixAndVector,
  validateProblem,
} from '../objective/gridData.js';
import { readNpy } from './npy.js';
import { type JsonNode, lineOf, matrixOfNode, parseJsonNodes, parsePointCsv } from './pointFile.js';
import { readInputFile, readInputText } from './inputFile.js';

/**
 * Where the data set and the teacher of a finite-data problem come from (the 'grid-teacher-2d'
 * setting, DESIGN.md §7). Serialisable: search settings and point files store it.
 * - data: 'grid-41x41' (default), { file } (CSV or NPY, see readDataFile) or { X, y? } inline;
 * - teacher: 'simsek-4' (default when the data carry no labels), { file } (JSON {W, a}) or
 *   { W, a } inline; absent when the data carry labels.
 */
export type DataSpec = typeof DEFAULT_DATA | { file: string; sha256?: string } | { X: string[][]; y?: string[] };
export type TeacherSpec = typeof DEFAULT_TEACHER | { file: string; sha256?: string } | { W: string[][]; a: string[] };

export interface GridProblemSpec {
  activation: Activation;
  data: DataSpec;
  teacher?: TeacherSpec;
}

/** The setting is two-dimensional. */
const D = 2;

/**
 * A data file: CSV (one data point per line; 2 fields x1, x2, or 3 fields x1, x2, y; an optional
 * header line of names; blank and '#' lines ignored; numbers kept as written) or NumPy .npy (a
 * P×2 or P×3 numeric array; each double is taken at its exact binary value).
 */
export function readDataFile(path: string): FiniteDataSet {
  const ext = extname(path).toLowerCase();
  let rows: string[][];
  let sha256: string;
  if (ext === '.npy') {
    const file = readInputFile(path);
    sha256 = file.sha256;
    const nd = readNpy(file.bytes, path);
    if (nd.shape.length !== 2 || (nd.shape[1] !== 2 && nd.shape[1] !== 3) || nd.shape[0] === 0) {
      throw new InputError(`${path}: expected a P×2 (x1, x2) or P×3 (x1, x2, y) array, found shape (${nd.shape.join(', ')})`);
    }
    const [P, cols] = nd.shape as [number, number];
    rows = [];
    for (let q = 0; q < P; q++) {
      const row: string[] = [];
      for (let c = 0; c < cols; c++) {
        const v = nd.data[q * cols + c]!;
        if (!Number.isFinite(v)) throw new InputError(`${path}: row ${q} column ${c} is ${v}, not a finite number`);
        row.push(exactDecimalOfDouble(v));
      }
      rows.push(row);
    }
  } else {
    const file = readInputText(path);
    sha256 = file.sha256;
    rows = parsePointCsv(file.text, path);
    if (rows[0]!.length !== 2 && rows[0]!.length !== 3) {
      throw new InputError(`${path}: expected 2 columns (x1, x2) or 3 columns (x1, x2, y), found ${rows[0]!.length}`);
    }
  }
  const labelled = rows[0]!.length === 3;
  const data: FiniteDataSet = { name: basename(path), d: D, P: rows.length, X: rows.map((r) => r.slice(0, 2)), file: path, sha256 };
  if (labelled) data.y = rows.map((r) => r[2]!);
  return data;
}

/** A teacher file: JSON {"W": [[…k…], […k…]], "a": [k values]} (W: 2 rows = input coordinates). */
export function readTeacherFile(path: string): FiniteTeacher {
  const { text, sha256 } = readInputText(path);
  const root = parseJsonNodes(text, path);
  const t = teacherOfNode(root, text, path);
  return { ...t, name: basename(path), file: path, sha256 };
}

function teacherOfNode(node: JsonNode, text: string, label: string): FiniteTeacher {
  if (node.kind !== 'object' || !node.entries.has('W') || !node.entries.has('a')) {
    throw new InputError(`${label}:${lineOf(text, node.pos)}: a teacher is an object {"W": [[…], […]], "a": […]}`);
  }
  const W = matrixOfNode(node.entries.get('W')!, text, label, 'teacher W');
  const a = vectorOfNode(node.entries.get('a')!, text, label, 'teacher a');
  validateMatrixAndVector(W, a, D, `${label}: teacher`);
  return { name: 'inline', W, a };
}

/** A non-empty array of decimal numbers (JSON numbers kept as written, or decimal strings). */
export function vectorOfNode(node: JsonNode, text: string, label: string, what: string): string[] {
  const m = matrixOfNode({ kind: 'array', pos: node.pos, items: [node] }, text, label, what);
  return m[0]!;
}

function dataOfNode(node: JsonNode, text: string, label: string): FiniteDataSet {
  if (node.kind !== 'object' || !node.entries.has('X')) {
    throw new InputError(`${label}:${lineOf(text, node.pos)}: inline data is an object {"X": [[x1, x2], …], "y"?: […]}`);
  }
  const X = matrixOfNode(node.entries.get('X')!, text, label, 'data X');
  if (X[0]!.length !== D) throw new InputError(`${label}: data X has ${X[0]!.length} columns, expected 2 (x1, x2)`);
  const data: FiniteDataSet = { name: 'inline', d: D, P: X.length, X };
  const y = node.entries.get('y');
  if (y) data.y = vectorOfNode(y, text, label, 'data y');
  return data;
}

function resolvePath(file: string, baseDir: string): string {
  return isAbsolute(file) ? file : resolve(baseDir, file);
}

/**
 * The problem named by data/teacher specifications as found in a point file (`node` values: a
 * string — a built-in name or a path relative to `baseDir` — or an inline object), with the
 * defaults for absent ones. Returns the problem and a serialisable spec (paths made absolute,
 * with sha256). InputError for unusable input, including labelled data together with a teacher.
 */
export function gridProblemOfNodes(
  activation: Activation,
  dataNode: JsonNode | undefined,
  teacherNode: JsonNode | undefined,
  text: string,
  label: string,
  baseDir: string,
): { problem: FiniteDataProblem; spec: GridProblemSpec } {
  let data: FiniteDataSet;
  let dataSpec: DataSpec;
  if (!dataNode || (dataNode.kind === 'string' && dataNode.value === DEFAULT_DATA)) {
    data = defaultGridData();
    dataSpec = DEFAULT_DATA;
  } else if (dataNode.kind === 'string') {
    data = readDataFile(resolvePath(dataNode.value, baseDir));
    dataSpec = { file: data.file!, sha256: data.sha256! };
  } else {
    data = dataOfNode(dataNode, text, label);
    dataSpec = data.y ? { X: data.X, y: data.y } : { X: data.X };
  }
  let teacher: FiniteTeacher | undefined;
  let teacherSpec: TeacherSpec | undefined;
  if (teacherNode && data.y) {
    throw new InputError(`${label}: the data set carries labels (y), so no teacher may be given`);
  }
  if (!data.y) {
    if (!teacherNode || (teacherNode.kind === 'string' && teacherNode.value === DEFAULT_TEACHER)) {
      teacher = simsekTeacher();
      teacherSpec = DEFAULT_TEACHER;
    } else if (teacherNode.kind === 'string') {
      teacher = readTeacherFile(resolvePath(teacherNode.value, baseDir));
      teacherSpec = { file: teacher.file!, sha256: teacher.sha256! };
    } else {
      teacher = teacherOfNode(teacherNode, text, label);
      teacherSpec = { W: teacher.W, a: teacher.a };
    }
  }
  const problem: FiniteDataProblem = { activation, data };
  if (teacher) problem.teacher = teacher;
  validateProblem(problem, label);
  const spec: GridProblemSpec = { activation, data: dataSpec };
  if (teacherSpec) spec.teacher = teacherSpec;
  return { problem, spec };
}

/**
 * The problem of a serialised spec (search settings, or a spec written by this module). Files are
 * read again and, when the spec records a sha256, checked against it (InputError if the file
 * changed). Relative paths are taken relative to `baseDir`.
 */
export function gridProblemOfSpec(spec: GridProblemSpec, baseDir = process.cwd(), label = 'finite-data problem'): FiniteDataProblem {
  let data: FiniteDataSet;
  if (spec.data === DEFAULT_DATA) data = defaultGridData();
  else if (typeof spec.data === 'object' && 'file' in spec.data) {
    data = readDataFile(resolvePath(spec.data.file, baseDir));
    if (spec.data.sha256 !== undefined && spec.data.sha256 !== data.sha256) {
      throw new InputError(`${label}: data file ${spec.data.file} has changed since it was recorded (sha256 differs)`);
    }
  } else if (typeof spec.data === 'object' && 'X' in spec.data) {
    data = { name: 'inline', d: D, P: spec.data.X.length, X: spec.data.X };
    if (spec.data.y) data.y = spec.data.y;
  } else {
    throw new InputError(`${label}: unknown data set ${JSON.stringify(spec.data)}`);
  }
  let teacher: FiniteTeacher | undefined;
  const t = spec.teacher;
  if (t === DEFAULT_TEACHER) teacher = simsekTeacher();
  else if (typeof t === 'object' && 'file' in t) {
    teacher = readTeacherFile(resolvePath(t.file, baseDir));
    if (t.sha256 !== undefined && t.sha256 !== teacher.sha256) {
      throw new InputError(`${label}: teacher file ${t.file} has changed since it was recorded (sha256 differs)`);
    }
  } else if (typeof t === 'object' && 'W' in t) teacher = { name: 'inline', W: t.W, a: t.a };
  else if (t !== undefined) throw new InputError(`${label}: unknown teacher ${JSON.stringify(t)}`);
  const problem: FiniteDataProblem = { activation: spec.activation, data };
  if (teacher) problem.teacher = teacher;
  validateProblem(problem, label);
  return problem;
}

/**
 * The spec named by command-line values: `--data` ('grid-41x41' or a CSV/NPY path) and `--teacher`
 * ('simsek-4' or a JSON path), relative to the working directory. Labelled data with a teacher
 * flag is an InputError.
 */
export function gridSpecOfFlags(activation: Activation, data?: string, teacher?: string): { problem: FiniteDataProblem; spec: GridProblemSpec } {
  const text = JSON.stringify({ data, teacher });
  const node = (v: string | undefined): JsonNode | undefined => (v === undefined ? undefined : { kind: 'string', pos: 0, value: v });
  return gridProblemOfNodes(activation, node(data), node(teacher), text, 'command line', process.cwd());
}

/** Directory of a file, for resolving paths written inside it. */
export function baseDirOf(path: string): string {
  return dirname(resolve(path));
}
