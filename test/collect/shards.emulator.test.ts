// An organisation collected as a CI matrix would: one `inventory` per account and region
// (--global auto), merged, scans exactly as one unsharded inventory does; IAM is collected
// once per account, in the shard holding its home region; a shard without it, scanned
// alone, reads IAM as not-evaluated, never as a pass.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { startMoto, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';
import { PROD, seedTwoAccountShards, STAGING, twoAccountSpec } from './spec-fixture.js';

const ENV = { SOURCE_DATE_EPOCH: '1767225600' };
// twoAccountSpec lists eu-west-1 and us-east-1 for both accounts: eu-west-1 is the home region.
const SHARDS = [`${PROD}/eu-west-1`, `${PROD}/us-east-1`, `${STAGING}/eu-west-1`, `${STAGING}/us-east-1`];
const iamCalls = (s: Snapshot) =>
  Object.entries(s.metadata.apiCalls)
    .filter(([op]) => op.startsWith('iam:'))
    .reduce((n, [, c]) => n + c, 0);

interface JsonOut {
  results: { ruleId: string; status: string; reason?: string; resource: { arn: string; type: string; accountId: string } }[];
  summary: unknown;
  accessMatrix: unknown;
  costs: unknown;
  run: { collectionErrors: unknown[] };
}

describe('account x region shards', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;
  const run = async (argv: string[]) => {
    const output = memoryOutput({ progress: argv.includes('--progress') });
    const code = await main(argv, { ...process.env, ...ENV }, output);
    return { code, output };
  };
  const inventory = (out: string, ...extra: string[]) => run(['inventory', '--spec', specFile, '--out', out, '--endpoint', moto.endpoint, ...extra]);
  const scan = async (snapshot: string, out: string): Promise<JsonOut> => {
    await run(['scan', '--spec', specFile, '--snapshot', snapshot, '--out', out, '--format', 'json', '--fail-on', 'none']);
    return JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as JsonOut;
  };
  const shardFile = (shard: string) => join(dir, `shard-${shard.replace('/', '-')}.json`);

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seedTwoAccountShards(moto);
    dir = mkdtempSync(join(tmpdir(), 'envgate-shards-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(twoAccountSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
    expect((await inventory(join(dir, 'whole.json'))).code).toBe(EXIT.ok);
    for (const shard of SHARDS) {
      const [account, region] = shard.split('/') as [string, string];
      const r = await inventory(shardFile(shard), '--account', account, '--region', region);
      expect(r.code).toBe(EXIT.ok);
    }
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('collects IAM once per account, in the home-region shard, and marks the others', () => {
    const shards = SHARDS.map((s) => readSnapshot(shardFile(s)));
    expect(shards.map((s) => iamCalls(s) > 0)).toEqual([true, false, true, false]);
    expect(shards.map(iamCalls).reduce((a, b) => a + b, 0)).toBe(iamCalls(readSnapshot(join(dir, 'whole.json'))));
    expect(shards.map((s) => s.metadata.accounts)).toEqual([[PROD], [PROD], [STAGING], [STAGING]]);
    const markers = shards.map((s) => s.errors.filter((e) => e.code === 'NotCollectedInShard').map((e) => `${e.accountId}/${e.region} ${e.service}:${e.operation}: ${e.message}`));
    expect(markers).toEqual([
      [],
      [`${PROD}/global envgate:shard: global services not collected in this shard (--global)`],
      [],
      [`${STAGING}/global envgate:shard: global services not collected in this shard (--global)`],
    ]);
    expect(shards[1]!.errors.find((e) => e.code === 'NotCollectedInShard')!.affects).toEqual([
      'AWS::CloudFront::Distribution',
      'AWS::CloudWatch::Dashboard',
      'AWS::IAM::Group',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Role',
      'AWS::IAM::User',
      'AWS::Route53::HostedZone',
      'AWS::Route53::RecordSet',
      'AWS::Shield::Protection',
      'cloudfront',
      'cloudwatch',
      'iam',
      'route53',
      'route53-records',
      'shield',
    ]);
  });

  it('says on the console that a shard left its global services to another, and exits 0', async () => {
    const r = await inventory(join(dir, 'again.json'), '--account', PROD, '--region', 'us-east-1', '--progress');
    expect(r.code).toBe(EXIT.ok);
    // One part only: the region; the global services are not counted as a part of this shard.
    expect(r.output.stderr.filter((l) => l.startsWith('['))).toEqual([`[1/1] collected ${PROD} (production) us-east-1: 0 error(s)`]);
    expect(r.output.stderr).toContain(`envgate inventory: global services of ${PROD} left to another shard (--global); merge this snapshot with it before scanning`);
  });

  it('the merge of the shards scans exactly as the unsharded inventory', async () => {
    const merged = join(dir, 'merged');
    expect((await run(['merge', ...SHARDS.map(shardFile), '--out', merged])).code).toBe(EXIT.ok);
    const snap = readSnapshot(join(merged, 'snapshot.json'));
    expect(snap.errors.filter((e) => e.code === 'NotCollectedInShard')).toEqual([]);
    const whole = await scan(join(dir, 'whole.json'), join(dir, 'out-whole'));
    const union = await scan(join(merged, 'snapshot.json'), join(dir, 'out-union'));
    expect(whole.results.filter((r) => r.ruleId === 'isolation-iam-grants').map((r) => `${r.ruleId} ${r.resource.arn} ${r.status}`)).toEqual([
      `isolation-iam-grants arn:aws:iam::${PROD}:policy/production-data pass`,
      `isolation-iam-grants arn:aws:iam::${PROD}:role/production-app pass`,
      `isolation-iam-grants arn:aws:iam::${STAGING}:policy/staging-data pass`,
      `isolation-iam-grants arn:aws:iam::${STAGING}:role/staging-app pass`,
    ]);
    expect(union.results).toEqual(whole.results);
    expect(union.summary).toEqual(whole.summary);
    expect(union.accessMatrix).toEqual(whole.accessMatrix);
    expect(union.costs).toEqual(whole.costs);
    expect(union.run.collectionErrors).toEqual(whole.run.collectionErrors);
  });

  it('a region shard without the home region, scanned alone, gives not-evaluated for IAM checks', async () => {
    const alone = await scan(shardFile(`${PROD}/us-east-1`), join(dir, 'out-alone'));
    const iam = alone.results.filter((r) => r.resource.type.startsWith('AWS::IAM::'));
    // Every IAM result of the shard, of nine rules, is not-evaluated: none a pass.
    expect([...new Set(iam.map((r) => r.ruleId))].sort()).toEqual([
      'access-matrix',
      'attribution-conflict',
      'attribution-missing',
      'iam-user-mfa',
      'isolation-iam-grants',
      'isolation-shared-resources',
      'naming-convention',
      'required-resource-types',
      'required-tags',
    ]);
    expect(iam.map((r) => `${r.resource.accountId} ${r.status}: ${r.reason}`)).toEqual(Array<string>(31).fill(`${PROD} not-evaluated: global services not collected in this shard (--global): account ${PROD}`));
    expect(iam.filter((r) => r.ruleId === 'isolation-iam-grants').map((r) => `${r.ruleId} ${r.resource.type} ${r.status}: ${r.reason}`)).toEqual(
      ['AWS::IAM::Group', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User'].map(
        (t) => `isolation-iam-grants ${t} not-evaluated: global services not collected in this shard (--global): account ${PROD}`,
      ),
    );
  });

  it('merge keeps the marker when no shard collected the global part', async () => {
    const merged = join(dir, 'merged-regional');
    const r = await run(['merge', shardFile(`${PROD}/us-east-1`), shardFile(`${STAGING}/us-east-1`), '--out', merged]);
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.output.stderr).toContain(`envgate merge: no shard collected the global services of ${STAGING}, ${PROD} (--global); checks of them will be not evaluated`);
    const snap = readSnapshot(join(merged, 'snapshot.json'));
    expect(snap.errors.filter((e) => e.code === 'NotCollectedInShard').map((e) => e.accountId)).toEqual([STAGING, PROD]);
  });
});
