// AWS Backup plans with their rules and selections: ListBackupPlans, then per plan
// GetBackupPlan (the rules) and ListBackupSelections + GetBackupSelection (what each
// selection covers, by ARN or tag condition). Code of its own (sources/backup.ts): two
// nested listings per plan.
import { int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const BACKUP_PLAN = 'AWS::Backup::BackupPlan';

const rule = obj({ name: str, schedule: str, targetVault: str, deleteAfterDays: int, moveToColdStorageAfterDays: int });
const condition = obj({ operator: str, key: str, value: str });
const selection = obj({ selectionId: str, name: str, iamRoleArn: str, resources: strs, notResources: strs, listOfTags: list(condition), conditions: list(condition) });

export const backupPlan: ResourceDescriptor = {
  type: BACKUP_PLAN,
  service: 'backup',
  scope: 'regional',
  configType: BACKUP_PLAN,
  arn: { service: 'backup', head: 'backup-plan' },
  relations: [],
  config: obj({ planId: str, versionId: str, rules: list(rule), selections: list(selection) }),
  calls: [
    { operation: 'ListBackupPlans', per: 'list', pageMax: 1000, feeds: ['planId', 'versionId'] },
    { operation: 'GetBackupPlan', per: 'resource', feeds: ['rules'] },
    { operation: 'ListBackupSelections', per: 'resource', feeds: ['selections'] },
    { operation: 'GetBackupSelection', per: 'resource', feeds: ['selections'] },
  ],
  collect: { source: 'backup' },
};
