// ECS services: ListServices per cluster, then DescribeServices in batches of 10 (the
// API's limit) with tags: how tasks are launched, how many, and where they sit
// (awsvpc subnets, security groups, public IP assignment). Code of its own (sources/ecs.ts).
import { bool, int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ECS_SERVICE = 'AWS::ECS::Service';

export const ecsService: ResourceDescriptor = {
  type: ECS_SERVICE,
  service: 'ecs',
  scope: 'regional',
  configType: ECS_SERVICE,
  // arn:aws:ecs:<region>:<account>:service/<cluster>/<name> (the old format: service/<name>).
  arn: { service: 'ecs', head: 'service', id: (rest) => rest.split('/').at(-1) ?? rest },
  relations: ['cluster', 'subnet', 'security-group'],
  config: obj({
    clusterArn: str,
    status: str,
    launchType: str,
    capacityProviders: list(obj({ name: str, weight: int, base: int })),
    desiredCount: int,
    taskDefinition: str,
    subnetIds: strs,
    securityGroupIds: strs,
    assignPublicIp: bool,
  }),
  calls: [
    { operation: 'ListServices', per: 'list', pageMax: 100, feeds: ['clusterArn'], relations: ['cluster'], when: 'each cluster' },
    {
      operation: 'DescribeServices',
      per: 'resource',
      feeds: ['status', 'launchType', 'capacityProviders', 'desiredCount', 'taskDefinition', 'subnetIds', 'securityGroupIds', 'assignPublicIp'],
      relations: ['subnet', 'security-group'],
      when: 'in batches of 10 services of one cluster, with TAGS',
    },
  ],
  collect: { source: 'ecs' },
};
