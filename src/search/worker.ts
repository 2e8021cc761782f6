/**
 * Worker-thread entry of the search pool (compiled to dist/src/search/worker.js). Receives the
 * settings in workerData, then run indices one at a time; answers each with its RunRecord.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { problemOfSettings, runOne } from './runOne.js';
import type { SearchSettings } from './settings.js';

export type WorkerRequest = { run: number };
export type WorkerReply = { run: number; record: ReturnType<typeof runOne> };

const settings = (workerData as { settings: SearchSettings }).settings;
const problem = problemOfSettings(settings);
const scratch = new Float64Array(settings.n * settings.d);

parentPort!.on('message', (msg: WorkerRequest) => {
  const record = runOne(settings, problem, msg.run, scratch);
  parentPort!.postMessage({ run: msg.run, record } satisfies WorkerReply);
});
