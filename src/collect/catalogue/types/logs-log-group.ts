// CloudWatch Logs groups: one paged list carries retention, KMS key and size.
import type { DescribeLogGroupsCommandOutput, LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { encryption, int, nullable, num, obj } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsEncryption } from '../refs.js';

const TYPE = 'AWS::Logs::LogGroup';

const collection: GenericCollection<DescribeLogGroupsCommandOutput, LogGroup & { logGroupName: string }> = {
  list: {
    operation: 'DescribeLogGroups',
    request: (token, page) => ({ limit: page(50), ...(token ? { nextToken: token } : {}) }),
    next: (p) => p.nextToken,
    items: (p) => (p.logGroups ?? []).filter((g): g is LogGroup & { logGroupName: string } => Boolean(g.logGroupName)),
  },
  toPart: (g, _answers, t) => {
    // Log group ARNs come with and without a trailing ':*'; the snapshot keeps them without.
    const arn = (g.logGroupArn ?? g.arn ?? arnOf('logs', t.region, t.accountId, `log-group:${g.logGroupName}`)).replace(/:\*$/, '');
    // Logs encrypts every group; a KMS key makes it customer-controlled.
    const enc = kmsEncryption(g.kmsKeyId, t, 'AWS_OWNED');
    return {
      arn,
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: g.logGroupName,
      name: g.logGroupName,
      config: { retentionDays: g.retentionInDays ?? null, encryption: enc, ...(g.storedBytes !== undefined ? { storedBytes: g.storedBytes } : {}) },
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const logsLogGroup: ResourceDescriptor = {
  type: TYPE,
  service: 'logs',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'logs', head: 'log-group', id: (r) => r.replace(/:\*$/, '') },
  alarmDimension: { name: 'LogGroupName', arn: (v, t) => arnOf('logs', t.region, t.accountId, `log-group:${v}`) },
  relations: ['kms-key'],
  config: obj({ retentionDays: nullable(int), encryption, storedBytes: num }),
  calls: [{ operation: 'DescribeLogGroups', per: 'list', pageMax: 50, feeds: ['retentionDays', 'encryption', 'storedBytes'] }],
  collect: { generic: collection },
  hooks: { pricing: 'priced', parity: true },
};
