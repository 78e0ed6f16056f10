// Route 53 hosted zones, once per account (global service; not in the Tagging API).
import { ListHostedZonesCommand, type ListHostedZonesCommandOutput } from '@aws-sdk/client-route-53';
import type { Session, Target } from '../session.js';

const TYPE = 'AWS::Route53::HostedZone';

export async function collectRoute53(s: Session, t: Target): Promise<void> {
  const complete = await s.paginate(
    t,
    'route53',
    'ListHostedZones',
    [TYPE],
    (c, m) => c.send(new ListHostedZonesCommand({ MaxItems: s.page(100), ...(m ? { Marker: m } : {}) })),
    (p: ListHostedZonesCommandOutput) => (p.IsTruncated ? p.NextMarker : undefined),
    (p) => {
      for (const z of p.HostedZones ?? []) {
        if (!z.Id) continue;
        const id = z.Id.replace(/^\/hostedzone\//, '');
        s.upsert({
          arn: `arn:aws:route53:::hostedzone/${id}`,
          accountId: t.accountId,
          region: 'global',
          type: TYPE,
          id,
          name: z.Name ?? id,
          config: { zoneName: z.Name ?? '', privateZone: Boolean(z.Config?.PrivateZone), ...(z.ResourceRecordSetCount !== undefined ? { recordCount: z.ResourceRecordSetCount } : {}) },
        });
      }
    },
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
}
