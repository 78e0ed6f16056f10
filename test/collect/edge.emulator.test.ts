// The edge types collected from the AWS emulator (moto 5.2.1), source by source: WAFv2
// ListWebACLs with a page of one (moto pages it; it has no ListResourcesForWebACL, so the
// associations are recorded as an error here and tested on the API shape in
// edge.mock.test.ts), CloudFront ListDistributions (moto answers one page, with ARNs
// lacking the empty region, which the collector builds itself) and Shield Advanced without
// a subscription. With one, moto's DescribeSubscription answer fails the SDK's parsing
// ("Expected real number, got implicit NaN"), so the subscribed path is tested on the
// API reference's shape in edge.mock.test.ts.
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { describe, expect, it } from 'vitest';
import { GLOBAL_SOURCES, REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { DEFAULT_ACCOUNT, motoClientConfig } from '../helpers/moto.js';
import { motoSuite } from '../helpers/moto-suite.js';

const R = 'eu-west-3';
const run = (list: typeof REGIONAL_SOURCES, name: string) => list.find((s) => s.name === name)!.run;

describe('collect the edge types against moto', () => {
  const suite = motoSuite();
  const session = () => suite.session();

  it('pages ListWebACLs one ACL a page and keeps every regional ACL', async () => {
    const waf = new WAFV2Client(motoClientConfig(suite.moto, { region: R }));
    for (const name of ['edge-a', 'edge-b', 'edge-c']) {
      await waf.send(new CreateWebACLCommand({ Name: name, Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name }, Description: `acl ${name}` }));
    }
    const s = session();
    await run(REGIONAL_SOURCES, 'wafv2')(s, { accountId: DEFAULT_ACCOUNT, region: R });
    expect(suite.calls['wafv2:ListWebACLs']).toBe(3); // moto gives the last page no marker
    const acls = [...s.resources.values()].filter((r) => r.type === 'AWS::WAFv2::WebACL').sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(acls.map((r) => [r.name, r.region, r.config.scope, r.config.description])).toEqual([
      ['edge-a', R, 'REGIONAL', 'acl edge-a'],
      ['edge-b', R, 'REGIONAL', 'acl edge-b'],
      ['edge-c', R, 'REGIONAL', 'acl edge-c'],
    ]);
    expect(acls[0]!.arn).toMatch(new RegExp(`^arn:aws:wafv2:${R}:${DEFAULT_ACCOUNT}:regional/webacl/edge-a/`));
    // moto has no ListResourcesForWebACL: each ACL's associations are an error, not an empty list.
    expect(new Set(s.errors.map((e) => e.operation))).toEqual(new Set(['ListResourcesForWebACL']));
    expect(acls.map((r) => 'filtered' in r.config)).toEqual([false, false, false]);
  });

  it('reads a distribution: its ARN, TLS on the default certificate, no web ACL, logging to a bucket', async () => {
    const cf = new CloudFrontClient(motoClientConfig(suite.moto, { region: 'us-east-1' }));
    const created = await cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: 'edge-test',
          Comment: 'assets',
          Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: 'assets', DomainName: 'prod-assets.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
          DefaultCacheBehavior: { TargetOriginId: 'assets', ViewerProtocolPolicy: 'allow-all', ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } }, MinTTL: 0 } as never,
          Logging: { Enabled: true, IncludeCookies: false, Bucket: 'prod-cdn-logs.s3.amazonaws.com', Prefix: 'cdn/' },
        },
      }),
    );
    const id = created.Distribution!.Id!;
    const s = session();
    await run(GLOBAL_SOURCES, 'cloudfront')(s, { accountId: DEFAULT_ACCOUNT, region: 'global', endpointRegion: 'us-east-1' });
    expect(s.errors).toEqual([]);
    const r = s.resources.get(`arn:aws:cloudfront::${DEFAULT_ACCOUNT}:distribution/${id}`)!;
    expect(r.region).toBe('global');
    // moto's ListDistributions items leave out Enabled, the cache behaviours' policies, the
    // origins and MinimumProtocolVersion (edge.mock.test.ts reads them on the API shape);
    // what it gives is read as AWS would send it.
    expect([r.config.domainName, r.config.defaultCertificate, r.config.minimumTlsVersion, r.config.webAclId, r.config.logging]).toEqual([
      created.Distribution!.DomainName,
      true,
      1,
      null,
      { enabled: true, bucket: 'prod-cdn-logs.s3.amazonaws.com' },
    ]);
    expect(r.relations).toEqual([{ kind: 'logs-to', target: 'arn:aws:s3:::prod-cdn-logs' }]);
  });

  it('without a Shield Advanced subscription: no ListProtections, a complete and empty listing', async () => {
    const s = session();
    await run(GLOBAL_SOURCES, 'shield')(s, { accountId: DEFAULT_ACCOUNT, region: 'global', endpointRegion: R });
    expect(s.errors).toEqual([]);
    expect(suite.calls).toEqual({ 'shield:DescribeSubscription': 1 });
    expect(s.coverage).toEqual([{ accountId: DEFAULT_ACCOUNT, region: 'global', source: 'describe', types: ['AWS::Shield::Protection'] }]);
    expect(s.resources.size).toBe(0);
  });
});
