// KMS keys: the key and alias lists, DescribeKey each, rotation of customer keys.
import { any, bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const kmsKey: ResourceDescriptor = {
  type: 'AWS::KMS::Key',
  service: 'kms',
  scope: 'regional',
  configType: 'AWS::KMS::Key',
  arn: { service: 'kms', head: 'key' },
  relations: [],
  config: obj({ keyManager: { enum: ['AWS', 'CUSTOMER'] }, keyState: str, aliases: strs, rotationEnabled: bool, policy: any }),
  calls: [
    { operation: 'ListKeys', per: 'list', pageMax: 1000, feeds: [] },
    { operation: 'ListAliases', per: 'list', pageMax: 100, feeds: ['aliases'] },
    { operation: 'DescribeKey', per: 'resource', feeds: ['keyManager', 'keyState'] },
    { operation: 'GetKeyRotationStatus', per: 'resource', feeds: ['rotationEnabled'], when: 'customer managed, enabled symmetric keys' },
    { operation: 'GetKeyPolicy', per: 'resource', feeds: ['policy'], when: 'customer managed keys' },
  ],
  collect: { source: 'kms' },
  hooks: { pricing: 'priced' },
};
