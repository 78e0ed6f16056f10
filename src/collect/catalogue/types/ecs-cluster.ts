// ECS clusters: ListClusters (ARNs), then DescribeClusters in batches of 100 with their
// settings (Container Insights) and tags. Collected with the clusters' services by code
// of its own (sources/ecs.ts): the services are listed per cluster.
import { bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ECS_CLUSTER = 'AWS::ECS::Cluster';

export const ecsCluster: ResourceDescriptor = {
  type: ECS_CLUSTER,
  service: 'ecs',
  scope: 'regional',
  configType: ECS_CLUSTER,
  arn: { service: 'ecs', head: 'cluster' },
  relations: [],
  config: obj({
    status: str,
    // The containerInsights setting: enabled, enhanced or disabled (AWS's default when unset).
    containerInsights: str,
    containerInsightsEnabled: bool,
    capacityProviders: strs,
  }),
  calls: [
    { operation: 'ListClusters', per: 'list', pageMax: 100, feeds: [] },
    {
      operation: 'DescribeClusters',
      per: 'resource',
      feeds: ['status', 'containerInsights', 'containerInsightsEnabled', 'capacityProviders'],
      when: 'in batches of 100 clusters, with SETTINGS and TAGS',
    },
  ],
  collect: { source: 'ecs' },
};
