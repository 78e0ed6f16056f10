import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { fingerprint, normaliseArn } from '../../src/util/fingerprint.js';
import { loadRules } from '../../src/rules/load.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const RULES = loadRules();
const rule = (id: string) => RULES.filter((r) => r.meta.id === id);

function encSpec(): Spec {
  const s = baseSpec();
  for (const e of Object.values(s.environments)) {
    e.encryption = { atRest: ['AWS::S3::Bucket'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } };
    e.naming = { 'AWS::S3::Bucket': ['prod-*', 'stg-*'] };
  }
  return s;
}

const bucket = (name: string, enabled: boolean, acct = PROD_ACCOUNT, env = 'production') =>
  res('AWS::S3::Bucket', name, { accountId: acct, tags: { Environment: env }, config: { encryption: { enabled } } });

describe('evaluate', () => {
  it('gives each result the rule metadata, resource ref, evidence, spec location and fingerprint', () => {
    const ev = evaluate({ spec: loaded(encSpec()), snapshot: snapshot([bucket('prod-plain', false)]), rules: rule('encryption-at-rest'), now: NOW });
    expect(ev.results).toHaveLength(1);
    const r = ev.results[0]!;
    expect(r).toMatchObject({ ruleId: 'encryption-at-rest', status: 'fail', severity: 'high', category: 'encryption' });
    expect(r.resource).toEqual({ arn: bucket('prod-plain', false).arn, accountId: PROD_ACCOUNT, region: 'us-east-1', type: 'AWS::S3::Bucket', name: 'prod-plain', environment: 'production' });
    expect(r.evidence).toEqual({ observed: false, expected: { equals: true } });
    expect(r.specLocation?.path).toBe('/environments/production/encryption/atRest');
    expect(r.specLocation?.file).toBe('envgate.yaml');
    expect(r.fingerprint).toBe(fingerprint('encryption-at-rest', r.resource.arn));
    expect(ev.rules.map((m) => m.id)).toEqual(['encryption-at-rest']);
    expect(ev.attribution).toEqual({ [r.resource.arn]: 'production' });
  });

  it('falls back to the nearest existing ancestor for the spec location', () => {
    const s = encSpec();
    const l = loaded(s);
    delete l.positions['/environments/production/encryption/atRest'];
    const ev = evaluate({ spec: l, snapshot: snapshot([bucket('prod-plain', false)]), rules: rule('encryption-at-rest'), now: NOW });
    expect(ev.results[0]!.specLocation?.path).toBe('/environments/production/encryption');
  });

  it('reports not-evaluated, naming the collection error, when a type could not be described', () => {
    const err: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 's3', operation: 'GetBucketEncryption', code: 'AccessDenied', message: 'denied', affects: ['AWS::S3::Bucket'] };
    const ev = evaluate({ spec: loaded(encSpec()), snapshot: snapshot([bucket('prod-a', true)], { errors: [err] }), rules: rule('encryption-at-rest'), now: NOW });
    const statuses = ev.results.map((r) => [r.status, r.resource.type]);
    expect(statuses).toContainEqual(['not-evaluated', 'AWS::S3::Bucket']);
    expect(ev.results.every((r) => r.status === 'not-evaluated')).toBe(true);
    expect(ev.results.every((r) => r.reason?.includes('GetBucketEncryption'))).toBe(true);
    // One for the bucket seen, one for the coverage gap (buckets that may be unseen).
    expect(ev.results).toHaveLength(2);
  });

  it('reports not-evaluated when a config field the check reads is absent, naming a per-resource error', () => {
    const b = res('AWS::S3::Bucket', 'prod-a', { tags: { Environment: 'production' }, config: {} });
    const err: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 's3', operation: 'GetBucketEncryption', code: 'Throttling', message: 'slow down', affects: ['AWS::S3::Bucket'], resourceArn: b.arn };
    const ev = evaluate({ spec: loaded(encSpec()), snapshot: snapshot([b], { errors: [err] }), rules: rule('encryption-at-rest'), now: NOW });
    expect(ev.results.map((r) => r.status)).toEqual(['not-evaluated']);
    expect(ev.results[0]!.reason).toContain('config.encryption.enabled');
    expect(ev.results[0]!.reason).toContain('Throttling');
    // Rules that do not read the missing data still run.
    const naming = evaluate({ spec: loaded(encSpec()), snapshot: snapshot([b], { errors: [err] }), rules: rule('naming-convention'), now: NOW });
    expect(naming.results.map((r) => r.status)).toEqual(['pass']);
  });

  it('orders results by severity, rule, environment, arn and is deterministic', () => {
    const resources = [bucket('stg-b', false, STAGING_ACCOUNT, 'staging'), bucket('prod-z', false), bucket('prod-a', true), bucket('bad-name', true), res('AWS::S3::Bucket', 'orphan')];
    const run = (list: typeof resources) => evaluate({ spec: loaded(encSpec()), snapshot: snapshot(list), rules: [...RULES].reverse(), now: NOW });
    const a = run(resources);
    const b = run([...resources].reverse());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
    const keys = a.results.map((r) => [rank[r.severity], r.ruleId, r.resource.environment ?? '\uffff', r.resource.arn] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) || (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it('keeps fingerprints when unrelated resources are added or removed', () => {
    const base = [bucket('prod-z', false), bucket('prod-a', true)];
    const fp = (list: ReturnType<typeof bucket>[]) =>
      Object.fromEntries(evaluate({ spec: loaded(encSpec()), snapshot: snapshot(list), rules: RULES, now: NOW }).results.filter((r) => r.resource.name === 'prod-z').map((r) => [r.ruleId, r.fingerprint]));
    const before = fp(base);
    expect(Object.keys(before).length).toBeGreaterThan(1);
    expect(fp([...base, bucket('prod-new', false), bucket('stg-x', true, STAGING_ACCOUNT, 'staging')])).toEqual(before);
    expect(fp([base[0]!])).toEqual(before);
  });

  it('normalises the ARN prefix only', () => {
    expect(normaliseArn(' arn:AWS:S3:::Bucket ')).toBe('arn:aws:s3:::Bucket');
    expect(fingerprint('r', 'arn:aws:s3:::b')).not.toBe(fingerprint('r', 'arn:aws:s3:::B'));
    expect(fingerprint('r', 'arn:aws:s3:::b')).toMatch(/^[0-9a-f]{32}$/);
  });
});
