// ECS clusters and services (catalogue/types/ecs-cluster.ts, ecs-service.ts): one paged
// ListClusters, DescribeClusters in batches of 100; then for each cluster a paged
// ListServices and DescribeServices in batches of 10 (each API's limit).
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  type Cluster,
  type ListClustersCommandOutput,
  type ListServicesCommandOutput,
  type Service,
  type Tag,
} from '@aws-sdk/client-ecs';
import type { Relation } from '../../model/snapshot.js';
import { arnOf } from '../arn.js';
import { ECS_CLUSTER } from '../catalogue/types/ecs-cluster.js';
import { ECS_SERVICE } from '../catalogue/types/ecs-service.js';
import type { Session, Target } from '../session.js';

const tagMap = (tags: Tag[] | undefined) => Object.fromEntries((tags ?? []).filter((x) => x.key).map((x) => [x.key!, x.value ?? '']));
const lastPart = (arn: string) => arn.split('/').at(-1) ?? arn;
const batches = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function clusterConfig(c: Cluster): Record<string, unknown> {
  // An unset containerInsights setting is AWS's account default, which is off unless the
  // account setting says otherwise; DescribeClusters then lists it as disabled.
  const insights = (c.settings ?? []).find((x) => x.name === 'containerInsights')?.value ?? 'disabled';
  return {
    ...(c.status ? { status: c.status } : {}),
    containerInsights: insights,
    containerInsightsEnabled: insights === 'enabled' || insights === 'enhanced',
    capacityProviders: [...(c.capacityProviders ?? [])].sort(),
  };
}

export function serviceConfig(v: Service, t: Target): { config: Record<string, unknown>; relations: Relation[] } {
  const vpc = v.networkConfiguration?.awsvpcConfiguration;
  const subnetIds = [...(vpc?.subnets ?? [])].sort();
  const groupIds = [...(vpc?.securityGroups ?? [])].sort();
  const config: Record<string, unknown> = {
    ...(v.clusterArn ? { clusterArn: v.clusterArn } : {}),
    ...(v.status ? { status: v.status } : {}),
    // A service on a capacity provider strategy has no launch type.
    ...(v.launchType ? { launchType: v.launchType } : {}),
    capacityProviders: (v.capacityProviderStrategy ?? []).flatMap((p) => (p.capacityProvider ? [{ name: p.capacityProvider, weight: p.weight ?? 0, base: p.base ?? 0 }] : [])),
    ...(v.desiredCount !== undefined ? { desiredCount: v.desiredCount } : {}),
    ...(v.taskDefinition ? { taskDefinition: v.taskDefinition } : {}),
    subnetIds,
    securityGroupIds: groupIds,
    // Only awsvpc tasks get an address of their own; AWS's default is DISABLED.
    assignPublicIp: vpc?.assignPublicIp === 'ENABLED',
  };
  const ec2 = (kind: string, id: string) => arnOf('ec2', t.region, t.accountId, `${kind}/${id}`);
  const relations: Relation[] = [
    ...subnetIds.map((id): Relation => ({ kind: 'subnet', target: ec2('subnet', id) })),
    ...groupIds.map((id): Relation => ({ kind: 'security-group', target: ec2('security-group', id) })),
  ];
  return { config, relations };
}

export async function collectEcs(s: Session, t: Target): Promise<void> {
  const base = { accountId: t.accountId, region: t.region };
  const clusterArns: string[] = [];
  const listed = await s.paginate(
    t,
    'ecs',
    'ListClusters',
    [ECS_CLUSTER, ECS_SERVICE],
    (c, token) => c.send(new ListClustersCommand({ maxResults: s.page(100), ...(token ? { nextToken: token } : {}) })),
    (p: ListClustersCommandOutput) => p.nextToken,
    (p) => void clusterArns.push(...(p.clusterArns ?? [])),
  );
  clusterArns.sort();
  for (const arn of clusterArns) s.upsert({ ...base, arn, type: ECS_CLUSTER, id: lastPart(arn), name: lastPart(arn) });
  if (listed) s.addCoverage(t, 'describe', [ECS_CLUSTER]);

  if (s.wantsType(ECS_CLUSTER) && s.wants(ECS_CLUSTER, 'DescribeClusters')) {
    await Promise.all(
      batches(clusterArns, 100).map(async (batch) => {
        const answer = await s.must(t, 'ecs', 'DescribeClusters', [ECS_CLUSTER], (c) => c.send(new DescribeClustersCommand({ clusters: batch, include: ['SETTINGS', 'TAGS'] })));
        for (const c of answer?.clusters ?? []) {
          if (!c.clusterArn) continue;
          s.upsert({ ...base, arn: c.clusterArn, type: ECS_CLUSTER, id: lastPart(c.clusterArn), name: c.clusterName ?? lastPart(c.clusterArn), tags: tagMap(c.tags), config: clusterConfig(c) });
        }
      }),
    );
  }

  if (!s.wantsType(ECS_SERVICE)) return;
  const describe = s.wants(ECS_SERVICE, 'DescribeServices');
  // The services are complete when the clusters were and every cluster's list was.
  const perCluster = await Promise.all(
    clusterArns.map(async (cluster) => {
      const serviceArns: string[] = [];
      const complete = await s.paginate(
        t,
        'ecs',
        'ListServices',
        [ECS_SERVICE],
        (c, token) => c.send(new ListServicesCommand({ cluster, maxResults: s.page(100), ...(token ? { nextToken: token } : {}) })),
        (p: ListServicesCommandOutput) => p.nextToken,
        (p) => void serviceArns.push(...(p.serviceArns ?? [])),
      );
      serviceArns.sort();
      const clusterRel: Relation = { kind: 'cluster', target: cluster };
      for (const arn of serviceArns) s.upsert({ ...base, arn, type: ECS_SERVICE, id: lastPart(arn), name: lastPart(arn), config: { clusterArn: cluster }, relations: [clusterRel] });
      if (describe) {
        await Promise.all(
          batches(serviceArns, 10).map(async (batch) => {
            const answer = await s.must(t, 'ecs', 'DescribeServices', [ECS_SERVICE], (c) => c.send(new DescribeServicesCommand({ cluster, services: batch, include: ['TAGS'] })));
            for (const v of answer?.services ?? []) {
              if (!v.serviceArn) continue;
              const { config, relations } = serviceConfig(v, t);
              s.upsert({ ...base, arn: v.serviceArn, type: ECS_SERVICE, id: lastPart(v.serviceArn), name: v.serviceName ?? lastPart(v.serviceArn), tags: tagMap(v.tags), config, relations: [clusterRel, ...relations] });
            }
          }),
        );
      }
      return complete;
    }),
  );
  if (listed && perCluster.every(Boolean)) s.addCoverage(t, 'describe', [ECS_SERVICE]);
}
