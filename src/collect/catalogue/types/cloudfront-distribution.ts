// CloudFront distributions, once per account (a global service): ListDistributions gives
// the cache behaviours, the viewer certificate, the web ACL and the origins; the standard
// access log setting is only in GetDistributionConfig, one call a distribution. An S3
// origin's bucket is known from its domain name; a load balancer origin is joined to the
// load balancer by its DNS name when collection ends (finish.ts), since an ELB ARN cannot
// be built from its DNS name.
import type { DistributionSummary, GetDistributionConfigCommandOutput, ListDistributionsCommandOutput } from '@aws-sdk/client-cloudfront';
import { bool, list, nullable, num, obj, str, strs } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { partitionOf, type Place } from '../refs.js';

export const DISTRIBUTION = 'AWS::CloudFront::Distribution';

/** The default cache behaviour's path pattern in `behaviors` (the console's name for it). */
export const DEFAULT_BEHAVIOR = 'Default (*)';

/**
 * The lowest TLS version a security policy admits: TLSv1.2_2021 -> 1.2, SSLv3 -> 0. On the
 * default *.cloudfront.net certificate CloudFront admits TLSv1 whatever the field says.
 */
export function minimumTlsVersion(policy: string | undefined, defaultCertificate: boolean): number {
  if (defaultCertificate || !policy) return 1;
  if (policy === 'SSLv3') return 0;
  const m = /^TLSv1(?:\.(\d))?(?:_\d{4})?$/.exec(policy);
  return m ? Number(`1.${m[1] ?? '0'}`) : 1;
}

/** An origin's kind and, for S3, its bucket (REST or website endpoint, any region form). */
export function originOf(domainName: string): { kind: 's3' | 'load-balancer' | 'custom'; bucket?: string } {
  const d = domainName.toLowerCase();
  const s3 = /^(.+?)\.s3(?:-website)?(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(d);
  if (s3) return { kind: 's3', bucket: s3[1]! };
  if (/\.elb\.amazonaws\.com(?:\.cn)?$/.test(d)) return { kind: 'load-balancer' };
  return { kind: 'custom' };
}

function summaryConfig(d: DistributionSummary): { config: Record<string, unknown>; relations: Relation[] } {
  const behaviors = [
    { pathPattern: DEFAULT_BEHAVIOR, viewerProtocolPolicy: d.DefaultCacheBehavior?.ViewerProtocolPolicy ?? '' },
    ...(d.CacheBehaviors?.Items ?? []).map((b) => ({ pathPattern: b.PathPattern ?? '', viewerProtocolPolicy: b.ViewerProtocolPolicy ?? '' })),
  ];
  const cert = d.ViewerCertificate;
  const defaultCertificate = Boolean(cert?.CloudFrontDefaultCertificate) || (!cert?.ACMCertificateArn && !cert?.IAMCertificateId);
  const origins = (d.Origins?.Items ?? [])
    .map((o) => ({ id: o.Id ?? '', domainName: o.DomainName ?? '', kind: originOf(o.DomainName ?? '').kind }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const buckets = [...new Set(origins.flatMap((o) => (o.kind === 's3' ? [originOf(o.domainName).bucket!] : [])))].sort();
  const config: Record<string, unknown> = {
    domainName: d.DomainName ?? '',
    enabled: Boolean(d.Enabled),
    aliases: [...(d.Aliases?.Items ?? [])].sort(),
    behaviors,
    ...(cert?.MinimumProtocolVersion ? { minimumProtocolVersion: cert.MinimumProtocolVersion } : {}),
    minimumTlsVersion: minimumTlsVersion(cert?.MinimumProtocolVersion, defaultCertificate),
    defaultCertificate,
    webAclId: d.WebACLId ? d.WebACLId : null,
    origins,
    // The edge locations it is served from: PriceClass_All is every one, 100 and 200 leave continents out.
    ...(d.PriceClass ? { priceClass: d.PriceClass } : {}),
  };
  return { config, relations: buckets.map((b) => ({ kind: 'origin', target: `arn:aws:s3:::${b}` })) };
}

/** AWS's form, built from the id (moto 5.2.1 answers `arn:aws:cloudfront:<account>:...`, without the empty region). */
const arnOfId = (id: string, t: Place & { endpointRegion?: string }) => `arn:${partitionOf(t.endpointRegion ?? 'us-east-1')}:cloudfront::${t.accountId}:distribution/${id}`;

const collection: GenericCollection<ListDistributionsCommandOutput, DistributionSummary> = {
  list: {
    operation: 'ListDistributions',
    request: (marker, page) => ({ MaxItems: page(100), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => (p.DistributionList?.IsTruncated ? p.DistributionList.NextMarker : undefined),
    items: (p) => (p.DistributionList?.Items ?? []).filter((d) => d.Id),
  },
  hydrate: [{ operation: 'GetDistributionConfig', request: (d) => ({ Id: d.Id }) }],
  arn: (d, t) => arnOfId(d.Id!, t),
  toPart: (d, [answer], t) => {
    const { config, relations } = summaryConfig(d);
    const logging = (answer as GetDistributionConfigCommandOutput | undefined)?.DistributionConfig?.Logging;
    if (answer) {
      const bucket = logging?.Enabled && logging.Bucket ? logging.Bucket : undefined;
      config.logging = bucket ? { enabled: true, bucket } : { enabled: false };
      // Bucket: "<name>.s3.amazonaws.com".
      const name = bucket ? originOf(bucket).bucket : undefined;
      if (name) relations.push({ kind: 'logs-to', target: `arn:aws:s3:::${name}` });
    }
    return { arn: arnOfId(d.Id!, t), accountId: t.accountId, region: 'global', type: DISTRIBUTION, id: d.Id!, name: d.Id!, config, relations };
  },
};

export const cloudfrontDistribution: ResourceDescriptor = {
  type: DISTRIBUTION,
  service: 'cloudfront',
  scope: 'global',
  configType: DISTRIBUTION,
  arn: { service: 'cloudfront', head: 'distribution' },
  relations: ['origin', 'logs-to'],
  config: obj({
    domainName: str,
    enabled: bool,
    aliases: strs,
    behaviors: list(obj({ pathPattern: str, viewerProtocolPolicy: str })),
    minimumProtocolVersion: str,
    minimumTlsVersion: num,
    defaultCertificate: bool,
    webAclId: nullable(str),
    origins: list(obj({ id: str, domainName: str, kind: { enum: ['s3', 'load-balancer', 'custom'] } })),
    priceClass: str,
    logging: obj({ enabled: bool, bucket: str }),
  }),
  calls: [
    {
      operation: 'ListDistributions',
      per: 'list',
      pageMax: 100,
      feeds: ['domainName', 'enabled', 'aliases', 'behaviors', 'minimumProtocolVersion', 'minimumTlsVersion', 'defaultCertificate', 'webAclId', 'origins', 'priceClass'],
      relations: ['origin'],
    },
    { operation: 'GetDistributionConfig', per: 'resource', feeds: ['logging'], relations: ['logs-to'] },
  ],
  collect: { generic: collection },
};
