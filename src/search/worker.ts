/**
 * Worker-thread entry of the search pool (compiled to dist/src/search/worker.js). Receives the
 * settings in workerData, then run indices one at a time; answers each with its RunRecord.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runnerOf, type RunRecord } from './runOne.js';
import type { SearchSettings } from './settings.js';

export type WorkerRequest = { run: number };
export type WorkerReply = { run: number; record: RunRecord };

const settings = (workerData as { settings: SearchSettings }).settings;
const runOne = runnerOf(settings);

parentPort!.on('message', (msg: WorkerRequest) => {
  const record = runOne(msg.run);
  parentPort!.postMessage({ run: msg.run, record } satisfies WorkerReply);
});
