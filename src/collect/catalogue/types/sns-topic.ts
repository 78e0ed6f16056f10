// SNS topics: one paged list of ARNs, then GetTopicAttributes each (no batch form).
import type { GetTopicAttributesCommandOutput, ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import { any, encryption, obj } from '../../../model/config-schemas.js';
import { decodePolicy } from '../../policy-docs.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsEncryption } from '../refs.js';

const TYPE = 'AWS::SNS::Topic';

const collection: GenericCollection<ListTopicsCommandOutput, string> = {
  list: {
    operation: 'ListTopics',
    request: (token) => (token ? { NextToken: token } : {}),
    next: (p) => p.NextToken,
    items: (p) => (p.Topics ?? []).flatMap((x) => (x.TopicArn ? [x.TopicArn] : [])),
  },
  hydrate: [{ operation: 'GetTopicAttributes', request: (arn) => ({ TopicArn: arn }) }],
  arn: (arn) => arn,
  toPart: (arn, [answer], t) => {
    const name = arn.split(':').pop() ?? arn;
    const a = (answer as GetTopicAttributesCommandOutput | undefined)?.Attributes;
    if (!a) return { arn, accountId: t.accountId, region: t.region, type: TYPE, id: name, name };
    const enc = kmsEncryption(a.KmsMasterKeyId, t);
    const policy = decodePolicy(a.Policy);
    return {
      arn,
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: name,
      name,
      config: { encryption: enc, ...(policy ? { policy } : {}) },
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const snsTopic: ResourceDescriptor = {
  type: TYPE,
  service: 'sns',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'sns', head: '' },
  alarmDimension: { name: 'TopicName', arn: (v, t) => arnOf('sns', t.region, t.accountId, v) },
  relations: ['kms-key'],
  config: obj({ encryption, policy: any }),
  calls: [
    { operation: 'ListTopics', per: 'list', pageMax: 100, feeds: [] },
    { operation: 'GetTopicAttributes', per: 'resource', feeds: ['encryption', 'policy'], relations: ['kms-key'] },
  ],
  collect: { generic: collection },
  hooks: { pricing: 'unpriced', parity: true },
};
