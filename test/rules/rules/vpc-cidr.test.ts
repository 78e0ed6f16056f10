// Rule vpc-cidr: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const VPC = 'AWS::EC2::VPC';

ruleTester.run('vpc-cidr', [
  {
    name: 'every block inside the environment ranges',
    spec: (s) => void (production(s).network = net({ vpcCidrs: ['10.10.0.0/16'] })),
    resources: [prod(VPC, 'vpc-in', { config: { cidrBlocks: ['10.10.0.0/16'] } }), prod(VPC, 'vpc-out', { config: { cidrBlocks: ['10.10.0.0/16', '10.20.0.0/16'] } })],
    expect: { 'vpc-in': 'pass', 'vpc-out': 'fail' },
  },
]);
