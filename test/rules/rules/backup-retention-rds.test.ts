// Rule backup-retention-rds: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';

ruleTester.run('backup-retention-rds', [
  {
    name: 'backup days per type; cluster members skipped',
    spec: (s) => void (production(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::RDS::DBInstance', days: 7 }, { type: 'AWS::RDS::DBCluster', days: 14 }] }),
    resources: [
      prod(DB, 'db-ok', { config: { backupRetentionDays: 7 } }),
      prod(DB, 'db-short', { config: { backupRetentionDays: 1 } }),
      prod(DB, 'db-member', { config: { backupRetentionDays: 1, clusterId: 'c1' } }),
      prod('AWS::RDS::DBCluster', 'cluster-short', { config: { backupRetentionDays: 7 } }),
    ],
    expect: { 'db-ok': 'pass', 'db-short': 'fail', 'db-member': 'none', 'cluster-short': 'fail' },
  },
]);
