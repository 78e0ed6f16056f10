// ElastiCache clusters: one paged list (100 a page) carries everything, including the
// replication group a cluster is a member of and the subnet group it is placed in.
import type { CacheCluster, DescribeCacheClustersCommandOutput } from '@aws-sdk/client-elasticache';
import { bool, int, obj, str } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

const TYPE = 'AWS::ElastiCache::CacheCluster';

const collection: GenericCollection<DescribeCacheClustersCommandOutput, CacheCluster> = {
  list: {
    operation: 'DescribeCacheClusters',
    request: (marker, page) => ({ MaxRecords: page(100), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => p.Marker,
    items: (p) => (p.CacheClusters ?? []).filter((c) => c.CacheClusterId),
  },
  toPart: (c, _answers, t) => ({
    arn: c.ARN ?? arnOf('elasticache', t.region, t.accountId, `cluster:${c.CacheClusterId!}`),
    accountId: t.accountId,
    region: t.region,
    type: TYPE,
    id: c.CacheClusterId!,
    config: {
      engine: c.Engine ?? '',
      nodeType: c.CacheNodeType ?? '',
      numNodes: c.NumCacheNodes ?? 0,
      encryption: { atRest: Boolean(c.AtRestEncryptionEnabled), inTransit: Boolean(c.TransitEncryptionEnabled) },
      snapshotRetentionDays: c.SnapshotRetentionLimit ?? 0,
      ...(c.PreferredAvailabilityZone === 'Multiple' ? { multiAz: true } : {}),
      // A member of a replication group: its group answers the group-level rules.
      ...(c.ReplicationGroupId ? { replicationGroupId: c.ReplicationGroupId } : {}),
    },
    relations: [
      ...(c.SecurityGroups ?? []).flatMap((g): Relation[] => (g.SecurityGroupId ? [{ kind: 'security-group', target: arnOf('ec2', t.region, t.accountId, `security-group/${g.SecurityGroupId}`) }] : [])),
      ...(c.CacheSubnetGroupName ? [{ kind: 'subnet-group' as const, target: arnOf('elasticache', t.region, t.accountId, `subnetgroup:${c.CacheSubnetGroupName}`) }] : []),
    ],
  }),
};

export const elasticacheCacheCluster: ResourceDescriptor = {
  type: TYPE,
  service: 'elasticache',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'elasticache', head: 'cluster' },
  alarmDimension: { name: 'CacheClusterId', arn: (v, t) => arnOf('elasticache', t.region, t.accountId, `cluster:${v}`) },
  relations: ['security-group', 'subnet-group'],
  config: obj({ engine: str, nodeType: str, numNodes: int, encryption: obj({ atRest: bool, inTransit: bool }), snapshotRetentionDays: int, multiAz: bool, replicationGroupId: str }),
  calls: [{ operation: 'DescribeCacheClusters', per: 'list', pageMax: 100, feeds: ['engine', 'nodeType', 'numNodes', 'encryption', 'snapshotRetentionDays', 'multiAz', 'replicationGroupId'] }],
  collect: { generic: collection },
  hooks: { pricing: 'priced', parity: true },
};
