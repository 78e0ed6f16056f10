// `envgate inventory` with prices, end to end: the inventory comes from moto (eu-west-3,
// which the bundled table does not cover) and the prices from a loopback Price List API
// stand-in (moto does not serve the Pricing API; see test/helpers/pricing-server.ts). The
// snapshot holds the prices, dated; `scan --snapshot` prices the region from them and
// names the origin of each line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Spec } from '../../src/model/spec.js';
import { startMoto, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';
import { startPricingServer, type PricingServer } from '../helpers/pricing-server.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';
import { PROD, twoAccountSpec } from './spec-fixture.js';

const PARIS = 'eu-west-3';

function parisSpec(): Spec {
  const spec = twoAccountSpec();
  const production = { ...spec.environments.production!, regions: [PARIS], cost: { monthlyCeilingUsd: 10, source: 'estimate' as const } };
  return { ...spec, environments: { production } };
}

describe('envgate inventory with prices', () => {
  let moto: Moto;
  let pricing: PricingServer;
  let dir: string;
  let specFile: string;
  const env = () => ({ ...process.env, SOURCE_DATE_EPOCH: '1767225600' }); // 2026-01-01

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    // Two running t3.micro instances and a Multi-AZ postgres db.t3.micro, among others.
    await seedAccountRegion(moto, { accountId: PROD, region: PARIS, env: 'production', network: true });
    pricing = await startPricingServer([
      {
        serviceCode: 'AmazonEC2',
        sku: 'PAR1',
        usd: '0.0118000000',
        attributes: { productFamily: 'Compute Instance', regionCode: PARIS, instanceType: 't3.micro', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' },
      },
      {
        serviceCode: 'AmazonRDS',
        sku: 'PARDB',
        usd: '0.0220000000',
        attributes: { productFamily: 'Database Instance', regionCode: PARIS, instanceType: 'db.t3.micro', databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
      },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'envgate-prices-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(parisSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await pricing?.close();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the prices of the inventory in the snapshot, and scan prices eu-west-3 from them', async () => {
    const snap = join(dir, 'snapshot.json');
    const output = memoryOutput();
    const code = await main(['inventory', '--spec', specFile, '--out', snap, '--endpoint', moto.endpoint, '--pricing-endpoint', pricing.endpoint], env(), output);
    expect(code).toBe(EXIT.ok);
    expect(output.stderr.at(-1)).toBe('envgate inventory: 2 prices read from the Price List API, 0 not found (the bundled table is used for those)');
    const s = readSnapshot(snap);
    expect(s.prices).toEqual({
      source: 'aws-price-list-api',
      entries: [
        { service: 'ec2', region: PARIS, item: 't3.micro', usdPerHour: 0.0118, asOf: '2026-01-01' },
        { service: 'rds', region: PARIS, engine: 'postgres', item: 'db.t3.micro', usdPerHour: 0.022, asOf: '2026-01-01' },
      ],
      missing: [],
    });
    expect(s.metadata.apiCalls['pricing:GetProducts']).toBe(2);

    const out = join(dir, 'out');
    const scan = await main(['scan', '--spec', specFile, '--snapshot', snap, '--format', 'json', '--out', out], env(), memoryOutput());
    expect(scan).toBe(EXIT.ok); // cost-ceiling is medium, under the default fail-on
    const report = JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as {
      results: { ruleId: string; status: string; message: string }[];
      costs: { environment: string; breakdown: { item: string; monthlyUsd: number; price?: object }[] }[];
    };
    const ceiling = report.results.find((r) => r.ruleId === 'cost-ceiling')!;
    expect(ceiling.status).toBe('fail');
    expect(ceiling.message).toMatch(/^Environment production: estimated \$49\.34\/month \(lower bound\) exceeds the ceiling of \$10\.00\/month/);
    const lines = report.costs.find((c) => c.environment === 'production')!.breakdown.filter((l) => l.item.startsWith('EC2') || l.item.startsWith('RDS'));
    const api = { region: PARIS, asOf: '2026-01-01', source: 'aws-price-list-api' };
    // 730 h x $0.022 x 2 (Multi-AZ) = 32.12; 730 h x $0.0118 = 8.61 each.
    expect(lines.map((l) => [l.item, l.monthlyUsd, l.price])).toEqual([
      ['RDS db.t3.micro postgres Multi-AZ', 32.12, api],
      ['EC2 t3.micro', 8.61, api],
      ['EC2 t3.micro', 8.61, api],
    ]);
  });

  it('reads no prices with --no-prices, nor with --endpoint alone', async () => {
    for (const extra of [['--no-prices', '--pricing-endpoint', pricing.endpoint], []]) {
      const snap = join(dir, `none-${extra.length}.json`);
      const output = memoryOutput();
      const before = pricing.requests.length;
      expect(await main(['inventory', '--spec', specFile, '--out', snap, '--endpoint', moto.endpoint, ...extra], env(), output)).toBe(EXIT.ok);
      expect(readSnapshot(snap).prices).toBeUndefined();
      expect(pricing.requests.length).toBe(before);
      if (extra.length === 0) expect(output.stderr[0]).toBe('envgate inventory: prices not read (--endpoint without --pricing-endpoint); estimates use the bundled table');
    }
  });

  it('reuses the prices of the cache file while fresh, and writes it back', async () => {
    const cache = join(dir, 'prices.json');
    const args = (out: string, age = '7') => ['inventory', '--spec', specFile, '--out', join(dir, out), '--endpoint', moto.endpoint, '--pricing-endpoint', pricing.endpoint, '--price-cache', cache, '--price-cache-max-age', age];
    const first = pricing.requests.length;
    expect(await main(args('c1.json'), env(), memoryOutput())).toBe(EXIT.ok);
    expect(pricing.requests.length).toBe(first + 2);
    expect(JSON.parse(readFileSync(cache, 'utf8'))).toEqual({ source: 'aws-price-list-api', entries: readSnapshot(join(dir, 'c1.json')).prices!.entries, missing: [] });
    expect(await main(args('c2.json'), env(), memoryOutput())).toBe(EXIT.ok);
    expect(pricing.requests.length).toBe(first + 2);
    expect(readSnapshot(join(dir, 'c2.json')).prices).toEqual(readSnapshot(join(dir, 'c1.json')).prices);
    const bad = memoryOutput();
    expect(await main(args('c3.json', '-1'), env(), bad)).toBe(EXIT.input);
    expect(bad.stderr.join('\n')).toContain('--price-cache-max-age -1 is not a whole number of days (0 or more)');
  });
});
