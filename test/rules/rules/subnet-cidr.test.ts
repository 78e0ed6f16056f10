// Rule subnet-cidr: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SUBNET = 'AWS::EC2::Subnet';

ruleTester.run('subnet-cidr', [
  {
    name: 'subnet inside the subnet ranges',
    spec: (s) => void (production(s).network = net({ subnetCidrs: ['10.10.0.0/20'] })),
    resources: [prod(SUBNET, 'sn-in', { config: { cidrBlock: '10.10.1.0/24' } }), prod(SUBNET, 'sn-out', { config: { cidrBlock: '10.10.16.0/24' } })],
    expect: { 'sn-in': 'pass', 'sn-out': 'fail' },
  },
]);
