// cloudtrail-per-environment beyond the rule cases: each required property on its own,
// the wording of several trails, accounts and environments, the evidence, and what leaves
// an environment not evaluated (collection errors, trail properties not collected).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, envSpec, loaded, NOW, PROD_ACCOUNT, res, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const RULE = loadRules().find((r) => r.meta.id === 'cloudtrail-per-environment')!;
const TRAIL = 'AWS::CloudTrail::Trail';
const OTHER_ACCOUNT = '333333333333';
const CMK = { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k1', customerManagedKey: true };
const good = { multiRegion: true, logFileValidation: true, organizationTrail: false, encryption: CMK, s3Bucket: 'audit-logs', homeRegion: 'us-east-1', logging: true };
const trail = (name: string, accountId: string, over: object = {}) => res(TRAIL, name, { accountId, config: { ...good, ...over } });
const trailArn = (name: string, accountId = PROD_ACCOUNT) => `arn:aws:ec2:us-east-1:${accountId}:trail/${name}`;
const none = { multiRegion: false, logFileValidation: false, customerManagedKey: false };
const all = { multiRegion: true, logFileValidation: true, customerManagedKey: true };

type Want = typeof all;
function run(want: Want, resources: Resource[], edit: (s: Spec) => void = () => {}, errors: CollectionError[] = []) {
  const spec = baseSpec();
  spec.environments.production!.audit = { trail: want };
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
}
const msg = (got: ReturnType<typeof run>, env = 'production') => got[env]!.message;

describe('cloudtrail-per-environment', () => {
  it('asks only for the properties the spec sets, logging always', () => {
    const bare = trail('bare', PROD_ACCOUNT, { multiRegion: false, logFileValidation: false, encryption: undefined });
    expect(run(none, [bare]).production!.status).toBe('pass');
    expect(msg(run({ ...none, logFileValidation: true }, [bare]))).toBe("Environment production: no trail of its own with the required properties (account 111111111111: trail 'bare' lacks log file validation)");
    const sseS3 = trail('sse', PROD_ACCOUNT, { encryption: { ...CMK, customerManagedKey: false } });
    expect(msg(run({ ...none, customerManagedKey: true }, [sseS3]))).toBe("Environment production: no trail of its own with the required properties (account 111111111111: trail 'sse' lacks a customer-managed KMS key)");
    expect(msg(run(none, [trail('off', PROD_ACCOUNT, { logging: false })]))).toBe("Environment production: no trail of its own with the required properties (account 111111111111: trail 'off' lacks logging)");
  });

  it('a property not collected leaves the environment not evaluated, naming what is not known', () => {
    const got = run(all, [trail('t', PROD_ACCOUNT, { logging: undefined, encryption: undefined })]);
    expect(got.production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: trails not evaluated, inventory incomplete',
      evidence: { observed: { [PROD_ACCOUNT]: [{ arn: trailArn('t'), sharedWith: [], missing: [], unknown: ['logging', 'a customer-managed KMS key'] }] }, expected: all },
      reason: 'account 111111111111: logging, a customer-managed KMS key not known',
      path: '/environments/production/audit/trail',
    });
  });

  it('the reason names the own trail that lacks nothing, not a shared or lacking one', () => {
    // a-org logs staging too; b-lacks is its own but lacks multi-region; c-unknown is the candidate.
    const got = run(all, [
      trail('a-org', PROD_ACCOUNT, { organizationTrail: true }),
      trail('b-lacks', PROD_ACCOUNT, { multiRegion: false, logFileValidation: undefined }),
      trail('c-unknown', PROD_ACCOUNT, { logging: undefined }),
    ]);
    expect(got.production!.reason).toBe('account 111111111111: logging not known');
  });

  it('an organisation trail in the environment\'s own account still logs every other environment', () => {
    const got = run(all, [trail('org', PROD_ACCOUNT, { organizationTrail: true })], (s) => {
      s.environments.qa = envSpec({ accounts: [{ id: OTHER_ACCOUNT }] });
    });
    // Every other environment, sorted (the spec lists qa last).
    expect(msg(got)).toBe("Environment production: no trail of its own with the required properties (account 111111111111: trail 'org' also logs qa, staging)");
    expect(got.production!.evidence).toEqual({ observed: { [PROD_ACCOUNT]: [{ arn: trailArn('org'), sharedWith: ['qa', 'staging'], missing: [], unknown: [] }] }, expected: all });
  });

  it('words several trails, shortfalls and accounts', () => {
    const got = run(
      all,
      [trail('shared', PROD_ACCOUNT, { organizationTrail: true, logging: false }), trail('weak', PROD_ACCOUNT, { multiRegion: false, logFileValidation: false })],
      (s) => void (s.environments.production!.accounts = [{ id: OTHER_ACCOUNT }, { id: PROD_ACCOUNT }]),
    );
    expect(msg(got)).toBe(
      "Environment production: no trail of its own with the required properties (account 111111111111: trail 'shared' also logs staging and lacks logging; trail 'weak' lacks multi-region, log file validation; account 333333333333: trail 'shared' also logs staging and lacks logging)",
    );
    expect(got.production!.evidence.observed).toEqual({
      [PROD_ACCOUNT]: [
        { arn: trailArn('shared'), sharedWith: ['staging'], missing: ['logging'], unknown: [] },
        { arn: trailArn('weak'), sharedWith: [], missing: ['multi-region', 'log file validation'], unknown: [] },
      ],
      // An organisation trail logs every account.
      [OTHER_ACCOUNT]: [{ arn: trailArn('shared'), sharedWith: ['staging'], missing: ['logging'], unknown: [] }],
    });
  });

  it('a pass in several accounts counts them; the same account listed twice counts once', () => {
    const got = run(all, [trail('p1', PROD_ACCOUNT), trail('p3', OTHER_ACCOUNT)], (s) => void (s.environments.production!.accounts = [{ id: OTHER_ACCOUNT }, { id: PROD_ACCOUNT }, { id: OTHER_ACCOUNT }]));
    expect(got.production!.status).toBe('pass');
    expect(msg(got)).toBe('Environment production: a logging trail of its own in each of its 2 accounts');
    expect(got.production!.path).toBe('/environments/production/audit/trail');
  });

  it('a failed trail listing leaves an otherwise passing environment not evaluated; a failure still fails', () => {
    const err: CollectionError = { accountId: OTHER_ACCOUNT, region: 'us-east-1', service: 'cloudtrail', operation: 'DescribeTrails', code: 'AccessDenied', message: 'no', affects: [TRAIL] };
    const twoAccounts = (s: Spec) => void (s.environments.production!.accounts = [{ id: PROD_ACCOUNT }, { id: OTHER_ACCOUNT }]);
    const got = run(all, [trail('p1', PROD_ACCOUNT, { logging: undefined }), trail('p3', OTHER_ACCOUNT)], twoAccounts, [err]);
    expect(got.production!.status).toBe('not-evaluated');
    expect(got.production!.reason).toBe('collection error cloudtrail:DescribeTrails AccessDenied in 333333333333/us-east-1; account 111111111111: logging not known');
    const errOnly = run(all, [trail('p1', PROD_ACCOUNT), trail('p3', OTHER_ACCOUNT)], twoAccounts, [err]);
    expect([errOnly.production!.status, errOnly.production!.reason]).toEqual(['not-evaluated', 'collection error cloudtrail:DescribeTrails AccessDenied in 333333333333/us-east-1']);
    // One account unknown, the other passing: not evaluated.
    const oneUnknown = run(all, [trail('p1', PROD_ACCOUNT, { logging: undefined }), trail('p3', OTHER_ACCOUNT)], twoAccounts);
    expect([oneUnknown.production!.status, oneUnknown.production!.reason]).toEqual(['not-evaluated', 'account 111111111111: logging not known']);
    const failing = run(all, [trail('p1', PROD_ACCOUNT, { logging: false }), trail('p3', OTHER_ACCOUNT)], twoAccounts, [err]);
    expect(failing.production!.status).toBe('fail');
  });

  it('an environment without audit.trail gets no result', () => {
    expect(Object.keys(run(all, [trail('s', STAGING_ACCOUNT)]))).toEqual(['production']);
  });
});
