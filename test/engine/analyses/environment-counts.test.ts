// instance-count and load-balancer-presence beyond the rule cases: the wording of each
// plan, which instances count as running, the evidence, and incomplete inventories.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { EnvironmentSpec, Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const EC2 = 'AWS::EC2::Instance';
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
type Compute = NonNullable<EnvironmentSpec['compute']>;

function run(id: string, compute: Compute, resources: Resource[], errors: CollectionError[] = [], edit: (s: Spec) => void = () => {}) {
  const spec = baseSpec();
  spec.environments.production!.compute = compute;
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULES.get(id)!], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
}
const vm = (name: string, state?: string) => prod(EC2, name, { config: state === undefined ? {} : { state } });
const vmArn = (name: string) => `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/${name}`;
const lb = (name: string) => prod(LB, name);
const lbArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:${PROD_ACCOUNT}:loadbalancer/${name}`;
const denied = (type: string, over: Partial<CollectionError> = {}): CollectionError => ({ accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeInstances', code: 'AccessDenied', message: 'no', affects: [type], ...over });

describe('instance-count', () => {
  it('counts running, pending and stateless instances of the environment only', () => {
    const got = run('instance-count', { instanceCount: { min: 2, max: 4 } }, [
      vm('i-1', 'running'),
      vm('i-2', 'pending'),
      vm('i-3'),
      vm('i-4', 'stopped'),
      vm('i-5', 'terminated'),
      res(EC2, 'i-loose', { config: { state: 'running' } }),
    ]);
    expect(got.production).toEqual({
      status: 'pass',
      message: 'Environment production: 3 running instance(s), as the spec plans (between 2 and 4)',
      evidence: { observed: 3, expected: { min: 2, max: 4 }, instances: [vmArn('i-1'), vmArn('i-2'), vmArn('i-3')] },
      reason: undefined,
      path: '/environments/production/compute/instanceCount',
    });
  });

  it('words each plan and fails outside it, the bounds inclusive', () => {
    const two = [vm('i-1', 'running'), vm('i-2', 'running')];
    expect(run('instance-count', { instanceCount: { min: 3 } }, two).production!.message).toBe('Environment production: 2 running instance(s); the spec plans at least 3');
    expect(run('instance-count', { instanceCount: { max: 1 } }, two).production!.message).toBe('Environment production: 2 running instance(s); the spec plans at most 1');
    expect(run('instance-count', { instanceCount: { min: 1, max: 1 } }, two).production!.message).toBe('Environment production: 2 running instance(s); the spec plans exactly 1');
    expect(run('instance-count', { instanceCount: { min: 2, max: 2 } }, two).production!.message).toBe('Environment production: 2 running instance(s), as the spec plans (exactly 2)');
    expect(run('instance-count', { instanceCount: { min: 2 } }, two).production!.status).toBe('pass');
    expect(run('instance-count', { instanceCount: { max: 2 } }, two).production!.message).toBe('Environment production: 2 running instance(s), as the spec plans (at most 2)');
    expect(run('instance-count', { instanceCount: { min: 3 } }, []).production!.message).toBe('Environment production: 0 running instance(s); the spec plans at least 3');
  });

  it('lists at most 50 instances in the evidence', () => {
    const many = Array.from({ length: 51 }, (_, i) => vm(`i-${String(i).padStart(2, '0')}`, 'running'));
    const got = run('instance-count', { instanceCount: { max: 60 } }, many).production!;
    expect(got.evidence.observed).toBe(51);
    expect((got.evidence.instances as string[]).length).toBe(50);
    expect((got.evidence.instances as string[])[49]).toBe(vmArn('i-49'));
  });

  it('no bound, no result', () => {
    expect(run('instance-count', { instanceCount: {} }, [vm('i-1')])).toEqual({});
    expect(run('instance-count', {}, [vm('i-1')])).toEqual({});
  });

  it('an instance listing that failed in one of its accounts leaves the count not evaluated', () => {
    const errs = [denied(EC2), denied(EC2, { region: 'eu-west-1', code: 'Throttling' })];
    expect(run('instance-count', { instanceCount: { min: 1 } }, [vm('i-1', 'running')], errs).production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: instance count not evaluated, inventory incomplete',
      evidence: { observed: 1, expected: { min: 1 } },
      reason: 'collection error ec2:DescribeInstances AccessDenied in 111111111111/us-east-1; collection error ec2:DescribeInstances Throttling in 111111111111/eu-west-1',
      path: '/environments/production/compute/instanceCount',
    });
    // An error about one resource, or in another environment's account, leaves the count known.
    expect(run('instance-count', { instanceCount: { min: 1 } }, [vm('i-1', 'running')], [denied(EC2, { resourceArn: vmArn('i-9') })]).production!.status).toBe('pass');
    expect(run('instance-count', { instanceCount: { min: 1 } }, [vm('i-1', 'running')], [denied(EC2, { accountId: STAGING_ACCOUNT })]).production!.status).toBe('pass');
  });
});

describe('load-balancer-presence', () => {
  it('required: the load balancers found, or none', () => {
    expect(run('load-balancer-presence', { loadBalancer: 'required' }, [lb('a'), lb('b')]).production).toEqual({
      status: 'pass',
      message: 'Environment production: 2 load balancer(s), as the spec requires',
      evidence: { observed: [lbArn('a'), lbArn('b')], expected: 'required' },
      reason: undefined,
      path: '/environments/production/compute/loadBalancer',
    });
    expect(run('load-balancer-presence', { loadBalancer: 'required' }, [res(LB, 'loose')]).production).toMatchObject({
      status: 'fail',
      message: 'Environment production: no load balancer; the spec requires one',
      evidence: { observed: [], expected: 'required' },
    });
  });

  it('forbidden: none passes, any fails', () => {
    expect(run('load-balancer-presence', { loadBalancer: 'forbidden' }, []).production).toMatchObject({ status: 'pass', message: 'Environment production: no load balancer, as the spec requires' });
    expect(run('load-balancer-presence', { loadBalancer: 'forbidden' }, [lb('a')]).production).toMatchObject({
      status: 'fail',
      message: 'Environment production: 1 load balancer(s); the spec forbids them',
      evidence: { observed: [lbArn('a')], expected: 'forbidden' },
    });
  });

  it('no requirement, no result', () => {
    expect(run('load-balancer-presence', {}, [lb('a')])).toEqual({});
  });

  it('an incomplete inventory leaves only an undecided answer not evaluated', () => {
    const err = denied(LB, { service: 'elasticloadbalancing', operation: 'DescribeLoadBalancers' });
    const reason = 'collection error elasticloadbalancing:DescribeLoadBalancers AccessDenied in 111111111111/us-east-1';
    expect(run('load-balancer-presence', { loadBalancer: 'required' }, [], [err]).production).toEqual({
      status: 'not-evaluated',
      message: 'Environment production: load balancer presence not evaluated, inventory incomplete',
      evidence: { observed: 0, expected: 'required' },
      reason,
      path: '/environments/production/compute/loadBalancer',
    });
    expect(run('load-balancer-presence', { loadBalancer: 'forbidden' }, [], [err]).production).toMatchObject({ status: 'not-evaluated', reason });
    // A load balancer seen settles either requirement, whatever else is missing.
    expect(run('load-balancer-presence', { loadBalancer: 'forbidden' }, [lb('a')], [err]).production!.status).toBe('fail');
    expect(run('load-balancer-presence', { loadBalancer: 'required' }, [lb('a')], [err]).production).toMatchObject({ status: 'pass', message: 'Environment production: 1 load balancer(s), as the spec requires' });
  });
});
