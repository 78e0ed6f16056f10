// CloudWatch Logs delivery sources (vended logs, "standard logging v2"): a service's logs of
// one resource (a CloudFront distribution's access logs, say) sent to S3, CloudWatch Logs
// or Firehose through a delivery. Two account-and-region listings joined by the source's
// name (sources/log-deliveries.ts): a source delivers only when a delivery names it, so
// only then does it carry `delivers-logs-of` to the resources it reads. CloudFront's
// sources live in us-east-1, whatever the distribution's edge.
import { list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';

export const logsDeliverySource: ResourceDescriptor = {
  type: DELIVERY_SOURCE,
  service: 'logs',
  scope: 'regional',
  arn: { service: 'logs', head: 'delivery-source' },
  relations: ['delivers-logs-of'],
  config: obj({
    service: str,
    logType: str,
    resourceArns: strs,
    deliveries: list(obj({ id: str, destinationType: str, destinationArn: str })),
  }),
  calls: [
    // Both listings take at most 50 a page.
    { operation: 'DescribeDeliverySources', per: 'list', pageMax: 50, feeds: ['service', 'logType', 'resourceArns'] },
    { operation: 'DescribeDeliveries', per: 'list', pageMax: 50, feeds: ['deliveries'], relations: ['delivers-logs-of'] },
  ],
  collect: { source: 'log-deliveries' },
};
