// Rule encryption-at-rest-elasticache: compliant and violating resources (through the rule tester).
import type { Spec } from '../../../src/model/spec.js';
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const atRest = (types: string[]) => (s: Spec) => void (production(s).encryption = { atRest: types, customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } });

ruleTester.run('encryption-at-rest-elasticache', [
  {
    name: 'cache clusters listed under atRest',
    spec: atRest([EC]),
    resources: [
      prod(EC, 'c-enc', { config: { encryption: { atRest: true, inTransit: true } } }),
      prod(EC, 'c-plain', { config: { encryption: { atRest: false, inTransit: true } } }),
    ],
    expect: { 'c-enc': 'pass', 'c-plain': 'fail' },
  },
  {
    name: 'listing cache clusters covers replication groups; members are left to their group',
    spec: atRest([EC]),
    resources: [
      prod(RG, 'rg-enc', { config: { encryption: { atRest: true, inTransit: true } } }),
      prod(RG, 'rg-plain', { config: { encryption: { atRest: false, inTransit: true } } }),
      // A member reported unencrypted (a replica, as some API answers give it): no second result.
      prod(EC, 'rg-enc-002', { config: { encryption: { atRest: false, inTransit: true }, replicationGroupId: 'rg-enc' } }),
    ],
    expect: { 'rg-enc': 'pass', 'rg-plain': 'fail', 'rg-enc-002': 'none' },
    messages: { 'rg-plain': "AWS::ElastiCache::ReplicationGroup 'rg-plain': not encrypted at rest; production requires encryption at rest on AWS::ElastiCache::ReplicationGroup" },
  },
  {
    name: 'replication groups listed alone: standalone clusters are not checked',
    spec: atRest([RG]),
    resources: [prod(RG, 'rg-plain', { config: { encryption: { atRest: false, inTransit: false } } }), prod(EC, 'c-plain', { config: { encryption: { atRest: false, inTransit: false } } })],
    expect: { 'rg-plain': 'fail', 'c-plain': 'none' },
  },
]);
