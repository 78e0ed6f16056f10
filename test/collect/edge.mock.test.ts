// The edge types on recorded response shapes (aws-sdk-client-mock): WAFv2 web ACLs and
// what they filter, CloudFront distributions. moto 5.2.1 does not serve
// ListResourcesForWebACL (it has only GetWebACLForResource) and answers ListDistributions
// in one page (IsTruncated false, an empty Marker), so the associations and the
// distribution paging are tested on the AWS API reference's response shapes here; so is
// a subscribed Shield Advanced account (moto's DescribeSubscription answer fails the SDK's
// parsing) and a denied one.
import { CloudFrontClient, GetDistributionConfigCommand, ListDistributionsCommand, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import { DescribeSubscriptionCommand, ListProtectionsCommand, ShieldClient } from '@aws-sdk/client-shield';
import { ListResourcesForWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { GLOBAL_SOURCES, REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { finishResources } from '../../src/collect/finish.js';
import { minimumTlsVersion, originOf } from '../../src/collect/catalogue/types/cloudfront-distribution.js';
import { fakeCredentials } from './spec-fixture.js';

const waf = mockClient(WAFV2Client);
const cloudfront = mockClient(CloudFrontClient);
const shield = mockClient(ShieldClient);
afterEach(() => {
  shield.reset();
  waf.reset();
  cloudfront.reset();
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

  it('leaves the filtered list out when one association call fails, and records a gap of the type', async () => {
    waf.on(ListWebACLsCommand).resolves({ WebACLs: [{ Name: 'edge', Id: '0f1e2d3c-edge', ARN: aclArn('regional', 'eu-west-3', 'edge') }] });
    waf.on(ListResourcesForWebACLCommand, { ResourceType: 'APPLICATION_LOAD_BALANCER' }).resolves({ ResourceArns: [albArn('web-a')] });
    waf.on(ListResourcesForWebACLCommand, { ResourceType: 'API_GATEWAY' }).rejects(Object.assign(new Error('denied'), { name: 'WAFAccessDeniedException' }));
    const s = session();
    await source('wafv2')(s, { accountId: ACCOUNT, region: 'eu-west-3' });
    expect(s.resources.get(aclArn('regional', 'eu-west-3', 'edge'))!.config).toEqual({ scope: 'REGIONAL' });
    // No resourceArn: the load balancers the ACL may filter are unknown in this account and region.
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn, e.affects])).toEqual([['ListResourcesForWebACL', 'WAFAccessDeniedException', undefined, ['AWS::WAFv2::WebACL']]]);
  });
});

// The shape of a ListDistributions item (API reference, DistributionSummary), cut to what is read.
const summary = (id: string, over: Partial<DistributionSummary> = {}): DistributionSummary =>
  ({
    Id: id,
    ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`,
    Status: 'Deployed',
    DomainName: `${id.toLowerCase()}.cloudfront.net`,
    Enabled: true,
    Aliases: { Quantity: 0 },
    Origins: { Quantity: 0, Items: [] },
    DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all' },
    CacheBehaviors: { Quantity: 0 },
    ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' },
    WebACLId: '',
    ...over,
  }) as DistributionSummary;

describe('CloudFront distributions on recorded responses', () => {
  const global = { accountId: ACCOUNT, region: 'global', endpointRegion: 'eu-west-3' };
  const lbDns = 'web-prod-1234567890.eu-west-3.elb.amazonaws.com';

  it('follows NextMarker, reads behaviours, TLS, web ACL, origins and logging, and joins a load balancer origin', async () => {
    cloudfront.on(ListDistributionsCommand)
      .resolvesOnce({
        DistributionList: {
          Marker: '',
          MaxItems: 100,
          IsTruncated: true,
          NextMarker: 'E2NEXT',
          Quantity: 1,
          Items: [
            summary('E1SHOP', {
              Aliases: { Quantity: 2, Items: ['www.example.com', 'example.com'] },
              Origins: {
                Quantity: 2,
                Items: [
                  { Id: 'assets', DomainName: 'prod-assets.s3.eu-west-3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } },
                  { Id: 'app', DomainName: `dualstack.${lbDns}`, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } },
                ],
              } as DistributionSummary['Origins'],
              DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' } as DistributionSummary['DefaultCacheBehavior'],
              CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/static/*', TargetOriginId: 'assets', ViewerProtocolPolicy: 'https-only' }] } as DistributionSummary['CacheBehaviors'],
              ViewerCertificate: { ACMCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/c1`, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
              WebACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/cdn/0f1e`,
              PriceClass: 'PriceClass_200',
            }),
          ],
        },
      })
      .resolvesOnce({ DistributionList: { Marker: 'E2NEXT', MaxItems: 100, IsTruncated: false, Quantity: 1, Items: [summary('E2PLAIN')] } });
    cloudfront.on(GetDistributionConfigCommand, { Id: 'E1SHOP' }).resolves({ DistributionConfig: { Logging: { Enabled: true, IncludeCookies: false, Bucket: 'prod-cdn-logs.s3.amazonaws.com', Prefix: 'shop/' } } as never, ETag: 'x' });
    cloudfront.on(GetDistributionConfigCommand, { Id: 'E2PLAIN' }).resolves({ DistributionConfig: { Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' } } as never, ETag: 'y' });
    const s = session();
    // The load balancer, collected in its region: the origin is linked to it by its DNS name.
    const lbArn = `arn:aws:elasticloadbalancing:eu-west-3:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188`;
    s.resources.set(lbArn, { arn: lbArn, accountId: ACCOUNT, region: 'eu-west-3', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: 'web-prod', name: 'web-prod', tags: {}, config: { dnsName: lbDns }, relations: [] });
    await GLOBAL_SOURCES.find((x) => x.name === 'cloudfront')!.run(s, global);
    finishResources(s);
    expect(cloudfront.commandCalls(ListDistributionsCommand).map((c) => c.args[0].input)).toEqual([{ MaxItems: 100 }, { MaxItems: 100, Marker: 'E2NEXT' }]);
    expect(s.errors).toEqual([]);
    const shop = s.resources.get(`arn:aws:cloudfront::${ACCOUNT}:distribution/E1SHOP`)!;
    expect([shop.type, shop.region, shop.id, shop.name]).toEqual(['AWS::CloudFront::Distribution', 'global', 'E1SHOP', 'E1SHOP']);
    expect(shop.config).toEqual({
      domainName: 'e1shop.cloudfront.net',
      enabled: true,
      aliases: ['example.com', 'www.example.com'],
      behaviors: [
        { pathPattern: 'Default (*)', viewerProtocolPolicy: 'redirect-to-https' },
        { pathPattern: '/static/*', viewerProtocolPolicy: 'https-only' },
      ],
      minimumProtocolVersion: 'TLSv1.2_2021',
      minimumTlsVersion: 1.2,
      defaultCertificate: false,
      webAclId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/cdn/0f1e`,
      origins: [
        { id: 'app', domainName: `dualstack.${lbDns}`, kind: 'load-balancer' },
        { id: 'assets', domainName: 'prod-assets.s3.eu-west-3.amazonaws.com', kind: 's3' },
      ],
      priceClass: 'PriceClass_200',
      logging: { enabled: true, bucket: 'prod-cdn-logs.s3.amazonaws.com' },
    });
    expect(shop.relations).toEqual([
      { kind: 'logs-to', target: 'arn:aws:s3:::prod-cdn-logs' },
      { kind: 'origin', target: `arn:aws:elasticloadbalancing:eu-west-3:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188` },
      { kind: 'origin', target: 'arn:aws:s3:::prod-assets' },
    ]);
    const plain = s.resources.get(`arn:aws:cloudfront::${ACCOUNT}:distribution/E2PLAIN`)!;
    expect(plain.config).toEqual({
      domainName: 'e2plain.cloudfront.net',
      enabled: true,
      aliases: [],
      behaviors: [{ pathPattern: 'Default (*)', viewerProtocolPolicy: 'allow-all' }],
      minimumProtocolVersion: 'TLSv1',
      minimumTlsVersion: 1,
      defaultCertificate: true,
      webAclId: null,
      origins: [],
      logging: { enabled: false },
    });
    expect(s.coverage).toEqual([{ accountId: ACCOUNT, region: 'global', source: 'describe', types: ['AWS::CloudFront::Distribution'] }]);
  });

  it('leaves logging out when GetDistributionConfig fails, naming the distribution', async () => {
    cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 1, Items: [summary('E3DENIED')] } });
    cloudfront.on(GetDistributionConfigCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const s = session();
    await GLOBAL_SOURCES.find((x) => x.name === 'cloudfront')!.run(s, global);
    const r = s.resources.get(`arn:aws:cloudfront::${ACCOUNT}:distribution/E3DENIED`)!;
    expect('logging' in r.config).toBe(false);
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['GetDistributionConfig', 'AccessDenied', `arn:aws:cloudfront::${ACCOUNT}:distribution/E3DENIED`]]);
  });

  it('maps security policies to the lowest TLS version they admit', () => {
    expect(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2021', 'TLSv1.3_2025'].map((p) => minimumTlsVersion(p, false))).toEqual([0, 1, 1, 1.1, 1.2, 1.2, 1.3]);
    expect(minimumTlsVersion('TLSv1.2_2021', true)).toBe(1);
  });

  it('tells S3 (REST and website), load balancer and custom origins apart', () => {
    expect(
      ['assets.s3.amazonaws.com', 'assets.s3.eu-west-3.amazonaws.com', 'my.site.s3-website-eu-west-1.amazonaws.com', 'web-1.eu-west-3.elb.amazonaws.com', 'api.example.com'].map(originOf),
    ).toEqual([{ kind: 's3', bucket: 'assets' }, { kind: 's3', bucket: 'assets' }, { kind: 's3', bucket: 'my.site' }, { kind: 'load-balancer' }, { kind: 'custom' }]);
  });
});

describe('Shield Advanced on recorded responses', () => {
  const global = { accountId: ACCOUNT, region: 'global', endpointRegion: 'eu-west-3' };
  const lb = `arn:aws:elasticloadbalancing:eu-west-3:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
  const cdn = `arn:aws:cloudfront::${ACCOUNT}:distribution/E1SHOP`;
  const shieldSource = () => GLOBAL_SOURCES.find((x) => x.name === 'shield')!.run;

  it('with a subscription: follows NextToken and keeps each protection with what it protects', async () => {
    shield.on(DescribeSubscriptionCommand).resolves({
      Subscription: { StartTime: new Date('2026-01-01T00:00:00Z'), TimeCommitmentInSeconds: 31536000, AutoRenew: 'ENABLED', SubscriptionLimits: undefined, SubscriptionArn: `arn:aws:shield::${ACCOUNT}:subscription/1a2b` },
    });
    shield.on(ListProtectionsCommand)
      .resolvesOnce({ Protections: [{ Id: 'p-1', Name: 'web-ddos', ResourceArn: lb, HealthCheckIds: ['hc-2', 'hc-1'], ProtectionArn: `arn:aws:shield::${ACCOUNT}:protection/p-1` }], NextToken: 't2' })
      .resolvesOnce({ Protections: [{ Id: 'p-2', Name: 'cdn-ddos', ResourceArn: cdn, ProtectionArn: `arn:aws:shield::${ACCOUNT}:protection/p-2` }] });
    const s = session();
    await shieldSource()(s, global);
    expect(shield.commandCalls(ListProtectionsCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 100 }, { MaxResults: 100, NextToken: 't2' }]);
    expect(s.errors).toEqual([]);
    expect([...s.resources.values()].map((r) => [r.arn, r.type, r.name, r.region, r.config, r.relations])).toEqual([
      [`arn:aws:shield::${ACCOUNT}:protection/p-1`, 'AWS::Shield::Protection', 'web-ddos', 'global', { protectedArn: lb, healthCheckIds: ['hc-1', 'hc-2'] }, [{ kind: 'protects', target: lb }]],
      [`arn:aws:shield::${ACCOUNT}:protection/p-2`, 'AWS::Shield::Protection', 'cdn-ddos', 'global', { protectedArn: cdn, healthCheckIds: [] }, [{ kind: 'protects', target: cdn }]],
    ]);
    expect(s.coverage).toEqual([{ accountId: ACCOUNT, region: 'global', source: 'describe', types: ['AWS::Shield::Protection'] }]);
  });

  it('denied: records the error, lists nothing and leaves the type incomplete', async () => {
    shield.on(DescribeSubscriptionCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const s = session();
    await shieldSource()(s, global);
    expect(shield.commandCalls(ListProtectionsCommand)).toEqual([]);
    expect(s.errors.map((e) => [e.service, e.operation, e.code, e.region, e.affects])).toEqual([['shield', 'DescribeSubscription', 'AccessDeniedException', 'global', ['AWS::Shield::Protection']]]);
    expect(s.coverage).toEqual([]);
  });

  it('a failed page of ListProtections leaves the type incomplete', async () => {
    shield.on(DescribeSubscriptionCommand).resolves({ Subscription: { SubscriptionLimits: undefined } as never });
    shield.on(ListProtectionsCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const s = session();
    await shieldSource()(s, global);
    expect(s.errors.map((e) => [e.operation, e.code])).toEqual([['ListProtections', 'ThrottlingException']]);
    expect(s.coverage).toEqual([]);
  });
});
