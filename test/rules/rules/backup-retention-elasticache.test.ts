// Rule backup-retention-elasticache: compliant and violating resources (through the rule tester).
import type { Spec } from '../../../src/model/spec.js';
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const backups = (type: string, days: number) => (s: Spec) => void (production(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type, days }] });

ruleTester.run('backup-retention-elasticache', [
  {
    name: 'snapshot retention days',
    spec: backups(EC, 3),
    resources: [prod(EC, 'c-ok', { config: { snapshotRetentionDays: 5 } }), prod(EC, 'c-none', { config: { snapshotRetentionDays: 0 } })],
    expect: { 'c-ok': 'pass', 'c-none': 'fail' },
  },
  {
    name: 'an entry for cache clusters covers replication groups; members (a replica keeps 0) are left to their group',
    spec: backups(EC, 3),
    resources: [
      prod(RG, 'rg-ok', { config: { snapshotRetentionDays: 7 } }),
      prod(RG, 'rg-short', { config: { snapshotRetentionDays: 1 } }),
      prod(EC, 'rg-ok-002', { config: { snapshotRetentionDays: 0, replicationGroupId: 'rg-ok' } }),
    ],
    expect: { 'rg-ok': 'pass', 'rg-short': 'fail', 'rg-ok-002': 'none' },
    messages: { 'rg-short': "AWS::ElastiCache::ReplicationGroup 'rg-short': snapshots kept 1 days; production requires at least 3" },
  },
  {
    name: 'an entry for replication groups alone leaves standalone clusters out',
    spec: backups(RG, 3),
    resources: [prod(RG, 'rg-short', { config: { snapshotRetentionDays: 1 } }), prod(EC, 'c-none', { config: { snapshotRetentionDays: 0 } })],
    expect: { 'rg-short': 'fail', 'c-none': 'none' },
  },
]);
