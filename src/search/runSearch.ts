import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { readInputFile, readInputText } from '../io/inputFile.js';
import { ensureDirectory } from '../io/outputDirectory.js';
import { groupFamilies, type Family } from './families.js';
import type { RunRecord } from './runOne.js';
import { parseShard, inShard, shardSize } from '../io/shard.js';
import { RunOrderBuffer } from './runOrderBuffer.js';
import { RunsAppender, readRunsFile, rewriteRunsFile } from './runsFile.js';
import { settingsDifferences, type SearchSettings } from './settings.js';
import { buildSummary, summaryMarkdown, type SearchSummary } from './summary.js';
import { runInWorkers } from './workerPool.js';

export interface SearchRunOptions {
  /** Runs 0 … runs−1 make up the search. */
  runs: number;
  workers: number;
  outDir: string;
  /** Aborting (e.g. on SIGINT) stops the workers and writes families/summary for the finished runs. */
  signal?: AbortSignal;
  /** Called after every finished run with (runs finished, runs requested). */
  onProgress?: (done: number, total: number) => void;
}

export interface SearchOutcome {
  summary: SearchSummary;
  families: Family[];
  interrupted: boolean;
  /** Runs found already finished in the output directory. */
  resumed: number;
  /** Runs computed by this call. */
  computed: number;
}

/** families.json: the settings (flattened), the number of runs summarised, the families. */
export interface FamiliesFile extends SearchSettings {
  runs: number;
  families: Family[];
}

export const RUNS_FILE = 'runs.jsonl';
export const FAMILIES_FILE = 'families.json';
export const SUMMARY_JSON = 'summary.json';
export const SUMMARY_MD = 'summary.md';

/**
 * Runs (or resumes) a search in `outDir`. Files: runs.jsonl (appended line by line in run order,
 * whatever the worker count: completions wait in a RunOrderBuffer until every earlier run is
 * written), families.json, summary.json and summary.md (each replaced atomically: written once at
 * the start from the runs already present, and again at the end or on interruption). With
 * `settings.shard` = "I/N" only the runs r with r mod N = I are computed (each with its usual seed).
 * A directory holding a search with different settings is refused with an InputError naming the
 * differing settings.
 */
export async function runSearch(settings: SearchSettings, opts: SearchRunOptions): Promise<SearchOutcome> {
  const dir = opts.outDir;
  ensureDirectory(dir);
  const runsPath = join(dir, RUNS_FILE);
  const familiesPath = join(dir, FAMILIES_FILE);
  checkResumable(settings, runsPath, familiesPath);
  const shard = settings.shard === undefined ? undefined : parseShard(settings.shard);
  const requested = shard ? shardSize(opts.runs, shard) : opts.runs;
  const onDisk = readRunsFile(runsPath);
  const wanted = (r: number) => r < opts.runs && inShard(r, shard);
  const finished = new Map<number, RunRecord>([...onDisk.records].filter(([run]) => wanted(run)));
  const resumed = finished.size;
  writeResults(settings, dir, [...finished.values()], requested);

  const pending: number[] = [];
  for (let r = 0; r < opts.runs; r++) if (wanted(r) && !finished.has(r)) pending.push(r);
  opts.onProgress?.(finished.size, requested);
  // Runs appended below a run already in the file (only after an older, unordered file or a
  // smaller earlier --runs with holes) leave the file out of order: it is then rewritten sorted.
  let ordered = onDisk.ordered;
  let lastRun = onDisk.lastRun;
  const appender = new RunsAppender(runsPath);
  const buffer = new RunOrderBuffer(pending, (rec) => {
    appender.append(rec);
    onDisk.records.set(rec.run, rec);
    if (rec.run <= lastRun) ordered = false;
    lastRun = Math.max(lastRun, rec.run);
    finished.set(rec.run, rec);
  });
  let interrupted = false;
  try {
    ({ interrupted } = await runInWorkers(settings, pending, {
      workers: opts.workers,
      signal: opts.signal,
      onRecord: (rec) => {
        buffer.add(rec);
        opts.onProgress?.(finished.size + buffer.buffered, requested);
      },
    }));
  } finally {
    appender.close();
  }
  if (!ordered) rewriteRunsFile(runsPath, onDisk.records.values());
  const { summary, families } = writeResults(settings, dir, [...finished.values()], requested);
  return { summary, families, interrupted, resumed, computed: finished.size - resumed };
}

function checkResumable(settings: SearchSettings, runsPath: string, familiesPath: string): void {
  if (existsSync(familiesPath)) {
    let stored: FamiliesFile;
    try {
      stored = JSON.parse(readInputText(familiesPath).text) as FamiliesFile;
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${familiesPath}: not valid JSON; cannot resume (use another --out)`);
    }
    const diffs = settingsDifferences(settings, stored);
    if (diffs.length > 0) {
      throw new InputError(
        `${familiesPath} holds a search with different settings (${diffs.join(', ')}); use another --out or the same settings`,
      );
    }
  } else if (existsSync(runsPath) && readInputFile(runsPath).bytes.length > 0) {
    throw new InputError(`${runsPath} exists but ${familiesPath} is missing, so its settings cannot be checked; use another --out`);
  }
}

/** Writes families.json, summary.json and summary.md for the given finished runs. */
export function writeResults(
  settings: SearchSettings, dir: string, records: RunRecord[], runsRequested: number,
): { summary: SearchSummary; families: Family[] } {
  records.sort((a, b) => a.run - b.run);
  const families = groupFamilies(records, settings);
  const summary = buildSummary(settings, records, families, runsRequested);
  writeFileAtomic(join(dir, FAMILIES_FILE), familiesFileText({ ...settings, runs: records.length, families }));
  writeFileAtomic(join(dir, SUMMARY_JSON), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(dir, SUMMARY_MD), summaryMarkdown(summary));
  return { summary, families };
}

/** families.json text: valid JSON, one setting per line, then one family per line. */
export function familiesFileText(file: FamiliesFile): string {
  const { families, ...head } = file;
  const headLines = Object.entries(head).map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const body = families.map((f) => ` ${JSON.stringify(f)}`).join(',\n');
  return `{\n${headLines.join('\n')}\n "families": [${families.length ? `\n${body}\n ` : ''}]\n}\n`;
}
