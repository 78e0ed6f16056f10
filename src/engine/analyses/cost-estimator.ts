// The estimate's accumulator: priced lines with the origin of each price, caveats for
// what could not be priced, and the lookup of an hourly rate (the snapshot's Price List
// API prices first, then the bundled table).
import type { CostCaveat, CostLine, PriceOrigin } from '../../model/result.js';
import type { Resource } from '../../model/snapshot.js';
import { PRICE_LIST_API, priceKeyId, type MissingPrice, type PriceEntry, type PriceKey, type SnapshotPrices } from '../../model/prices.js';
import { BUNDLED_SOURCE, centsToUsd, microsToCents, PRICE_RULES, type PriceTable } from './price-table.js';

export interface PricedLine extends CostLine {
  /** Service grouping for the summary ('EC2', 'EBS', 'RDS', ...). */
  service: string;
  cents: number;
  price: PriceOrigin;
}

export interface EnvironmentEstimate {
  lines: PricedLine[]; // largest first, then item, then arn
  totalCents: number;
  caveats: CostCaveat[]; // sorted by code, then message
  /** Regions whose prices priced at least one line, sorted. */
  regions: string[];
  asOf: string[];
  hoursPerMonth: number;
}

interface CaveatDraft {
  code: string;
  lowerBound: boolean;
  count: number;
  render: (count: number) => string;
}

/** An hourly rate and where it came from. */
export interface Rate {
  usd: number;
  origin: PriceOrigin;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The snapshot's prices by key, each entry's origin built once. */
export class LivePrices {
  private readonly entries = new Map<string, Rate>();
  private readonly missing = new Map<string, MissingPrice>();

  constructor(readonly block: SnapshotPrices | undefined) {
    for (const e of block?.entries ?? []) this.entries.set(priceKeyId(e), rateOf(e));
    for (const m of block?.missing ?? []) this.missing.set(priceKeyId(m), m);
  }

  get(key: PriceKey): Rate | undefined {
    // Most snapshots hold no prices: no key string is built for them.
    return this.entries.size === 0 ? undefined : this.entries.get(priceKeyId(key));
  }

  /** Why the API gave no price for the key, for caveats. */
  whyMissing(key: PriceKey): string {
    if (this.block === undefined) return 'the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot)';
    const m = this.missing.get(priceKeyId(key));
    return m ? `the Price List API gave none: ${m.reason}` : 'it was not read from the Price List API';
  }
}

function rateOf(e: PriceEntry): Rate {
  return { usd: e.usdPerHour, origin: { region: e.region, asOf: e.asOf, source: PRICE_LIST_API } };
}

const bundledOrigins = new WeakMap<PriceTable, PriceOrigin>();

/** The origin of a bundled table's prices (one object per table). */
export function bundledOrigin(t: PriceTable): PriceOrigin {
  let o = bundledOrigins.get(t);
  if (o === undefined) bundledOrigins.set(t, (o = { region: t.region, asOf: t.asOf, source: BUNDLED_SOURCE }));
  return o;
}

/** Collects lines and caveats for one environment. */
export class Estimator {
  readonly lines: PricedLine[] = [];
  /** code -> key -> draft: no key string is built per resource. */
  private readonly caveats = new Map<string, Map<string, CaveatDraft>>();
  readonly regions = new Set<string>();
  readonly asOf = new Set<string>();
  hoursPerMonth = PRICE_RULES.hoursPerMonth;
  /** The origin of the last line, and whether its region is recorded: most lines share one. */
  private lastOrigin: PriceOrigin | undefined;
  private lastRegionRecorded = false;

  constructor(readonly live: LivePrices = new LivePrices(undefined)) {}

  /** One priced line; `origin` says where its price came from. */
  line(r: Resource, origin: PriceOrigin, service: string, item: string, micros: number, detail: string): void {
    const cents = microsToCents(micros);
    if (origin !== this.lastOrigin) {
      this.lastOrigin = origin;
      this.lastRegionRecorded = false;
      this.asOf.add(origin.asOf);
    }
    // Global services are priced from a regional table but say nothing about the region.
    if (!this.lastRegionRecorded && r.region !== 'global') {
      this.regions.add(origin.region);
      this.lastRegionRecorded = true;
    }
    this.lines.push({ service, item, resourceArn: r.arn, monthlyUsd: centsToUsd(cents), detail, cents, price: origin });
  }

  /**
   * The hourly rate of a sized item: the snapshot's API price, else the bundled one;
   * undefined (with a caveat naming the item, its size and region) when neither has it.
   */
  hourly(r: Resource, t: PriceTable | undefined, key: PriceKey | undefined, what: string, value: string, bundled: number | undefined): Rate | undefined {
    const live = key ? this.live.get(key) : undefined;
    if (live) return live;
    if (t && bundled !== undefined) return { usd: bundled, origin: bundledOrigin(t) };
    const why = key ? `; ${this.live.whyMissing(key)}` : '';
    if (t) {
      this.caveat('unknown-price', `${what} ${value} ${t.region}`, true, (n) =>
        `${what} ${value} is not in the ${t.region} price table${why} (${plural(n, 'resource')}): not priced, the estimate is a lower bound`,
      );
    } else {
      this.caveat('no-price-table', `${r.region} ${what} ${value}`, true, (n) =>
        `no price for ${what} ${value} in ${r.region}: no bundled price table for the region${why} (${plural(n, 'resource')}): not priced, the estimate is a lower bound`,
      );
    }
    return undefined;
  }

  /** One caveat per (code, key); `count` counts the resources it covers. */
  caveat(code: string, key: string, lowerBound: boolean, render: (count: number) => string): void {
    let byKey = this.caveats.get(code);
    if (byKey === undefined) this.caveats.set(code, (byKey = new Map()));
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { code, lowerBound, count: 1, render });
  }

  finish(): EnvironmentEstimate {
    const lines = this.lines.sort(
      (a, b) => b.cents - a.cents || cmp(a.item, b.item) || cmp(a.resourceArn ?? '', b.resourceArn ?? ''),
    );
    const caveats = [...this.caveats.values()]
      .flatMap((byKey) => [...byKey.values()])
      .map((d) => ({ code: d.code, message: d.render(d.count), count: d.count, lowerBound: d.lowerBound }))
      .sort((a, b) => cmp(a.code, b.code) || cmp(a.message, b.message));
    return {
      lines,
      totalCents: lines.reduce((s, l) => s + l.cents, 0),
      caveats,
      regions: [...this.regions].sort(),
      asOf: [...this.asOf].sort(),
      hoursPerMonth: this.hoursPerMonth,
    };
  }
}
