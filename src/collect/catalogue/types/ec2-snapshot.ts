// The account's own EBS snapshots: one paged list (OwnerIds self).
import { encryption, num, obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2Snapshot: ResourceDescriptor = {
  type: 'AWS::EC2::Snapshot',
  service: 'ec2',
  scope: 'regional',
  arn: { service: 'ec2', head: 'snapshot' },
  relations: ['snapshot-of', 'kms-key'],
  config: obj({ snapshotId: str, volumeId: str, sizeGiB: num, encryption, state: str, startTime: str, storageTier: str }),
  calls: [
    { operation: 'DescribeSnapshots', per: 'list', pageMax: 1000, feeds: ['snapshotId', 'volumeId', 'sizeGiB', 'encryption', 'state', 'startTime', 'storageTier'] },
  ],
  collect: { source: 'ec2' },
  hooks: { pricing: 'priced' },
};
