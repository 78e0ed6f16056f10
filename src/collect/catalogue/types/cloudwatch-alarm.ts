// Metric alarms: one paged list; `monitors` relations from the dimensions the catalogue's types declare.
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const cloudwatchAlarm: ResourceDescriptor = {
  type: 'AWS::CloudWatch::Alarm',
  service: 'cloudwatch',
  scope: 'regional',
  configType: 'AWS::CloudWatch::Alarm',
  arn: { service: 'cloudwatch', head: 'alarm' },
  relations: ['monitors', 'notifies'],
  config: obj({ namespace: str, metricName: str, dimensions: { type: 'object', additionalProperties: str }, alarmActions: strs }),
  calls: [
    { operation: 'DescribeAlarms', per: 'list', pageMax: 100, feeds: ['namespace', 'metricName', 'dimensions', 'alarmActions'] },
  ],
  collect: { source: 'cloudwatch' },
  hooks: { pricing: 'priced' },
};
