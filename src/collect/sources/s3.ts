// S3 buckets of one account and region: ListBuckets filtered by BucketRegion (one call
// per region attributes every bucket to its real region without GetBucketLocation),
// then the configuration calls the checks need, per bucket.
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
  type ListBucketIntelligentTieringConfigurationsCommandOutput,
  ListBucketsCommand,
  type ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import type { EncryptionState, S3BucketConfig } from '../../model/resource-config.js';
import type { Relation } from '../../model/snapshot.js';
import { partitionOf } from '../arn.js';
import { decodePolicy, deniesInsecureTransport } from '../policy-docs.js';
import type { Session, Target } from '../session.js';
import { kmsKeyArn } from '../catalogue/refs.js';

const TYPE = 'AWS::S3::Bucket';
const absent = (v: unknown): v is { absent: string } => typeof v === 'object' && v !== null && 'absent' in v;

export async function collectS3(s: Session, t: Target): Promise<void> {
  const names: string[] = [];
  const complete = await s.paginate(
    t,
    's3',
    'ListBuckets',
    [TYPE],
    (c, token) => c.send(new ListBucketsCommand({ BucketRegion: t.region, ...(token ? { ContinuationToken: token } : {}) })),
    (p: ListBucketsCommandOutput) => p.ContinuationToken,
    (p) => {
      for (const b of p.Buckets ?? []) {
        // Endpoints that ignore the filter report the region per bucket, when they do.
        if (b.Name && (!b.BucketRegion || b.BucketRegion === t.region)) names.push(b.Name);
      }
    },
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
  await Promise.all(names.map((name) => collectBucket(s, t, name)));
}

async function collectBucket(s: Session, t: Target, bucket: string): Promise<void> {
  const arn = `arn:${partitionOf(t.region)}:s3:::${bucket}`;
  const aff = [TYPE];
  const opt = { resourceArn: arn };
  // A call no check needs is not made: its fields stay absent (undefined below).
  const want = (op: string) => s.wants(TYPE, op);
  const [enc, ver, life, log, pab, pol, tiering] = await Promise.all([
    want('GetBucketEncryption') && s.call(t, 's3', 'GetBucketEncryption', aff, (c) => c.send(new GetBucketEncryptionCommand({ Bucket: bucket })), {
      ...opt,
      quiet: ['ServerSideEncryptionConfigurationNotFoundError'],
    }),
    want('GetBucketVersioning') && s.call(t, 's3', 'GetBucketVersioning', aff, (c) => c.send(new GetBucketVersioningCommand({ Bucket: bucket })), opt),
    want('GetBucketLifecycleConfiguration') && s.call(t, 's3', 'GetBucketLifecycleConfiguration', aff, (c) => c.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })), {
      ...opt,
      quiet: ['NoSuchLifecycleConfiguration'],
    }),
    want('GetBucketLogging') && s.call(t, 's3', 'GetBucketLogging', aff, (c) => c.send(new GetBucketLoggingCommand({ Bucket: bucket })), opt),
    want('GetPublicAccessBlock') && s.call(t, 's3', 'GetPublicAccessBlock', aff, (c) => c.send(new GetPublicAccessBlockCommand({ Bucket: bucket })), {
      ...opt,
      quiet: ['NoSuchPublicAccessBlockConfiguration'],
    }),
    want('GetBucketPolicy') && s.call(t, 's3', 'GetBucketPolicy', aff, (c) => c.send(new GetBucketPolicyCommand({ Bucket: bucket })), {
      ...opt,
      quiet: ['NoSuchBucketPolicy'],
    }),
    want('ListBucketIntelligentTieringConfigurations') && tieringOf(s, t, bucket, arn),
  ]);

  const config: Partial<S3BucketConfig> = {};
  const relations: Relation[] = [];
  if (enc) {
    const rule = absent(enc) ? undefined : enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    const e: EncryptionState = { enabled: Boolean(rule?.SSEAlgorithm) };
    if (rule?.SSEAlgorithm) e.algorithm = rule.SSEAlgorithm;
    const key = kmsKeyArn(rule?.KMSMasterKeyID, t);
    if (key) {
      e.kmsKeyArn = key;
      relations.push({ kind: 'kms-key', target: key });
    } else if (rule?.SSEAlgorithm?.startsWith('aws:kms')) e.customerManagedKey = false; // aws/s3
    config.encryption = e;
  }
  if (ver && !absent(ver)) config.versioning = ver.Status === 'Enabled' ? 'Enabled' : ver.Status === 'Suspended' ? 'Suspended' : 'Off';
  if (life) {
    const rules = absent(life) ? [] : (life.Rules ?? []);
    config.lifecycle = {
      rules: rules.map((r) => ({
        id: r.ID ?? '',
        enabled: r.Status === 'Enabled',
        ...lifecycleFilter(r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix, [
          ...(r.Filter?.Tag ? [r.Filter.Tag] : []),
          ...(r.Filter?.And?.Tags ?? []),
        ], r.Filter?.ObjectSizeGreaterThan ?? r.Filter?.And?.ObjectSizeGreaterThan, r.Filter?.ObjectSizeLessThan ?? r.Filter?.And?.ObjectSizeLessThan),
        transitions: (r.Transitions ?? []).map((x) => ({ days: x.Days ?? 0, storageClass: x.StorageClass ?? '' })),
        ...(r.Expiration?.Days !== undefined ? { expirationDays: r.Expiration.Days } : {}),
      })),
    };
  }
  if (log && !absent(log)) {
    const target = log.LoggingEnabled?.TargetBucket;
    config.logging = target ? { enabled: true, targetBucket: target } : { enabled: false };
    if (target) relations.push({ kind: 'logs-to', target: `arn:${partitionOf(t.region)}:s3:::${target}` });
  }
  if (pab) {
    const c = absent(pab) ? undefined : pab.PublicAccessBlockConfiguration;
    config.publicAccessBlock = c
      ? {
          blockPublicAcls: Boolean(c.BlockPublicAcls),
          ignorePublicAcls: Boolean(c.IgnorePublicAcls),
          blockPublicPolicy: Boolean(c.BlockPublicPolicy),
          restrictPublicBuckets: Boolean(c.RestrictPublicBuckets),
        }
      : null;
  }
  if (pol) {
    const doc = absent(pol) ? undefined : decodePolicy(pol.Policy);
    config.policy = doc ?? null;
    config.tlsOnly = deniesInsecureTransport(doc);
  }
  if (tiering) config.intelligentTiering = { enabled: tiering.length > 0, ids: tiering };
  s.upsert({ arn, accountId: t.accountId, region: t.region, type: TYPE, id: bucket, name: bucket, config, relations });
}

/** The ids of the bucket's enabled Intelligent-Tiering configurations (paged by token); undefined when a page failed. */
async function tieringOf(s: Session, t: Target, bucket: string, arn: string): Promise<string[] | undefined> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page: ListBucketIntelligentTieringConfigurationsCommandOutput | undefined = await s.must(t, 's3', 'ListBucketIntelligentTieringConfigurations', [TYPE], (c) =>
      c.send(new ListBucketIntelligentTieringConfigurationsCommand({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) })), arn);
    if (!page) return undefined;
    for (const c of page.IntelligentTieringConfigurationList ?? []) if (c.Id && c.Status === 'Enabled') ids.push(c.Id);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return ids.sort();
}

/** A lifecycle rule's scope: its prefix, and the tag and size conditions that cover only some objects. */
export function lifecycleFilter(prefix: string | undefined, tags: readonly { Key?: string; Value?: string }[], greater: number | undefined, less: number | undefined): { prefix?: string; objectFilter?: string[] } {
  const filter = [
    ...tags.map((t) => `tag ${t.Key ?? ''}=${t.Value ?? ''}`),
    ...(greater !== undefined ? [`size > ${greater} bytes`] : []),
    ...(less !== undefined ? [`size < ${less} bytes`] : []),
  ];
  return { ...(prefix !== undefined ? { prefix } : {}), ...(filter.length > 0 ? { objectFilter: filter } : {}) };
}
