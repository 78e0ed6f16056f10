// CloudWatch Logs delivery sources and their deliveries (catalogue/types/logs-delivery-source.ts):
// both listings read whole, then joined by the source's name. A source with no delivery
// sends nothing, so it gets no `delivers-logs-of` relation.
import {
  DescribeDeliveriesCommand,
  DescribeDeliverySourcesCommand,
  type DescribeDeliveriesCommandOutput,
  type DescribeDeliverySourcesCommandOutput,
  type Delivery,
  type DeliverySource,
} from '@aws-sdk/client-cloudwatch-logs';
import { arnOf } from '../arn.js';
import { DELIVERY_SOURCE } from '../catalogue/types/logs-delivery-source.js';
import type { Session, Target } from '../session.js';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function collectLogDeliveries(s: Session, t: Target): Promise<void> {
  const sources: DeliverySource[] = [];
  const listed = await s.paginate(
    t,
    'logs',
    'DescribeDeliverySources',
    [DELIVERY_SOURCE],
    (c, token) => c.send(new DescribeDeliverySourcesCommand({ limit: s.page(50), ...(token ? { nextToken: token } : {}) })),
    (p: DescribeDeliverySourcesCommandOutput) => p.nextToken,
    (p) => void sources.push(...(p.deliverySources ?? []).filter((x) => x.name)),
  );
  if (!listed) return; // recorded; the type stays incomplete
  const deliveries: Delivery[] = [];
  // Only a check reading `delivers-logs-of` needs the join.
  const join = s.wants(DELIVERY_SOURCE, 'DescribeDeliveries');
  const joined =
    !join ||
    sources.length === 0 ||
    (await s.paginate(
      t,
      'logs',
      'DescribeDeliveries',
      [DELIVERY_SOURCE],
      (c, token) => c.send(new DescribeDeliveriesCommand({ limit: s.page(50), ...(token ? { nextToken: token } : {}) })),
      (p: DescribeDeliveriesCommandOutput) => p.nextToken,
      (p) => void deliveries.push(...(p.deliveries ?? []).filter((x) => x.deliverySourceName)),
    ));
  // Without the deliveries a source's relations are unknown: leave the type incomplete rather than say "no delivery".
  if (!joined) return;
  for (const src of sources) {
    const mine = (join ? deliveries : [])
      .filter((d) => d.deliverySourceName === src.name)
      .map((d) => ({ id: d.id ?? '', destinationType: d.deliveryDestinationType ?? '', destinationArn: d.deliveryDestinationArn ?? '' }))
      .sort((a, b) => compare(a.id, b.id));
    const resourceArns = [...(src.resourceArns ?? [])].sort();
    s.upsert({
      arn: src.arn ?? arnOf('logs', t.region, t.accountId, `delivery-source:${src.name}`),
      accountId: t.accountId,
      region: t.region,
      type: DELIVERY_SOURCE,
      id: src.name!,
      name: src.name!,
      tags: src.tags ?? {},
      config: { service: src.service ?? '', logType: src.logType ?? '', resourceArns, ...(join ? { deliveries: mine } : {}) },
      relations: mine.length > 0 ? resourceArns.map((target) => ({ kind: 'delivers-logs-of' as const, target })) : [],
    });
  }
  s.addCoverage(t, 'describe', [DELIVERY_SOURCE]);
}
