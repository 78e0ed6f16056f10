// Rule multi-az-elasticache: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';
const RG = 'AWS::ElastiCache::ReplicationGroup';

ruleTester.run('multi-az-elasticache', [
  {
    name: 'replication groups listed under multiAz',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: [RG] })),
    resources: [
      prod(RG, 'rg-maz', { config: { multiAz: true, automaticFailover: true } }),
      prod(RG, 'rg-single', { config: { multiAz: false, automaticFailover: false } }),
      prod(RG, 'rg-failover-only', { config: { multiAz: false, automaticFailover: true } }),
    ],
    expect: { 'rg-maz': 'pass', 'rg-single': 'fail', 'rg-failover-only': 'fail' },
    messages: { 'rg-failover-only': "AWS::ElastiCache::ReplicationGroup 'rg-failover-only': Multi-AZ is off; production requires Multi-AZ on ElastiCache" },
  },
  {
    name: 'listing cache clusters covers their replication groups',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: [EC] })),
    resources: [prod(RG, 'rg-single', { config: { multiAz: false, automaticFailover: false } })],
    expect: { 'rg-single': 'fail' },
  },
  {
    name: 'no ElastiCache type listed: no result',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: ['AWS::RDS::DBInstance'] })),
    resources: [prod(RG, 'rg-single', { config: { multiAz: false, automaticFailover: false } })],
    expect: { 'rg-single': 'none' },
  },
]);
