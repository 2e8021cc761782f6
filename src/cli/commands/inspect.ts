import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { Candidate, CompactForm } from '../../io/candidate.js';
import { isCompactCandidate } from '../../io/compactCandidate.js';
import { summarizeCompact, type CompactSummary } from '../../symmetric/compactSummary.js';
import { loadCandidates } from '../../io/loadCandidates.js';
import { loadTeacher } from '../../io/teacher.js';
import { summarizePoint, type PointSummary } from '../../objective/classify.js';
import { checkFloatRange, checkHessianOrder } from '../../objective/floatRange.js';
import { identityTeacher, makeProblem } from '../../objective/reluFloat.js';
import { finiteDataJsonRecord, formatFiniteDataResult, inspectFiniteDataCandidate } from '../inspectFiniteData.js';

interface InspectOptions {
  teacher?: string;
  json?: boolean;
  dense?: boolean;
  globalThreshold?: string;
  gradTol?: string;
  eigTol?: string;
}

/** One inspected candidate: where it came from, which teacher was used, and the float summary. */
export interface InspectResult extends PointSummary {
  id: string;
  teacher: string;
}

export function register(program: Command): void {
  program
    .command('inspect')
    .description(
      'Float64 screening of candidate points (not a proof): d, n, k, loss, gradient norms (Frobenius and max ' +
        'per neuron), smallest Hessian eigenvalue and a provisional classification, for every candidate in the file; ' +
        'for compact-form points (2021 pickles, {"p", "vals"} files) also the whole float Hessian spectrum with ' +
        'multiplicities, from the isotypic blocks, at any k',
    )
    .argument('<point>', 'file with one or more candidates (.mat, .p/.pkl, .json, .jsonl, .csv; finite-data point files too)')
    .option(
      '--teacher <spec>',
      "teacher V: 'identity' or a point file (d rows × k columns); default: the candidate's own V, else identity",
    )
    .option('--json', 'print JSON: one object for one candidate, an array otherwise')
    .option(
      '--dense',
      'screen compact-form points (2021 pickles, {"p", "vals"} files) with the dense Hessian instead of the isotypic blocks',
    )
    .option('--global-threshold <loss>', "loss below which a point is 'near-global' (default 1e-3; finite-data points: 'global-candidate', 1e-10)")
    .option('--grad-tol <norm>', "gradient norm above which a point is 'not-converged' (default 1e-6; finite-data points 1e-8)")
    .option('--eig-tol <t>', 'finite-data points: eigenvalues with |λ| ≤ t·max|λ| count as zero (default 1e-9)')
    .action((file: string, opts: InspectOptions) => {
      const num = (v: string | undefined, flag: string, def: number) => (v === undefined ? def : positiveNumber(v, flag));
      const population = { globalThreshold: num(opts.globalThreshold, '--global-threshold', 1e-3), gradTol: num(opts.gradTol, '--grad-tol', 1e-6) };
      const finite = {
        globalThreshold: num(opts.globalThreshold, '--global-threshold', 1e-10),
        gradTol: num(opts.gradTol, '--grad-tol', 1e-8),
        eigTol: num(opts.eigTol, '--eig-tol', 1e-9),
      };
      const candidates = loadCandidates(file, { finiteData: true });
      if (candidates.length === 0) throw new InputError(`${file}: no candidate points found`);
      const records: Record<string, unknown>[] = [];
      const texts: string[] = [];
      for (const c of candidates) {
        if (c.finiteData) {
          if (opts.teacher !== undefined) {
            throw new InputError(`${c.id}: --teacher applies to population points; a finite-data point names its teacher in its file ("teacher")`);
          }
          const r = inspectFiniteDataCandidate(c, finite);
          records.push(finiteDataJsonRecord(r));
          texts.push(formatFiniteDataResult(r));
        } else if (isCompactCandidate(c) && !opts.dense) {
          const r = inspectCompact(c, opts.teacher, population);
          records.push(compactJsonRecord(r));
          texts.push(formatCompact(r));
        } else {
          const r = inspectCandidate(c, opts.teacher, population);
          records.push(jsonRecord(r));
          texts.push(formatResult(r));
        }
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(records.length === 1 ? records[0] : records, null, 2)}\n`);
      } else {
        process.stdout.write(texts.join('\n'));
      }
    });
}

/** Float summary of one candidate with the teacher chosen as the command documents. */
export function inspectCandidate(
  c: Candidate,
  teacherSpec: string | undefined,
  opts: { globalThreshold: number; gradTol: number },
): InspectResult {
  const d = c.W.length;
  const where = c.id;
  if (d === 0) throw new InputError(`${where}: the point W is empty`);
  const n = c.W[0]!.length;
  if (n === 0) throw new InputError(`${where}: the point W has no columns`);
  checkHessianOrder(d, n, where);
  const w = neuronMajor(c.W, `${where}: W`);
  let v: Float64Array;
  let teacher: string;
  if (teacherSpec !== undefined) {
    v = teacherSpec === 'identity' ? identityTeacher(d) : neuronMajor(loadTeacher(teacherSpec, d), `teacher ${teacherSpec}`);
    teacher = teacherSpec;
  } else if (c.V !== undefined) {
    if (c.V.length !== d) {
      throw new InputError(`${where}: the teacher V has ${c.V.length} rows but W has d = ${d} rows`);
    }
    v = neuronMajor(c.V, `${where}: V`);
    teacher = 'candidate';
  } else {
    v = identityTeacher(d);
    teacher = 'identity';
  }
  const problem = makeProblem(d, n, v);
  checkFloatRange(problem, w, where);
  const summary = summarizePoint(problem, w, opts);
  return { id: c.id, teacher, ...summary };
}

/** One inspected compact candidate: the reduced float summary with the spectrum by isotypic blocks. */
export interface CompactInspectResult extends CompactSummary {
  id: string;
}

/** The reduced screening of a compact candidate (no dense W is built; the identity teacher is implied). */
export function inspectCompact(
  c: Candidate & { compact: CompactForm },
  teacherSpec: string | undefined,
  opts: { globalThreshold: number; gradTol: number },
): CompactInspectResult {
  if (teacherSpec !== undefined && teacherSpec !== 'identity') {
    throw new InputError(`${c.id}: a compact-form point implies the identity teacher; --teacher ${teacherSpec} applies to dense inputs only (or pass --dense)`);
  }
  return { id: c.id, ...summarizeCompact(c.compact, opts) };
}

/** The dense-form fields of a compact result (d = n = k, the identity teacher). */
function asInspectResult(r: CompactInspectResult): InspectResult {
  return { id: r.id, teacher: 'identity', d: r.k, n: r.k, k: r.k, loss: r.loss, gradNorm: r.gradNorm, gradNormMaxNeuron: r.gradNormMaxNeuron, lambdaMin: r.lambdaMin, classification: r.classification, ...(r.note !== undefined ? { note: r.note } : {}) };
}

function compactJsonRecord(r: CompactInspectResult): Record<string, unknown> {
  return {
    ...jsonRecord(asInspectResult(r)),
    p: r.p,
    spectrum: r.spectrum,
    types: r.types.map((t) => ({ type: t.label, dimension: String(t.dimension), multiplicity: t.multiplicity, eigenvalues: t.eigenvalues })),
    dimensionCheck: r.dimensionCheck,
  };
}

function formatCompact(r: CompactInspectResult): string {
  const spectrum =
    r.spectrum.length === 0
      ? []
      : [
          `  Hessian spectrum (float, by isotypic blocks; ${r.spectrum.length} eigenvalues, Σ multiplicities = ${r.dimensionCheck.sum} = k²):`,
          '    eigenvalue           multiplicity  type',
          ...r.spectrum.map((e) => `    ${fmt(e.value).padEnd(20)} ${e.multiplicity.padStart(12)}  ${e.type}`),
        ];
  return formatResult(asInspectResult(r), `  k, p                          ${r.k}, [${r.p.join(', ')}]   (compact form, identity teacher; d = n = k)`, spectrum);
}

/** d×m decimal strings → neuron-major doubles (Number() rounds each decimal correctly). */
function neuronMajor(M: string[][], what: string): Float64Array {
  const d = M.length;
  if (d === 0) throw new InputError(`${what} is empty`);
  const m = M[0]!.length;
  if (m === 0) throw new InputError(`${what} has no columns`);
  const out = new Float64Array(d * m);
  for (let a = 0; a < d; a++) {
    const row = M[a]!;
    if (row.length !== m) {
      throw new InputError(`${what}: row ${a + 1} has ${row.length} entries, expected ${m}`);
    }
    for (let j = 0; j < m; j++) {
      const x = Number(row[j]);
      if (!Number.isFinite(x)) throw new InputError(`${what}: entry (${a + 1}, ${j + 1}) '${row[j]}' is not a finite number`);
      out[j * d + a] = x;
    }
  }
  return out;
}

function positiveNumber(s: string, flag: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x) || x <= 0) throw new InputError(`${flag} must be a positive number, got '${s}'`);
  return x;
}

function jsonRecord(r: InspectResult): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    id: r.id,
    d: r.d,
    n: r.n,
    k: r.k,
    teacher: r.teacher,
    loss: r.loss,
    gradNorm: r.gradNorm,
    gradNormMaxNeuron: r.gradNormMaxNeuron,
    lambdaMin: Number.isNaN(r.lambdaMin) ? null : r.lambdaMin,
    classification: r.classification,
  };
  if (r.note !== undefined) rec.note = r.note;
  return rec;
}

function formatResult(r: InspectResult, shape = `  d, n, k                       ${r.d}, ${r.n}, ${r.k}   (teacher: ${r.teacher})`, more: string[] = []): string {
  const lines = [
    `${r.id}`,
    shape,
    `  loss                          ${fmt(r.loss)}`,
    `  gradient norm (Frobenius)     ${fmt(r.gradNorm)}`,
    `  gradient norm (max neuron)    ${fmt(r.gradNormMaxNeuron)}`,
    `  smallest Hessian eigenvalue   ${Number.isNaN(r.lambdaMin) ? 'undefined' : fmt(r.lambdaMin)}`,
    `  classification (float)        ${r.classification}`,
  ];
  if (r.note !== undefined) lines.push(`  note: ${r.note}`);
  lines.push(...more);
  return `${lines.join('\n')}\n`;
}

function fmt(x: number): string {
  return x === 0 ? '0' : x.toExponential(10);
}
