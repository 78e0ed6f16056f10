// required-resource-types and availability-zone-count beyond the rule cases: the
// evidence, reasons, qualifiers and spec paths each result carries, and where zones are read.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { net } from '../../rules/rule-tester.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const CACHE = 'AWS::ElastiCache::CacheCluster';
const SUBNET = 'AWS::EC2::Subnet';
const INSTANCE = 'AWS::EC2::Instance';
const LAMBDA = 'AWS::Lambda::Function';

function run(id: string, edit: (s: Spec) => void, resources: Resource[], errors: CollectionError[] = []) {
  const spec = baseSpec();
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULES.get(id)!], now: NOW });
  return ev.results.map((r) => ({ env: r.resource.name, status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }));
}
const failed = (accountId: string, code: string, type: string, over: Partial<CollectionError> = {}): CollectionError => ({ accountId, region: 'us-east-1', service: 'ec2', operation: 'Describe', code, message: 'x', affects: [type], ...over });

describe('required-resource-types', () => {
  it('lists what it found, sorted, and points at the requirement', () => {
    const got = run('required-resource-types', (s) => void (s.environments.staging!.requiredResourceTypes = [CACHE]), [
      res(CACHE, 'zz', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' } }),
      res(CACHE, 'aa', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' } }),
      prod(CACHE, 'prod-cache'),
    ]);
    expect(got).toEqual([
      {
        env: 'staging',
        status: 'pass',
        message: `Environment staging: 2 ${CACHE}, at least one required`,
        evidence: { observed: [`arn:aws:elasticache:us-east-1:${STAGING_ACCOUNT}:cachecluster/aa`, `arn:aws:elasticache:us-east-1:${STAGING_ACCOUNT}:cachecluster/zz`], expected: `at least one ${CACHE}` },
        reason: undefined,
        path: '/environments/staging/requiredResourceTypes',
      },
    ]);
  });

  it('names every failed listing; a failure on one resource only does not make it not-evaluated', () => {
    const got = run(
      'required-resource-types',
      (s) => {
        s.environments.production!.requiredResourceTypes = [CACHE];
        s.environments.production!.accounts = [{ id: PROD_ACCOUNT }, { id: '333333333333' }];
        s.environments.staging!.requiredResourceTypes = [CACHE];
      },
      [],
      [failed(PROD_ACCOUNT, 'AccessDenied', CACHE), failed('333333333333', 'Throttling', CACHE), failed(STAGING_ACCOUNT, 'NotFound', CACHE, { resourceArn: 'arn:x' })],
    );
    expect(got).toEqual([
      {
        env: 'production',
        status: 'not-evaluated',
        message: `Environment production: presence of ${CACHE} not evaluated, inventory incomplete`,
        evidence: { observed: [], expected: `at least one ${CACHE}` },
        reason: `collection error ec2:Describe AccessDenied in ${PROD_ACCOUNT}/us-east-1; collection error ec2:Describe Throttling in 333333333333/us-east-1`,
        path: '/environments/production/requiredResourceTypes',
      },
      { env: 'staging', status: 'fail', message: `Environment staging: no ${CACHE}; staging requires at least one`, evidence: { observed: [], expected: `at least one ${CACHE}` }, reason: undefined, path: '/environments/staging/requiredResourceTypes' },
    ]);
  });

  it('a failed listing does not undo a resource found', () => {
    const got = run('required-resource-types', (s) => void (s.environments.production!.requiredResourceTypes = [CACHE]), [prod(CACHE, 'c')], [failed(PROD_ACCOUNT, 'AccessDenied', CACHE)]);
    expect(got.map((r) => r.status)).toEqual(['pass']);
  });

  it('shows at most 20 ARNs of what it found', () => {
    const many = Array.from({ length: 21 }, (_, i) => prod(CACHE, `c${String(i).padStart(2, '0')}`));
    const [r] = run('required-resource-types', (s) => void (s.environments.production!.requiredResourceTypes = [CACHE]), many);
    expect([r!.message, (r!.evidence as { observed: string[] }).observed.length, (r!.evidence as { observed: string[] }).observed[19]]).toEqual([
      `Environment production: 21 ${CACHE}, at least one required`,
      20,
      `arn:aws:elasticache:us-east-1:${PROD_ACCOUNT}:cachecluster/c19`,
    ]);
  });
});

describe('availability-zone-count', () => {
  const subnet = (id: string, az: unknown, over: Partial<Resource> = {}) => prod(SUBNET, id, { config: { subnetId: id, vpcId: 'vpc-1', availabilityZone: az }, ...over });
  const zones = (want: NonNullable<NonNullable<Spec['environments'][string]['network']>['availabilityZoneCount']>) => (s: Spec) => void (s.environments.production!.network = net({ availabilityZoneCount: want }));

  it('a pass carries zones, unknowns and the minimum, at the min pointer', () => {
    expect(run('availability-zone-count', zones({ min: 1 }), [subnet('subnet-b', 'us-east-1b'), subnet('subnet-a', 'us-east-1a')])).toEqual([
      {
        env: 'production',
        status: 'pass',
        message: 'Environment production: subnets in 2 availability zones (us-east-1a, us-east-1b), at least 1 required',
        evidence: { observed: { zones: ['us-east-1a', 'us-east-1b'], unknown: [] }, expected: { atLeast: 1 } },
        reason: undefined,
        path: '/environments/production/network/availabilityZoneCount/min',
      },
    ]);
  });

  it('unknown zones short of the minimum: not-evaluated, naming up to five resources (fn-a, in a known subnet, is not one)', () => {
    const noZone = ['f', 'e', 'd', 'c', 'b', 'a'].map((n) => prod(LAMBDA, `fn-${n}`, { config: { subnetIds: [`subnet-${n}`] } }));
    const got = run('availability-zone-count', zones({ byType: { [LAMBDA]: 2 } }), [subnet('subnet-a', 'us-east-1a'), ...noZone]);
    const arn = (n: string) => `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:function/fn-${n}`;
    expect(got).toEqual([
      {
        env: 'production',
        status: 'not-evaluated',
        message: `Environment production: availability zones of ${LAMBDA} not evaluated`,
        evidence: { observed: { zones: ['us-east-1a'], unknown: ['b', 'c', 'd', 'e', 'f'].map(arn) }, expected: { atLeast: 2 } },
        reason: `zones not known for 5 resource(s): ${['b', 'c', 'd', 'e', 'f'].map(arn).join(', ')}`,
        path: `/environments/production/network/availabilityZoneCount/byType/${LAMBDA}`,
      },
    ]);
  });

  it('a failed listing short of the minimum is not-evaluated with the listing as reason', () => {
    const got = run('availability-zone-count', zones({ min: 2 }), [subnet('subnet-a', 'us-east-1a')], [failed(PROD_ACCOUNT, 'AccessDenied', SUBNET)]);
    expect([got[0]!.status, got[0]!.reason]).toEqual(['not-evaluated', `collection error ec2:Describe AccessDenied in ${PROD_ACCOUNT}/us-east-1`]);
  });

  it('reads zones from availabilityZone, then availabilityZones, then the subnets; an empty zone is none', () => {
    const got = run('availability-zone-count', zones({ byType: { [INSTANCE]: 4, 'AWS::AutoScaling::AutoScalingGroup': 2 } }), [
      subnet('subnet-c', 'us-east-1c'),
      subnet('subnet-blank', ''),
      prod(INSTANCE, 'i-own', { config: { availabilityZone: 'us-east-1a', subnetId: 'subnet-c' } }),
      prod(INSTANCE, 'i-sub', { config: { availabilityZone: '', subnetId: 'subnet-c' } }),
      prod('AWS::AutoScaling::AutoScalingGroup', 'asg', { config: { availabilityZones: ['us-east-1d', 7, 'us-east-1e'] } }),
      prod('AWS::AutoScaling::AutoScalingGroup', 'asg-empty', { config: { availabilityZones: [], subnetIds: ['subnet-c'] } }),
    ]);
    expect(got.map((r) => [r.status, r.message])).toEqual([
      ['pass', 'Environment production: AWS::AutoScaling::AutoScalingGroup in 3 availability zones (us-east-1c, us-east-1d, us-east-1e), at least 2 required'],
      ['fail', 'Environment production: AWS::EC2::Instance in 2 availability zones (us-east-1a, us-east-1c); production requires at least 4'],
    ]);
  });

  it('a subnet with an empty zone leaves its resources unknown; another account or region is not the same subnet', () => {
    const got = run('availability-zone-count', zones({ byType: { [INSTANCE]: 1 } }), [
      subnet('subnet-blank', ''),
      subnet('subnet-w', 'us-west-2a', { region: 'us-west-2' }),
      prod(INSTANCE, 'i-1', { config: { subnetId: 'subnet-blank' } }),
      prod(INSTANCE, 'i-2', { config: { subnetId: 'subnet-w' } }),
    ]);
    expect(got.map((r) => [r.status, (r.evidence as { observed: { unknown: string[] } }).observed.unknown])).toEqual([
      ['not-evaluated', [`arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-1`, `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-2`]],
    ]);
  });

  it('one result per requirement: subnets, then each type in order; one zone is worded singular', () => {
    const got = run('availability-zone-count', zones({ min: 1, byType: { [LAMBDA]: 1, [INSTANCE]: 1 } }), [subnet('subnet-a', 'us-east-1a'), prod(INSTANCE, 'i', { config: { availabilityZone: 'us-east-1a' } }), prod(LAMBDA, 'fn', { config: { subnetIds: ['subnet-a'] } })]);
    expect(got.map((r) => [r.path, r.message])).toEqual([
      ['/environments/production/network/availabilityZoneCount/min', 'Environment production: subnets in 1 availability zone (us-east-1a), at least 1 required'],
      ['/environments/production/network/availabilityZoneCount/byType/AWS::EC2::Instance', 'Environment production: AWS::EC2::Instance in 1 availability zone (us-east-1a), at least 1 required'],
      ['/environments/production/network/availabilityZoneCount/byType/AWS::Lambda::Function', 'Environment production: AWS::Lambda::Function in 1 availability zone (us-east-1a), at least 1 required'],
    ]);
  });
});
