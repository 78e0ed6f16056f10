// A worker thread's side of parallel collection (workers.ts): collects its share of the
// accounts with collect() and posts each finished part, then the snapshot (in spill mode
// the names of the part files it wrote), to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { collect, collectSpilled } from './index.js';
import type { WorkerJob, WorkerMessage } from './workers.js';
import type { FinishedPart } from './index.js';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const job = workerData as WorkerJob;
try {
  const options = { ...job.options, now: new Date(job.now), onFinished: (part: FinishedPart) => post({ kind: 'finished', part }) };
  // Spill mode: the parts are files in the spill directory; only their names cross to the parent.
  if (job.spillDir !== undefined) post({ kind: 'spilled', parts: await collectSpilled(job.spec, options, job.spillDir) });
  else post({ kind: 'done', snapshot: await collect(job.spec, options) });
} catch (err) {
  post({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
}
