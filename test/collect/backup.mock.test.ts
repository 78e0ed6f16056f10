// AWS Backup plans on recorded response shapes (aws-sdk-client-mock): moto 5 serves
// ListBackupPlans and GetBackupPlan but not ListBackupSelections or GetBackupSelection,
// so the whole chain is tested on the AWS Backup API reference's response shapes here.
import { BackupClient, GetBackupPlanCommand, GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand } from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const backup = mockClient(BackupClient);
afterEach(() => backup.reset());
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const run = REGIONAL_SOURCES.find((s) => s.name === 'backup')!.run;
const ACCOUNT = '304050600003';
const planArn = (id: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${id}`;
const dbArn = `arn:aws:rds:us-east-1:${ACCOUNT}:db:3mtt-production-db`;

describe('AWS Backup plans on recorded responses', () => {
  it('pages the plans, reads each plan\'s rules and selections with their conditions', async () => {
    backup.on(ListBackupPlansCommand)
      .resolvesOnce({ BackupPlansList: [{ BackupPlanId: 'p-1', BackupPlanArn: planArn('p-1'), BackupPlanName: 'daily', VersionId: 'v1' }], NextToken: 't2' })
      .resolvesOnce({ BackupPlansList: [{ BackupPlanId: 'p-2', BackupPlanArn: planArn('p-2'), BackupPlanName: 'empty', VersionId: 'v9' }] });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p-1' }).resolves({
      BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'daily-35', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35, MoveToColdStorageAfterDays: 7 } }] },
    });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p-2' }).resolves({ BackupPlan: { BackupPlanName: 'empty', Rules: [] } });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'p-1' })
      .resolvesOnce({ BackupSelectionsList: [{ SelectionId: 's-tags', SelectionName: 'by-tag', BackupPlanId: 'p-1' }], NextToken: 'n2' })
      .resolvesOnce({ BackupSelectionsList: [{ SelectionId: 's-arn', SelectionName: 'by-arn', BackupPlanId: 'p-1' }] });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'p-2' }).resolves({ BackupSelectionsList: [] });
    backup.on(GetBackupSelectionCommand, { BackupPlanId: 'p-1', SelectionId: 's-arn' }).resolves({
      BackupPlanId: 'p-1',
      SelectionId: 's-arn',
      BackupSelection: { SelectionName: 'by-arn', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: [dbArn] },
    });
    backup.on(GetBackupSelectionCommand, { BackupPlanId: 'p-1', SelectionId: 's-tags' }).resolves({
      BackupPlanId: 'p-1',
      SelectionId: 's-tags',
      BackupSelection: {
        SelectionName: 'by-tag',
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
        Resources: ['*'],
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'Backup', ConditionValue: 'daily' }],
        Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: 'prod*' }], StringEquals: [], StringNotEquals: [], StringNotLike: [] },
      },
    });
    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect(s.errors).toEqual([]);
    expect(backup.commandCalls(ListBackupPlansCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't2' }]);
    const daily = s.resources.get(planArn('p-1'))!;
    expect([daily.type, daily.name, daily.id, daily.region]).toEqual(['AWS::Backup::BackupPlan', 'daily', 'p-1', 'us-east-1']);
    expect(daily.config).toEqual({
      planId: 'p-1',
      versionId: 'v1',
      rules: [{ name: 'daily-35', schedule: 'cron(0 5 ? * * *)', targetVault: 'Default', deleteAfterDays: 35, moveToColdStorageAfterDays: 7 }],
      selections: [
        { selectionId: 's-arn', name: 'by-arn', iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, resources: [dbArn], notResources: [], listOfTags: [], conditions: [] },
        {
          selectionId: 's-tags',
          name: 'by-tag',
          iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
          resources: ['*'],
          notResources: [],
          listOfTags: [{ operator: 'StringEquals', key: 'Backup', value: 'daily' }],
          conditions: [{ operator: 'StringLike', key: 'aws:ResourceTag/Environment', value: 'prod*' }],
        },
      ],
    });
    expect(s.resources.get(planArn('p-2'))!.config).toEqual({ planId: 'p-2', versionId: 'v9', rules: [], selections: [] });
    expect(s.coverage).toEqual([{ accountId: ACCOUNT, region: 'us-east-1', source: 'describe', types: ['AWS::Backup::BackupPlan'] }]);
  });

  it('a selection that fails to read leaves the plan\'s selections uncollected and records the error', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [{ BackupPlanId: 'p-1', BackupPlanArn: planArn('p-1'), BackupPlanName: 'daily' }] });
    backup.on(GetBackupPlanCommand).resolves({ BackupPlan: { BackupPlanName: 'daily', Rules: [] } });
    backup.on(ListBackupSelectionsCommand).resolves({ BackupSelectionsList: [{ SelectionId: 's-1' }] });
    backup.on(GetBackupSelectionCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect(s.resources.get(planArn('p-1'))!.config).toEqual({ planId: 'p-1', rules: [] });
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['GetBackupSelection', 'AccessDeniedException', planArn('p-1')]]);
  });
});
