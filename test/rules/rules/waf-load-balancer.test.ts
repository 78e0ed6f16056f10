// Rule waf-load-balancer: internet-facing application load balancers with and without a
// web ACL (through the rule tester), and the not-evaluated result when web ACLs could not
// be listed.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const ACL = 'AWS::WAFv2::WebACL';
const lbArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/${name}`;
const lb = (name: string, scheme: string, lbType = 'application') => prod(LB, name, { config: { scheme, lbType } });
const acl = (name: string, ...filtered: string[]) => prod(ACL, name, { config: { scope: 'REGIONAL', filtered }, relations: filtered.map((target) => ({ kind: 'filters' as const, target })) });

ruleTester.run('waf-load-balancer', [
  {
    name: 'an internet-facing ALB needs a web ACL; internal and network load balancers give no result',
    spec: (s) => void (production(s).waf = { loadBalancers: true }),
    resources: [lb('web', 'internet-facing'), lb('bare', 'internet-facing'), lb('inner', 'internal'), lb('tcp', 'internet-facing', 'network'), acl('edge', lbArn('web'))],
    expect: { web: 'pass', bare: 'fail', inner: 'none', tcp: 'none', edge: 'none' },
    messages: { bare: "AWS::ElasticLoadBalancingV2::LoadBalancer 'bare': no web ACL filters this internet-facing load balancer; production requires WAF on load balancers" },
  },
  {
    name: 'no result where the environment does not ask for WAF',
    resources: [lb('bare', 'internet-facing')],
    expect: { bare: 'none' },
  },
]);

describe('rule waf-load-balancer without the web ACL listing', () => {
  it('is not-evaluated when ListWebACLs failed in the load balancer account and region', () => {
    const spec = baseSpec();
    production(spec).waf = { loadBalancers: true };
    const rule = loadRules().find((r) => r.meta.id === 'waf-load-balancer')!;
    const snap = snapshot([lb('bare', 'internet-facing')], {
      errors: [{ accountId: '111111111111', region: 'us-east-1', service: 'wafv2', operation: 'ListWebACLs', code: 'AccessDeniedException', message: 'denied', affects: [ACL] }],
    });
    const ev = evaluate({ spec: loaded(spec), snapshot: snap, rules: [rule], now: NOW });
    expect(ev.results.filter((r) => r.resource.name === 'bare').map((r) => r.status)).toEqual(['not-evaluated']);
  });

  it('is not-evaluated when an ACL association call failed there, and judged in another region', () => {
    const spec = baseSpec();
    production(spec).waf = { loadBalancers: true };
    const rule = loadRules().find((r) => r.meta.id === 'waf-load-balancer')!;
    const west = prod(LB, 'west', { region: 'us-west-2', config: { scheme: 'internet-facing', lbType: 'application' } });
    const snap = snapshot([lb('bare', 'internet-facing'), west], {
      errors: [{ accountId: '111111111111', region: 'us-east-1', service: 'wafv2', operation: 'ListResourcesForWebACL', code: 'WAFAccessDeniedException', message: 'denied', affects: [ACL] }],
    });
    const ev = evaluate({ spec: loaded(spec), snapshot: snap, rules: [rule], now: NOW });
    expect(ev.results.map((r) => [r.resource.name, r.status]).sort()).toEqual([['bare', 'not-evaluated'], ['west', 'fail']]);
  });
});
