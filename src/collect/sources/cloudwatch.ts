// CloudWatch metric alarms: one paged list (100 a page). `monitors` relations come from
// the alarm's dimensions: each descriptor names the dimension that identifies its resources.
import { DescribeAlarmsCommand, type DescribeAlarmsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { Relation } from '../../model/snapshot.js';
import { arnOf } from '../arn.js';
import { dimensionTarget } from '../catalogue/index.js';
import type { Session, Target } from '../session.js';

const TYPE = 'AWS::CloudWatch::Alarm';

export async function collectAlarms(s: Session, t: Target): Promise<void> {
  const complete = await s.paginate(
    t,
    'cloudwatch',
    'DescribeAlarms',
    [TYPE],
    (c, token) => c.send(new DescribeAlarmsCommand({ MaxRecords: s.page(100), AlarmTypes: ['MetricAlarm'], ...(token ? { NextToken: token } : {}) })),
    (p: DescribeAlarmsCommandOutput) => p.NextToken,
    (p) => {
      for (const al of p.MetricAlarms ?? []) {
        if (!al.AlarmName) continue;
        const dimensions = Object.fromEntries((al.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
        const alarmActions = [...(al.AlarmActions ?? [])].sort();
        const relations: Relation[] = [];
        for (const [k, v] of Object.entries(dimensions)) {
          const target = dimensionTarget(k, v, t);
          if (target) relations.push({ kind: 'monitors', target });
        }
        for (const action of alarmActions) if (/^arn:[^:]+:(sns|sqs):/.test(action)) relations.push({ kind: 'notifies', target: action });
        s.upsert({
          arn: al.AlarmArn ?? arnOf('cloudwatch', t.region, t.accountId, `alarm:${al.AlarmName}`),
          accountId: t.accountId,
          region: t.region,
          type: TYPE,
          id: al.AlarmName,
          name: al.AlarmName,
          config: { namespace: al.Namespace ?? '', metricName: al.MetricName ?? '', dimensions, alarmActions },
          relations,
        });
      }
    },
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
}
