// Collection errors as results read them: one wording, the listing gaps that may hide a
// resource's environment, the type-level index, and a not-evaluated check's reason.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { describeError, listingGaps, reasonFor, typeErrorsOf, typeLevelErrors } from '../../src/engine/collection-errors.js';
import { shardMarker } from '../../src/model/shard-marker.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, snapshot, STAGING_ACCOUNT } from './helpers.js';

const err = (over: Partial<CollectionError>): CollectionError => ({
  accountId: PROD_ACCOUNT,
  region: 'us-east-1',
  service: 's3',
  operation: 'ListBuckets',
  code: 'AccessDenied',
  message: 'denied',
  affects: ['AWS::S3::Bucket'],
  ...over,
});

describe('describeError', () => {
  it('names service, operation, code, account, region and message, and the resource when there is one', () => {
    expect(describeError(err({}))).toBe(`collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`);
    expect(describeError(err({ operation: 'GetBucketEncryption', code: 'Throttling', message: 'slow down', resourceArn: 'arn:aws:s3:::b' }))).toBe(
      `collection error s3:GetBucketEncryption Throttling in ${PROD_ACCOUNT}/us-east-1 for arn:aws:s3:::b: slow down`,
    );
  });

  it('words a shard marker as what it is, not as a failed call', () => {
    expect(describeError(shardMarker(STAGING_ACCOUNT, ['AWS::IAM::Role']))).toBe(`global services not collected in this shard (--global): account ${STAGING_ACCOUNT}`);
    // Only envgate's own marker code: another envgate error is a failed call.
    expect(describeError(err({ service: 'envgate', operation: 'shard', code: 'Other', message: 'm' }))).toBe(`collection error envgate:shard Other in ${PROD_ACCOUNT}/us-east-1: m`);
  });
});

describe('listingGaps', () => {
  const queue = { accountId: PROD_ACCOUNT, region: 'us-east-1', type: 'AWS::SQS::Queue' };

  it('keeps type-level errors of other types in the resource account and region, or global', () => {
    const s3 = err({});
    const global = err({ region: 'global', affects: ['AWS::CloudFront::Distribution'] });
    const account = err({ region: 'global', service: 'sts', affects: ['*'] });
    expect(listingGaps([s3, global, account], queue)).toEqual([s3, global, account]);
  });

  it('leaves out errors of another account or region, of one resource, of its own type, of IAM, and of data areas', () => {
    const errors = [
      err({ accountId: STAGING_ACCOUNT }),
      err({ region: 'eu-west-1' }),
      err({ resourceArn: 'arn:aws:s3:::b' }),
      err({ affects: ['AWS::SQS::Queue'] }),
      err({ affects: ['AWS::IAM::Role', 'AWS::IAM::User'] }),
      err({ affects: ['iam-policies', 'costs'] }),
    ];
    expect(listingGaps(errors, queue)).toEqual([]);
    // One other type among them is enough.
    const mixed = err({ affects: ['AWS::SQS::Queue', 'costs', 'AWS::SNS::Topic'] });
    expect(listingGaps([mixed], queue)).toEqual([mixed]);
  });
});

describe('typeLevelErrors and typeErrorsOf', () => {
  const s3a = err({});
  const s3b = err({ operation: 'GetBucketLocation', affects: ['AWS::S3::Bucket', 'AWS::SQS::Queue'] });
  const one = err({ resourceArn: 'arn:aws:s3:::b' });
  const stg = err({ accountId: STAGING_ACCOUNT });
  const all = err({ region: 'global', service: 'sts', affects: ['*'] });
  // Built in each test: Stryker runs a mutant only within tests.
  const index = () => typeLevelErrors([s3a, one, s3b, stg, all]);

  it('index errors that name no resource by type (or area) and account, in error order', () => {
    const m = index();
    expect([...m.keys()]).toEqual([`AWS::S3::Bucket\u0000${PROD_ACCOUNT}`, `AWS::SQS::Queue\u0000${PROD_ACCOUNT}`, `AWS::S3::Bucket\u0000${STAGING_ACCOUNT}`, `*\u0000${PROD_ACCOUNT}`]);
    expect(m.get(`AWS::S3::Bucket\u0000${PROD_ACCOUNT}`)).toEqual([s3a, s3b]);
    expect(m.get(`AWS::SQS::Queue\u0000${PROD_ACCOUNT}`)).toEqual([s3b]);
  });

  it("give a type's errors in an account, with the unreachable account's after them", () => {
    const m = index();
    expect(typeErrorsOf(m, 'AWS::S3::Bucket', PROD_ACCOUNT)).toEqual([s3a, s3b, all]);
    expect(typeErrorsOf(m, 'AWS::SNS::Topic', PROD_ACCOUNT)).toEqual([all]);
    expect(typeErrorsOf(m, 'AWS::S3::Bucket', STAGING_ACCOUNT)).toEqual([stg]);
    expect(typeErrorsOf(m, 'AWS::SQS::Queue', STAGING_ACCOUNT)).toBeUndefined();
    // '*' itself: the account's errors once.
    expect(typeErrorsOf(m, '*', PROD_ACCOUNT)).toEqual([all]);
  });
});

describe('reasonFor', () => {
  const bucket = prod('AWS::S3::Bucket', 'data');
  const ctxWith = (errors: CollectionError[]) => buildContext(loaded(baseSpec()), snapshot([bucket], { errors }), NOW);

  it('names what was missing, once each, then the errors that lost it', () => {
    const listing = err({});
    const detail = err({ operation: 'GetBucketEncryption', resourceArn: bucket.arn });
    const other = err({ operation: 'GetBucketPolicy', resourceArn: 'arn:aws:s3:::other' });
    const t = { leaves: [], missing: ['config.encryption', 'config.versioning', 'config.encryption'] };
    expect(reasonFor(t, bucket, ctxWith([listing, other, detail]))).toBe(
      `config.encryption; config.versioning; collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied; collection error s3:GetBucketEncryption AccessDenied in ${PROD_ACCOUNT}/us-east-1 for ${bucket.arn}: denied`,
    );
  });

  it('reads only errors of the resource type, account and region', () => {
    const t = { leaves: [], missing: [] };
    expect(reasonFor(t, bucket, ctxWith([err({ accountId: STAGING_ACCOUNT }), err({ region: 'eu-west-1' }), err({ affects: ['AWS::SQS::Queue'] })]))).toBe('required data missing');
    expect(reasonFor({ leaves: [], missing: ['config.x'] }, bucket, ctxWith([]))).toBe('config.x');
  });
});
