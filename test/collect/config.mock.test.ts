// AWS Config advanced queries and aggregators, which moto cannot serve (SelectResourceConfig
// is a stub there, SelectAggregateResourceConfig a 500). These use aws-sdk-client-mock with
// response shapes from the AWS Config API reference (DescribeConfigurationRecorders,
// DescribeConfigurationRecorderStatus, SelectResourceConfig, SelectAggregateResourceConfig):
// Results are JSON strings of configuration items with supplementaryConfiguration.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { collectAggregate, collectConfig } from '../../src/collect/sources/config.js';
import { fakeCredentials, PROD, STAGING } from './spec-fixture.js';

const configMock = mockClient(ConfigServiceClient);
afterEach(() => configMock.reset());

function session(): Session {
  const pool = new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' });
  return new Session(pool, new Pacer(2));
}

const bucketItem = (account: string, region: string, name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    resourceId: name,
    resourceName: name,
    resourceType: 'AWS::S3::Bucket',
    arn: `arn:aws:s3:::${name}`,
    awsRegion: region,
    accountId: account,
    tags: [{ key: 'env', value: 'production' }],
    supplementaryConfiguration: {
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: `arn:aws:kms:${region}:${account}:key/1234` } }] },
      BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: null },
      BucketLoggingConfiguration: { destinationBucketName: 'access-logs', logFilePrefix: 'x/' },
      PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      BucketLifecycleConfiguration: { rules: [{ id: 'tier', status: 'Enabled', filter: { predicate: { type: 'LifecyclePrefixPredicate', prefix: 'logs/' } }, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expirationInDays: 365 },
        // A filter narrowed by a tag and a size covers only some objects: kept, so the lifecycle check can tell.
        { id: 'web', status: 'Enabled', filter: { predicate: { type: 'LifecycleAndOperator', operands: [{ type: 'LifecyclePrefixPredicate', prefix: 'tmp/' }, { type: 'LifecycleTagPredicate', tag: { key: 'team', value: 'web' } }], objectSizeGreaterThan: 1024 } }, expirationInDays: 7 }] },
      // Config reports the policy as text.
      BucketPolicy: { policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) },
      ...extra,
    },
  });

describe('AWS Config source', () => {
  it('uses SelectResourceConfig where a recorder records buckets, paging by NextToken', async () => {
    configMock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] });
    configMock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }] });
    configMock
      .on(SelectResourceConfigCommand)
      .resolvesOnce({ Results: [bucketItem(PROD, 'us-east-1', 'a-bucket')], NextToken: 'page-2' })
      .resolvesOnce({ Results: [bucketItem(PROD, 'us-east-1', 'b-bucket', { BucketVersioningConfiguration: { status: 'Off' } })] });
    const s = session();
    const served = await collectConfig(s, { accountId: PROD, region: 'us-east-1' });
    expect([...served]).toEqual(['AWS::S3::Bucket']);
    const selects = configMock.commandCalls(SelectResourceConfigCommand);
    expect(selects).toHaveLength(2);
    expect(selects[1]!.args[0].input.NextToken).toBe('page-2');
    expect(selects[0]!.args[0].input.Expression).toContain("resourceType = 'AWS::S3::Bucket'");
    const a = s.resources.get('arn:aws:s3:::a-bucket')!;
    expect(a.tags).toEqual({ env: 'production' });
    expect(a.config).toMatchObject({
      versioning: 'Enabled',
      tlsOnly: true,
      logging: { enabled: true, targetBucket: 'access-logs' },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: `arn:aws:kms:us-east-1:${PROD}:key/1234` },
      lifecycle: {
        rules: [
          { id: 'tier', enabled: true, prefix: 'logs/', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expirationDays: 365 },
          { id: 'web', enabled: true, prefix: 'tmp/', objectFilter: ['tag team=web', 'size > 1024 bytes'], transitions: [], expirationDays: 7 },
        ],
      },
    });
    expect(s.resources.get('arn:aws:s3:::b-bucket')!.config.versioning).toBe('Off');
    expect(s.coverage).toEqual([{ accountId: PROD, region: 'us-east-1', source: 'config', types: ['AWS::S3::Bucket'] }]);
  });

  it('falls back to describes when no recorder records', async () => {
    configMock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    configMock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    const s = session();
    expect((await collectConfig(s, { accountId: PROD, region: 'us-east-1' })).size).toBe(0);
    expect(configMock.commandCalls(SelectResourceConfigCommand)).toHaveLength(0);
    expect(s.errors).toEqual([]);
  });

  it('falls back when the recorder excludes buckets', async () => {
    configMock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: false, resourceTypes: ['AWS::EC2::Instance'] } }] });
    configMock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    expect((await collectConfig(session(), { accountId: PROD, region: 'us-east-1' })).size).toBe(0);
  });

  it('records a failed query as a collection error of Config alone and serves nothing (the describes read the buckets)', async () => {
    configMock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default' }] });
    configMock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    configMock.on(SelectResourceConfigCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const s = session();
    expect((await collectConfig(s, { accountId: PROD, region: 'us-east-1' })).size).toBe(0);
    expect(s.errors).toEqual([expect.objectContaining({ service: 'config', operation: 'SelectResourceConfig', code: 'AccessDeniedException', affects: ['config'] })]);
  });

  it('queries an aggregator once for the organisation and keeps only accounts and regions in scope', async () => {
    configMock.on(SelectAggregateResourceConfigCommand).resolves({
      Results: [bucketItem(PROD, 'us-east-1', 'org-a'), bucketItem(STAGING, 'eu-west-1', 'org-b'), bucketItem('999999999999', 'us-east-1', 'not-ours')],
      QueryInfo: { SelectFields: [{ Name: 'resourceId' }] },
    });
    const s = session();
    const plans = [
      { accountId: PROD, regions: ['us-east-1'] },
      { accountId: STAGING, regions: ['eu-west-1', 'us-east-1'] },
    ];
    const covered = await collectAggregate(s, { accountId: PROD, region: 'us-east-1' }, 'org-aggregator', plans);
    expect([...covered].sort()).toEqual([`${STAGING}/eu-west-1`, `${PROD}/us-east-1`].sort());
    expect(configMock.commandCalls(SelectAggregateResourceConfigCommand)[0]!.args[0].input.ConfigurationAggregatorName).toBe('org-aggregator');
    expect([...s.resources.keys()].sort()).toEqual(['arn:aws:s3:::org-a', 'arn:aws:s3:::org-b']);
    expect(s.resources.get('arn:aws:s3:::org-b')!.region).toBe('eu-west-1');
  });
});
