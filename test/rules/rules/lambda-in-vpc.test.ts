// Rule lambda-in-vpc: compliant and violating functions (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const FN = 'AWS::Lambda::Function';

ruleTester.run('lambda-in-vpc', [
  {
    name: 'a function needs at least one subnet',
    spec: (s) => void (production(s).lambda = { requireVpc: true }),
    resources: [
      prod(FN, 'private', { config: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } }),
      prod(FN, 'public', { config: { subnetIds: [], securityGroupIds: [] } }),
    ],
    expect: { private: 'pass', public: 'fail' },
    messages: { public: "AWS::Lambda::Function 'public': the function runs outside any VPC; production requires functions in a VPC" },
  },
  {
    name: 'a function whose VPC configuration was not collected is not evaluated',
    spec: (s) => void (production(s).lambda = { requireVpc: true }),
    resources: [prod(FN, 'unknown', { config: {} })],
    expect: { unknown: 'not-evaluated' },
  },
]);
