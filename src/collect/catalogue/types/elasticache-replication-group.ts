// ElastiCache replication groups (Redis/Valkey primaries with their replicas): one paged
// list (100 a page) carries everything. A group names no subnet group in the API: it is
// attributed through its member clusters (`member-cluster`, which inherit from their
// subnet group's VPC), and the group, not its members, answers the encryption, Multi-AZ
// and snapshot rules (a replica's own snapshot limit is 0 and its zone one zone).
import type { DescribeReplicationGroupsCommandOutput, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { bool, int, obj, str, strs } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsKeyArn } from '../refs.js';

const TYPE = 'AWS::ElastiCache::ReplicationGroup';

const collection: GenericCollection<DescribeReplicationGroupsCommandOutput, ReplicationGroup> = {
  list: {
    operation: 'DescribeReplicationGroups',
    request: (marker, page) => ({ MaxRecords: page(100), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => p.Marker,
    items: (p) => (p.ReplicationGroups ?? []).filter((g) => g.ReplicationGroupId),
  },
  toPart: (g, _answers, t) => {
    const members = [...(g.MemberClusters ?? [])].sort();
    const key = kmsKeyArn(g.KmsKeyId, t);
    const relations: Relation[] = members.map((m) => ({ kind: 'member-cluster', target: arnOf('elasticache', t.region, t.accountId, `cluster:${m}`) }));
    if (key) relations.unshift({ kind: 'kms-key', target: key });
    return {
      arn: g.ARN ?? arnOf('elasticache', t.region, t.accountId, `replicationgroup:${g.ReplicationGroupId!}`),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: g.ReplicationGroupId!,
      config: {
        engine: g.Engine ?? '',
        nodeType: g.CacheNodeType ?? '',
        memberClusters: members,
        encryption: { atRest: Boolean(g.AtRestEncryptionEnabled), inTransit: Boolean(g.TransitEncryptionEnabled) },
        ...(key ? { kmsKeyArn: key } : {}),
        // 'enabling'/'disabling' are transitions: only a finished 'enabled' counts.
        multiAz: g.MultiAZ === 'enabled',
        automaticFailover: g.AutomaticFailover === 'enabled',
        snapshotRetentionDays: g.SnapshotRetentionLimit ?? 0,
      },
      relations,
    };
  },
};

export const elasticacheReplicationGroup: ResourceDescriptor = {
  type: TYPE,
  service: 'elasticache',
  scope: 'regional',
  arn: { service: 'elasticache', head: 'replicationgroup' },
  relations: ['kms-key', 'member-cluster'],
  config: obj({
    engine: str,
    nodeType: str,
    memberClusters: strs,
    encryption: obj({ atRest: bool, inTransit: bool }),
    kmsKeyArn: str,
    multiAz: bool,
    automaticFailover: bool,
    snapshotRetentionDays: int,
  }),
  calls: [
    {
      operation: 'DescribeReplicationGroups',
      per: 'list',
      pageMax: 100,
      feeds: ['engine', 'nodeType', 'memberClusters', 'encryption', 'kmsKeyArn', 'multiAz', 'automaticFailover', 'snapshotRetentionDays'],
    },
  ],
  collect: { generic: collection },
};
