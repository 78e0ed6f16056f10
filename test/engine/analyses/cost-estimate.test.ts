// Estimate arithmetic: every priced item against hand-computed figures at 730 h/month
// and the shipped us-east-1 table (2025-01-01).
import { describe, expect, it } from 'vitest';
import { estimateResources } from '../../../src/engine/analyses/cost-estimate.js';
import { costMicros, formatUsd, microsToCents, PRICE_TABLES, tableFor, usdToCents } from '../../../src/engine/analyses/price-table.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { res } from './cost-context.js';

const one = (r: Resource) => estimateResources([r]);
const total = (rs: Resource[]) => estimateResources(rs).totalCents / 100;
const codes = (rs: Resource[]) => estimateResources(rs).caveats.map((c) => [c.code, c.lowerBound]);

const ec2 = (name: string, instanceType: string, state = 'running') =>
  res('AWS::EC2::Instance', name, 'production', { instanceId: name, instanceType, state, securityGroupIds: [], volumeIds: [] });
const vol = (name: string, volumeType: string, sizeGiB: number, more: Record<string, unknown> = {}) =>
  res('AWS::EC2::Volume', name, 'production', { volumeId: name, volumeType, sizeGiB, availabilityZone: 'us-east-1a', attachedInstanceIds: [], encryption: { enabled: true }, ...more });
const db = (name: string, more: Record<string, unknown>) =>
  res('AWS::RDS::DBInstance', name, 'production', { engine: 'postgres', instanceClass: 'db.t3.small', multiAz: false, storageType: 'gp2', allocatedStorageGiB: 20, ...more });

describe('price tables', () => {
  it('ship us-east-1, us-east-2 and us-west-2 with a date, a source and 730 hours a month', () => {
    for (const region of ['us-east-1', 'us-east-2', 'us-west-2']) {
      const t = PRICE_TABLES.get(region)!;
      expect(t.region).toBe(region);
      expect(t.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.source.length).toBeGreaterThan(20);
      expect(t.hoursPerMonth).toBe(730);
    }
  });

  it('cover the t2/t3/t3a/m5/m6i/c5/r5 families', () => {
    const t = PRICE_TABLES.get('us-east-1')!;
    for (const fam of ['t2', 't3', 't3a', 'm5', 'm6i', 'c5', 'r5']) {
      const sizes = Object.keys(t.ec2.hourly).filter((k) => k.startsWith(`${fam}.`));
      expect(sizes.length, fam).toBeGreaterThanOrEqual(3);
    }
  });

  it('price global resources with the first regional table', () => {
    expect(tableFor('global')?.region).toBe('us-east-1');
    expect(tableFor('eu-west-9')).toBeUndefined();
  });
});

describe('money', () => {
  it('rounds half up to cents from exact micro-dollars', () => {
    expect(microsToCents(costMicros(0.0225, 730))).toBe(1643); // 16.425
    expect(microsToCents(costMicros(0.0052, 730))).toBe(380); // 3.796
    expect(usdToCents(0.1 + 0.2)).toBe(30);
    expect(usdToCents(2.675)).toBe(268);
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });
});

describe('EC2', () => {
  it('prices running instances by type at 730 h', () => {
    expect(total([ec2('a', 't3.medium')])).toBe(30.37);
    expect(total([ec2('a', 't3.micro')])).toBe(7.59);
    expect(total([ec2('a', 't2.micro')])).toBe(8.47);
    expect(total([ec2('a', 't3a.small')])).toBe(13.72);
    expect(total([ec2('a', 'm5.large')])).toBe(70.08);
    expect(total([ec2('a', 'm6i.xlarge')])).toBe(140.16);
    expect(total([ec2('a', 'c5.large')])).toBe(62.05);
    expect(total([ec2('a', 'r5.large')])).toBe(91.98);
  });

  it('excludes stopped instances and says so without making it a lower bound', () => {
    const rs = [ec2('a', 't3.medium'), ec2('b', 't3.large', 'stopped')];
    expect(total(rs)).toBe(30.37);
    expect(codes(rs)).toEqual([['not-running', false]]);
  });

  it('makes the estimate a lower bound for an unknown instance type', () => {
    const e = estimateResources([ec2('a', 't3.medium'), ec2('b', 'x9.mega')]);
    expect(e.totalCents).toBe(3037);
    expect(e.caveats).toEqual([expect.objectContaining({ code: 'unknown-price', lowerBound: true, count: 1 })]);
  });

  it('makes the estimate a lower bound for a region without a table', () => {
    const e = estimateResources([ec2('a', 't3.medium'), res('AWS::EC2::Instance', 'b', 'production', { instanceType: 't3.medium', state: 'running' }, { region: 'eu-west-1' })]);
    expect(e.totalCents).toBe(3037);
    expect(e.caveats.map((c) => [c.code, c.lowerBound])).toEqual([['no-price-table', true]]);
  });

  it('does not name the table of a global resource as a region the environment uses', () => {
    const z = res('AWS::Route53::HostedZone', 'z', 'production', { zoneName: 'x.com.', privateZone: false });
    const w = res('AWS::EC2::Instance', 'b', 'production', { instanceType: 't3.micro', state: 'running' }, { region: 'us-west-2' });
    const e = estimateResources([z, w]);
    expect(e.totalCents).toBe(759 + 50);
    expect(e.regions).toEqual(['us-west-2']);
  });

  it('prices us-west-2 from its own table', () => {
    const e = estimateResources([res('AWS::EC2::Instance', 'b', 'production', { instanceType: 't3.medium', state: 'running' }, { region: 'us-west-2' })]);
    expect(e.totalCents).toBe(3037);
    expect(e.regions).toEqual(['us-west-2']);
  });
});

describe('EBS', () => {
  it('prices gp2 and gp3 by size, gp3 cheaper for the same size', () => {
    expect(total([vol('v', 'gp2', 100)])).toBe(10);
    expect(total([vol('v', 'gp3', 100)])).toBe(8);
  });

  it('includes the gp3 baseline and bills only IOPS and throughput above it', () => {
    expect(total([vol('v', 'gp3', 100, { iops: 3000, throughput: 125 })])).toBe(8);
    expect(total([vol('v', 'gp3', 100, { iops: 4000, throughput: 250 })])).toBe(18);
  });

  it('prices io1 provisioned IOPS and tiered io2 IOPS', () => {
    expect(total([vol('v', 'io1', 100, { iops: 1000 })])).toBe(77.5);
    expect(total([vol('v', 'io2', 100, { iops: 40000 })])).toBe(2456.5);
    expect(total([vol('v', 'io2', 100, { iops: 70000 })])).toBe(12.5 + 2080 + 1456 + 192);
  });

  it('prices st1 and sc1 throughput volumes', () => {
    expect(total([vol('v', 'st1', 500)])).toBe(22.5);
    expect(total([vol('v', 'sc1', 500)])).toBe(7.5);
  });

  it('prices snapshots by size and flags the full-size upper bound', () => {
    const s = res('AWS::EC2::Snapshot', 'snap-1', 'production', { sizeGiB: 50 });
    expect(total([s])).toBe(2.5);
    expect(codes([s])).toEqual([['snapshot-full-size', false]]);
  });

  it('prices archived snapshots at the archive rate, as full copies', () => {
    const s = res('AWS::EC2::Snapshot', 'snap-old', 'production', { sizeGiB: 100, storageTier: 'archive' });
    expect(total([s])).toBe(1.25);
    expect(codes([s])).toEqual([]);
  });

  it('prices interface VPC endpoints per zone and hour; gateway endpoints are free', () => {
    const vpce = (name: string, endpointType: string, subnetIds: string[]) => res('AWS::EC2::VPCEndpoint', name, 'production', { endpointType, subnetIds, state: 'available' });
    // 2 AZ x 730 h x $0.01 = $14.60
    expect(total([vpce('vpce-if', 'Interface', ['subnet-a', 'subnet-b'])])).toBe(14.6);
    expect(codes([vpce('vpce-if', 'Interface', ['subnet-a'])])).toEqual([['usage-based', false]]);
    expect(total([vpce('vpce-s3', 'Gateway', [])])).toBe(0);
    expect(codes([vpce('vpce-s3', 'Gateway', [])])).toEqual([]);
    expect(codes([vpce('vpce-gwlb', 'GatewayLoadBalancer', ['subnet-a'])])).toEqual([['unknown-price', true]]);
  });

  it('names RDS snapshots as not priced, without making the estimate a lower bound', () => {
    const s = res('AWS::RDS::DBSnapshot', 'db-snap', 'production', { snapshotType: 'manual', allocatedStorageGiB: 20 });
    expect(total([s])).toBe(0);
    expect(codes([s])).toEqual([['usage-based', false]]);
  });

  it('treats io1 without IOPS and a volume without size as missing data', () => {
    expect(codes([vol('v', 'io1', 100)])).toEqual([['missing-field', true]]);
    const noSize = res('AWS::EC2::Volume', 'v', 'production', { volumeType: 'gp3' });
    expect(codes([noSize])).toEqual([['missing-field', true]]);
  });
});

describe('RDS', () => {
  it('prices class by engine plus storage', () => {
    const e = one(db('d', {}));
    expect(e.lines.map((l) => [l.item, l.monthlyUsd])).toEqual([
      ['RDS db.t3.small postgres', 26.28],
      ['RDS storage gp2', 2.3],
    ]);
    expect(total([db('d', { engine: 'mysql' })])).toBe(24.82 + 2.3);
  });

  it('doubles instance and storage for Multi-AZ', () => {
    const e = one(db('d', { multiAz: true }));
    expect(e.lines.map((l) => [l.item, l.monthlyUsd])).toEqual([
      ['RDS db.t3.small postgres Multi-AZ', 52.56],
      ['RDS storage gp2 Multi-AZ', 4.6],
    ]);
  });

  it('prices Aurora instances without storage and says storage is usage-based', () => {
    const e = one(db('d', { engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', multiAz: true, clusterId: 'c' }));
    expect(e.totalCents).toBe(18980);
    expect(e.caveats.map((c) => [c.code, c.lowerBound])).toEqual([['usage-based', false]]);
  });

  it('is a lower bound for an unknown class, still pricing storage', () => {
    const e = one(db('d', { instanceClass: 'db.x9.mega' }));
    expect(e.totalCents).toBe(230);
    expect(e.caveats.map((c) => c.code)).toEqual(['unknown-price']);
  });
});

describe('other priced items', () => {
  it('prices load balancers hourly and says LCU is usage-based', () => {
    const alb = res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'alb', 'production', { lbType: 'application' });
    const nlb = res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'nlb', 'production', { lbType: 'network' });
    const e = estimateResources([alb, nlb]);
    expect(e.lines.map((l) => [l.item, l.monthlyUsd])).toEqual([['ALB', 16.43], ['NLB', 16.43]]);
    expect(e.caveats).toEqual([expect.objectContaining({ code: 'usage-based', count: 2, lowerBound: false })]);
  });

  it('prices NAT gateways hourly, not deleted ones', () => {
    const nat = res('AWS::EC2::NatGateway', 'nat', 'production', { state: 'available', vpcId: 'v', subnetId: 's' });
    const gone = res('AWS::EC2::NatGateway', 'nat2', 'production', { state: 'deleted', vpcId: 'v', subnetId: 's' });
    expect(total([nat, gone])).toBe(32.85);
  });

  it('prices ElastiCache by node type times nodes', () => {
    const c = res('AWS::ElastiCache::CacheCluster', 'c', 'production', { engine: 'redis', nodeType: 'cache.t3.micro', numNodes: 2 });
    expect(total([c])).toBe(24.82);
    const v = res('AWS::ElastiCache::CacheCluster', 'v', 'production', { engine: 'valkey', nodeType: 'cache.t3.micro', numNodes: 1 });
    expect(total([v])).toBe(9.93);
  });

  it('prices provisioned DynamoDB capacity and not on-demand tables', () => {
    const p = res('AWS::DynamoDB::Table', 'p', 'production', { billingMode: 'PROVISIONED', readCapacityUnits: 5, writeCapacityUnits: 5 });
    const od = res('AWS::DynamoDB::Table', 'od', 'production', { billingMode: 'PAY_PER_REQUEST' });
    const e = estimateResources([p, od]);
    expect(e.totalCents).toBe(285);
    expect(e.caveats.map((c) => [c.code, c.lowerBound, c.count])).toEqual([
      ['usage-based', false, 1],
      ['usage-based', false, 2],
    ]);
    expect(e.caveats.some((c) => /PAY_PER_REQUEST/.test(c.message))).toBe(true);
  });

  it('prices customer KMS keys, not AWS managed or pending deletion ones', () => {
    const k = (name: string, keyManager: string, keyState = 'Enabled') => res('AWS::KMS::Key', name, 'production', { keyManager, keyState });
    expect(total([k('a', 'CUSTOMER'), k('b', 'AWS'), k('c', 'CUSTOMER', 'PendingDeletion'), k('d', 'CUSTOMER', 'Disabled')])).toBe(2);
  });

  it('prices alarms and hosted zones per month', () => {
    const a = res('AWS::CloudWatch::Alarm', 'a', 'production', { namespace: 'AWS/EC2', metricName: 'CPU', dimensions: {}, alarmActions: [] });
    const z = res('AWS::Route53::HostedZone', 'z', 'production', { zoneName: 'x.com.', privateZone: false });
    expect(total([a, a, z])).toBe(0.7);
  });

  it('prices stored log bytes and says ingestion is usage-based', () => {
    const g = res('AWS::Logs::LogGroup', 'g', 'production', { retentionDays: 30, storedBytes: 100 * 2 ** 30, encryption: { enabled: false } });
    expect(total([g])).toBe(3);
    expect(codes([g])).toEqual([['usage-based', false]]);
  });

  it('names S3 buckets as not priced (size not in the inventory)', () => {
    const b = res('AWS::S3::Bucket', 'b', 'production', {});
    const e = estimateResources([b]);
    expect(e.totalCents).toBe(0);
    expect(e.caveats).toEqual([expect.objectContaining({ code: 'usage-based', lowerBound: false, count: 1 })]);
  });
});

describe('lines', () => {
  it('sort largest first, then by item and arn, and sum to the total in cents', () => {
    const rs = [ec2('b', 't3.medium'), ec2('a', 't3.medium'), vol('v', 'gp2', 100), ec2('c', 'm5.large')];
    const e = estimateResources(rs);
    expect(e.lines.map((l) => l.resourceArn!.split('/').pop())).toEqual(['c', 'a', 'b', 'v']);
    expect(e.totalCents).toBe(7008 + 3037 * 2 + 1000);
    expect(estimateResources([...rs].reverse())).toEqual(e);
  });
});
