// Small in-memory specs and snapshots for engine and rule tests.
import type { EnvironmentSpec, LoadedSpec, Spec } from '../../src/model/spec.js';
import type { CollectionError, Principal, Resource, Snapshot } from '../../src/model/snapshot.js';

export const PROD_ACCOUNT = '111111111111';
export const STAGING_ACCOUNT = '222222222222';

export function envSpec(over: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return {
    aliases: [],
    accounts: [],
    regions: ['us-east-1'],
    attribution: { names: [], namesByType: {}, vpcs: [], accountWide: false },
    naming: {},
    ...over,
  };
}

/** Two environments in their own accounts, tagged by `Environment`. */
export function baseSpec(over: Partial<Spec> = {}): Spec {
  return {
    version: 1,
    system: { name: 'test' },
    attribution: { tagKeys: ['Environment'] },
    environments: {
      production: envSpec({ aliases: ['prod'], accounts: [{ id: PROD_ACCOUNT }] }),
      staging: envSpec({ aliases: ['stg'], accounts: [{ id: STAGING_ACCOUNT }] }),
    },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: { levels: { none: { categories: [] }, view: { categories: ['List'] }, read: { categories: ['List', 'Read'] }, deploy: { categories: ['List', 'Read', 'Write'] }, full: { categories: ['List', 'Read', 'Write', 'Tagging', 'Permissions management'] } }, matrix: {} },
    parity: [],
    ...over,
  };
}

/** Positions for every pointer in the spec object, line = visit order (deterministic). */
export function loaded(spec: Spec, file = 'envgate.yaml'): LoadedSpec {
  const positions: LoadedSpec['positions'] = {};
  let line = 1;
  const walk = (v: unknown, p: string) => {
    positions[p] = { line: line++, column: 1 };
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(spec, '');
  return { spec, file, sha256: '0'.repeat(64), positions };
}

const SERVICE: Record<string, string> = {
  'AWS::S3::Bucket': 's3',
  'AWS::SQS::Queue': 'sqs',
  'AWS::SNS::Topic': 'sns',
  'AWS::Logs::LogGroup': 'logs',
  'AWS::RDS::DBInstance': 'rds',
  'AWS::RDS::DBCluster': 'rds',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elasticloadbalancing',
  'AWS::CloudWatch::Alarm': 'cloudwatch',
  'AWS::ElastiCache::CacheCluster': 'elasticache',
  'AWS::KMS::Key': 'kms',
  'AWS::IAM::Role': 'iam',
};

/** A resource; the arn is derived from type, account and name unless given. */
export function res(type: string, name: string, over: Partial<Resource> = {}): Resource {
  const accountId = over.accountId ?? PROD_ACCOUNT;
  const region = over.region ?? 'us-east-1';
  const svc = SERVICE[type] ?? 'ec2';
  const kind = type.split('::')[2]!.toLowerCase();
  return {
    arn: `arn:aws:${svc}:${region}:${accountId}:${kind}/${name}`,
    accountId,
    region,
    type,
    name,
    id: name,
    tags: {},
    config: {},
    relations: [],
    ...over,
  };
}

export function prod(type: string, name: string, over: Partial<Resource> = {}): Resource {
  return res(type, name, { tags: { Environment: 'production' }, ...over });
}

export function snapshot(resources: Resource[], extra: { errors?: CollectionError[]; principals?: Principal[] } = {}): Snapshot {
  return {
    schemaVersion: 1,
    metadata: { tool: { name: 'envgate', version: '0.0.0' }, collectedAt: '2025-01-01T00:00:00Z', accounts: [PROD_ACCOUNT, STAGING_ACCOUNT], regions: ['us-east-1'], apiCalls: {}, coverage: [] },
    resources: [...resources].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)),
    principals: extra.principals ?? [],
    policies: [],
    costs: [],
    errors: extra.errors ?? [],
  };
}

export const NOW = new Date('2025-01-01T00:00:00Z');
