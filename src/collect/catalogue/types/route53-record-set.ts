// Route 53 record sets, once per account: each hosted zone (ListHostedZones), then its
// records (ListResourceRecordSets, paged by the next record's name, type and set
// identifier). Records have no ARN in AWS: envgate names them
// arn:aws:route53:::recordset/<zone id>/<name>/<type>[/<set identifier>].
import { bool, obj, str, strs, int } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const route53RecordSet: ResourceDescriptor = {
  type: 'AWS::Route53::RecordSet',
  service: 'route53',
  scope: 'global',
  configType: 'AWS::Route53::RecordSet',
  arn: { service: 'route53', head: 'recordset' },
  relations: ['alias-target'],
  config: obj({
    zoneId: str,
    zoneName: str,
    recordName: str,
    recordType: str,
    setIdentifier: str,
    ttl: int,
    values: strs,
    aliasTarget: obj({ dnsName: str, hostedZoneId: str, evaluateTargetHealth: bool }),
  }),
  calls: [
    { operation: 'ListHostedZones', per: 'list', pageMax: 100, feeds: ['zoneId', 'zoneName'] },
    // The listing of the records themselves, paged, once per hosted zone: always made.
    { operation: 'ListResourceRecordSets', per: 'list', pageMax: 300, feeds: ['recordName', 'recordType', 'setIdentifier', 'ttl', 'values', 'aliasTarget'], relations: ['alias-target'], when: 'each hosted zone' },
  ],
  collect: { source: 'route53-records' },
};
