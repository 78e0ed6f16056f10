// Table of rule cases: each built-in rule with compliant and violating resources.
// `expect` maps resource names to the status the rule must give them ('none' = no result).
import type { Resource } from '../../src/model/snapshot.js';
import type { EnvironmentSpec, Spec } from '../../src/model/spec.js';
import type { Status } from '../../src/model/result.js';
import { prod, res, STAGING_ACCOUNT } from '../engine/helpers.js';
import { dp } from './rule-tester.js';

export interface RuleCase {
  rule: string;
  name: string;
  /** Edits the base spec (two environments, production and staging). */
  spec?: (s: Spec) => void;
  resources: Resource[];
  expect: Record<string, Status | 'none'>;
  /** Full messages some results must have, by resource name. */
  messages?: Record<string, string>;
}

const enc = (enabled: boolean, cmk = false) => ({ enabled, algorithm: enabled ? 'aws:kms' : undefined, customerManagedKey: cmk });
const p = (s: Spec) => s.environments.production!;
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const DB = 'AWS::RDS::DBInstance';
const DDB = 'AWS::DynamoDB::Table';
const EC = 'AWS::ElastiCache::CacheCluster';
const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';
const SG = 'AWS::EC2::SecurityGroup';
const ALARM = 'AWS::CloudWatch::Alarm';

export const CASES: RuleCase[] = [
  {
    rule: 'encryption-at-rest',
    name: 'listed types must be encrypted; unlisted types are not checked',
    spec: (s) => void (p(s).encryption = { atRest: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::S3::Bucket', 'enc-bucket', { config: { encryption: enc(true) } }),
      prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } }),
      prod('AWS::SQS::Queue', 'plain-queue', { config: { encryption: enc(false) } }),
      prod('AWS::SNS::Topic', 'plain-topic', { config: { encryption: enc(false) } }),
    ],
    expect: { 'enc-bucket': 'pass', 'plain-bucket': 'fail', 'plain-queue': 'fail', 'plain-topic': 'none' },
  },
  {
    rule: 'encryption-at-rest',
    name: 'an environment without an encryption section has no requirement',
    resources: [prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } })],
    expect: { 'plain-bucket': 'none' },
  },
  {
    rule: 'naming-convention',
    name: 'names must match the patterns of their type',
    spec: (s) => void (p(s).naming = { 'AWS::S3::Bucket': ['prod-*', 're:mht-prod-[a-z]+'] }),
    resources: [
      prod('AWS::S3::Bucket', 'prod-data'),
      prod('AWS::S3::Bucket', 'mht-prod-assets'),
      prod('AWS::S3::Bucket', 'staging-data'),
      prod('AWS::SQS::Queue', 'anything'),
    ],
    expect: { 'prod-data': 'pass', 'mht-prod-assets': 'pass', 'staging-data': 'fail', anything: 'none' },
  },
  {
    rule: 'attribution-missing',
    name: 'a resource with no signal is a finding',
    resources: [prod('AWS::S3::Bucket', 'tagged'), res('AWS::S3::Bucket', 'untagged')],
    expect: { tagged: 'pass', untagged: 'fail' },
  },
  {
    rule: 'attribution-missing',
    name: 'a resource the spec allows to be shared needs no environment',
    spec: (s) => void (s.shared = [{ type: 'AWS::Route53::HostedZone', name: 'example.com', reason: 'one zone for all' }]),
    resources: [res('AWS::Route53::HostedZone', 'example.com'), res('AWS::Route53::HostedZone', 'other.com')],
    expect: { 'example.com': 'pass', 'other.com': 'fail' },
  },
  {
    rule: 'attribution-conflict',
    name: 'named staging, tagged production',
    spec: (s) => void (s.environments.staging!.attribution.names = ['staging-*']),
    resources: [prod('AWS::S3::Bucket', 'staging-data'), prod('AWS::S3::Bucket', 'prod-data'), res('AWS::S3::Bucket', 'staging-only', { accountId: STAGING_ACCOUNT })],
    expect: { 'staging-data': 'fail', 'prod-data': 'pass', 'staging-only': 'pass' },
  },
  {
    rule: 'required-tags',
    name: 'every required key must be present',
    spec: (s) => void (s.tagging.required = ['Owner', 'CostCenter']),
    resources: [
      prod('AWS::S3::Bucket', 'full', { tags: { Environment: 'production', Owner: 'a', CostCenter: '1' } }),
      prod('AWS::SQS::Queue', 'partial', { tags: { Environment: 'production', Owner: 'a' } }),
      res('AWS::SNS::Topic', 'untagged'),
      // AWS cannot tag IAM groups: no result rather than an unfixable finding.
      prod('AWS::IAM::Group', 'admins', { tags: {} }),
    ],
    expect: { full: 'pass', partial: 'fail', untagged: 'fail', admins: 'none' },
    messages: { partial: "AWS::SQS::Queue 'partial': missing required tag(s) CostCenter; the spec requires Owner, CostCenter on every resource" },
  },
  {
    rule: 'required-tags',
    name: 'network interfaces and automated RDS snapshots are left out; manual snapshots are not',
    spec: (s) => void (s.tagging.required = ['Owner']),
    resources: [
      res('AWS::EC2::NetworkInterface', 'eni-lb'),
      res('AWS::RDS::DBSnapshot', 'rds:db-2025-01-01-00-00', { config: { snapshotType: 'automated' } }),
      // A type-only exemption: no config read, so a collection gap cannot make it unknown.
      res('AWS::RDS::DBSnapshot', 'rds:db-2025-01-02-00-00'),
      res('AWS::RDS::DBSnapshot', 'db-before-upgrade', { config: { snapshotType: 'manual' } }),
      res('AWS::EC2::Snapshot', 'snap-nightly', { config: { sizeGiB: 8 } }),
      res('AWS::EC2::RouteTable', 'rtb-app'),
    ],
    expect: { 'eni-lb': 'none', 'rds:db-2025-01-01-00-00': 'none', 'rds:db-2025-01-02-00-00': 'none', 'db-before-upgrade': 'fail', 'snap-nightly': 'fail', 'rtb-app': 'fail' },
  },
  {
    rule: 'encryption-at-rest-elasticache',
    name: 'cache clusters listed under atRest',
    spec: (s) => void (p(s).encryption = { atRest: ['AWS::ElastiCache::CacheCluster'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::ElastiCache::CacheCluster', 'c-enc', { config: { encryption: { atRest: true, inTransit: true } } }),
      prod('AWS::ElastiCache::CacheCluster', 'c-plain', { config: { encryption: { atRest: false, inTransit: true } } }),
    ],
    expect: { 'c-enc': 'pass', 'c-plain': 'fail' },
  },
  {
    rule: 'encryption-customer-managed-key',
    name: 'customer-managed key where listed',
    spec: (s) => void (p(s).encryption = { atRest: ['AWS::RDS::DBInstance'], customerManagedKey: ['AWS::RDS::DBInstance'], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::RDS::DBInstance', 'db-cmk', { config: { encryption: enc(true, true) } }),
      prod('AWS::RDS::DBInstance', 'db-aws', { config: { encryption: enc(true, false) } }),
      prod('AWS::S3::Bucket', 'bucket', { config: { encryption: enc(true, false) } }),
    ],
    expect: { 'db-cmk': 'pass', 'db-aws': 'fail', bucket: 'none' },
  },
  {
    rule: 'encryption-customer-managed-key',
    name: 'secrets: a key of their own, not aws/secretsmanager',
    spec: (s) => void (p(s).encryption = { atRest: [], customerManagedKey: ['AWS::SecretsManager::Secret'], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::SecretsManager::Secret', 'secret-cmk', { config: { encryption: enc(true, true), rotationEnabled: false } }),
      prod('AWS::SecretsManager::Secret', 'secret-default', { config: { encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/aws/secretsmanager', customerManagedKey: false }, rotationEnabled: false } }),
    ],
    expect: { 'secret-cmk': 'pass', 'secret-default': 'fail' },
  },
  {
    rule: 'backup-retention-rds',
    name: 'backup days per type; cluster members skipped',
    spec: (s) => void (p(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::RDS::DBInstance', days: 7 }, { type: 'AWS::RDS::DBCluster', days: 14 }] }),
    resources: [
      prod(DB, 'db-ok', { config: { backupRetentionDays: 7 } }),
      prod(DB, 'db-short', { config: { backupRetentionDays: 1 } }),
      prod(DB, 'db-member', { config: { backupRetentionDays: 1, clusterId: 'c1' } }),
      prod('AWS::RDS::DBCluster', 'cluster-short', { config: { backupRetentionDays: 7 } }),
    ],
    expect: { 'db-ok': 'pass', 'db-short': 'fail', 'db-member': 'none', 'cluster-short': 'fail' },
  },
  {
    rule: 'backup-retention-elasticache',
    name: 'snapshot retention days',
    spec: (s) => void (p(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::ElastiCache::CacheCluster', days: 3 }] }),
    resources: [prod(EC, 'c-ok', { config: { snapshotRetentionDays: 5 } }), prod(EC, 'c-none', { config: { snapshotRetentionDays: 0 } })],
    expect: { 'c-ok': 'pass', 'c-none': 'fail' },
  },
  {
    rule: 'backup-retention-dynamodb',
    name: 'tables with a backup requirement need PITR',
    spec: (s) => void (p(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::DynamoDB::Table', days: 35 }] }),
    resources: [prod(DDB, 't-ok', { config: { pointInTimeRecovery: true } }), prod(DDB, 't-off', { config: { pointInTimeRecovery: false } })],
    expect: { 't-ok': 'pass', 't-off': 'fail' },
  },
  {
    rule: 's3-lifecycle',
    name: 'transitions no later than required, expiration exactly',
    spec: (s) =>
      void (p(s).retention = { logGroups: [], backups: [], s3Lifecycle: [{ buckets: ['logs-*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365 }] }),
    resources: [
      prod('AWS::S3::Bucket', 'logs-ok', { config: { lifecycle: { rules: [{ id: 'r', enabled: true, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 60, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-late', { config: { lifecycle: { rules: [{ id: 'r', enabled: true, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 180, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-disabled', { config: { lifecycle: { rules: [{ id: 'r', enabled: false, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-none', { config: { lifecycle: { rules: [] } } }),
      prod('AWS::S3::Bucket', 'data', { config: { lifecycle: { rules: [] } } }),
    ],
    expect: { 'logs-ok': 'pass', 'logs-late': 'fail', 'logs-disabled': 'fail', 'logs-none': 'fail', data: 'none' },
  },
  {
    rule: 's3-access-logging',
    name: 'server access logging',
    spec: (s) => void (p(s).dataProtection = dp({ accessLogging: ['AWS::S3::Bucket'] })),
    resources: [prod('AWS::S3::Bucket', 'b-on', { config: { logging: { enabled: true, targetBucket: 'x' } } }), prod('AWS::S3::Bucket', 'b-off', { config: { logging: { enabled: false } } })],
    expect: { 'b-on': 'pass', 'b-off': 'fail' },
  },
  {
    rule: 's3-access-logging',
    name: 'a log target of buckets or load balancers need not log to itself',
    spec: (s) => void (p(s).dataProtection = dp({ accessLogging: ['AWS::S3::Bucket'] })),
    resources: [
      prod('AWS::S3::Bucket', 'logs-from-bucket', { config: { logging: { enabled: false } } }),
      prod('AWS::S3::Bucket', 'logs-from-lb', { config: { logging: { enabled: false } } }),
      prod('AWS::S3::Bucket', 'app-data', { config: { logging: { enabled: true, targetBucket: 'logs-from-bucket' } }, relations: [{ kind: 'logs-to', target: 'arn:aws:s3:us-east-1:111111111111:bucket/logs-from-bucket' }] }),
      prod(LB, 'web-lb', { relations: [{ kind: 'logs-to', target: 'arn:aws:s3:us-east-1:111111111111:bucket/logs-from-lb' }] }),
      prod('AWS::S3::Bucket', 'not-a-target', { config: { logging: { enabled: false } }, relations: [{ kind: 'kms-key', target: 'arn:aws:s3:us-east-1:111111111111:bucket/elsewhere' }] }),
    ],
    expect: { 'logs-from-bucket': 'pass', 'logs-from-lb': 'pass', 'app-data': 'pass', 'not-a-target': 'fail', 'web-lb': 'none' },
  },
  {
    rule: 'elb-access-logging',
    name: 'load balancer access logs',
    spec: (s) => void (p(s).dataProtection = dp({ accessLogging: [LB] })),
    resources: [prod(LB, 'lb-on', { config: { accessLogging: { enabled: true } } }), prod(LB, 'lb-off', { config: { accessLogging: { enabled: false } } })],
    expect: { 'lb-on': 'pass', 'lb-off': 'fail' },
  },
  {
    rule: 'deletion-protection',
    name: 'listed types; cluster members skipped',
    spec: (s) => void (p(s).dataProtection = dp({ deletionProtection: [DB, DDB] })),
    resources: [
      prod(DB, 'db-on', { config: { deletionProtection: true } }),
      prod(DB, 'db-off', { config: { deletionProtection: false } }),
      prod(DB, 'db-member', { config: { deletionProtection: false, clusterId: 'c' } }),
      prod(DDB, 't-off', { config: { deletionProtection: false } }),
      prod(LB, 'lb-off', { config: { deletionProtection: false } }),
    ],
    expect: { 'db-on': 'pass', 'db-off': 'fail', 'db-member': 'none', 't-off': 'fail', 'lb-off': 'none' },
  },
  {
    rule: 'multi-az',
    name: 'databases listed under multiAz',
    spec: (s) => void (p(s).dataProtection = dp({ multiAz: [DB] })),
    resources: [prod(DB, 'db-maz', { config: { multiAz: true } }), prod(DB, 'db-single', { config: { multiAz: false } })],
    expect: { 'db-maz': 'pass', 'db-single': 'fail' },
  },
  {
    rule: 'vpc-cidr',
    name: 'every block inside the environment ranges',
    spec: (s) => void (p(s).network = net({ vpcCidrs: ['10.10.0.0/16'] })),
    resources: [prod(VPC, 'vpc-in', { config: { cidrBlocks: ['10.10.0.0/16'] } }), prod(VPC, 'vpc-out', { config: { cidrBlocks: ['10.10.0.0/16', '10.20.0.0/16'] } })],
    expect: { 'vpc-in': 'pass', 'vpc-out': 'fail' },
  },
  {
    rule: 'subnet-cidr',
    name: 'subnet inside the subnet ranges',
    spec: (s) => void (p(s).network = net({ subnetCidrs: ['10.10.0.0/20'] })),
    resources: [prod(SUBNET, 'sn-in', { config: { cidrBlock: '10.10.1.0/24' } }), prod(SUBNET, 'sn-out', { config: { cidrBlock: '10.10.16.0/24' } })],
    expect: { 'sn-in': 'pass', 'sn-out': 'fail' },
  },
  {
    rule: 'subnet-availability-zone',
    name: 'subnets in planned zones',
    spec: (s) => void (p(s).network = net({ availabilityZones: ['us-east-1a', 'us-east-1b'] })),
    resources: [prod(SUBNET, 'sn-a', { config: { availabilityZone: 'us-east-1a' } }), prod(SUBNET, 'sn-c', { config: { availabilityZone: 'us-east-1c' } })],
    expect: { 'sn-a': 'pass', 'sn-c': 'fail' },
  },
  {
    rule: 'restricted-ingress',
    name: 'world-open restricted ports, ranges and all-traffic rules',
    spec: (s) => void (p(s).network = net({ restrictedIngressPorts: [22, 3389] })),
    resources: [
      prod(SG, 'sg-ok', { config: { ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], groupIds: [] }, { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['10.0.0.0/8'], groupIds: [] }] } }),
      prod(SG, 'sg-ssh', { config: { ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], groupIds: [] }] } }),
      prod(SG, 'sg-range', { config: { ingress: [{ protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrs: ['::/0'], groupIds: [] }] } }),
      prod(SG, 'sg-all', { config: { ingress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], groupIds: [] }] } }),
    ],
    expect: { 'sg-ok': 'pass', 'sg-ssh': 'fail', 'sg-range': 'fail', 'sg-all': 'fail' },
  },
  {
    rule: 'default-vpc-use',
    name: 'workloads in a default VPC; its own subnets do not count',
    spec: (s) => void (p(s).network = net({ forbidDefaultVpc: true })),
    resources: [
      prod(VPC, 'default-used', { config: { isDefault: true, cidrBlocks: ['172.31.0.0/16'] } }),
      prod(VPC, 'default-idle', { config: { isDefault: true, cidrBlocks: ['172.31.0.0/16'] }, region: 'us-west-2' }),
      prod(VPC, 'custom', { config: { isDefault: false, cidrBlocks: ['10.0.0.0/16'] } }),
      prod('AWS::EC2::Instance', 'i-1', { relations: [{ kind: 'vpc', target: 'arn:aws:ec2:us-east-1:111111111111:vpc/default-used' }] }),
      prod(SUBNET, 'sn-default', { region: 'us-west-2', relations: [{ kind: 'vpc', target: 'arn:aws:ec2:us-west-2:111111111111:vpc/default-idle' }] }),
    ],
    expect: { 'default-used': 'fail', 'default-idle': 'pass', custom: 'pass', 'i-1': 'none' },
  },
  {
    rule: 'vpc-cidr-overlap',
    name: 'overlap across environments only',
    resources: [
      prod(VPC, 'prod-a', { config: { cidrBlocks: ['10.0.0.0/16'] } }),
      prod(VPC, 'prod-b', { config: { cidrBlocks: ['10.0.128.0/17'] } }),
      res(VPC, 'stg-a', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { cidrBlocks: ['10.0.64.0/18'] } }),
      res(VPC, 'stg-b', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { cidrBlocks: ['10.1.0.0/16'] } }),
    ],
    expect: { 'prod-a': 'fail', 'prod-b': 'pass', 'stg-a': 'fail', 'stg-b': 'pass' },
  },
  {
    rule: 'alarms-present',
    name: 'resources of listed types need an alarm watching them',
    spec: (s) => void (p(s).monitoring = { alarms: [DB], alarmActions: [] }),
    resources: [
      prod(DB, 'db-watched'),
      prod(DB, 'db-blind'),
      prod('AWS::CloudWatch::Alarm', 'cpu', { relations: [{ kind: 'monitors', target: 'arn:aws:rds:us-east-1:111111111111:dbinstance/db-watched' }] }),
    ],
    expect: { 'db-watched': 'pass', 'db-blind': 'fail', cpu: 'none' },
  },
  {
    rule: 'alarm-actions',
    name: 'alarms notify the environment topic',
    spec: (s) => void (p(s).monitoring = { alarms: [], alarmActions: ['arn:aws:sns:*:111111111111:prod-alerts'] }),
    resources: [
      prod(ALARM, 'a-ok', { config: { alarmActions: ['arn:aws:sns:us-east-1:111111111111:prod-alerts'] } }),
      prod(ALARM, 'a-none', { config: { alarmActions: [] } }),
      prod(ALARM, 'a-wrong', { config: { alarmActions: ['arn:aws:sns:us-east-1:222222222222:stg-alerts'] } }),
    ],
    expect: { 'a-ok': 'pass', 'a-none': 'fail', 'a-wrong': 'fail' },
    messages: {
      'a-none': "AWS::CloudWatch::Alarm 'a-none': the alarm has no actions; production requires it to notify production's channels",
      'a-wrong': "AWS::CloudWatch::Alarm 'a-wrong': the alarm notifies arn:aws:sns:us-east-1:222222222222:stg-alerts; production requires its own channels (arn:aws:sns:*:111111111111:prod-alerts)",
    },
  },
  {
    rule: 'allowed-instance-types',
    name: 'allowed types; terminated instances skipped',
    spec: (s) => void (p(s).compute = { instanceTypes: ['t3.medium'] }),
    resources: [
      prod('AWS::EC2::Instance', 'i-ok', { config: { instanceType: 't3.medium', state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-big', { config: { instanceType: 'm5.4xlarge', state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-gone', { config: { instanceType: 'm5.4xlarge', state: 'terminated' } }),
    ],
    expect: { 'i-ok': 'pass', 'i-big': 'fail', 'i-gone': 'none' },
    messages: { 'i-big': "AWS::EC2::Instance 'i-big': instance type m5.4xlarge; production allows t3.medium" },
  },
  {
    rule: 'allowed-db-classes',
    name: 'allowed DB classes',
    spec: (s) => void (p(s).compute = { dbInstanceClasses: ['db.t3.small'] }),
    resources: [prod(DB, 'db-ok', { config: { instanceClass: 'db.t3.small' } }), prod(DB, 'db-big', { config: { instanceClass: 'db.r5.large' } })],
    expect: { 'db-ok': 'pass', 'db-big': 'fail' },
  },
  {
    rule: 'allowed-cache-node-types',
    name: 'allowed node types',
    spec: (s) => void (p(s).compute = { cacheNodeTypes: ['cache.t3.micro'] }),
    resources: [prod(EC, 'c-ok', { config: { nodeType: 'cache.t3.micro' } }), prod(EC, 'c-big', { config: { nodeType: 'cache.r6g.large' } })],
    expect: { 'c-ok': 'pass', 'c-big': 'fail' },
  },
  {
    rule: 'instance-count',
    name: 'running instances within min and max per environment',
    spec: (s) => {
      p(s).compute = { instanceCount: { min: 2, max: 4 } };
      s.environments.staging!.compute = { instanceCount: { max: 1 } };
    },
    resources: [
      prod('AWS::EC2::Instance', 'i-1', { config: { state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-2', { config: { state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-3', { config: { state: 'stopped' } }),
      res('AWS::EC2::Instance', 's-1', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { state: 'running' } }),
      res('AWS::EC2::Instance', 's-2', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { state: 'running' } }),
    ],
    expect: { production: 'pass', staging: 'fail' },
  },
  {
    rule: 'load-balancer-presence',
    name: 'required and forbidden',
    spec: (s) => {
      p(s).compute = { loadBalancer: 'required' };
      s.environments.staging!.compute = { loadBalancer: 'required' };
    },
    resources: [prod(LB, 'lb')],
    expect: { production: 'pass', staging: 'fail' },
  },
  {
    rule: 'load-balancer-presence',
    name: 'forbidden',
    spec: (s) => void (p(s).compute = { loadBalancer: 'forbidden' }),
    resources: [prod(LB, 'lb')],
    expect: { production: 'fail' },
  },
];


function net(over: Partial<NonNullable<EnvironmentSpec['network']>>): NonNullable<EnvironmentSpec['network']> {
  return { vpcCidrs: [], subnetCidrs: [], availabilityZones: [], ...over };
}
