import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { inShard, parseShard, shardLabel, shardSize, type Shard } from '../io/shard.js';
import type { Family } from './families.js';
import type { RunRecord } from './runOne.js';
import { FAMILIES_FILE, RUNS_FILE, SUMMARY_JSON, writeResults, type FamiliesFile } from './runSearch.js';
import { readRunsFile, rewriteRunsFile } from './runsFile.js';
import { settingsDifferences, type SearchSettings } from './settings.js';
import type { SearchSummary } from './summary.js';

interface SearchShardDir {
  dir: string;
  settings: SearchSettings;
  shard: Shard;
  runsRequested: number;
  records: Map<number, RunRecord>;
}

/** True when `dir` holds search output (families.json). */
export function isSearchOutput(dir: string): boolean {
  return existsSync(join(dir, FAMILIES_FILE));
}

/**
 * Combines the outputs of `certmin search --shard I/N` for I = 0 … N−1 into `outDir`, writing
 * exactly what the unsharded search writes: runs.jsonl (every run, in run order), families.json,
 * summary.json and summary.md, rebuilt by the same functions from the same records (a run's
 * record depends only on the settings and its index, never on the shard or worker count).
 * InputError (one line) when the shards do not make up one finished search: a directory that is
 * not a shard, different settings, a shard given twice or missing, different --runs, a shard
 * with runs still to do, or an output directory holding a different search.
 */
export function mergeSearchShards(dirs: readonly string[], outDir: string): { summary: SearchSummary; families: Family[] } {
  const shards = dirs.map(readShardDir);
  const first = shards[0]!;
  const count = first.shard.count;
  const byIndex = new Map<number, SearchShardDir>();
  for (const s of shards) {
    const diffs = settingsDifferences({ ...s.settings, shard: undefined }, { ...first.settings, shard: undefined });
    if (diffs.length > 0) throw new InputError(`${s.dir}: a search with different settings than ${first.dir} (${diffs.join(', ')}); cannot merge`);
    if (s.shard.count !== count) throw new InputError(`${s.dir}: shard ${shardLabel(s.shard)} does not belong to a split into ${count} (${first.dir} is ${shardLabel(first.shard)})`);
    const twin = byIndex.get(s.shard.index);
    if (twin) throw new InputError(`shard ${shardLabel(s.shard)} given twice (${twin.dir} and ${s.dir})`);
    byIndex.set(s.shard.index, s);
  }
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i)).map((i) => `${i}/${count}`);
  if (missing.length > 0) throw new InputError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: merge needs all ${count}`);
  const runs = shards.reduce((t, s) => t + s.runsRequested, 0);
  const all: RunRecord[] = [];
  for (const s of shards) {
    if (s.runsRequested !== shardSize(runs, s.shard)) {
      throw new InputError(`${s.dir}: shard ${shardLabel(s.shard)} was asked for ${s.runsRequested} runs, but ${runs} runs in ${count} shards give it ${shardSize(runs, s.shard)}: the shards were run with different --runs`);
    }
    let done = 0;
    for (const rec of s.records.values()) {
      if (!inShard(rec.run, s.shard)) throw new InputError(`${join(s.dir, RUNS_FILE)}: run ${rec.run} does not belong to shard ${shardLabel(s.shard)}`);
      if (rec.run < runs) {
        all.push(rec);
        done++;
      }
    }
    if (done !== s.runsRequested) {
      throw new InputError(`${s.dir}: shard ${shardLabel(s.shard)} is incomplete (${done} of ${s.runsRequested} runs); rerun its command to finish it`);
    }
  }
  const settings: SearchSettings = { ...first.settings };
  delete settings.shard;
  if (dirs.some((d) => resolve(d) === resolve(outDir))) throw new InputError(`--out ${outDir} is one of the shard directories`);
  const outFamilies = join(outDir, FAMILIES_FILE);
  if (existsSync(outFamilies)) {
    const diffs = settingsDifferences(settings, readJson<FamiliesFile>(outFamilies));
    if (diffs.length > 0) throw new InputError(`--out ${outDir} holds a different search (${diffs.join(', ')}); choose another --out`);
  }
  rewriteRunsFile(join(outDir, RUNS_FILE), all);
  return writeResults(settings, outDir, all, runs);
}

function readShardDir(dir: string): SearchShardDir {
  const file = readJson<FamiliesFile>(join(dir, FAMILIES_FILE));
  const { runs: _runs, families: _families, ...settings } = file;
  if (settings.shard === undefined) throw new InputError(`${dir}: not a shard (a search run without --shard); nothing to merge`);
  const shard = parseShard(settings.shard, `${join(dir, FAMILIES_FILE)}: shard`);
  const summary = readJson<SearchSummary>(join(dir, SUMMARY_JSON));
  if (!Number.isSafeInteger(summary.runsRequested)) throw new InputError(`${join(dir, SUMMARY_JSON)}: no runsRequested`);
  const { records } = readRunsFile(join(dir, RUNS_FILE), false);
  return { dir, settings, shard, runsRequested: summary.runsRequested, records };
}

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new InputError(`${path}: not found (not a search shard directory?)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    throw new InputError(`${path}: not valid JSON`);
  }
}
