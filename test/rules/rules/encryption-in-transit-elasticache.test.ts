// Rule encryption-in-transit-elasticache: compliant and violating resources (through the rule tester).
import type { Spec } from '../../../src/model/spec.js';
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const tls = (on: boolean) => (s: Spec) => void (production(s).encryption = { atRest: [], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false, elasticacheTls: on } });
const enc = (inTransit: boolean) => ({ atRest: true, inTransit });

ruleTester.run('encryption-in-transit-elasticache', [
  {
    name: 'groups and standalone clusters under elasticacheTls; members through their group',
    spec: tls(true),
    resources: [
      prod(RG, 'rg-tls', { config: { encryption: enc(true) } }),
      prod(RG, 'rg-plain', { config: { encryption: enc(false) } }),
      prod(EC, 'c-tls', { config: { encryption: enc(true) } }),
      prod(EC, 'c-plain', { config: { encryption: enc(false) } }),
      prod(EC, 'rg-plain-001', { config: { encryption: enc(false), replicationGroupId: 'rg-plain' } }),
    ],
    expect: { 'rg-tls': 'pass', 'rg-plain': 'fail', 'c-tls': 'pass', 'c-plain': 'fail', 'rg-plain-001': 'none' },
    messages: { 'rg-plain': "AWS::ElastiCache::ReplicationGroup 'rg-plain': not encrypted in transit; production requires TLS on ElastiCache" },
  },
  {
    name: 'not required: no result',
    spec: tls(false),
    resources: [prod(RG, 'rg-plain', { config: { encryption: enc(false) } })],
    expect: { 'rg-plain': 'none' },
  },
]);
