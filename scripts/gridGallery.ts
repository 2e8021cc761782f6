/**
 * The finite-data gallery (DESIGN.md §7): certificates/simsek-2021-grid/, produced only with
 * certmin's own commands and resumable at every step (rerun the same command):
 *
 *   for each width n (and activation):
 *     certmin search --preset simsek-2021-grid --n n --runs R --seed S      → <study>/<act>-n<n>/
 *     certmin certify <act>-n<n>/families.json --out certificates/simsek-2021-grid/<act>-n<n>   (committed)
 *     certmin certify <act>-n<n>/runs.jsonl --out <study>/<act>-n<n>/certified-runs           (every end point; not committed)
 *   then, per width, the study plot (<act>-n<n>.svg: float loss against float λ_min of every end
 *   point, coloured by the class its certificate proved) and the index README.md (statistics per
 *   width, certified counts beside the float classification, one row per family).
 *
 * Usage (after `npm install`):
 *   npm run gallery:grid -- [--study finite-study-out] [--widths 4,5,6,7] [--activation sigmoid] [--runs 1000]
 *                           [--seed 2021] [--workers 1] [--no-search] [--index-only]
 * Commands run with the study folder as working directory, so certificates record their inputs as
 * "<act>-n<n>/families.json" (no machine-specific paths).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { studyScatterSvg, type StudyPoint } from '../src/certificate/studyPlot.js';
import type { SummaryRow } from '../src/certify/runCertify.js';
import { writeFileAtomic } from '../src/io/atomicWrite.js';
import { defaultProblem, thetaOfPoint } from '../src/objective/gridData.js';
import { gridFloatProblem, gridHessianFloat, reducedReluCoordinates, reducedReluHessianFloat } from '../src/objective/gridFloat.js';
import { symmetricEigenvalues } from '../src/linalg/symmetricEigen.js';
import type { GridRunRecord } from '../src/search/gridRunOne.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin', 'certmin.js');
const galleryDir = join(root, 'certificates', 'simsek-2021-grid');

interface Args {
  study: string;
  widths: number[];
  activation: 'sigmoid' | 'relu';
  runs: number;
  seed: string;
  workers: string;
  search: boolean;
  indexOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { study: 'finite-study-out', widths: [4, 5, 6, 7], activation: 'sigmoid', runs: 1000, seed: '2021', workers: '1', search: true, indexOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--study') a.study = value();
    else if (flag === '--widths') a.widths = value().split(',').map(Number);
    else if (flag === '--activation') a.activation = value() as Args['activation'];
    else if (flag === '--runs') a.runs = Number(value());
    else if (flag === '--seed') a.seed = value();
    else if (flag === '--workers') a.workers = value();
    else if (flag === '--no-search') a.search = false;
    else if (flag === '--index-only') a.indexOnly = true;
    else throw new Error(`unknown option ${flag}`);
  }
  return a;
}

function run(args: string[], cwd: string): void {
  console.log(`$ (cd ${cwd}) certmin ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`certmin ${args[0]} failed (exit ${r.status})`);
}

function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Certified class of a summary row, as the plot and the tables name it. */
function certifiedLabel(r: SummaryRow | undefined): string {
  if (!r) return 'not certified yet';
  switch (r.verdict) {
    case 'global-minimum':
      return 'global (certified)';
    case 'spurious-local-minimum':
      return 'spurious minimum (certified)';
    case 'local-minimum':
      return 'local minimum (certified)';
    case 'saddle':
      return `saddle, index ${r.morseIndex} (certified)`;
    case 'refused':
      return `refused: ${r.reason}`;
    default:
      return r.verdict;
  }
}

/** Float λ_min at a run's end point (the search records it only for converged runs). */
function lambdaMinOf(rec: GridRunRecord, activation: 'sigmoid' | 'relu', fps: Map<number, ReturnType<typeof gridFloatProblem>>): number {
  if (rec.lambdaMin !== null) return rec.lambdaMin;
  const n = rec.a.length;
  let fp = fps.get(n);
  if (!fp) {
    fp = gridFloatProblem(defaultProblem(activation), n);
    fps.set(n, fp);
  }
  const theta = thetaOfPoint({ W: rec.point, a: rec.a });
  if (activation === 'sigmoid') return symmetricEigenvalues(gridHessianFloat(fp, theta), 3 * n)[0]!;
  const { u, s } = reducedReluCoordinates(theta, 2, n);
  return symmetricEigenvalues(reducedReluHessianFloat(fp, u, s), 2 * n)[0]!;
}

interface WidthStats {
  n: number;
  runs: number;
  float: Record<string, number>;
  floatSaddleIndex: Record<string, number>;
  certified: Record<string, number>;
  certifiedSaddleIndex: Record<string, number>;
  refusedBy: Record<string, number>;
  families: number;
  cross: Map<string, Map<string, number>>;
  maxGlobalDistance: number;
}

function inc(o: Record<string, number>, k: string): void {
  o[k] = (o[k] ?? 0) + 1;
}

function statsOf(n: number, records: GridRunRecord[], rows: Map<number, SummaryRow>, families: number): WidthStats {
  const s: WidthStats = { n, runs: records.length, float: {}, floatSaddleIndex: {}, certified: {}, certifiedSaddleIndex: {}, refusedBy: {}, families, cross: new Map(), maxGlobalDistance: 0 };
  for (const rec of records) {
    inc(s.float, rec.classification);
    if (rec.classification === 'saddle-candidate') inc(s.floatSaddleIndex, String(rec.index));
    const row = rows.get(rec.run);
    const label = certifiedLabel(row);
    if (row) {
      inc(s.certified, row.verdict);
      if (row.verdict === 'saddle') inc(s.certifiedSaddleIndex, String(row.morseIndex));
      if (row.verdict === 'refused') inc(s.refusedBy, row.reason ?? '?');
      if (row.verdict === 'global-minimum' && row.radius !== undefined) s.maxGlobalDistance = Math.max(s.maxGlobalDistance, Number(row.radius));
    }
    const m = s.cross.get(rec.classification) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    s.cross.set(rec.classification, m);
  }
  return s;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    total += st.isDirectory() ? dirSize(p) : st.size;
  }
  return total;
}

const fmt = (x: number | undefined) => String(x ?? 0);

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const study = resolve(a.study);
  const tag = (n: number) => `${a.activation}-n${n}`;
  if (!a.indexOnly) {
    for (const n of a.widths) {
      if (a.search) {
        run(['search', '--preset', 'simsek-2021-grid', '--n', String(n), '--activation', a.activation, '--runs', String(a.runs), '--seed', a.seed, '--workers', a.workers, '--out', tag(n)], study);
      }
      run(['certify', `${tag(n)}/families.json`, '--out', join(galleryDir, tag(n))], study);
      run(['certify', `${tag(n)}/runs.jsonl`, '--out', join(tag(n), 'certified-runs')], study);
    }
  }

  const stats: WidthStats[] = [];
  const familySections: string[] = [];
  const fps = new Map<number, ReturnType<typeof gridFloatProblem>>();
  for (const n of a.widths) {
    const searchDir = join(study, tag(n));
    const runsPath = join(searchDir, 'runs.jsonl');
    if (!existsSync(runsPath)) continue;
    const records = readJsonLines<GridRunRecord>(runsPath);
    const runRows = new Map<number, SummaryRow>();
    const runSummary = join(searchDir, 'certified-runs', 'summary.json');
    if (existsSync(runSummary)) {
      for (const r of JSON.parse(readFileSync(runSummary, 'utf8')) as SummaryRow[]) runRows.set(Number(r.id.split('#')[1]), r);
    }
    const famSummaryPath = join(galleryDir, tag(n), 'summary.json');
    const famRows = existsSync(famSummaryPath) ? (JSON.parse(readFileSync(famSummaryPath, 'utf8')) as SummaryRow[]) : [];
    const families = JSON.parse(readFileSync(join(searchDir, 'families.json'), 'utf8')) as { families: { id: number; classification: string; index: number | null; multiplicity: number; reducedN: number | null; level: number | null }[] };
    stats.push(statsOf(n, records, runRows, families.families.length));

    const points: StudyPoint[] = records
      .filter((rec) => rec.loss !== null)
      .map((rec) => ({ run: rec.run, loss: rec.loss!, lambdaMin: lambdaMinOf(rec, a.activation, fps), label: certifiedLabel(runRows.get(rec.run)) }));
    const svg = await studyScatterSvg(points, `${a.activation}, n = ${n}: ${points.length} end points`);
    writeFileAtomic(join(galleryDir, `${tag(n)}.svg`), svg);

    const famById = new Map(families.families.map((f) => [f.id, f]));
    const lines = [
      `### ${a.activation}, n = ${n}: ${families.families.length} families`,
      '',
      '| family | float class | runs | certified verdict | loss enclosure | μ / Morse index / distance to a zero-loss point | embedding (float evidence) |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const r of famRows) {
      if (r.verdict === 'skipped') continue;
      const id = Number(r.id.split('#')[1]);
      const f = famById.get(id);
      const cls = f ? `${f.classification}${f.index !== null ? ` (index ${f.index})` : ''}` : '';
      const verdict = r.reason ? `refused (${r.reason})` : r.verdict === 'saddle' ? `saddle` : r.verdict;
      const loss = r.lossLower !== undefined ? (r.verdict === 'global-minimum' ? '0 (at the embedding)' : `[${Number(r.lossLower).toPrecision(6)}, ${Number(r.lossUpper).toPrecision(6)}]`) : '';
      const extra = r.verdict === 'saddle' ? `index ${r.morseIndex}` : r.verdict === 'global-minimum' ? `r ≤ ${r.radius}` : r.mu ? `μ = ${r.mu}` : '';
      lines.push(`| [${id}](${tag(n)}/${r.certificate}) | ${cls} | ${r.multiplicity ?? ''} | ${verdict} | ${loss} | ${extra} | ${r.embedding ?? ''} |`);
    }
    familySections.push(lines.join('\n'));
  }

  const statTable = [
    '| n | runs | converged (float) | global: float / certified | spurious minima: float / certified | saddles: float / certified (by index) | degenerate (float) | refused (certify, by reason) | diverging (float) | not converged (float) | families |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...stats.map((s) => {
      const idx = (o: Record<string, number>) => Object.entries(o).map(([q, c]) => `${q}: ${c}`).join(', ');
      const refused = Object.entries(s.refusedBy).sort((x, y) => y[1] - x[1]).map(([r, c]) => `${r} ${c}`).join(', ');
      const converged = s.runs - (s.float.diverging ?? 0) - (s.float['not-converged'] ?? 0);
      return (
        `| ${s.n} | ${s.runs} | ${converged} | ${fmt(s.float.global)} / ${fmt(s.certified['global-minimum'])} | ` +
        `${fmt(s.float['spurious-candidate'])} / ${fmt(s.certified['spurious-local-minimum'])}${s.certified['local-minimum'] ? ` (+${s.certified['local-minimum']} local)` : ''} | ` +
        `${fmt(s.float['saddle-candidate'])}${idx(s.floatSaddleIndex) ? ` (${idx(s.floatSaddleIndex)})` : ''} / ${fmt(s.certified.saddle)}${idx(s.certifiedSaddleIndex) ? ` (${idx(s.certifiedSaddleIndex)})` : ''} | ` +
        `${fmt(s.float.degenerate)} | ${fmt(s.certified.refused)}${refused ? ` (${refused})` : ''} | ${fmt(s.float.diverging)} | ${fmt(s.float['not-converged'])} | ${s.families} |`
      );
    }),
  ].join('\n');
  const crossTables = stats.map((s) => {
    const labels = [...new Set([...s.cross.values()].flatMap((m) => [...m.keys()]))].sort();
    return [
      `**n = ${s.n}** (rows: float class of the run; columns: what its certificate proved)`,
      '',
      `| float class | ${labels.join(' | ')} |`,
      `|---|${labels.map(() => '---').join('|')}|`,
      ...[...s.cross].map(([cls, m]) => `| ${cls} | ${labels.map((l) => m.get(l) ?? '').join(' | ')} |`),
      '',
    ].join('\n');
  });

  const size = existsSync(galleryDir) ? dirSize(galleryDir) : 0;
  const readme = [
    '# Finite-data study: simsek-2021-grid (certified)',
    '',
    `Şimşek et al.'s teacher–student experiment (DESIGN.md §7): data the grid {−5, −4.75, …, 5}² (P = 1681), labels from the`,
    `4-neuron teacher (incoming weights (0.6, 0.5), (−0.5, 0.5), (−0.2, −0.6), (0.1, −0.6), outgoing (1, −1, 1, −1)), ${a.activation}`,
    'students f(x) = Σ_i a_i σ(w_iᵀx) of width n, loss L = (1/(2P)) Σ_p (f(x_p) − y_p)². For n ≥ 4 the student embeds the teacher,',
    'so min L = 0 and a certified minimum with a positive loss lower bound is spurious.',
    '',
    `Produced by \`npm run gallery:grid -- --study <folder> --widths ${a.widths.join(',')} --runs ${a.runs} --seed ${a.seed}\` (resumable;`,
    '`scripts/gridGallery.ts`): `certmin search --preset simsek-2021-grid` per width, then `certmin certify` of every family',
    '(committed here, one folder per width with its summary.md) and of every run (every end point; not committed). Folder size:',
    `${(size / 1e6).toFixed(1)} MB.`,
    '',
    '## Statistics',
    '',
    'Float classification of the search (evidence, not proof) beside the counts of runs whose own certificate proved the class.',
    '"global / certified": an explicit zero-loss point (an embedding of the teacher, checked by an exact identity of network',
    'functions) lies within the certified distance of the end point',
    `(largest distance: ${stats.map((s) => `n = ${s.n}: ${s.maxGlobalDistance.toPrecision(3)}`).join('; ')}).`,
    '',
    statTable,
    '',
    'Where float and certified classes differ, and why:',
    '',
    ...crossTables,
    '## The picture',
    '',
    'Every end point: float loss (log axis) against the float smallest Hessian eigenvalue (symlog axis; θ for the sigmoid),',
    'coloured by the class its certificate proved. Diverging and not-converged runs appear at their end point.',
    '',
    ...stats.map((s) => `![${a.activation}, n = ${s.n}](${tag(s.n)}.svg)`),
    '',
    '## What is proved and what is float evidence',
    '',
    '- Proved (each certificate, re-checked by `certmin audit`): a strict local minimum within the stated radius with its loss',
    '  enclosure (spurious when the lower bound is > 0 and n ≥ 4); a non-degenerate saddle with its Morse index; a zero-loss',
    '  point within the stated distance; for refusals, the stated reason (e.g. the gradient at the end point is ≥ a positive',
    '  bound: not a critical point).',
    '- Float evidence only: the search classes, the families (runs grouped up to permutations and the sign flip),',
    '  the embedding column (neurons of outgoing weight ≈ 0 removed and neurons with equal incoming weights merged: the width of',
    '  the smaller network and the number of neurons removed, i.e. the level), and the "degenerate" refusal (a float',
    '  Hessian eigenvalue that is zero within float precision, typical of embedded critical points, which lie on manifolds of',
    '  critical points and have no non-degenerate certificate).',
    '',
    '## Families',
    '',
    ...familySections.map((s) => `${s}\n`),
  ].join('\n');
  writeFileAtomic(join(galleryDir, 'README.md'), `${readme}\n`);
  console.log(`wrote ${relative(root, join(galleryDir, 'README.md'))} (${stats.length} widths, ${(size / 1e6).toFixed(1)} MB)`);
}

await main();
