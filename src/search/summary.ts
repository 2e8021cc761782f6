import type { Family, PopulationFamily } from './families.js';
import type { GridFamily } from './gridFamilies.js';
import type { GridRunRecord } from './gridRunOne.js';
import { buildGridSummary, gridSummaryMarkdown, type GridSearchSummary } from './gridSummary.js';
import { RUN_CLASSIFICATIONS, type PopulationRunRecord, type RunClassification, type RunRecord } from './runOne.js';
import type { SearchSettings } from './settings.js';

/** summary.json: a population summary, or a finite-data one (gridSummary.ts, marked by "setting"). */
export type SearchSummary = PopulationSearchSummary | GridSearchSummary;

/** summary.json of a population search: the statistics in the shape of the published Table 1. */
export interface PopulationSearchSummary {
  preset: string;
  k: number;
  n: number;
  d: number;
  seed: string;
  /** "I/N" for one shard of a search (search --shard); absent otherwise. */
  shard?: string;
  /** Runs were stopped once their loss fell below the spurious threshold (search --stop-below-threshold). */
  stopBelowThreshold: boolean;
  /** Runs requested (--runs; for a shard, the shard's share of them) and how many of those finished. */
  runsRequested: number;
  runs: number;
  complete: boolean;
  counts: Record<RunClassification, number>;
  /** Percentages of `runs` (0–100). */
  percent: Record<RunClassification, number>;
  /** Fraction of runs at spurious candidates and its 99% Wilson score interval. */
  spuriousFraction: number;
  spuriousFractionCI99: [number, number];
  /** Iterations of converged runs: median and maximum. */
  iterations: { median: number; max: number };
  families: number;
  familiesByClassification: Record<RunClassification, number>;
  familyTable: { id: number; classification: RunClassification; multiplicity: number; loss: number | null; lambdaMin: number | null; maxDist: number }[];
}

const Z99 = 2.5758293035489004;

export function buildSummary(s: SearchSettings, records: readonly RunRecord[], families: readonly Family[], runsRequested: number): SearchSummary {
  // Records and families of a search all come from the modules its settings select.
  if (s.finiteData) return buildGridSummary(s, records as readonly GridRunRecord[], families as readonly GridFamily[], runsRequested);
  return buildPopulationSummary(s, records as readonly PopulationRunRecord[], families as readonly PopulationFamily[], runsRequested);
}

function buildPopulationSummary(
  s: SearchSettings,
  records: readonly PopulationRunRecord[],
  families: readonly PopulationFamily[],
  runsRequested: number,
): PopulationSearchSummary {
  const counts = zeroCounts();
  const familiesBy = zeroCounts();
  for (const r of records) counts[r.classification]++;
  for (const f of families) familiesBy[f.classification]++;
  const runs = records.length;
  const percent = zeroCounts();
  for (const c of RUN_CLASSIFICATIONS) percent[c] = runs === 0 ? 0 : (100 * counts[c]) / runs;
  const its = records.filter((r) => r.stop === 'tolerance').map((r) => r.iterations).sort((a, b) => a - b);
  return {
    preset: s.preset,
    k: s.k,
    n: s.n,
    d: s.d,
    seed: s.seed,
    ...(s.shard !== undefined ? { shard: s.shard } : {}),
    stopBelowThreshold: s.stopBelowThreshold ?? false,
    runsRequested,
    runs,
    complete: runs === runsRequested,
    counts,
    percent,
    spuriousFraction: runs === 0 ? 0 : counts['spurious-candidate'] / runs,
    spuriousFractionCI99: wilsonInterval(counts['spurious-candidate'], runs, Z99),
    iterations: { median: its.length ? its[Math.floor((its.length - 1) / 2)]! : 0, max: its.length ? its[its.length - 1]! : 0 },
    families: families.length,
    familiesByClassification: familiesBy,
    familyTable: families.map((f) => ({
      id: f.id, classification: f.classification, multiplicity: f.multiplicity, loss: f.loss, lambdaMin: f.lambdaMin, maxDist: f.maxDist,
    })),
  };
}

/** Wilson score interval for a binomial proportion (successes out of trials) at normal quantile z. */
export function wilsonInterval(successes: number, trials: number, z: number): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // The exact interval starts at 0 for no successes and ends at 1 for all successes.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}

export function summaryMarkdown(sum: SearchSummary): string {
  return 'setting' in sum ? gridSummaryMarkdown(sum) : populationSummaryMarkdown(sum);
}

function populationSummaryMarkdown(sum: PopulationSearchSummary): string {
  const pct = (c: RunClassification) => `${sum.percent[c].toFixed(1)}%`;
  const num = (x: number | null, digits = 6) => (x === null ? '—' : x.toPrecision(digits));
  const early = sum.stopBelowThreshold || sum.counts['below-threshold'] > 0;
  const columns: [RunClassification, string][] = [
    ...(early ? [['below-threshold', 'below threshold (stopped early)'] as [RunClassification, string]] : []),
    ['global', 'global'],
    ['spurious-candidate', 'spurious candidates'],
    ['saddle-candidate', 'saddle candidates'],
    ['not-converged', 'not converged'],
  ];
  const lines = [
    `# certmin search: ${sum.preset}, k = ${sum.k}, n = ${sum.n}, seed ${sum.seed}${sum.shard !== undefined ? `, shard ${sum.shard}` : ''}`,
    '',
    sum.complete ? `${sum.runs} runs.` : `Incomplete: ${sum.runs} of ${sum.runsRequested} runs finished (rerun the same command to resume).`,
    '',
    `| k | n | runs | ${columns.map(([, title]) => title).join(' | ')} | families |`,
    `|---|---|---|${columns.map(() => '---|').join('')}---|`,
    `| ${sum.k} | ${sum.n} | ${sum.runs} | ${columns.map(([c]) => pct(c)).join(' | ')} | ${sum.families} |`,
    ...(early
      ? [
          '',
          'Runs were stopped as soon as their loss fell below the spurious threshold (--stop-below-threshold): ' +
            'such a run cannot end at a spurious or saddle candidate, but it was not followed to the gradient tolerance.',
        ]
      : []),
    '',
    `Spurious-candidate fraction ${(100 * sum.spuriousFraction).toFixed(1)}% ` +
      `(99% Wilson interval ${(100 * sum.spuriousFractionCI99[0]).toFixed(1)}%–${(100 * sum.spuriousFractionCI99[1]).toFixed(1)}%). ` +
      `Iterations of converged runs: median ${sum.iterations.median}, max ${sum.iterations.max}.`,
    '',
  ];
  // Spurious and saddle candidates one per row (the published Table 1); global minima, runs
  // stopped below the threshold and not-converged end points as one row each (at n > k the
  // global minima form a continuum, so their families say little).
  const rows: string[] = [];
  for (const cls of RUN_CLASSIFICATIONS) {
    const fams = sum.familyTable.filter((f) => f.classification === cls);
    if (fams.length === 0) continue;
    if (cls === 'global' || cls === 'below-threshold' || cls === 'not-converged') {
      const runs = fams.reduce((t, f) => t + f.multiplicity, 0);
      const losses = fams.map((f) => f.loss).filter((x): x is number => x !== null);
      const lo = Math.min(...losses);
      const hi = Math.max(...losses);
      const lossText = losses.length === 0 ? '—' : lo === hi ? num(lo) : `${num(lo)} … ${num(hi)}`;
      const ids = fams.length === 1 ? `${fams[0]!.id}` : `${fams[0]!.id}–${fams[fams.length - 1]!.id}`;
      const maxDist = Math.max(...fams.map((f) => f.maxDist));
      rows.push(`| ${ids} (${fams.length} famil${fams.length === 1 ? 'y' : 'ies'}) | ${cls} | ${runs} | ${lossText} | — | ${maxDist.toExponential(1)} |`);
    } else {
      for (const f of fams) {
        rows.push(`| ${f.id} | ${f.classification} | ${f.multiplicity} | ${num(f.loss)} | ${num(f.lambdaMin, 4)} | ${f.maxDist.toExponential(1)} |`);
      }
    }
  }
  if (rows.length > 0) {
    lines.push('| family | classification | multiplicity | loss | λ_min (float) | max dist |', '|---|---|---|---|---|---|', ...rows, '');
  }
  lines.push('Classifications are floating-point evidence; `certmin certify` proves or refuses them.', '');
  return lines.join('\n');
}

function zeroCounts(): Record<RunClassification, number> {
  return { global: 0, 'below-threshold': 0, 'spurious-candidate': 0, 'saddle-candidate': 0, 'not-converged': 0 };
}
