// Rule shield-advanced-protection: protected and unprotected load balancers and
// distributions (through the rule tester), and the not-evaluated result when Shield
// could not be read.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CDN = 'AWS::CloudFront::Distribution';
const lbArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/${name}`;
const cdnArn = (id: string) => `arn:aws:cloudfront::111111111111:distribution/${id}`;
const cdn = (id: string) => prod(CDN, id, { arn: cdnArn(id), region: 'global' });
const protection = (name: string, target: string) => prod('AWS::Shield::Protection', name, { region: 'global', config: { protectedArn: target }, relations: [{ kind: 'protects', target }] });

ruleTester.run('shield-advanced-protection', [
  {
    name: 'internet-facing ALBs and distributions need a protection; internal and network load balancers give no result',
    spec: (s) => void (production(s).shield = { advanced: true }),
    resources: [
      prod(LB, 'web', { config: { scheme: 'internet-facing', lbType: 'application' } }),
      prod(LB, 'bare', { config: { scheme: 'internet-facing', lbType: 'application' } }),
      prod(LB, 'tcp', { config: { scheme: 'internet-facing', lbType: 'network' } }),
      prod(LB, 'inner', { config: { scheme: 'internal', lbType: 'application' } }),
      cdn('E1SAFE'),
      cdn('E2OPEN'),
      protection('web-ddos', lbArn('web')),
      protection('cdn-ddos', cdnArn('E1SAFE')),
    ],
    expect: { web: 'pass', bare: 'fail', tcp: 'none', inner: 'none', E1SAFE: 'pass', E2OPEN: 'fail', 'web-ddos': 'none' },
    messages: {
      bare: "AWS::ElasticLoadBalancingV2::LoadBalancer 'bare': no Shield Advanced protection covers it (the account has none for it, or no subscription); production requires DDoS protection",
      E2OPEN: "AWS::CloudFront::Distribution 'E2OPEN': no Shield Advanced protection covers it (the account has none for it, or no subscription); production requires DDoS protection",
    },
  },
]);

describe('rule shield-advanced-protection without the protections', () => {
  it('is not-evaluated when DescribeSubscription was denied', () => {
    const spec = baseSpec();
    production(spec).shield = { advanced: true };
    const rule = loadRules().find((r) => r.meta.id === 'shield-advanced-protection')!;
    const snap = snapshot([cdn('E2OPEN')], {
      errors: [{ accountId: '111111111111', region: 'global', service: 'shield', operation: 'DescribeSubscription', code: 'AccessDeniedException', message: 'denied', affects: ['AWS::Shield::Protection'] }],
    });
    const ev = evaluate({ spec: loaded(spec), snapshot: snap, rules: [rule], now: NOW });
    expect(ev.results.filter((r) => r.resource.name === 'E2OPEN').map((r) => r.status)).toEqual(['not-evaluated']);
  });
});
