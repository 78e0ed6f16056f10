// EventBridge Scheduler schedules and EC2 purchase options collected from the AWS emulator
// (moto 5.2.1 serves CreateSchedule, ListSchedules with MaxResults and NextToken, and
// GetSchedule; it lists newest first). An enabled recurring schedule stopping instances
// through the universal target carries `schedules` to each instance of its input; a
// disabled one, a one-off at() and a Lambda target carry none. A spot instance (moto
// marks RunInstances with InstanceMarketOptions as spot) has purchaseOption spot.
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { DEFAULT_ACCOUNT, motoClientConfig } from '../helpers/moto.js';
import { motoSuite } from '../helpers/moto-suite.js';

const R = 'us-east-1';
const A = DEFAULT_ACCOUNT;
const ROLE = `arn:aws:iam::${A}:role/scheduler`;
const instanceArn = (id: string) => `arn:aws:ec2:${R}:${A}:instance/${id}`;

describe('collect scheduler schedules and purchase options against moto', () => {
  const suite = motoSuite();
  const session = () => suite.session();

  it('joins stop and start schedules to the instances they name, one page at a time', async () => {
    const scheduler = new SchedulerClient(motoClientConfig(suite.moto, { region: R }));
    const create = (Name: string, ScheduleExpression: string, Arn: string, Input: string, State: 'ENABLED' | 'DISABLED' = 'ENABLED') =>
      scheduler.send(
        new CreateScheduleCommand({ Name, ScheduleExpression, ScheduleExpressionTimezone: 'Europe/London', FlexibleTimeWindow: { Mode: 'OFF' }, State, Target: { Arn, RoleArn: ROLE, Input } }),
      );
    await create('dev-stop', 'cron(0 20 ? * MON-FRI *)', 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances', JSON.stringify({ InstanceIds: ['i-0bbb', 'i-0aaa'] }));
    await create('dev-db-stop', 'cron(0 20 ? * MON-FRI *)', 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance', JSON.stringify({ DbInstanceIdentifier: 'dev-db' }), 'DISABLED');
    await create('once', 'at(2026-12-24T20:00:00)', 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances', JSON.stringify({ InstanceIds: ['i-0ccc'] }));
    await create('report', 'rate(1 day)', `arn:aws:lambda:${R}:${A}:function:report`, '{}');

    const s = session();
    await REGIONAL_SOURCES.find((x) => x.name === 'scheduler')!.run(s, { accountId: A, region: R });

    expect(s.errors).toEqual([]);
    // Four schedules at one a page: four ListSchedules pages, one GetSchedule each.
    expect(suite.calls).toEqual({ 'scheduler:ListSchedules': 4, 'scheduler:GetSchedule': 4 });
    const got = [...s.resources.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(got.map((r) => [r.arn, r.type, r.id, r.name])).toEqual([
      [`arn:aws:scheduler:${R}:${A}:schedule/default/dev-db-stop`, 'AWS::Scheduler::Schedule', 'default/dev-db-stop', 'dev-db-stop'],
      [`arn:aws:scheduler:${R}:${A}:schedule/default/dev-stop`, 'AWS::Scheduler::Schedule', 'default/dev-stop', 'dev-stop'],
      [`arn:aws:scheduler:${R}:${A}:schedule/default/once`, 'AWS::Scheduler::Schedule', 'default/once', 'once'],
      [`arn:aws:scheduler:${R}:${A}:schedule/default/report`, 'AWS::Scheduler::Schedule', 'default/report', 'report'],
    ]);
    expect(got[0]!.config).toEqual({
      groupName: 'default',
      state: 'DISABLED',
      targetArn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
      targetAction: 'rds:stopDBInstance',
      scheduleExpression: 'cron(0 20 ? * MON-FRI *)',
      timeZone: 'Europe/London',
      targets: [`arn:aws:rds:${R}:${A}:db:dev-db`],
    });
    expect(got[0]!.relations).toEqual([]);
    expect(got[1]!.config).toEqual({
      groupName: 'default',
      state: 'ENABLED',
      targetArn: 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances',
      targetAction: 'ec2:stopInstances',
      scheduleExpression: 'cron(0 20 ? * MON-FRI *)',
      timeZone: 'Europe/London',
      targets: [instanceArn('i-0aaa'), instanceArn('i-0bbb')],
    });
    expect(got[1]!.relations).toEqual([
      { kind: 'schedules', target: instanceArn('i-0aaa') },
      { kind: 'schedules', target: instanceArn('i-0bbb') },
    ]);
    expect(got[2]!.config).toMatchObject({ state: 'ENABLED', scheduleExpression: 'at(2026-12-24T20:00:00)', targets: [instanceArn('i-0ccc')] });
    expect(got[2]!.relations).toEqual([]);
    expect(got[3]!.config).toEqual({ groupName: 'default', state: 'ENABLED', targetArn: `arn:aws:lambda:${R}:${A}:function:report`, scheduleExpression: 'rate(1 day)', timeZone: 'Europe/London', targets: [] });
    expect(got[3]!.relations).toEqual([]);
  });

  it('records the purchase option of each instance', async () => {
    const ec2 = new EC2Client(motoClientConfig(suite.moto, { region: R }));
    const onDemand = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
    const spot = await ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { SpotInstanceType: 'one-time' } } }),
    );
    const s = session();
    await REGIONAL_SOURCES.find((x) => x.name === 'ec2')!.run(s, { accountId: A, region: R });

    expect(s.errors).toEqual([]);
    const option = (id: string) => [...s.resources.values()].find((r) => r.type === 'AWS::EC2::Instance' && r.id === id)?.config.purchaseOption;
    expect([option(onDemand.Instances![0]!.InstanceId!), option(spot.Instances![0]!.InstanceId!)]).toEqual(['on-demand', 'spot']);
  });
});
