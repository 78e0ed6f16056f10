// Collection against the AWS emulator (moto): two accounts (the second reached through
// AssumeRole, as in production), two regions, >250 resources with small page sizes so
// every paginator turns pages, tagged and untagged resources, encoded and plain policies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { OPERATIONS } from '../../src/collect/operations.js';
import { parseSnapshot, serializeSnapshot } from '../../src/collect/snapshot-io.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { seedAccountRegion, type Seeded } from '../helpers/seed-aws.js';
import { fakeCredentials, PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

describe('collect against moto', () => {
  let moto: Moto;
  let seeds: { account: string; region: string; seed: Seeded }[];
  let snap: Snapshot;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await moto.seed(7);
    seeds = [];
    const plan = [
      { accountId: PROD, region: 'us-east-1', env: 'production', queues: 110, untaggedQueues: 6, topics: 12, logGroups: 14, tables: 6, buckets: 4, network: true, globals: true },
      { accountId: PROD, region: 'eu-west-1', env: 'production', queues: 20, untaggedQueues: 3, logGroups: 8, buckets: 3 },
      { accountId: STAGING, region: 'us-east-1', env: 'staging', queues: 30, untaggedQueues: 3, topics: 6, tables: 4, buckets: 2, network: true, globals: true },
      { accountId: STAGING, region: 'eu-west-1', env: 'staging', queues: 12, logGroups: 6 },
    ];
    for (const p of plan) seeds.push({ account: p.accountId, region: p.region, seed: await seedAccountRegion(moto, p) });
    snap = await collect(twoAccountSpec(), { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 5 });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const find = (type: string, id: string, account: string): Resource | undefined =>
    snap.resources.find((r) => r.type === type && r.accountId === account && (r.id === id || r.name === id || r.id.endsWith(`/${id}`) || r.arn.endsWith(`/${id}`)));

  it('holds every seeded resource, tagged or not, in its account and region', () => {
    let total = 0;
    for (const { account, region, seed } of seeds) {
      for (const [type, ids] of Object.entries(seed.byType)) {
        for (const id of ids) {
          total++;
          const r = find(type, id, account);
          expect(r, `${type} ${id} in ${account}`).toBeDefined();
          if (!type.startsWith('AWS::IAM::') && type !== 'AWS::Route53::HostedZone') expect(r!.region).toBe(region);
        }
      }
    }
    expect(total).toBeGreaterThan(250);
    expect(snap.errors).toEqual([]);
    expect(snap.metadata.accounts).toEqual([STAGING, PROD].sort());
  });

  it('takes tags from the Tagging API and keeps never-tagged resources with no tags', () => {
    const tagged = find('AWS::SQS::Queue', 'production-us-east-1-q0', PROD)!;
    expect(tagged.tags).toEqual({ env: 'production' });
    const untagged = find('AWS::SQS::Queue', 'production-us-east-1-untagged0', PROD)!;
    expect(untagged.tags).toEqual({});
  });

  it('attributes S3 buckets to their own region once, with their configuration', () => {
    const buckets = snap.resources.filter((r) => r.type === 'AWS::S3::Bucket');
    expect(new Set(buckets.map((b) => b.arn)).size).toBe(buckets.length);
    const eu = buckets.filter((b) => b.id.includes('eu-west-1'));
    expect(eu.length).toBeGreaterThan(0);
    for (const b of eu) expect(b.region).toBe('eu-west-1');
    const prodSeed = seeds[0]!.seed.ids;
    const data = find('AWS::S3::Bucket', prodSeed.dataBucket!, PROD)!;
    // moto answers ListBucketIntelligentTieringConfigurations as an object listing: no configurations.
    expect(data.config.intelligentTiering).toEqual({ enabled: false, ids: [] });
    expect(data.config).toMatchObject({ versioning: 'Enabled', tlsOnly: true, logging: { enabled: true, targetBucket: prodSeed.logsBucket }, encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: prodSeed.keyArn, customerManagedKey: true } });
    expect(data.relations).toEqual(
      expect.arrayContaining([
        { kind: 'logs-to', target: `arn:aws:s3:::${prodSeed.logsBucket}` },
        { kind: 'kms-key', target: prodSeed.keyArn },
      ]),
    );
  });

  it('records the network and compute relations', () => {
    const ids = seeds[0]!.seed.ids;
    const ec2 = (kind: string, id: string) => `arn:aws:ec2:us-east-1:${PROD}:${kind}/${id}`;
    const inst = find('AWS::EC2::Instance', ids.instanceId!, PROD)!;
    const kinds = inst.relations.map((r) => r.kind);
    expect(inst.relations).toEqual(expect.arrayContaining([{ kind: 'subnet', target: ec2('subnet', ids.subnetId!) }, { kind: 'vpc', target: ec2('vpc', ids.vpcId!) }, { kind: 'security-group', target: ec2('security-group', ids.sgApp!) }]));
    expect(kinds).toContain('volume');
    // The instance runs as the role of its instance profile (joined from IAM after every source).
    expect(inst.relations).toContainEqual({ kind: 'instance-profile-role', target: ids.roleArn });
    const other = snap.resources.find((r) => r.type === 'AWS::EC2::Instance' && r.accountId === PROD && r.arn !== inst.arn)!;
    expect(other.relations.map((r) => r.kind)).not.toContain('instance-profile-role');
    const subnet = find('AWS::EC2::Subnet', ids.subnetId!, PROD)!;
    expect(subnet.relations).toContainEqual({ kind: 'vpc', target: ec2('vpc', ids.vpcId!) });
    const sg = find('AWS::EC2::SecurityGroup', ids.sgApp!, PROD)!;
    expect(sg.relations).toEqual(expect.arrayContaining([{ kind: 'ingress-cidr', target: 'cidr:0.0.0.0/0' }, { kind: 'ingress-security-group', target: ec2('security-group', ids.sgLb!) }]));
    const lb = snap.resources.find((r) => r.arn === ids.lbArn)!;
    expect(lb.relations.filter((r) => r.kind === 'subnet')).toHaveLength(2);
    expect(lb.config).toMatchObject({ lbType: 'application', scheme: 'internet-facing', listeners: [{ port: 80, protocol: 'HTTP', redirectsToHttps: true }] });
    const queue = find('AWS::SQS::Queue', ids.encryptedQueue!, PROD)!;
    expect(queue.relations).toContainEqual({ kind: 'kms-key', target: ids.keyArn });
    const alarm = snap.resources.find((r) => r.type === 'AWS::CloudWatch::Alarm' && r.accountId === PROD)!;
    expect(alarm.relations).toContainEqual({ kind: 'monitors', target: queue.arn });
    const db = find('AWS::RDS::DBInstance', 'production-us-east-1-db', PROD)!;
    expect(db.config).toMatchObject({ engine: 'postgres', multiAz: true, encryption: { enabled: true } });
  });

  it('decodes URL-encoded inline and plain managed policy documents and records grants', () => {
    const role = snap.principals.find((p) => p.arn === `arn:aws:iam::${STAGING}:role/staging-app`)!;
    expect(role.inlinePolicies[0]!.document.Statement).toEqual([{ Effect: 'Allow', Action: ['sqs:ReceiveMessage'], Resource: `arn:aws:sqs:*:${STAGING}:staging-*` }]);
    expect(role.trustPolicy?.Statement).toBeDefined();
    expect(role.attachedPolicies).toEqual([`arn:aws:iam::${STAGING}:policy/staging-data`]);
    const managed = snap.policies.find((p) => p.arn === `arn:aws:iam::${STAGING}:policy/staging-data`)!;
    expect(managed.document.Statement).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::staging-*/*' }]);
    const roleRes = snap.resources.find((r) => r.arn === role.arn)!;
    expect(roleRes.relations).toEqual([
      { kind: 'grants', target: 'arn:aws:s3:::staging-*/*' },
      { kind: 'grants', target: `arn:aws:sqs:*:${STAGING}:staging-*` },
    ]);
  });

  it('turns pages on every paginated list and counts every call by operation', () => {
    const accountRegions = 4;
    // moto 5.2.1 honours page sizes for these; it ignores them for SQS ListQueues, SNS
    // ListTopics, S3 ListBuckets, IAM authorization details and the EC2 describes, whose
    // paging is tested with recorded responses in paging.mock.test.ts.
    const paged = Object.keys(snap.metadata.apiCalls).filter((k) => (snap.metadata.apiCalls[k] ?? 0) > accountRegions);
    expect(paged).toEqual(expect.arrayContaining(['tagging:GetResources', 'logs:DescribeLogGroups', 'dynamodb:ListTables']));
    const registered = new Set(OPERATIONS.map((o) => `${o.service}:${o.operation}`));
    for (const key of Object.keys(snap.metadata.apiCalls)) expect(registered.has(key), key).toBe(true);
    // The second account was reached through AssumeRole (once, then cached).
    expect(snap.metadata.apiCalls['sts:AssumeRole']).toBe(1);
    expect(snap.metadata.apiCalls['iam:GetAccountAuthorizationDetails']).toBeGreaterThanOrEqual(2);
  });

  it('replays: read back equals written, and a second collection gives identical bytes', async () => {
    const text = serializeSnapshot(snap);
    const back = parseSnapshot(text, 'snap.json');
    expect(back).toEqual(JSON.parse(text));
    expect(serializeSnapshot(back)).toBe(text);
    const again = await collect(twoAccountSpec(), { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 5 });
    expect(serializeSnapshot(again)).toBe(text);
  });

  it('collects actual spend grouped by the environment tag when the spec asks for it', async () => {
    const month = (env: string, amount: string) => ({ Keys: [`env$${env}`], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } });
    const result = (groups: unknown[]) => ({ ResultsByTime: [{ TimePeriod: { Start: '2025-12-01', End: '2026-01-01' }, Groups: groups, Estimated: false }], DimensionValueAttributes: [] });
    await moto.queueCostAndUsage([result([month('production', '812.346'), month('', '3.1')])], PROD);
    await moto.queueCostAndUsage([result([month('staging', '120')])], STAGING);
    const costs = await collect(twoAccountSpec({ costs: true }), { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, regions: ['us-east-1'], concurrency: 1 });
    expect(costs.metadata.apiCalls['ce:GetCostAndUsage']).toBe(2);
    const amounts = costs.costs.map((c) => [c.tagValue, c.amountUsd, c.periodStart, c.periodEnd]).sort();
    expect(amounts).toEqual([
      ['', 3.1, '2025-12-01', '2026-01-01'],
      ['production', 812.35, '2025-12-01', '2026-01-01'],
      ['staging', 120, '2025-12-01', '2026-01-01'],
    ]);
    expect(costs.errors).toEqual([]);
  });
});
