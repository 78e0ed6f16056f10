// findTagGaps and settleUnknownTags on their own: which resources have unknown tags and
// why, and how a rule's results change for them (and for analyses reading their account).
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { RefCache } from '../../src/engine/results.js';
import { findTagGaps, settleUnknownTags } from '../../src/engine/unknown-tags.js';
import type { Result, RuleMeta } from '../../src/model/result.js';
import type { CollectionError, Resource } from '../../src/model/snapshot.js';
import { fingerprint } from '../../src/util/fingerprint.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const tagging = (over: Partial<CollectionError> = {}): CollectionError => ({
  accountId: PROD_ACCOUNT,
  region: 'us-east-1',
  service: 'tagging',
  operation: 'GetResources',
  code: 'AccessDenied',
  message: 'denied',
  affects: ['tags', 'tags:AWS::SQS::Queue'],
  ...over,
});
const TAGGING = `collection error tagging:GetResources AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`;
const typeReason = (type: string, where: string, error = TAGGING) => `tags of ${type} in ${where} could not be read, so its tags and environment are unknown: ${error}`;

function context(resources: Resource[], errors: CollectionError[]) {
  const snap = snapshot(resources, { errors });
  return { ctx: buildContext(loaded(baseSpec()), snap, NOW), at: (r: Resource) => snap.resources.indexOf(r) };
}

describe('findTagGaps', () => {
  const q1 = res('AWS::SQS::Queue', 'q1');
  const q2 = res('AWS::SQS::Queue', 'q2');
  const elsewhere = res('AWS::SQS::Queue', 'q3', { region: 'eu-west-1' });
  const staged = res('AWS::SQS::Queue', 'q4', { accountId: STAGING_ACCOUNT });
  const bucket = res('AWS::S3::Bucket', 'b1');

  it('is undefined when no error is about tags of a type', () => {
    expect(findTagGaps(context([q1], []).ctx)).toBeUndefined();
    expect(findTagGaps(context([q1], [tagging({ affects: ['tags', 'AWS::SQS::Queue'] })]).ctx)).toBeUndefined();
  });

  it('lists the resources of the type in the account and region of the error, in snapshot order', () => {
    const { ctx, at } = context([q1, q2, elsewhere, staged, bucket], [tagging()]);
    const gaps = findTagGaps(ctx)!;
    const reason = typeReason('AWS::SQS::Queue', `${PROD_ACCOUNT}/us-east-1`);
    expect(gaps.resources).toEqual([
      { position: at(q1), resource: q1, reason },
      { position: at(q2), resource: q2, reason },
    ]);
    expect(gaps.reasonAt(at(q1))).toBe(reason);
    expect(gaps.reasonAt(at(elsewhere))).toBeUndefined();
    expect(gaps.reasonAt(at(staged))).toBeUndefined();
    expect(gaps.reasonAt(at(bucket))).toBeUndefined();
    expect([...gaps.byAccount]).toEqual([[PROD_ACCOUNT, reason]]);
  });

  it("names the one resource whose own tag call failed, before its type's error", () => {
    const own = tagging({ service: 'sqs', operation: 'ListQueueTags', affects: ['tags:AWS::SQS::Queue'], resourceArn: q2.arn, message: 'throttled' });
    const stagedError = tagging({ accountId: STAGING_ACCOUNT, affects: ['tags:AWS::SQS::Queue'] });
    const { ctx, at } = context([q1, q2, staged, bucket], [own, tagging(), stagedError]);
    const gaps = findTagGaps(ctx)!;
    const first = typeReason('AWS::SQS::Queue', `${PROD_ACCOUNT}/us-east-1`);
    const second = `tags of 'q2' could not be read, so its tags and environment are unknown: collection error sqs:ListQueueTags AccessDenied in ${PROD_ACCOUNT}/us-east-1 for ${q2.arn}: throttled`;
    const third = typeReason('AWS::SQS::Queue', `${STAGING_ACCOUNT}/us-east-1`, `collection error tagging:GetResources AccessDenied in ${STAGING_ACCOUNT}/us-east-1: denied`);
    expect(gaps.resources.map((g) => [g.position, g.reason])).toEqual([
      [at(q1), first],
      [at(q2), second],
      [at(staged), third],
    ]);
    // One reason per account: its first resource's.
    expect([...gaps.byAccount]).toEqual([
      [PROD_ACCOUNT, first],
      [STAGING_ACCOUNT, third],
    ]);
  });

  it('a resource error alone lists that resource only', () => {
    const own = tagging({ affects: ['tags:AWS::SQS::Queue'], resourceArn: q1.arn });
    const { ctx, at } = context([q1, q2], [own]);
    expect(findTagGaps(ctx)!.resources.map((g) => g.position)).toEqual([at(q1)]);
  });
});

const meta: RuleMeta = {
  id: 'queue-rule',
  title: 'Queues are fine',
  category: 'encryption',
  severity: 'medium',
  resourceTypes: ['AWS::SQS::Queue'],
  description: '',
  remediation: '',
  requirement: '/environments',
  docs: '',
  origin: 'builtin',
} as RuleMeta;

function result(r: Resource, status: Result['status'], over: Partial<Result> = {}): Result {
  return {
    ruleId: meta.id,
    status,
    severity: meta.severity,
    category: meta.category,
    resource: { arn: r.arn, accountId: r.accountId, region: r.region, type: r.type, name: r.name, environment: null },
    environments: [],
    message: `${status} on ${r.name}`,
    evidence: { observed: 1 },
    fingerprint: fingerprint(meta.id, r.arn),
    ...over,
  };
}

describe('settleUnknownTags', () => {
  const blind = res('AWS::SQS::Queue', 'blind');
  const unjudged = res('AWS::SQS::Queue', 'unjudged');
  const seen = prod('AWS::SQS::Queue', 'seen', { accountId: STAGING_ACCOUNT });
  const sameAccount = prod('AWS::S3::Bucket', 'near');
  const setup = () => {
    const { ctx } = context([blind, unjudged, seen, sameAccount], [tagging()]);
    return { ctx, gaps: findTagGaps(ctx)!, refs: new RefCache(ctx) };
  };
  const REASON = typeReason('AWS::SQS::Queue', `${PROD_ACCOUNT}/us-east-1`);
  const settled = (r: Resource, reason = REASON): Result => ({
    ...result(r, 'not-evaluated'),
    message: `"Queues are fine" not evaluated on AWS::SQS::Queue '${r.name}': its tags could not be read`,
    evidence: {},
    reason,
  });

  it('per resource: a judgement of a resource with unknown tags becomes not-evaluated, without waiver or baseline', () => {
    const { ctx, gaps, refs } = setup();
    const input = [result(blind, 'fail', { waiver: { reason: 'r', owner: 'o', expires: '2099-01-01' } as Result['waiver'], baseline: 'existing' }), result(seen, 'pass'), result(sameAccount, 'fail')];
    const out = settleUnknownTags(input, { meta, perResource: true }, gaps, ctx, refs);
    expect(out.slice(0, 3)).toStrictEqual([settled(blind), result(seen, 'pass'), result(sameAccount, 'fail')]);
  });

  it('per resource: adds a not-evaluated result for each resource of its types it said nothing about', () => {
    const { ctx, gaps, refs } = setup();
    const out = settleUnknownTags([result(blind, 'pass')], { meta, perResource: true }, gaps, ctx, refs);
    expect(out).toStrictEqual([settled(blind), settled(unjudged)]);
    // Not for types the rule does not judge, nor for types it ignores.
    const buckets = { ...meta, resourceTypes: ['AWS::S3::Bucket'] };
    expect(settleUnknownTags([], { meta: buckets, perResource: true }, gaps, ctx, refs)).toEqual([]);
    expect(settleUnknownTags([], { meta, perResource: true, ignoreTypes: ['AWS::SQS::Queue'] }, gaps, ctx, refs)).toEqual([]);
    // '*' judges every type.
    const every = { ...meta, resourceTypes: ['*'] };
    expect(settleUnknownTags([], { meta: every, perResource: true }, gaps, ctx, refs).map((r) => r.resource.name)).toEqual(['blind', 'unjudged']);
  });

  it('keeps not-evaluated results and left-out passes as they are', () => {
    const { ctx, gaps, refs } = setup();
    const ne = result(blind, 'not-evaluated', { reason: 'own reason' });
    const exempt = result(unjudged, 'pass', { evidence: { observed: 'default-vpc', expected: 'x', exempt: { kind: 'furniture' } } });
    expect(settleUnknownTags([ne, exempt], { meta, perResource: true }, gaps, ctx, refs)).toStrictEqual([ne, exempt]);
  });

  it("across resources: every judgement in an account with unknown tags becomes not-evaluated, others stay", () => {
    const { ctx, gaps, refs } = setup();
    const near = result(sameAccount, 'pass');
    const out = settleUnknownTags([near, result(seen, 'fail'), result(blind, 'not-evaluated', { reason: 'r' })], { meta, perResource: false }, gaps, ctx, refs);
    expect(out).toStrictEqual([
      { ...near, status: 'not-evaluated', message: `"Queues are fine" not evaluated on AWS::S3::Bucket 'near': its tags could not be read`, evidence: {}, reason: REASON },
      result(seen, 'fail'),
      result(blind, 'not-evaluated', { reason: 'r' }),
    ]);
  });

  it('across resources: a result about no account (a principal, an environment) takes the first account reason', () => {
    const { ctx, gaps, refs } = setup();
    const env = { ...result(blind, 'fail'), resource: { arn: 'arn:aws:envgate:::environment/production', accountId: '', region: '', type: 'Environment', name: 'production', environment: 'production' } };
    const other = { ...env, resource: { ...env.resource, accountId: '999999999999' } };
    const out = settleUnknownTags([env, other], { meta, perResource: false }, gaps, ctx, refs);
    expect(out.map((r) => [r.status, r.reason])).toEqual([
      ['not-evaluated', REASON],
      ['fail', undefined],
    ]);
  });

  it('adds one not-evaluated result per ARN, also for a duplicated one', () => {
    const snap = snapshot([blind], { errors: [tagging()] });
    snap.resources.push({ ...blind, name: 'blind-copy' });
    const ctx = buildContext(loaded(baseSpec()), snap, NOW);
    const out = settleUnknownTags([], { meta, perResource: true }, findTagGaps(ctx)!, ctx, new RefCache(ctx));
    expect(out.map((r) => [r.resource.arn, r.resource.name, r.status])).toEqual([[blind.arn, 'blind', 'not-evaluated']]);
  });
});
