// Rule alarm-actions: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const ALARM = 'AWS::CloudWatch::Alarm';

ruleTester.run('alarm-actions', [
  {
    name: 'alarms notify the environment topic',
    spec: (s) => void (production(s).monitoring = { alarms: [], alarmActions: ['arn:aws:sns:*:111111111111:prod-alerts'] }),
    resources: [
      prod(ALARM, 'a-ok', { config: { alarmActions: ['arn:aws:sns:us-east-1:111111111111:prod-alerts'] } }),
      prod(ALARM, 'a-none', { config: { alarmActions: [] } }),
      prod(ALARM, 'a-wrong', { config: { alarmActions: ['arn:aws:sns:us-east-1:222222222222:stg-alerts'] } }),
    ],
    expect: { 'a-ok': 'pass', 'a-none': 'fail', 'a-wrong': 'fail' },
    messages: {
      'a-none': "AWS::CloudWatch::Alarm 'a-none': the alarm has no actions; production requires it to notify production's channels",
      'a-wrong': "AWS::CloudWatch::Alarm 'a-wrong': the alarm notifies arn:aws:sns:us-east-1:222222222222:stg-alerts; production requires its own channels (arn:aws:sns:*:111111111111:prod-alerts)",
    },
  },
]);
