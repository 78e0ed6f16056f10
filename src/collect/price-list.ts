// The Price List API's side of a price: which GetProducts filters select the on-demand
// product of one (type, size, region) combination, and which hourly USD price the
// answer's PriceList entries (each a JSON string) hold. Pure, so it is tested on its own.
import type { PriceKey } from '../model/prices.js';

export interface ProductQuery {
  ServiceCode: string;
  Filters: { Type: 'TERM_MATCH'; Field: string; Value: string }[];
}

/** The API's databaseEngine for each RDS engine name the inventory holds. */
const RDS_ENGINES: Record<string, string> = {
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  postgres: 'PostgreSQL',
  aurora: 'Aurora MySQL',
  'aurora-mysql': 'Aurora MySQL',
  'aurora-postgresql': 'Aurora PostgreSQL',
};

/** The API's cacheEngine for each ElastiCache engine name. */
const CACHE_ENGINES: Record<string, string> = { redis: 'Redis', memcached: 'Memcached', valkey: 'Valkey' };

const match = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });

/**
 * The query for a key, or a reason why envgate does not ask (an engine whose price
 * depends on a licence the inventory does not show, such as Oracle or SQL Server).
 */
export function productQuery(k: PriceKey): ProductQuery | { unsupported: string } {
  const where = [match('regionCode', k.region), match('instanceType', k.item)];
  switch (k.service) {
    case 'ec2':
      // Linux, shared tenancy, no pre-installed software, capacity in use (not a reservation).
      return {
        ServiceCode: 'AmazonEC2',
        Filters: [...where, match('productFamily', 'Compute Instance'), match('operatingSystem', 'Linux'), match('tenancy', 'Shared'), match('preInstalledSw', 'NA'), match('capacitystatus', 'Used')],
      };
    case 'rds': {
      const engine = RDS_ENGINES[k.engine ?? ''];
      if (!engine) return { unsupported: `RDS engine ${k.engine ?? '(none)'} is not priced from the Price List API (licence-dependent or unknown)` };
      // Single-AZ: the estimate applies the Multi-AZ factor itself.
      return { ServiceCode: 'AmazonRDS', Filters: [...where, match('productFamily', 'Database Instance'), match('databaseEngine', engine), match('deploymentOption', 'Single-AZ')] };
    }
    case 'elasticache': {
      const engine = CACHE_ENGINES[k.engine ?? ''];
      if (!engine) return { unsupported: `ElastiCache engine ${k.engine ?? '(none)'} is unknown to the Price List API` };
      return { ServiceCode: 'AmazonElastiCache', Filters: [...where, match('productFamily', 'Cache Instance'), match('cacheEngine', engine)] };
    }
  }
}

interface PriceDimension {
  unit?: unknown;
  pricePerUnit?: { USD?: unknown };
}

/** The on-demand hourly USD prices in one PriceList entry; undefined when it is not JSON of that shape. */
export function hourlyPricesOf(entry: string): number[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(entry);
  } catch {
    return undefined;
  }
  const onDemand = (doc as { terms?: { OnDemand?: unknown } } | null)?.terms?.OnDemand;
  if (typeof onDemand !== 'object' || onDemand === null) return undefined;
  const out: number[] = [];
  for (const term of Object.values(onDemand as Record<string, { priceDimensions?: Record<string, PriceDimension> }>)) {
    for (const d of Object.values(term?.priceDimensions ?? {})) {
      const usd = typeof d.pricePerUnit?.USD === 'string' ? Number(d.pricePerUnit.USD) : NaN;
      if (d.unit === 'Hrs' && Number.isFinite(usd) && usd > 0) out.push(usd);
    }
  }
  return out;
}

/** One price from all the entries the filters matched, or why there is none. */
export function choosePrice(entries: readonly string[]): { usdPerHour: number } | { reason: string } {
  const prices = new Set<number>();
  let unreadable = 0;
  for (const e of entries) {
    const found = hourlyPricesOf(e);
    if (found === undefined) unreadable++;
    else for (const p of found) prices.add(p);
  }
  if (prices.size === 1) return { usdPerHour: [...prices][0]! };
  if (prices.size > 1) return { reason: `${prices.size} different hourly prices matched (${[...prices].sort((a, b) => a - b).join(', ')} USD)` };
  if (entries.length === 0) return { reason: 'no product matched the filters' };
  return { reason: `no on-demand hourly USD price in the ${entries.length} matching products${unreadable ? ` (${unreadable} unreadable)` : ''}` };
}
