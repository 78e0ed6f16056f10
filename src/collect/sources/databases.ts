// RDS instances, clusters and the account's DB snapshots (one paged list each, 100 a
// page; snapshots shared by other accounts are not listed), reported as one coverage entry.
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  type DescribeDBClustersCommandOutput,
  type DescribeDBInstancesCommandOutput,
  type DescribeDBSnapshotsCommandOutput,
  type Tag,
} from '@aws-sdk/client-rds';
import type { EncryptionState } from '../../model/resource-config.js';
import type { Relation } from '../../model/snapshot.js';
import { arnOf } from '../arn.js';
import { rel, type Session, type Target } from '../session.js';
import { kmsKeyArn } from '../catalogue/refs.js';

const tagMap = (tags: Tag[] | undefined) => Object.fromEntries((tags ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? '']));

function storageEncryption(encrypted: boolean | undefined, keyId: string | undefined, t: Target): EncryptionState {
  if (!encrypted) return { enabled: false };
  const key = kmsKeyArn(keyId, t);
  return { enabled: true, algorithm: 'aws:kms', ...(key ? { kmsKeyArn: key } : {}) };
}

const DB_SNAPSHOT = 'AWS::RDS::DBSnapshot';

export async function collectRds(s: Session, t: Target): Promise<void> {
  const base = { accountId: t.accountId, region: t.region };
  const ec2 = (kind: string, id: string) => arnOf('ec2', t.region, t.accountId, `${kind}/${id}`);
  // A type no check needs is not listed (false: no coverage, and no gap either).
  const [okI, okC, okS] = await Promise.all([
    s.wantsType('AWS::RDS::DBInstance') &&
      s.wantsType('AWS::RDS::DBCluster') &&
      s.wantsType(DB_SNAPSHOT) &&
    s.paginate(
      t,
      'rds',
      'DescribeDBInstances',
      ['AWS::RDS::DBInstance'],
      (c, m) => c.send(new DescribeDBInstancesCommand({ MaxRecords: s.page(100), ...(m ? { Marker: m } : {}) })),
      (p: DescribeDBInstancesCommandOutput) => p.Marker,
      (p) => {
        for (const d of p.DBInstances ?? []) {
          if (!d.DBInstanceIdentifier) continue;
          const encryption = storageEncryption(d.StorageEncrypted, d.KmsKeyId, t);
          const subnetIds = (d.DBSubnetGroup?.Subnets ?? []).flatMap((x) => (x.SubnetIdentifier ? [x.SubnetIdentifier] : [])).sort();
          const securityGroupIds = (d.VpcSecurityGroups ?? []).flatMap((x) => (x.VpcSecurityGroupId ? [x.VpcSecurityGroupId] : [])).sort();
          const vpcId = d.DBSubnetGroup?.VpcId;
          s.upsert({
            ...base,
            arn: d.DBInstanceArn ?? arnOf('rds', t.region, t.accountId, `db:${d.DBInstanceIdentifier}`),
            type: 'AWS::RDS::DBInstance',
            id: d.DBInstanceIdentifier,
            tags: tagMap(d.TagList),
            config: {
              engine: d.Engine ?? '',
              instanceClass: d.DBInstanceClass ?? '',
              multiAz: Boolean(d.MultiAZ),
              encryption,
              backupRetentionDays: d.BackupRetentionPeriod ?? 0,
              deletionProtection: Boolean(d.DeletionProtection),
              publiclyAccessible: Boolean(d.PubliclyAccessible),
              ...(d.StorageType ? { storageType: d.StorageType } : {}),
              ...(d.AllocatedStorage !== undefined ? { allocatedStorageGiB: d.AllocatedStorage } : {}),
              ...(vpcId ? { vpcId } : {}),
              subnetIds,
              securityGroupIds,
              ...(d.DBClusterIdentifier ? { clusterId: d.DBClusterIdentifier } : {}),
            },
            relations: [
              ...rel('vpc', vpcId ? ec2('vpc', vpcId) : undefined),
              ...subnetIds.map((x): Relation => ({ kind: 'subnet', target: ec2('subnet', x) })),
              ...securityGroupIds.map((x): Relation => ({ kind: 'security-group', target: ec2('security-group', x) })),
              ...rel('kms-key', encryption.kmsKeyArn),
            ],
          });
        }
      },
    ),
    s.paginate(
      t,
      'rds',
      'DescribeDBClusters',
      ['AWS::RDS::DBCluster'],
      (c, m) => c.send(new DescribeDBClustersCommand({ MaxRecords: s.page(100), ...(m ? { Marker: m } : {}) })),
      (p: DescribeDBClustersCommandOutput) => p.Marker,
      (p) => {
        for (const d of p.DBClusters ?? []) {
          if (!d.DBClusterIdentifier) continue;
          const encryption = storageEncryption(d.StorageEncrypted, d.KmsKeyId, t);
          s.upsert({
            ...base,
            arn: d.DBClusterArn ?? arnOf('rds', t.region, t.accountId, `cluster:${d.DBClusterIdentifier}`),
            type: 'AWS::RDS::DBCluster',
            id: d.DBClusterIdentifier,
            tags: tagMap(d.TagList),
            config: {
              engine: d.Engine ?? '',
              multiAz: Boolean(d.MultiAZ),
              encryption,
              backupRetentionDays: d.BackupRetentionPeriod ?? 0,
              deletionProtection: Boolean(d.DeletionProtection),
              members: (d.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])).sort(),
            },
            relations: rel('kms-key', encryption.kmsKeyArn),
          });
        }
      },
    ),
    s.paginate(
      t,
      'rds',
      'DescribeDBSnapshots',
      [DB_SNAPSHOT],
      (c, m) => c.send(new DescribeDBSnapshotsCommand({ MaxRecords: s.page(100), ...(m ? { Marker: m } : {}) })),
      (p: DescribeDBSnapshotsCommandOutput) => p.Marker,
      (p) => {
        for (const d of p.DBSnapshots ?? []) {
          if (!d.DBSnapshotIdentifier) continue;
          const encryption = storageEncryption(d.Encrypted, d.KmsKeyId, t);
          const instance = d.DBInstanceIdentifier;
          s.upsert({
            ...base,
            arn: d.DBSnapshotArn ?? arnOf('rds', t.region, t.accountId, `snapshot:${d.DBSnapshotIdentifier}`),
            type: DB_SNAPSHOT,
            id: d.DBSnapshotIdentifier,
            tags: tagMap(d.TagList),
            config: {
              snapshotType: d.SnapshotType ?? '',
              engine: d.Engine ?? '',
              ...(instance ? { dbInstanceId: instance } : {}),
              encryption,
              status: d.Status ?? '',
              ...(d.AllocatedStorage !== undefined ? { allocatedStorageGiB: d.AllocatedStorage } : {}),
              ...(d.SnapshotCreateTime ? { createTime: new Date(d.SnapshotCreateTime).toISOString() } : {}),
            },
            relations: [...rel('snapshot-of', instance ? arnOf('rds', t.region, t.accountId, `db:${instance}`) : undefined), ...rel('kms-key', encryption.kmsKeyArn)],
          });
        }
      },
    ),
  ]);
  s.addCoverage(t, 'describe', [...(okI ? ['AWS::RDS::DBInstance'] : []), ...(okC ? ['AWS::RDS::DBCluster'] : []), ...(okS ? [DB_SNAPSHOT] : [])]);
}
