// S3 Intelligent-Tiering configurations on the response shapes of the S3 API reference
// (aws-sdk-client-mock): moto 5 does not serve ListBucketIntelligentTieringConfigurations
// (it answers the request as an object listing, with no configuration list).
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());
const ACCOUNT = '123456789012';
const run = REGIONAL_SOURCES.find((s) => s.name === 's3')!.run;
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const tiering = (Id: string, Status: 'Enabled' | 'Disabled') => ({ Id, Status, Tierings: [{ Days: 90, AccessTier: 'ARCHIVE_ACCESS' as const }] });

function answerTheRest(): void {
  s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [] });
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
  s3.on(GetBucketPolicyCommand).rejects(Object.assign(new Error('none'), { name: 'NoSuchBucketPolicy' }));
}

describe('S3 Intelligent-Tiering configurations on recorded response shapes', () => {
  it('keeps the ids of the enabled configurations, over every page', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'archive', BucketRegion: 'us-west-2' }, { Name: 'plain', BucketRegion: 'us-west-2' }] });
    answerTheRest();
    s3.on(ListBucketIntelligentTieringConfigurationsCommand, { Bucket: 'archive' })
      .resolvesOnce({ IsTruncated: true, NextContinuationToken: 'page-2', IntelligentTieringConfigurationList: [tiering('deep-180', 'Enabled'), tiering('old', 'Disabled')] })
      .resolvesOnce({ IsTruncated: false, IntelligentTieringConfigurationList: [tiering('archive-90', 'Enabled')] });
    s3.on(ListBucketIntelligentTieringConfigurationsCommand, { Bucket: 'plain' }).resolves({ IsTruncated: false });
    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-west-2' });
    expect(s.errors).toEqual([]);
    expect(s.resources.get('arn:aws:s3:::archive')!.config.intelligentTiering).toEqual({ enabled: true, ids: ['archive-90', 'deep-180'] });
    expect(s.resources.get('arn:aws:s3:::plain')!.config.intelligentTiering).toEqual({ enabled: false, ids: [] });
    expect(s3.commandCalls(ListBucketIntelligentTieringConfigurationsCommand, { Bucket: 'archive' }).map((c) => c.args[0].input.ContinuationToken)).toEqual([undefined, 'page-2']);
  });

  it('leaves the field out and records the error, naming the bucket, when the call is denied', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'denied', BucketRegion: 'us-west-2' }] });
    answerTheRest();
    s3.on(ListBucketIntelligentTieringConfigurationsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-west-2' });
    expect('intelligentTiering' in s.resources.get('arn:aws:s3:::denied')!.config).toBe(false);
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['ListBucketIntelligentTieringConfigurations', 'AccessDenied', 'arn:aws:s3:::denied']]);
  });
});
