// The resource-policy rule files through the rule loader and evaluate(): a passing and a
// failing case each, and where their results point in the spec.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

function results(ruleId: string, resources: Resource[]) {
  const rule = RULES.get(ruleId);
  expect(rule, ruleId).toBeDefined();
  return evaluate({ spec: loaded(baseSpec()), snapshot: snapshot(resources), rules: [rule!], now: NOW }).results;
}

const statusByName = (rs: ReturnType<typeof results>) => Object.fromEntries(rs.map((r) => [r.resource.name, r.status]));

describe('resource policy rules', () => {
  it("isolation-resource-policies: a production queue admitting staging's account fails; one admitting only its own passes", () => {
    const rs = results('isolation-resource-policies', [
      prod('AWS::SQS::Queue', 'prod-orders', { config: { policy: doc({ Sid: 'Staging', Effect: 'Allow', Principal: { AWS: STAGING_ACCOUNT }, Action: 'sqs:SendMessage' }) } }),
      prod('AWS::SQS::Queue', 'prod-own', { config: { policy: doc({ Sid: 'Deny', Effect: 'Deny', Principal: { AWS: STAGING_ACCOUNT }, Action: 'sqs:*' }) } }),
    ]);
    expect(statusByName(rs)).toEqual({ 'prod-orders': 'fail', 'prod-own': 'pass' });
    const fail = rs.find((r) => r.status === 'fail')!;
    expect(fail.category).toBe('isolation');
    expect(fail.message).toBe(
      `AWS::SQS::Queue 'prod-orders' (production): resource policy Sid Staging admits ${STAGING_ACCOUNT} of staging to sqs:SendMessage; the spec keeps staging apart from production`,
    );
  });

  it('resource-policy-public: a bucket open to everyone fails; a conditional one passes', () => {
    const rs = results('resource-policy-public', [
      prod('AWS::S3::Bucket', 'prod-open', { config: { policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }) } }),
      prod('AWS::S3::Bucket', 'prod-org', { config: { policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }) } }),
    ]);
    expect(statusByName(rs)).toEqual({ 'prod-open': 'fail', 'prod-org': 'pass' });
    // publicPolicies is not written in this spec (false by default): the location is its environment.
    expect(rs.find((r) => r.status === 'fail')!.specLocation?.path).toBe('/environments/production');
  });
});
