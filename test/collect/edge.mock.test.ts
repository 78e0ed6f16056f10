// The edge types on recorded response shapes (aws-sdk-client-mock): WAFv2 web ACLs and
// what they filter. moto 5.2.1 does not serve ListResourcesForWebACL (it has only
// GetWebACLForResource), so the associations are tested on the AWS API reference's
// response shape (ResourceArns) here; ListWebACLs paging is tested against moto in
// edge.emulator.test.ts.
import { ListResourcesForWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const waf = mockClient(WAFV2Client);
afterEach(() => {
  waf.reset();
});
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const source = (name: string) => REGIONAL_SOURCES.find((s) => s.name === name)!.run;
const ACCOUNT = '644160558196';
const aclArn = (scope: string, region: string, name: string) => `arn:aws:wafv2:${region}:${ACCOUNT}:${scope}/webacl/${name}/0f1e2d3c-${name}`;
const albArn = (name: string) => `arn:aws:elasticloadbalancing:eu-west-3:${ACCOUNT}:loadbalancer/app/${name}/50dc6c495c0c9188`;
const stageArn = `arn:aws:apigateway:eu-west-3::/restapis/a1b2c3/stages/prod`;

describe('WAFv2 web ACLs on recorded responses', () => {
  it('follows NextMarker, then lists the load balancers and API stages each regional ACL filters', async () => {
    waf.on(ListWebACLsCommand)
      .resolvesOnce({ WebACLs: [{ Name: 'edge', Id: '0f1e2d3c-edge', ARN: aclArn('regional', 'eu-west-3', 'edge'), Description: 'front door' }], NextMarker: 'm2' })
      .resolvesOnce({ WebACLs: [{ Name: 'idle', Id: '0f1e2d3c-idle', ARN: aclArn('regional', 'eu-west-3', 'idle') }] });
    waf.on(ListResourcesForWebACLCommand, { WebACLArn: aclArn('regional', 'eu-west-3', 'edge'), ResourceType: 'APPLICATION_LOAD_BALANCER' }).resolves({ ResourceArns: [albArn('web-b'), albArn('web-a')] });
    waf.on(ListResourcesForWebACLCommand, { WebACLArn: aclArn('regional', 'eu-west-3', 'edge'), ResourceType: 'API_GATEWAY' }).resolves({ ResourceArns: [stageArn] });
    waf.on(ListResourcesForWebACLCommand, { WebACLArn: aclArn('regional', 'eu-west-3', 'idle') }).resolves({ ResourceArns: [] });
    const s = session();
    await source('wafv2')(s, { accountId: ACCOUNT, region: 'eu-west-3' });
    expect(waf.commandCalls(ListWebACLsCommand).map((c) => c.args[0].input)).toEqual([
      { Scope: 'REGIONAL', Limit: 100 },
      { Scope: 'REGIONAL', Limit: 100, NextMarker: 'm2' },
    ]);
    expect(s.errors).toEqual([]);
    const edge = s.resources.get(aclArn('regional', 'eu-west-3', 'edge'))!;
    expect([edge.type, edge.name, edge.id, edge.region]).toEqual(['AWS::WAFv2::WebACL', 'edge', '0f1e2d3c-edge', 'eu-west-3']);
    expect(edge.config).toEqual({ scope: 'REGIONAL', description: 'front door', filtered: [stageArn, albArn('web-a'), albArn('web-b')] });
    expect(edge.relations).toEqual([
      { kind: 'filters', target: stageArn },
      { kind: 'filters', target: albArn('web-a') },
      { kind: 'filters', target: albArn('web-b') },
    ]);
    expect(s.resources.get(aclArn('regional', 'eu-west-3', 'idle'))!.config).toEqual({ scope: 'REGIONAL', filtered: [] });
    expect(s.coverage).toEqual([{ accountId: ACCOUNT, region: 'eu-west-3', source: 'describe', types: ['AWS::WAFv2::WebACL'] }]);
  });

  it('lists the CLOUDFRONT scope in us-east-1 only, without association calls', async () => {
    waf.on(ListWebACLsCommand, { Scope: 'REGIONAL' }).resolves({ WebACLs: [] });
    waf.on(ListWebACLsCommand, { Scope: 'CLOUDFRONT' }).resolves({ WebACLs: [{ Name: 'cdn', Id: '0f1e2d3c-cdn', ARN: aclArn('global', 'us-east-1', 'cdn') }] });
    const s = session();
    await source('wafv2')(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect(waf.commandCalls(ListWebACLsCommand).map((c) => c.args[0].input.Scope).sort()).toEqual(['CLOUDFRONT', 'REGIONAL']);
    expect(waf.commandCalls(ListResourcesForWebACLCommand)).toEqual([]);
    expect(s.resources.get(aclArn('global', 'us-east-1', 'cdn'))!.config).toEqual({ scope: 'CLOUDFRONT' });
  });

  it('leaves the filtered list out when one association call fails, and records the error', async () => {
    waf.on(ListWebACLsCommand).resolves({ WebACLs: [{ Name: 'edge', Id: '0f1e2d3c-edge', ARN: aclArn('regional', 'eu-west-3', 'edge') }] });
    waf.on(ListResourcesForWebACLCommand, { ResourceType: 'APPLICATION_LOAD_BALANCER' }).resolves({ ResourceArns: [albArn('web-a')] });
    waf.on(ListResourcesForWebACLCommand, { ResourceType: 'API_GATEWAY' }).rejects(Object.assign(new Error('denied'), { name: 'WAFAccessDeniedException' }));
    const s = session();
    await source('wafv2')(s, { accountId: ACCOUNT, region: 'eu-west-3' });
    expect(s.resources.get(aclArn('regional', 'eu-west-3', 'edge'))!.config).toEqual({ scope: 'REGIONAL' });
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['ListResourcesForWebACL', 'WAFAccessDeniedException', aclArn('regional', 'eu-west-3', 'edge')]]);
  });
});
