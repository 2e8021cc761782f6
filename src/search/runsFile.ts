import { closeSync, existsSync, openSync, truncateSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';
import { readInputFile } from '../io/inputFile.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import type { RunRecord } from './runOne.js';

/**
 * runs.jsonl: one JSON run record per line (runLine), in increasing run order (runSearch passes
 * completions through a RunOrderBuffer). Every line is written by a single write call ending in
 * '\n'; a process killed during that call can leave a torn last line without '\n', which
 * readRunsFile drops (and cuts from the file) so the run is redone.
 */
export interface RunsFileContents {
  /** Finished runs by index. */
  records: Map<number, RunRecord>;
  /** Bytes of a torn last line that were removed (0 if none). */
  tornBytes: number;
  /** Largest run index in the file (−1 if none). */
  lastRun: number;
  /** The lines are in strictly increasing run order (files written before the reorder buffer may not be). */
  ordered: boolean;
}

/** The text of one runs.jsonl line. */
export function runLine(rec: RunRecord): string {
  return `${JSON.stringify(rec)}\n`;
}

/** Replaces runs.jsonl atomically with the given records in increasing run order. */
export function rewriteRunsFile(path: string, records: Iterable<RunRecord>): void {
  const sorted = [...records].sort((a, b) => a.run - b.run);
  writeFileAtomic(path, sorted.map(runLine).join(''));
}

/**
 * Reads runs.jsonl; an absent file reads as empty. A torn last line is ignored, and with
 * `repair` (the default) also cut from the file.
 */
export function readRunsFile(path: string, repair = true): RunsFileContents {
  const records = new Map<number, RunRecord>();
  if (!existsSync(path)) return { records, tornBytes: 0, lastRun: -1, ordered: true };
  const { bytes } = readInputFile(path);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.lastIndexOf(0x0a) + 1;
  const tornBytes = buf.length - end;
  if (tornBytes > 0 && repair) truncateSync(path, end);
  const lines = buf.subarray(0, end).toString('utf8').split('\n');
  lines.pop(); // the empty string after the final '\n'
  let lastRun = -1;
  let ordered = true;
  lines.forEach((line, idx) => {
    if (line.trim() === '') return;
    const rec = parseRunLine(line, `${path}:${idx + 1}`);
    const prior = records.get(rec.run);
    if (prior && JSON.stringify(prior) !== JSON.stringify(rec)) {
      throw new InputError(`${path}:${idx + 1}: run ${rec.run} appears twice with different results`);
    }
    records.set(rec.run, rec);
    if (rec.run <= lastRun) ordered = false;
    lastRun = Math.max(lastRun, rec.run);
  });
  return { records, tornBytes, lastRun, ordered };
}

function parseRunLine(line: string, where: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError(`${where}: not a JSON run record`);
  }
  const rec = value as RunRecord;
  if (
    typeof value !== 'object' || value === null || !Number.isSafeInteger(rec.run) || rec.run < 0 ||
    !Array.isArray(rec.point) || typeof rec.classification !== 'string'
  ) {
    throw new InputError(`${where}: not a run record (needs run, classification, point)`);
  }
  return rec;
}

/** Appends run records to runs.jsonl, one line per write call. */
export class RunsAppender {
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  append(rec: RunRecord): void {
    if (this.fd === undefined) throw new Error('RunsAppender: closed');
    const bytes = Buffer.from(runLine(rec), 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
