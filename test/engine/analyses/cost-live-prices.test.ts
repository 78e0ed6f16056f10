// Prices from the snapshot's Price List API block: used before the bundled table, in
// regions the table does not cover (eu-west-3), named in every line's evidence (region,
// date, source); a price neither has is a lower-bound caveat naming type, size and region.
// Figures are hand-computed at 730 h/month.
import { describe, expect, it } from 'vitest';
import { costCeiling } from '../../../src/engine/analyses/cost-ceiling.js';
import { estimateResources } from '../../../src/engine/analyses/cost-estimate.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { PriceEntry, SnapshotPrices } from '../../../src/model/prices.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { envSpec, makeContext, makeSpec, res } from './cost-context.js';

const PARIS = { region: 'eu-west-3' };
const ec2 = (name: string, instanceType: string, extra: Partial<Resource> = {}) =>
  res('AWS::EC2::Instance', name, 'production', { instanceId: name, instanceType, state: 'running', securityGroupIds: [], volumeIds: [] }, extra);
const db = (name: string, extra: Partial<Resource> = {}, more: Record<string, unknown> = {}) =>
  res('AWS::RDS::DBInstance', name, 'production', { engine: 'postgres', instanceClass: 'db.t3.micro', multiAz: false, storageType: 'gp2', allocatedStorageGiB: 20, ...more }, extra);
const cache = (name: string, extra: Partial<Resource> = {}) =>
  res('AWS::ElastiCache::CacheCluster', name, 'production', { nodeType: 'cache.t3.micro', numNodes: 2, engine: 'redis' }, extra);

const entry = (e: Omit<PriceEntry, 'asOf'>): PriceEntry => ({ ...e, asOf: '2026-11-30' });
const prices = (entries: PriceEntry[], missing: SnapshotPrices['missing'] = []): SnapshotPrices => ({ source: 'aws-price-list-api', entries, missing });

const API_PARIS = { region: 'eu-west-3', asOf: '2026-11-30', source: 'aws-price-list-api' };
const BUNDLED_VIRGINIA = { region: 'us-east-1', asOf: '2025-01-01', source: 'bundled' };

describe('estimate with Price List API prices', () => {
  it('prices a region without a bundled table and names the price in every line', () => {
    const e = estimateResources(
      [ec2('web', 't3.micro', PARIS), db('db', PARIS, { multiAz: true }), cache('c', PARIS)],
      undefined,
      prices([
        entry({ service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118 }),
        entry({ service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro', usdPerHour: 0.02 }),
        entry({ service: 'elasticache', region: 'eu-west-3', engine: 'redis', item: 'cache.t3.micro', usdPerHour: 0.018 }),
      ]),
    );
    expect(e.lines.map((l) => [l.item, l.monthlyUsd, l.detail, l.price])).toEqual([
      ['RDS db.t3.micro postgres Multi-AZ', 29.2, '730 h x $0.02/h x 2', API_PARIS],
      ['ElastiCache cache.t3.micro x2', 26.28, '2 nodes x 730 h x $0.018/h', API_PARIS],
      ['EC2 t3.micro', 8.61, '730 h x $0.0118/h', API_PARIS],
    ]);
    expect(e.regions).toEqual(['eu-west-3']);
    expect(e.asOf).toEqual(['2026-11-30']);
    // The flat rates (RDS storage) come from the bundled table only.
    expect(e.caveats).toEqual([
      {
        code: 'no-price-table',
        message: 'no price table for region eu-west-3: 1 RDS storage gp2 resource not priced, the estimate is a lower bound',
        count: 1,
        lowerBound: true,
      },
    ]);
  });

  it('prefers the API price to the bundled one, and names the bundled one when it is all there is', () => {
    const e = estimateResources(
      [ec2('a', 't3.micro'), ec2('b', 't3.medium')],
      undefined,
      prices([entry({ service: 'ec2', region: 'us-east-1', item: 't3.micro', usdPerHour: 0.011 })]),
    );
    expect(e.lines.map((l) => [l.item, l.monthlyUsd, l.price])).toEqual([
      ['EC2 t3.medium', 30.37, BUNDLED_VIRGINIA],
      ['EC2 t3.micro', 8.03, { region: 'us-east-1', asOf: '2026-11-30', source: 'aws-price-list-api' }],
    ]);
    expect(e.asOf).toEqual(['2025-01-01', '2026-11-30']);
  });

  it('turns a price the API did not have into a lower bound naming type, size, region and why', () => {
    const e = estimateResources(
      [ec2('a', 'm5.large', PARIS), ec2('b', 'm5.large', PARIS)],
      undefined,
      prices([], [{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', reason: 'no product matched the filters' }]),
    );
    expect(e.totalCents).toBe(0);
    expect(e.caveats).toEqual([
      {
        code: 'no-price-table',
        message:
          'no price for EC2 instance type m5.large in eu-west-3: no bundled price table for the region; the Price List API gave none: no product matched the filters (2 resources): not priced, the estimate is a lower bound',
        count: 2,
        lowerBound: true,
      },
    ]);
  });

  it('says when the snapshot holds no API prices at all', () => {
    const e = estimateResources([ec2('a', 't3.micro', PARIS)]);
    expect(e.caveats.map((c) => c.message)).toEqual([
      'no price for EC2 instance type t3.micro in eu-west-3: no bundled price table for the region; the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot) (1 resource): not priced, the estimate is a lower bound',
    ]);
  });

  it('names a type the bundled table lacks and the API was not asked for', () => {
    const e = estimateResources([ec2('a', 'x9.mega')], undefined, prices([]));
    expect(e.caveats.map((c) => c.message)).toEqual([
      'EC2 instance type x9.mega is not in the us-east-1 price table; it was not read from the Price List API (1 resource): not priced, the estimate is a lower bound',
    ]);
  });
});

describe('cost-ceiling with Price List API prices', () => {
  const spec = makeSpec({ production: envSpec({ cost: { monthlyCeilingUsd: 10, source: 'estimate' } }) });
  const run = (resources: Resource[], p?: SnapshotPrices): Outcome => {
    const out = costCeiling.run(makeContext({ spec, resources, ...(p ? { prices: p } : {}) }), {});
    const outcomes = Array.isArray(out) ? out : out.outcomes;
    expect(outcomes).toHaveLength(1);
    return outcomes[0]!;
  };

  it('names the region, date and source of each contributor in the evidence', () => {
    const o = run([ec2('web', 't3.micro', PARIS), ec2('b', 't3.medium')], prices([entry({ service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118 })]));
    expect(o.status).toBe('fail');
    expect(o.evidence.observed).toEqual({ estimateUsd: 38.98 });
    expect(o.evidence.topContributors).toEqual([
      { item: 'EC2 t3.medium', resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/b', monthlyUsd: 30.37, detail: '730 h x $0.0416/h', price: BUNDLED_VIRGINIA },
      { item: 'EC2 t3.micro', resourceArn: 'arn:aws:ec2:eu-west-3:111122223333:instance/web', monthlyUsd: 8.61, detail: '730 h x $0.0118/h', price: API_PARIS },
    ]);
    expect(o.evidence.priceTable).toEqual({ region: 'eu-west-3,us-east-1', asOf: '2025-01-01,2026-11-30', hoursPerMonth: 730 });
  });

  it('reports a price neither source has as not-evaluated, naming it', () => {
    const o = run([ec2('web', 't3.micro', PARIS)], prices([], [{ service: 'ec2', region: 'eu-west-3', item: 't3.micro', reason: 'throttled' }]));
    expect(o.status).toBe('not-evaluated');
    expect(o.reason).toBe(
      'estimate incomplete: no price for EC2 instance type t3.micro in eu-west-3: no bundled price table for the region; the Price List API gave none: throttled (1 resource): not priced, the estimate is a lower bound',
    );
  });

  it('gives the same figures from API prices equal to the bundled ones, only the origin differs', () => {
    const rs = [ec2('a', 't3.medium'), db('db', {}, { instanceClass: 'db.t3.small', multiAz: true }), cache('c')];
    const same = prices([
      entry({ service: 'ec2', region: 'us-east-1', item: 't3.medium', usdPerHour: 0.0416 }),
      entry({ service: 'rds', region: 'us-east-1', engine: 'postgres', item: 'db.t3.small', usdPerHour: 0.036 }),
      entry({ service: 'elasticache', region: 'us-east-1', engine: 'redis', item: 'cache.t3.micro', usdPerHour: 0.017 }),
    ]);
    // 30.37 (EC2) + 52.56 (RDS Multi-AZ) + 4.60 (its storage, bundled only) + 24.82 (2 cache nodes)
    const bundled = run(rs);
    const live = run(rs, same);
    const strip = (o: Outcome) => ({ ...o, evidence: { ...o.evidence, topContributors: (o.evidence.topContributors as object[]).map((l) => ({ ...l, price: undefined })), priceTable: undefined } });
    expect(strip(live)).toEqual(strip(bundled));
    expect(bundled.evidence.observed).toEqual({ estimateUsd: 112.35 });
    expect((live.evidence.topContributors as { price: object }[]).map((l) => l.price)).toEqual([
      { region: 'us-east-1', asOf: '2026-11-30', source: 'aws-price-list-api' },
      { region: 'us-east-1', asOf: '2026-11-30', source: 'aws-price-list-api' },
      { region: 'us-east-1', asOf: '2026-11-30', source: 'aws-price-list-api' },
      BUNDLED_VIRGINIA,
    ]);
  });
});
