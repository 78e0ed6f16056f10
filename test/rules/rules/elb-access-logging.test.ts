// Rule elb-access-logging: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

ruleTester.run('elb-access-logging', [
  {
    name: 'load balancer access logs',
    spec: (s) => void (production(s).dataProtection = dp({ accessLogging: [LB] })),
    resources: [prod(LB, 'lb-on', { config: { accessLogging: { enabled: true } } }), prod(LB, 'lb-off', { config: { accessLogging: { enabled: false } } })],
    expect: { 'lb-on': 'pass', 'lb-off': 'fail' },
  },
]);
