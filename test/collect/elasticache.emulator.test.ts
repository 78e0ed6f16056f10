// ElastiCache replication groups and subnet groups collected from the AWS emulator
// (moto 5.2.1), with pages of two: moto honours MaxRecords and Marker on
// DescribeReplicationGroups and DescribeCacheSubnetGroups. moto's CreateReplicationGroup
// lists one member cluster (`<id>-001`) whatever NumCacheClusters says and creates no
// cache cluster for it, so the member is created with CreateCacheCluster; then the
// attribution chain runs: VPC (tagged) -> subnet group -> member cluster -> group.
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateCacheClusterCommand, CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { loaded } from '../engine/helpers.js';
import { motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials, PROD, resourceByName, twoAccountSpec } from './spec-fixture.js';

const R = 'us-east-1';
const NOW = new Date(Date.UTC(2026, 0, 15));
const arn = (resource: string) => `arn:aws:elasticache:${R}:${PROD}:${resource}`;

function spec() {
  const s = twoAccountSpec();
  delete s.environments.staging;
  // Attribution by the VPC's tag only: nothing else in the account names an environment.
  s.environments.production!.attribution.accountWide = false;
  s.environments.production!.regions = [R];
  return s;
}

describe('collect ElastiCache replication groups and subnet groups against moto', () => {
  let moto: Moto;
  let snap: Snapshot;
  let vpc: string;
  let subnets: string[];

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const cfg = motoClientConfig(moto, { region: R });
    const ec2 = new EC2Client(cfg);
    vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.12.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'env', Value: 'production' }] }] }))).Vpc!.VpcId!;
    subnets = [];
    for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.12.${i}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!);

    const ec = new ElastiCacheClient(cfg);
    await ec.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: 'prod-cache', CacheSubnetGroupDescription: 'cache subnets', SubnetIds: [subnets[1]!, subnets[0]!] }));
    for (let i = 0; i < 2; i++) await ec.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: `spare${i}`, CacheSubnetGroupDescription: 'spare', SubnetIds: [subnets[0]!] }));
    await ec.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'prod-sessions',
      ReplicationGroupDescription: 'sessions',
      Engine: 'redis',
      CacheNodeType: 'cache.r6g.large',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      KmsKeyId: `arn:aws:kms:${R}:${PROD}:key/cache-key`,
      SnapshotRetentionLimit: 7,
      CacheSubnetGroupName: 'prod-cache',
    }));
    for (let i = 0; i < 2; i++) await ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: `plain${i}`, ReplicationGroupDescription: 'plain', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 1 }));
    await ec.send(new CreateCacheClusterCommand({ CacheClusterId: 'prod-sessions-001', ReplicationGroupId: 'prod-sessions', CacheSubnetGroupName: 'prod-cache', Engine: 'redis', CacheNodeType: 'cache.r6g.large', NumCacheNodes: 1 }));

    snap = await collect(spec(), { now: NOW, endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 2, regions: [R] });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const byName = (type: string, name: string): Resource => resourceByName(snap, type, name);

  it('collects replication groups page by page with encryption, Multi-AZ, failover, members and snapshots', () => {
    expect(snap.errors).toEqual([]);
    // 3 groups in pages of 2: two list calls.
    expect(snap.metadata.apiCalls['elasticache:DescribeReplicationGroups']).toBe(2);
    expect(snap.resources.filter((r) => r.type === 'AWS::ElastiCache::ReplicationGroup').map((r) => r.name).sort()).toEqual(['plain0', 'plain1', 'prod-sessions']);
    const group = byName('AWS::ElastiCache::ReplicationGroup', 'prod-sessions');
    expect(group.arn).toBe(arn('replicationgroup:prod-sessions'));
    expect(group.id).toBe('prod-sessions');
    expect(group.config).toEqual({
      engine: 'redis',
      nodeType: 'cache.r6g.large',
      memberClusters: ['prod-sessions-001'],
      encryption: { atRest: true, inTransit: true },
      kmsKeyArn: `arn:aws:kms:${R}:${PROD}:key/cache-key`,
      multiAz: true,
      automaticFailover: true,
      snapshotRetentionDays: 7,
    });
    expect(group.relations).toEqual([
      { kind: 'kms-key', target: `arn:aws:kms:${R}:${PROD}:key/cache-key` },
      { kind: 'member-cluster', target: arn('cluster:prod-sessions-001') },
    ]);
    // Created with no encryption, failover or snapshot settings: AWS's defaults.
    expect(byName('AWS::ElastiCache::ReplicationGroup', 'plain0').config).toEqual({
      engine: 'redis',
      nodeType: 'cache.t3.micro',
      memberClusters: ['plain0-001'],
      encryption: { atRest: false, inTransit: false },
      multiAz: false,
      automaticFailover: false,
      snapshotRetentionDays: 0,
    });
  });

  it('collects subnet groups page by page with their VPC and subnets', () => {
    // 3 subnet groups in pages of 2: two list calls.
    expect(snap.metadata.apiCalls['elasticache:DescribeCacheSubnetGroups']).toBe(2);
    expect(snap.resources.filter((r) => r.type === 'AWS::ElastiCache::SubnetGroup').map((r) => r.name).sort()).toEqual(['prod-cache', 'spare0', 'spare1']);
    const group = byName('AWS::ElastiCache::SubnetGroup', 'prod-cache');
    const sorted = [...subnets].sort();
    expect(group.arn).toBe(arn('subnetgroup:prod-cache'));
    expect(group.config).toEqual({ vpcId: vpc, subnetIds: sorted });
    expect(group.relations).toEqual([
      ...sorted.map((s) => ({ kind: 'subnet', target: `arn:aws:ec2:${R}:${PROD}:subnet/${s}` })),
      { kind: 'vpc', target: `arn:aws:ec2:${R}:${PROD}:vpc/${vpc}` },
    ]);
  });

  it('records a member cluster\'s group and subnet group', () => {
    const member = byName('AWS::ElastiCache::CacheCluster', 'prod-sessions-001');
    expect(member.config.replicationGroupId).toBe('prod-sessions');
    expect(member.relations).toEqual([{ kind: 'subnet-group', target: arn('subnetgroup:prod-cache') }]);
  });

  it('attributes the group through its member cluster and subnet group to the VPC\'s environment', () => {
    const ev = evaluate({ spec: loaded(spec()), snapshot: snap, rules: loadRules().filter((r) => r.meta.id === 'attribution-conflict'), now: NOW });
    expect(ev.attribution[arn('subnetgroup:prod-cache')]).toBe('production');
    expect(ev.attribution[arn('cluster:prod-sessions-001')]).toBe('production');
    expect(ev.attribution[arn('replicationgroup:prod-sessions')]).toBe('production');
    // A group whose member was never created has nothing to inherit from.
    expect(ev.attribution[arn('replicationgroup:plain0')]).toBe(null);
    const result = ev.results.find((r) => r.resource.arn === arn('replicationgroup:prod-sessions'));
    expect(result?.evidence.observed).toEqual([{ signal: 'relation', environment: 'production', detail: 'replication group of prod-sessions-001', parent: arn('cluster:prod-sessions-001') }]);
  });
});
