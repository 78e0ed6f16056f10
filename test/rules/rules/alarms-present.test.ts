// Rule alarms-present: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';

ruleTester.run('alarms-present', [
  {
    name: 'resources of listed types need an alarm watching them',
    spec: (s) => void (production(s).monitoring = { alarms: [DB], alarmActions: [] }),
    resources: [
      prod(DB, 'db-watched'),
      prod(DB, 'db-blind'),
      prod('AWS::CloudWatch::Alarm', 'cpu', { relations: [{ kind: 'monitors', target: 'arn:aws:rds:us-east-1:111111111111:dbinstance/db-watched' }] }),
    ],
    expect: { 'db-watched': 'pass', 'db-blind': 'fail', cpu: 'none' },
  },
]);
