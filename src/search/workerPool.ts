import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunRecord } from './runOne.js';
import type { SearchSettings } from './settings.js';
import type { WorkerReply } from './worker.js';

/**
 * The compiled worker script. Normally the sibling worker.js of this module (dist/src/search/).
 * When this module runs from its TypeScript source (vitest), node cannot start a .ts worker,
 * so the path …/src/search/workerPool.ts is mapped to the compiled …/dist/src/search/worker.js
 * (build first with `npx tsc -p tsconfig.json`).
 */
export function workerScriptUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const marker = '/src/search/';
  const normalised = here.replace(/\\/g, '/');
  const at = normalised.lastIndexOf(marker);
  const compiled = `${normalised.slice(0, at)}/dist/src/search/worker.js`;
  if (at < 0 || !existsSync(compiled)) {
    throw new Error(`search worker: compiled worker ${compiled} not found; run \`npx tsc -p tsconfig.json\` first`);
  }
  return pathToFileURL(compiled);
}

export interface PoolOptions {
  workers: number;
  /** Called in the main thread for every finished run, in completion order. */
  onRecord: (rec: RunRecord) => void;
  /** Aborting terminates the workers; runs in flight are dropped. */
  signal?: AbortSignal;
}

/**
 * Computes the given runs on `workers` threads with dynamic scheduling (each idle worker takes
 * the next run index). Each run's result depends only on (settings, run index), so the records
 * are the same for any number of workers; only their completion order differs. Resolves with
 * `interrupted: true` if the signal aborted before all runs finished.
 */
export function runInWorkers(settings: SearchSettings, runs: readonly number[], opts: PoolOptions): Promise<{ interrupted: boolean }> {
  if (runs.length === 0) return Promise.resolve({ interrupted: false });
  if (opts.signal?.aborted) return Promise.resolve({ interrupted: true });
  const count = Math.max(1, Math.min(opts.workers, runs.length));
  const url = workerScriptUrl();
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    const finish = (err: unknown, interrupted: boolean) => {
      if (finished) return;
      finished = true;
      opts.signal?.removeEventListener('abort', onAbort);
      Promise.all(workers.map((w) => w.terminate())).then(
        () => (err ? reject(err) : resolve({ interrupted })),
        () => (err ? reject(err) : resolve({ interrupted })),
      );
    };
    const onAbort = () => finish(undefined, true);
    opts.signal?.addEventListener('abort', onAbort);
    const feed = (w: Worker) => {
      if (next < runs.length) w.postMessage({ run: runs[next++]! });
    };
    for (let t = 0; t < count; t++) {
      const w = new Worker(url, { workerData: { settings } });
      workers.push(w);
      w.on('message', (msg: WorkerReply) => {
        if (finished) return;
        try {
          opts.onRecord(msg.record);
        } catch (err) {
          finish(err, false);
          return;
        }
        done++;
        if (done === runs.length) finish(undefined, false);
        else feed(w);
      });
      w.on('error', (err) => finish(err, false));
      w.on('exit', (code) => {
        if (!finished && code !== 0) finish(new Error(`search worker exited with code ${code}`), false);
      });
      feed(w);
    }
  });
}
