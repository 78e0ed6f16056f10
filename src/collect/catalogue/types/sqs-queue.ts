// SQS queues: one paged list of URLs, then GetQueueAttributes each (the API has no batch
// form). Tags come from the Tagging API.
import type { GetQueueAttributesCommandOutput, ListQueuesCommandOutput } from '@aws-sdk/client-sqs';
import { any, encryption, int, obj, str } from '../../../model/config-schemas.js';
import { decodePolicy } from '../../policy-docs.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsEncryption } from '../refs.js';

const TYPE = 'AWS::SQS::Queue';
const nameOf = (url: string) => url.split('/').pop() ?? url;

const collection: GenericCollection<ListQueuesCommandOutput, string> = {
  list: {
    operation: 'ListQueues',
    request: (token, page) => ({ MaxResults: page(1000), ...(token ? { NextToken: token } : {}) }),
    next: (p) => p.NextToken,
    items: (p) => p.QueueUrls ?? [],
  },
  hydrate: [{ operation: 'GetQueueAttributes', request: (url) => ({ QueueUrl: url, AttributeNames: ['All'] }) }],
  arn: (url, t) => arnOf('sqs', t.region, t.accountId, nameOf(url)),
  toPart: (url, [answer], t) => {
    const name = nameOf(url);
    const arn = arnOf('sqs', t.region, t.accountId, name);
    const a = (answer as GetQueueAttributesCommandOutput | undefined)?.Attributes;
    if (!a) return { arn, accountId: t.accountId, region: t.region, type: TYPE, id: name, name, config: { url } };
    const enc = kmsEncryption(a.KmsMasterKeyId, t, a.SqsManagedSseEnabled === 'true' ? 'SSE-SQS' : undefined);
    const policy = decodePolicy(a.Policy);
    return {
      arn: a.QueueArn ?? arn,
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: name,
      name,
      config: {
        url,
        encryption: enc,
        ...(a.MessageRetentionPeriod ? { messageRetentionSeconds: Number(a.MessageRetentionPeriod) } : {}),
        ...(policy ? { policy } : {}),
      },
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const sqsQueue: ResourceDescriptor = {
  type: TYPE,
  service: 'sqs',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'sqs', head: '' },
  alarmDimension: { name: 'QueueName', arn: (v, t) => arnOf('sqs', t.region, t.accountId, v) },
  relations: ['kms-key'],
  config: obj({ url: str, encryption, messageRetentionSeconds: int, policy: any }),
  calls: [
    { operation: 'ListQueues', per: 'list', pageMax: 1000, feeds: ['url'] },
    { operation: 'GetQueueAttributes', per: 'resource', feeds: ['encryption', 'messageRetentionSeconds', 'policy'], relations: ['kms-key'] },
  ],
  collect: { generic: collection },
  hooks: { pricing: 'unpriced', parity: true },
};
