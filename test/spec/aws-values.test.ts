// Values AWS would reject, and requirements no rule could check, are located
// validation errors with a did-you-mean where one is close.
import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/model/diagnostics.js';
import { parseSpec } from '../../src/spec/load.js';
import { isKnownMachine, isKnownRegion, regionOfZone } from '../../src/spec/aws-values/index.js';

function problems(text: string): Diagnostic[] {
  try {
    parseSpec(text, 'x.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics;
    throw err;
  }
  return [];
}
const summary = (text: string) => problems(text).map((d) => [d.code, d.line, d.message]);

const spec = (extra = '', regions = '[us-west-2]') => `version: 1
system: { name: t }
environments:
  staging:
    accounts: [{ id: "123456789012" }]
    regions: ${regions}
${extra}`;

describe('the AWS value lists', () => {
  it('knows the regions of every partition and nothing else', () => {
    for (const r of ['us-east-1', 'eu-central-2', 'ap-southeast-5', 'cn-north-1', 'us-gov-west-1', 'il-central-1']) expect(isKnownRegion(r)).toBe(true);
    for (const r of ['us-west-3', 'eu-east-1', 'aws-global', 'us-wset-2']) expect(isKnownRegion(r)).toBe(false);
  });

  it('derives RDS classes and ElastiCache node types from the EC2 types', () => {
    expect(isKnownMachine('ec2', 't3.micro')).toBe(true);
    expect(isKnownMachine('ec2', 't3.mirco')).toBe(false);
    expect(isKnownMachine('db', 'db.r6g.large')).toBe(true);
    expect(isKnownMachine('db', 'db.serverless')).toBe(true);
    expect(isKnownMachine('db', 'db.r5.2xlarge.tpc2.mem4x')).toBe(true);
    expect(isKnownMachine('db', 't3.micro')).toBe(false);
    expect(isKnownMachine('cache', 'cache.t3.micro')).toBe(true);
    expect(isKnownMachine('cache', 'db.t3.micro')).toBe(false);
  });

  it('finds the region of a zone', () => {
    expect(regionOfZone('us-west-2a')).toBe('us-west-2');
    expect(regionOfZone('eu-central-1c')).toBe('eu-central-1');
    expect(regionOfZone('us-west-9a')).toBeUndefined();
    expect(regionOfZone('us-west-2')).toBeUndefined();
  });
});

describe('spec values AWS would reject', () => {
  it('rejects a region AWS does not have, suggesting the near one', () => {
    expect(summary(spec('', '[us-west-2, us-wset-1, mars-north-1]'))).toEqual([
      ['region', 6, '"us-wset-1" is not an AWS region; did you mean "us-west-1"?'],
      ['region', 6, '"mars-north-1" is not an AWS region'],
    ]);
  });

  it('rejects zones that do not exist and zones of another region', () => {
    const d = problems(spec('    network: { availabilityZones: [us-west-2a, us-east-1b, us-wset-2c, us-west-2] }\n'));
    expect(d.map((x) => [x.code, x.line, x.path])).toEqual([
      ['zone-region', 7, '/environments/staging/network/availabilityZones/1'],
      ['availability-zone', 7, '/environments/staging/network/availabilityZones/2'],
      ['availability-zone', 7, '/environments/staging/network/availabilityZones/3'],
    ]);
    expect(d.find((x) => x.code === 'zone-region')?.message).toBe(
      "zone us-east-1b is in region us-east-1, which is not among the environment's regions (us-west-2)",
    );
    expect(d.find((x) => x.path.endsWith('/2'))?.message).toContain('did you mean "us-west-2c"?');
  });

  it('rejects instance types, DB classes and node types AWS does not offer', () => {
    const d = problems(spec(`    compute:
      instanceTypes: [t3.micro, t3.mirco, x9.*]
      dbInstanceClasses: [db.t3.micro, t3.small, db.r6g.*]
      cacheNodeTypes: [cache.t3.micro, db.t3.micro]
`));
    expect(d.map((x) => [x.code, x.line, x.path, x.message])).toEqual([
      ['instance-type', 8, '/environments/staging/compute/instanceTypes/1', '"t3.mirco" is not an EC2 instance type; did you mean "t3.micro"?'],
      ['instance-type', 8, '/environments/staging/compute/instanceTypes/2', '"x9.*" matches no EC2 instance type'],
      [
        'instance-type',
        9,
        '/environments/staging/compute/dbInstanceClasses/1',
        '"t3.small" is not an RDS DB instance class (it is an EC2 instance type; an RDS DB instance class looks like db.t3.small)',
      ],
      [
        'instance-type',
        10,
        '/environments/staging/compute/cacheNodeTypes/1',
        '"db.t3.micro" is not an ElastiCache node type (it is an RDS DB instance class; an ElastiCache node type looks like cache.t3.micro)',
      ],
    ]);
  });

  it('rejects log retention CloudWatch Logs does not accept, suggesting the nearest', () => {
    expect(summary(spec('    retention: { logGroups: [{ class: app, match: ["*"], days: 45, maxDays: 100 }, { class: b, match: [b], days: 30, maxDays: 365 }] }\n'))).toEqual([
      ['log-retention', 7, 'CloudWatch Logs does not accept a retention of 45 days; did you mean 60?'],
      ['log-retention', 7, 'CloudWatch Logs does not accept a retention of 100 days; did you mean 90?'],
    ]);
  });

  it('rejects backup retention outside each service limit', () => {
    const d = problems(spec(`    retention:
      backups:
        - { type: AWS::RDS::DBInstance, days: 35 }
        - { type: AWS::RDS::DBInstance, days: 36 }
        - { type: AWS::RDS::DBCluster, days: 0 }
        - { type: AWS::ElastiCache::CacheCluster, days: 40 }
        - { type: AWS::DynamoDB::Table, days: 0 }
        - { type: AWS::DynamoDB::Table, days: 35 }
`));
    expect(d.map((x) => [x.code, x.line, x.expected])).toEqual([
      ['range', 10, '0-35 days'],
      ['range', 11, '1-35 days'],
      ['range', 12, '0-35 days'],
      ['range', 13, '1-35 days'],
    ]);
    expect(d[0]?.message).toBe('36 days is outside RDS automated backup retention (BackupRetentionPeriod): AWS accepts 0-35');
  });
});

describe('requirements nothing would check', () => {
  it('rejects a type that no rule checks for the requirement, naming the ones it can', () => {
    const d = problems(spec(`    encryption: { atRest: [AWS::Lambda::Function], customerManagedKey: [AWS::ElastiCache::CacheCluster] }
    dataProtection: { accessLogging: [AWS::CloudFront::Distribution], deletionProtection: [AWS::S3::Bucket], multiAz: [AWS::EC2::Instance] }
    monitoring: { alarms: [AWS::Route53::HostedZone] }
    retention: { backups: [{ type: AWS::EC2::Volume, days: 7 }] }
`));
    expect(d.map((x) => [x.code, x.line, x.path])).toEqual([
      ['unchecked-type', 7, '/environments/staging/encryption/atRest/0'],
      ['unchecked-type', 7, '/environments/staging/encryption/customerManagedKey/0'],
      ['unchecked-type', 8, '/environments/staging/dataProtection/accessLogging/0'],
      ['unchecked-type', 8, '/environments/staging/dataProtection/deletionProtection/0'],
      ['unchecked-type', 8, '/environments/staging/dataProtection/multiAz/0'],
      ['unchecked-type', 9, '/environments/staging/monitoring/alarms/0'],
      ['unchecked-type', 10, '/environments/staging/retention/backups/0/type'],
    ]);
    expect(d[0]?.message).toBe('no rule checks encryption.atRest for AWS::Lambda::Function: the requirement would give no results');
    expect(d[6]?.message).toBe('no rule checks retention.backups for AWS::EC2::Volume: the requirement would give no results');
    expect(d[2]?.expected).toBe('one of: AWS::S3::Bucket, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::ApiGateway::Stage');
  });

  it('rejects naming, attribution and shared entries over types envgate never collects, at the key', () => {
    const d = problems(`${spec(`    naming: { "AWS::Foo::Bar": ["*"], "AWS::SecretsManager::Secret": ["app-*"] }
    attribution: { namesByType: { "AWS::Ecs::Cluster": ["*"] } }
`)}shared:
  - { type: AWS::Quux::Thing, reason: x }
`);
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([
      ['uncollected-type', 7, 15],
      ['resource-type', 8, 35],
      ['uncollected-type', 10, 13],
    ]);
    expect(d[1]?.message).toBe('resource type "AWS::Ecs::Cluster" is not one envgate knows; did you mean "AWS::ECS::Cluster"?');
  });

  it('accepts every type a requirement can be checked for', () => {
    expect(problems(spec(`    encryption: { atRest: [AWS::S3::Bucket, AWS::ElastiCache::CacheCluster], customerManagedKey: [AWS::DynamoDB::Table] }
    naming: { "AWS::Lambda::Function": ["app-*"], "AWS::IAM::Role": ["app-*"] }
    retention: { backups: [{ type: AWS::DynamoDB::Table, days: 35 }], logGroups: [{ class: a, match: ["*"], days: 30, maxDays: 3653 }] }
    network: { availabilityZones: [us-west-2a, us-west-2d] }
    compute: { instanceTypes: ["t3.*", m7g.large], dbInstanceClasses: [db.t4g.micro], cacheNodeTypes: ["cache.r7g.*"] }
`))).toEqual([]);
  });
});
