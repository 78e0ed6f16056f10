// DynamoDB tables: one paged list of names, then DescribeTable and
// DescribeContinuousBackups each (the API has no batch describe).
import type { DescribeContinuousBackupsCommandOutput, DescribeTableCommandOutput, ListTablesCommandOutput } from '@aws-sdk/client-dynamodb';
import { bool, encryption, num, obj } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsKeyArn } from '../refs.js';

const TYPE = 'AWS::DynamoDB::Table';

const collection: GenericCollection<ListTablesCommandOutput, string> = {
  list: {
    operation: 'ListTables',
    request: (start, page) => ({ Limit: page(100), ...(start ? { ExclusiveStartTableName: start } : {}) }),
    next: (p) => p.LastEvaluatedTableName,
    items: (p) => p.TableNames ?? [],
  },
  hydrate: [
    { operation: 'DescribeTable', request: (name) => ({ TableName: name }) },
    { operation: 'DescribeContinuousBackups', request: (name) => ({ TableName: name }) },
  ],
  arn: (name, t) => arnOf('dynamodb', t.region, t.accountId, `table/${name}`),
  toPart: (name, [desc, backups], t) => {
    const d = (desc as DescribeTableCommandOutput | undefined)?.Table;
    const b = backups as DescribeContinuousBackupsCommandOutput | undefined;
    const config: Record<string, unknown> = {};
    const relations: Relation[] = [];
    if (d) {
      const sse = d.SSEDescription;
      const key = kmsKeyArn(sse?.KMSMasterKeyArn, t);
      // DynamoDB always encrypts; without an SSE description it uses an AWS owned key.
      config.encryption = sse?.Status === 'ENABLED' || sse?.Status === 'UPDATING' ? { enabled: true, algorithm: 'KMS', ...(key ? { kmsKeyArn: key } : {}) } : { enabled: true, algorithm: 'AWS_OWNED', customerManagedKey: false };
      if (key) relations.push({ kind: 'kms-key', target: key });
      const mode = d.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
      config.billingMode = mode;
      if (mode === 'PROVISIONED') {
        config.readCapacityUnits = d.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
        config.writeCapacityUnits = d.ProvisionedThroughput?.WriteCapacityUnits ?? 0;
      }
      config.deletionProtection = Boolean(d.DeletionProtectionEnabled);
    }
    if (b) config.pointInTimeRecovery = b.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED';
    const arn = d?.TableArn ?? arnOf('dynamodb', t.region, t.accountId, `table/${name}`);
    return { arn, accountId: t.accountId, region: t.region, type: TYPE, id: name, name, config, relations };
  },
};

export const dynamodbTable: ResourceDescriptor = {
  type: TYPE,
  service: 'dynamodb',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'dynamodb', head: 'table' },
  alarmDimension: { name: 'TableName', arn: (v, t) => arnOf('dynamodb', t.region, t.accountId, `table/${v}`) },
  relations: ['kms-key'],
  config: obj({
    encryption,
    pointInTimeRecovery: bool,
    billingMode: { enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
    readCapacityUnits: num,
    writeCapacityUnits: num,
    deletionProtection: bool,
  }),
  calls: [
    { operation: 'ListTables', per: 'list', pageMax: 100, feeds: [] },
    { operation: 'DescribeTable', per: 'resource', feeds: ['encryption', 'billingMode', 'readCapacityUnits', 'writeCapacityUnits', 'deletionProtection'], relations: ['kms-key'] },
    { operation: 'DescribeContinuousBackups', per: 'resource', feeds: ['pointInTimeRecovery'] },
  ],
  collect: { generic: collection },
  hooks: { pricing: 'priced', parity: true },
};
