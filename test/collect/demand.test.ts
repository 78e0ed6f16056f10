// Collection driven by what is asked: which calls the built-in rules need for a spec.
import { describe, expect, it } from 'vitest';
import { descriptorOf } from '../../src/collect/catalogue/index.js';
import { demandOf, FULL_DEMAND, needsCall, needsType, type Demand } from '../../src/collect/demand.js';
import { loadRules } from '../../src/rules/load.js';
import { parseSpec } from '../../src/spec/load.js';

const rules = loadRules();
// Isolation's shared-target path reads the usage relations of every type (a bucket's KMS
// key, a queue's), so the narrowing below is shown on the other rules (a team's own rule
// set, --rules DIR); demand-sufficient.test.ts has isolation and parity per path and property.
const narrow = rules.filter((r) => r.analysis?.name !== 'isolation' && r.analysis?.name !== 'parity');
const spec = (environment: string) =>
  parseSpec(
    `version: 1
system: { name: demo }
environments:
  production:
    accounts: [{ id: "123456789012" }]
    regions: [eu-west-1]
${environment}`,
    'envgate.yaml',
  ).spec;

/** The operations of a type's descriptor that the demand makes. */
const made = (d: Demand, type: string) => descriptorOf(type)!.calls.filter((c) => needsCall(d, descriptorOf(type)!, c)).map((c) => c.operation);

describe('demandOf', () => {
  it('runs isolation with no shared: list, so the built-in rules fetch every policy', () => {
    // Sharing nothing is the strictest isolation, not "isolation off": bucket and key
    // policies are read although the spec names no requirement that lists them.
    const d = demandOf(rules, spec(''));
    expect(made(d, 'AWS::S3::Bucket')).toContain('GetBucketPolicy');
    expect(made(d, 'AWS::KMS::Key')).toContain('GetKeyPolicy');
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues', 'GetQueueAttributes']);
  });

  it('lists every type for attribution and fetches only the details some rule reads', () => {
    const d = demandOf(narrow, spec(''));
    expect(d.full).toBe(false);
    expect(needsType(d, 'AWS::S3::Bucket')).toBe(true);
    // A rule runs whatever its requirement says (versioning, lifecycle and public policies
    // are checked by default), so those calls are made; encryption is not read.
    expect(made(d, 'AWS::S3::Bucket')).not.toContain('GetBucketEncryption');
    expect(made(d, 'AWS::S3::Bucket')).toContain('GetBucketPolicy');
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues', 'GetQueueAttributes']);
    // The cost estimate prices keys by manager and state only: rotation is not read here.
    expect(made(d, 'AWS::KMS::Key')).toEqual(['ListKeys', 'ListAliases', 'DescribeKey', 'GetKeyPolicy']);
  });

  it('makes the per-resource workload calls only when a requirement reads them', () => {
    // Isolation reads every field of every type, so this is shown on the narrowed rules.
    const idle = demandOf(narrow, spec(''));
    expect(made(idle, 'AWS::AutoScaling::AutoScalingGroup')).toEqual(['DescribeAutoScalingGroups']);
    expect(made(idle, 'AWS::Lambda::Function')).toEqual(['ListFunctions']);
    expect(made(idle, 'AWS::ECR::Repository')).toEqual(['DescribeRepositories']);
    const d = demandOf(narrow, spec('    autoScaling: { scheduleRequired: true }\n    lambda: { requireVpc: true }'));
    expect(made(d, 'AWS::AutoScaling::AutoScalingGroup')).toEqual(['DescribeAutoScalingGroups', 'DescribeScheduledActions']);
    expect(made(d, 'AWS::Lambda::Function')).toEqual(['ListFunctions']);
    expect(made(idle, 'AWS::EKS::Cluster')).toEqual(['ListClusters', 'DescribeCluster']);
  });

  it('reads IAM users\' console passwords and MFA devices only when the spec requires MFA', () => {
    // With all rules: isolation lists users through their grants, never their sign-in.
    expect(made(demandOf(rules, spec('')), 'AWS::IAM::User')).toEqual(['GetAccountAuthorizationDetails']);
    const d = demandOf(narrow, spec('    identity: { consoleMfa: true }'));
    expect(made(d, 'AWS::IAM::User')).toEqual(['GetAccountAuthorizationDetails', 'GetLoginProfile', 'ListMFADevices']);
  });

  it('fetches what an active requirement reads, for the types it lists', () => {
    const d = demandOf(
      narrow,
      spec(`    encryption: { atRest: [AWS::SQS::Queue] }
    retention:
      s3Lifecycle: [{ buckets: ["logs-*"], transitions: [{ days: 7, storageClass: STANDARD_IA }] }]`),
    );
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues', 'GetQueueAttributes']);
    expect(made(d, 'AWS::SNS::Topic')).toEqual(['ListTopics', 'GetTopicAttributes']);
    expect(made(d, 'AWS::S3::Bucket')).toContain('GetBucketLifecycleConfiguration');
    expect(made(d, 'AWS::S3::Bucket')).not.toContain('GetBucketEncryption');
  });

  it('fetches the DynamoDB backup status only for point-in-time recovery', () => {
    const d = demandOf(narrow, spec(`    dataProtection: { pointInTimeRecovery: true }`));
    expect(made(d, 'AWS::DynamoDB::Table')).toContain('DescribeContinuousBackups');
  });

  it('fetches the relations isolation reads when the spec shares resources', () => {
    const shared = parseSpec(
      `version: 1
system: { name: demo }
environments:
  production: { accounts: [{ id: "123456789012" }], regions: [eu-west-1] }
  staging: { accounts: [{ id: "111111111111" }], regions: [eu-west-1] }
shared:
  - { type: AWS::KMS::Key, name: shared-key, reason: one key for both }
`,
      'envgate.yaml',
    ).spec;
    const d = demandOf(rules, shared);
    expect(made(d, 'AWS::S3::Bucket')).toContain('GetBucketEncryption');
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues', 'GetQueueAttributes']);
  });

  it('runs parity on what the spec compares: nothing without parity entries, the listed properties with', () => {
    const parityRule = rules.filter((r) => r.meta.id === 'parity-protections');
    expect(made(demandOf(parityRule, spec('')), 'AWS::S3::Bucket')).toEqual([]);
    const compared = parseSpec(
      `version: 1
system: { name: demo }
environments:
  production: { accounts: [{ id: "123456789012" }], regions: [eu-west-1] }
  staging: { accounts: [{ id: "111111111111" }], regions: [eu-west-1] }
parity:
  - { from: staging, to: production, properties: [versioning, multiAz] }
`,
      'envgate.yaml',
    ).spec;
    const d = demandOf(parityRule, compared);
    expect(made(d, 'AWS::S3::Bucket')).toEqual(['ListBuckets', 'GetBucketVersioning']);
    expect(made(d, 'AWS::DynamoDB::Table')).toEqual(['ListTables']);
    expect([...(d.types.get('AWS::RDS::DBInstance') as Set<string>)].sort()).toEqual(['clusterId', 'multiAz']);
  });

  it('is everything for inventory --full and for an analysis it cannot see into', () => {
    expect(made(FULL_DEMAND, 'AWS::KMS::Key')).toEqual(['ListKeys', 'ListAliases', 'DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy']);
    const custom = [{ ...rules[0]!, meta: { ...rules[0]!.meta, requirement: '' }, analysis: { name: 'somebody-elses', options: {} } }];
    expect(demandOf(custom, spec('')).full).toBe(true);
  });
});
