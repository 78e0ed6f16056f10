// AWS Backup plans (catalogue/types/backup-plan.ts): the plans, each plan's rules, and its
// selections with what they cover. Tag conditions are kept as {operator, key, value} in two
// lists, because AWS combines them differently: listOfTags (ListOfTags, any one selects,
// like Resources) and conditions (the Conditions block, all must hold).
import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  type BackupPlansListMember,
  type BackupSelection,
  type ListBackupPlansCommandOutput,
  type ListBackupSelectionsCommandOutput,
} from '@aws-sdk/client-backup';
import { BACKUP_PLAN } from '../catalogue/types/backup-plan.js';
import type { Session, Target } from '../session.js';

type Condition = { operator: string; key: string; value: string };

function listOfTagsOf(sel: BackupSelection): Condition[] {
  const out: Condition[] = [];
  for (const t of sel.ListOfTags ?? []) {
    if (t.ConditionKey && t.ConditionValue !== undefined) out.push({ operator: t.ConditionType === 'STRINGEQUALS' ? 'StringEquals' : String(t.ConditionType), key: t.ConditionKey, value: t.ConditionValue });
  }
  return out;
}

function conditionsOf(sel: BackupSelection): Condition[] {
  const out: Condition[] = [];
  const c = sel.Conditions;
  const blocks: [string, { ConditionKey?: string; ConditionValue?: string }[] | undefined][] = [
    ['StringEquals', c?.StringEquals],
    ['StringLike', c?.StringLike],
    ['StringNotEquals', c?.StringNotEquals],
    ['StringNotLike', c?.StringNotLike],
  ];
  for (const [operator, list] of blocks) for (const p of list ?? []) if (p.ConditionKey && p.ConditionValue !== undefined) out.push({ operator, key: p.ConditionKey, value: p.ConditionValue });
  return out;
}

export async function collectBackupPlans(s: Session, t: Target): Promise<void> {
  const plans: BackupPlansListMember[] = [];
  const complete = await s.paginate(
    t,
    'backup',
    'ListBackupPlans',
    [BACKUP_PLAN],
    (c, token) => c.send(new ListBackupPlansCommand({ MaxResults: s.page(1000), ...(token ? { NextToken: token } : {}) })),
    (p: ListBackupPlansCommandOutput) => p.NextToken,
    (p) => void plans.push(...(p.BackupPlansList ?? []).filter((x) => x.BackupPlanId && x.BackupPlanArn)),
  );
  if (complete) s.addCoverage(t, 'describe', [BACKUP_PLAN]);
  for (const p of plans) {
    const arn = p.BackupPlanArn!;
    const id = p.BackupPlanId!;
    const config: Record<string, unknown> = { planId: id, ...(p.VersionId ? { versionId: p.VersionId } : {}) };
    const got = await s.must(t, 'backup', 'GetBackupPlan', [BACKUP_PLAN], (c) => c.send(new GetBackupPlanCommand({ BackupPlanId: id })), arn);
    if (got?.BackupPlan) {
      config.rules = (got.BackupPlan.Rules ?? []).map((r) => ({
        name: r.RuleName ?? '',
        ...(r.ScheduleExpression ? { schedule: r.ScheduleExpression } : {}),
        ...(r.TargetBackupVaultName ? { targetVault: r.TargetBackupVaultName } : {}),
        ...(r.Lifecycle?.DeleteAfterDays !== undefined ? { deleteAfterDays: r.Lifecycle.DeleteAfterDays } : {}),
        ...(r.Lifecycle?.MoveToColdStorageAfterDays !== undefined ? { moveToColdStorageAfterDays: r.Lifecycle.MoveToColdStorageAfterDays } : {}),
      }));
    }
    const ids: string[] = [];
    const listed = await s.paginate(
      t,
      'backup',
      'ListBackupSelections',
      [BACKUP_PLAN],
      (c, token) => c.send(new ListBackupSelectionsCommand({ BackupPlanId: id, MaxResults: s.page(1000), ...(token ? { NextToken: token } : {}) })),
      (r: ListBackupSelectionsCommandOutput) => r.NextToken,
      (r) => void ids.push(...(r.BackupSelectionsList ?? []).flatMap((x) => (x.SelectionId ? [x.SelectionId] : []))),
    );
    const selections: Record<string, unknown>[] = [];
    let all = listed;
    for (const selectionId of ids.sort()) {
      const sel = await s.must(t, 'backup', 'GetBackupSelection', [BACKUP_PLAN], (c) => c.send(new GetBackupSelectionCommand({ BackupPlanId: id, SelectionId: selectionId })), arn);
      if (!sel?.BackupSelection) {
        all = false;
        continue;
      }
      const b = sel.BackupSelection;
      selections.push({
        selectionId,
        name: b.SelectionName ?? selectionId,
        ...(b.IamRoleArn ? { iamRoleArn: b.IamRoleArn } : {}),
        resources: [...(b.Resources ?? [])].sort(),
        notResources: [...(b.NotResources ?? [])].sort(),
        listOfTags: listOfTagsOf(b),
        conditions: conditionsOf(b),
      });
    }
    // A selection that could not be read leaves the field out: not collected, never "none".
    if (all) config.selections = selections;
    s.upsert({ arn, accountId: t.accountId, region: t.region, type: BACKUP_PLAN, id, name: p.BackupPlanName ?? id, config, relations: [] });
  }
}
