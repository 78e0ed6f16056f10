// AWS Config aggregator against the other two ways of reading an organisation's S3
// buckets (issue 13): the calls each needs, measured through collect() itself on an
// organisation of ACCOUNTS x REGIONS x BUCKETS. moto serves neither Config's advanced
// queries nor aggregators, so every client answers with response shapes from the AWS API
// reference (aws-sdk-client-mock, as test/collect/config.mock.test.ts): nothing leaves
// the process.
//   describes   no recorder: ListBuckets, then six calls per bucket
//   config      each account-region's recorder: SelectResourceConfig, 100 buckets a page
//   aggregator  spec.collection.configAggregator: one SelectAggregateResourceConfig query
// Usage: node --import tsx bench/aggregator.ts [--accounts 50] [--regions 2] [--buckets 100]
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, type Demand } from '../src/collect/index.js';
import type { EnvironmentSpec, Spec } from '../src/model/spec.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} wants a whole number of at least 1`);
  return v;
};
const ACCOUNTS = arg('accounts', 50);
const REGIONS = ['eu-west-1', 'eu-west-3', 'us-east-1', 'us-east-2', 'us-west-2'].slice(0, arg('regions', 2));
const BUCKETS = arg('buckets', 100);
const PAGE = 100;

type Mode = 'describes' | 'config' | 'aggregator';
const accountIds = Array.from({ length: ACCOUNTS }, (_, i) => String(200000000000 + i));
const bucketName = (account: string, region: string, i: number) => `org-${account}-${region}-${i}`;

/** Half the accounts production, half staging, each with its read role; buckets only. */
function orgSpec(mode: Mode): Spec {
  const env = (ids: string[]): EnvironmentSpec => ({
    aliases: [],
    accounts: ids.map((id) => ({ id, roleArn: `arn:aws:iam::${id}:role/envgate-read` })),
    regions: REGIONS,
    attribution: { names: [], namesByType: {}, vpcs: [], accountWide: true },
    naming: {},
  });
  return {
    version: 1,
    system: { name: 'aggregator-bench' },
    attribution: { tagKeys: ['env'] },
    environments: { production: env(accountIds.filter((_, i) => i % 2 === 0)), staging: env(accountIds.filter((_, i) => i % 2 === 1)) },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: { levels: {} as Spec['access']['levels'], matrix: {} },
    parity: [],
    ...(mode === 'aggregator' ? { collection: { configAggregator: { name: 'org', region: 'us-east-1' } } } : {}),
  };
}

/** Every S3 field a check can read: all six bucket calls are made. */
const BUCKET_DEMAND: Demand = { full: false, types: new Map([['AWS::S3::Bucket', '*']]), relations: '*' };

/** One Config item of a bucket (AWS Config API reference: a JSON string per result). */
const configItem = (account: string, region: string, name: string) =>
  JSON.stringify({
    resourceId: name,
    resourceName: name,
    resourceType: 'AWS::S3::Bucket',
    arn: `arn:aws:s3:::${name}`,
    awsRegion: region,
    accountId: account,
    tags: [{ key: 'env', value: 'production' }],
    supplementaryConfiguration: {
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      BucketVersioningConfiguration: { status: 'Enabled' },
      PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    },
  });

/** A page of `all` from the offset in NextToken. */
function page<T>(all: T[], token: string | undefined): { items: T[]; next?: string } {
  const from = Number(token ?? 0);
  const items = all.slice(from, from + PAGE);
  return from + PAGE < all.length ? { items, next: String(from + PAGE) } : { items };
}

/** The account and region a mocked client was made for (credentials carry the account). */
async function whereOf(getClient: () => unknown): Promise<{ account: string; region: string }> {
  const config = (getClient() as { config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> } }).config;
  return { account: (await config.credentials()).accessKeyId, region: await config.region() };
}

/** Every call the mocked clients answered, by service:operation (mocks bypass the SDK's counting middleware). */
type Mocks = ReturnType<typeof mockClient>[];
function callsOf(mocks: Mocks): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of mocks) {
    for (const c of m.calls()) {
      const name = (c.args[0] as object).constructor.name.replace(/Command$/, '');
      out[name] = (out[name] ?? 0) + 1;
    }
  }
  return out;
}

function mockOrganisation(mode: Mode): Mocks {
  const sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => ({
    Credentials: { AccessKeyId: input.RoleArn.split(':')[4], SecretAccessKey: 'bench', SessionToken: 'bench', Expiration: new Date(Date.now() + 3_600_000) },
  }));
  sts.on(GetCallerIdentityCommand).callsFake(async (_input: unknown, getClient: () => unknown) => ({ Account: (await whereOf(getClient)).account }));
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });

  const s3 = mockClient(S3Client);
  s3.on(ListBucketsCommand).callsFake(async (input: { BucketRegion?: string }, getClient: () => unknown) => {
    const { account } = await whereOf(getClient);
    const region = input.BucketRegion ?? 'us-east-1';
    return { Buckets: Array.from({ length: BUCKETS }, (_, i) => ({ Name: bucketName(account, region, i), BucketRegion: region })) };
  });
  s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [] });
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
  s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });

  const config = mockClient(ConfigServiceClient);
  const recording = mode === 'config';
  config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: recording ? [{ name: 'default', recordingGroup: { allSupported: true } }] : [] });
  config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: recording ? [{ name: 'default', recording: true }] : [] });
  config.on(SelectResourceConfigCommand).callsFake(async (input: { NextToken?: string }, getClient: () => unknown) => {
    const { account, region } = await whereOf(getClient);
    const p = page(
      Array.from({ length: BUCKETS }, (_, i) => configItem(account, region, bucketName(account, region, i))),
      input.NextToken,
    );
    return { Results: p.items, ...(p.next ? { NextToken: p.next } : {}) };
  });
  const org = accountIds.flatMap((a) => REGIONS.flatMap((r) => Array.from({ length: BUCKETS }, (_, i) => configItem(a, r, bucketName(a, r, i)))));
  config.on(SelectAggregateResourceConfigCommand).callsFake((input: { NextToken?: string }) => {
    const p = page(org, input.NextToken);
    return { Results: p.items, ...(p.next ? { NextToken: p.next } : {}) };
  });
  return [sts, tagging, s3, config] as Mocks;
}

interface Measured {
  mode: Mode;
  calls: Record<string, number>;
  total: number;
  buckets: number;
  errors: number;
  ms: number;
}

async function measure(mode: Mode): Promise<Measured> {
  const mocks = mockOrganisation(mode);
  try {
    const started = performance.now();
    const snap = await collect(orgSpec(mode), {
      now: new Date('2026-12-02T00:00:00Z'),
      demand: BUCKET_DEMAND,
      maxAttempts: 1,
      endpoint: 'http://127.0.0.1:9',
      credentials: async () => ({ accessKeyId: 'base', secretAccessKey: 'bench' }),
    });
    const ms = performance.now() - started;
    const calls = callsOf(mocks);
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    return { mode, calls, total, buckets: snap.resources.filter((r) => r.type === 'AWS::S3::Bucket').length, errors: snap.errors.length, ms };
  } finally {
    for (const m of mocks) m.restore();
  }
}

/** The calls each mode must make, from its definition (checked against the measurement). */
function expected(mode: Mode): number {
  const units = ACCOUNTS * REGIONS.length;
  const base = ACCOUNTS /* GetCallerIdentity */ + ACCOUNTS /* AssumeRole */ + units /* GetResources */;
  if (mode === 'aggregator') return base + Math.ceil((units * BUCKETS) / PAGE);
  const recorders = 2 * units;
  if (mode === 'config') return base + recorders + units * Math.ceil(BUCKETS / PAGE);
  return base + recorders + units * (1 + 6 * BUCKETS);
}

const results: Measured[] = [];
for (const mode of ['describes', 'config', 'aggregator'] as const) results.push(await measure(mode));

const want = ACCOUNTS * REGIONS.length * BUCKETS;
console.log(`Organisation: ${ACCOUNTS} accounts x ${REGIONS.length} regions x ${BUCKETS} buckets = ${want.toLocaleString('en-US')} buckets\n`);
console.log('| path | API calls | calls per bucket | expected | buckets collected | errors | wall |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
let bad = false;
for (const r of results) {
  const exp = expected(r.mode);
  if (r.total !== exp || r.buckets !== want || r.errors !== 0) bad = true;
  console.log(`| ${r.mode} | ${r.total.toLocaleString('en-US')} | ${(r.total / want).toFixed(3)} | ${exp.toLocaleString('en-US')} | ${r.buckets.toLocaleString('en-US')} | ${r.errors} | ${(r.ms / 1000).toFixed(1)} s |`);
}
console.log('\nPer operation:\n');
const ops = [...new Set(results.flatMap((r) => Object.keys(r.calls)))].sort();
console.log(`| operation | ${results.map((r) => r.mode).join(' | ')} |`);
console.log(`|---|${results.map(() => '---:').join('|')}|`);
for (const op of ops) console.log(`| ${op} | ${results.map((r) => (r.calls[op] ?? 0).toLocaleString('en-US')).join(' | ')} |`);
if (bad) {
  console.error('aggregator bench: a path made other calls than its definition, or lost buckets (table above)');
  process.exitCode = 1;
}
