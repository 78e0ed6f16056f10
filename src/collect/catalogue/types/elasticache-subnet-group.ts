// ElastiCache subnet groups: one paged list (100 a page). The group's `vpc` relation
// attributes it to the VPC's environment, and the cache clusters placed in it
// (`subnet-group`) inherit that environment.
import type { CacheSubnetGroup, DescribeCacheSubnetGroupsCommandOutput } from '@aws-sdk/client-elasticache';
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

const TYPE = 'AWS::ElastiCache::SubnetGroup';

const collection: GenericCollection<DescribeCacheSubnetGroupsCommandOutput, CacheSubnetGroup> = {
  list: {
    operation: 'DescribeCacheSubnetGroups',
    request: (marker, page) => ({ MaxRecords: page(100), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => p.Marker,
    items: (p) => (p.CacheSubnetGroups ?? []).filter((g) => g.CacheSubnetGroupName),
  },
  toPart: (g, _answers, t) => {
    const subnetIds = [...new Set((g.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : [])))].sort();
    const relations: Relation[] = subnetIds.map((s) => ({ kind: 'subnet', target: arnOf('ec2', t.region, t.accountId, `subnet/${s}`) }));
    if (g.VpcId) relations.push({ kind: 'vpc', target: arnOf('ec2', t.region, t.accountId, `vpc/${g.VpcId}`) });
    return {
      arn: g.ARN ?? arnOf('elasticache', t.region, t.accountId, `subnetgroup:${g.CacheSubnetGroupName!}`),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: g.CacheSubnetGroupName!,
      config: { ...(g.VpcId ? { vpcId: g.VpcId } : {}), subnetIds },
      relations,
    };
  },
};

export const elasticacheSubnetGroup: ResourceDescriptor = {
  type: TYPE,
  service: 'elasticache',
  scope: 'regional',
  arn: { service: 'elasticache', head: 'subnetgroup' },
  relations: ['subnet', 'vpc'],
  config: obj({ vpcId: str, subnetIds: strs }),
  calls: [{ operation: 'DescribeCacheSubnetGroups', per: 'list', pageMax: 100, feeds: ['vpcId', 'subnetIds'] }],
  collect: { generic: collection },
};
