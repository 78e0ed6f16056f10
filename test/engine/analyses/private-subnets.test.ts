// private-subnets beyond the rule cases: the reasons a workload is not evaluated, the
// evidence each result carries, and where subnet ids and VPCs are read from.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { net } from '../../rules/rule-tester.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot } from '../helpers.js';

const RULE = loadRules().find((r) => r.meta.id === 'private-subnets')!;
const INSTANCE = 'AWS::EC2::Instance';
const ARN = `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}`;
const local = { destination: '10.0.0.0/16', target: 'local', state: 'active' };
const table = (id: string, vpcId: string, main: boolean, subnetIds: string[], routes: object[], over: Partial<Resource> = {}) =>
  res('AWS::EC2::RouteTable', id, { config: { routeTableId: id, vpcId, main, subnetIds, routes }, ...over });
const tables = [
  table('rtb-main', 'vpc-1', true, [], [{ destination: '0.0.0.0/0', target: 'igw-1', state: 'active' }, local]),
  table('rtb-priv', 'vpc-1', false, ['subnet-a', 'subnet-b'], [local]),
];

function run(resources: Resource[], errors: CollectionError[] = [], edit: (s: Spec) => void = (s) => void (s.environments.production!.network = net({ privateSubnets: [INSTANCE] }))) {
  const spec = baseSpec();
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
}

describe('private-subnets', () => {
  it('a failed route-table listing in the workload account and region leaves it not-evaluated, naming the call', () => {
    const err: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeRouteTables', code: 'AccessDenied', message: 'denied', affects: ['AWS::EC2::RouteTable'] };
    const got = run([...tables, prod(INSTANCE, 'app', { config: { subnetId: 'subnet-a', vpcId: 'vpc-1' } })], [err]);
    expect(got.app).toEqual({
      status: 'not-evaluated',
      message: "AWS::EC2::Instance 'app': subnets not evaluated",
      evidence: { observed: { subnets: [] }, expected: 'private subnets only, no public address' },
      reason: `route tables of ${PROD_ACCOUNT}/us-east-1 incomplete: collection error ec2:DescribeRouteTables AccessDenied`,
      path: '/environments/production/network/privateSubnets',
    });
  });

  it('names why each subnet is unknown; a known private subnet beside them is not a pass', () => {
    const got = run([...tables, prod(INSTANCE, 'mixed', { config: { subnetIds: ['subnet-a', 'subnet-z'] } }), prod(INSTANCE, 'bare', { config: {} })]);
    expect(got.mixed).toEqual({
      status: 'not-evaluated',
      message: "AWS::EC2::Instance 'mixed': subnets not evaluated",
      evidence: {
        observed: {
          subnets: [
            { subnetId: 'subnet-a', verdict: 'private', routeTableId: 'rtb-priv', association: 'explicit' },
            { subnetId: 'subnet-z', verdict: 'unknown', reason: 'no route table associated with subnet-z was collected, and its VPC is not known' },
          ],
        },
        expected: 'private subnets only, no public address',
      },
      reason: 'no route table associated with subnet-z was collected, and its VPC is not known',
      path: '/environments/production/network/privateSubnets',
    });
    expect([got.bare!.status, got.bare!.reason]).toEqual(['not-evaluated', 'its subnets were not collected']);
  });

  it('a public address fails even when the subnets are unknown; the evidence carries it', () => {
    const got = run([prod(INSTANCE, 'ip', { config: { subnetId: 'subnet-q', vpcId: 'vpc-7', publicIp: '198.51.100.9' } })]);
    expect(got.ip).toEqual({
      status: 'fail',
      message: "AWS::EC2::Instance 'ip': has public IP 198.51.100.9; production keeps AWS::EC2::Instance in private subnets without public addresses",
      evidence: {
        observed: { subnets: [{ subnetId: 'subnet-q', verdict: 'unknown', reason: 'no route table associated with subnet-q, nor the main table of vpc-7, was collected' }], publicAddress: 'has public IP 198.51.100.9' },
        expected: 'private subnets only, no public address',
      },
      reason: undefined,
      path: '/environments/production/network/privateSubnets',
    });
  });

  it('an empty public IP is no address; two public subnets are both named, sorted, with the address last', () => {
    const got = run([
      ...tables,
      table('rtb-pub2', 'vpc-1', false, ['subnet-p2'], [{ destination: '0.0.0.0/0', target: 'igw-2', state: 'active' }]),
      prod(INSTANCE, 'quiet', { config: { subnetId: 'subnet-a', vpcId: 'vpc-1', publicIp: '' } }),
      prod('AWS::RDS::DBInstance', 'db', { config: { subnetIds: ['subnet-x', 'subnet-p2'], vpcId: 'vpc-1', publiclyAccessible: true } }),
    ], [], (s) => void (s.environments.production!.network = net({ privateSubnets: [INSTANCE, 'AWS::RDS::DBInstance'] })));
    expect(got.quiet!.message).toBe("AWS::EC2::Instance 'quiet': in private subnet subnet-a");
    expect(got.db!.message).toBe(
      "AWS::RDS::DBInstance 'db': in public subnet subnet-p2 (route table rtb-pub2 routes 0.0.0.0/0 to igw-2), in public subnet subnet-x (route table rtb-main routes 0.0.0.0/0 to igw-1), is publicly accessible; production keeps AWS::RDS::DBInstance in private subnets without public addresses",
    );
  });

  it('reads subnets from relations and config together, and the VPC from a relation or the subnet; an empty vpcId is no VPC', () => {
    const got = run([
      ...tables,
      res('AWS::EC2::Subnet', 'subnet-c', { config: { subnetId: 'subnet-c', vpcId: 'vpc-1' } }),
      res('AWS::EC2::Subnet', 'subnet-e', { config: { subnetId: 'subnet-e', vpcId: '' } }),
      prod(INSTANCE, 'both', { config: { subnetId: 'subnet-a' }, relations: [{ kind: 'subnet', target: `${ARN}:subnet/subnet-b` }, { kind: 'security-group', target: `${ARN}:security-group/sg-1` }] }),
      prod(INSTANCE, 'rel-vpc', { config: { subnetId: 'subnet-d', vpcId: '' }, relations: [{ kind: 'vpc', target: `${ARN}:vpc/vpc-1` }] }),
      prod(INSTANCE, 'from-subnet', { config: { subnetId: 'subnet-c' } }),
      prod(INSTANCE, 'blank-subnet-vpc', { config: { subnetId: 'subnet-e' } }),
    ]);
    expect(got.both!.message).toBe("AWS::EC2::Instance 'both': in private subnets subnet-a, subnet-b");
    expect(got['rel-vpc']!.message).toBe("AWS::EC2::Instance 'rel-vpc': in public subnet subnet-d (route table rtb-main routes 0.0.0.0/0 to igw-1); production keeps AWS::EC2::Instance in private subnets without public addresses");
    expect(got['from-subnet']!.status).toBe('fail');
    expect([got['blank-subnet-vpc']!.status, got['blank-subnet-vpc']!.reason]).toEqual(['not-evaluated', 'no route table associated with subnet-e was collected, and its VPC is not known']);
  });

  it('route tables of another account do not classify a subnet', () => {
    const other = table('rtb-x', 'vpc-1', false, ['subnet-a'], [local], { accountId: '222222222222', arn: 'arn:aws:ec2:us-east-1:222222222222:route-table/rtb-x' });
    const got = run([other, prod(INSTANCE, 'app', { config: { subnetId: 'subnet-a', vpcId: 'vpc-1' } })]);
    expect(got.app!.status).toBe('not-evaluated');
  });

  it('a bastion result carries its evidence and spec path', () => {
    const got = run([...tables, prod(INSTANCE, 'jump', { config: { subnetId: 'subnet-p', vpcId: 'vpc-1' } })], [], (s) => void (s.environments.production!.network = net({ privateSubnets: [INSTANCE], bastion: { names: ['jump'], tags: {}, sshFrom: [] } })));
    expect(got.jump).toEqual({
      status: 'pass',
      message: "AWS::EC2::Instance 'jump': the environment's bastion host, which may sit in a public subnet",
      evidence: { observed: 'bastion', expected: 'private subnets only, no public address' },
      reason: undefined,
      path: '/environments/production/network/privateSubnets',
    });
  });
});
