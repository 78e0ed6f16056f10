// ECS clusters and services on answers shaped as the ECS API reference gives them
// (ListClusters, DescribeClusters, ListServices, DescribeServices): paging of both lists,
// the services asked in batches of 10, and the fields each answer yields. Recorded-response
// test through aws-sdk-client-mock; a moto case is still to be written.
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const ecs = mockClient(ECSClient);
afterEach(() => ecs.reset());
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const A = '111122223333';
const t = { accountId: A, region: 'us-east-1' };
const cluster = (n: string) => `arn:aws:ecs:us-east-1:${A}:cluster/${n}`;
const service = (n: string) => `arn:aws:ecs:us-east-1:${A}:service/web/${n}`;

describe('ECS on recorded responses', () => {
  it('pages clusters and services, describes services 10 at a time', async () => {
    ecs.on(ListClustersCommand).resolvesOnce({ clusterArns: [cluster('web')], nextToken: 'c2' }).resolvesOnce({ clusterArns: [cluster('batch')] });
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [
        { clusterArn: cluster('web'), clusterName: 'web', status: 'ACTIVE', settings: [{ name: 'containerInsights', value: 'enabled' }], tags: [{ key: 'environment', value: 'production' }], capacityProviders: ['FARGATE'] },
        { clusterArn: cluster('batch'), clusterName: 'batch', status: 'ACTIVE' },
      ],
    });
    const names = Array.from({ length: 11 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    ecs.on(ListServicesCommand, { cluster: cluster('web') }).resolvesOnce({ serviceArns: names.slice(0, 6).map(service), nextToken: 's2' }).resolvesOnce({ serviceArns: names.slice(6).map(service) });
    ecs.on(ListServicesCommand, { cluster: cluster('batch') }).resolves({ serviceArns: [] });
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.map((arn) => ({
        serviceArn: arn,
        serviceName: arn.split('/').at(-1),
        clusterArn: cluster('web'),
        status: 'ACTIVE',
        launchType: 'FARGATE',
        desiredCount: 2,
        taskDefinition: `arn:aws:ecs:us-east-1:${A}:task-definition/web:3`,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: ['sg-1'], assignPublicIp: arn.endsWith('svc-10') ? 'ENABLED' : 'DISABLED' } },
      })),
    }));
    const s = session();
    await REGIONAL_SOURCES.find((x) => x.name === 'ecs')!.run(s, t);
    expect(ecs.commandCalls(ListClustersCommand).map((c) => c.args[0].input)).toEqual([{ maxResults: 100 }, { maxResults: 100, nextToken: 'c2' }]);
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => (c.args[0].input as { services: string[] }).services.length)).toEqual([10, 1]);
    const web = s.resources.get(cluster('web'))!;
    expect([web.tags, web.config]).toEqual([{ environment: 'production' }, { status: 'ACTIVE', containerInsights: 'enabled', containerInsightsEnabled: true, capacityProviders: ['FARGATE'] }]);
    expect(s.resources.get(cluster('batch'))!.config).toEqual({ status: 'ACTIVE', containerInsights: 'disabled', containerInsightsEnabled: false, capacityProviders: [] });
    const last = s.resources.get(service('svc-10'))!;
    expect(last.config).toEqual({
      clusterArn: cluster('web'),
      status: 'ACTIVE',
      launchType: 'FARGATE',
      capacityProviders: [],
      desiredCount: 2,
      taskDefinition: `arn:aws:ecs:us-east-1:${A}:task-definition/web:3`,
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-1'],
      assignPublicIp: true,
    });
    expect(last.relations).toEqual([
      { kind: 'cluster', target: cluster('web') },
      { kind: 'subnet', target: `arn:aws:ec2:us-east-1:${A}:subnet/subnet-a` },
      { kind: 'subnet', target: `arn:aws:ec2:us-east-1:${A}:subnet/subnet-b` },
      { kind: 'security-group', target: `arn:aws:ec2:us-east-1:${A}:security-group/sg-1` },
    ]);
    expect(s.resources.get(service('svc-00'))!.config.assignPublicIp).toBe(false);
    expect(s.errors).toEqual([]);
    expect(s.coverage.map((c) => c.types)).toEqual([['AWS::ECS::Cluster'], ['AWS::ECS::Service']]);
  });
});
