// The isolation rule files, through the rule loader and evaluate(): each has a passing
// and a failing case (the shared case table in test/rules cannot hold principals).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Principal, Resource } from '../../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const stg = (type: string, name: string, over: Partial<Resource> = {}): Resource =>
  res(type, name, { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, ...over });

function statuses(ruleId: string, resources: Resource[], principals: Principal[] = []): Record<string, string> {
  const rule = RULES.get(ruleId);
  expect(rule, `rule ${ruleId}`).toBeDefined();
  const spec = baseSpec();
  spec.environments.production!.network = { vpcCidrs: ['10.1.0.0/16'], subnetCidrs: [], availabilityZones: [] };
  spec.environments.staging!.network = { vpcCidrs: ['10.2.0.0/16'], subnetCidrs: [], availabilityZones: [] };
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { principals }), rules: [rule!], now: NOW });
  const out: Record<string, string> = {};
  for (const r of ev.results) {
    expect(out[r.resource.name], `one result for ${r.resource.name}`).toBeUndefined();
    out[r.resource.name] = r.status;
  }
  return out;
}

describe('isolation rules', () => {
  it('isolation-shared-resources: a key used by both environments fails; a key used by one passes', () => {
    const shared = prod('AWS::KMS::Key', 'shared-key');
    const own = prod('AWS::KMS::Key', 'own-key');
    const got = statuses('isolation-shared-resources', [
      shared,
      own,
      prod('AWS::SQS::Queue', 'prod-q', { relations: [{ kind: 'kms-key', target: shared.arn }, { kind: 'kms-key', target: own.arn }] }),
      stg('AWS::SQS::Queue', 'stg-q', { relations: [{ kind: 'kms-key', target: shared.arn }] }),
    ]);
    expect(got).toMatchObject({ 'shared-key': 'fail', 'own-key': 'pass', 'prod-q': 'pass', 'stg-q': 'pass' });
  });

  it('isolation-network-paths: a rule admitting the other environment fails; its own range passes', () => {
    const rule = (cidr: string) => ({ ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrs: [cidr], groupIds: [] }], egress: [] });
    const got = statuses('isolation-network-paths', [
      prod('AWS::EC2::SecurityGroup', 'db-open', { config: { groupId: 'sg-1', vpcId: 'v', ...rule('10.2.3.0/24') } }),
      prod('AWS::EC2::SecurityGroup', 'db-own', { config: { groupId: 'sg-2', vpcId: 'v', ...rule('10.1.3.0/24') } }),
      prod('AWS::S3::Bucket', 'unrelated'),
    ]);
    expect(got).toEqual({ 'db-open': 'fail', 'db-own': 'pass' });
  });

  it('isolation-iam-grants: a staging role granting on production resources fails', () => {
    const bucket = prod('AWS::S3::Bucket', 'prod-data', { arn: 'arn:aws:s3:::prod-data' });
    const role = (name: string, resource: string): Principal => ({
      arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/${name}`,
      accountId: STAGING_ACCOUNT,
      kind: 'role',
      name,
      path: '/',
      tags: { Environment: 'staging' },
      groups: [],
      attachedPolicies: [],
      inlinePolicies: [{ name: 'p', document: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] } }],
    });
    const got = statuses('isolation-iam-grants', [bucket, stg('AWS::S3::Bucket', 'stg-data', { arn: 'arn:aws:s3:::stg-data' })], [
      role('stg-reader', 'arn:aws:s3:::prod-data/*'),
      role('stg-own', 'arn:aws:s3:::stg-data/*'),
    ]);
    expect(got).toEqual({ 'stg-reader': 'fail', 'stg-own': 'pass' });
    void PROD_ACCOUNT;
  });

  it('isolation results point at the requirement the rule declares, not at an absent /shared', () => {
    const spec = baseSpec();
    delete (spec as { shared?: unknown }).shared;
    spec.environments.production!.network = { vpcCidrs: ['10.1.0.0/16'], subnetCidrs: [], availabilityZones: [] };
    spec.environments.staging!.network = { vpcCidrs: ['10.2.0.0/16'], subnetCidrs: [], availabilityZones: [] };
    const ls = loaded(spec);
    const ingress = (cidr: string) => ({ ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrs: [cidr], groupIds: [] }], egress: [] });
    const ev = evaluate({
      spec: ls,
      snapshot: snapshot([
        prod('AWS::EC2::SecurityGroup', 'db-open', { config: { groupId: 'sg-1', vpcId: 'v', ...ingress('10.2.3.0/24') } }),
        stg('AWS::EC2::SecurityGroup', 'db-own', { config: { groupId: 'sg-2', vpcId: 'v', ...ingress('10.2.3.0/24') } }),
      ]),
      rules: [RULES.get('isolation-network-paths')!],
      now: NOW,
    });
    const at = (name: string) => ev.results.find((r) => r.resource.name === name)!.specLocation;
    for (const [name, env] of [['db-open', 'production'], ['db-own', 'staging']] as const) {
      const path = `/environments/${env}/network/vpcCidrs`;
      expect(at(name)).toEqual({ file: 'envgate.yaml', line: ls.positions[path]!.line, column: 1, path });
    }
  });

  it('an allowed (shared) subject points at its allowance', () => {
    const spec = baseSpec({ shared: [{ type: 'AWS::KMS::Key', name: 'org-*', reason: 'organisation key' }] });
    const ls = loaded(spec);
    const ev = evaluate({ spec: ls, snapshot: snapshot([prod('AWS::KMS::Key', 'org-key')]), rules: [RULES.get('isolation-shared-resources')!], now: NOW });
    expect(ev.results.map((r) => [r.resource.name, r.status, r.specLocation?.path, r.specLocation?.line])).toEqual([
      ['org-key', 'pass', '/shared/0', ls.positions['/shared/0']!.line],
    ]);
  });
});
