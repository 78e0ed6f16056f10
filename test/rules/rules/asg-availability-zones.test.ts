// Rule asg-availability-zones: compliant and violating groups (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';

ruleTester.run('asg-availability-zones', [
  {
    name: 'at least the required number of zones',
    spec: (s) => void (production(s).autoScaling = { minAvailabilityZones: 2 }),
    resources: [
      prod(ASG, 'two', { config: { availabilityZones: ['us-east-1a', 'us-east-1b'] } }),
      prod(ASG, 'three', { config: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] } }),
      prod(ASG, 'one', { config: { availabilityZones: ['us-east-1a'] } }),
    ],
    expect: { two: 'pass', three: 'pass', one: 'fail' },
    messages: { one: "AWS::AutoScaling::AutoScalingGroup 'one': spans 1 availability zone(s); production requires at least 2" },
  },
]);
