// Collection benchmark: seeds moto with about 2,000 resources across two regions, runs
// collect(), and compares the API calls made with the floor: ceil(N/100) Tagging pages,
// the IAM pages, and the list and describe calls the checks need, batched as far as each
// API allows. Prints a Markdown table (pasted into bench/README.md, section Collection).
// Usage: node --import tsx bench/collect.ts [--per-region 1000]
import { collect } from '../src/collect/index.js';
import type { Spec } from '../src/model/spec.js';
import { startMoto } from '../test/helpers/moto.js';
import { seedAccountRegion, type SeedOptions } from '../test/helpers/seed-aws.js';

const args = process.argv.slice(2);
const perRegion = Number(args[args.indexOf('--per-region') + 1] ?? 0) || 1000;
const ACCOUNT = '123456789012';
const REGIONS = ['eu-west-1', 'us-east-1'];

// Mix per region, scaled to perRegion (about 1,000 by default).
const mix = (region: string, i: number): SeedOptions => {
  const k = perRegion / 1000;
  return {
    accountId: ACCOUNT,
    region,
    env: 'production',
    queues: Math.round(450 * k),
    untaggedQueues: Math.round(100 * k),
    topics: Math.round(150 * k),
    logGroups: Math.round(150 * k),
    tables: Math.round(60 * k),
    buckets: Math.round(60 * k),
    volumes: Math.round(20 * k),
    network: true,
    globals: i === 0,
  };
};

const spec = {
  version: 1,
  system: { name: 'bench' },
  attribution: { tagKeys: ['env'] },
  environments: { production: { aliases: [], accounts: [{ id: ACCOUNT }], regions: REGIONS, attribution: { names: [], namesByType: {}, vpcs: [], accountWide: true }, naming: {} } },
  shared: [],
  tagging: { required: [] },
  teams: {},
  access: { levels: {}, matrix: {} },
  parity: [],
} as unknown as Spec;

const moto = await startMoto();
try {
  await moto.reset();
  const t0 = Date.now();
  for (const [i, r] of REGIONS.entries()) await seedAccountRegion(moto, mix(r, i));
  const seedMs = Date.now() - t0;
  const start = process.hrtime.bigint();
  const snap = await collect(spec, { now: new Date(0), endpoint: moto.endpoint, credentials: async () => ({ accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake' }) });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  // The floor, from what the snapshot holds (per region unless said otherwise).
  const floor: Record<string, number> = {};
  const add = (k: string, n: number) => void (floor[k] = (floor[k] ?? 0) + n);
  const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
  const count = (type: string, region: string, f: (r: (typeof snap.resources)[number]) => boolean = () => true) =>
    snap.resources.filter((r) => r.type === type && r.region === region && f(r)).length;
  for (const region of REGIONS) {
    const tagged = snap.resources.filter((r) => r.region === region && Object.keys(r.tags).length > 0 && !r.type.startsWith('AWS::IAM::')).length;
    add('tagging:GetResources', pages(tagged, 100));
    const q = count('AWS::SQS::Queue', region);
    add('sqs:ListQueues', pages(q, 1000));
    add('sqs:GetQueueAttributes', q);
    const tp = count('AWS::SNS::Topic', region);
    add('sns:ListTopics', pages(tp, 100));
    add('sns:GetTopicAttributes', tp);
    add('logs:DescribeLogGroups', pages(count('AWS::Logs::LogGroup', region), 50));
    const tb = count('AWS::DynamoDB::Table', region);
    add('dynamodb:ListTables', pages(tb, 100));
    add('dynamodb:DescribeTable', tb);
    add('dynamodb:DescribeContinuousBackups', tb);
    const b = count('AWS::S3::Bucket', region);
    add('s3:ListBuckets', 1);
    for (const op of ['GetBucketEncryption', 'GetBucketVersioning', 'GetBucketLifecycleConfiguration', 'GetBucketLogging', 'GetPublicAccessBlock', 'GetBucketPolicy']) add(`s3:${op}`, b);
    for (const [op, type] of [['DescribeVpcs', 'AWS::EC2::VPC'], ['DescribeSubnets', 'AWS::EC2::Subnet'], ['DescribeSecurityGroups', 'AWS::EC2::SecurityGroup'], ['DescribeInstances', 'AWS::EC2::Instance'], ['DescribeVolumes', 'AWS::EC2::Volume'], ['DescribeNatGateways', 'AWS::EC2::NatGateway']] as const) add(`ec2:${op}`, pages(count(type, region), 1000));
    add('rds:DescribeDBInstances', pages(count('AWS::RDS::DBInstance', region), 100));
    add('rds:DescribeDBClusters', pages(count('AWS::RDS::DBCluster', region), 100));
    const lbs = count('AWS::ElasticLoadBalancingV2::LoadBalancer', region);
    add('elbv2:DescribeLoadBalancers', pages(lbs, 400));
    add('elbv2:DescribeLoadBalancerAttributes', lbs);
    add('elbv2:DescribeListeners', lbs);
    const keys = count('AWS::KMS::Key', region);
    add('kms:ListKeys', pages(keys, 1000));
    // Aliases are not resources; the bench makes far fewer than a page (100) per region.
    add('kms:ListAliases', 1);
    add('kms:DescribeKey', keys);
    add('kms:GetKeyRotationStatus', count('AWS::KMS::Key', region, (r) => r.config.keyManager === 'CUSTOMER' && r.config.keyState === 'Enabled'));
    add('cloudwatch:DescribeAlarms', pages(count('AWS::CloudWatch::Alarm', region), 100));
    add('elasticache:DescribeCacheClusters', pages(count('AWS::ElastiCache::CacheCluster', region), 100));
  }
  add('iam:GetAccountAuthorizationDetails', 1);
  add('route53:ListHostedZones', 1);

  const ops = [...new Set([...Object.keys(floor), ...Object.keys(snap.metadata.apiCalls)])].sort();
  const total = Object.values(snap.metadata.apiCalls).reduce((a, b) => a + b, 0);
  const floorTotal = Object.values(floor).reduce((a, b) => a + b, 0);
  const nonIam = snap.resources.filter((r) => !r.type.startsWith('AWS::IAM::')).length;
  console.log(`resources: ${snap.resources.length} (${nonIam} outside IAM) in ${REGIONS.length} regions, 1 account; errors: ${snap.errors.length}`);
  console.log(`seed: ${(seedMs / 1000).toFixed(1)} s; collect wall time: ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`API calls: ${total}; floor: ${floorTotal}; ratio: ${(total / floorTotal).toFixed(3)}\n`);
  console.log('| operation | calls | floor | above floor |');
  console.log('|---|---:|---:|---:|');
  for (const op of ops) {
    const c = snap.metadata.apiCalls[op] ?? 0;
    const f = floor[op] ?? 0;
    console.log(`| ${op} | ${c} | ${f} | ${c - f} |`);
  }
  console.log(`| **total** | **${total}** | **${floorTotal}** | **${total - floorTotal}** |`);
  if (snap.errors.length > 0) {
    console.error(JSON.stringify(snap.errors.slice(0, 5), null, 1));
    process.exitCode = 1;
  }
} finally {
  await moto.stop();
}
