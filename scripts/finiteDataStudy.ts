/**
 * The finite-data study (DESIGN.md §7): `certmin search --preset simsek-2021-grid` for each student
 * width, 1000 runs each, one seed, into a work folder (not committed), then one table of the float
 * classification counts. Resumable: rerun the same command (each width is a resumable search).
 *
 *   npm run finite-study -- --out finite-study --widths 4,5,6,7 --runs 1000 --seed 2021 --workers 1
 *
 * Options: --out DIR (default finite-study-out), --widths list (default 4,5,6,7), --runs R (1000),
 * --seed S (2021), --activation sigmoid|relu (sigmoid), --workers W (1: the machine may be shared).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/io/atomicWrite.js';
import type { GridSearchSummary } from '../src/search/gridSummary.js';
import { runSearch } from '../src/search/runSearch.js';
import { resolveSettings } from '../src/search/settings.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const out = option('out', 'finite-study-out');
  const widths = option('widths', '4,5,6,7').split(',').map(Number);
  const runs = Number(option('runs', '1000'));
  const seed = option('seed', '2021');
  const activation = option('activation', 'sigmoid');
  const workers = Number(option('workers', '1'));
  mkdirSync(out, { recursive: true });
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const rows: string[] = [];
  for (const n of widths) {
    const settings = resolveSettings({ preset: 'simsek-2021-grid', n, seed, activation });
    const started = Date.now();
    const res = await runSearch(settings, { runs, workers, outDir: join(out, `${activation}-n${n}`), signal: controller.signal });
    const s = res.summary as GridSearchSummary;
    const idx = Object.entries(s.saddleIndexCounts).map(([q, c]) => `${q}: ${c}`).join(', ');
    rows.push(
      `| ${n} | ${s.runs} | ${s.converged} | ${s.counts.global} | ${s.counts['spurious-candidate']} | ${s.counts['saddle-candidate']}${idx ? ` (${idx})` : ''} | ${s.counts.degenerate} | ${s.counts.diverging} | ${s.counts['not-converged']} | ${s.families} |`,
    );
    console.log(`n = ${n}: ${res.computed} runs computed (${res.resumed} resumed) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (res.interrupted) {
      console.log('interrupted; rerun the same command to resume');
      break;
    }
  }
  const table = [
    `# Finite-data study: simsek-2021-grid, ${activation}, seed ${seed}, ${runs} runs per width`,
    '',
    'Float classification (evidence, not proofs; certification is a separate step).',
    '',
    '| n | runs | converged | global | spurious-minimum candidates | saddle candidates (index: count) | degenerate | diverging | not converged | families |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileAtomic(join(out, 'study.md'), table);
  console.log(table);
}

await main();
