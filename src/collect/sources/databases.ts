// RDS instances, clusters and the account's DB snapshots (one paged list each, 100 a
// page; snapshots shared by other accounts are not listed), reported as one coverage entry.
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeDBSnapshotsCommand,
  type DescribeDBClusterParametersCommandOutput,
  type DescribeDBClustersCommandOutput,
  type DescribeDBParametersCommandOutput,
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
const DB_INSTANCE = 'AWS::RDS::DBInstance';
const DB_CLUSTER = 'AWS::RDS::DBCluster';

/**
 * The parameter that makes an engine refuse connections without TLS (RDS and Aurora user
 * guides): rds.force_ssl for PostgreSQL and SQL Server, require_secure_transport for MySQL
 * and MariaDB. Oracle configures TLS in an option group, not a parameter: none.
 */
export function tlsParameterOf(engine: string): string | undefined {
  if (engine === 'postgres' || engine === 'aurora-postgresql' || engine.startsWith('sqlserver')) return 'rds.force_ssl';
  if (engine === 'mysql' || engine === 'mariadb' || engine === 'aurora-mysql' || engine === 'aurora') return 'require_secure_transport';
  return undefined;
}

/** A parameter value as a switch: 1/ON/true (any case) is on; a value absent is unknown. */
const switchedOn = (value: string) => ['1', 'on', 'true'].includes(value.trim().toLowerCase());

interface TlsPending {
  arn: string;
  type: string;
  engine: string;
  group: string;
}

/**
 * Fills tlsRequired (and tlsParameter) of each pending database from its parameter group,
 * each group read once. A group whose read failed, or that gives the parameter no value (an
 * engine default AWS does not state), leaves tlsRequired out: not collected, never false.
 */
async function fillTls(s: Session, t: Target, pending: readonly TlsPending[], cluster: boolean): Promise<void> {
  const type = cluster ? DB_CLUSTER : DB_INSTANCE;
  const operation = cluster ? 'DescribeDBClusterParameters' : 'DescribeDBParameters';
  const groups = new Map<string, Promise<Map<string, string> | undefined>>();
  const read = (group: string) => {
    let p = groups.get(group);
    if (!p) {
      const values = new Map<string, string>();
      p = s
        .paginate(
          t,
          'rds',
          operation,
          [type],
          (c, m) =>
            cluster
              ? c.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: group, MaxRecords: s.page(100), ...(m ? { Marker: m } : {}) }))
              : c.send(new DescribeDBParametersCommand({ DBParameterGroupName: group, MaxRecords: s.page(100), ...(m ? { Marker: m } : {}) })),
          (r: DescribeDBParametersCommandOutput | DescribeDBClusterParametersCommandOutput) => r.Marker,
          (r) => {
            for (const x of r.Parameters ?? []) if (x.ParameterName && x.ParameterValue !== undefined) values.set(x.ParameterName, x.ParameterValue);
          },
        )
        .then((ok) => (ok ? values : undefined));
      groups.set(group, p);
    }
    return p;
  };
  for (const d of pending) {
    const parameter = tlsParameterOf(d.engine);
    if (!parameter) continue;
    const values = await read(d.group);
    const value = values?.get(parameter);
    if (value === undefined) continue;
    s.upsert({ arn: d.arn, accountId: t.accountId, region: t.region, type: d.type, config: { tlsRequired: switchedOn(value), tlsParameter: `${d.group}: ${parameter}=${value}` } });
  }
}

export async function collectRds(s: Session, t: Target): Promise<void> {
  const base = { accountId: t.accountId, region: t.region };
  const ec2 = (kind: string, id: string) => arnOf('ec2', t.region, t.accountId, `${kind}/${id}`);
  const instancesTls: TlsPending[] = [];
  const clustersTls: TlsPending[] = [];
  // A type no check needs is not listed (false: no coverage, and no gap either).
  const [okI, okC, okS] = await Promise.all([
    s.wantsType('AWS::RDS::DBInstance') &&
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
          const arn = d.DBInstanceArn ?? arnOf('rds', t.region, t.accountId, `db:${d.DBInstanceIdentifier}`);
          // A cluster member's connections are governed by its cluster's parameter group.
          const group = d.DBParameterGroups?.[0]?.DBParameterGroupName;
          if (group && !d.DBClusterIdentifier) instancesTls.push({ arn, type: DB_INSTANCE, engine: d.Engine ?? '', group });
          s.upsert({
            ...base,
            arn,
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
    s.wantsType('AWS::RDS::DBCluster') &&
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
          const arn = d.DBClusterArn ?? arnOf('rds', t.region, t.accountId, `cluster:${d.DBClusterIdentifier}`);
          if (d.DBClusterParameterGroup) clustersTls.push({ arn, type: DB_CLUSTER, engine: d.Engine ?? '', group: d.DBClusterParameterGroup });
          s.upsert({
            ...base,
            arn,
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
    s.wantsType(DB_SNAPSHOT) &&
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
  if (s.wants(DB_INSTANCE, 'DescribeDBParameters')) await fillTls(s, t, instancesTls, false);
  if (s.wants(DB_CLUSTER, 'DescribeDBClusterParameters')) await fillTls(s, t, clustersTls, true);
  s.addCoverage(t, 'describe', [...(okI ? ['AWS::RDS::DBInstance'] : []), ...(okC ? ['AWS::RDS::DBCluster'] : []), ...(okS ? [DB_SNAPSHOT] : [])]);
}
