// Rule allowed-cache-node-types: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const EC = 'AWS::ElastiCache::CacheCluster';

ruleTester.run('allowed-cache-node-types', [
  {
    name: 'allowed node types',
    spec: (s) => void (production(s).compute = { cacheNodeTypes: ['cache.t3.micro'] }),
    resources: [prod(EC, 'c-ok', { config: { nodeType: 'cache.t3.micro' } }), prod(EC, 'c-big', { config: { nodeType: 'cache.r6g.large' } })],
    expect: { 'c-ok': 'pass', 'c-big': 'fail' },
  },
]);
