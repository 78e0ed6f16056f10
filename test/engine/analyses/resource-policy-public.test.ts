// resource-policy-public through the engine, beyond resource-policies.test.ts: the exact
// outcome of each case (evidence, spec path), AWS managed keys, collection errors, the
// wording of several statements and actions, which resources are read, and summary mode.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { dp } from '../../rules/rule-tester.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot } from '../helpers.js';

const RULE = loadRules().find((r) => r.meta.id === 'resource-policy-public')!;
const BUCKET = 'AWS::S3::Bucket';
const KEY = 'AWS::KMS::Key';
const EXPECTED = 'no Allow statement for everyone without a condition';
const PATH = '/environments/production/dataProtection/publicPolicies';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const world = (Sid: string, Action: string | string[], extra: Record<string, unknown> = {}) => ({ Sid, Effect: 'Allow', Principal: '*', Action, ...extra });

function run(resources: Resource[], errors: CollectionError[] = [], passes: 'all' | 'summary' = 'all') {
  const spec = baseSpec();
  // Set (to false) so the results' spec location is the requirement itself.
  spec.environments.production!.dataProtection = dp({ publicPolicies: false });
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now: NOW, passes });
  const by = Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
  return { by, passCounts: ev.passCounts };
}

describe('resource-policy-public outcomes', () => {
  it('a bucket with no policy recorded passes; a policy with only conditional grants passes, saying so', () => {
    const { by } = run([
      prod(BUCKET, 'plain'),
      prod(BUCKET, 'guarded', { config: { policy: doc(world('Vpce', 's3:GetObject', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })) } }),
    ]);
    expect(by.plain).toEqual({ status: 'pass', message: "AWS::S3::Bucket 'plain': no resource policy", evidence: { observed: [], expected: EXPECTED }, reason: undefined, path: PATH });
    expect(by.guarded).toEqual({ status: 'pass', message: "AWS::S3::Bucket 'guarded': no statement admits everyone unconditionally", evidence: { observed: [], expected: EXPECTED }, reason: undefined, path: PATH });
  });

  it('names every public statement with its actions, and the public principal among others', () => {
    const policy = doc(
      world('Read', ['s3:GetObject', 's3:ListBucket']),
      { Sid: 'Mixed', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:role/app', '*'] }, Action: 's3:PutObject' },
      { Sid: 'AllBut', Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteBucket' },
    );
    const { by } = run([prod(BUCKET, 'open', { config: { policy } })]);
    expect(by.open).toEqual({
      status: 'fail',
      message: "AWS::S3::Bucket 'open': Sid Read (s3:GetObject, s3:ListBucket); Sid Mixed (s3:PutObject); Sid AllBut (NotAction s3:DeleteBucket) admits everyone with no condition",
      evidence: {
        observed: [
          { statement: 'Sid Read', principal: '*', actions: ['s3:GetObject', 's3:ListBucket'] },
          { statement: 'Sid Mixed', principal: '*', actions: ['s3:PutObject'] },
          { statement: 'Sid AllBut', principal: '*', actions: ['NotAction s3:DeleteBucket'] },
        ],
        expected: EXPECTED,
      },
      reason: undefined,
      path: PATH,
    });
  });

  it('a bucket whose public access block restricts public buckets passes, naming the statement', () => {
    const pab = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: true };
    const { by } = run([prod(BUCKET, 'restricted', { config: { policy: doc(world('World', 's3:GetObject')), publicAccessBlock: pab } })]);
    expect(by.restricted).toEqual({
      status: 'pass',
      message: "AWS::S3::Bucket 'restricted': Sid World (s3:GetObject) admits everyone, but RestrictPublicBuckets stops S3 honouring it",
      evidence: { observed: [{ statement: 'Sid World', principal: '*', actions: ['s3:GetObject'] }], expected: EXPECTED, restrictPublicBuckets: true },
      reason: undefined,
      path: PATH,
    });
  });

  it('an AWS managed key passes without its policy; a customer key without one is not evaluated', () => {
    const { by } = run([prod(KEY, 'aws-s3', { config: { keyManager: 'AWS' } }), prod(KEY, 'cmk', { config: { keyManager: 'CUSTOMER' } })]);
    expect(by['aws-s3']).toEqual({ status: 'pass', message: "AWS managed key 'aws-s3': its policy is AWS's and admits only its service", evidence: { observed: 'aws-managed-key', expected: EXPECTED }, reason: undefined, path: PATH });
    expect(by.cmk).toEqual({ status: 'not-evaluated', message: "AWS::KMS::Key 'cmk': resource policy not in the snapshot", evidence: {}, reason: 'config.policy not collected', path: PATH });
  });

  it('a failed policy listing leaves the resource not evaluated', () => {
    const err: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 's3', operation: 'GetBucketPolicy', code: 'AccessDenied', message: 'denied', affects: [BUCKET] };
    const { by } = run([prod(BUCKET, 'b', { config: { policy: doc(world('World', 's3:GetObject')) } })], [err]);
    expect(by.b).toEqual({
      status: 'not-evaluated',
      message: "AWS::S3::Bucket 'b': resource policy not evaluated",
      evidence: {},
      reason: 'collection error s3:GetBucketPolicy AccessDenied in 111111111111/us-east-1: denied',
      path: PATH,
    });
  });

  it('a resource of no environment is judged too; types without a resource policy are not', () => {
    const { by } = run([res(BUCKET, 'loose', { config: { policy: doc(world('World', 's3:GetObject')) } }), prod('AWS::EC2::Instance', 'vm')]);
    expect(Object.keys(by)).toEqual(['loose']);
    expect(by.loose).toMatchObject({ status: 'fail', message: "AWS::S3::Bucket 'loose': Sid World (s3:GetObject) admits everyone with no condition" });
  });

  it('summary mode counts the passes and keeps the failures', () => {
    const { by, passCounts } = run([prod(BUCKET, 'plain'), prod(BUCKET, 'open', { config: { policy: doc(world('World', 's3:GetObject')) } })], [], 'summary');
    expect(Object.keys(by)).toEqual(['open']);
    expect(passCounts).toEqual([{ ruleId: 'resource-policy-public', environment: 'production', passes: 1 }]);
  });
});
