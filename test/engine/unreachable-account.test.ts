import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

// What the collector records when it cannot assume a role into an account.
const unreachable: CollectionError = { accountId: PROD_ACCOUNT, region: 'global', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'denied', affects: ['*'] };

function encSpec() {
  const s = baseSpec();
  for (const e of Object.values(s.environments)) e.encryption = { atRest: ['AWS::S3::Bucket'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } };
  return loaded(s);
}

describe("collection errors affecting '*' (an unreachable account)", () => {
  it('count for every type in that account, and only there', () => {
    const ctx = buildContext(encSpec(), snapshot([], { errors: [unreachable] }), NOW);
    expect(ctx.errorsAffecting('AWS::S3::Bucket', PROD_ACCOUNT, 'us-east-1')).toEqual([unreachable]);
    expect(ctx.errorsAffecting('AWS::SQS::Queue')).toEqual([unreachable]);
    expect(ctx.errorsAffecting('AWS::S3::Bucket', STAGING_ACCOUNT, 'us-east-1')).toEqual([]);
    // Asked for '*' itself, the error is listed once.
    expect(ctx.errorsAffecting('*', PROD_ACCOUNT)).toEqual([unreachable]);
  });

  it('make a rule not-evaluated there (resource and coverage gap), never a pass', () => {
    const bucket = res('AWS::S3::Bucket', 'prod-a', { accountId: PROD_ACCOUNT, tags: { Environment: 'production' }, config: { encryption: { enabled: true } } });
    const other = res('AWS::S3::Bucket', 'stg-a', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { encryption: { enabled: true } } });
    const ev = evaluate({ spec: encSpec(), snapshot: snapshot([bucket, other], { errors: [unreachable] }), rules: loadRules().filter((r) => r.meta.id === 'encryption-at-rest'), now: NOW });
    const prod = ev.results.filter((r) => r.resource.accountId === PROD_ACCOUNT);
    // The bucket seen, plus one coverage gap per type the rule covers (none could be listed there).
    expect(prod.map((r) => r.resource.arn)).toContain(`arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/AWS::S3::Bucket`);
    expect(prod.every((r) => r.status === 'not-evaluated' && r.reason?.includes('AssumeRole'))).toBe(true);
    expect(prod.map((r) => r.resource.arn)).toContain(bucket.arn);
    const stg = ev.results.filter((r) => r.resource.accountId === STAGING_ACCOUNT);
    expect(stg.map((r) => r.status)).toEqual(['pass']);
  });

  it('give every rule over all types, and every analysis, one not-evaluated gap for the whole account', () => {
    const ids = ['required-tags', 'attribution-missing', 'isolation-network-paths', 'cost-ceiling'];
    const ev = evaluate({ spec: encSpec(), snapshot: snapshot([], { errors: [unreachable] }), rules: loadRules().filter((r) => ids.includes(r.meta.id)), now: NOW });
    const gaps = ev.results.filter((r) => r.resource.arn === `arn:aws:envgate:global:${PROD_ACCOUNT}:coverage/*`);
    expect(gaps.map((r) => r.ruleId).sort()).toEqual([...ids].sort());
    for (const g of gaps) {
      expect(g.status).toBe('not-evaluated');
      expect(g.reason).toBe(`collection error sts:AssumeRole AccessDenied in ${PROD_ACCOUNT}/global: denied`);
      expect(g.message).toMatch(new RegExp(`^Account ${PROD_ACCOUNT} region global could not be inventoried`));
    }
  });
});
