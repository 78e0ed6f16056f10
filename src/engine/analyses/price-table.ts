// The dated on-demand price table shipped with envgate (src/engine/prices/, one file
// keyed by region) and the money arithmetic the cost analysis uses. Prices are imported,
// not read from disk, so the engine stays free of I/O.
import bundled from '../prices/aws-on-demand-2025-01-01.json' with { type: 'json' };

export interface IopsTier {
  /** Upper bound of the tier in IOPS, null = unbounded. */
  upTo: number | null;
  iopsMonth: number;
}

export interface VolumePrice {
  gbMonth: number;
  baselineIops?: number;
  iopsMonth?: number;
  iopsTiers?: IopsTier[];
  baselineThroughputMBps?: number;
  throughputMBpsMonth?: number;
}

export interface PriceTable {
  region: string;
  asOf: string; // YYYY-MM-DD
  currency: 'USD';
  hoursPerMonth: number;
  source: string;
  ec2: { hourly: Record<string, number> };
  ebs: { volumes: Record<string, VolumePrice>; snapshotGbMonth: number; snapshotArchiveGbMonth: number };
  rds: {
    engineAliases: Record<string, string>;
    hourly: Record<string, Record<string, number>>;
    multiAzFactor: number;
    storageGbMonth: Record<string, number>;
  };
  elb: { hourly: Record<string, number> };
  vpcEndpoint: { interfaceHourlyPerAz: number };
  natGateway: { hourly: number };
  elasticache: { engineFactor: Record<string, number>; hourly: Record<string, number> };
  dynamodb: { rcuHourly: number; wcuHourly: number };
  kms: { keyMonth: number };
  cloudwatch: { alarmMonth: number; logsStorageGbMonth: number };
  route53: { hostedZoneMonth: number };
}

type RdsRules = Pick<PriceTable['rds'], 'engineAliases' | 'multiAzFactor'>;
type RegionPrices = Omit<PriceTable, 'region' | 'asOf' | 'currency' | 'hoursPerMonth' | 'source' | 'rds'> & {
  rds: Omit<PriceTable['rds'], keyof RdsRules>;
};

/** The bundled file: one date, source and set of rules for every region it lists. */
export interface BundledPrices {
  asOf: string;
  currency: 'USD';
  hoursPerMonth: number;
  source: string;
  rds: RdsRules;
  regions: Record<string, RegionPrices>;
}

/** Each region of a bundled file as a table of its own. */
export function tablesOf(file: BundledPrices): ReadonlyMap<string, PriceTable> {
  const { asOf, currency, hoursPerMonth, source } = file;
  const rules: RdsRules = { engineAliases: file.rds.engineAliases, multiAzFactor: file.rds.multiAzFactor };
  return new Map(Object.entries(file.regions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([region, p]): [string, PriceTable] => [region, { region, asOf, currency, hoursPerMonth, source, ...p, rds: { ...p.rds, ...rules } }]));
}

const BUNDLED = bundled as unknown as BundledPrices;

/** region -> table. Add a region by adding it under `regions` in the bundled file. */
export const PRICE_TABLES: ReadonlyMap<string, PriceTable> = tablesOf(BUNDLED);

/** What holds in every region, for one priced from the Price List API alone. */
export const PRICE_RULES: { hoursPerMonth: number; rds: RdsRules } = { hoursPerMonth: BUNDLED.hoursPerMonth, rds: BUNDLED.rds };

/** Where a bundled price came from, as the estimate's evidence names it. */
export const BUNDLED_SOURCE = 'bundled';

/**
 * Global services (Route 53, IAM) carry region 'global'; they are billed at the
 * same price everywhere, so they use the first table in region order.
 */
export function tableFor(region: string, tables: ReadonlyMap<string, PriceTable> = PRICE_TABLES): PriceTable | undefined {
  const direct = tables.get(region);
  if (direct || region !== 'global') return direct;
  const first = [...tables.keys()].sort()[0];
  return first === undefined ? undefined : tables.get(first);
}

// Money is kept in integer micro-dollars while lines are summed, then rounded half-up
// to cents once per line: float products like 0.0225 * 730 would otherwise round the
// wrong way on some half-cent values, and sums would drift with evaluation order.

/** A rate in USD as integer micro-dollars (every published rate has <= 6 decimals). */
export function micros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** rate (USD) x quantity, in micro-dollars. Quantities may be fractional (GB of logs). */
export function costMicros(rateUsd: number, quantity: number): number {
  return Math.round(micros(rateUsd) * quantity);
}

/** Micro-dollars -> integer cents, half up. */
export function microsToCents(m: number): number {
  return m >= 0 ? Math.floor((m + 5_000) / 10_000) : -Math.floor((-m + 5_000) / 10_000);
}

/** Any USD amount -> cents, half up, immune to binary noise below a micro-dollar. */
export function usdToCents(usd: number): number {
  return microsToCents(Math.round(usd * 1_000_000));
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}

/** '$1,234.50' for messages. */
export function formatUsd(usd: number): string {
  const cents = usdToCents(usd);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}
