// RDS instances: one paged list (100 a page) with tags.
import { bool, encryption, int, num, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const rdsDbInstance: ResourceDescriptor = {
  type: 'AWS::RDS::DBInstance',
  service: 'rds',
  scope: 'regional',
  configType: 'AWS::RDS::DBInstance',
  arn: { service: 'rds', head: 'db' },
  alarmDimension: { name: 'DBInstanceIdentifier', arn: (v, t) => arnOf('rds', t.region, t.accountId, `db:${v}`) },
  relations: ['vpc', 'subnet', 'security-group', 'kms-key'],
  config: obj({
    engine: str,
    instanceClass: str,
    multiAz: bool,
    encryption,
    backupRetentionDays: int,
    deletionProtection: bool,
    publiclyAccessible: bool,
    storageType: str,
    allocatedStorageGiB: num,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    clusterId: str,
  }),
  calls: [
    { operation: 'DescribeDBInstances', per: 'list', pageMax: 100, feeds: ['engine', 'instanceClass', 'multiAz', 'encryption', 'backupRetentionDays', 'deletionProtection', 'publiclyAccessible', 'storageType', 'allocatedStorageGiB', 'vpcId', 'subnetIds', 'securityGroupIds', 'clusterId'] },
  ],
  collect: { source: 'rds' },
  hooks: { pricing: 'priced', parity: true },
};
