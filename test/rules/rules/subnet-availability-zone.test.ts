// Rule subnet-availability-zone: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SUBNET = 'AWS::EC2::Subnet';

ruleTester.run('subnet-availability-zone', [
  {
    name: 'subnets in planned zones',
    spec: (s) => void (production(s).network = net({ availabilityZones: ['us-east-1a', 'us-east-1b'] })),
    resources: [prod(SUBNET, 'sn-a', { config: { availabilityZone: 'us-east-1a' } }), prod(SUBNET, 'sn-c', { config: { availabilityZone: 'us-east-1c' } })],
    expect: { 'sn-a': 'pass', 'sn-c': 'fail' },
  },
]);
