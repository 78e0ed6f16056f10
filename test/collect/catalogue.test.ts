// The catalogue meta-test: every registry derived from the descriptors agrees with them,
// and every descriptor is complete (schema fields fed by a call, calls registered,
// ARNs and alarm dimensions mapping back to the type).
import { describe, expect, it } from 'vitest';
import { ARN_TYPES } from '../../src/collect/arn-types.js';
import { typeOfArn } from '../../src/collect/arn.js';
import { CATALOGUE, CONFIG_SCHEMAS, DESCRIBED_TYPES, describedArnShapes, descriptorOf, dimensionTarget } from '../../src/collect/catalogue/index.js';
import { CLIENTS, commandFor, type ServiceKey } from '../../src/collect/clients.js';
import { IAM_PREFIX, OPERATIONS, operationInfo } from '../../src/collect/operations.js';
import { RELATION_KINDS } from '../../src/collect/snapshot-schema.js';
import { GLOBAL_SOURCES, REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { PRICED_FIELDS, PRICED_TYPES } from '../../src/engine/analyses/cost-estimate.js';
import { SHARE_PREDICATES } from '../../src/engine/analyses/parity-profile.js';
import { COLLECTED_TYPES } from '../../src/spec/requirement-types.js';

const t = { accountId: '111122223333', region: 'eu-west-1' };
const topFields = (type: string) => Object.keys((CONFIG_SCHEMAS as unknown as Record<string, { properties: object }>)[type]!.properties).sort();

describe('the catalogue', () => {
  it('holds one descriptor per described type, and the list of types is theirs', () => {
    const types = CATALOGUE.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(DESCRIBED_TYPES).toEqual(types);
    expect(descriptorOf('AWS::SQS::Queue')?.service).toBe('sqs');
    expect(descriptorOf('AWS::ECS::TaskDefinition')).toBeUndefined();
  });

  it('feeds every config field from a call, and every fed field is in the schema', () => {
    for (const d of CATALOGUE) {
      const fed = [...new Set(d.calls.flatMap((c) => c.feeds))].sort();
      expect(fed, d.type).toEqual(topFields(d.type));
      expect(d.calls[0]?.per, `${d.type}: list call first`).toBe('list');
    }
  });

  it('registers every call of every descriptor with its IAM action, and no type call outside them', () => {
    for (const d of CATALOGUE) {
      for (const c of d.calls) {
        const info = operationInfo(d.service, c.operation);
        expect(info.actions, `${d.type} ${c.operation}`).toEqual(c.actions ?? [`${IAM_PREFIX[d.service]}:${c.operation}`]);
      }
    }
    const shared = new Set(['tagging', 'sts', 'config', 'ce', 'pricing']);
    const fromCatalogue = new Set(CATALOGUE.flatMap((d) => d.calls.map((c) => `${d.service}:${c.operation}`)));
    expect(OPERATIONS.filter((o) => !shared.has(o.service) && !fromCatalogue.has(`${o.service}:${o.operation}`))).toEqual([]);
    expect(operationInfo('s3', 'GetBucketLifecycleConfiguration').actions).toEqual(['s3:GetLifecycleConfiguration']);
  });

  it('names services that have a client and an IAM prefix', () => {
    for (const d of CATALOGUE) {
      expect(Object.keys(CLIENTS), d.type).toContain(d.service);
      expect(IAM_PREFIX[d.service], d.type).toBeDefined();
    }
  });

  it('gives every type exactly one source, named in the registry', () => {
    const sources = [...GLOBAL_SOURCES, ...REGIONAL_SOURCES];
    const covered = sources.flatMap((s) => s.types);
    expect([...covered].sort()).toEqual(CATALOGUE.map((d) => d.type).sort());
    expect(GLOBAL_SOURCES.map((s) => s.name).sort()).toEqual(['cloudfront', 'cloudwatch', 'iam', 'route53', 'route53-records', 'shield']);
    for (const d of CATALOGUE) expect(GLOBAL_SOURCES.some((s) => s.types.includes(d.type)), d.type).toBe(d.scope === 'global');
  });

  it('can build every command the generic collector sends', () => {
    for (const d of CATALOGUE) {
      if (!('generic' in d.collect)) continue;
      const g = d.collect.generic;
      for (const op of [g.list.operation, ...(g.hydrate ?? []).map((h) => h.operation)]) {
        expect(commandFor(d.service as ServiceKey, op, {}), `${d.type} ${op}`).toBeTruthy();
        expect(d.calls.map((c) => c.operation), d.type).toContain(op);
      }
    }
  });

  it('maps each type ARN shape back to the type, and the spec accepts every type', () => {
    const samples: Record<string, string> = {
      'AWS::S3::Bucket': 'arn:aws:s3:::logs-bucket',
      'AWS::SQS::Queue': `arn:aws:sqs:eu-west-1:${t.accountId}:orders`,
      'AWS::Logs::LogGroup': `arn:aws:logs:eu-west-1:${t.accountId}:log-group:/app/api:*`,
      'AWS::IAM::Role': `arn:aws:iam::${t.accountId}:role/service/deployer`,
      'AWS::RDS::DBInstance': `arn:aws:rds:eu-west-1:${t.accountId}:db:orders`,
      'AWS::EC2::VPC': `arn:aws:ec2:eu-west-1:${t.accountId}:vpc/vpc-1`,
      'AWS::Route53::HostedZone': 'arn:aws:route53:::hostedzone/Z1',
    };
    expect(Object.entries(samples).map(([, arn]) => typeOfArn(arn))).toEqual([
      { type: 'AWS::S3::Bucket', id: 'logs-bucket' },
      { type: 'AWS::SQS::Queue', id: 'orders' },
      { type: 'AWS::Logs::LogGroup', id: '/app/api' },
      { type: 'AWS::IAM::Role', id: 'deployer' },
      { type: 'AWS::RDS::DBInstance', id: 'orders' },
      { type: 'AWS::EC2::VPC', id: 'vpc-1' },
      { type: 'AWS::Route53::HostedZone', id: 'Z1' },
    ]);
    const shapes = describedArnShapes();
    for (const d of CATALOGUE) {
      expect(shapes[d.arn.service]?.[d.arn.head]?.type, d.type).toBe(d.type);
      expect(ARN_TYPES, d.type).toContain(d.type);
      expect(COLLECTED_TYPES, d.type).toContain(d.type);
    }
  });

  it('turns each declared alarm dimension into an ARN of the type', () => {
    const withDimension = CATALOGUE.filter((d) => d.alarmDimension);
    expect(withDimension.map((d) => d.alarmDimension!.name).sort()).toEqual([
      'BucketName',
      'CacheClusterId',
      'DBClusterIdentifier',
      'DBInstanceIdentifier',
      'FunctionName',
      'InstanceId',
      'LoadBalancer',
      'LogGroupName',
      'NatGatewayId',
      'QueueName',
      'TableName',
      'TargetGroup',
      'TopicName',
      'VolumeId',
    ]);
    expect(dimensionTarget('LoadBalancer', 'app/web/50dc6c495c0c9188', t)).toBe(`arn:aws:elasticloadbalancing:eu-west-1:${t.accountId}:loadbalancer/app/web/50dc6c495c0c9188`);
    expect(dimensionTarget('BucketName', 'logs', t)).toBe('arn:aws:s3:::logs');
    expect(dimensionTarget('FunctionName', 'resize', t)).toBe(`arn:aws:lambda:eu-west-1:${t.accountId}:function:resize`);
    expect(dimensionTarget('ClusterName', 'x', t)).toBeUndefined();
    const value = (name: string) => (name === 'TargetGroup' ? 'targetgroup/tg/73e2d6bc24d8a067' : name === 'LoadBalancer' ? 'app/web/1' : 'x1');
    for (const d of withDimension) expect(typeOfArn(dimensionTarget(d.alarmDimension!.name, value(d.alarmDimension!.name), t)!)?.type, d.type).toBe(d.type);
  });

  it('declares the relation kinds the snapshot schema allows, no more', () => {
    expect([...new Set(CATALOGUE.flatMap((d) => d.relations))].sort()).toEqual([...RELATION_KINDS].sort());
  });

  it('agrees with the engine on which types are priced and compared for parity', () => {
    expect(CATALOGUE.filter((d) => d.hooks?.pricing === 'priced').map((d) => d.type).sort()).toEqual([...PRICED_TYPES].sort());
    // What collection fetches for the estimate are fields of the type's schema.
    for (const [type, fields] of Object.entries(PRICED_FIELDS)) expect(fields.filter((f) => !topFields(type).includes(f)), type).toEqual([]);
    const parity = new Set(Object.values(SHARE_PREDICATES).flatMap((table) => Object.keys(table ?? {})));
    expect(CATALOGUE.filter((d) => d.hooks?.parity).map((d) => d.type).sort()).toEqual([...parity].sort());
  });
});
