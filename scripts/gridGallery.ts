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
 *                           [--seed 2021] [--workers 1] [--no-search] [--certify-runs 4,5|none] [--index-only]
 * --runs is the planned run count: the index states, per width, how many runs the search holds against it.
 * --certify-runs (default: every width) names the widths whose every run is certified; the index lists the
 * others' run statistics as float-only (their families are certified in any case).
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
  /** Widths whose every run is certified (the others: families only). */
  certifyRuns: number[] | undefined;
  indexOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { study: 'finite-study-out', widths: [4, 5, 6, 7], activation: 'sigmoid', runs: 1000, seed: '2021', workers: '1', search: true, certifyRuns: undefined, indexOnly: false };
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
    else if (flag === '--certify-runs') {
      const v = value();
      a.certifyRuns = v === 'none' ? [] : v.split(',').map(Number);
    } else if (flag === '--index-only') a.indexOnly = true;
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

/** Certified counts of a set of summary rows: by verdict, saddles by Morse index, refusals by reason. */
interface VerdictCounts {
  rows: number;
  verdict: Record<string, number>;
  saddleIndex: Record<string, number>;
  refusedBy: Record<string, number>;
  /** Largest certified distance from a global-minimum candidate to its zero-loss point. */
  maxGlobalDistance: number;
  /** Seconds of certify computation per certificate (the certificates' provenance), sorted. */
  seconds: number[];
}

interface WidthStats {
  n: number;
  runs: number;
  float: Record<string, number>;
  floatSaddleIndex: Record<string, number>;
  /** Certified counts of the runs (rows 0 when the runs were not certified: float-only). */
  runCerts: VerdictCounts;
  /** Certified counts of the families (the committed certificates). */
  familyCerts: VerdictCounts;
  families: number;
  cross: Map<string, Map<string, number>>;
  /** Runs by the float embedding evidence at their end point, then by certified label. */
  embedding: Map<string, Map<string, number>>;
}

/** The float embedding evidence of a run's end point, as the index names it. */
function embeddingLabel(rec: GridRunRecord): string {
  if (rec.level === null || rec.reducedN === null) return `not computed (${rec.classification})`;
  return rec.level === 0 ? 'none' : `width ${rec.reducedN}, level ${rec.level}`;
}

function addTo(table: Map<string, Map<string, number>>, row: string, column: string): void {
  const m = table.get(row) ?? new Map<string, number>();
  m.set(column, (m.get(column) ?? 0) + 1);
  table.set(row, m);
}

/** A Markdown table of counts (rows × sorted column labels), with a total column. */
function countTable(head: string, table: Map<string, Map<string, number>>, rowOrder: string[]): string[] {
  const labels = [...new Set([...table.values()].flatMap((m) => [...m.keys()]))].sort();
  return [
    `| ${head} | runs | ${labels.join(' | ')} |`,
    `|---|---|${labels.map(() => '---').join('|')}|`,
    ...rowOrder.map((r) => {
      const m = table.get(r)!;
      const total = [...m.values()].reduce((x, y) => x + y, 0);
      return `| ${r} | ${total} | ${labels.map((l) => m.get(l) ?? '').join(' | ')} |`;
    }),
  ];
}

function inc(o: Record<string, number>, k: string): void {
  o[k] = (o[k] ?? 0) + 1;
}

function countVerdicts(rows: Iterable<SummaryRow>): VerdictCounts {
  const c: VerdictCounts = { rows: 0, verdict: {}, saddleIndex: {}, refusedBy: {}, maxGlobalDistance: 0, seconds: [] };
  for (const row of rows) {
    if (row.verdict === 'skipped') continue;
    c.rows++;
    inc(c.verdict, row.verdict);
    if (row.verdict === 'saddle') inc(c.saddleIndex, String(row.morseIndex));
    if (row.verdict === 'refused') inc(c.refusedBy, row.reason ?? '?');
    if (row.verdict === 'global-minimum' && row.radius !== undefined) c.maxGlobalDistance = Math.max(c.maxGlobalDistance, Number(row.radius));
    if (row.seconds !== undefined) c.seconds.push(row.seconds);
  }
  c.seconds.sort((x, y) => x - y);
  return c;
}

function statsOf(n: number, records: GridRunRecord[], runRows: Map<number, SummaryRow>, famRows: SummaryRow[], families: number): WidthStats {
  const s: WidthStats = {
    n,
    runs: records.length,
    float: {},
    floatSaddleIndex: {},
    runCerts: countVerdicts(records.flatMap((rec) => runRows.get(rec.run) ?? [])),
    familyCerts: countVerdicts(famRows),
    families,
    cross: new Map(),
    embedding: new Map(),
  };
  for (const rec of records) {
    inc(s.float, rec.classification);
    if (rec.classification === 'saddle-candidate') inc(s.floatSaddleIndex, String(rec.index));
    const label = certifiedLabel(runRows.get(rec.run));
    addTo(s.cross, rec.classification, label);
    addTo(s.embedding, embeddingLabel(rec), label);
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
const byIndex = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([q, c]) => `${q}: ${c}`)
    .join(', ');
const byReason = (o: Record<string, number>) =>
  Object.entries(o)
    .sort((x, y) => y[1] - x[1])
    .map(([r, c]) => `${r} ${c}`)
    .join(', ');

/** "median 0.61 s, mean 0.70 s, max 3.1 s (N certificates)" of sorted seconds. */
function timing(sec: number[]): string {
  if (sec.length === 0) return '—';
  const median = sec.length % 2 ? sec[(sec.length - 1) / 2]! : (sec[sec.length / 2 - 1]! + sec[sec.length / 2]!) / 2;
  const mean = sec.reduce((x, y) => x + y, 0) / sec.length;
  return `median ${median.toFixed(2)} s, mean ${mean.toFixed(2)} s, max ${sec[sec.length - 1]!.toFixed(2)} s`;
}

/** Certified cells of the statistics table: global | spurious (+local) | saddles by index | refused by reason. */
function certifiedCells(c: VerdictCounts): string[] {
  return [
    fmt(c.verdict['global-minimum']),
    `${fmt(c.verdict['spurious-local-minimum'])}${c.verdict['local-minimum'] ? ` (+${c.verdict['local-minimum']} local)` : ''}`,
    `${fmt(c.verdict.saddle)}${byIndex(c.saddleIndex) ? ` (${byIndex(c.saddleIndex)})` : ''}`,
    `${fmt(c.verdict.refused)}${byReason(c.refusedBy) ? ` (${byReason(c.refusedBy)})` : ''}`,
  ];
}

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
      if (a.certifyRuns === undefined || a.certifyRuns.includes(n)) run(['certify', `${tag(n)}/runs.jsonl`, '--out', join(tag(n), 'certified-runs')], study);
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
    stats.push(statsOf(n, records, runRows, famRows, families.families.length));

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

  const runsCell = (s: WidthStats) => (s.runs === a.runs ? String(s.runs) : `${s.runs} of the planned ${a.runs}`);
  const statTable = [
    '| n | runs | runs certified | converged (float) | global: float / certified | spurious minima: float / certified | saddles: float / certified (by index) | degenerate (float) | refused (certify, by reason) | diverging (float) | not converged (float) | families |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...stats.map((s) => {
      const converged = s.runs - (s.float.diverging ?? 0) - (s.float['not-converged'] ?? 0);
      const c = s.runCerts;
      const [glob, spur, sad, ref] = c.rows > 0 ? certifiedCells(c) : ['—', '—', '—', '—'];
      const floatSaddles = `${fmt(s.float['saddle-candidate'])}${byIndex(s.floatSaddleIndex) ? ` (${byIndex(s.floatSaddleIndex)})` : ''}`;
      return (
        `| ${s.n} | ${runsCell(s)} | ${c.rows > 0 ? `${c.rows} of ${s.runs}` : 'none (float-only)'} | ${converged} | ${fmt(s.float.global)} / ${glob} | ` +
        `${fmt(s.float['spurious-candidate'])} / ${spur} | ${floatSaddles} / ${sad} | ${fmt(s.float.degenerate)} | ${ref} | ` +
        `${fmt(s.float.diverging)} | ${fmt(s.float['not-converged'])} | ${s.families} |`
      );
    }),
  ].join('\n');
  const familyTable = [
    '| n | families | certified | global | spurious minima | saddles (by index) | refused (by reason) |',
    '|---|---|---|---|---|---|---|',
    ...stats.map((s) => `| ${s.n} | ${s.families} | ${s.familyCerts.rows} | ${certifiedCells(s.familyCerts).join(' | ')} |`),
  ].join('\n');
  const timingTable = [
    '| n | parameters | families: certify time per certificate | runs: certify time per certificate |',
    '|---|---|---|---|',
    ...stats.map((s) => `| ${s.n} | ${3 * s.n} | ${timing(s.familyCerts.seconds)} (${s.familyCerts.seconds.length}) | ${timing(s.runCerts.seconds)} (${s.runCerts.seconds.length}) |`),
  ].join('\n');
  const crossTables = stats
    .filter((s) => s.runCerts.rows > 0)
    .map((s) =>
      [`**n = ${s.n}** (rows: float class of the run; columns: what its certificate proved)`, '', ...countTable('float class', s.cross, [...s.cross.keys()]), ''].join('\n'),
    );
  const embeddingOrder = (t: Map<string, Map<string, number>>) =>
    [...t.keys()].sort((x, y) => (x === 'none' ? -1 : y === 'none' ? 1 : x.localeCompare(y)));
  const embeddingTables = stats.map((s) =>
    [
      `**n = ${s.n}** (rows: the float embedding evidence at the run's end point; columns: what its certificate proved)`,
      '',
      ...countTable('embedding (float)', s.embedding, embeddingOrder(s.embedding)),
      '',
    ].join('\n'),
  );
  const floatOnly = stats.filter((s) => s.runCerts.rows === 0).map((s) => s.n);
  const incomplete = stats.filter((s) => s.runs !== a.runs);

  const size = existsSync(galleryDir) ? dirSize(galleryDir) : 0;
  const readme = [
    '# Finite-data study: simsek-2021-grid (certified)',
    '',
    `Şimşek et al.'s teacher–student experiment (DESIGN.md §7): data the grid {−5, −4.75, …, 5}² (P = 1681), labels from the`,
    `4-neuron teacher (incoming weights (0.6, 0.5), (−0.5, 0.5), (−0.2, −0.6), (0.1, −0.6), outgoing (1, −1, 1, −1)), ${a.activation}`,
    'students f(x) = Σ_i a_i σ(w_iᵀx) of width n, loss L = (1/(2P)) Σ_p (f(x_p) − y_p)². For n ≥ 4 the student embeds the teacher,',
    'so min L = 0 and a certified minimum with a positive loss lower bound is spurious.',
    '',
    `Produced by \`npm run gallery:grid -- --study <folder> --widths ${a.widths.join(',')} --runs ${a.runs} --seed ${a.seed}${a.certifyRuns ? ` --certify-runs ${a.certifyRuns.join(',') || 'none'}` : ''}\``,
    '(resumable; `scripts/gridGallery.ts`): `certmin search --preset simsek-2021-grid` per width, then `certmin certify` of every',
    'family (committed here, one folder per width with its summary.md) and of every run of the widths listed as certified below',
    '(every end point; not committed: rerun the command to reproduce them). Folder size:',
    `${(size / 1e6).toFixed(1)} MB.`,
    '',
    '## What is complete',
    '',
    `- Runs per width (planned: ${a.runs}, seed ${a.seed}): ${stats.map((s) => `n = ${s.n}: ${runsCell(s)}`).join('; ')}.` +
      (incomplete.length > 0 ? ` The search of ${incomplete.map((s) => `n = ${s.n}`).join(', ')} was stopped early (a larger --runs with the same seed extends it: runs are seeded per run).` : ''),
    `- Families: ${stats.map((s) => `n = ${s.n}: ${s.familyCerts.rows} of ${s.families} certified`).join('; ')} (certificates in this folder).`,
    `- Runs: ${stats.map((s) => `n = ${s.n}: ${s.runCerts.rows > 0 ? `${s.runCerts.rows} of ${s.runs} certified` : 'float-only'}`).join('; ')}.` +
      (floatOnly.length > 0 ? ` For ${floatOnly.map((n) => `n = ${n}`).join(', ')} the run statistics are the search's float classification only ("—": not certified).` : ''),
    '',
    '## Statistics',
    '',
    'Float classification of the search (evidence, not proof) beside the counts of runs whose own certificate proved the class.',
    '"global / certified": an explicit zero-loss point (an embedding of the teacher, checked by an exact identity of network',
    'functions) lies within the certified distance of the end point',
    `(largest distance: ${stats.map((s) => `n = ${s.n}: ${s.runCerts.rows > 0 ? s.runCerts.maxGlobalDistance.toPrecision(3) : '—'}`).join('; ')}).`,
    '',
    statTable,
    '',
    'Families (runs grouped up to neuron permutations and the sign flip; one committed certificate each, for the family\'s',
    'representative end point):',
    '',
    familyTable,
    '',
    'Certify time per certificate (the certificates\' provenance: computation of one certify, excluding process start; one core,',
    'on a machine shared with other work):',
    '',
    timingTable,
    '',
    ...(crossTables.length > 0 ? ['Where float and certified classes differ:', '', ...crossTables] : []),
    '## Embedding evidence',
    '',
    'Float evidence at each end point (not proved): neurons of outgoing weight ≈ 0 removed and neurons with equal incoming',
    'weights merged give a smaller network of the stated width; the level is the number of neurons removed ("none": no',
    'such structure). Critical points that embed a smaller network lie on manifolds of critical points, so their Hessian',
    'is singular: certify proves a zero-loss point near them or refuses them as degenerate.',
    '',
    ...embeddingTables,
    '## The picture',
    '',
    'Every end point: float loss (log axis) against the float smallest Hessian eigenvalue (symlog axis; θ for the sigmoid),',
    'coloured by the class its certificate proved ("not certified yet" where the runs are float-only). Diverging and',
    'not-converged runs appear at their end point.',
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
