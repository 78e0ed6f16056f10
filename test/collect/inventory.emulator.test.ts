// `envgate inventory` end to end against moto, with one service denied by a loopback
// fault proxy: the denial is recorded in the snapshot, the rest is collected, exit 3.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { denyJsonTarget, startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startMoto, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';
import { PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

describe('envgate inventory', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let dir: string;
  let specFile: string;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 8, untaggedQueues: 2, tables: 3, buckets: 2, globals: true });
    await seedAccountRegion(moto, { accountId: STAGING, region: 'eu-west-1', env: 'staging', queues: 4, tables: 2 });
    proxy = await startFaultProxy(moto.endpoint, denyJsonTarget('DynamoDB_20120810.'));
    dir = mkdtempSync(join(tmpdir(), 'envgate-inventory-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(twoAccountSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await proxy?.stop();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records an AccessDenied service, collects the rest, and exits 3', async () => {
    const out = join(dir, 'snapshot.json');
    const output = memoryOutput();
    const code = await main(['inventory', '--spec', specFile, '--out', out, '--endpoint', proxy.endpoint], { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, output);
    expect(code).toBe(EXIT.incomplete);
    expect(proxy.faults).toBeGreaterThan(0);
    const snap = readSnapshot(out);
    const denied = snap.errors.filter((e) => e.service === 'dynamodb');
    expect(denied.length).toBeGreaterThan(0);
    for (const e of denied) {
      expect(e).toMatchObject({ operation: 'ListTables', code: 'AccessDeniedException', affects: ['AWS::DynamoDB::Table'] });
    }
    expect(new Set(denied.map((e) => `${e.accountId}/${e.region}`))).toEqual(new Set([`${PROD}/eu-west-1`, `${PROD}/us-east-1`, `${STAGING}/eu-west-1`, `${STAGING}/us-east-1`]));
    // Everything else was collected: queues of both accounts, untagged ones included.
    const queues = snap.resources.filter((r) => r.type === 'AWS::SQS::Queue');
    expect(queues.filter((q) => q.accountId === PROD)).toHaveLength(10);
    expect(queues.filter((q) => q.accountId === STAGING)).toHaveLength(4);
    // DynamoDB tables are known from the Tagging API, but without their configuration.
    const tables = snap.resources.filter((r) => r.type === 'AWS::DynamoDB::Table');
    expect(tables.length).toBe(5);
    for (const t of tables) expect(t.config).toEqual({});
    expect(snap.metadata.collectedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(output.stderr.join('\n')).toMatch(/dynamodb:ListTables AccessDeniedException/);
  });

  it('writes byte-identical snapshots for the same state', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    await main(['inventory', '--spec', specFile, '--out', a, '--endpoint', moto.endpoint, '--region', 'us-east-1'], env, memoryOutput());
    const code = await main(['inventory', '--spec', specFile, '--out', b, '--endpoint', moto.endpoint, '--region', 'us-east-1'], env, memoryOutput());
    expect(code).toBe(EXIT.ok);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readSnapshot(a).metadata.regions).toEqual(['us-east-1']);
  });
});
