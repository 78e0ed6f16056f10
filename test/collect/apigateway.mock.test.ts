// API Gateway REST API stages on answers shaped as the API Gateway reference gives them
// (GetRestApis with position paging, GetStages): the paging, the fields of a stage with a
// web ACL, access logs and method settings, a private API's stage, and a GetStages
// failure. Recorded-response test through aws-sdk-client-mock: moto pages no REST APIs
// (it answers every API at once); the moto case is apigateway.emulator.test.ts.
import { APIGatewayClient, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const apigw = mockClient(APIGatewayClient);
afterEach(() => apigw.reset());
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const A = '111122223333';
const t = { accountId: A, region: 'eu-west-1' };
const stage = (api: string, name: string) => `arn:aws:apigateway:eu-west-1::/restapis/${api}/stages/${name}`;
const ACL = `arn:aws:wafv2:eu-west-1:${A}:regional/webacl/edge/0b1c2d3e`;
const LOGS = `arn:aws:logs:eu-west-1:${A}:log-group:API-Gateway-Execution-Logs_orders`;

describe('API Gateway stages on recorded responses', () => {
  it('pages REST APIs by position and maps each stage of each API', async () => {
    apigw
      .on(GetRestApisCommand)
      .resolvesOnce({ items: [{ id: 'a1orders', name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } }], position: 'p2' })
      .resolvesOnce({ items: [{ id: 'b2inner', name: 'inner', endpointConfiguration: { types: ['PRIVATE'] } }] });
    apigw.on(GetStagesCommand, { restApiId: 'a1orders' }).resolves({
      item: [
        {
          stageName: 'prod',
          deploymentId: 'dep1',
          webAclArn: ACL,
          // The reference's example: the destination as a log group ARN with ':*', a CLF format.
          accessLogSettings: { destinationArn: `${LOGS}:*`, format: '$context.requestId $context.status' },
          tracingEnabled: true,
          cacheClusterEnabled: true,
          cacheClusterSize: '0.5',
          clientCertificateId: 'cert1',
          methodSettings: { '*/*': { loggingLevel: 'ERROR', metricsEnabled: true, dataTraceEnabled: false }, '/orders/GET': { loggingLevel: 'INFO', metricsEnabled: false, dataTraceEnabled: true } },
          tags: { environment: 'production' },
        },
        { stageName: 'dev', deploymentId: 'dep1' },
      ],
    });
    apigw.on(GetStagesCommand, { restApiId: 'b2inner' }).resolves({ item: [{ stageName: 'prod', deploymentId: 'dep9' }] });
    const s = session();
    await REGIONAL_SOURCES.find((x) => x.name === 'apigateway')!.run(s, t);
    expect(apigw.commandCalls(GetRestApisCommand).map((c) => c.args[0].input)).toEqual([{ limit: 500 }, { limit: 500, position: 'p2' }]);
    expect([...s.resources.keys()].sort()).toEqual([stage('a1orders', 'dev'), stage('a1orders', 'prod'), stage('b2inner', 'prod')]);
    const prod = s.resources.get(stage('a1orders', 'prod'))!;
    expect([prod.type, prod.id, prod.name, prod.accountId, prod.region, prod.tags]).toEqual(['AWS::ApiGateway::Stage', 'a1orders/prod', 'orders/prod', A, 'eu-west-1', { environment: 'production' }]);
    expect(prod.config).toEqual({
      restApiId: 'a1orders',
      apiName: 'orders',
      stageName: 'prod',
      endpointTypes: ['REGIONAL'],
      internetFacing: true,
      deploymentId: 'dep1',
      webAclArn: ACL,
      accessLogging: { enabled: true, destinationArn: LOGS, format: '$context.requestId $context.status' },
      tracingEnabled: true,
      cacheClusterEnabled: true,
      clientCertificateId: 'cert1',
      methodSettings: [
        { path: '*/*', loggingLevel: 'ERROR', metricsEnabled: true, dataTraceEnabled: false },
        { path: '/orders/GET', loggingLevel: 'INFO', metricsEnabled: false, dataTraceEnabled: true },
      ],
    });
    expect(prod.relations).toEqual([{ kind: 'logs-to', target: LOGS }]);
    const dev = s.resources.get(stage('a1orders', 'dev'))!;
    expect([dev.config.webAclArn, dev.config.accessLogging, dev.config.tracingEnabled, dev.config.clientCertificateId, dev.config.methodSettings, dev.relations]).toEqual([null, { enabled: false }, false, null, [], []]);
    const inner = s.resources.get(stage('b2inner', 'prod'))!.config;
    expect([inner.endpointTypes, inner.internetFacing]).toEqual([['PRIVATE'], false]);
    expect(s.errors).toEqual([]);
    expect(s.coverage.map((c) => c.types)).toEqual([['AWS::ApiGateway::Stage']]);
  });

  it('a GetStages failure names the API and leaves the stages uncovered', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1orders', name: 'orders', endpointConfiguration: { types: ['EDGE'] } }] });
    apigw.on(GetStagesCommand).rejects(Object.assign(new Error('User is not authorized to perform apigateway:GET'), { name: 'AccessDeniedException' }));
    const s = session();
    await REGIONAL_SOURCES.find((x) => x.name === 'apigateway')!.run(s, t);
    expect(s.resources.size).toBe(0);
    expect(s.errors.map((e) => [e.service, e.operation, e.code, e.resourceArn, e.affects])).toEqual([
      ['apigateway', 'GetStages', 'AccessDeniedException', 'arn:aws:apigateway:eu-west-1::/restapis/a1orders', ['AWS::ApiGateway::Stage']],
    ]);
    expect(s.coverage).toEqual([]);
  });
});
