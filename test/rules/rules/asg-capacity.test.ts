// Rule asg-capacity: compliant and violating groups (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const size = (minSize: number, maxSize: number, desiredCapacity: number) => ({ config: { minSize, maxSize, desiredCapacity } });

ruleTester.run('asg-capacity', [
  {
    name: 'each size within its bounds; an unset bound is not checked',
    spec: (s) => void (production(s).autoScaling = { minSize: { min: 2 }, maxSize: { max: 6 }, desiredCapacity: { min: 2, max: 4 } }),
    resources: [
      prod(ASG, 'fits', size(2, 6, 3)),
      prod(ASG, 'big-min', size(5, 6, 5)),
      prod(ASG, 'small-min', size(1, 6, 2)),
      prod(ASG, 'big-max', size(2, 10, 2)),
      prod(ASG, 'big-desired', size(2, 6, 5)),
      prod(ASG, 'small-desired', size(2, 6, 1)),
    ],
    expect: { fits: 'pass', 'big-min': 'fail', 'small-min': 'fail', 'big-max': 'fail', 'big-desired': 'fail', 'small-desired': 'fail' },
    messages: {
      'small-min': "AWS::AutoScaling::AutoScalingGroup 'small-min': minimum size 1; production requires at least 2",
      'big-max': "AWS::AutoScaling::AutoScalingGroup 'big-max': maximum size 10; production requires at most 6",
      'small-desired': "AWS::AutoScaling::AutoScalingGroup 'small-desired': desired capacity 1; production requires at least 2",
    },
  },
  {
    name: 'a minimum size above its upper bound',
    spec: (s) => void (production(s).autoScaling = { minSize: { max: 0 } }),
    resources: [prod(ASG, 'zero', size(0, 2, 0)), prod(ASG, 'one', size(1, 2, 1))],
    expect: { zero: 'pass', one: 'fail' },
    messages: { one: "AWS::AutoScaling::AutoScalingGroup 'one': minimum size 1; production requires at most 0" },
  },
  {
    name: 'no bounds: no result',
    spec: (s) => void (production(s).autoScaling = { minAvailabilityZones: 2 }),
    resources: [prod(ASG, 'any', size(9, 9, 9))],
    expect: { any: 'none' },
  },
]);
