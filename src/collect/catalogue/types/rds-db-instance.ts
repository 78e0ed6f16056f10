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
    tlsRequired: bool,
    tlsParameter: str,
  }),
  calls: [
    { operation: 'DescribeDBInstances', per: 'list', pageMax: 100, feeds: ['engine', 'instanceClass', 'multiAz', 'encryption', 'backupRetentionDays', 'deletionProtection', 'publiclyAccessible', 'storageType', 'allocatedStorageGiB', 'vpcId', 'subnetIds', 'securityGroupIds', 'clusterId'] },
    // The TLS switch of each instance's parameter group (cluster members: their cluster's), one paged read per group.
    { operation: 'DescribeDBParameters', per: 'resource', feeds: ['tlsRequired', 'tlsParameter'], when: 'instances outside a cluster, once per parameter group' },
  ],
  collect: { source: 'rds' },
  hooks: { pricing: 'priced', parity: true },
};
