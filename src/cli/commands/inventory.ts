import { existsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { canonicalJson, writeSnapshot } from '../../collect/snapshot-io.js';
import { freshEntries, nextCache, parsePriceCache } from '../../collect/price-cache.js';
import { readText } from '../../gate/files.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { loadSpec } from '../../spec/load.js';
import type { CollectionError, Snapshot } from '../../model/snapshot.js';
import type { PriceEntry } from '../../model/prices.js';
import type { Spec } from '../../model/spec.js';
import { defineCommand, type CommandContext } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { TOOL_VERSION } from '../version.js';
import { withTimeoutOptions } from '../timeout-options.js';
import { resolveTimeouts, type TimeoutArgs } from '../../collect/timeouts.js';
import { checkRegionOption } from '../region-option.js';
import { causeLines } from '../collection-causes.js';
import { optionError } from '../option-error.js';
import { type ProgressArgs, progressPrinter, withProgressOption } from '../progress.js';
import { demandOf, FULL_DEMAND, type Demand } from '../../collect/demand.js';
import { loadRules } from '../../rules/load.js';
import { DEFAULT_SPILL_ACCOUNTS, GLOBAL_MODES, planAccounts, type GlobalMode } from '../../collect/plan.js';
import type { CollectOptions } from '../../collect/index.js';
import { failedCalls, isShardMarker } from '../../model/shard-marker.js';

interface InventoryArgs extends TimeoutArgs, ProgressArgs {
  spec: string;
  out: string;
  region?: string[];
  account?: string[];
  global: GlobalMode;
  profile?: string;
  endpoint?: string;
  concurrency: number;
  totalConcurrency: number;
  workers: string;
  full: boolean;
  rules?: string[];
  prices: boolean;
  pricingEndpoint?: string;
  priceCache?: string;
  priceCacheMaxAge: number;
  spillDir?: string;
  accountsInFlight?: number;
}

export const inventoryCommand = defineCommand<InventoryArgs>({
  builder: (y: Argv<{ quiet: boolean; verbose: boolean }>) =>
    withProgressOption(withTimeoutOptions(y))
      .option('spec', { type: 'string', demandOption: true, describe: 'Environment spec (YAML)' })
      .option('out', { type: 'string', default: 'snapshot.json', describe: 'Snapshot file to write (atomically)' })
      .option('region', { type: 'string', array: true, describe: "Collect these regions instead of the spec's (repeatable)" })
      .option('account', { type: 'string', array: true, describe: "Collect only these of the spec's accounts (repeatable; a shard)" })
      .option('global', {
        choices: GLOBAL_MODES,
        default: 'auto',
        describe: "Global services (IAM, Route 53, costs): auto collects them only in a shard whose regions hold the account's home region",
      })
      .option('profile', { type: 'string', describe: 'AWS shared-config profile for the base credentials' })
      .option('endpoint', { type: 'string', describe: 'Endpoint for every AWS client (e.g. a local emulator); AWS_ENDPOINT_URL works too' })
      .option('concurrency', { type: 'number', default: 4, describe: 'Concurrent calls per service, account and region' })
      .option('total-concurrency', { type: 'number', default: DEFAULT_TOTAL_CONCURRENCY, describe: 'Calls in flight at once over the whole collection, all workers together' })
      .option('workers', { type: 'string', default: 'auto', describe: 'Worker threads collecting accounts in parallel: a number, or auto (one per core, at most one per account)' })
      .option('spill-dir', { type: 'string', describe: "Write each account's records to a part file in a directory made under this one as the account is done, and merge the parts into --out: memory holds only the accounts in flight" })
      .option('accounts-in-flight', { type: 'number', describe: `Accounts collected at once, all workers together (default: all; ${DEFAULT_SPILL_ACCOUNTS} with --spill-dir)` })
      .option('full', { type: 'boolean', default: false, describe: 'Collect everything envgate can, not only what the rules need for this spec' })
      .option('rules', { type: 'string', array: true, describe: 'Also collect what the rules in this directory need (repeatable)' })
      .option('prices', { type: 'boolean', default: true, describe: 'Read the on-demand prices of the inventory from the AWS Price List API (--no-prices: the bundled table only)' })
      .option('price-cache', { type: 'string', describe: 'Price cache file: prices read within --price-cache-max-age days are not asked again; rewritten after each read' })
      .option('price-cache-max-age', { type: 'number', default: 7, describe: 'Days a cached price stays fresh (0: read today)' })
      .option('pricing-endpoint', { type: 'string', describe: 'Endpoint of the Price List API alone; with --endpoint, prices are read only when this is given' })
      .example('$0 inventory --spec envgate.yaml --out snapshot.json', 'collect once, then scan --snapshot snapshot.json as often as needed')
      .example('$0 inventory --spec envgate.yaml --region eu-west-1 --endpoint http://localhost:4566 --progress', 'one region of a local emulator, with progress lines')
      .example('$0 inventory --spec envgate.yaml --account 111111111111 --region eu-west-1 --out shard.json', 'one shard of a CI matrix; envgate merge joins the shards')
      .example('$0 inventory --spec envgate.yaml --full --out snapshot.json', 'everything envgate can collect, for any later rule set') as unknown as Argv<InventoryArgs & { quiet: boolean; verbose: boolean }>,
  run: async (args, ctx) => {
    const spec = await loadSpecFile(args.spec);
    if (!Number.isInteger(args.concurrency) || args.concurrency < 1) {
      throw optionError('concurrency', 'bad-concurrency', `--concurrency ${args.concurrency} is not a whole number of at least 1`);
    }
    if (!Number.isInteger(args.totalConcurrency) || args.totalConcurrency < 1) {
      throw optionError('total-concurrency', 'bad-concurrency', `--total-concurrency ${args.totalConcurrency} is not a whole number of at least 1`);
    }
    parseWorkers(args.workers);
    checkSpillOptions(args);
    resolveTimeouts(args, ctx.env); // option errors before any AWS call
    checkRegionOption(args.region);
    if (!Number.isInteger(args.priceCacheMaxAge) || args.priceCacheMaxAge < 0) {
      throw optionError('price-cache-max-age', 'bad-max-age', `--price-cache-max-age ${args.priceCacheMaxAge} is not a whole number of days (0 or more)`);
    }
    // An emulator serves no Price List API: with --endpoint, prices need their own endpoint.
    const prices = args.prices && (args.endpoint === undefined || args.pricingEndpoint !== undefined);
    if (args.prices && !prices) ctx.out.info('envgate inventory: prices not read (--endpoint without --pricing-endpoint); estimates use the bundled table');
    const cacheFile = prices ? args.priceCache : undefined;
    const cache = cacheFile !== undefined && existsSync(cacheFile) ? parsePriceCache(readText(cacheFile, 'price cache'), cacheFile) : undefined;
    checkAccountOption(spec, args.account);
    const demand = args.full ? FULL_DEMAND : demandOf(loadRules(args.rules ?? []), spec);
    const pricing = {
      prices,
      ...(args.pricingEndpoint !== undefined ? { pricingEndpoint: args.pricingEndpoint } : {}),
      cachedPrices: freshEntries(cache, ctx.now(), args.priceCacheMaxAge),
    };
    let written: { snapshot: Snapshot; resources: number };
    if (args.spillDir !== undefined) {
      const { options, workers } = await collectionOptions(spec, args, ctx, demand, pricing);
      const { collectToFile } = await import('../../collect/spill.js');
      const merged = await collectToFile(spec, options, workers, args.out, args.spillDir);
      written = { snapshot: merged.rest, resources: merged.resources };
    } else {
      const snapshot = await collectWithProgress(spec, args, ctx, demand, pricing);
      await writeSnapshot(args.out, snapshot);
      written = { snapshot, resources: snapshot.resources.length };
    }
    const { snapshot } = written;
    if (cacheFile !== undefined && snapshot.prices) writeFileAtomic(cacheFile, `${canonicalJson(nextCache(cache, snapshot.prices))}\n`);
    return summarise(snapshot, args.out, ctx, written.resources);
  },
});

/** --spill-dir must be a directory; --accounts-in-flight a whole number of at least 1 (exit 2 before any call). */
function checkSpillOptions(args: { spillDir?: string; accountsInFlight?: number }): void {
  const n = args.accountsInFlight;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw optionError('accounts-in-flight', 'bad-accounts-in-flight', `--accounts-in-flight ${n} is not a whole number of at least 1`);
  const dir = args.spillDir;
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) throw optionError('spill-dir', 'bad-spill-dir', `--spill-dir ${dir} is not a directory`);
}

/** Live collection, with a progress line per finished account region when the output shows them; used by inventory and scan. */
export async function collectWithProgress(
  spec: Spec,
  args: CollectionArgs,
  ctx: CommandContext,
  demand?: Demand,
  pricing: Pricing = {},
): Promise<Snapshot> {
  const { options, workers } = await collectionOptions(spec, args, ctx, demand, pricing);
  // Loaded here, not at the top: collection pulls in every AWS SDK client, which only a
  // live run needs (a --snapshot scan, validate or --help start without them).
  const { collectParallel } = await import('../../collect/workers.js');
  return collectParallel(spec, options, workers);
}

type CollectionArgs = { region?: string[]; account?: string[]; global?: GlobalMode; profile?: string; endpoint?: string; concurrency?: number; totalConcurrency?: number; workers?: string; accountsInFlight?: number } & TimeoutArgs;
type Pricing = { prices?: boolean; pricingEndpoint?: string; cachedPrices?: PriceEntry[] };

/** The collect() options and worker threads the command line asks for. */
async function collectionOptions(spec: Spec, args: CollectionArgs, ctx: CommandContext, demand: Demand | undefined, pricing: Pricing): Promise<{ options: CollectOptions; workers: number }> {
  const regions = args.region && args.region.length > 0 ? args.region : undefined;
  const accounts = args.account && args.account.length > 0 ? args.account : undefined;
  const shard = { ...(accounts ? { accounts } : {}), ...(args.global ? { global: args.global } : {}) };
  const onFinished = ctx.out.showsProgress ? progressPrinter(spec, regions, (line) => ctx.out.progress(line), shard) : undefined;
  const endpoint = args.endpoint ?? undefined;
  const timeouts = resolveTimeouts(args, ctx.env);
  const { autoWorkers } = await import('../../collect/workers.js');
  const workers = parseWorkers(args.workers ?? 'auto') ?? autoWorkers(planAccounts(spec, regions, accounts).length);
  const options: CollectOptions = {
    now: ctx.now(),
    timeouts,
    toolVersion: TOOL_VERSION,
    ...(regions ? { regions } : {}),
    ...shard,
    ...(args.profile ? { profile: args.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
    totalConcurrency: args.totalConcurrency ?? DEFAULT_TOTAL_CONCURRENCY,
    ...(onFinished ? { onFinished } : {}),
    ...(demand ? { demand } : {}),
    ...(args.accountsInFlight !== undefined ? { accountsInFlight: args.accountsInFlight } : {}),
    ...pricing,
  };
  return { options, workers };
}

/** Calls in flight at once over a whole collection unless --total-concurrency says otherwise. */
export const DEFAULT_TOTAL_CONCURRENCY = 64;

/** --workers: a whole number of at least 1, or auto (undefined: decided from the accounts). */
export function parseWorkers(given: string | number): number | undefined {
  const value = String(given); // a config file may give a number
  if (value === 'auto') return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw optionError('workers', 'bad-workers', `--workers ${value} is neither auto nor a whole number of at least 1`);
  return Number(value);
}

/** --account values must be accounts the spec names, so a typo exits 2 before any AWS call. */
export function checkAccountOption(spec: Spec, accounts: readonly string[] | undefined): void {
  const known = planAccounts(spec).map((p) => p.accountId);
  const unknown = (accounts ?? []).filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    throw optionError('account', 'unknown-account', `${unknown.map((a) => `'${a}'`).join(', ')} ${unknown.length > 1 ? 'are not accounts' : 'is not an account'} of the spec`, `one of ${known.join(', ')}`);
  }
}

/** Prints counts and every collection error; exit 3 when a call failed (global services left to another shard are not a failure). */
export function summarise(s: Snapshot, out: string, ctx: CommandContext, resources: number = s.resources.length): ExitCode {
  const calls = Object.values(s.metadata.apiCalls).reduce((a, b) => a + b, 0);
  ctx.out.info(
    `envgate inventory: ${resources} resources, ${s.principals.length} principals in ${s.metadata.accounts.length} accounts and ${s.metadata.regions.length} regions (${calls} API calls); wrote ${out}`,
  );
  if (s.prices) ctx.out.info(`envgate inventory: ${s.prices.entries.length} prices read from the Price List API, ${s.prices.missing.length} not found (the bundled table is used for those)`);
  const left = s.errors.filter(isShardMarker).map((e) => e.accountId);
  if (left.length > 0) ctx.out.info(`envgate inventory: global services of ${left.join(', ')} left to another shard (--global); merge this snapshot with it before scanning`);
  const errors = failedCalls(s.errors);
  if (errors.length === 0) return EXIT.ok;
  ctx.out.error(`envgate inventory: incomplete, ${errors.length} calls failed; checks that need this data will be "not evaluated"`);
  for (const line of causeLines(errors)) ctx.out.error(`  cause: ${line}`);
  ctx.out.error('the failed calls:');
  for (const line of describeErrors(errors)) ctx.out.error(`  ${line}`);
  return EXIT.incomplete;
}

/** One line per distinct failure (account, region, service, operation, code), with how often. */
export function describeErrors(errors: CollectionError[]): string[] {
  const groups = new Map<string, { e: CollectionError; n: number }>();
  for (const e of errors) {
    const key = `${e.accountId} ${e.region} ${e.service}:${e.operation} ${e.code}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { e, n: 1 });
  }
  return [...groups.entries()].map(([key, { e, n }]) => `${key}${n > 1 ? ` (x${n})` : ''}: missing ${e.affects.join(', ')}: ${e.message}`);
}

/** The validated, defaults-applied spec (InputError with positions when it is not valid). */
export async function loadSpecFile(file: string): Promise<Spec> {
  return loadSpec(file).spec;
}
