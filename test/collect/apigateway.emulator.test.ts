// API Gateway REST API stages collected from the AWS emulator (moto 5.2.1 serves
// CreateRestApi, PutMethod/PutIntegration, CreateDeployment, CreateStage, UpdateStage,
// GetRestApis and GetStages; it ignores `limit` and answers one page, so the position
// paging is tested on recorded answers in apigateway.mock.test.ts). moto does return
// webAclArn (set by WAFv2 AssociateWebACL on the stage ARN) and accessLogSettings (set by
// UpdateStage), so both are tested here.
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { AssociateWebACLCommand, CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { DEFAULT_ACCOUNT, motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials } from './spec-fixture.js';

const R = 'us-east-1';
const stage = (api: string, name: string) => `arn:aws:apigateway:${R}::/restapis/${api}/stages/${name}`;
const LOGS = `arn:aws:logs:${R}:${DEFAULT_ACCOUNT}:log-group:orders-access`;

/** A REST API with one mock-integrated GET on its root, deployed to `stageName` (moto refuses a deployment without both). */
async function deployedApi(apigw: APIGatewayClient, name: string, type: 'REGIONAL' | 'PRIVATE', stageName: string): Promise<{ id: string; deploymentId: string }> {
  const api = await apigw.send(new CreateRestApiCommand({ name, endpointConfiguration: { types: [type] } }));
  const root = (await apigw.send(new GetResourcesCommand({ restApiId: api.id! }))).items!.find((r) => r.path === '/')!;
  await apigw.send(new PutMethodCommand({ restApiId: api.id!, resourceId: root.id!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: root.id!, httpMethod: 'GET', type: 'MOCK' }));
  const dep = await apigw.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName }));
  return { id: api.id!, deploymentId: dep.id! };
}

describe('collect API Gateway stages against moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('collects each stage of each REST API with its web ACL, access logs and settings', async () => {
    const apigw = new APIGatewayClient(motoClientConfig(moto, { region: R }));
    const orders = await deployedApi(apigw, 'orders', 'REGIONAL', 'prod');
    const inner = await deployedApi(apigw, 'inner', 'PRIVATE', 'prod');
    await apigw.send(new CreateStageCommand({ restApiId: orders.id, stageName: 'dev', deploymentId: orders.deploymentId, tracingEnabled: true, tags: { environment: 'staging' } }));
    await apigw.send(
      new UpdateStageCommand({
        restApiId: orders.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: LOGS },
          { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
          { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' },
          { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
        ],
      }),
    );
    const waf = new WAFV2Client(motoClientConfig(moto, { region: R }));
    const acl = await waf.send(
      new CreateWebACLCommand({ Name: 'edge', Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'edge' } }),
    );
    await waf.send(new AssociateWebACLCommand({ WebACLArn: acl.Summary!.ARN!, ResourceArn: stage(orders.id, 'prod') }));

    const calls: Record<string, number> = {};
    const count = (service: string, operation: string) => void (calls[`${service}:${operation}`] = (calls[`${service}:${operation}`] ?? 0) + 1);
    const s = new Session(new ClientPool({ maxAttempts: 1, count, credentials: fakeCredentials, endpoint: moto.endpoint }), new Pacer(2));
    s.pageCap = 1;
    await REGIONAL_SOURCES.find((x) => x.name === 'apigateway')!.run(s, { accountId: DEFAULT_ACCOUNT, region: R });

    expect(s.errors).toEqual([]);
    expect(calls).toEqual({ 'apigateway:GetRestApis': 1, 'apigateway:GetStages': 2 });
    // Ids are random: in the order of the names.
    expect([...s.resources.values()].map((r) => [r.arn, r.type, r.id, r.name]).sort((a, b) => (a[3]! < b[3]! ? -1 : 1))).toEqual([
      [stage(inner.id, 'prod'), 'AWS::ApiGateway::Stage', `${inner.id}/prod`, 'inner/prod'],
      [stage(orders.id, 'dev'), 'AWS::ApiGateway::Stage', `${orders.id}/dev`, 'orders/dev'],
      [stage(orders.id, 'prod'), 'AWS::ApiGateway::Stage', `${orders.id}/prod`, 'orders/prod'],
    ]);
    const prod = s.resources.get(stage(orders.id, 'prod'))!;
    expect(prod.config).toEqual({
      restApiId: orders.id,
      apiName: 'orders',
      stageName: 'prod',
      endpointTypes: ['REGIONAL'],
      internetFacing: true,
      deploymentId: orders.deploymentId,
      webAclArn: acl.Summary!.ARN!,
      accessLogging: { enabled: true, destinationArn: LOGS, format: '$context.requestId' },
      tracingEnabled: false,
      cacheClusterEnabled: false,
      clientCertificateId: null,
      methodSettings: [{ path: '*/*', loggingLevel: 'ERROR', metricsEnabled: true, dataTraceEnabled: false }],
    });
    expect(prod.relations).toEqual([{ kind: 'logs-to', target: LOGS }]);
    const dev = s.resources.get(stage(orders.id, 'dev'))!;
    expect([dev.tags, dev.config.tracingEnabled, dev.config.webAclArn, dev.config.accessLogging, dev.config.methodSettings]).toEqual([{ environment: 'staging' }, true, null, { enabled: false }, []]);
    const priv = s.resources.get(stage(inner.id, 'prod'))!.config;
    expect([priv.endpointTypes, priv.internetFacing]).toEqual([['PRIVATE'], false]);
    expect(s.coverage.map((c) => [c.region, c.types])).toEqual([[R, ['AWS::ApiGateway::Stage']]]);
  });
});
