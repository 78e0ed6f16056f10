// envgate's only write to AWS: findings of a report into AWS Security Hub. Every failing
// and not-evaluated result is imported (BatchImportFindings, at most 100 a call, the API's
// limit) under an id stable across scans, so a second run updates in place; a finding
// envgate filed earlier in the same scope that no longer fails is updated to RESOLVED
// (PASSED while its result passes, ARCHIVED when the resource has no result any more).
// The client is passed in: the CLI builds it, tests point it at the emulator.
import { BatchImportFindingsCommand, GetFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { asffFindings, asffId, type AsffFinding, productArn, SCOPE_FIELD, SYSTEM_FIELD } from '../report/asff.js';
import type { JsonReport } from '../report/json.js';

export const BATCH_SIZE = 100;
/** The actions publish calls: its own permission (security-hub-policy.json), outside the read-only scan policy. */
export const PUBLISH_ACTIONS = ['securityhub:BatchImportFindings', 'securityhub:GetFindings'] as const;

export interface PublishOptions {
  /** The Security Hub region the client talks to: every finding's ProductArn names it. */
  region: string;
  /** Only findings of this account (Security Hub takes a finding only from its own account). */
  accountId?: string;
}

export interface PublishSummary {
  imported: number;
  resolved: number;
  archived: number;
  failed: { id: string; code: string; message: string }[];
  batches: number;
  /** False when the report is incomplete: nothing was resolved, since a missing result may only be unread. */
  resolvedStale: boolean;
}

type Client = Pick<SecurityHubClient, 'send'>;

export async function publishToSecurityHub(report: JsonReport, client: Client, opts: PublishOptions): Promise<PublishSummary> {
  const inAccount = (account: string | undefined) => opts.accountId === undefined || account === opts.accountId;
  const earlier = await activeFindings(client, report);
  // A finding keeps the time Security Hub first saw it; UpdatedAt is this report's.
  const createdAt = new Map(earlier.flatMap((f) => (f.Id && f.CreatedAt ? [[f.Id, f.CreatedAt] as const] : [])));
  const current = asffFindings(report)
    .filter((f) => inAccount(f.AwsAccountId))
    .map((f) => ({ ...f, ProductArn: productArn(opts.region, f.AwsAccountId), CreatedAt: createdAt.get(f.Id) ?? f.CreatedAt }));
  const ids = new Set(current.map((f) => f.Id));
  const passing = new Set(report.results.filter((r) => r.status === 'pass').map((r) => asffId(report.run.spec.system, r.ruleId, r.fingerprint)));
  const updates: AwsSecurityFinding[] = [];
  let resolved = 0;
  let archived = 0;
  const resolvedStale = report.summary.complete;
  if (resolvedStale) {
    for (const old of earlier) {
      if (old.Id === undefined || ids.has(old.Id) || !inAccount(old.AwsAccountId)) continue;
      const stillThere = passing.has(old.Id);
      if (stillThere && old.Compliance?.Status === 'PASSED' && old.Workflow?.Status === 'RESOLVED') continue;
      updates.push(resolvedFinding(old, report.run.generatedAt, stillThere));
      if (stillThere) resolved++;
      else archived++;
    }
  }
  const all: AwsSecurityFinding[] = [...(current as AwsSecurityFinding[]), ...updates];
  const failed: PublishSummary['failed'] = [];
  let batches = 0;
  for (let i = 0; i < all.length; i += BATCH_SIZE) {
    const out = await client.send(new BatchImportFindingsCommand({ Findings: all.slice(i, i + BATCH_SIZE) }));
    batches++;
    for (const f of out.FailedFindings ?? []) failed.push({ id: f.Id ?? '', code: f.ErrorCode ?? '', message: f.ErrorMessage ?? '' });
  }
  const failedIds = new Set(failed.map((f) => f.id));
  return { imported: current.filter((f) => !failedIds.has(f.Id)).length, resolved, archived, failed, batches, resolvedStale };
}

/** Findings envgate filed for this system and scope, still ACTIVE (filtered here too: not every endpoint applies Filters). */
async function activeFindings(client: Client, report: JsonReport): Promise<AwsSecurityFinding[]> {
  const system = report.run.spec.system;
  const scope = report.run.category;
  const found: AwsSecurityFinding[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetFindingsCommand({
        Filters: {
          ProductFields: [
            { Key: SYSTEM_FIELD, Value: system, Comparison: 'EQUALS' },
            { Key: SCOPE_FIELD, Value: scope, Comparison: 'EQUALS' },
          ],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        },
        MaxResults: 100,
        NextToken: token,
      }),
    );
    for (const f of page.Findings ?? []) {
      if (f.ProductFields?.[SYSTEM_FIELD] === system && f.ProductFields?.[SCOPE_FIELD] === scope && (f.RecordState ?? 'ACTIVE') === 'ACTIVE') found.push(f);
    }
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return found;
}

/** The earlier finding, resolved: the fields BatchImportFindings requires, kept as they were. */
function resolvedFinding(old: AwsSecurityFinding, now: string, passes: boolean): AwsSecurityFinding {
  const keep: (keyof AwsSecurityFinding & keyof AsffFinding)[] = ['SchemaVersion', 'Id', 'ProductArn', 'ProductName', 'CompanyName', 'GeneratorId', 'AwsAccountId', 'Region', 'Types', 'CreatedAt', 'Severity', 'Title', 'Description', 'Remediation', 'SourceUrl', 'ProductFields', 'Resources'];
  const base = Object.fromEntries(keep.filter((k) => old[k] !== undefined).map((k) => [k, old[k]])) as unknown as AwsSecurityFinding;
  return {
    ...base,
    UpdatedAt: now,
    ...(passes ? { Compliance: { ...old.Compliance, Status: 'PASSED' } } : { Compliance: old.Compliance }),
    Workflow: { Status: 'RESOLVED' },
    RecordState: passes ? 'ACTIVE' : 'ARCHIVED',
  };
}
