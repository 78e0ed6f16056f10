// ElastiCache clusters: one paged list (100 a page) carries everything.
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
    },
    relations: (c.SecurityGroups ?? []).flatMap((g): Relation[] => (g.SecurityGroupId ? [{ kind: 'security-group', target: arnOf('ec2', t.region, t.accountId, `security-group/${g.SecurityGroupId}`) }] : [])),
  }),
};

export const elasticacheCacheCluster: ResourceDescriptor = {
  type: TYPE,
  service: 'elasticache',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'elasticache', head: 'cluster' },
  alarmDimension: { name: 'CacheClusterId', arn: (v, t) => arnOf('elasticache', t.region, t.accountId, `cluster:${v}`) },
  relations: ['security-group'],
  config: obj({ engine: str, nodeType: str, numNodes: int, encryption: obj({ atRest: bool, inTransit: bool }), snapshotRetentionDays: int, multiAz: bool }),
  calls: [{ operation: 'DescribeCacheClusters', per: 'list', pageMax: 100, feeds: ['engine', 'nodeType', 'numNodes', 'encryption', 'snapshotRetentionDays', 'multiAz'] }],
  collect: { generic: collection },
  hooks: { pricing: 'priced', parity: true },
};
