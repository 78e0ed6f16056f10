// CloudWatch Logs groups: one paged list carries retention, KMS key and size.
import { DescribeLogGroupsCommand, type DescribeLogGroupsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { arnOf, canonicalArn } from '../arn.js';
import { rel, type Session, type Target } from '../session.js';
import { kmsEncryption } from './messaging.js';

const TYPE = 'AWS::Logs::LogGroup';

export async function collectLogs(s: Session, t: Target): Promise<void> {
  const complete = await s.paginate(
    t,
    'logs',
    'DescribeLogGroups',
    [TYPE],
    (c, token) => c.send(new DescribeLogGroupsCommand({ limit: s.page(50), ...(token ? { nextToken: token } : {}) })),
    (p: DescribeLogGroupsCommandOutput) => p.nextToken,
    (p) => {
      for (const g of p.logGroups ?? []) {
        if (!g.logGroupName) continue;
        const arn = canonicalArn(g.logGroupArn ?? g.arn ?? arnOf('logs', t.region, t.accountId, `log-group:${g.logGroupName}`));
        // Logs encrypts every group; a KMS key makes it customer-controlled.
        const encryption = kmsEncryption(g.kmsKeyId, t, 'AWS_OWNED');
        s.upsert({
          arn,
          accountId: t.accountId,
          region: t.region,
          type: TYPE,
          id: g.logGroupName,
          name: g.logGroupName,
          config: { retentionDays: g.retentionInDays ?? null, encryption, ...(g.storedBytes !== undefined ? { storedBytes: g.storedBytes } : {}) },
          relations: rel('kms-key', encryption.kmsKeyArn),
        });
      }
    },
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
}
