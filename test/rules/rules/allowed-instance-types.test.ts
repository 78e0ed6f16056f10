// Rule allowed-instance-types: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('allowed-instance-types', [
  {
    name: 'allowed types; terminated instances skipped',
    spec: (s) => void (production(s).compute = { instanceTypes: ['t3.medium'] }),
    resources: [
      prod('AWS::EC2::Instance', 'i-ok', { config: { instanceType: 't3.medium', state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-big', { config: { instanceType: 'm5.4xlarge', state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-gone', { config: { instanceType: 'm5.4xlarge', state: 'terminated' } }),
    ],
    expect: { 'i-ok': 'pass', 'i-big': 'fail', 'i-gone': 'none' },
    messages: { 'i-big': "AWS::EC2::Instance 'i-big': instance type m5.4xlarge; production allows t3.medium" },
  },
]);
