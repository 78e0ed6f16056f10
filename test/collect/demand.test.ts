// Collection driven by what is asked: which calls the built-in rules need for a spec.
import { describe, expect, it } from 'vitest';
import { descriptorOf } from '../../src/collect/catalogue/index.js';
import { demandOf, FULL_DEMAND, needsCall, needsType, type Demand } from '../../src/collect/demand.js';
import { loadRules } from '../../src/rules/load.js';
import { parseSpec } from '../../src/spec/load.js';

const rules = loadRules();
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
  it('lists every type for attribution but fetches no bucket, queue or table detail nothing reads', () => {
    const d = demandOf(rules, spec(''));
    expect(d.full).toBe(false);
    expect(needsType(d, 'AWS::S3::Bucket')).toBe(true);
    expect(made(d, 'AWS::S3::Bucket')).toEqual(['ListBuckets']);
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues']);
    expect(made(d, 'AWS::DynamoDB::Table')).toEqual(['ListTables']);
    expect(made(d, 'AWS::KMS::Key')).toEqual(['ListKeys', 'ListAliases', 'DescribeKey']);
  });

  it('fetches what an active requirement reads, for the types it lists', () => {
    const d = demandOf(
      rules,
      spec(`    encryption: { atRest: [AWS::SQS::Queue] }
    retention:
      s3Lifecycle: [{ buckets: ["logs-*"], transitions: [{ days: 7, storageClass: STANDARD_IA }] }]`),
    );
    expect(made(d, 'AWS::SQS::Queue')).toEqual(['ListQueues', 'GetQueueAttributes']);
    expect(made(d, 'AWS::SNS::Topic')).toEqual(['ListTopics']);
    expect(made(d, 'AWS::S3::Bucket')).toEqual(['ListBuckets', 'GetBucketLifecycleConfiguration']);
  });

  it('fetches the DynamoDB backup status only for point-in-time recovery', () => {
    const d = demandOf(rules, spec(`    dataProtection: { pointInTimeRecovery: true }`));
    expect(made(d, 'AWS::DynamoDB::Table')).toEqual(['ListTables', 'DescribeContinuousBackups']);
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

  it('is everything for inventory --full and for an analysis it cannot see into', () => {
    expect(made(FULL_DEMAND, 'AWS::KMS::Key')).toEqual(['ListKeys', 'ListAliases', 'DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy']);
    const custom = [{ ...rules[0]!, meta: { ...rules[0]!.meta, requirement: '' }, analysis: { name: 'somebody-elses', options: {} } }];
    expect(demandOf(custom, spec('')).full).toBe(true);
  });
});
