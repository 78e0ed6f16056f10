// dashboards-present and dns-records-present beyond the rule cases: a failed listing
// (not-evaluated only when the count falls short), and the evidence each result carries.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from '../helpers.js';

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

describe('dashboards-present: counts and listing gaps', () => {
  const failed = (accountId: string, code: string, over: Partial<CollectionError> = {}): CollectionError => ({ accountId, region: 'global', service: 'cloudwatch', operation: 'ListDashboards', code, message: 'x', affects: ['AWS::CloudWatch::Dashboard'], ...over });

  it('names every failed listing of the environment, and ignores a failure on one resource', () => {
    const got = run(
      'dashboards-present',
      (s) => {
        s.environments.production!.monitoring = monitoring(1);
        s.environments.production!.accounts = [{ id: PROD_ACCOUNT }, { id: '333333333333' }];
      },
      [],
      [failed(PROD_ACCOUNT, 'AccessDenied'), failed('333333333333', 'Throttling'), failed(PROD_ACCOUNT, 'NotFound', { resourceArn: 'arn:aws:cloudwatch::111111111111:dashboard/x' })],
    );
    expect(got.production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: dashboards not evaluated, inventory incomplete',
      evidence: { observed: [], expected: 1 },
      reason: `collection error cloudwatch:ListDashboards AccessDenied in ${PROD_ACCOUNT}/global; collection error cloudwatch:ListDashboards Throttling in 333333333333/global`,
    });
  });

  it('a failure on one dashboard only leaves the count judged', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(1)), [], [failed(PROD_ACCOUNT, 'NotFound', { resourceArn: 'arn:aws:cloudwatch::111111111111:dashboard/x' })]);
    expect(got.production).toEqual({ status: 'fail', message: 'Environment production: no CloudWatch dashboard; the spec requires at least 1', evidence: { observed: [], expected: 1 }, reason: undefined });
  });

  it('exactly the minimum passes, names sorted; an environment-less dashboard is not counted', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(2)), [dash('zeta'), dash('alpha'), res('AWS::CloudWatch::Dashboard', 'loose', { accountId: '999999999999', arn: 'arn:aws:cloudwatch::999999999999:dashboard/loose', region: 'global' })]);
    expect(got).toEqual({
      production: { status: 'pass', message: 'Environment production: 2 CloudWatch dashboard(s) (alpha, zeta), as the spec requires', evidence: { observed: ['alpha', 'zeta'], expected: 2 }, reason: undefined },
    });
  });

  it('a minimum of 0 passes with no dashboard', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(0)), []);
    expect(got.production).toEqual({ status: 'pass', message: 'Environment production: no CloudWatch dashboard, as the spec requires', evidence: { observed: [], expected: 0 }, reason: undefined });
  });

  it('one short of the minimum fails, naming what is there', () => {
    const got = run('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(3)), [dash('b'), dash('a')]);
    expect(got.production!.message).toBe('Environment production: 2 CloudWatch dashboard(s) (a, b); the spec requires at least 3');
  });
});

describe('dns-records-present: matching and wording', () => {
  const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
  const homeLb = prod(LB, 'prod-alb');
  const rec = (name: string, config: Record<string, unknown>, relations: Resource['relations'] = [], over: Partial<Resource> = {}) =>
    prod('AWS::Route53::RecordSet', name, { arn: `arn:aws:route53:::recordset/Z1/${name}`, region: 'global', config: { zoneId: 'Z1', ...config }, relations, ...over });
  const dns = (records: { name: string; type?: string }[]) => (s: Spec) => void (s.environments.production!.dns = { records });

  it('matches names without case or final dot, by the record name before the resource name', () => {
    const got = run('dns-records-present', dns([{ name: 'API.Example.com.' }, { name: 'web.example.com' }]), [
      homeLb,
      rec('whatever', { recordName: 'api.EXAMPLE.com.', recordType: 'A' }, [{ kind: 'alias-target', target: homeLb.arn }]),
      rec('web.example.com.', { recordType: 'A' }),
    ]);
    expect(got.production).toEqual({
      status: 'pass',
      message: 'Environment production: 2 DNS record(s) present (api.example.com, web.example.com), none pointing at another environment',
      evidence: { present: ['api.example.com', 'web.example.com'], missing: [], misdirected: [], unresolved: [] },
      reason: undefined,
    });
  });

  it('an empty records list gives no result; a record of the wrong type or account is missing', () => {
    const got = run(
      'dns-records-present',
      (s) => {
        s.environments.production!.dns = { records: [{ name: 'a.example.com', type: 'CNAME' }, { name: 'b.example.com' }] };
        s.environments.staging!.dns = { records: [] };
      },
      [rec('a.example.com', { recordName: 'a.example.com.', recordType: 'A' }), rec('b.example.com', { recordName: 'b.example.com.', recordType: 'A' }, [], { accountId: STAGING_ACCOUNT })],
    );
    expect(got).toEqual({
      production: {
        status: 'fail',
        message: 'Environment production: a.example.com (CNAME) is missing; b.example.com is missing; the spec lists these records for production',
        evidence: { present: [], missing: ['a.example.com (CNAME)', 'b.example.com'], misdirected: [], unresolved: [] },
        reason: undefined,
      },
    });
  });

  it('CNAMEs to nothing collected are not-evaluated, each named; a plain A record with no target is present', () => {
    const got = run('dns-records-present', dns([{ name: 'c.example.com', type: 'CNAME' }, { name: 'd.example.com' }]), [
      rec('c.example.com', { recordName: 'c.example.com.', recordType: 'CNAME', values: ['elsewhere.example.net'] }),
      rec('d2', { recordName: 'd.example.com.', recordType: 'CNAME', values: ['other.example.net'] }),
      rec('d.example.com', { recordName: 'd.example.com.', recordType: 'A', values: ['192.0.2.1'] }),
    ]);
    expect(got.production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: DNS records present; what c.example.com (CNAME), d.example.com points at is not in the inventory',
      evidence: { present: ['c.example.com (CNAME)', 'd.example.com'], missing: [], misdirected: [], unresolved: ['c.example.com (CNAME)', 'd.example.com'] },
      reason: 'alias or CNAME target is not a collected load balancer',
    });
  });

  it('two records of one name aliasing the same stray target are worded once; only alias-target relations count', () => {
    const stgLb = res(LB, 'stg-alb', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' } });
    const got = run('dns-records-present', dns([{ name: 'e.example.com' }]), [
      stgLb,
      rec('e1', { recordName: 'e.example.com.', recordType: 'A', aliasTarget: {} }, [{ kind: 'alias-target', target: stgLb.arn }, { kind: 'vpc', target: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1' }]),
      rec('e2', { recordName: 'e.example.com.', recordType: 'AAAA', aliasTarget: {} }, [{ kind: 'alias-target', target: stgLb.arn }]),
    ]);
    expect(got.production).toEqual({
      status: 'fail',
      message: 'Environment production: e.example.com points at stg-alb, of staging; the spec lists these records for production',
      evidence: {
        present: ['e.example.com'],
        missing: [],
        misdirected: [
          { record: 'e.example.com', target: stgLb.arn, targetName: 'stg-alb', targetEnvironment: 'staging' },
          { record: 'e.example.com', target: stgLb.arn, targetName: 'stg-alb', targetEnvironment: 'staging' },
        ],
        unresolved: [],
      },
      reason: undefined,
    });
  });

  it('an alias to an ARN not in the inventory is named by its ARN; a failed listing with nothing missing is still judged', () => {
    const ghost = 'arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/ghost/1';
    const got = run('dns-records-present', dns([{ name: 'f.example.com' }]), [rec('f.example.com', { recordName: 'f.example.com.', recordType: 'A', aliasTarget: {} }, [{ kind: 'alias-target', target: ghost }])], [listingFailed('route53', 'ListResourceRecordSets', 'AWS::Route53::RecordSet')]);
    expect([got.production!.status, got.production!.message]).toEqual(['fail', `Environment production: f.example.com points at ${ghost}, in no environment; the spec lists these records for production`]);
  });
});

describe('operations-presence: where in the spec, and in what order', () => {
  function results(id: string, edit: (s: Spec) => void, resources: Resource[]) {
    const spec = baseSpec();
    edit(spec);
    return evaluate({ spec: loaded(spec), snapshot: snapshot(resources), rules: [RULES.get(id)!], now: NOW }).results.map((r) => [r.resource.name, r.status, r.specLocation?.path, r.message]);
  }

  it('a dashboards result points at the environment minDashboards; names sorted by name, not by ARN', () => {
    const named = (name: string, key: string) => prod('AWS::CloudWatch::Dashboard', name, { arn: `arn:aws:cloudwatch::${PROD_ACCOUNT}:dashboard/${key}`, region: 'global' });
    expect(results('dashboards-present', (s) => void (s.environments.production!.monitoring = monitoring(3)), [named('zeta', 'a1'), named('alpha', 'b2')])).toEqual([
      ['production', 'fail', '/environments/production/monitoring/minDashboards', 'Environment production: 2 CloudWatch dashboard(s) (alpha, zeta); the spec requires at least 3'],
    ]);
  });

  it('a DNS result points at the environment records list', () => {
    expect(results('dns-records-present', (s) => void (s.environments.staging!.dns = { records: [{ name: 'x.example.com' }] }), [])).toEqual([
      ['staging', 'fail', '/environments/staging/dns/records', 'Environment staging: x.example.com is missing; the spec lists these records for staging'],
    ]);
  });
});
