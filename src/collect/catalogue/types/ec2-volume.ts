// EBS volumes: one paged list.
import { encryption, num, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const ec2Volume: ResourceDescriptor = {
  type: 'AWS::EC2::Volume',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::Volume',
  arn: { service: 'ec2', head: 'volume' },
  alarmDimension: { name: 'VolumeId', arn: (v, t) => arnOf('ec2', t.region, t.accountId, `volume/${v}`) },
  relations: ['kms-key'],
  config: obj({
    volumeId: str,
    volumeType: str,
    sizeGiB: num,
    iops: num,
    throughput: num,
    encryption,
    availabilityZone: str,
    attachedInstanceIds: strs,
  }),
  calls: [
    { operation: 'DescribeVolumes', per: 'list', pageMax: 1000, feeds: ['volumeId', 'volumeType', 'sizeGiB', 'iops', 'throughput', 'encryption', 'availabilityZone', 'attachedInstanceIds'] },
  ],
  collect: { source: 'ec2' },
  hooks: { pricing: 'priced', parity: true },
};
