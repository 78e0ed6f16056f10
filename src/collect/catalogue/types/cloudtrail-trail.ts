// CloudTrail trails: DescribeTrails in each region without shadow trails (so a
// multi-region trail is listed once, in its home region; the API has no paging), then
// GetTrailStatus each for whether it is logging. Tags come from the Tagging API.
import type { DescribeTrailsCommandOutput, GetTrailStatusCommandOutput, Trail } from '@aws-sdk/client-cloudtrail';
import { bool, encryption, obj, str } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsEncryption } from '../refs.js';

const TYPE = 'AWS::CloudTrail::Trail';

const collection: GenericCollection<DescribeTrailsCommandOutput, Trail> = {
  list: {
    operation: 'DescribeTrails',
    request: () => ({ includeShadowTrails: false }),
    next: () => undefined,
    items: (p) => (p.trailList ?? []).filter((x) => x.Name !== undefined),
  },
  hydrate: [{ operation: 'GetTrailStatus', request: (x) => ({ Name: x.TrailARN ?? x.Name }) }],
  arn: (x, t) => x.TrailARN ?? arnOf('cloudtrail', t.region, t.accountId, `trail/${x.Name}`),
  toPart: (x, [answer], t) => {
    // Without a KMS key CloudTrail writes the log files with SSE-S3.
    const enc = kmsEncryption(x.KmsKeyId, t, 'SSE-S3');
    const status = answer as GetTrailStatusCommandOutput | undefined;
    return {
      arn: x.TrailARN ?? arnOf('cloudtrail', t.region, t.accountId, `trail/${x.Name}`),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: x.Name!,
      name: x.Name!,
      config: {
        multiRegion: x.IsMultiRegionTrail === true,
        logFileValidation: x.LogFileValidationEnabled === true,
        organizationTrail: x.IsOrganizationTrail === true,
        encryption: enc,
        ...(x.S3BucketName ? { s3Bucket: x.S3BucketName } : {}),
        ...(x.HomeRegion ? { homeRegion: x.HomeRegion } : {}),
        ...(status ? { logging: status.IsLogging === true } : {}),
      },
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const cloudtrailTrail: ResourceDescriptor = {
  type: TYPE,
  service: 'cloudtrail',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'cloudtrail', head: 'trail' },
  relations: ['kms-key'],
  config: obj({ multiRegion: bool, logFileValidation: bool, organizationTrail: bool, encryption, s3Bucket: str, homeRegion: str, logging: bool }),
  calls: [
    { operation: 'DescribeTrails', per: 'list', feeds: ['multiRegion', 'logFileValidation', 'organizationTrail', 'encryption', 's3Bucket', 'homeRegion'], relations: ['kms-key'] },
    { operation: 'GetTrailStatus', per: 'resource', feeds: ['logging'] },
  ],
  collect: { generic: collection },
};
