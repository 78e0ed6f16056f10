// Collection across worker threads: the spec's accounts are dealt out to up to N threads,
// each collecting its share with collect() (so each has its own SDK clients, signing and
// parsing on its own core), and the parts are merged as `envgate merge` merges shards:
// the result is the snapshot one process would collect. The total concurrency cap is
// shared out among the threads; per service, account and region nothing changes, since
// an account belongs to one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mergeSnapshots } from '../gate/merge-snapshots.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Spec } from '../model/spec.js';
import { collect, openParent, type CollectOptions, type FinishedPart } from './index.js';
import { planAccounts } from './plan.js';

/** What collect() options a thread can be given: data only (no callbacks or test seams). */
export type WorkerOptions = Omit<CollectOptions, 'onProgress' | 'onFinished' | 'clientPlugin' | 'credentials' | 'now'>;
export interface WorkerJob {
  spec: Spec;
  options: WorkerOptions & { accounts: string[] };
  /** ISO time: the parent's clock, so every part has the same collection time. */
  now: string;
}
export type WorkerMessage = { kind: 'finished'; part: FinishedPart } | { kind: 'done'; snapshot: Snapshot } | { kind: 'failed'; message: string };

/** Threads for `--workers auto`: one per core, never more than accounts to give them. */
export function autoWorkers(accounts: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(cores, accounts));
}

/** Accounts dealt out in turn (sorted first, so the split does not depend on the spec's order). */
export function dealAccounts(accounts: readonly string[], threads: number): string[][] {
  const n = Math.max(1, Math.min(threads, accounts.length));
  const out: string[][] = Array.from({ length: n }, () => []);
  [...accounts].sort().forEach((a, i) => out[i % n]!.push(a));
  return out;
}

/** Each thread's share of a total cap: whole, at least 1, adding up to no more than the total (or 1 each when the total is smaller). */
export function shareOf(total: number | undefined, threads: number, index: number): number | undefined {
  if (total === undefined) return undefined;
  return Math.max(1, Math.floor(total / threads) + (index < total % threads ? 1 : 0));
}

/**
 * collect() over `workers` threads. One thread, one account or options a thread cannot
 * be given (callbacks other than onFinished, test seams) collect in this thread. This
 * thread verifies the identities and asks the Config aggregator first, and the Price
 * List API last, once for all threads' resources (openParent).
 */
export async function collectParallel(spec: Spec, options: CollectOptions, workers: number): Promise<Snapshot> {
  const accounts = planAccounts(spec, options.regions, options.accounts).map((p) => p.accountId);
  const seams = options.onProgress || options.clientPlugin || options.credentials;
  if (dealAccounts(accounts, workers).length <= 1 || seams) return collect(spec, options);
  const parent = await openParent(spec, options);
  const groups = dealAccounts(parent.settled.reachable, workers).filter((g) => g.length > 0);
  const { onFinished, now, onProgress: _p, clientPlugin: _c, credentials: _k, totalConcurrency, prices: _r, cachedPrices: _cp, ...rest } = options;
  const parts = await Promise.all(
    groups.map((group, i) => {
      const share = shareOf(totalConcurrency, groups.length, i);
      const job: WorkerJob = { spec, now: now.toISOString(), options: { ...rest, settled: parent.settled, ...(share !== undefined ? { totalConcurrency: share } : {}), accounts: group } };
      return runWorker(job, onFinished);
    }),
  );
  const own = await parent.part(parts.flatMap((p) => p.resources));
  return mergeSnapshots([own, ...parts].map((snapshot, i) => ({ file: i === 0 ? 'main thread' : `worker ${i}`, snapshot })));
}

/** The worker module beside this one: compiled .js, or .ts under a TypeScript loader (tests, tsx). */
function workerUrl(): { url: URL; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  return { url: new URL(ts ? './collect-worker.ts' : './collect-worker.js', import.meta.url), execArgv: ts ? ['--import', 'tsx'] : [] };
}

function runWorker(job: WorkerJob, onFinished: CollectOptions['onFinished']): Promise<Snapshot> {
  const { url, execArgv } = workerUrl();
  return new Promise((resolve, reject) => {
    let snapshot: Snapshot | undefined;
    let failure: string | undefined;
    const w = new Worker(url, { workerData: job, execArgv });
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'finished') onFinished?.(m.part);
      else if (m.kind === 'done') snapshot = m.snapshot;
      else failure = m.message;
    });
    w.on('error', (err) => (failure ??= err.message));
    w.on('exit', (code) => {
      if (snapshot) resolve(snapshot);
      else reject(new Error(`collection worker for ${job.options.accounts.join(', ')} ${failure ? `failed: ${failure}` : `exited with code ${code} before finishing`}`));
    });
  });
}
