// backups.planCoverage: every resource of the listed types in the environment is selected
// by an AWS Backup plan of its own account and region that has at least one rule (and, with
// backups.planRetentionDays, a rule keeping recovery points that long). A plan backs up
// only its own account and region, whatever its selection's ARN patterns say.
//
// What a selection selects (AWS Backup developer guide, "Assigning resources"; the union of
// Resources and ListOfTags is the service's observed behaviour, reported in the Terraform
// provider's issues 41274 and 49829): (Resources patterns OR ListOfTags, any one) AND every
// Conditions entry AND no NotResources pattern. Neither Resources nor ListOfTags: every
// resource (AWS: "all supported and opted-in"), still filtered by Conditions.
import type { Resource } from '../../model/snapshot.js';
import { BACKUP_PLAN_TYPES } from '../../model/spec.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const PLAN = 'AWS::Backup::BackupPlan';

interface Condition {
  operator: string;
  key: string;
  value: string;
}
interface Selection {
  name: string;
  resources: string[];
  notResources: string[];
  listOfTags?: Condition[];
  conditions: Condition[];
}
interface PlanRule {
  name: string;
  deleteAfterDays?: number;
}

const compiled = new Map<string, RegExp>();

/** A Backup wildcard pattern (`*` any run of characters, `?` one, in StringLike) as a RegExp, compiled once. */
function wildcard(pattern: string, question: boolean): RegExp {
  const id = `${question ? '?' : '*'}${pattern}`;
  let re = compiled.get(id);
  if (re === undefined) {
    const body = [...pattern].map((c) => (c === '*' ? '.*' : question && c === '?' ? '.' : c.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))).join('');
    compiled.set(id, (re = new RegExp(`^${body}$`, 's')));
  }
  return re;
}

/** The tag a condition key names: `aws:ResourceTag/K` or, in ListOfTags, a bare `K`. */
const tagKey = (key: string) => (key.startsWith('aws:ResourceTag/') ? key.slice('aws:ResourceTag/'.length) : key);

function conditionHolds(c: Condition, tags: Record<string, string>): boolean {
  const v = tags[tagKey(c.key)];
  switch (c.operator) {
    case 'StringEquals':
      return v === c.value;
    case 'StringNotEquals':
      return v !== c.value;
    case 'StringLike':
      return v !== undefined && wildcard(c.value, true).test(v);
    case 'StringNotLike':
      return v === undefined || !wildcard(c.value, true).test(v);
    default:
      return false; // an operator AWS does not define selects nothing
  }
}

/** Whether a selection selects the resource. */
export function selects(sel: Selection, r: Resource): boolean {
  if (sel.notResources.some((p) => wildcard(p, false).test(r.arn))) return false;
  const tagged = sel.listOfTags ?? [];
  const named = sel.resources.length === 0 && tagged.length === 0 ? true : sel.resources.some((p) => wildcard(p, false).test(r.arn)) || tagged.some((c) => conditionHolds(c, r.tags));
  return named && sel.conditions.every((c) => conditionHolds(c, r.tags));
}

/** How long a rule keeps its recovery points; no lifecycle keeps them forever. */
const keeps = (rule: PlanRule) => rule.deleteAfterDays ?? Number.POSITIVE_INFINITY;

function judge(ctx: EngineContext, r: Resource, plans: readonly Resource[], env: string, minDays: number | undefined): Outcome {
  const at = { specPath: `/environments/${escapePointer(env)}/backups/planCoverage` };
  const head = `${r.type} '${r.name}':`;
  const errs = ctx.errorsAffecting(PLAN, r.accountId, r.region);
  const here = plans.filter((p) => p.accountId === r.accountId && p.region === r.region);
  const covering = here.flatMap((p) => {
    const sels = (p.config.selections as Selection[] | undefined) ?? [];
    const sel = sels.find((s) => selects(s, r));
    return sel ? [{ plan: p, selection: sel.name, rules: (p.config.rules as PlanRule[] | undefined) ?? [] }] : [];
  });
  const withRules = covering.filter((c) => c.rules.length > 0);
  const enough = minDays === undefined ? withRules : withRules.filter((c) => c.rules.some((rule) => keeps(rule) >= minDays));
  const expected = minDays === undefined ? 'selected by a backup plan with a rule' : `selected by a backup plan with a rule keeping recovery points at least ${minDays} days`;
  if (enough.length > 0) {
    const best = enough[0]!;
    return {
      status: 'pass',
      arn: r.arn,
      message: `${head} backed up by plan '${best.plan.name}' (selection '${best.selection}')`,
      evidence: { observed: { plans: enough.map((c) => ({ plan: c.plan.arn, selection: c.selection })) }, expected },
      ...at,
    };
  }
  // Nothing found, but a plan listing or selection read failed here: the answer is unknown.
  const unread = here.filter((p) => p.config.selections === undefined).map((p) => p.name);
  if (errs.length > 0 || unread.length > 0) {
    const reason = [
      ...errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}: ${e.message}`),
      ...(unread.length > 0 ? [`selections of plan ${unread.map((n) => `'${n}'`).join(', ')} not collected`] : []),
    ].join('; ');
    return { status: 'not-evaluated', arn: r.arn, message: `${head} backup plan coverage not evaluated`, evidence: {}, reason, ...at };
  }
  const tail = minDays === undefined ? `${env} requires an AWS Backup plan` : `${env} requires an AWS Backup plan keeping recovery points at least ${minDays} days`;
  let said = 'no backup plan of its account and region selects it';
  if (withRules.length > 0) {
    const longest = Math.max(...withRules.flatMap((c) => c.rules.map(keeps)));
    said = `plan '${withRules[0]!.plan.name}' keeps recovery points ${longest} days`;
  } else if (covering.length > 0) said = `selected by plan '${covering[0]!.plan.name}', which has no backup rule`;
  return { status: 'fail', arn: r.arn, message: `${head} ${said}; ${tail}`, evidence: { observed: { plans: covering.map((c) => ({ plan: c.plan.arn, selection: c.selection, rules: c.rules.length })) }, expected }, ...at };
}

export const backupPlanCoverageAnalysis: Analysis<Record<string, never>> = {
  name: 'backup-plan-coverage',
  optionsSchema: NONE,
  perResource: true,
  run: (ctx) => {
    const plans = [...resourcesOf(ctx, PLAN)].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    const out: Outcome[] = [];
    for (const type of BACKUP_PLAN_TYPES) {
      for (const r of resourcesOf(ctx, type)) {
        const env = environmentOf(ctx, r.arn);
        const spec = envSpec(ctx, env)?.backups;
        if (env === null || !spec?.planCoverage?.includes(type)) continue;
        // A cluster's member instances are backed up with their cluster.
        if (type === 'AWS::RDS::DBInstance' && typeof r.config.clusterId === 'string') continue;
        const o = judge(ctx, r, plans, env, spec.planRetentionDays);
        if (o.status === 'pass' && ctx.countPass) ctx.countPass(env, r.arn);
        else out.push(o);
      }
    }
    return out;
  },
};
