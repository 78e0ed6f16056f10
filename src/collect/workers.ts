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
import { join } from 'node:path';
import { collect, collectSpilled, openParent, type CollectOptions, type FinishedPart, type Settled, type SpilledParts } from './index.js';
import { DEFAULT_SPILL_ACCOUNTS, planAccounts } from './plan.js';
import { priceKeysOf } from './prices.js';
import { writeSnapshot } from './snapshot-io.js';

/** What collect() options a thread can be given: data only (no callbacks or test seams). */
export type WorkerOptions = Omit<CollectOptions, 'onProgress' | 'onFinished' | 'clientPlugin' | 'credentials' | 'now'>;
export interface WorkerJob {
  spec: Spec;
  options: WorkerOptions & { accounts: string[] };
  /** ISO time: the parent's clock, so every part has the same collection time. */
  now: string;
  /** Spill mode: the thread writes its parts into this directory and posts their names (collectSpilled). */
  spillDir?: string;
}
export type WorkerMessage =
  | { kind: 'finished'; part: FinishedPart }
  | { kind: 'done'; snapshot: Snapshot }
  | { kind: 'spilled'; parts: SpilledParts }
  | { kind: 'failed'; message: string };

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
  if (!inThreads(spec, options, workers)) return collect(spec, options);
  const parent = await openParent(spec, options);
  const parts = await Promise.all(jobsOf(spec, options, workers, parent.settled, options.accountsInFlight).map((job) => runWorker(job, options.onFinished)));
  const own = await parent.part(priceKeysOf(parts.flatMap((p) => p.resources)));
  return mergeSnapshots([own, ...parts].map((snapshot, i) => ({ file: i === 0 ? 'main thread' : `worker ${i}`, snapshot })));
}

/**
 * collectParallel in spill mode: every thread (or this one) writes its accounts' parts
 * into `dir` (collectSpilled), this thread its own part; returns the files, whose
 * streamed merge is the snapshot collectParallel returns. The accounts in flight are
 * shared out among the threads as the total concurrency is.
 */
export async function collectSpilledParallel(spec: Spec, options: CollectOptions, workers: number, dir: string): Promise<string[]> {
  if (!inThreads(spec, options, workers)) return (await collectSpilled(spec, options, dir)).files;
  const parent = await openParent(spec, options);
  const jobs = jobsOf(spec, options, workers, parent.settled, options.accountsInFlight ?? DEFAULT_SPILL_ACCOUNTS).map((job) => ({ ...job, spillDir: dir }));
  const parts = await Promise.all(jobs.map((job) => runWorker(job, options.onFinished)));
  const own = join(dir, 'main-thread.json');
  await writeSnapshot(own, await parent.part(parts.flatMap((p) => p.priceKeys)));
  return [own, ...parts.flatMap((p) => p.files)];
}

/** Whether threads collect: more than one to deal accounts to, and no option a thread cannot be given. */
function inThreads(spec: Spec, options: CollectOptions, workers: number): boolean {
  const accounts = planAccounts(spec, options.regions, options.accounts).map((p) => p.accountId);
  const seams = options.onProgress || options.clientPlugin || options.credentials;
  return dealAccounts(accounts, workers).length > 1 && !seams;
}

/** One job per thread: its accounts and its shares of the total concurrency and of the accounts in flight. */
function jobsOf(spec: Spec, options: CollectOptions, workers: number, settled: Settled, accountsInFlight: number | undefined): WorkerJob[] {
  const groups = dealAccounts(settled.reachable, workers).filter((g) => g.length > 0);
  const { onFinished: _f, now, onProgress: _p, clientPlugin: _c, credentials: _k, totalConcurrency, prices: _r, cachedPrices: _cp, accountsInFlight: _a, ...rest } = options;
  return groups.map((group, i) => {
    const share = shareOf(totalConcurrency, groups.length, i);
    const inFlight = shareOf(accountsInFlight, groups.length, i);
    return {
      spec,
      now: now.toISOString(),
      options: { ...rest, settled, ...(share !== undefined ? { totalConcurrency: share } : {}), ...(inFlight !== undefined ? { accountsInFlight: inFlight } : {}), accounts: group },
    };
  });
}

/** The worker module beside this one: compiled .js, or .ts under a TypeScript loader (tests, tsx). */
function workerUrl(): { url: URL; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  return { url: new URL(ts ? './collect-worker.ts' : './collect-worker.js', import.meta.url), execArgv: ts ? ['--import', 'tsx'] : [] };
}

function runWorker(job: WorkerJob & { spillDir: string }, onFinished: CollectOptions['onFinished']): Promise<SpilledParts>;
function runWorker(job: WorkerJob, onFinished: CollectOptions['onFinished']): Promise<Snapshot>;
function runWorker(job: WorkerJob, onFinished: CollectOptions['onFinished']): Promise<Snapshot | SpilledParts> {
  const { url, execArgv } = workerUrl();
  return new Promise((resolve, reject) => {
    let snapshot: Snapshot | SpilledParts | undefined;
    let failure: string | undefined;
    const w = new Worker(url, { workerData: job, execArgv });
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'finished') onFinished?.(m.part);
      else if (m.kind === 'done') snapshot = m.snapshot;
      else if (m.kind === 'spilled') snapshot = m.parts;
      else failure = m.message;
    });
    w.on('error', (err) => (failure ??= err.message));
    w.on('exit', (code) => {
      if (snapshot) resolve(snapshot);
      else reject(new Error(`collection worker for ${job.options.accounts.join(', ')} ${failure ? `failed: ${failure}` : `exited with code ${code} before finishing`}`));
    });
  });
}
