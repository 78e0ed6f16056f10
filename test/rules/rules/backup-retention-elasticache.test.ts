// Rule backup-retention-elasticache: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';

ruleTester.run('backup-retention-elasticache', [
  {
    name: 'snapshot retention days',
    spec: (s) => void (production(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::ElastiCache::CacheCluster', days: 3 }] }),
    resources: [prod(EC, 'c-ok', { config: { snapshotRetentionDays: 5 } }), prod(EC, 'c-none', { config: { snapshotRetentionDays: 0 } })],
    expect: { 'c-ok': 'pass', 'c-none': 'fail' },
  },
]);
