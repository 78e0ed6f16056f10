// Spill mode (`inventory --spill-dir`): each account's records are written to a part file
// as the account is done and dropped, and the parts are merged into the snapshot file.
// Against moto, a three-account estate (a queue of one account encrypted with another
// account's key, instances running as their account's roles) spilled one account at a
// time, or over worker threads, gives byte for byte the snapshot collected in memory, and
// leaves nothing in the spill directory. Collection holds at most the accounts in flight.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { runCliAsync } from '../helpers/cli.js';
import { collect, collectSpilled, type FinishedPart } from '../../src/collect/index.js';
import { collectToFile } from '../../src/collect/spill.js';
import { readSnapshot, serializeSnapshot } from '../../src/collect/snapshot-io.js';
import { mergeSnapshotFiles } from '../../src/gate/merge-snapshots.js';
import type { Spec } from '../../src/model/spec.js';
import { motoClientConfig, startMoto, stubFakeAwsEnv, withAccount, type Moto } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';
import { fakeCredentials, PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

const ENV = { SOURCE_DATE_EPOCH: '1767225600' };
const DEV = '222222222222';

function threeAccountSpec(): Spec {
  const spec = twoAccountSpec();
  spec.environments.dev = { ...spec.environments.staging!, accounts: [{ id: DEV, roleArn: `arn:aws:iam::${DEV}:role/envgate-read` }] };
  return spec;
}

describe('inventory --spill-dir', () => {
  let moto: Moto;
  let dir: string;
  let spill: string;
  let specFile: string;
  let prodKey: string;
  let wholeLines: string[];
  const run = async (argv: string[]) => {
    const output = memoryOutput();
    const code = await main(argv, { ...process.env, ...ENV }, output);
    return { code, output };
  };
  const inventory = (out: string, ...extra: string[]) => run(['inventory', '--spec', specFile, '--out', join(dir, out), '--endpoint', moto.endpoint, ...extra]);
  const text = (out: string) => readFileSync(join(dir, out), 'utf8');

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const prod = await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 2, tables: 1, buckets: 2, network: true, globals: true });
    prodKey = prod.ids.keyArn!;
    await seedAccountRegion(moto, { accountId: PROD, region: 'eu-west-1', env: 'production', queues: 1 });
    await seedAccountRegion(moto, { accountId: STAGING, region: 'eu-west-1', env: 'staging', queues: 2, buckets: 1, network: true, globals: true });
    await seedAccountRegion(moto, { accountId: DEV, region: 'us-east-1', env: 'dev', queues: 1, buckets: 1, globals: true });
    // Another account's key: only the merge of the parts can tell its owner.
    const sqs = withAccount(new SQSClient(motoClientConfig(moto, { region: 'us-east-1' })), STAGING);
    await sqs.send(new CreateQueueCommand({ QueueName: 'staging-orders', Attributes: { KmsMasterKeyId: prodKey }, tags: { env: 'staging' } }));
    dir = mkdtempSync(join(tmpdir(), 'envgate-spill-test-'));
    spill = join(dir, 'spill');
    mkdirSync(spill);
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(threeAccountSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
    const whole = await inventory('whole.json', '--workers', '1');
    expect(whole.code).toBe(EXIT.ok);
    wholeLines = whole.output.stderr;
  }, 240_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('one account at a time writes the bytes collected in memory, links across accounts, and leaves the spill directory empty', async () => {
    const r = await inventory('spilled-1.json', '--workers', '1', '--spill-dir', spill, '--accounts-in-flight', '1');
    expect(r.code).toBe(EXIT.ok);
    expect(text('spilled-1.json')).toBe(text('whole.json'));
    expect(readdirSync(spill)).toEqual([]);
    const snap = readSnapshot(join(dir, 'spilled-1.json'));
    expect(snap.metadata.accounts).toEqual([STAGING, PROD, DEV].sort());
    expect(snap.resources.find((x) => x.arn === `arn:aws:sqs:us-east-1:${STAGING}:staging-orders`)!.config.encryption).toEqual({
      algorithm: 'aws:kms',
      enabled: true,
      kmsKeyArn: prodKey,
      customerManagedKey: true,
    });
    // The summary counts what the merged file holds, as the summary of the collection in memory does.
    expect(r.output.stderr.map((l) => l.replace('spilled-1.json', 'whole.json'))).toEqual(wholeLines);
    expect(r.output.stderr.some((l) => l.startsWith(`envgate inventory: ${snap.resources.length} resources, ${snap.principals.length} principals in 3 accounts and 2 regions (`))).toBe(true);
  }, 120_000);

  it('over worker threads, with the default and with fewer accounts in flight than threads, the same bytes', async () => {
    expect((await inventory('spilled-2.json', '--workers', '2', '--spill-dir', spill)).code).toBe(EXIT.ok);
    expect(text('spilled-2.json')).toBe(text('whole.json'));
    expect((await inventory('spilled-3.json', '--workers', '3', '--spill-dir', spill, '--accounts-in-flight', '2')).code).toBe(EXIT.ok);
    expect(text('spilled-3.json')).toBe(text('whole.json'));
    // The compiled CLI's threads (dist/collect/collect-worker.js) write their parts too.
    const r = await runCliAsync(['inventory', '--spec', specFile, '--out', join(dir, 'dist-spilled.json'), '--endpoint', moto.endpoint, '--workers', '2', '--spill-dir', spill], {
      env: { ...ENV, AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' },
    });
    expect(r.code).toBe(EXIT.ok);
    expect(text('dist-spilled.json')).toBe(text('whole.json'));
    expect(readdirSync(spill)).toEqual([]);
  }, 240_000);

  it('a shard that leaves the global services keeps its shard markers', async () => {
    expect((await inventory('east.json', '--workers', '1', '--region', 'us-east-1')).code).toBe(EXIT.ok);
    expect((await inventory('east-spilled.json', '--workers', '1', '--region', 'us-east-1', '--spill-dir', spill, '--accounts-in-flight', '1')).code).toBe(EXIT.ok);
    expect(text('east-spilled.json')).toBe(text('east.json'));
    const markers = readSnapshot(join(dir, 'east-spilled.json')).errors.filter((e) => e.code === 'NotCollectedInShard');
    expect(markers.map((e) => e.accountId)).toEqual([STAGING, PROD, DEV].sort());
    // Over threads too, spilled or not: the main thread's part must not claim the accounts' global services.
    expect((await inventory('east-threads.json', '--workers', '2', '--region', 'us-east-1')).code).toBe(EXIT.ok);
    expect(text('east-threads.json')).toBe(text('east.json'));
    expect((await inventory('east-threads-spilled.json', '--workers', '2', '--region', 'us-east-1', '--spill-dir', spill)).code).toBe(EXIT.ok);
    expect(text('east-threads-spilled.json')).toBe(text('east.json'));
  }, 240_000);

  it('collectSpilled writes one part per account and the rest; at most one account is held at a time', async () => {
    const spec = threeAccountSpec();
    const now = new Date(Date.UTC(2026, 0, 15));
    let held = 0;
    let heldInMemory = 0;
    const base = { now, endpoint: moto.endpoint, credentials: fakeCredentials };
    const inMemory = await collect(spec, { ...base, onProgress: (p) => (heldInMemory = Math.max(heldInMemory, p.resources)) });
    const parts = mkdtempSync(join(dir, 'parts-'));
    const spilled = await collectSpilled(spec, { ...base, accountsInFlight: 1, onProgress: (p) => (held = Math.max(held, p.resources)) }, parts);
    expect(spilled.files.map((f) => f.slice(parts.length + 1))).toEqual([`account-${STAGING}.json`, `account-${PROD}.json`, `account-${DEV}.json`, 'rest-0.json'].sort());
    const perAccount = spilled.files.slice(0, 3).map((f) => readSnapshot(f));
    for (const [i, account] of [STAGING, PROD, DEV].sort().entries()) {
      expect([...new Set(perAccount[i]!.resources.map((r) => r.accountId))]).toEqual([account]);
      expect([...new Set(perAccount[i]!.principals.map((p) => p.accountId))]).toEqual([account]);
    }
    expect(readSnapshot(spilled.files[3]!).resources).toEqual([]);
    const sizes = perAccount.map((p) => p.resources.length);
    expect(sizes.reduce((a, b) => a + b)).toBe(inMemory.resources.length);
    // In memory every account's records are held at the end; spilled, never more than the largest account's.
    expect(heldInMemory).toBeGreaterThan(Math.max(...sizes));
    expect(held).toBeLessThanOrEqual(Math.max(...sizes));
    const out = join(dir, 'merged-parts.json');
    await mergeSnapshotFiles(spilled.files, out);
    expect(readFileSync(out, 'utf8')).toBe(serializeSnapshot(inMemory));
  }, 120_000);

  it('without spill mode, --accounts-in-flight only paces: one account after another, the same snapshot', async () => {
    const spec = threeAccountSpec();
    const base = { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials };
    const order: string[] = [];
    const paced = await collect(spec, { ...base, accountsInFlight: 1, onFinished: (p) => order.push(p.accountId) });
    // Each account's global part and two regions, the accounts never interleaved.
    const runs = order.filter((a, i) => i === 0 || order[i - 1] !== a);
    expect(runs).toHaveLength(3);
    expect([...runs].sort()).toEqual([STAGING, PROD, DEV].sort());
    expect(order).toHaveLength(9);
    expect(serializeSnapshot(paced)).toBe(serializeSnapshot(await collect(spec, base)));
  }, 120_000);

  it('a collection that fails after an account was written starts no other account and leaves no spill directory', async () => {
    const parent = mkdtempSync(join(dir, 'failing-'));
    let first: string | undefined;
    let seen: string[] = [];
    const started = new Set<string>();
    const onFinished = (part: FinishedPart) => {
      started.add(part.accountId);
      first ??= part.accountId;
      if (part.accountId === first) return;
      // One account in flight: the first is done and written before the second starts.
      seen = readdirSync(parent).flatMap((d) => readdirSync(join(parent, d)));
      throw new Error('second account failed');
    };
    const options = { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, accountsInFlight: 1, onFinished };
    await expect(collectToFile(threeAccountSpec(), options, 1, join(dir, 'failing.json'), parent)).rejects.toThrow('second account failed');
    expect(seen).toEqual([`account-${first}.json`]);
    // The third account is not started after the second failed.
    expect(started.size).toBe(2);
    expect(readdirSync(parent)).toEqual([]);
  }, 120_000);

  it('refuses bad values before any call, naming the option', async () => {
    for (const [opt, value, message] of [
      ['--accounts-in-flight', '0', 'envgate: --accounts-in-flight 0 is not a whole number of at least 1'],
      ['--accounts-in-flight', '1.5', 'envgate: --accounts-in-flight 1.5 is not a whole number of at least 1'],
      ['--spill-dir', '/nonexistent-envgate-dir', 'envgate: --spill-dir /nonexistent-envgate-dir is not a directory'],
      ['--spill-dir', specFile, `envgate: --spill-dir ${specFile} is not a directory`],
    ] as const) {
      const r = await inventory('bad.json', opt, value);
      expect(r.code, `${opt} ${value}`).toBe(EXIT.input);
      expect(r.output.stderr[0]).toBe(message);
    }
  });
});
