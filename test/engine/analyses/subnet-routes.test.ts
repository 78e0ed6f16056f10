// subnetRoutes: a subnet is public when its route table (explicit association, else the
// VPC's main table) has an active route to an internet gateway; unknown without a table.
import { describe, expect, it } from 'vitest';
import { routeTableViews, subnetRoutes, type RouteTableView } from '../../../src/engine/analyses/subnet-routes.js';
import { res } from '../../engine/helpers.js';

const local = { destination: '10.0.0.0/16', target: 'local', state: 'active' };
const mainPublic: RouteTableView = { routeTableId: 'rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [{ destination: '0.0.0.0/0', target: 'igw-1', state: 'active' }, local] };
const privateTable: RouteTableView = { routeTableId: 'rtb-priv', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-b'], routes: [local, { destination: '0.0.0.0/0', target: 'nat-1', state: 'active' }] };
const blackhole: RouteTableView = { routeTableId: 'rtb-dead', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-c'], routes: [local, { destination: '0.0.0.0/0', target: 'igw-gone', state: 'blackhole' }] };
const twoRoutes: RouteTableView = { routeTableId: 'rtb-two', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-d'], routes: [{ destination: '::/0', target: 'igw-6', state: 'active' }, { destination: '0.0.0.0/0', target: 'igw-4', state: 'active' }, local] };

describe('subnetRoutes', () => {
  it('an explicit association wins over the main table', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-b', vpcId: 'vpc-1' }], [mainPublic, privateTable])).toEqual([
      { subnetId: 'subnet-b', verdict: 'private', routeTableId: 'rtb-priv', association: 'explicit' },
    ]);
  });

  it('a subnet with no association uses its VPC main table', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-a', vpcId: 'vpc-1' }], [mainPublic, privateTable])).toEqual([
      { subnetId: 'subnet-a', verdict: 'public', routeTableId: 'rtb-main', association: 'main', route: { destination: '0.0.0.0/0', target: 'igw-1' } },
    ]);
  });

  it('a NAT route or a blackhole route to a gateway is not public', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-b' }, { subnetId: 'subnet-c' }], [privateTable, blackhole]).map((r) => r.verdict)).toEqual(['private', 'private']);
  });

  it('names the first internet route in destination order', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-d' }], [twoRoutes])).toEqual([
      { subnetId: 'subnet-d', verdict: 'public', routeTableId: 'rtb-two', association: 'explicit', route: { destination: '0.0.0.0/0', target: 'igw-4' } },
    ]);
  });

  it('without its table or the VPC main table a subnet is unknown, never private', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-x', vpcId: 'vpc-2' }, { subnetId: 'subnet-y' }], [mainPublic])).toEqual([
      { subnetId: 'subnet-x', verdict: 'unknown', reason: 'no route table associated with subnet-x, nor the main table of vpc-2, was collected' },
      { subnetId: 'subnet-y', verdict: 'unknown', reason: 'no route table associated with subnet-y was collected, and its VPC is not known' },
    ]);
  });

  it('the main table of another VPC is not used', () => {
    const other: RouteTableView = { ...mainPublic, routeTableId: 'rtb-other', vpcId: 'vpc-9' };
    expect(subnetRoutes([{ subnetId: 'subnet-a', vpcId: 'vpc-1' }], [other])[0]!.verdict).toBe('unknown');
  });

  it('routeTableViews keeps well-formed configs only', () => {
    const good = res('AWS::EC2::RouteTable', 'rtb-1', { config: { routeTableId: 'rtb-1', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [] } });
    const partial = res('AWS::EC2::RouteTable', 'rtb-2', { config: { routeTableId: 'rtb-2', vpcId: 'vpc-1' } });
    expect(routeTableViews([good, partial])).toEqual([{ routeTableId: 'rtb-1', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [] }]);
  });

  it('routeTableViews drops a table missing any one field', () => {
    const full = { routeTableId: 'rtb-1', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [] };
    const without = (k: keyof typeof full) => res('AWS::EC2::RouteTable', `no-${k}`, { config: Object.fromEntries(Object.entries(full).filter(([x]) => x !== k)) });
    expect(routeTableViews((['routeTableId', 'vpcId', 'main', 'subnetIds', 'routes'] as const).map(without))).toEqual([]);
  });
  it('a table that is not its VPC main table serves only the subnets associated with it', () => {
    expect(subnetRoutes([{ subnetId: 'subnet-z', vpcId: 'vpc-1' }], [privateTable])).toEqual([
      { subnetId: 'subnet-z', verdict: 'unknown', reason: 'no route table associated with subnet-z, nor the main table of vpc-1, was collected' },
    ]);
  });

  it('names the first internet route in destination order whatever order the table lists them', () => {
    const routes = [
      { destination: '10.1.0.0/16', target: 'igw-b', state: 'active' },
      { destination: '0.0.0.0/0', target: 'igw-a', state: 'active' },
      { destination: '::/0', target: 'igw-c', state: 'active' },
      { destination: '10.0.0.0/8', target: 'igw-d', state: 'active' },
    ];
    const table = (order: number[]): RouteTableView => ({ routeTableId: 'rtb-x', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-x'], routes: order.map((n) => routes[n]!) });
    const first = (order: number[]) => subnetRoutes([{ subnetId: 'subnet-x' }], [table(order)])[0];
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]) {
      expect(first(order)).toEqual({ subnetId: 'subnet-x', verdict: 'public', routeTableId: 'rtb-x', association: 'explicit', route: { destination: '0.0.0.0/0', target: 'igw-a' } });
    }
  });

  it('gives one verdict per subnet in the order asked, each from its own table', () => {
    const pub: RouteTableView = { ...mainPublic, routeTableId: 'rtb-pub', main: false, subnetIds: ['subnet-p'] };
    expect(subnetRoutes([{ subnetId: 'subnet-p' }, { subnetId: 'subnet-b' }, { subnetId: 'subnet-m', vpcId: 'vpc-1' }], [privateTable, pub, mainPublic])).toEqual([
      { subnetId: 'subnet-p', verdict: 'public', routeTableId: 'rtb-pub', association: 'explicit', route: { destination: '0.0.0.0/0', target: 'igw-1' } },
      { subnetId: 'subnet-b', verdict: 'private', routeTableId: 'rtb-priv', association: 'explicit' },
      { subnetId: 'subnet-m', verdict: 'public', routeTableId: 'rtb-main', association: 'main', route: { destination: '0.0.0.0/0', target: 'igw-1' } },
    ]);
  });

  it('routeTableViews keeps the fields the classifier reads, and only those', () => {
    const t = res('AWS::EC2::RouteTable', 'rtb-3', { config: { routeTableId: 'rtb-3', vpcId: 'vpc-3', main: false, subnetIds: ['subnet-3'], routes: [local], propagatingVgws: ['vgw-1'] } });
    expect(routeTableViews([t])).toEqual([{ routeTableId: 'rtb-3', vpcId: 'vpc-3', main: false, subnetIds: ['subnet-3'], routes: [local] }]);
  });
});
