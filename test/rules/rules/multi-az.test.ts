// Rule multi-az: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';
const EC = 'AWS::ElastiCache::CacheCluster';

ruleTester.run('multi-az', [
  {
    name: 'databases listed under multiAz',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: [DB] })),
    resources: [prod(DB, 'db-maz', { config: { multiAz: true } }), prod(DB, 'db-single', { config: { multiAz: false } })],
    expect: { 'db-maz': 'pass', 'db-single': 'fail' },
  },
  {
    name: 'cache clusters: a member of a replication group is left to multi-az-elasticache',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: [EC] })),
    resources: [
      prod(EC, 'c-maz', { config: { multiAz: true } }),
      // Each member sits in one zone even when its group is Multi-AZ.
      prod(EC, 'sessions-001', { config: { replicationGroupId: 'sessions' } }),
    ],
    expect: { 'c-maz': 'pass', 'sessions-001': 'none' },
  },
]);
