// retention.s3Lifecycle: transitions onOrBefore (default) or exact, expiration exact
// (default) or atLeast, and the requirement's prefix against each lifecycle rule's scope.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { S3LifecycleRequirement } from '../../../src/model/spec.js';
import type { S3BucketConfig } from '../../../src/model/resource-config.js';
import type { CollectionError } from '../../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../helpers.js';

type LRule = S3BucketConfig['lifecycle']['rules'][number];
const RULE = loadRules().find((r) => r.meta.id === 's3-lifecycle')!;

function run(req: Partial<S3LifecycleRequirement>, buckets: Record<string, LRule[]>) {
  const spec = baseSpec();
  const full: S3LifecycleRequirement = { buckets: ['*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [], ...req };
  spec.environments.production!.retention = { logGroups: [], backups: [], s3Lifecycle: [full] };
  const resources = Object.entries(buckets).map(([name, rules]) => prod('AWS::S3::Bucket', name, { config: { lifecycle: { rules } } }));
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources), rules: [RULE], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence }]));
}

const rule = (id: string, over: Partial<LRule> = {}): LRule => ({ id, enabled: true, transitions: [], ...over });
const ia = (days: number) => ({ days, storageClass: 'STANDARD_IA' });

describe('s3-lifecycle modes', () => {
  it('transitions onOrBefore (default): an earlier transition satisfies, a later one does not', () => {
    const got = run({ transitions: [{ days: 30, storageClass: 'STANDARD_IA' }] }, { early: [rule('r', { transitions: [ia(10)] })], late: [rule('r', { transitions: [ia(45)] })] });
    expect(got.early!.status).toBe('pass');
    expect(got.late!.status).toBe('fail');
    expect(got.late!.message).toBe("AWS::S3::Bucket 'late': transition to STANDARD_IA after 45 days (production requires it by day 30)");
  });

  it('transitions exact: only the same day satisfies', () => {
    const got = run({ transitionMatch: 'exact', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }] }, { same: [rule('r', { transitions: [ia(30)] })], early: [rule('r', { transitions: [ia(10)] })] });
    expect(got.same!.status).toBe('pass');
    expect(got.early!.message).toBe("AWS::S3::Bucket 'early': transition to STANDARD_IA after 10 days (production requires it on day 30)");
  });

  it('expiration exact (default) and atLeast', () => {
    const buckets = { short: [rule('r', { expirationDays: 30 })], same: [rule('r', { expirationDays: 90 })], long: [rule('r', { expirationDays: 400 })], none: [rule('r')] };
    const exact = run({ expirationDays: 90 }, buckets);
    expect([exact.short!.status, exact.same!.status, exact.long!.status, exact.none!.status]).toEqual(['fail', 'pass', 'fail', 'fail']);
    expect(exact.long!.message).toBe("AWS::S3::Bucket 'long': objects expire after 400 days (production requires expiration on day 90)");
    const atLeast = run({ expirationDays: 90, expirationMatch: 'atLeast' }, buckets);
    expect([atLeast.short!.status, atLeast.same!.status, atLeast.long!.status, atLeast.none!.status]).toEqual(['fail', 'pass', 'pass', 'fail']);
    expect(atLeast.short!.message).toBe("AWS::S3::Bucket 'short': objects expire after 30 days (production requires expiration no earlier than day 90)");
    expect(atLeast.none!.message).toBe("AWS::S3::Bucket 'none': no expiration (production requires expiration no earlier than day 90)");
  });

  it('a rule scoped to a prefix does not cover the whole bucket or another prefix', () => {
    const scoped = [rule('logs-only', { prefix: 'logs/', expirationDays: 90 })];
    const whole = run({ expirationDays: 90 }, { scoped });
    expect(whole.scoped!.status).toBe('fail');
    expect(whole.scoped!.message).toBe("AWS::S3::Bucket 'scoped': no expiration, but rule 'logs-only' covers only prefix logs/ (production requires expiration on day 90)");
    expect(run({ prefix: 'data/', expirationDays: 90 }, { scoped }).scoped!.message).toBe(
      "AWS::S3::Bucket 'scoped': no expiration under data/, but rule 'logs-only' covers only prefix logs/ (production requires expiration on day 90)",
    );
    // The same prefix, a longer one inside it, and a whole-bucket rule all cover a prefix requirement.
    expect(run({ prefix: 'logs/', expirationDays: 90 }, { scoped }).scoped!.status).toBe('pass');
    expect(run({ prefix: 'logs/app/', expirationDays: 90 }, { scoped }).scoped!.status).toBe('pass');
    expect(run({ prefix: 'logs/', expirationDays: 90 }, { all: [rule('all', { expirationDays: 90 })] }).all!.status).toBe('pass');
  });

  it('a rule with a tag or size filter covers only some objects; disabled rules count for nothing', () => {
    const got = run({ expirationDays: 90 }, {
      tagged: [rule('t', { objectFilter: ['tag team=web'], expirationDays: 90 })],
      off: [rule('o', { enabled: false, expirationDays: 90 })],
    });
    expect(got.tagged!.message).toBe("AWS::S3::Bucket 'tagged': no expiration, but rule 't' covers only tag team=web (production requires expiration on day 90)");
    expect(got.off!.status).toBe('fail');
    expect(got.tagged!.evidence.observed).toEqual([{ id: 't', enabled: true, prefix: '', objectFilter: ['tag team=web'], transitions: [], expirationDays: 90 }]);
    expect(got.tagged!.evidence.expected).toEqual([{ prefix: '', transitions: [], transitionMatch: 'onOrBefore', expirationDays: 90, expirationMatch: 'exact' }]);
  });
});

describe('lifecycle rule scope from S3 filters', () => {
  it('keeps the prefix and names tag and size conditions', async () => {
    const { lifecycleFilter } = await import('../../../src/collect/sources/s3.js');
    expect(lifecycleFilter(undefined, [], undefined, undefined)).toEqual({});
    expect(lifecycleFilter('logs/', [], undefined, undefined)).toEqual({ prefix: 'logs/' });
    expect(lifecycleFilter('', [{ Key: 'team', Value: 'web' }], 10, 2048)).toEqual({ prefix: '', objectFilter: ['tag team=web', 'size > 10 bytes', 'size < 2048 bytes'] });
  });
});

describe('s3-lifecycle results in detail', () => {
  const req = (over: Partial<S3LifecycleRequirement>): S3LifecycleRequirement => ({ buckets: ['*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [], ...over });
  function detail(reqs: S3LifecycleRequirement[], resources: ReturnType<typeof prod>[], errors: CollectionError[] = []) {
    const spec = baseSpec();
    spec.environments.production!.retention = { logGroups: [], backups: [], s3Lifecycle: reqs };
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now: NOW });
    return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
  }
  const bucket = (name: string, rules?: LRule[]) => prod('AWS::S3::Bucket', name, { config: rules === undefined ? {} : { lifecycle: { rules } } });

  it('a pass names the requirement and lists every rule as observed', () => {
    const rules: LRule[] = [rule('keep', { transitions: [ia(10)], expirationDays: 90 }), rule('old', { enabled: false, prefix: 'tmp/', objectFilter: ['tag a=b'] })];
    const got = detail([req({ buckets: ['logs-*'], transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expirationDays: 90 })], [bucket('logs-a', rules), bucket('data', [])]);
    expect(got).toEqual({
      'logs-a': {
        status: 'pass',
        message: "AWS::S3::Bucket 'logs-a': lifecycle meets the retention requirement",
        evidence: {
          observed: [
            { id: 'keep', enabled: true, prefix: '', transitions: [ia(10)], expirationDays: 90 },
            { id: 'old', enabled: false, prefix: 'tmp/', objectFilter: ['tag a=b'], transitions: [] },
          ],
          expected: [{ prefix: '', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], transitionMatch: 'onOrBefore', expirationDays: 90, expirationMatch: 'exact' }],
        },
        reason: undefined,
        path: '/environments/production/retention/s3Lifecycle/0',
      },
    });
  });

  it('several requirements: every problem, and the spec path of the first one failing', () => {
    // GLACIER on days 1 and 60 (60 twice): no transition exactly on day 30.
    const exact = detail([req({ expirationDays: 30 }), req({ transitionMatch: 'exact', transitions: [{ days: 30, storageClass: 'GLACIER' }] })], [bucket('b', [rule('r', { expirationDays: 30, transitions: [{ days: 60, storageClass: 'GLACIER' }, { days: 1, storageClass: 'GLACIER' }, { days: 60, storageClass: 'GLACIER' }] })])]);
    expect(exact.b!.message).toBe("AWS::S3::Bucket 'b': transition to GLACIER after 1, 60 days (production requires it on day 30)");
    expect(exact.b!.path).toBe('/environments/production/retention/s3Lifecycle/1');
    expect(exact.b!.evidence.problems).toEqual(['transition to GLACIER after 1, 60 days (production requires it on day 30)']);
    const two = detail([req({ expirationDays: 30 }), req({ expirationDays: 40, transitions: [{ days: 5, storageClass: 'GLACIER' }] })], [bucket('b', [rule('r', { expirationDays: 1 })])]);
    expect(two.b!.message).toBe("AWS::S3::Bucket 'b': objects expire after 1 day (production requires expiration on day 30); no transition to GLACIER (production requires it by day 5); objects expire after 1 day (production requires expiration on day 40)");
    expect(two.b!.path).toBe('/environments/production/retention/s3Lifecycle/0');
  });

  it('names every narrower rule with its prefix and filters', () => {
    const rules = [rule('a', { prefix: 'logs/', objectFilter: ['tag t=1', 'size > 10 bytes'], expirationDays: 30 }), rule('b', { objectFilter: ['tag t=2'], expirationDays: 30 }), rule('c', { prefix: 'x/', transitions: [ia(1)] })];
    const got = detail([req({ expirationDays: 30 })], [bucket('n', rules)]);
    expect(got.n!.message).toBe("AWS::S3::Bucket 'n': no expiration, but rule 'a' covers only prefix logs/, tag t=1, size > 10 bytes, rule 'b' covers only tag t=2 (production requires expiration on day 30)");
  });

  it('a bucket without its lifecycle configuration is not evaluated', () => {
    expect(detail([req({ expirationDays: 30 })], [bucket('unknown')]).unknown).toEqual({
      status: 'not-evaluated',
      message: "AWS::S3::Bucket 'unknown': lifecycle configuration not collected",
      evidence: {},
      reason: 'config.lifecycle not collected',
      path: '/environments/production/retention/s3Lifecycle',
    });
    const err = { accountId: '111111111111', region: 'us-east-1', service: 's3', operation: 'GetBucketLifecycleConfiguration', code: 'AccessDenied', message: 'denied', affects: ['AWS::S3::Bucket'] };
    expect(detail([req({ expirationDays: 30 })], [bucket('unknown')], [err]).unknown).toMatchObject({
      status: 'not-evaluated',
      message: "AWS::S3::Bucket 'unknown': S3 lifecycle not evaluated",
      reason: 'collection error s3:GetBucketLifecycleConfiguration AccessDenied in 111111111111/us-east-1: denied',
    });
  });

  it('any bucket pattern applies; transitions are judged per storage class and covering rule', () => {
    const q = req({ buckets: ['logs-*', 'audit-*'], prefix: 'logs/', transitionMatch: 'exact', expirationMatch: 'atLeast', transitions: [{ days: 30, storageClass: 'GLACIER' }] });
    const rules = [rule('ia', { transitions: [ia(30)] }), rule('glacier', { transitions: [{ days: 30, storageClass: 'GLACIER' }] })];
    const got = detail([q], [bucket('audit-1', rules), bucket('logs-1', [rule('ia', { transitions: [ia(30)] }), rule('narrow', { prefix: 'logs/app/', transitions: [{ days: 30, storageClass: 'GLACIER' }] }), rule('other', { prefix: 'tmp/', transitions: [ia(5)] })])]);
    expect(got['audit-1']!.status).toBe('pass');
    expect(got['audit-1']!.evidence.expected).toEqual([{ prefix: 'logs/', transitions: [{ days: 30, storageClass: 'GLACIER' }], transitionMatch: 'exact', expirationDays: undefined, expirationMatch: 'atLeast' }]);
    // Only the STANDARD_IA transition covers logs/: no GLACIER one; the narrower rule with GLACIER is named, the one without is not.
    expect(got['logs-1']!.message).toBe("AWS::S3::Bucket 'logs-1': no transition to GLACIER under logs/, but rule 'narrow' covers only prefix logs/app/ (production requires it on day 30)");
  });

  it('buckets of an environment without retention, or of none, are not judged', () => {
    const stg = prod('AWS::S3::Bucket', 'stg', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { lifecycle: { rules: [] } } });
    const loose = prod('AWS::S3::Bucket', 'loose', { tags: {}, config: { lifecycle: { rules: [] } } });
    expect(Object.keys(detail([req({ expirationDays: 30 })], [stg, loose, bucket('p', [])]))).toEqual(['p']);
  });
});
