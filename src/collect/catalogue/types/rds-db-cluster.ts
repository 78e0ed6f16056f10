// RDS (Aurora) clusters: one paged list with tags.
import { bool, encryption, int, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const rdsDbCluster: ResourceDescriptor = {
  type: 'AWS::RDS::DBCluster',
  service: 'rds',
  scope: 'regional',
  configType: 'AWS::RDS::DBCluster',
  arn: { service: 'rds', head: 'cluster' },
  alarmDimension: { name: 'DBClusterIdentifier', arn: (v, t) => arnOf('rds', t.region, t.accountId, `cluster:${v}`) },
  relations: ['kms-key'],
  config: obj({ engine: str, multiAz: bool, encryption, backupRetentionDays: int, deletionProtection: bool, members: strs, tlsRequired: bool, tlsParameter: str }),
  calls: [
    { operation: 'DescribeDBClusters', per: 'list', pageMax: 100, feeds: ['engine', 'multiAz', 'encryption', 'backupRetentionDays', 'deletionProtection', 'members'] },
    { operation: 'DescribeDBClusterParameters', per: 'resource', feeds: ['tlsRequired', 'tlsParameter'], when: 'once per cluster parameter group' },
  ],
  collect: { source: 'rds' },
  hooks: { pricing: 'unpriced', parity: true },
};
