// dashboards-present and dns-records-present beyond the rule cases: a failed listing
// (not-evaluated only when the count falls short), and the evidence each result carries.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, snapshot } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));

function run(id: string, edit: (s: Spec) => void, resources: Resource[], errors: CollectionError[] = []) {
  const spec = baseSpec();
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULES.get(id)!], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason }]));
}

const listingFailed = (service: string, operation: string, type: string): CollectionError => ({ accountId: PROD_ACCOUNT, region: 'global', service, operation, code: 'AccessDenied', message: 'denied', affects: [type] });
const monitoring = (minDashboards: number) => ({ alarms: [], alarmActions: [], minDashboards });
const dash = (name: string) => prod('AWS::CloudWatch::Dashboard', name, { arn: `arn:aws:cloudwatch::${PROD_ACCOUNT}:dashboard/${name}`, region: 'global' });

describe('dashboards-present', () => {
  it('a failed listing leaves a short count not-evaluated, naming the call', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(2)), [dash('a')], [listingFailed('cloudwatch', 'ListDashboards', 'AWS::CloudWatch::Dashboard')]);
    expect(got.production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: dashboards not evaluated, inventory incomplete',
      evidence: { observed: ['a'], expected: 2 },
      reason: `collection error cloudwatch:ListDashboards AccessDenied in ${PROD_ACCOUNT}/global`,
    });
  });

  it('a failed listing does not undo a count already met', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(1)), [dash('a')], [listingFailed('cloudwatch', 'ListDashboards', 'AWS::CloudWatch::Dashboard')]);
    expect([got.production!.status, got.production!.evidence]).toEqual(['pass', { observed: ['a'], expected: 1 }]);
  });
});

describe('dns-records-present', () => {
  const record = (name: string, relations: Resource['relations'] = []) =>
    prod('AWS::Route53::RecordSet', name, { arn: `arn:aws:route53:::recordset/Z1/${name}/A`, region: 'global', config: { recordName: `${name}.`, recordType: 'A', zoneId: 'Z1', zoneName: 'example.com.' }, relations });

  it('a missing record under a failed listing is not-evaluated', () => {
    const got = run('dns-records-present', (s) => void (s.environments.production!.dns = { records: [{ name: 'api.example.com' }, { name: 'www.example.com' }] }), [record('api.example.com')], [listingFailed('route53', 'ListResourceRecordSets', 'AWS::Route53::RecordSet')]);
    expect(got.production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: DNS records not evaluated, inventory incomplete',
      evidence: { present: ['api.example.com'], missing: ['www.example.com'], misdirected: [], unresolved: [] },
      reason: `collection error route53:ListResourceRecordSets AccessDenied in ${PROD_ACCOUNT}/global`,
    });
  });

  it('names the load balancer a record points at and its environment; one in no environment too', () => {
    const stray = prod('AWS::ElasticLoadBalancingV2::LoadBalancer', 'stray-alb', { tags: {} });
    const got = run('dns-records-present', (s) => void (s.environments.production!.dns = { records: [{ name: 'api.example.com' }] }), [stray, record('api.example.com', [{ kind: 'alias-target', target: stray.arn }])]);
    expect(got.production).toEqual({
      status: 'fail',
      message: 'Environment production: api.example.com points at stray-alb, in no environment; the spec lists these records for production',
      evidence: { present: ['api.example.com'], missing: [], misdirected: [{ record: 'api.example.com', target: stray.arn, targetName: 'stray-alb', targetEnvironment: null }], unresolved: [] },
      reason: undefined,
    });
  });
});
