// Route 53 hosted zones, once per account (a global service; not in the Tagging API).
import type { HostedZone, ListHostedZonesCommandOutput } from '@aws-sdk/client-route-53';
import { bool, int, obj, str } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';

const TYPE = 'AWS::Route53::HostedZone';

const collection: GenericCollection<ListHostedZonesCommandOutput, HostedZone> = {
  list: {
    operation: 'ListHostedZones',
    request: (marker, page) => ({ MaxItems: page(100), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => (p.IsTruncated ? p.NextMarker : undefined),
    items: (p) => (p.HostedZones ?? []).filter((z) => z.Id),
  },
  toPart: (z, _answers, t) => {
    const id = z.Id!.replace(/^\/hostedzone\//, '');
    return {
      arn: `arn:aws:route53:::hostedzone/${id}`,
      accountId: t.accountId,
      region: 'global',
      type: TYPE,
      id,
      name: z.Name ?? id,
      config: { zoneName: z.Name ?? '', privateZone: Boolean(z.Config?.PrivateZone), ...(z.ResourceRecordSetCount !== undefined ? { recordCount: z.ResourceRecordSetCount } : {}) },
    };
  },
};

export const route53HostedZone: ResourceDescriptor = {
  type: TYPE,
  service: 'route53',
  scope: 'global',
  configType: TYPE,
  arn: { service: 'route53', head: 'hostedzone' },
  relations: [],
  config: obj({ zoneName: str, privateZone: bool, recordCount: int }),
  calls: [{ operation: 'ListHostedZones', per: 'list', pageMax: 100, feeds: ['zoneName', 'privateZone', 'recordCount'] }],
  collect: { generic: collection },
  hooks: { pricing: 'priced' },
};
