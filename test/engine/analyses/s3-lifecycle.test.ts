// retention.s3Lifecycle: transitions onOrBefore (default) or exact, expiration exact
// (default) or atLeast, and the requirement's prefix against each lifecycle rule's scope.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { S3LifecycleRequirement } from '../../../src/model/spec.js';
import type { S3BucketConfig } from '../../../src/model/resource-config.js';
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
