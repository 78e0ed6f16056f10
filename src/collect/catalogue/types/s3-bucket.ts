// S3 buckets: ListBuckets per region (BucketRegion filter), then seven configuration calls each; AWS Config can serve them instead (sources/config.ts).
import { any, bool, encryption, int, list, nullable, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { partitionOf } from '../refs.js';

export const s3Bucket: ResourceDescriptor = {
  type: 'AWS::S3::Bucket',
  service: 's3',
  scope: 'regional',
  configType: 'AWS::S3::Bucket',
  arn: { service: 's3', head: '' },
  alarmDimension: { name: 'BucketName', arn: (v, t) => `arn:${partitionOf(t.region)}:s3:::${v}` },
  relations: ['kms-key', 'logs-to'],
  config: obj({
    encryption,
    versioning: { enum: ['Enabled', 'Suspended', 'Off'] },
    logging: obj({ enabled: bool, targetBucket: str }),
    publicAccessBlock: nullable(obj({ blockPublicAcls: bool, ignorePublicAcls: bool, blockPublicPolicy: bool, restrictPublicBuckets: bool })),
    lifecycle: obj({
      rules: list(obj({ id: str, enabled: bool, prefix: str, objectFilter: strs, transitions: list(obj({ days: int, storageClass: str })), expirationDays: int })),
    }),
    policy: any,
    tlsOnly: bool,
    intelligentTiering: obj({ enabled: bool, ids: strs }),
  }),
  calls: [
    { operation: 'ListBuckets', per: 'list', feeds: [], actions: ['s3:ListAllMyBuckets'] },
    { operation: 'GetBucketEncryption', per: 'resource', feeds: ['encryption'], relations: ['kms-key'], actions: ['s3:GetEncryptionConfiguration'] },
    { operation: 'GetBucketVersioning', per: 'resource', feeds: ['versioning'] },
    { operation: 'GetBucketLifecycleConfiguration', per: 'resource', feeds: ['lifecycle'], actions: ['s3:GetLifecycleConfiguration'] },
    { operation: 'GetBucketLogging', per: 'resource', feeds: ['logging'], relations: ['logs-to'] },
    { operation: 'GetPublicAccessBlock', per: 'resource', feeds: ['publicAccessBlock'], actions: ['s3:GetBucketPublicAccessBlock'] },
    { operation: 'GetBucketPolicy', per: 'resource', feeds: ['policy', 'tlsOnly'] },
    { operation: 'ListBucketIntelligentTieringConfigurations', per: 'resource', feeds: ['intelligentTiering'], actions: ['s3:GetIntelligentTieringConfiguration'] },
  ],
  collect: { source: 's3' },
  hooks: { pricing: 'unpriced', parity: true },
};
