// Reads the on-demand prices of exactly the priced (type, size, region) combinations in
// the inventory from the AWS Price List API (GetProducts, paged; its endpoint is
// us-east-1), for the snapshot's prices block. A failed call is a collection error and
// its combination a missing price; the estimate then falls back to the bundled table.
import { GetProductsCommand, type GetProductsCommandOutput } from '@aws-sdk/client-pricing';
import { livePriceKey, PRICE_LIST_API, priceKeyId, sortPrices, type MissingPrice, type PriceEntry, type PriceKey, type SnapshotPrices } from '../model/prices.js';
import type { Resource } from '../model/snapshot.js';
import { CATALOGUE } from './catalogue/index.js';
import { choosePrice, productQuery } from './price-list.js';
import type { Session, Target } from './session.js';

/** Types the descriptors mark as priced (hooks.pricing). */
const PRICED_TYPES = new Set(CATALOGUE.filter((d) => d.hooks?.pricing === 'priced').map((d) => d.type));

/** The distinct live-priced combinations of the resources, sorted. */
export function priceKeysOf(resources: Iterable<Resource>): PriceKey[] {
  const keys: PriceKey[] = [];
  for (const r of resources) {
    if (!PRICED_TYPES.has(r.type)) continue;
    const k = livePriceKey(r);
    if (k) keys.push(k);
  }
  return distinctPriceKeys(keys);
}

/** The distinct keys, sorted: the keys of parts of an inventory joined into the keys of the whole. */
export function distinctPriceKeys(keys: Iterable<PriceKey>): PriceKey[] {
  const byId = new Map<string, PriceKey>();
  for (const k of keys) byId.set(priceKeyId(k), k);
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** The API's largest page. */
const PAGE = 100;

/**
 * Every key's price read on `day` (YYYY-MM-DD), through the session (paced, retried,
 * counted); a key with an entry in `cached` (fresh ones from the price cache) is not asked.
 */
export async function collectPrices(s: Session, t: Target, keys: readonly PriceKey[], day: string, cached: readonly PriceEntry[] = []): Promise<SnapshotPrices> {
  const entries: PriceEntry[] = [];
  const missing: MissingPrice[] = [];
  const known = new Map(cached.map((e) => [priceKeyId(e), e]));
  await Promise.all(
    keys.map(async (k) => {
      const hit = known.get(priceKeyId(k));
      if (hit) return void entries.push(hit);
      const q = productQuery(k);
      if ('unsupported' in q) return void missing.push({ ...k, reason: q.unsupported });
      const list: string[] = [];
      const complete = await s.paginate(
        t,
        'pricing',
        'GetProducts',
        ['prices'],
        (c, token) => c.send(new GetProductsCommand({ ...q, FormatVersion: 'aws_v1', MaxResults: PAGE, ...(token ? { NextToken: token } : {}) })),
        (p: GetProductsCommandOutput) => p.NextToken,
        (p) => void list.push(...(p.PriceList ?? [])),
      );
      if (!complete) return void missing.push({ ...k, reason: 'GetProducts failed (the snapshot errors name the cause)' });
      const chosen = choosePrice(list);
      if ('reason' in chosen) missing.push({ ...k, reason: chosen.reason });
      else entries.push({ ...k, usdPerHour: chosen.usdPerHour, asOf: day });
    }),
  );
  return sortPrices({ source: PRICE_LIST_API, entries, missing });
}
