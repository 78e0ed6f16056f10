// collect(): gathers everything a scan needs from the accounts a spec names into a
// Snapshot. Sources run per account and region (IAM and Route 53 once per account),
// concurrently but paced; failures become snapshot errors and collection goes on. Each
// account's identity is verified first (identity.ts); an unverified one is not collected.
import type { Spec } from '../model/spec.js';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { PriceEntry, PriceKey, SnapshotPrices } from '../model/prices.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/snapshot.js';
import { ClientPool, type AwsCredentials, type CredentialProvider } from './clients.js';
import { Pacer } from './pacing.js';
import type { Timeouts } from './timeouts.js';
import { collectsGlobal, costTagKey, DEFAULT_SPILL_ACCOUNTS, planAccounts, type AccountPlan, type GlobalMode } from './plan.js';
import { verifyIdentity } from './identity.js';
import { Session, type Progress, type Target } from './session.js';
import { finishResources, markUntaggedTypes } from './finish.js';
import { collectConfig, collectAggregate } from './sources/config.js';
import { collectCosts } from './sources/costs.js';
import { GLOBAL_SOURCES, REGIONAL_SOURCES } from './sources/registry.js';
import { sortSnapshot, writeSnapshot } from './snapshot-io.js';
import type { Demand } from './demand.js';
import { collectPrices, distinctPriceKeys, priceKeysOf } from './prices.js';
import { shardMarker } from '../model/shard-marker.js';

export interface CollectOptions {
  /** Regions to collect instead of the spec's. */
  regions?: string[];
  /** Only these of the spec's accounts (a shard); default all. */
  accounts?: string[];
  /** Global services (IAM, Route 53, costs): include (default), skip, or (auto) only in a shard holding the account's home region. */
  global?: GlobalMode;
  /** Shared-config profile for the base credentials (else the SDK default chain). */
  profile?: string;
  /** Endpoint for every client (AWS_ENDPOINT_URL works too, through the SDK). */
  endpoint?: string;
  /** Concurrent calls per service, account and region (default 4). */
  concurrency?: number;
  /** Calls in flight at once over the whole collection (default: only the per-key cap). */
  totalConcurrency?: number;
  /** Attempts per call, retries included (default 4, adaptive retry mode). */
  maxAttempts?: number;
  /** Connection, attempt and call limits (default DEFAULT_TIMEOUTS). */
  timeouts?: Timeouts;
  onProgress?: (p: Progress) => void;
  /** Called as each account's global part and each of its regions is done (progress lines). */
  onFinished?: (part: FinishedPart) => void;
  /** Collection time for the snapshot metadata. */
  now: Date;
  toolVersion?: string;
  /** Test seams: a plugin for every client, and base credentials. */
  clientPlugin?: { applyToStack(stack: unknown): void };
  credentials?: CredentialProvider;
  pageCap?: number;
  /** What the checks need (demandOf(rules, spec)); default everything (FULL_DEMAND). */
  demand?: Demand;
  /** Read the inventory's prices from the Price List API into the snapshot (default no). */
  prices?: boolean;
  /** Endpoint of the Price List API alone (before `endpoint`). */
  pricingEndpoint?: string;
  /** Prices already known (fresh price-cache entries): not asked again. */
  cachedPrices?: PriceEntry[];
  /** Identities and the aggregator settled by a parent (workers.ts). */
  settled?: Settled;
  /** Accounts collected at once (default: all; DEFAULT_SPILL_ACCOUNTS in spill mode). */
  accountsInFlight?: number;
}

/** One finished part of a collection: an account's region, its 'global' services, or an account not scanned. */
export interface FinishedPart {
  accountId: string;
  /** A region, 'global' (IAM, Route 53, costs), or '*' when the account's identity check failed. */
  region: string;
  /** Collection errors recorded for this account and region so far. */
  errors: number;
}

/**
 * What a parent settles once before dealing accounts out to threads (workers.ts): the
 * accounts whose identity was verified, and the account-regions the Config aggregator
 * answered for. A collect() given it neither verifies nor asks the aggregator again.
 */
export interface Settled {
  reachable: string[];
  aggregated: string[];
  /** The roles' credentials the parent assumed while verifying, so the threads do not assume them again. */
  assumed: Record<string, AwsCredentials>;
}

export async function collect(spec: Spec, options: CollectOptions): Promise<Snapshot> {
  const c = openCollection(spec, options);
  const { reachable, aggregated } = options.settled ? adopt(c.plans, options.settled) : await settle(c, spec);
  await collectAccounts(c, spec, reachable, aggregated);
  const prices = await pricesOf(c, reachable, priceKeysOf(c.s.resources.values()));
  return snapshotOf(c, prices);
}

/** What a spilled collection wrote: snapshot files whose merge (mergeSnapshotFiles) is what collect() returns. */
export interface SpilledParts {
  files: string[];
  /** The priced combinations of every resource written (a parent asks the Price List API for them). */
  priceKeys: PriceKey[];
}

/**
 * collect() in spill mode: as each account is done, its resources are finished (as far as
 * one account's records allow; the merge links across accounts), written with its
 * principals and customer managed policies to a snapshot file in `dir`, and dropped, so
 * memory holds at most `accountsInFlight` accounts' records. The rest (calls, coverage,
 * costs, errors, prices, AWS managed policies, what no account claimed) is written last.
 */
export async function collectSpilled(spec: Spec, options: CollectOptions, dir: string): Promise<SpilledParts> {
  const c = openCollection(spec, options);
  const { reachable, aggregated } = options.settled ? adopt(c.plans, options.settled) : await settle(c, spec);
  const spill: Spill = { dir, files: [], priceKeys: [] };
  await collectAccounts(c, spec, reachable, aggregated, spill);
  const priceKeys = distinctPriceKeys([...spill.priceKeys, ...priceKeysOf(c.s.resources.values())]);
  const rest = snapshotOf(c, await pricesOf(c, reachable, priceKeys));
  // One file per collection: threads of one process write into one directory.
  const file = join(dir, `rest-${threadId}.json`);
  await writeSnapshot(file, rest);
  return { files: [...spill.files, file].sort(), priceKeys };
}

interface Spill {
  dir: string;
  files: string[];
  priceKeys: PriceKey[];
}

/**
 * The parent's own part of a collection over threads: it settles identities and the
 * aggregator (settled(), before the threads start), and asks the Price List API once for
 * the resources the threads collected (part(), after them). Merged with the threads'
 * parts it gives what one collect() gives, calls counted once.
 */
export async function openParent(spec: Spec, options: CollectOptions): Promise<{ settled: Settled; part(collected: Iterable<PriceKey>): Promise<Snapshot> }> {
  const c = openCollection(spec, options);
  const { reachable, aggregated } = await settle(c, spec);
  return {
    settled: { reachable: reachable.map((p) => p.accountId), aggregated: [...aggregated].sort(), assumed: c.pool.assumedCredentials() },
    part: async (collected) => {
      finishResources(c.s);
      // Only the accounts no thread collects: a part naming an account without its shard
      // marker would tell the merge that its global services were collected (merge-snapshots.ts).
      const threads = new Set(reachable.map((p) => p.accountId));
      const own = c.plans.map((p) => p.accountId).filter((a) => !threads.has(a));
      return snapshotOf(c, await pricesOf(c, reachable, distinctPriceKeys([...priceKeysOf(c.s.resources.values()), ...collected])), own);
    },
  };
}

interface Collection {
  s: Session;
  pool: ClientPool;
  plans: AccountPlan[];
  regions: string[];
  options: CollectOptions;
  finished: (accountId: string, region: string) => void;
}

function openCollection(spec: Spec, options: CollectOptions): Collection {
  const plans = planAccounts(spec, options.regions, options.accounts);
  const regions = [...new Set(plans.flatMap((p) => p.regions))].sort();
  const counter = { session: undefined as Session | undefined };
  const pacer = new Pacer(options.concurrency ?? 4, options.totalConcurrency);
  const pool = new ClientPool({
    maxAttempts: options.maxAttempts ?? 4,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    count: (svc, op) => counter.session?.count(svc, op),
    admit: (op, accountId, region) => pacer.admit(op, accountId, region),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.pricingEndpoint ? { serviceEndpoints: { pricing: options.pricingEndpoint } } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.clientPlugin ? { plugin: options.clientPlugin } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.settled ? { assumed: options.settled.assumed } : {}),
  });
  const s = new Session(pool, pacer, options.onProgress, { accounts: plans.length, regions: regions.length });
  counter.session = s;
  if (options.pageCap) s.pageCap = options.pageCap;
  if (options.demand) s.demand = options.demand;
  const finished = (accountId: string, region: string) =>
    options.onFinished?.({ accountId, region, errors: s.errors.filter((e) => e.accountId === accountId && (region === '*' || e.region === region)).length });
  return { s, pool, plans, regions, options, finished };
}

/** Each account's identity verified (an unverified one is not collected), then the aggregator asked. */
async function settle(c: Collection, spec: Spec): Promise<{ reachable: AccountPlan[]; aggregated: Set<string> }> {
  const verified = await Promise.all(
    c.plans.map(async (plan) => {
      const ok = await verifyIdentity(c.s, plan);
      if (!ok) c.finished(plan.accountId, '*');
      return ok;
    }),
  );
  const reachable = c.plans.filter((_, i) => verified[i]);
  // An organisation's aggregator answers for many accounts at once; it is queried from
  // the first account (the one whose credentials can read the aggregator).
  const aggregator = spec.collection?.configAggregator;
  const first = reachable[0];
  const aggregated =
    aggregator && first
      ? await collectAggregate(c.s, { accountId: first.accountId, region: aggregator.region, ...(first.roleArn ? { roleArn: first.roleArn } : {}) }, aggregator.name, reachable)
      : new Set<string>();
  return { reachable, aggregated };
}

function adopt(plans: AccountPlan[], settled: Settled): { reachable: AccountPlan[]; aggregated: Set<string> } {
  const ok = new Set(settled.reachable);
  return { reachable: plans.filter((p) => ok.has(p.accountId)), aggregated: new Set(settled.aggregated) };
}

async function collectAccounts(c: Collection, spec: Spec, reachable: AccountPlan[], aggregated: Set<string>, spill?: Spill): Promise<void> {
  const tagKey = costTagKey(spec);
  const globalMode = c.options.global ?? 'include';
  // Spill mode: after a failure no account starts, and those in flight end before it is
  // passed on, so none writes into a spill directory being removed.
  const failure: { error?: unknown } = {};
  const one = async (plan: AccountPlan): Promise<void> => {
    if (!spill) return collectAccount(c.s, plan, collectsGlobal(globalMode, plan, c.options.regions), tagKey, aggregated, c.options.now, c.finished);
    if ('error' in failure) return;
    try {
      await collectAccount(c.s, plan, collectsGlobal(globalMode, plan, c.options.regions), tagKey, aggregated, c.options.now, c.finished);
      await spillAccount(c, plan, spill);
    } catch (err) {
      if (!('error' in failure)) failure.error = err;
    }
  };
  const inFlight = c.options.accountsInFlight ?? (spill ? DEFAULT_SPILL_ACCOUNTS : undefined);
  const limit = inFlight === undefined ? undefined : pLimit(inFlight);
  await Promise.all(reachable.map((plan) => (limit ? limit(() => one(plan)) : one(plan))));
  if ('error' in failure) throw failure.error;
  finishResources(c.s);
  markUntaggedTypes(c.s);
}

/** A done account's records finished, written to its part file and dropped from the session. */
async function spillAccount(c: Collection, plan: AccountPlan, spill: Spill): Promise<void> {
  finishResources(c.s, plan.accountId);
  markUntaggedTypes(c.s, plan.accountId);
  const { resources, principals, policies } = c.s.takeAccount(plan.accountId);
  spill.priceKeys.push(...priceKeysOf(resources));
  const file = join(spill.dir, `account-${plan.accountId}.json`);
  // No accounts in its metadata: the rest part names them, with their shard markers (merge-snapshots.ts).
  const part: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    metadata: { tool: toolOf(c.options), collectedAt: c.options.now.toISOString(), accounts: [], regions: [], apiCalls: {}, coverage: [] },
    resources,
    principals,
    policies,
    costs: [],
    errors: [],
  };
  await writeSnapshot(file, part);
  spill.files.push(file);
}

const toolOf = (options: CollectOptions) => ({ name: 'envgate' as const, version: options.toolVersion ?? '0.0.0' });

/** The Price List API answers any account; the first reachable one's credentials ask it. */
async function pricesOf(c: Collection, reachable: AccountPlan[], keys: PriceKey[]): Promise<SnapshotPrices | undefined> {
  const first = reachable[0];
  if (!c.options.prices || !first) return undefined;
  const target = { accountId: first.accountId, region: 'global', endpointRegion: 'us-east-1', ...(first.roleArn ? { roleArn: first.roleArn } : {}) };
  return collectPrices(c.s, target, keys, c.options.now.toISOString().slice(0, 10), c.options.cachedPrices);
}

function snapshotOf(c: Collection, prices: SnapshotPrices | undefined, accounts = c.plans.map((p) => p.accountId)): Snapshot {
  const { s, options } = c;
  return sortSnapshot({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    metadata: {
      tool: toolOf(options),
      collectedAt: options.now.toISOString(),
      accounts,
      regions: c.regions,
      apiCalls: { ...s.apiCalls },
      coverage: s.coverage,
    },
    resources: [...s.resources.values()],
    principals: [...s.principals.values()],
    policies: [...s.policies.values()],
    costs: s.costs,
    errors: s.errors,
    ...(prices ? { prices } : {}),
  });
}

async function collectAccount(
  s: Session,
  plan: AccountPlan,
  withGlobal: boolean,
  tagKey: string | undefined,
  aggregated: Set<string>,
  now: Date,
  finished: (accountId: string, region: string) => void,
): Promise<void> {
  const home = plan.regions[0] ?? 'us-east-1';
  const base: Omit<Target, 'region'> = { accountId: plan.accountId, ...(plan.roleArn ? { roleArn: plan.roleArn } : {}) };
  const global: Target = { ...base, region: 'global', endpointRegion: home };
  // A source runs when some check needs one of its types (tags-only sources always).
  const wanted = (src: { types: string[] }) => src.types.length === 0 || src.types.some((ty) => s.wantsType(ty));
  const globalSources = GLOBAL_SOURCES.filter(wanted);
  const jobs: Promise<void>[] = [];
  if (withGlobal) {
    const globalJobs: Promise<void>[] = globalSources.map((src) => src.run(s, global));
    if (tagKey) globalJobs.push(collectCosts(s, { ...base, region: 'global', endpointRegion: 'us-east-1' }, tagKey, now));
    jobs.push(Promise.all(globalJobs).then(() => finished(plan.accountId, 'global')));
  } else {
    // Left to the shard that holds the home region: checks of these read not-evaluated, not pass.
    const affects = [...new Set([...globalSources.flatMap((src) => [src.name, ...src.types]), ...(tagKey ? ['costs'] : [])])];
    if (affects.length > 0) s.errors.push(shardMarker(plan.accountId, affects));
  }
  for (const region of plan.regions) {
    const t: Target = { ...base, region };
    jobs.push(
      (async () => {
        const fromConfig = aggregated.has(`${plan.accountId}/${region}`) ? new Set(['AWS::S3::Bucket']) : await collectConfig(s, t);
        await Promise.all(REGIONAL_SOURCES.filter((src) => wanted(src) && (src.types.length === 0 || !src.types.every((ty) => fromConfig.has(ty)))).map((src) => src.run(s, t)));
        finished(plan.accountId, region);
      })(),
    );
  }
  await Promise.all(jobs);
}

export type { Progress } from './session.js';
export type { GlobalMode } from './plan.js';
export { demandOf, FULL_DEMAND, type Demand } from './demand.js';
