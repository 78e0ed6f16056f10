// Reading prices from the AWS Price List API. moto does not serve the Pricing API, so the
// real SDK client (@aws-sdk/client-pricing, through envgate's ClientPool and Session)
// talks to a loopback server of our own (test/helpers/pricing-server.ts) that answers
// GetProducts in the shapes of the AWS API reference: AWS JSON 1.1, PriceList entries
// as JSON strings with terms.OnDemand...pricePerUnit.USD, NextToken paging, and
// ThrottlingException. The parsing is also tested on its own (price-list.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { choosePrice, hourlyPricesOf, productQuery } from '../../src/collect/price-list.js';
import { collectPrices, priceKeysOf } from '../../src/collect/prices.js';
import { freshEntries, nextCache, parsePriceCache } from '../../src/collect/price-cache.js';
import { InputError } from '../../src/model/diagnostics.js';
import { Session } from '../../src/collect/session.js';
import type { PriceKey, SnapshotPrices } from '../../src/model/prices.js';
import type { Resource } from '../../src/model/snapshot.js';
import { priceListEntry, startPricingServer, type FakeProduct, type PricingServer } from '../helpers/pricing-server.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

const ec2Product = (region: string, instanceType: string, usd: string, sku: string, more: Record<string, string> = {}): FakeProduct => ({
  serviceCode: 'AmazonEC2',
  sku,
  usd,
  attributes: { productFamily: 'Compute Instance', regionCode: region, instanceType, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', ...more },
});

const PRODUCTS: FakeProduct[] = [
  ec2Product('eu-west-3', 't3.micro', '0.0118000000', 'PAR1'),
  ec2Product('us-east-1', 't3.micro', '0.0104000000', 'IAD1'),
  ec2Product('us-west-2', 't3.micro', '0.0104000000', 'PDX1'),
  // Near misses the filters must exclude: Windows, dedicated tenancy, a reservation.
  ec2Product('eu-west-3', 't3.micro', '0.0210000000', 'PAR2', { operatingSystem: 'Windows' }),
  ec2Product('eu-west-3', 't3.micro', '0.0130000000', 'PAR3', { tenancy: 'Dedicated' }),
  ec2Product('eu-west-3', 't3.micro', '0.0118000000', 'PAR4', { capacitystatus: 'AllocatedCapacityReservation' }),
  {
    serviceCode: 'AmazonRDS',
    sku: 'PARDB',
    usd: '0.0220000000',
    attributes: { productFamily: 'Database Instance', regionCode: 'eu-west-3', instanceType: 'db.t3.micro', databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
  },
  {
    serviceCode: 'AmazonRDS',
    sku: 'PARDB2',
    usd: '0.0440000000',
    attributes: { productFamily: 'Database Instance', regionCode: 'eu-west-3', instanceType: 'db.t3.micro', databaseEngine: 'PostgreSQL', deploymentOption: 'Multi-AZ' },
  },
  {
    serviceCode: 'AmazonElastiCache',
    sku: 'PARC',
    usd: '0.0180000000',
    attributes: { productFamily: 'Cache Instance', regionCode: 'eu-west-3', instanceType: 'cache.t3.micro', cacheEngine: 'Redis' },
  },
];

let server: PricingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sessionFor(endpoint: string, maxAttempts = 4): Session {
  const counter = { s: undefined as Session | undefined };
  const pool = new ClientPool({ maxAttempts, count: (svc, op) => counter.s?.count(svc, op), credentials: fakeCredentials, serviceEndpoints: { pricing: endpoint } });
  counter.s = new Session(pool, new Pacer(2));
  return counter.s;
}

const target = { accountId: PROD, region: 'global', endpointRegion: 'us-east-1' };
const DAY = '2026-12-02';
const ec2Key = (region: string, item: string): PriceKey => ({ service: 'ec2', region, item });

describe('collectPrices against a Price List API stand-in', () => {
  it('reads one price per combination in several regions, eu-west-3 included', async () => {
    server = await startPricingServer(PRODUCTS);
    const s = sessionFor(server.endpoint);
    const prices = await collectPrices(
      s,
      target,
      [
        ec2Key('eu-west-3', 't3.micro'),
        ec2Key('us-east-1', 't3.micro'),
        ec2Key('us-west-2', 't3.micro'),
        { service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro' },
        { service: 'elasticache', region: 'eu-west-3', engine: 'redis', item: 'cache.t3.micro' },
      ],
      DAY,
    );
    expect(prices).toEqual({
      source: 'aws-price-list-api',
      entries: [
        { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: DAY },
        { service: 'ec2', region: 'us-east-1', item: 't3.micro', usdPerHour: 0.0104, asOf: DAY },
        { service: 'ec2', region: 'us-west-2', item: 't3.micro', usdPerHour: 0.0104, asOf: DAY },
        { service: 'elasticache', region: 'eu-west-3', engine: 'redis', item: 'cache.t3.micro', usdPerHour: 0.018, asOf: DAY },
        { service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro', usdPerHour: 0.022, asOf: DAY },
      ],
      missing: [],
    });
    expect(s.errors).toEqual([]);
    expect(s.apiCalls).toEqual({ 'pricing:GetProducts': 5 });
    const rds = server.requests.find((r) => r.ServiceCode === 'AmazonRDS')!;
    expect(rds.Filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-3' },
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'db.t3.micro' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Database Instance' },
      { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'PostgreSQL' },
      { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Single-AZ' },
    ]);
  });

  it('follows NextToken through every page', async () => {
    // Three listings of one price (the API repeats products across SKUs), one per page.
    server = await startPricingServer([ec2Product('eu-west-3', 'm5.large', '0.1120000000', 'A'), ec2Product('eu-west-3', 'm5.large', '0.1120000000', 'B'), ec2Product('eu-west-3', 'm5.large', '0.1120000000', 'C')], { pageSize: 1 });
    const s = sessionFor(server.endpoint);
    const prices = await collectPrices(s, target, [ec2Key('eu-west-3', 'm5.large')], DAY);
    expect(prices.entries).toEqual([{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', usdPerHour: 0.112, asOf: DAY }]);
    expect(server.requests.map((r) => [r.NextToken, r.MaxResults])).toEqual([[undefined, 100], ['page-1', 100], ['page-2', 100]]);
  });

  it('reads a later page too: a different price there makes the combination ambiguous', async () => {
    server = await startPricingServer([ec2Product('eu-west-3', 'm5.large', '0.1120000000', 'A'), ec2Product('eu-west-3', 'm5.large', '0.1250000000', 'B')], { pageSize: 1 });
    const prices = await collectPrices(sessionFor(server.endpoint), target, [ec2Key('eu-west-3', 'm5.large')], DAY);
    expect(prices.entries).toEqual([]);
    expect(prices.missing).toEqual([{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', reason: '2 different hourly prices matched (0.112, 0.125 USD)' }]);
  });

  it('records a combination without a product as missing, naming it', async () => {
    server = await startPricingServer(PRODUCTS);
    const prices = await collectPrices(sessionFor(server.endpoint), target, [ec2Key('eu-west-3', 'x9.mega'), { service: 'rds', region: 'eu-west-3', engine: 'oracle-ee', item: 'db.m5.large' }], DAY);
    expect(prices.entries).toEqual([]);
    expect(prices.missing).toEqual([
      { service: 'ec2', region: 'eu-west-3', item: 'x9.mega', reason: 'no product matched the filters' },
      { service: 'rds', region: 'eu-west-3', engine: 'oracle-ee', item: 'db.m5.large', reason: 'RDS engine oracle-ee is not priced from the Price List API (licence-dependent or unknown)' },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a throttled call and then reads the price', async () => {
    server = await startPricingServer(PRODUCTS, { throttleFirst: 2 });
    const s = sessionFor(server.endpoint);
    const prices = await collectPrices(s, target, [ec2Key('eu-west-3', 't3.micro')], DAY);
    expect(prices.entries).toEqual([{ service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: DAY }]);
    expect(s.errors).toEqual([]);
    expect(s.apiCalls).toEqual({ 'pricing:GetProducts': 3 });
  });

  it('turns throttling beyond the retries into a collection error and a missing price', async () => {
    server = await startPricingServer(PRODUCTS, { throttleFirst: 10 });
    const s = sessionFor(server.endpoint, 2);
    const prices = await collectPrices(s, target, [ec2Key('eu-west-3', 't3.micro')], DAY);
    expect(prices.missing).toEqual([{ service: 'ec2', region: 'eu-west-3', item: 't3.micro', reason: 'GetProducts failed (the snapshot errors name the cause)' }]);
    expect(s.errors.map((e) => [e.accountId, e.region, e.service, e.operation, e.code, e.affects])).toEqual([[PROD, 'global', 'pricing', 'GetProducts', 'ThrottlingException', ['prices']]]);
  });
});

describe('which combinations are read', () => {
  const r = (type: string, region: string, config: Record<string, unknown>): Resource => ({
    arn: `arn:aws:x:${region}:${PROD}:thing/${JSON.stringify(config)}`,
    accountId: PROD,
    region,
    type,
    name: 'n',
    id: 'n',
    tags: {},
    config,
    relations: [],
  });

  it('takes each distinct priced (type, size, region) once, running instances only', () => {
    expect(
      priceKeysOf([
        r('AWS::EC2::Instance', 'eu-west-3', { instanceType: 't3.micro', state: 'running' }),
        r('AWS::EC2::Instance', 'eu-west-3', { instanceType: 't3.micro', state: 'running', x: 1 }),
        r('AWS::EC2::Instance', 'eu-west-3', { instanceType: 'm5.large', state: 'stopped' }),
        r('AWS::RDS::DBInstance', 'eu-west-3', { instanceClass: 'db.t3.micro', engine: 'Postgres' }),
        r('AWS::ElastiCache::CacheCluster', 'us-east-1', { nodeType: 'cache.t3.micro', engine: 'redis' }),
        r('AWS::EC2::Volume', 'eu-west-3', { volumeType: 'gp3', sizeGiB: 8 }),
      ]),
    ).toEqual([
      { service: 'ec2', region: 'eu-west-3', item: 't3.micro' },
      { service: 'elasticache', region: 'us-east-1', engine: 'redis', item: 'cache.t3.micro' },
      { service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro' },
    ]);
  });
});

describe('price list entries', () => {
  it('reads the on-demand hourly USD price of an entry', () => {
    expect(hourlyPricesOf(priceListEntry(ec2Product('eu-west-3', 't3.micro', '0.0118000000', 'S')))).toEqual([0.0118]);
    expect(hourlyPricesOf('not json')).toBeUndefined();
    expect(hourlyPricesOf('{"terms":{}}')).toBeUndefined();
  });

  it('chooses one price, or says why not', () => {
    expect(choosePrice([])).toEqual({ reason: 'no product matched the filters' });
    expect(choosePrice(['{}', 'x'])).toEqual({ reason: 'no on-demand hourly USD price in the 2 matching products (2 unreadable)' });
  });

  it('builds the ElastiCache query with the engine the API names', () => {
    expect(productQuery({ service: 'elasticache', region: 'eu-west-3', engine: 'valkey', item: 'cache.t3.micro' })).toEqual({
      ServiceCode: 'AmazonElastiCache',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-3' },
        { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'cache.t3.micro' },
        { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Cache Instance' },
        { Type: 'TERM_MATCH', Field: 'cacheEngine', Value: 'Valkey' },
      ],
    });
  });
});

describe('the price cache', () => {
  const cache: SnapshotPrices = {
    source: 'aws-price-list-api',
    entries: [
      { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: '2026-11-30' },
      { service: 'ec2', region: 'us-east-1', item: 't3.micro', usdPerHour: 0.0104, asOf: '2026-11-01' },
    ],
    missing: [],
  };

  it('keeps the entries read within the maximum age', () => {
    expect(freshEntries(cache, new Date('2026-12-02T10:00:00Z'), 7).map((e) => e.region)).toEqual(['eu-west-3']);
    expect(freshEntries(cache, new Date('2026-12-02T10:00:00Z'), 0)).toEqual([]);
    expect(freshEntries(undefined, new Date('2026-12-02T10:00:00Z'), 7)).toEqual([]);
  });

  it('asks only for what the cache does not hold, keeping the cached date', async () => {
    server = await startPricingServer(PRODUCTS);
    const fresh = freshEntries(cache, new Date('2026-12-02T10:00:00Z'), 7);
    const prices = await collectPrices(sessionFor(server.endpoint), target, [ec2Key('eu-west-3', 't3.micro'), ec2Key('us-west-2', 't3.micro')], DAY, fresh);
    expect(prices.entries).toEqual([
      { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: '2026-11-30' },
      { service: 'ec2', region: 'us-west-2', item: 't3.micro', usdPerHour: 0.0104, asOf: DAY },
    ]);
    expect(server.requests.map((r) => r.Filters?.[0]?.Value)).toEqual(['us-west-2']);
    expect(nextCache(cache, prices).entries.map((e) => `${e.region} ${e.asOf}`)).toEqual(['eu-west-3 2026-11-30', 'us-east-1 2026-11-01', `us-west-2 ${DAY}`]);
  });

  it('refuses a cache file that is not one, naming file, line and field', () => {
    const text = '{\n  "source": "aws-price-list-api",\n  "entries": [\n    { "service": "ec2", "region": "eu-west-3", "item": "t3.micro", "usdPerHour": "cheap", "asOf": "2026-11-30" }\n  ],\n  "missing": []\n}\n';
    expect(() => parsePriceCache(text, 'prices.json')).toThrow(InputError);
    try {
      parsePriceCache(text, 'prices.json');
    } catch (e) {
      expect((e as InputError).diagnostics.map((d) => [d.file, d.line, d.path, d.code])).toEqual([['prices.json', 4, '/entries/0/usdPerHour', 'schema-type']]);
    }
    expect(() => parsePriceCache('{"source": ', 'prices.json')).toThrow('prices.json is not valid JSON');
  });
});
