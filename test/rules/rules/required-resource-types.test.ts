// Rule required-resource-types: at least one resource of each required type per
// environment (through the rule tester; results are per environment and type).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const CACHE = 'AWS::ElastiCache::CacheCluster';
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

ruleTester.run('required-resource-types', [
  {
    name: 'production without a cache fails',
    spec: (s) => void (production(s).requiredResourceTypes = [CACHE]),
    resources: [res(CACHE, 'stg-cache', { accountId: '222222222222', tags: { Environment: 'staging' } })],
    expect: { production: 'fail', staging: 'none' },
    messages: { production: 'Environment production: no AWS::ElastiCache::CacheCluster; production requires at least one' },
  },
  {
    name: 'production with a cache passes',
    spec: (s) => void (production(s).requiredResourceTypes = [CACHE]),
    resources: [prod(CACHE, 'cache-1')],
    expect: { production: 'pass' },
    messages: { production: 'Environment production: 1 AWS::ElastiCache::CacheCluster, at least one required' },
  },
]);

describe('required-resource-types over several types', () => {
  it('gives one result per type, and not-evaluated when the type could not be collected', () => {
    const rule = loadRules().find((r) => r.meta.id === 'required-resource-types')!;
    const spec = baseSpec();
    production(spec).requiredResourceTypes = [LB, CACHE];
    const errors: CollectionError[] = [{ service: 'elasticache', operation: 'DescribeCacheClusters', code: 'AccessDenied', message: 'denied', accountId: '111111111111', region: 'us-east-1', affects: [CACHE] }];
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([prod(LB, 'lb-1')], { errors }), rules: [rule], now: NOW });
    expect(ev.results.map((r) => [r.status, r.message])).toEqual([
      ['not-evaluated', 'Environment production: presence of AWS::ElastiCache::CacheCluster not evaluated, inventory incomplete'],
      ['pass', 'Environment production: 1 AWS::ElasticLoadBalancingV2::LoadBalancer, at least one required'],
    ]);
  });
});
