// Each pricer's lines (service, item, amount, the worked detail) and caveats (code,
// wording, count, lower bound) in full, at the shipped us-east-1 table (2025-01-01,
// 730 h/month). Amounts are worked out in the comments.
import { describe, expect, it } from 'vitest';
import { estimateResources } from '../../../src/engine/analyses/cost-estimate.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { res } from './cost-context.js';

const r = (type: string, name: string, config: Record<string, unknown>, region?: string): Resource => {
  const x = res(type, name, 'production', config);
  return region ? { ...x, region } : x;
};
const lines = (rs: Resource[]) => estimateResources(rs).lines.map((l) => [l.service, l.item, l.monthlyUsd, l.detail]);
const caveats = (rs: Resource[]) => estimateResources(rs).caveats;
const missing = (type: string, field: string) => ({ code: 'missing-field', message: `1 ${type} resource without ${field} in the inventory: not priced, the estimate is a lower bound`, count: 1, lowerBound: true });
const NO_API = 'the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot)';

describe('EC2 instances', () => {
  const ec2 = (name: string, config: Record<string, unknown>) => r('AWS::EC2::Instance', name, config);
  it('prices a running instance and says what it leaves out', () => {
    const rs = [ec2('i1', { instanceType: 't3.medium', state: 'running' }), ec2('i2', { instanceType: 't3.medium', state: 'stopped' }), ec2('i3', { instanceType: 't3.medium', state: 'stopped' }), ec2('i4', { instanceType: 't3.medium' }), ec2('i5', { state: 'running' }), ec2('i6', { instanceType: 'x9.huge', state: 'running' })];
    // 730 h x $0.0416 = $30.368
    expect(lines(rs)).toEqual([['EC2', 'EC2 t3.medium', 30.37, '730 h x $0.0416/h']]);
    expect(caveats(rs)).toEqual([
      missing('AWS::EC2::Instance', 'instanceType'),
      missing('AWS::EC2::Instance', 'state'),
      { code: 'not-running', message: '2 EC2 instances not running: compute not priced (attached EBS volumes are)', count: 2, lowerBound: false },
      { code: 'unknown-price', message: `EC2 instance type x9.huge is not in the us-east-1 price table; ${NO_API} (1 resource): not priced, the estimate is a lower bound`, count: 1, lowerBound: true },
    ]);
  });
});

describe('EBS volumes and snapshots', () => {
  it('works out size, IOPS and throughput parts', () => {
    const vol = (name: string, config: Record<string, unknown>) => r('AWS::EC2::Volume', name, config);
    const rs = [vol('v1', { volumeType: 'gp3', sizeGiB: 100, iops: 4000, throughput: 250 }), vol('v2', { volumeType: 'io1', sizeGiB: 10, iops: 100 }), vol('v3', { volumeType: 'io2', sizeGiB: 10, iops: 40000 }), vol('v4', { volumeType: 'zz', sizeGiB: 10 }), vol('v5', { sizeGiB: 10 }), vol('v6', { volumeType: 'gp2', sizeGiB: 10, iops: 999999 })];
    expect(lines(rs)).toEqual([
      // 10 x 0.125 + 32000 x 0.065 + 8000 x 0.0455
      ['EBS', 'EBS io2', 2445.25, '10 GiB x $0.125 + 40000 provisioned IOPS'],
      // 100 x 0.08 + 1000 x 0.005 + 125 x 0.04
      ['EBS', 'EBS gp3', 18, '100 GiB x $0.08 + 1000 IOPS over 3000 x $0.005 + 125 MB/s over 125 x $0.04'],
      // 10 x 0.125 + 100 x 0.065
      ['EBS', 'EBS io1', 7.75, '10 GiB x $0.125 + 100 provisioned IOPS'],
      // gp2 IOPS come with the size: not billed
      ['EBS', 'EBS gp2', 1, '10 GiB x $0.1'],
    ]);
    expect(caveats(rs)).toEqual([
      missing('AWS::EC2::Volume', 'volumeType'),
      { code: 'unknown-price', message: 'EBS volume type zz is not in the us-east-1 price table (1 resource): not priced, the estimate is a lower bound', count: 1, lowerBound: true },
    ]);
  });

  it('prices a snapshot by its size or its volume\'s, archived at the archive rate', () => {
    const rs = [r('AWS::EC2::Snapshot', 's1', { volumeSizeGiB: 8 }), r('AWS::EC2::Snapshot', 's2', { sizeGiB: 8, storageTier: 'archive' }), r('AWS::EC2::Snapshot', 's3', {})];
    expect(lines(rs)).toEqual([
      ['EBS', 'EBS snapshot', 0.4, '8 GiB x $0.05'],
      ['EBS', 'EBS snapshot (archive)', 0.1, '8 GiB x $0.0125'],
    ]);
    expect(caveats(rs)).toEqual([
      missing('AWS::EC2::Snapshot', 'sizeGiB'),
      { code: 'snapshot-full-size', message: '1 EBS snapshot priced at the full volume size: AWS bills changed blocks only, so this part is an upper bound', count: 1, lowerBound: false },
    ]);
  });
});

describe('RDS instances', () => {
  it('prices class and storage (gp2 by default), Multi-AZ twice, with an engine in any case', () => {
    const db = (name: string, config: Record<string, unknown>) => r('AWS::RDS::DBInstance', name, config);
    const rs = [
      db('d1', { instanceClass: 'db.t3.small', engine: 'Postgres', multiAz: true, allocatedStorageGiB: 20, storageType: 'gp3' }),
      db('d2', { instanceClass: 'db.t3.small', engine: 'postgres', allocatedStorageGiB: 20, storageType: 'zz' }),
      db('d3', { instanceClass: 'db.t3.small', engine: 'postgres' }),
      db('d4', { engine: 'postgres' }),
      db('d5', { instanceClass: 'db.t3.small' }),
      db('d6', { instanceClass: 'db.t3.small', engine: 'postgres', allocatedStorageGiB: 5 }),
    ];
    expect(lines(rs)).toEqual([
      // 730 h x $0.036 x 2
      ['RDS', 'RDS db.t3.small postgres Multi-AZ', 52.56, '730 h x $0.036/h x 2'],
      ['RDS', 'RDS db.t3.small postgres', 26.28, '730 h x $0.036/h'],
      ['RDS', 'RDS db.t3.small postgres', 26.28, '730 h x $0.036/h'],
      ['RDS', 'RDS db.t3.small postgres', 26.28, '730 h x $0.036/h'],
      // 20 x 0.115 x 2; 5 x 0.115 = 0.575
      ['RDS', 'RDS storage gp3 Multi-AZ', 4.6, '20 GiB x $0.115 x 2'],
      ['RDS', 'RDS storage gp2', 0.58, '5 GiB x $0.115'],
    ]);
    expect(caveats(rs)).toEqual([
      missing('AWS::RDS::DBInstance', 'allocatedStorageGiB'),
      missing('AWS::RDS::DBInstance', 'engine'),
      missing('AWS::RDS::DBInstance', 'instanceClass'),
      { code: 'unknown-price', message: 'RDS storage type zz is not in the us-east-1 price table (1 resource): not priced, the estimate is a lower bound', count: 1, lowerBound: true },
    ]);
  });
});

describe('network, cache, tables, keys, logs', () => {
  it('prices load balancers by type name', () => {
    const lb = (name: string, config: Record<string, unknown>) => r('AWS::ElasticLoadBalancingV2::LoadBalancer', name, config);
    const rs = [lb('g', { lbType: 'gateway' }), lb('z', { lbType: 'classic' }), lb('n', {})];
    // 730 h x $0.0125 = $9.125
    expect(lines(rs)).toEqual([['ELB', 'GWLB', 9.13, '730 h x $0.0125/h']]);
    expect(caveats(rs)).toEqual([
      missing('AWS::ElasticLoadBalancingV2::LoadBalancer', 'lbType'),
      { code: 'unknown-price', message: 'load balancer type classic is not in the us-east-1 price table (1 resource): not priced, the estimate is a lower bound', count: 1, lowerBound: true },
      { code: 'usage-based', message: '1 load balancer: capacity units (LCU) depend on traffic, which the inventory does not hold; only the hourly base is priced', count: 1, lowerBound: false },
    ]);
  });

  it('prices NAT gateways that are pending, available or of unknown state', () => {
    const nat = (name: string, config: Record<string, unknown>) => r('AWS::EC2::NatGateway', name, config);
    const rs = [nat('n1', { state: 'pending' }), nat('n2', {}), nat('n3', { state: 'failed' })];
    expect(lines(rs)).toEqual([
      ['VPC', 'NAT gateway', 32.85, '730 h x $0.045/h'],
      ['VPC', 'NAT gateway', 32.85, '730 h x $0.045/h'],
    ]);
    expect(caveats(rs)).toEqual([{ code: 'usage-based', message: '2 NAT gateways: data processed is usage-based and not in the inventory; only the hourly charge is priced', count: 2, lowerBound: false }]);
  });

  it('prices an interface endpoint in at least one zone, and none that is going or gone', () => {
    const vpce = (name: string, config: Record<string, unknown>) => r('AWS::EC2::VPCEndpoint', name, config);
    const rs = [
      vpce('e1', { endpointType: 'Interface' }),
      vpce('e2', { endpointType: 'Interface', subnetIds: [], state: 'Available' }),
      ...['Deleting', 'deleted', 'rejected', 'failed'].map((state, i) => vpce(`x${i}`, { endpointType: 'Interface', state })),
      vpce('e4', {}),
    ];
    expect(lines(rs)).toEqual([
      ['VPC', 'VPC interface endpoint', 7.3, '1 AZ x 730 h x $0.01/h'],
      ['VPC', 'VPC interface endpoint', 7.3, '1 AZ x 730 h x $0.01/h'],
    ]);
    expect(caveats(rs)).toEqual([
      missing('AWS::EC2::VPCEndpoint', 'endpointType'),
      { code: 'usage-based', message: '2 interface VPC endpoints: data processed is usage-based and not in the inventory; only the hourly charge is priced', count: 2, lowerBound: false },
    ]);
  });

  it('prices ElastiCache nodes, scaling the bundled Redis price for other engines', () => {
    const c = (name: string, config: Record<string, unknown>) => r('AWS::ElastiCache::CacheCluster', name, config);
    const rs = [c('c1', { nodeType: 'cache.t3.micro', numNodes: 1, engine: 'Valkey' }), c('c2', { nodeType: 'cache.t3.micro', numNodes: 2 }), c('c3', { numNodes: 2 }), c('c4', { nodeType: 'cache.t3.micro' })];
    expect(lines(rs)).toEqual([
      // 2 x 730 x 0.017; 730 x 0.017 x 0.8 = 9.928
      ['ElastiCache', 'ElastiCache cache.t3.micro x2', 24.82, '2 nodes x 730 h x $0.017/h'],
      ['ElastiCache', 'ElastiCache cache.t3.micro x1', 9.93, '1 node x 730 h x $0.017/h x 0.8 (valkey)'],
    ]);
    expect(caveats(rs)).toEqual([missing('AWS::ElastiCache::CacheCluster', 'nodeType'), missing('AWS::ElastiCache::CacheCluster', 'numNodes')]);
  });

  it('prices provisioned DynamoDB capacity, naming each missing field', () => {
    const t = (name: string, config: Record<string, unknown>) => r('AWS::DynamoDB::Table', name, config);
    const rs = [t('t1', { billingMode: 'PROVISIONED', readCapacityUnits: 10, writeCapacityUnits: 2 }), t('t2', { billingMode: 'PROVISIONED', readCapacityUnits: 10 }), t('t3', { billingMode: 'PROVISIONED' }), t('t4', {})];
    // 10 x 0.00013 x 730 + 2 x 0.00065 x 730 = 0.949 + 0.949
    expect(lines(rs)).toEqual([['DynamoDB', 'DynamoDB provisioned capacity', 1.9, '10 RCU x $0.00013/h + 2 WCU x $0.00065/h, 730 h']]);
    expect(caveats(rs)).toEqual([
      missing('AWS::DynamoDB::Table', 'billingMode'),
      missing('AWS::DynamoDB::Table', 'readCapacityUnits'),
      missing('AWS::DynamoDB::Table', 'writeCapacityUnits'),
      { code: 'usage-based', message: '4 DynamoDB tables: storage and index capacity are not in the inventory', count: 4, lowerBound: false },
    ]);
  });

  it('prices a customer key per month, not one pending replica deletion or of unknown manager', () => {
    const k = (name: string, config: Record<string, unknown>) => r('AWS::KMS::Key', name, config);
    const rs = [k('k1', {}), k('k2', { keyManager: 'CUSTOMER', keyState: 'PendingReplicaDeletion' }), k('k3', { keyManager: 'CUSTOMER', keyState: 'Enabled' })];
    expect(lines(rs)).toEqual([['KMS', 'KMS customer managed key', 1, '$1/month']]);
    expect(caveats(rs)).toEqual([missing('AWS::KMS::Key', 'keyManager')]);
  });

  it('prices stored log bytes in GB, nothing for an empty group', () => {
    const rs = [r('AWS::Logs::LogGroup', 'g0', { storedBytes: 0 }), r('AWS::Logs::LogGroup', 'g1', { storedBytes: 2 ** 29 })];
    // 0.5 GB x $0.03 = $0.015
    expect(lines(rs)).toEqual([['CloudWatch', 'CloudWatch Logs storage', 0.02, '0.500 GB x $0.03']]);
    expect(caveats(rs)).toEqual([{ code: 'usage-based', message: '2 log groups: ingestion is usage-based; only stored bytes are priced', count: 2, lowerBound: false }]);
  });

  it('names usage-only types once per kind, and says nothing of unpriced other types', () => {
    const rs = [r('AWS::SQS::Queue', 'q', {}), r('AWS::SQS::Queue', 'q2', {}), r('AWS::SNS::Topic', 't', {}), r('AWS::RDS::DBCluster', 'c', {}), r('AWS::Lambda::Function', 'f', {})];
    const e = estimateResources(rs);
    expect(e.lines).toEqual([]);
    expect(e.caveats).toEqual([
      { code: 'usage-based', message: '1 x Aurora cluster: storage and I/O are usage-based, not priced', count: 1, lowerBound: false },
      { code: 'usage-based', message: '1 x SNS topic: billed per request and delivery, not priced', count: 1, lowerBound: false },
      { code: 'usage-based', message: '2 x SQS queue: billed per request, not priced', count: 2, lowerBound: false },
    ]);
  });
});

describe('regions without a table', () => {
  it('names what could not be priced there', () => {
    const rs = [
      r('AWS::EC2::Instance', 'i', { instanceType: 't3.medium', state: 'running' }, 'eu-west-9'),
      r('AWS::RDS::DBInstance', 'd', { instanceClass: 'db.t3.small', engine: 'postgres', allocatedStorageGiB: 20 }, 'eu-west-9'),
      r('AWS::EC2::Volume', 'v', { volumeType: 'gp3', sizeGiB: 1 }, 'eu-west-9'),
      r('AWS::EC2::Volume', 'v2', { volumeType: 'gp3', sizeGiB: 1 }, 'eu-west-9'),
      r('AWS::ElastiCache::CacheCluster', 'c', { nodeType: 'cache.t3.micro', numNodes: 1 }, 'eu-west-9'),
    ];
    const e = estimateResources(rs);
    expect([e.totalCents, e.regions, e.asOf, e.lines]).toEqual([0, [], [], []]);
    expect(e.caveats).toEqual([
      { code: 'no-price-table', message: `no price for EC2 instance type t3.medium in eu-west-9: no bundled price table for the region; ${NO_API} (1 resource): not priced, the estimate is a lower bound`, count: 1, lowerBound: true },
      { code: 'no-price-table', message: 'no price for ElastiCache node type cache.t3.micro in eu-west-9: no bundled price table for the region (1 resource): not priced, the estimate is a lower bound', count: 1, lowerBound: true },
      { code: 'no-price-table', message: `no price for RDS postgres class db.t3.small in eu-west-9: no bundled price table for the region; ${NO_API} (1 resource): not priced, the estimate is a lower bound`, count: 1, lowerBound: true },
      { code: 'no-price-table', message: 'no price table for region eu-west-9: 1 RDS storage gp2 resource not priced, the estimate is a lower bound', count: 1, lowerBound: true },
      { code: 'no-price-table', message: 'no price table for region eu-west-9: 2 AWS::EC2::Volume resources not priced, the estimate is a lower bound', count: 2, lowerBound: true },
    ]);
  });

  it('lists the regions and table dates priced from, without the global table', () => {
    const e = estimateResources([r('AWS::EC2::Volume', 'v', { volumeType: 'gp3', sizeGiB: 1 }, 'us-west-2'), r('AWS::Route53::HostedZone', 'z', {}, 'global')]);
    expect([e.regions, e.asOf, e.hoursPerMonth]).toEqual([['us-west-2'], ['2025-01-01'], 730]);
    expect(e.lines.map((l) => [l.item, l.monthlyUsd, l.detail])).toEqual([
      ['Route 53 hosted zone', 0.5, '$0.5/month'],
      ['EBS gp3', 0.08, '1 GiB x $0.08'],
    ]);
  });
});

describe('what a pricer does not take', () => {
  it('treats a non-number, not-finite size or an empty string as missing', () => {
    const vol = (name: string, config: Record<string, unknown>) => r('AWS::EC2::Volume', name, config);
    const rs = [vol('v1', { volumeType: 'gp3', sizeGiB: '100' }), vol('v2', { volumeType: 'gp3', sizeGiB: Number.NaN }), vol('v3', { volumeType: 'gp3', sizeGiB: Number.POSITIVE_INFINITY }), vol('v4', { volumeType: '', sizeGiB: 1 })];
    const e = estimateResources(rs);
    expect(e.lines).toEqual([]);
    expect(e.caveats).toEqual([
      missing('AWS::EC2::Volume', 'volumeType'),
      { ...missing('AWS::EC2::Volume', 'sizeGiB'), count: 3, message: '3 AWS::EC2::Volume resources without sizeGiB in the inventory: not priced, the estimate is a lower bound' },
    ]);
  });

  it('wants the IOPS of an io1 volume', () => {
    expect(caveats([r('AWS::EC2::Volume', 'v', { volumeType: 'io1', sizeGiB: 10 })])).toEqual([missing('AWS::EC2::Volume', 'iops')]);
  });

  it('bills nothing extra for gp3 IOPS and throughput at the baseline', () => {
    expect(lines([r('AWS::EC2::Volume', 'v', { volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughput: 125 })])).toEqual([['EBS', 'EBS gp3', 8, '100 GiB x $0.08']]);
  });

  it('names an RDS engine the table does not price', () => {
    expect(caveats([r('AWS::RDS::DBInstance', 'd', { instanceClass: 'db.t3.small', engine: 'oracle-ee', allocatedStorageGiB: 20 })])).toEqual([
      { code: 'unknown-price', message: `RDS oracle-ee class db.t3.small is not in the us-east-1 price table; ${NO_API} (1 resource): not priced, the estimate is a lower bound`, count: 1, lowerBound: true },
    ]);
  });

  it('says Aurora storage is usage-based, and on-demand DynamoDB tables are billed per request', () => {
    const aurora = r('AWS::RDS::DBInstance', 'a', { instanceClass: 'db.r6g.large', engine: 'aurora-postgresql', allocatedStorageGiB: 1 });
    const od = r('AWS::DynamoDB::Table', 'od', { billingMode: 'PAY_PER_REQUEST' });
    expect(caveats([aurora, od])).toEqual([
      { code: 'usage-based', message: '1 DynamoDB table: storage and index capacity are not in the inventory', count: 1, lowerBound: false },
      { code: 'usage-based', message: '1 on-demand DynamoDB table (PAY_PER_REQUEST): billed per request, cannot be estimated from the inventory', count: 1, lowerBound: false },
      { code: 'usage-based', message: 'Aurora storage and I/O are usage-based and not in the inventory (1 instance)', count: 1, lowerBound: false },
    ]);
  });

  it('names a VPC endpoint type it cannot price', () => {
    expect(caveats([r('AWS::EC2::VPCEndpoint', 'e', { endpointType: 'GatewayLoadBalancer' })])).toEqual([
      { code: 'unknown-price', message: 'VPC endpoint type GatewayLoadBalancer is not in the us-east-1 price table (1 resource): not priced, the estimate is a lower bound', count: 1, lowerBound: true },
    ]);
  });

  it('prices no log storage for a group without stored bytes', () => {
    expect(lines([r('AWS::Logs::LogGroup', 'g', {})])).toEqual([]);
  });

  it('prices alarms and hosted zones per month under their services', () => {
    expect(lines([r('AWS::CloudWatch::Alarm', 'a', {}), r('AWS::Route53::HostedZone', 'z', {}, 'global')])).toEqual([
      ['Route 53', 'Route 53 hosted zone', 0.5, '$0.5/month'],
      ['CloudWatch', 'CloudWatch alarm', 0.1, '$0.1/month'],
    ]);
  });

  it('lists the regions priced from in order', () => {
    const e = estimateResources([r('AWS::EC2::Volume', 'v', { volumeType: 'gp3', sizeGiB: 1 }, 'us-west-2'), r('AWS::EC2::Volume', 'w', { volumeType: 'gp3', sizeGiB: 1 }, 'us-east-1')]);
    expect(e.regions).toEqual(['us-east-1', 'us-west-2']);
  });
});

describe('prices and types from the snapshot', () => {
  it('takes an API price for the engine as it is, scaling only the bundled Redis price', () => {
    const prices = { source: 'aws-price-list-api', entries: [{ service: 'elasticache', region: 'us-east-1', engine: 'valkey', item: 'cache.t3.micro', usdPerHour: 0.014, asOf: '2026-11-30' }], missing: [] } as unknown as Parameters<typeof estimateResources>[2];
    const e = estimateResources([r('AWS::ElastiCache::CacheCluster', 'c', { nodeType: 'cache.t3.micro', numNodes: 1, engine: 'valkey' })], undefined, prices);
    // 730 h x $0.014 = $10.22, no engine factor
    expect(e.lines.map((l) => [l.item, l.monthlyUsd, l.detail])).toEqual([['ElastiCache cache.t3.micro x1', 10.22, '1 node x 730 h x $0.014/h']]);
  });

  it('treats a number where a text field is expected as missing', () => {
    expect(caveats([r('AWS::EC2::Instance', 'i', { instanceType: 5, state: 'running' })])).toEqual([missing('AWS::EC2::Instance', 'instanceType')]);
  });
});
