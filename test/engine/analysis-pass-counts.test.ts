// Summary mode lets analyses count passes (ctx.countPass) instead of returning them: the
// counts must equal the passes a full run lists, per rule and environment, including
// allowance passes, unattributed ones and principals; and the context is left as it was.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { evaluateWithContext } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import type { Principal } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const RULES = loadRules().filter((r) => ['attribution-missing', 'attribution-conflict', 'isolation-shared-resources', 'isolation-iam-grants', 'restricted-ingress'].includes(r.meta.id));

const sg = (name: string, cidr: string) =>
  prod('AWS::EC2::SecurityGroup', name, { config: { groupId: `sg-${name}`, vpcId: 'vpc-1', ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: [cidr], groupIds: [] }], egress: [] } });

describe('analysis pass counts in summary mode', () => {
  it('equal the passes of a full run, per rule and environment', () => {
    const spec = baseSpec({ shared: [{ type: 'AWS::KMS::Key', name: 'org-*', reason: 'organisation key' }] });
    spec.environments.production!.network = { vpcCidrs: ['10.1.0.0/16'], subnetCidrs: [], availabilityZones: [], restrictedIngressPorts: [22] };
    const role: Principal = { arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/app`, accountId: STAGING_ACCOUNT, kind: 'role', name: 'app', path: '/', tags: { Environment: 'staging' }, groups: [], attachedPolicies: [], inlinePolicies: [] };
    const snap = snapshot(
      [
        prod('AWS::KMS::Key', 'org-key'),
        res('AWS::KMS::Key', 'org-untagged', { accountId: '999999999999' }),
        prod('AWS::S3::Bucket', 'data'),
        sg('closed', '10.1.0.0/16'),
        sg('open', '0.0.0.0/0'),
        res('AWS::S3::Bucket', 'stray', { accountId: '999999999999' }),
        res('AWS::SQS::Queue', 'stg-q', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' } }),
      ],
      { principals: [role] },
    );
    const ctx = buildContext(loaded(spec), snap, NOW);
    const all = evaluateWithContext(ctx, RULES);
    const summary = evaluateWithContext(ctx, RULES, undefined, { passes: 'summary' });
    expect(ctx.countPass).toBeUndefined();
    const expected = new Map<string, number>();
    for (const r of all.results) {
      if (r.status !== 'pass') continue;
      const k = `${r.ruleId} ${String(r.resource.environment)}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(expected.get('attribution-missing null')).toBe(1);
    expect(expected.get('restricted-ingress production')).toBe(1);
    expect(summary.results.filter((r) => r.ruleId === 'restricted-ingress').map((r) => r.status)).toEqual(['fail']);
    expect(new Map(summary.passCounts!.map((c) => [`${c.ruleId} ${String(c.environment)}`, c.passes]))).toEqual(expected);
    expect(summary.results).toEqual(all.results.filter((r) => r.status !== 'pass'));
  });
});
