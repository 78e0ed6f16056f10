// Rule dynamodb-pitr: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';
const DDB = 'AWS::DynamoDB::Table';

ruleTester.run('dynamodb-pitr', [
  {
    name: 'point-in-time recovery',
    spec: (s) => void (production(s).dataProtection = dp({ pointInTimeRecovery: true })),
    resources: [prod(DDB, 't-on', { config: { pointInTimeRecovery: true } }), prod(DDB, 't-off', { config: { pointInTimeRecovery: false } })],
    expect: { 't-on': 'pass', 't-off': 'fail' },
  },
]);
