// EventBridge Scheduler schedules: one paged list (every group), then GetSchedule each for
// the expression, time zone and the target's input. A schedule whose target is one of
// the universal (aws-sdk) targets that start or stop an EC2 instance, an RDS instance or
// an RDS cluster carries `schedules` to each resource its input names, when it is enabled
// and recurring (cron or rate; a one-off at() is no uptime schedule): documents ask for
// non-production "only in business hours". Other targets (Lambda, an ASG update) give no
// relation; Auto Scaling groups keep their schedules as scheduled actions of their own.
// Schedules have no tags (the Scheduler tags only groups): they inherit their targets'
// environment (src/engine/inheritance.ts).
import type { GetScheduleCommandOutput, ListSchedulesCommandOutput, ScheduleSummary } from '@aws-sdk/client-scheduler';
import type { Relation } from '../../../model/snapshot.js';
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, type Place } from '../refs.js';

const TYPE = 'AWS::Scheduler::Schedule';
const UNIVERSAL = 'arn:aws:scheduler:::aws-sdk:';

/**
 * Universal target action (service:operation, as in its ARN) -> the input key naming the
 * resources (read case-insensitively: the input is the API request in JSON) and their ARNs.
 */
const STARTS_OR_STOPS: Readonly<Record<string, { key: string; arn: (id: string, t: Place) => string }>> = {
  'ec2:startInstances': { key: 'instanceids', arn: (id, t) => arnOf('ec2', t.region, t.accountId, `instance/${id}`) },
  'ec2:stopInstances': { key: 'instanceids', arn: (id, t) => arnOf('ec2', t.region, t.accountId, `instance/${id}`) },
  'rds:startDBInstance': { key: 'dbinstanceidentifier', arn: (id, t) => arnOf('rds', t.region, t.accountId, `db:${id}`) },
  'rds:stopDBInstance': { key: 'dbinstanceidentifier', arn: (id, t) => arnOf('rds', t.region, t.accountId, `db:${id}`) },
  'rds:startDBCluster': { key: 'dbclusteridentifier', arn: (id, t) => arnOf('rds', t.region, t.accountId, `cluster:${id}`) },
  'rds:stopDBCluster': { key: 'dbclusteridentifier', arn: (id, t) => arnOf('rds', t.region, t.accountId, `cluster:${id}`) },
};

const actionOf = (targetArn: string) => (targetArn.startsWith(UNIVERSAL) ? targetArn.slice(UNIVERSAL.length) : undefined);

/** The ids the input names under `key` (a string or a list of strings); none when it is not JSON. */
function idsIn(input: string | undefined, key: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input ?? '');
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  const value = Object.entries(parsed).find(([k]) => k.toLowerCase() === key)?.[1];
  const ids = Array.isArray(value) ? value : [value];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string' && x !== ''))].sort();
}

const recurring = (expression: string | undefined) => /^(cron|rate)\(/.test(expression ?? '');

const arnOfSchedule = (s: ScheduleSummary, t: Place) => s.Arn ?? arnOf('scheduler', t.region, t.accountId, `schedule/${s.GroupName ?? 'default'}/${s.Name ?? ''}`);

const collection: GenericCollection<ListSchedulesCommandOutput, ScheduleSummary> = {
  list: {
    operation: 'ListSchedules',
    request: (token, page) => ({ MaxResults: page(100), ...(token ? { NextToken: token } : {}) }),
    next: (p) => p.NextToken,
    items: (p) => p.Schedules ?? [],
  },
  hydrate: [{ operation: 'GetSchedule', request: (s) => ({ Name: s.Name, GroupName: s.GroupName }) }],
  arn: arnOfSchedule,
  toPart: (s, [answer], t) => {
    const name = s.Name ?? '';
    const g = answer as GetScheduleCommandOutput | undefined;
    const targetArn = g?.Target?.Arn ?? s.Target?.Arn ?? '';
    const action = actionOf(targetArn);
    const state = g?.State ?? s.State ?? '';
    const expression = g?.ScheduleExpression;
    const starts = action ? STARTS_OR_STOPS[action] : undefined;
    // Only what GetSchedule answered gives targets: the list has no input.
    const targets = g && starts ? idsIn(g.Target?.Input, starts.key).map((id) => starts.arn(id, t)) : [];
    const relations: Relation[] = state === 'ENABLED' && recurring(expression) ? targets.map((target) => ({ kind: 'schedules', target })) : [];
    return {
      arn: arnOfSchedule(s, t),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: `${s.GroupName ?? 'default'}/${name}`,
      name,
      config: {
        groupName: s.GroupName ?? 'default',
        state,
        targetArn,
        ...(action ? { targetAction: action } : {}),
        ...(expression ? { scheduleExpression: expression } : {}),
        ...(g?.ScheduleExpressionTimezone ? { timeZone: g.ScheduleExpressionTimezone } : {}),
        ...(g ? { targets } : {}),
      },
      relations,
    };
  },
};

export const schedulerSchedule: ResourceDescriptor = {
  type: TYPE,
  service: 'scheduler',
  scope: 'regional',
  // arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>
  arn: { service: 'scheduler', head: 'schedule' },
  relations: ['schedules'],
  config: obj({
    groupName: str,
    state: str,
    targetArn: str,
    targetAction: str,
    scheduleExpression: str,
    timeZone: str,
    targets: strs,
  }),
  calls: [
    // ListSchedules takes at most 100 a page.
    { operation: 'ListSchedules', per: 'list', pageMax: 100, feeds: ['groupName', 'state', 'targetArn', 'targetAction'] },
    { operation: 'GetSchedule', per: 'resource', feeds: ['scheduleExpression', 'timeZone', 'targets'], relations: ['schedules'] },
  ],
  collect: { generic: collection },
};
