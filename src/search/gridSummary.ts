/**
 * summary.json / summary.md of a finite-data search: the counts the study's question needs —
 * runs, converged, global, spurious-minimum and saddle candidates (by Morse index), degenerate
 * points — and one row per family with its embedding evidence. Float evidence throughout.
 */
import type { GridFamily } from './gridFamilies.js';
import { GRID_RUN_CLASSIFICATIONS, type GridRunClassification, type GridRunRecord } from './gridRunOne.js';
import type { SearchSettings } from './settings.js';

export interface GridSearchSummary {
  preset: string;
  setting: 'grid-teacher-2d';
  activation: 'sigmoid' | 'relu';
  n: number;
  k: number;
  d: number;
  seed: string;
  teacher: string;
  data: string;
  runsRequested: number;
  runs: number;
  complete: boolean;
  counts: Record<GridRunClassification, number>;
  /** Runs that ended at a zero-loss point or a critical point (runs − diverging − not-converged). */
  converged: number;
  /** Saddle candidates by Morse index. */
  saddleIndexCounts: Record<string, number>;
  /** Percentages of `runs` (0–100). */
  percent: Record<GridRunClassification, number>;
  /** Adam steps: median and maximum over all runs. */
  adamSteps: { median: number; max: number };
  families: number;
  familiesByClassification: Record<GridRunClassification, number>;
  familyTable: {
    id: number;
    classification: GridRunClassification;
    index: number | null;
    multiplicity: number;
    loss: number | null;
    lambdaMin: number | null;
    maxDist: number;
    reducedN: number | null;
    level: number | null;
  }[];
}

function zero(): Record<GridRunClassification, number> {
  return { global: 0, 'spurious-candidate': 0, 'saddle-candidate': 0, degenerate: 0, diverging: 0, 'not-converged': 0 };
}

function dataName(s: SearchSettings): string {
  const d = s.finiteData!.problem.data;
  return typeof d === 'string' ? d : 'file' in d ? d.file : 'inline';
}

export function buildGridSummary(
  s: SearchSettings,
  records: readonly GridRunRecord[],
  families: readonly GridFamily[],
  runsRequested: number,
): GridSearchSummary {
  const counts = zero();
  const percent = zero();
  const byClass = zero();
  const saddleIndexCounts: Record<string, number> = {};
  for (const r of records) {
    counts[r.classification]++;
    if (r.classification === 'saddle-candidate' && r.index !== null) saddleIndexCounts[r.index] = (saddleIndexCounts[r.index] ?? 0) + 1;
  }
  for (const f of families) byClass[f.classification]++;
  const runs = records.length;
  for (const c of GRID_RUN_CLASSIFICATIONS) percent[c] = runs === 0 ? 0 : (100 * counts[c]) / runs;
  const steps = records.map((r) => r.iterations).sort((a, b) => a - b);
  return {
    preset: s.preset,
    setting: 'grid-teacher-2d',
    activation: s.finiteData!.activation,
    n: s.n,
    k: s.k,
    d: s.d,
    seed: s.seed,
    teacher: s.teacher,
    data: dataName(s),
    runsRequested,
    runs,
    complete: runs === runsRequested,
    counts,
    converged: runs - counts['not-converged'] - counts.diverging,
    saddleIndexCounts,
    percent,
    adamSteps: { median: steps.length ? steps[Math.floor((steps.length - 1) / 2)]! : 0, max: steps.length ? steps[steps.length - 1]! : 0 },
    families: families.length,
    familiesByClassification: byClass,
    familyTable: families.map((f) => ({
      id: f.id,
      classification: f.classification,
      index: f.index,
      multiplicity: f.multiplicity,
      loss: f.loss,
      lambdaMin: f.lambdaMin,
      maxDist: f.maxDist,
      reducedN: f.reducedN,
      level: f.level,
    })),
  };
}

export function gridSummaryMarkdown(sum: GridSearchSummary): string {
  const num = (x: number | null, digits = 6) => (x === null ? '—' : x.toPrecision(digits));
  const cell = (c: GridRunClassification) => `${sum.counts[c]} (${sum.percent[c].toFixed(1)}%)`;
  const indices = Object.keys(sum.saddleIndexCounts)
    .map(Number)
    .sort((a, b) => a - b)
    .map((q) => `index ${q}: ${sum.saddleIndexCounts[q]}`)
    .join(', ');
  const lines = [
    `# certmin search: ${sum.preset}, ${sum.activation}, n = ${sum.n}, seed ${sum.seed}`,
    '',
    `Data ${sum.data}, teacher ${sum.teacher}${sum.k ? ` (k = ${sum.k})` : ''}; loss L = (1/(2P)) Σ_p (f(x_p) − y_p)².`,
    '',
    sum.complete ? `${sum.runs} runs.` : `Incomplete: ${sum.runs} of ${sum.runsRequested} runs finished (rerun the same command to resume).`,
    '',
    '| n | runs | converged | global | spurious-minimum candidates | saddle candidates | degenerate | diverging | not converged | families |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${sum.n} | ${sum.runs} | ${sum.converged} | ${cell('global')} | ${cell('spurious-candidate')} | ${cell('saddle-candidate')}${indices ? ` — ${indices}` : ''} | ${cell('degenerate')} | ${cell('diverging')} | ${cell('not-converged')} | ${sum.families} |`,
    '',
    `Adam steps: median ${sum.adamSteps.median}, max ${sum.adamSteps.max}.`,
    '',
  ];
  const rows: string[] = [];
  const embeddingText = (f: GridSearchSummary['familyTable'][number]) =>
    f.reducedN === null ? '—' : f.level === 0 ? 'none' : `width ${f.reducedN}, level ${f.level}`;
  for (const cls of GRID_RUN_CLASSIFICATIONS) {
    const fams = sum.familyTable.filter((f) => f.classification === cls);
    if (fams.length === 0) continue;
    if (cls === 'not-converged' || cls === 'diverging') {
      const runs = fams.reduce((t, f) => t + f.multiplicity, 0);
      rows.push(`| ${fams[0]!.id}–${fams[fams.length - 1]!.id} (${fams.length}) | ${cls} | — | ${runs} | — | — | — | — |`);
      continue;
    }
    for (const f of fams) {
      rows.push(
        `| ${f.id} | ${f.classification} | ${f.index ?? '—'} | ${f.multiplicity} | ${num(f.loss)} | ${num(f.lambdaMin, 4)} | ${embeddingText(f)} | ${f.maxDist.toExponential(1)} |`,
      );
    }
  }
  if (rows.length > 0) {
    lines.push(
      '| family | classification | index | multiplicity | loss | λ_min (float) | embedding (float) | max dist |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    );
  }
  lines.push(
    'Classifications, indices and embeddings are floating-point evidence (global: a Gauss–Newton iteration drove the loss below ' +
      'the threshold; diverging: no critical point was reached and a Gauss–Newton descent grew ‖θ‖ by more than 20% while the ' +
      'loss decreased; embedding: zero-output neurons removed and duplicated neurons merged, width of the smaller network and ' +
      'number of neurons removed); `certmin certify` proves or refuses them.',
    '',
  );
  return lines.join('\n');
}
