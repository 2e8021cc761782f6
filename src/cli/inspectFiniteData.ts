/**
 * `certmin inspect` for finite-data candidates (setting 'grid-teacher-2d'): the float summary of
 * gridClassify.ts as a JSON record or text. Float evidence, not a proof.
 */
import type { Candidate } from '../io/candidate.js';
import { summarizeGridPoint, type GridClassifyOptions, type GridPointSummary } from '../objective/gridClassify.js';
import { thetaOfPoint } from '../objective/gridData.js';
import { gridFloatProblem } from '../objective/gridFloat.js';

export interface FiniteDataInspectResult extends GridPointSummary {
  id: string;
  data: string;
  teacher: string;
}

/** The float summary of one finite-data candidate (c.finiteData must be present). */
export function inspectFiniteDataCandidate(c: Candidate, opts: GridClassifyOptions): FiniteDataInspectResult {
  const fd = c.finiteData!;
  const fp = gridFloatProblem(fd.problem, fd.a.length);
  const summary = summarizeGridPoint(fd.problem, fp, thetaOfPoint({ W: c.W, a: fd.a }), opts);
  return {
    id: c.id,
    data: fd.problem.data.name,
    teacher: fd.problem.teacher ? fd.problem.teacher.name : 'labels given with the data',
    ...summary,
  };
}

const CLASS_TEXT: Record<GridPointSummary['classification'], string> = {
  'global-candidate': 'global candidate (loss below the threshold)',
  'minimum-candidate': 'minimum candidate',
  'saddle-candidate': 'saddle candidate',
  degenerate: 'degenerate',
  'not-converged': 'not converged',
};

export function finiteDataJsonRecord(r: FiniteDataInspectResult): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    id: r.id,
    setting: 'grid-teacher-2d',
    activation: r.activation,
    n: r.n,
    P: r.P,
    data: r.data,
    teacher: r.teacher,
    loss: r.loss,
    gradNorm: r.gradNorm,
    hessianCoordinates: r.coordinates,
    lambdaMin: r.lambdaMin,
    lambdaMax: r.lambdaMax,
    negativeEigenvalues: r.negativeEigenvalues,
    zeroEigenvalues: r.zeroEigenvalues,
    classification: r.classification,
    evidence: 'float (not a proof)',
  };
  if (r.index !== undefined) rec.index = r.index;
  if (r.note !== undefined) rec.note = r.note;
  if (r.embedding) {
    const e = r.embedding;
    rec.embedding = {
      reducedN: e.reducedN,
      level: e.level,
      duplicates: e.duplicates,
      zeroOutput: e.zeroOutput,
      reducedLoss: e.reducedLoss ?? null,
      reducedGradNorm: e.reducedGradNorm ?? null,
    };
  }
  return rec;
}

function fmt(x: number): string {
  return x === 0 ? '0' : x.toExponential(10);
}

export function formatFiniteDataResult(r: FiniteDataInspectResult): string {
  const cls = `${CLASS_TEXT[r.classification]}${r.index !== undefined ? ` (index ${r.index})` : ''}`;
  const lines = [
    `${r.id}`,
    `  setting                       grid-teacher-2d, ${r.activation}, n = ${r.n}, P = ${r.P}`,
    `  data, teacher                 ${r.data}, ${r.teacher}`,
    `  loss L = (1/2P) Σ (f − y)²    ${fmt(r.loss)}`,
    `  gradient norm                 ${fmt(r.gradNorm)}`,
    `  Hessian spectrum${r.coordinates === 'theta' ? ' (θ)        ' : ' (u = |a|w)'}   λ_min ${fmt(r.lambdaMin)}, λ_max ${fmt(r.lambdaMax)}`,
    `  eigenvalues < 0, ≈ 0          ${r.negativeEigenvalues}, ${r.zeroEigenvalues}`,
    `  classification (float)        ${cls}`,
  ];
  if (r.embedding) {
    const e = r.embedding;
    const parts = [
      ...e.duplicates.map((g) => `duplicates {${g.join(', ')}}`),
      ...(e.zeroOutput.length ? [`zero output {${e.zeroOutput.join(', ')}}`] : []),
    ];
    lines.push(
      `  embedding (float)             width ${e.reducedN} network, level ${e.level}: ${parts.join('; ')}` +
        (e.reducedGradNorm !== undefined ? `; reduced gradient norm ${fmt(e.reducedGradNorm)}` : ''),
    );
  }
  if (r.note !== undefined) lines.push(`  note: ${r.note}`);
  lines.push('  (float evidence, not a proof)');
  return `${lines.join('\n')}\n`;
}
