// Rule load-balancer-presence: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

ruleTester.run('load-balancer-presence', [
  {
    name: 'required and forbidden',
    spec: (s) => {
      production(s).compute = { loadBalancer: 'required' };
      s.environments.staging!.compute = { loadBalancer: 'required' };
    },
    resources: [prod(LB, 'lb')],
    expect: { production: 'pass', staging: 'fail' },
  },
  {
    name: 'forbidden',
    spec: (s) => void (production(s).compute = { loadBalancer: 'forbidden' }),
    resources: [prod(LB, 'lb')],
    expect: { production: 'fail' },
  },
]);
