// Coverage gaps: what collection could not list becomes one not-evaluated result per rule,
// type and account/region, never a silent pass.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { coverageGaps, coverageTypes, shardMarkedTypes } from '../../src/engine/coverage-gaps.js';
import { SpecLocator } from '../../src/engine/spec-location.js';
import type { RuleMeta } from '../../src/model/result.js';
import { shardMarker } from '../../src/model/shard-marker.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { LoadedSpec } from '../../src/model/spec.js';
import { fingerprint } from '../../src/util/fingerprint.js';
import { baseSpec, envSpec, loaded, NOW, PROD_ACCOUNT, prod, snapshot, STAGING_ACCOUNT } from './helpers.js';

const SHARED_ACCOUNT = '333333333333';

const meta: RuleMeta = {
  id: 'bucket-encryption',
  title: 'Buckets are encrypted',
  category: 'encryption',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  description: '',
  remediation: '',
  requirement: '/environments/*/encryption/atRest',
  docs: '',
  origin: 'builtin',
} as RuleMeta;

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

/** production in PROD_ACCOUNT (us-east-1), staging in STAGING_ACCOUNT (any region), both in SHARED_ACCOUNT. */
function spec(): LoadedSpec {
  const s = baseSpec({
    environments: {
      production: envSpec({ accounts: [{ id: PROD_ACCOUNT }, { id: SHARED_ACCOUNT }], regions: ['us-east-1'] }),
      staging: envSpec({ accounts: [{ id: STAGING_ACCOUNT }, { id: SHARED_ACCOUNT }], regions: [] }),
    },
  });
  const l = loaded(s);
  l.positions = { '/environments/production/encryption': { line: 7, column: 3 }, '/environments': { line: 2, column: 1 } };
  return l;
}

function gaps(errors: CollectionError[], types: string[], l = spec()) {
  const ctx = buildContext(l, snapshot([prod('AWS::S3::Bucket', 'seen')], { errors }), NOW);
  return coverageGaps(meta, types, ctx, new SpecLocator(l));
}

describe('coverageTypes', () => {
  it('adds the types and the * that errors left unlisted to those present, sorted, once each', () => {
    const l = spec();
    const errors = [
      err({ affects: ['AWS::SQS::Queue', 'iam-policies'] }),
      err({ affects: ['*'] }),
      err({ affects: ['AWS::S3::Bucket', 'costs', 'AWS::EC2::VPC'] }),
    ];
    const ctx = buildContext(l, snapshot([], { errors }), NOW);
    expect(coverageTypes(ctx, ['AWS::S3::Bucket', 'AWS::Lambda::Function'])).toEqual(['*', 'AWS::EC2::VPC', 'AWS::Lambda::Function', 'AWS::S3::Bucket', 'AWS::SQS::Queue']);
    expect(coverageTypes(buildContext(l, snapshot([]), NOW), ['AWS::SQS::Queue', 'AWS::S3::Bucket'])).toEqual(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
  });
});

describe('shardMarkedTypes', () => {
  it('keeps those of the types a shard marker left to another shard, in their order', () => {
    const errors = [shardMarker(PROD_ACCOUNT, ['AWS::IAM::Role', 'AWS::Route53::HostedZone']), err({ affects: ['AWS::S3::Bucket'] })];
    const ctx = buildContext(spec(), snapshot([], { errors }), NOW);
    expect(shardMarkedTypes(ctx, ['AWS::S3::Bucket', 'AWS::Route53::HostedZone', 'AWS::IAM::Role', 'AWS::IAM::User'])).toEqual(['AWS::Route53::HostedZone', 'AWS::IAM::Role']);
    expect(shardMarkedTypes(buildContext(spec(), snapshot([]), NOW), ['AWS::IAM::Role'])).toEqual([]);
  });
});

describe('coverageGaps', () => {
  it('gives one not-evaluated result for a type that could not be listed', () => {
    expect(gaps([err({})], ['AWS::S3::Bucket'])).toStrictEqual([
      {
        ruleId: 'bucket-encryption',
        status: 'not-evaluated',
        severity: 'high',
        category: 'encryption',
        resource: {
          arn: `arn:aws:envgate:us-east-1:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`,
          accountId: PROD_ACCOUNT,
          region: 'us-east-1',
          type: 'AWS::S3::Bucket',
          name: `AWS::S3::Bucket in ${PROD_ACCOUNT}/us-east-1`,
          environment: 'production',
        },
        environments: ['production'],
        message: `AWS::S3::Bucket in account ${PROD_ACCOUNT} region us-east-1 could not be inventoried; "Buckets are encrypted" not evaluated there`,
        evidence: {},
        fingerprint: fingerprint('bucket-encryption', `arn:aws:envgate:us-east-1:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`),
        reason: `collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`,
        specLocation: { file: 'envgate.yaml', line: 7, column: 3, path: '/environments/production/encryption' },
      },
    ]);
  });

  it('words an unreadable account as every type, and a shard marker as not collected here', () => {
    const [account] = gaps([err({ region: 'global', service: 'sts', operation: 'AssumeRole', affects: ['*'] })], ['*']);
    expect(account!.resource).toStrictEqual({
      arn: `arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/*`,
      accountId: PROD_ACCOUNT,
      region: 'global',
      type: '*',
      name: `every type in ${PROD_ACCOUNT}/global`,
      environment: 'production',
    });
    expect(account!.message).toBe(`Account ${PROD_ACCOUNT} region global could not be inventoried; "Buckets are encrypted" not evaluated there`);
    expect(account!.reason).toBe(`collection error sts:AssumeRole AccessDenied in ${PROD_ACCOUNT}/global: denied`);

    const [marked] = gaps([shardMarker(STAGING_ACCOUNT, ['AWS::IAM::Role'])], ['AWS::IAM::Role']);
    expect(marked!.resource.arn).toBe(`arn:aws:envgate:global:${STAGING_ACCOUNT}:coverage/AWS::IAM::Role`);
    expect(marked!.resource.environment).toBe('staging');
    expect(marked!.message).toBe(`AWS::IAM::Role in account ${STAGING_ACCOUNT} was not collected in this shard (--global); "Buckets are encrypted" not evaluated there`);
    expect(marked!.reason).toBe(`global services not collected in this shard (--global): account ${STAGING_ACCOUNT}`);
  });

  it('skips errors about one resource, and types without errors', () => {
    expect(gaps([err({ resourceArn: 'arn:aws:s3:::seen', operation: 'GetBucketEncryption' })], ['AWS::S3::Bucket'])).toEqual([]);
    expect(gaps([err({})], ['AWS::SQS::Queue'])).toEqual([]);
  });

  it('gives each type, account and region its own gap, once, in type then error order', () => {
    const errors = [
      err({ affects: ['AWS::S3::Bucket', 'AWS::SQS::Queue'] }),
      err({ operation: 'GetBucketLocation', affects: ['AWS::S3::Bucket'] }), // same gap again
      err({ region: 'eu-west-1', affects: ['AWS::S3::Bucket'] }),
      err({ accountId: STAGING_ACCOUNT, affects: ['AWS::S3::Bucket'] }),
    ];
    expect(gaps(errors, ['AWS::SQS::Queue', 'AWS::S3::Bucket']).map((r) => [r.resource.arn, r.reason])).toEqual([
      [`arn:aws:envgate:us-east-1:${PROD_ACCOUNT}:coverage/AWS::SQS::Queue`, `collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`],
      [`arn:aws:envgate:us-east-1:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`, `collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`],
      [`arn:aws:envgate:eu-west-1:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`, `collection error s3:ListBuckets AccessDenied in ${PROD_ACCOUNT}/eu-west-1: denied`],
      [`arn:aws:envgate:us-east-1:${STAGING_ACCOUNT}:coverage/AWS::S3::Bucket`, `collection error s3:ListBuckets AccessDenied in ${STAGING_ACCOUNT}/us-east-1: denied`],
    ]);
  });

  it('an unreadable account gives a gap for each type asked, and for * once', () => {
    const errors = [err({ region: 'global', affects: ['*'] })];
    expect(gaps(errors, ['AWS::S3::Bucket', '*', 'AWS::SQS::Queue']).map((r) => r.resource.arn)).toEqual([
      `arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`,
      `arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/*`,
      `arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/AWS::SQS::Queue`,
    ]);
  });

  it('gives the gap the one environment of its account and region, else none', () => {
    const envOf = (accountId: string, region: string) => gaps([err({ accountId, region })], ['AWS::S3::Bucket'])[0]!;
    // production lists us-east-1 only; staging lists no regions (every region).
    expect(envOf(PROD_ACCOUNT, 'us-east-1').resource.environment).toBe('production');
    expect(envOf(PROD_ACCOUNT, 'global').resource.environment).toBe('production');
    expect(envOf(PROD_ACCOUNT, 'eu-west-1').resource.environment).toBeNull();
    expect(envOf(STAGING_ACCOUNT, 'eu-west-1').resource.environment).toBe('staging');
    // The shared account is in both: no one environment, unless the region rules one out.
    expect(envOf(SHARED_ACCOUNT, 'us-east-1').resource.environment).toBeNull();
    expect(envOf(SHARED_ACCOUNT, 'eu-west-1').resource.environment).toBe('staging');
    expect(envOf('444444444444', 'us-east-1').resource.environment).toBeNull();
    const none = envOf(PROD_ACCOUNT, 'eu-west-1');
    expect(none.environments).toEqual([]);
    // No environment: the requirement resolves no further than /environments.
    expect(none.specLocation).toEqual({ file: 'envgate.yaml', line: 2, column: 1, path: '/environments' });
  });

  it('has no spec location when the spec has none for the requirement', () => {
    const l = spec();
    l.positions = {};
    const [gap] = gaps([err({})], ['AWS::S3::Bucket'], l);
    expect(gap).not.toHaveProperty('specLocation');
  });
});
