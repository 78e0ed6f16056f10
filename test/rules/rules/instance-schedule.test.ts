// Rule instance-schedule: instances need an inbound `schedules` relation from an enabled
// recurring Scheduler schedule (through the rule tester); Auto Scaling members are left
// to asg-schedule.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, PROD_ACCOUNT, snapshot } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const I = 'AWS::EC2::Instance';
const SCHEDULE = 'AWS::Scheduler::Schedule';
const arnOf = (id: string) => `arn:aws:ec2:us-east-1:111111111111:instance/${id}`;

ruleTester.run('instance-schedule', [
  {
    name: 'a scheduled instance passes, an unscheduled one fails; terminated and Auto Scaling instances skipped',
    spec: (s) => void (production(s).compute = { scheduleRequired: true }),
    resources: [
      prod(I, 'i-sched', { arn: arnOf('i-sched'), config: { state: 'running' } }),
      prod(I, 'i-always', { arn: arnOf('i-always'), config: { state: 'running' } }),
      prod(I, 'i-gone', { arn: arnOf('i-gone'), config: { state: 'terminated' } }),
      prod(I, 'i-asg', { arn: arnOf('i-asg'), tags: { Environment: 'production', 'aws:autoscaling:groupName': 'web' }, config: { state: 'running' } }),
      prod(SCHEDULE, 'dev-stop', {
        arn: 'arn:aws:scheduler:us-east-1:111111111111:schedule/default/dev-stop',
        config: { state: 'ENABLED', scheduleExpression: 'cron(0 20 ? * MON-FRI *)' },
        relations: [{ kind: 'schedules', target: arnOf('i-sched') }],
      }),
    ],
    expect: { 'i-sched': 'pass', 'i-always': 'fail', 'i-gone': 'none', 'i-asg': 'none' },
    messages: { 'i-always': "AWS::EC2::Instance 'i-always': no enabled recurring schedule starts or stops it; production requires an uptime schedule" },
  },
  {
    name: 'not required: no result',
    resources: [prod(I, 'i-free', { arn: arnOf('i-free'), config: { state: 'running' } })],
    expect: { 'i-free': 'none' },
  },
]);

// Schedules that could not be listed leave the instance unjudged, not failed for want of data.
describe('instance-schedule when ListSchedules was denied', () => {
  it('is not-evaluated', () => {
    const spec = baseSpec();
    spec.environments.production!.compute = { scheduleRequired: true };
    const denied: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'scheduler', operation: 'ListSchedules', code: 'AccessDenied', message: 'denied', affects: [SCHEDULE] };
    const rule = loadRules().find((r) => r.meta.id === 'instance-schedule')!;
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([prod(I, 'i-x', { arn: arnOf('i-x'), config: { state: 'running' } })], { errors: [denied] }), rules: [rule], now: NOW });
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([['i-x', 'not-evaluated']]);
  });
});
