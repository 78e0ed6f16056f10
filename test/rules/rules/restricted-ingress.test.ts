// Rule restricted-ingress: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SG = 'AWS::EC2::SecurityGroup';

ruleTester.run('restricted-ingress', [
  {
    name: 'world-open restricted ports, ranges and all-traffic rules',
    spec: (s) => void (production(s).network = net({ restrictedIngressPorts: [22, 3389] })),
    resources: [
      prod(SG, 'sg-ok', { config: { ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], groupIds: [] }, { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['10.0.0.0/8'], groupIds: [] }] } }),
      prod(SG, 'sg-ssh', { config: { ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], groupIds: [] }] } }),
      prod(SG, 'sg-range', { config: { ingress: [{ protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrs: ['::/0'], groupIds: [] }] } }),
      prod(SG, 'sg-all', { config: { ingress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], groupIds: [] }] } }),
    ],
    expect: { 'sg-ok': 'pass', 'sg-ssh': 'fail', 'sg-range': 'fail', 'sg-all': 'fail' },
  },
]);
