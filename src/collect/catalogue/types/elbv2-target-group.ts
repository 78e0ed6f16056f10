// Target groups: one paged list, then the health of their targets each.
import { int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const elbv2TargetGroup: ResourceDescriptor = {
  type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  service: 'elbv2',
  scope: 'regional',
  configType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  arn: { service: 'elasticloadbalancing', head: 'targetgroup' },
  alarmDimension: { name: 'TargetGroup', arn: (v, t) => arnOf('elasticloadbalancing', t.region, t.accountId, v) },
  relations: ['vpc', 'load-balancer', 'load-balancer-target'],
  config: obj({
    targetType: str,
    protocol: str,
    port: int,
    vpcId: str,
    loadBalancerArns: strs,
    targets: list(obj({ id: str, port: int, state: str })),
  }),
  calls: [
    { operation: 'DescribeTargetGroups', per: 'list', pageMax: 400, feeds: ['targetType', 'protocol', 'port', 'vpcId', 'loadBalancerArns'] },
    { operation: 'DescribeTargetHealth', per: 'resource', feeds: ['targets'], relations: ['load-balancer-target'] },
  ],
  collect: { source: 'elbv2-target-groups' },
};
