import { InputError } from '../errors.js';
import { GRID_SETTING, type Activation, type FiniteDataPoint, type FiniteDataProblem, validatePoint } from '../objective/gridData.js';
import type { FiniteDataPayload } from './candidate.js';
import { type GridProblemSpec, gridProblemOfNodes, vectorOfNode } from './gridProblem.js';
import { type JsonNode, lineOf, matrixOfNode, plainOfNode } from './pointFile.js';

/**
 * Finite-data point files (setting 'grid-teacher-2d', DESIGN.md §7), JSON:
 *   { "setting": "grid-teacher-2d", "activation": "sigmoid" | "relu",
 *     "W": [[w_11 … w_1n], [w_21 … w_2n]],   (2 rows = input coordinates, column i = neuron i)
 *     "a": [a_1 … a_n],
 *     "data"?: "grid-41x41" | "file.csv" | "file.npy" | { "X": [[x1, x2], …], "y"?: […] },
 *     "teacher"?: "simsek-4" | "teacher.json" | { "W": [[…], […]], "a": […] } }
 * File paths are relative to the point file. Without "data" the grid-41x41 set is used; without
 * "teacher" (and without labels in the data) the simsek-4 teacher. Numbers keep their decimal text.
 */

const KEYS = new Set(['setting', 'activation', 'W', 'a', 'data', 'teacher', 'id']);

/** Whether a parsed JSON value is a finite-data point (an object with a "setting"). */
export function isFiniteDataPointNode(root: JsonNode): boolean {
  return root.kind === 'object' && root.entries.has('setting');
}

export interface FiniteDataPointFile {
  point: FiniteDataPoint;
  problem: FiniteDataProblem;
  spec: GridProblemSpec;
  n: number;
  /** The optional "id". */
  id?: string;
}

/** Reads a finite-data point from its parsed JSON (InputError "FILE:LINE: what" for bad input). */
export function finiteDataPointOfNode(node: JsonNode, text: string, label: string, baseDir: string): FiniteDataPointFile {
  if (node.kind !== 'object') throw new InputError(`${label}:${lineOf(text, node.pos)}: a finite-data point is a JSON object`);
  const root = node;
  const at = (node: JsonNode): string => `${label}:${lineOf(text, node.pos)}`;
  for (const [key, node] of root.entries) {
    if (!KEYS.has(key)) throw new InputError(`${at(node)}: unknown field "${key}" in a finite-data point (known: ${[...KEYS].join(', ')})`);
  }
  const setting = plainOfNode(root.entries.get('setting')!);
  if (setting !== GRID_SETTING) {
    throw new InputError(`${at(root.entries.get('setting')!)}: unknown setting ${JSON.stringify(setting)} (known: ${GRID_SETTING})`);
  }
  const actNode = root.entries.get('activation');
  const activation = actNode ? plainOfNode(actNode) : undefined;
  if (activation !== 'sigmoid' && activation !== 'relu') {
    throw new InputError(`${actNode ? at(actNode) : at(root)}: "activation" must be "sigmoid" or "relu"${actNode ? `, not ${JSON.stringify(activation)}` : ' (missing)'}`);
  }
  const wNode = root.entries.get('W');
  const aNode = root.entries.get('a');
  if (!wNode || !aNode) throw new InputError(`${at(root)}: a finite-data point needs "W" (2 rows × n) and "a" (n values)`);
  const W = matrixOfNode(wNode, text, label, 'W');
  const a = vectorOfNode(aNode, text, label, 'a');
  if (W.length !== 2) throw new InputError(`${at(wNode)}: W has ${W.length} rows, expected 2 (one per input coordinate)`);
  if (W[0]!.length !== a.length) {
    throw new InputError(`${at(aNode)}: "a" has ${a.length} entries but W has ${W[0]!.length} columns (one per neuron)`);
  }
  const { problem, spec } = gridProblemOfNodes(activation as Activation, root.entries.get('data'), root.entries.get('teacher'), text, label, baseDir);
  const point = { W, a };
  const n = validatePoint(problem, point, label);
  const out: FiniteDataPointFile = { point, problem, spec, n };
  const idNode = root.entries.get('id');
  if (idNode) {
    const id = plainOfNode(idNode);
    if (typeof id !== 'string' || id === '') throw new InputError(`${at(idNode)}: "id" must be a non-empty string`);
    out.id = id;
  }
  return out;
}

/** The Candidate payload of a finite-data point. */
export function finiteDataPayload(f: { point: FiniteDataPoint; problem: FiniteDataProblem; spec: GridProblemSpec }): FiniteDataPayload {
  return { setting: GRID_SETTING, activation: f.problem.activation, a: f.point.a, problem: f.problem, spec: f.spec };
}
