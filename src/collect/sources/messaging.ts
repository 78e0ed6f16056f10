// SQS queues and SNS topics: list, then one attributes call each (neither API batches).
// Tags come from the Tagging API, so no per-resource tag calls.
import { GetTopicAttributesCommand, ListTopicsCommand, type ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, type ListQueuesCommandOutput } from '@aws-sdk/client-sqs';
import type { EncryptionState } from '../../model/resource-config.js';
import { arnOf } from '../arn.js';
import { decodePolicy } from '../policy-docs.js';
import { rel, type Session, type Target } from '../session.js';
import { isAwsManagedAlias, kmsKeyArn } from './kms-ref.js';

const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';

/** Encryption from a KMS key reference; `fallback` names server-side encryption without KMS. */
export function kmsEncryption(ref: string | undefined, t: Target, fallback?: string): EncryptionState {
  if (!ref) return fallback ? { enabled: true, algorithm: fallback } : { enabled: false };
  const e: EncryptionState = { enabled: true, algorithm: 'aws:kms', kmsKeyArn: kmsKeyArn(ref, t)! };
  if (isAwsManagedAlias(ref)) e.customerManagedKey = false;
  return e;
}

export async function collectSqs(s: Session, t: Target): Promise<void> {
  const urls: string[] = [];
  const complete = await s.paginate(
    t,
    'sqs',
    'ListQueues',
    [QUEUE],
    (c, token) => c.send(new ListQueuesCommand({ MaxResults: s.page(1000), ...(token ? { NextToken: token } : {}) })),
    (p: ListQueuesCommandOutput) => p.NextToken,
    (p) => void urls.push(...(p.QueueUrls ?? [])),
  );
  if (complete) s.addCoverage(t, 'describe', [QUEUE]);
  await Promise.all(
    urls.map(async (url) => {
      const name = url.split('/').pop() ?? url;
      const arn = arnOf('sqs', t.region, t.accountId, name);
      const out = await s.must(t, 'sqs', 'GetQueueAttributes', [QUEUE], (c) => c.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })), arn);
      const a = out?.Attributes;
      if (!a) return void s.upsert({ arn, accountId: t.accountId, region: t.region, type: QUEUE, id: name, name, config: { url } });
      const encryption = kmsEncryption(a.KmsMasterKeyId, t, a.SqsManagedSseEnabled === 'true' ? 'SSE-SQS' : undefined);
      const policy = decodePolicy(a.Policy);
      s.upsert({
        arn: a.QueueArn ?? arn,
        accountId: t.accountId,
        region: t.region,
        type: QUEUE,
        id: name,
        name,
        config: {
          url,
          encryption,
          ...(a.MessageRetentionPeriod ? { messageRetentionSeconds: Number(a.MessageRetentionPeriod) } : {}),
          ...(policy ? { policy } : {}),
        },
        relations: rel('kms-key', encryption.kmsKeyArn),
      });
    }),
  );
}

export async function collectSns(s: Session, t: Target): Promise<void> {
  const arns: string[] = [];
  const complete = await s.paginate(
    t,
    'sns',
    'ListTopics',
    [TOPIC],
    (c, token) => c.send(new ListTopicsCommand(token ? { NextToken: token } : {})),
    (p: ListTopicsCommandOutput) => p.NextToken,
    (p) => void arns.push(...(p.Topics ?? []).flatMap((x) => (x.TopicArn ? [x.TopicArn] : []))),
  );
  if (complete) s.addCoverage(t, 'describe', [TOPIC]);
  await Promise.all(
    arns.map(async (arn) => {
      const name = arn.split(':').pop() ?? arn;
      const out = await s.must(t, 'sns', 'GetTopicAttributes', [TOPIC], (c) => c.send(new GetTopicAttributesCommand({ TopicArn: arn })), arn);
      const a = out?.Attributes;
      if (!a) return void s.upsert({ arn, accountId: t.accountId, region: t.region, type: TOPIC, id: name, name });
      const encryption = kmsEncryption(a.KmsMasterKeyId, t);
      const policy = decodePolicy(a.Policy);
      s.upsert({
        arn,
        accountId: t.accountId,
        region: t.region,
        type: TOPIC,
        id: name,
        name,
        config: { encryption, ...(policy ? { policy } : {}) },
        relations: rel('kms-key', encryption.kmsKeyArn),
      });
    }),
  );
}
