// Hand-built EngineContexts for the cost and parity analysis tests: resources are
// attributed by their `Environment` tag, nothing else, so tests control attribution.
import type { AttributionRecord, EngineContext } from '../../../src/engine/context.js';
import type { CollectionError, CostRecord, Resource, Snapshot } from '../../../src/model/snapshot.js';
import type { EnvironmentSpec, LoadedSpec, ParitySpec, Spec } from '../../../src/model/spec.js';
import type { SnapshotPrices } from '../../../src/model/prices.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

export function envSpec(over: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return {
    aliases: [],
    accounts: [{ id: ACCOUNT }],
    regions: [REGION],
    attribution: { names: [], namesByType: {}, vpcs: [], accountWide: false },
    naming: {},
    ...over,
  };
}

export function makeSpec(environments: Record<string, EnvironmentSpec>, parity: ParitySpec[] = []): LoadedSpec {
  const spec: Spec = {
    version: 1,
    system: { name: 'test' },
    attribution: { tagKeys: ['Environment'] },
    environments,
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: {
      levels: {
        none: { categories: [] },
        view: { categories: ['List'] },
        read: { categories: ['List', 'Read'] },
        deploy: { categories: ['List', 'Read', 'Write'] },
        full: { categories: ['List', 'Read', 'Write', 'Tagging', 'Permissions management'] },
      },
      matrix: {},
    },
    parity,
  };
  return { spec, file: 'envgate.yaml', sha256: '0'.repeat(64), positions: {} };
}

const SERVICE: Record<string, string> = {
  'AWS::EC2::Instance': 'ec2:instance',
  'AWS::EC2::Volume': 'ec2:volume',
  'AWS::EC2::NatGateway': 'ec2:natgateway',
  'AWS::EC2::Subnet': 'ec2:subnet',
  'AWS::EC2::Snapshot': 'ec2:snapshot',
  'AWS::RDS::DBInstance': 'rds:db',
  'AWS::RDS::DBCluster': 'rds:cluster',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elasticloadbalancing:loadbalancer/app',
  'AWS::ElastiCache::CacheCluster': 'elasticache:cluster',
  'AWS::DynamoDB::Table': 'dynamodb:table',
  'AWS::KMS::Key': 'kms:key',
  'AWS::CloudWatch::Alarm': 'cloudwatch:alarm',
  'AWS::Route53::HostedZone': 'route53:hostedzone',
  'AWS::S3::Bucket': 's3:bucket',
  'AWS::Logs::LogGroup': 'logs:log-group',
  'AWS::SQS::Queue': 'sqs:queue',
};

/** A resource of `type` named `name` in environment `env` (null = untagged). */
export function res(
  type: string,
  name: string,
  env: string | null,
  config: Record<string, unknown> = {},
  extra: Partial<Resource> = {},
): Resource {
  const [svc, kind] = (SERVICE[type] ?? 'x:thing').split(':') as [string, string];
  const region = extra.region ?? (type === 'AWS::Route53::HostedZone' ? 'global' : REGION);
  const accountId = extra.accountId ?? ACCOUNT;
  return {
    arn: `arn:aws:${svc}:${region === 'global' ? '' : region}:${accountId}:${kind}/${name}`,
    accountId,
    region,
    type,
    name,
    id: name,
    tags: env === null ? {} : { Environment: env },
    config,
    relations: [],
    ...extra,
  };
}

export function collectionError(affects: string[], over: Partial<CollectionError> = {}): CollectionError {
  return {
    accountId: ACCOUNT,
    region: REGION,
    service: 'ec2',
    operation: 'DescribeInstances',
    code: 'AccessDenied',
    message: 'not authorized',
    affects,
    ...over,
  };
}

export function costRecord(tagValue: string, amountUsd: number, over: Partial<CostRecord> = {}): CostRecord {
  return {
    accountId: ACCOUNT,
    tagKey: 'Environment',
    tagValue,
    periodStart: '2025-05-01',
    periodEnd: '2025-06-01',
    amountUsd,
    ...over,
  };
}

export interface ContextInput {
  spec: LoadedSpec;
  resources: Resource[];
  costs?: CostRecord[];
  errors?: CollectionError[];
  prices?: SnapshotPrices;
}

export function makeContext(input: ContextInput): EngineContext {
  const resources = [...input.resources].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const snapshot: Snapshot = {
    schemaVersion: 1,
    metadata: {
      tool: { name: 'envgate', version: '0.0.0' },
      collectedAt: '2025-06-01T00:00:00Z',
      accounts: [ACCOUNT],
      regions: [REGION],
      apiCalls: {},
      coverage: [],
    },
    resources,
    principals: [],
    policies: [],
    costs: input.costs ?? [],
    errors: input.errors ?? [],
    ...(input.prices ? { prices: input.prices } : {}),
  };
  const byArn = new Map(resources.map((r) => [r.arn, r]));
  const byType = new Map<string, Resource[]>();
  const attribution = new Map<string, AttributionRecord>();
  for (const r of resources) {
    byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    const env = r.tags.Environment ?? null;
    attribution.set(r.arn, {
      environment: env,
      evidence: env === null ? [] : [{ signal: 'tag', environment: env, detail: `Environment=${env}` }],
      conflict: false,
    });
  }
  const errors = snapshot.errors;
  return {
    spec: input.spec,
    snapshot,
    now: new Date('2025-06-01T00:00:00Z'),
    byArn,
    byType,
    attribution,
    principals: [],
    environments: Object.keys(input.spec.spec.environments).sort(),
    errorsAffecting(type, accountId, region) {
      return errors.filter(
        (e) =>
          e.affects.includes(type) &&
          (accountId === undefined || e.accountId === accountId) &&
          (region === undefined || e.region === region || e.region === 'global' || region === 'global'),
      );
    },
    inbound(kind, target) {
      return resources.filter((r) => r.relations.some((rel) => rel.kind === kind && rel.target === target)).map((r) => r.arn);
    },
  };
}
