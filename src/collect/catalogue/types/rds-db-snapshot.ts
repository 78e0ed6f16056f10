// The account's own DB snapshots: one paged list.
import { encryption, num, obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const rdsDbSnapshot: ResourceDescriptor = {
  type: 'AWS::RDS::DBSnapshot',
  service: 'rds',
  scope: 'regional',
  configType: 'AWS::RDS::DBSnapshot',
  arn: { service: 'rds', head: 'snapshot' },
  relations: ['snapshot-of', 'kms-key'],
  config: obj({ snapshotType: str, engine: str, dbInstanceId: str, encryption, status: str, allocatedStorageGiB: num, createTime: str }),
  calls: [
    { operation: 'DescribeDBSnapshots', per: 'list', pageMax: 100, feeds: ['snapshotType', 'engine', 'dbInstanceId', 'encryption', 'status', 'allocatedStorageGiB', 'createTime'] },
  ],
  collect: { source: 'rds' },
  hooks: { pricing: 'unpriced' },
};
