// Rule asg-schedule: compliant and violating groups (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';

ruleTester.run('asg-schedule', [
  {
    name: 'a recurring scheduled action required; a one-off action does not count',
    spec: (s) => void (production(s).autoScaling = { scheduleRequired: true }),
    resources: [
      prod(ASG, 'office-hours', { config: { scheduledActions: [{ name: 'evening', recurrence: '0 20 * * 1-5', minSize: 0, maxSize: 0, desiredCapacity: 0 }, { name: 'morning', recurrence: '0 8 * * 1-5', minSize: 1 }] } }),
      prod(ASG, 'once', { config: { scheduledActions: [{ name: 'launch-day', maxSize: 10 }] } }),
      prod(ASG, 'always-on', { config: { scheduledActions: [] } }),
      prod(ASG, 'unknown', { config: {} }),
    ],
    expect: { 'office-hours': 'pass', once: 'fail', 'always-on': 'fail', unknown: 'not-evaluated' },
    messages: { 'always-on': "AWS::AutoScaling::AutoScalingGroup 'always-on': no recurring scheduled action; production requires an uptime schedule" },
  },
]);
