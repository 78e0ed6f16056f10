// A worker thread's side of parallel collection (workers.ts): collects its share of the
// accounts with collect() and posts each finished part, then the snapshot, to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { collect } from './index.js';
import type { WorkerJob, WorkerMessage } from './workers.js';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const job = workerData as WorkerJob;
try {
  const snapshot = await collect(job.spec, { ...job.options, now: new Date(job.now), onFinished: (part) => post({ kind: 'finished', part }) });
  post({ kind: 'done', snapshot });
} catch (err) {
  post({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
}
