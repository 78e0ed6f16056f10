// On-demand prices read from the AWS Price List API when the inventory was taken, kept in
// the snapshot (Snapshot.prices) so a scan prices every region offline. Only the
// sized items are read live: EC2 instance types, RDS instance classes (per engine) and
// ElastiCache node types (per engine); the flat per-region rates come from the bundled table.
import type { Resource } from './snapshot.js';

export const PRICE_SERVICES = ['ec2', 'rds', 'elasticache'] as const;
export type PriceService = (typeof PRICE_SERVICES)[number];

/** Where a price came from, as the estimate's evidence names it. */
export const PRICE_LIST_API = 'aws-price-list-api';

/** One priced (type, size, region) combination. */
export interface PriceKey {
  service: PriceService;
  region: string;
  /** Instance type, DB instance class or cache node type. */
  item: string;
  /** RDS and ElastiCache: the engine as the inventory names it, lower case ('postgres', 'redis'). */
  engine?: string;
}

export interface PriceEntry extends PriceKey {
  /** USD per hour, on demand (RDS: Single-AZ). */
  usdPerHour: number;
  /** YYYY-MM-DD: the day the price was read. */
  asOf: string;
}

/** A combination the API gave no single price for. */
export interface MissingPrice extends PriceKey {
  reason: string;
}

export interface SnapshotPrices {
  source: typeof PRICE_LIST_API;
  /** Sorted by priceKeyId. */
  entries: PriceEntry[];
  /** Sorted by priceKeyId. */
  missing: MissingPrice[];
}

/** 'ec2 eu-west-3 t3.micro', 'rds eu-west-3 postgres db.t3.micro': sort key and map key. */
export function priceKeyId(k: PriceKey): string {
  return [k.service, k.region, ...(k.engine !== undefined ? [k.engine] : []), k.item].join(' ');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The live price a resource needs, if any: running EC2 instances by type, RDS instances
 * by engine and class, ElastiCache clusters by engine and node type.
 */
export function livePriceKey(r: Resource): PriceKey | undefined {
  const { region, config: c } = r;
  switch (r.type) {
    case 'AWS::EC2::Instance': {
      const item = text(c.instanceType);
      return item && c.state === 'running' ? { service: 'ec2', region, item } : undefined;
    }
    case 'AWS::RDS::DBInstance': {
      const item = text(c.instanceClass);
      const engine = text(c.engine)?.toLowerCase();
      return item && engine ? { service: 'rds', region, engine, item } : undefined;
    }
    case 'AWS::ElastiCache::CacheCluster': {
      const item = text(c.nodeType);
      const engine = text(c.engine)?.toLowerCase();
      return item && engine ? { service: 'elasticache', region, engine, item } : undefined;
    }
    default:
      return undefined;
  }
}

/** For messages: 'EC2 instance type t3.micro in eu-west-3'. */
export function describePriceKey(k: PriceKey): string {
  const what = { ec2: 'EC2 instance type', rds: `RDS ${k.engine ?? ''} class`, elasticache: `ElastiCache ${k.engine ?? ''} node type` }[k.service];
  return `${what} ${k.item} in ${k.region}`;
}

const byId = <T extends PriceKey>(a: T, b: T): number => {
  const x = priceKeyId(a);
  const y = priceKeyId(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The block in canonical order (entries and missing sorted by key). */
export function sortPrices(p: SnapshotPrices): SnapshotPrices {
  return { source: p.source, entries: [...p.entries].sort(byId), missing: [...p.missing].sort(byId) };
}

/**
 * Several snapshots' prices as one block (merge): one entry per key, the most recently
 * read (then the lower price, so the result does not depend on shard order); a key is
 * missing only when no snapshot has a price for it.
 */
export function mergePrices(blocks: readonly (SnapshotPrices | undefined)[]): SnapshotPrices | undefined {
  const present = blocks.filter((b): b is SnapshotPrices => b !== undefined);
  if (present.length === 0) return undefined;
  const entries = new Map<string, PriceEntry>();
  for (const e of present.flatMap((b) => b.entries)) {
    const id = priceKeyId(e);
    const prev = entries.get(id);
    if (!prev || e.asOf > prev.asOf || (e.asOf === prev.asOf && e.usdPerHour < prev.usdPerHour)) entries.set(id, e);
  }
  const missing = new Map<string, MissingPrice>();
  for (const m of present.flatMap((b) => b.missing)) {
    const id = priceKeyId(m);
    const prev = missing.get(id);
    if (!entries.has(id) && (!prev || m.reason < prev.reason)) missing.set(id, m);
  }
  return sortPrices({ source: PRICE_LIST_API, entries: [...entries.values()], missing: [...missing.values()] });
}
