// Auto Scaling groups: one paged list (capacity, zones, subnets, launch template, the
// instance types of its overrides and instances, tags), then DescribeScheduledActions
// each for the uptime schedules.
import type { AutoScalingGroup, DescribeScheduledActionsCommandOutput, DescribeAutoScalingGroupsCommandOutput } from '@aws-sdk/client-auto-scaling';
import { int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, type Place } from '../refs.js';

const TYPE = 'AWS::AutoScaling::AutoScalingGroup';
// AWS always returns the ARN; the fallback (its id unknown) only names errors.
const arnOfGroup = (g: AutoScalingGroup, t: Place) => g.AutoScalingGroupARN ?? arnOf('autoscaling', t.region, t.accountId, `autoScalingGroup:unknown:autoScalingGroupName/${g.AutoScalingGroupName ?? ''}`);
const sorted = (xs: readonly (string | undefined)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))].sort();

/** Types the group may launch (mixed-instances overrides) or runs now (its instances); the launch template's own type needs EC2 and is not read. */
function instanceTypes(g: AutoScalingGroup): string[] {
  return sorted([...(g.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? []).map((o) => o.InstanceType), ...(g.Instances ?? []).map((i) => i.InstanceType)]);
}

function launchTemplate(g: AutoScalingGroup): Record<string, string> | undefined {
  const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!lt) return undefined;
  return { ...(lt.LaunchTemplateId ? { id: lt.LaunchTemplateId } : {}), ...(lt.LaunchTemplateName ? { name: lt.LaunchTemplateName } : {}), ...(lt.Version ? { version: lt.Version } : {}) };
}

function scheduledActions(out: DescribeScheduledActionsCommandOutput) {
  return (out.ScheduledUpdateGroupActions ?? [])
    .map((a) => ({
      name: a.ScheduledActionName ?? '',
      ...(a.Recurrence ? { recurrence: a.Recurrence } : {}),
      ...(a.TimeZone ? { timeZone: a.TimeZone } : {}),
      ...(a.MinSize !== undefined ? { minSize: a.MinSize } : {}),
      ...(a.MaxSize !== undefined ? { maxSize: a.MaxSize } : {}),
      ...(a.DesiredCapacity !== undefined ? { desiredCapacity: a.DesiredCapacity } : {}),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const collection: GenericCollection<DescribeAutoScalingGroupsCommandOutput, AutoScalingGroup> = {
  list: {
    operation: 'DescribeAutoScalingGroups',
    request: (token, page) => ({ MaxRecords: page(100), ...(token ? { NextToken: token } : {}) }),
    next: (p) => p.NextToken,
    items: (p) => p.AutoScalingGroups ?? [],
  },
  // 100 is the call's maximum; a group with more scheduled actions is beyond any schedule envgate checks.
  hydrate: [{ operation: 'DescribeScheduledActions', request: (g) => ({ AutoScalingGroupName: g.AutoScalingGroupName, MaxRecords: 100 }) }],
  arn: arnOfGroup,
  toPart: (g, [actions], t) => {
    const name = g.AutoScalingGroupName ?? '';
    const subnetIds = sorted((g.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()));
    const lt = launchTemplate(g);
    const od = g.MixedInstancesPolicy?.InstancesDistribution?.OnDemandPercentageAboveBaseCapacity;
    return {
      arn: arnOfGroup(g, t),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: name,
      name,
      tags: Object.fromEntries((g.Tags ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? ''])),
      config: {
        minSize: g.MinSize ?? 0,
        maxSize: g.MaxSize ?? 0,
        desiredCapacity: g.DesiredCapacity ?? 0,
        availabilityZones: sorted(g.AvailabilityZones ?? []),
        subnetIds,
        ...(lt ? { launchTemplate: lt } : {}),
        ...(g.LaunchConfigurationName ? { launchConfigurationName: g.LaunchConfigurationName } : {}),
        instanceTypes: instanceTypes(g),
        ...(od !== undefined ? { onDemandPercentageAboveBaseCapacity: od } : {}),
        ...(actions ? { scheduledActions: scheduledActions(actions as DescribeScheduledActionsCommandOutput) } : {}),
      },
      relations: subnetIds.map((id) => ({ kind: 'subnet', target: arnOf('ec2', t.region, t.accountId, `subnet/${id}`) })),
    };
  },
};

export const autoscalingGroup: ResourceDescriptor = {
  type: TYPE,
  service: 'autoscaling',
  scope: 'regional',
  configType: TYPE,
  // arn:...:autoScalingGroup:<uuid>:autoScalingGroupName/<name>
  arn: { service: 'autoscaling', head: 'autoScalingGroup', id: (rest) => rest.replace(/^.*autoScalingGroupName\//, '') },
  relations: ['subnet'],
  config: obj({
    minSize: int,
    maxSize: int,
    desiredCapacity: int,
    availabilityZones: strs,
    subnetIds: strs,
    launchTemplate: obj({ id: str, name: str, version: str }),
    launchConfigurationName: str,
    instanceTypes: strs,
    onDemandPercentageAboveBaseCapacity: int,
    scheduledActions: list(obj({ name: str, recurrence: str, timeZone: str, minSize: int, maxSize: int, desiredCapacity: int })),
  }),
  calls: [
    {
      operation: 'DescribeAutoScalingGroups',
      per: 'list',
      pageMax: 100,
      feeds: ['minSize', 'maxSize', 'desiredCapacity', 'availabilityZones', 'subnetIds', 'launchTemplate', 'launchConfigurationName', 'instanceTypes', 'onDemandPercentageAboveBaseCapacity'],
      relations: ['subnet'],
    },
    { operation: 'DescribeScheduledActions', per: 'resource', feeds: ['scheduledActions'] },
  ],
  collect: { generic: collection },
};
