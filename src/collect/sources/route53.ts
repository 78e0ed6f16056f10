// Route 53 record sets, once per account: the hosted zones, then every zone's records.
// ListResourceRecordSets pages by the next record (name, type, set identifier), carried
// here as one JSON token. Alias and CNAME targets become `alias-target` relations once
// the load balancers are known (finish.ts).
import { ListHostedZonesCommand, ListResourceRecordSetsCommand, type ListResourceRecordSetsCommandOutput, type ResourceRecordSet, type RRType } from '@aws-sdk/client-route-53';
import type { Session, Target } from '../session.js';

const TYPE = 'AWS::Route53::RecordSet';

interface Next {
  name: string;
  type?: string;
  id?: string;
}

export async function collectRecordSets(s: Session, t: Target): Promise<void> {
  const zones: { id: string; name: string }[] = [];
  let complete = await s.paginate(
    t,
    'route53',
    'ListHostedZones',
    [TYPE],
    (c, marker) => c.send(new ListHostedZonesCommand({ MaxItems: s.page(100), ...(marker ? { Marker: marker } : {}) })),
    (p) => (p.IsTruncated ? p.NextMarker : undefined),
    (p) => {
      for (const z of p.HostedZones ?? []) if (z.Id) zones.push({ id: z.Id.replace(/^\/hostedzone\//, ''), name: z.Name ?? '' });
    },
  );
  for (const zone of zones) {
    const done = await s.paginate(
      t,
      'route53',
      'ListResourceRecordSets',
      [TYPE],
      (c, token) => {
        const next = token ? (JSON.parse(token) as Next) : undefined;
        return c.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: zone.id,
            MaxItems: s.page(300),
            ...(next ? { StartRecordName: next.name, ...(next.type ? { StartRecordType: next.type as RRType } : {}), ...(next.id ? { StartRecordIdentifier: next.id } : {}) } : {}),
          }),
        );
      },
      nextRecord,
      (p) => {
        for (const r of p.ResourceRecordSets ?? []) if (r.Name && r.Type) s.upsert(recordPart(r, zone, t));
      },
    );
    complete &&= done;
  }
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
}

function nextRecord(p: ListResourceRecordSetsCommandOutput): string | undefined {
  if (!p.IsTruncated || !p.NextRecordName) return undefined;
  const next: Next = { name: p.NextRecordName, ...(p.NextRecordType ? { type: p.NextRecordType } : {}), ...(p.NextRecordIdentifier ? { id: p.NextRecordIdentifier } : {}) };
  return JSON.stringify(next);
}

function recordPart(r: ResourceRecordSet, zone: { id: string; name: string }, t: Target) {
  const name = r.Name!.replace(/\.$/, '');
  const id = `${zone.id}/${name}/${r.Type}${r.SetIdentifier ? `/${r.SetIdentifier}` : ''}`;
  const a = r.AliasTarget;
  return {
    arn: `arn:aws:route53:::recordset/${id}`,
    accountId: t.accountId,
    region: 'global',
    type: TYPE,
    id,
    name,
    config: {
      zoneId: zone.id,
      zoneName: zone.name,
      recordName: r.Name!,
      recordType: r.Type!,
      ...(r.SetIdentifier ? { setIdentifier: r.SetIdentifier } : {}),
      // An alias record has no TTL in AWS (the target's applies); moto reports 0.
      ...(r.TTL !== undefined && !a?.DNSName ? { ttl: r.TTL } : {}),
      ...(r.ResourceRecords ? { values: r.ResourceRecords.flatMap((x) => (x.Value ? [x.Value] : [])) } : {}),
      ...(a?.DNSName ? { aliasTarget: { dnsName: a.DNSName, hostedZoneId: a.HostedZoneId ?? '', evaluateTargetHealth: Boolean(a.EvaluateTargetHealth) } } : {}),
    },
  };
}
