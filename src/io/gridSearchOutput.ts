/**
 * Finite-data candidates from the outputs of a finite-data search (preset simsek-2021-grid):
 * families.json (top-level "finiteData" settings with the problem spec; one representative per
 * family: "representative" = W, "representativeA" = a) and runs.jsonl (one run per line with
 * "setting", "point" = W and "a"; the problem comes from the sibling families.json).
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { Activation } from '../objective/gridData.js';
import type { Candidate } from './candidate.js';
import { finiteDataPayload } from './gridPointFile.js';
import { type GridProblemSpec, gridProblemOfSpec, vectorOfNode } from './gridProblem.js';
import { type JsonNode, lineOf, matrixOfNode, plainOfNode } from './pointFile.js';

export interface GridSearchContext {
  spec: GridProblemSpec;
  problem: ReturnType<typeof gridProblemOfSpec>;
}

/** The problem of a finite-data families.json root (undefined for a population search file). */
export function gridContextOfFamiliesRoot(root: JsonNode & { kind: 'object' }, text: string, path: string): GridSearchContext | undefined {
  const node = root.entries.get('finiteData');
  if (!node) return undefined;
  const o = plainOfNode(node) as { activation?: Activation; problem?: GridProblemSpec } | null;
  if (!o || typeof o !== 'object' || !o.problem || (o.activation !== 'sigmoid' && o.activation !== 'relu')) {
    throw new InputError(`${path}: "finiteData" does not name an activation and a problem`);
  }
  // Exact inline data/teacher values: re-read them from the nodes so numbers keep their text.
  const spec = exactSpec(node, o.problem, text, path);
  return { spec, problem: gridProblemOfSpec(spec, process.cwd(), path) };
}

function exactSpec(node: JsonNode, plain: GridProblemSpec, text: string, path: string): GridProblemSpec {
  const problemNode = node.kind === 'object' ? node.entries.get('problem') : undefined;
  const spec: GridProblemSpec = { ...plain };
  if (problemNode?.kind !== 'object') return spec;
  const data = problemNode.entries.get('data');
  if (data?.kind === 'object' && data.entries.has('X')) {
    const X = matrixOfNode(data.entries.get('X')!, text, path, 'finiteData.problem.data.X');
    const y = data.entries.get('y');
    spec.data = y ? { X, y: vectorOfNode(y, text, path, 'finiteData.problem.data.y') } : { X };
  }
  const teacher = problemNode.entries.get('teacher');
  if (teacher?.kind === 'object' && teacher.entries.has('W')) {
    spec.teacher = {
      W: matrixOfNode(teacher.entries.get('W')!, text, path, 'finiteData.problem.teacher.W'),
      a: vectorOfNode(teacher.entries.get('a')!, text, path, 'finiteData.problem.teacher.a'),
    };
  }
  return spec;
}

function storedOf(o: Record<string, unknown>, keys: string[]): Record<string, number | string | number[] | null> {
  const out: Record<string, number | string | number[] | null> = {};
  for (const k of keys) {
    const v = o[k];
    if (v === null || typeof v === 'number' || typeof v === 'string') out[k] = v;
  }
  return out;
}

function candidate(
  ctx: GridSearchContext,
  id: string,
  W: string[][],
  a: string[],
  source: Candidate['source'],
  where: string,
): Candidate {
  if (W.length !== 2 || W[0]!.length !== a.length) {
    throw new InputError(`${where}: the point has ${W.length} rows × ${W[0]!.length} columns and ${a.length} outgoing weights (expected 2 × n and n)`);
  }
  return {
    id,
    d: 2,
    n: a.length,
    W,
    source,
    finiteData: finiteDataPayload({ point: { W, a }, problem: ctx.problem, spec: ctx.spec }),
  };
}

const FAMILY_FIELDS = ['classification', 'index', 'loss', 'lambdaMin', 'maxDist', 'reducedN', 'level'];
const RUN_FIELDS = ['iterations', 'loss', 'gradNorm', 'lambdaMin', 'lambdaMax', 'negativeEigenvalues', 'zeroEigenvalues', 'classification', 'index', 'reducedN', 'level'];

/** One candidate per family of a finite-data families.json. */
export function candidatesOfGridFamilies(
  root: JsonNode & { kind: 'object' },
  ctx: GridSearchContext,
  text: string,
  path: string,
  sha256: string,
): Candidate[] {
  const fams = root.entries.get('families')!;
  if (fams.kind !== 'array') throw new InputError(`${path}:${lineOf(text, fams.pos)}: "families" is not an array`);
  const file = basename(path);
  return fams.items.map((famNode, index) => {
    const at = `${path}:${lineOf(text, famNode.pos)}`;
    if (famNode.kind !== 'object') throw new InputError(`${at}: family ${index} is not an object`);
    const rep = famNode.entries.get('representative');
    const repA = famNode.entries.get('representativeA');
    if (!rep || !repA) throw new InputError(`${at}: family ${index} has no "representative" / "representativeA"`);
    const W = matrixOfNode(rep, text, path, `families[${index}].representative`);
    const a = vectorOfNode(repA, text, path, `families[${index}].representativeA`);
    const fam = plainOfNode(famNode) as Record<string, unknown>;
    const famId = typeof fam.id === 'number' ? String(fam.id) : String(index);
    const c = candidate(ctx, `${file}#${famId}`, W, a, { file: path, format: 'families-json', sha256, index }, at);
    if (typeof fam.multiplicity === 'number') c.multiplicity = fam.multiplicity;
    c.stored = storedOf(fam, FAMILY_FIELDS);
    return c;
  });
}

/** One candidate per line of a finite-data runs.jsonl (`ctx` from the sibling families.json). */
export function candidateOfGridRun(
  node: JsonNode & { kind: 'object' },
  ctx: GridSearchContext | undefined,
  raw: string,
  path: string,
  line: number,
  sha256: string,
): Candidate {
  const label = `${path}:${line + 1}`;
  if (!ctx) throw new InputError(`${label}: a finite-data run, but no families.json beside ${basename(path)} names its data and teacher`);
  const pointNode = node.entries.get('point');
  const aNode = node.entries.get('a');
  if (!pointNode || !aNode) throw new InputError(`${label}: finite-data run has no "point" / "a"`);
  const W = matrixOfNode(pointNode, raw, path, 'point', line);
  const a = vectorOfNode(aNode, raw, path, 'a');
  const o = plainOfNode(node) as Record<string, unknown>;
  const index = typeof o.run === 'number' ? o.run : line;
  const c = candidate(ctx, `${basename(path)}#${index}`, W, a, { file: path, format: 'runs-jsonl', sha256, index }, label);
  if (o.seed !== undefined && o.seed !== null) c.source.seed = String(o.seed);
  c.stored = storedOf(o, RUN_FIELDS);
  return c;
}
