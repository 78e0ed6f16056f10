// Rule encryption-at-rest-elasticache: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('encryption-at-rest-elasticache', [
  {
    name: 'cache clusters listed under atRest',
    spec: (s) => void (production(s).encryption = { atRest: ['AWS::ElastiCache::CacheCluster'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::ElastiCache::CacheCluster', 'c-enc', { config: { encryption: { atRest: true, inTransit: true } } }),
      prod('AWS::ElastiCache::CacheCluster', 'c-plain', { config: { encryption: { atRest: false, inTransit: true } } }),
    ],
    expect: { 'c-enc': 'pass', 'c-plain': 'fail' },
  },
]);
