// Collection over worker threads (`inventory --workers`): the accounts dealt out to
// threads, the parts merged, give byte for byte the snapshot one thread collects; the
// progress lines of every thread reach the console; bad values exit 2 before any call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { runCliAsync } from '../helpers/cli.js';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { motoClientConfig, startMoto, type Moto, stubFakeAwsEnv, withAccount } from '../helpers/moto.js';
import { startPricingServer } from '../helpers/pricing-server.js';
import { PROD, seedTwoAccountShards, STAGING, twoAccountSpec } from './spec-fixture.js';

const ENV = { SOURCE_DATE_EPOCH: '1767225600' };

describe('inventory --workers', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;
  const run = async (argv: string[]) => {
    const output = memoryOutput({ progress: argv.includes('--progress') });
    const code = await main(argv, { ...process.env, ...ENV }, output);
    return { code, output };
  };
  const inventory = (out: string, ...extra: string[]) => run(['inventory', '--spec', specFile, '--out', join(dir, out), '--endpoint', moto.endpoint, ...extra]);

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seedTwoAccountShards(moto);
    dir = mkdtempSync(join(tmpdir(), 'envgate-workers-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(twoAccountSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('two threads write the same bytes as one, and every part is reported', async () => {
    const one = await inventory('one.json', '--workers', '1');
    const two = await inventory('two.json', '--workers', '2', '--total-concurrency', '3', '--progress');
    expect([one.code, two.code]).toEqual([EXIT.ok, EXIT.ok]);
    const a = readFileSync(join(dir, 'one.json'), 'utf8');
    const b = readFileSync(join(dir, 'two.json'), 'utf8');
    expect(JSON.parse(b).metadata.accounts).toEqual([STAGING, PROD].sort());
    expect(b).toBe(a);
    // Each account's global part and two regions, from both threads (order: as they finish).
    expect(two.output.stderr.filter((l) => l.startsWith('[')).map((l) => l.replace(/^\[\d+\/\d+\] /, '')).sort()).toEqual(
      [
        `collected ${PROD} (production) eu-west-1: 0 error(s)`,
        `collected ${PROD} (production) global services: 0 error(s)`,
        `collected ${PROD} (production) us-east-1: 0 error(s)`,
        `collected ${STAGING} (staging) eu-west-1: 0 error(s)`,
        `collected ${STAGING} (staging) global services: 0 error(s)`,
        `collected ${STAGING} (staging) us-east-1: 0 error(s)`,
      ].sort(),
    );
  }, 180_000); // two whole collections of moto, one with --total-concurrency 3

  it('the compiled CLI collects in its worker threads too (dist/collect/collect-worker.js)', async () => {
    expect((await inventory('one-again.json', '--workers', '1')).code).toBe(EXIT.ok);
    const r = await runCliAsync(['inventory', '--spec', specFile, '--out', join(dir, 'dist-two.json'), '--endpoint', moto.endpoint, '--workers', '2'], {
      env: { ...ENV, AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' },
    });
    expect(r.stderr).not.toContain('collection worker');
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'dist-two.json'), 'utf8')).toBe(readFileSync(join(dir, 'one-again.json'), 'utf8'));
  });

  it('asks the Config aggregator and the Price List API once, whatever the threads: the same bytes as one thread', async () => {
    // Both accounts run t3.micro instances, so each thread alone would ask its price.
    for (const account of [PROD, STAGING]) {
      const ec2 = withAccount(new EC2Client(motoClientConfig(moto, { region: 'us-east-1' })), account);
      await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
    }
    const pricing = await startPricingServer([
      {
        serviceCode: 'AmazonEC2',
        sku: 'IAD1',
        usd: '0.0104000000',
        attributes: { productFamily: 'Compute Instance', regionCode: 'us-east-1', instanceType: 't3.micro', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' },
      },
    ]);
    try {
      // moto answers SelectAggregateResourceConfig with HTTP 500: each thread's own query would be counted and retried.
      const spec = { ...twoAccountSpec(), collection: { configAggregator: { name: 'org', region: 'us-east-1' } } };
      const aggSpec = join(dir, 'aggregator.yaml');
      writeFileSync(aggSpec, stringify(spec));
      const collectWith = (out: string, workers: string) =>
        run(['inventory', '--spec', aggSpec, '--out', join(dir, out), '--endpoint', moto.endpoint, '--pricing-endpoint', pricing.endpoint, '--workers', workers]);
      expect((await collectWith('agg-one.json', '1')).code).toBe(EXIT.incomplete);
      expect(pricing.requests.length).toBe(1);
      expect((await collectWith('agg-two.json', '2')).code).toBe(EXIT.incomplete);
      expect(pricing.requests.length).toBe(2);
      const one = readFileSync(join(dir, 'agg-one.json'), 'utf8');
      const snap = JSON.parse(one) as { metadata: { apiCalls: Record<string, number> }; prices: { entries: { item: string; usdPerHour: number }[] }; errors: { operation: string }[] };
      expect(snap.metadata.apiCalls['config:SelectAggregateResourceConfig']).toBe(4);
      expect(snap.metadata.apiCalls['pricing:GetProducts']).toBe(1);
      expect(snap.prices.entries.map((e) => `${e.item} ${e.usdPerHour}`)).toEqual(['t3.micro 0.0104']);
      expect(snap.errors.filter((e) => e.operation === 'SelectAggregateResourceConfig')).toHaveLength(1);
      expect(readFileSync(join(dir, 'agg-two.json'), 'utf8')).toBe(one);
    } finally {
      await pricing.close();
    }
  }, 180_000);

  it('refuses bad values before any call, naming the option', async () => {
    for (const [opt, value, message] of [
      ['--workers', '0', 'envgate: --workers 0 is neither auto nor a whole number of at least 1'],
      ['--workers', 'many', 'envgate: --workers many is neither auto nor a whole number of at least 1'],
      ['--total-concurrency', '0', 'envgate: --total-concurrency 0 is not a whole number of at least 1'],
    ] as const) {
      const r = await inventory('bad.json', opt, value);
      expect(r.code, `${opt} ${value}`).toBe(EXIT.input);
      expect(r.output.stderr[0]).toBe(message);
    }
  });
});
