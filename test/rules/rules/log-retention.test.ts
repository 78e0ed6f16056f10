// Rule log-retention: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const LG = 'AWS::Logs::LogGroup';

ruleTester.run('log-retention', [
  {
    name: 'first matching class: at least days, at most maxDays, never-expire',
    spec: (s) =>
      void (production(s).retention = {
        logGroups: [
          { class: 'sqs', match: ['/aws/sqs/*'], days: 30, maxDays: 90 },
          { class: 'app', match: ['*'], days: 14 },
        ],
        s3Lifecycle: [],
        backups: [],
      }),
    resources: [
      prod(LG, '/aws/sqs/ok', { config: { retentionDays: 60 } }),
      prod(LG, '/aws/sqs/short', { config: { retentionDays: 7 } }),
      prod(LG, '/aws/sqs/forever', { config: { retentionDays: null } }),
      prod(LG, '/app/forever', { config: { retentionDays: null } }),
      prod(LG, '/app/short', { config: { retentionDays: 3 } }),
      prod(LG, '/app/unknown', { config: {} }),
      prod(LG, '/aws/sqs/long', { config: { retentionDays: 400 } }),
    ],
    expect: { '/aws/sqs/ok': 'pass', '/aws/sqs/short': 'fail', '/aws/sqs/forever': 'fail', '/app/forever': 'pass', '/app/short': 'fail', '/app/unknown': 'not-evaluated', '/aws/sqs/long': 'fail' },
    // Each way to fail has its own words; a too-long retention is not "expected equals null".
    messages: {
      '/aws/sqs/short': "AWS::Logs::LogGroup '/aws/sqs/short': retention 7 days; production keeps log class 'sqs' at least 30 days",
      '/aws/sqs/forever': "AWS::Logs::LogGroup '/aws/sqs/forever': logs never expire; production keeps log class 'sqs' at most 90 days",
      '/aws/sqs/long': "AWS::Logs::LogGroup '/aws/sqs/long': retention 400 days; production keeps log class 'sqs' at most 90 days",
    },
  },
]);
