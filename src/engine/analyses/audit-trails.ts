// Each environment's own CloudTrail trail (audit.trail): in every account of the
// environment a logging trail that logs no other environment, with the properties the
// spec sets. A trail logs its own account (an organisation trail every account), so a
// trail in an account two environments use is shared by both. One outcome per environment.
import type { TrailConfig } from '../../model/resource-config-audit.js';
import type { Resource } from '../../model/snapshot.js';
import type { AuditSpec } from '../../model/spec-audit.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { environmentArn, environmentRef, escapePointer, resourcesOf } from './support.js';

const TRAIL = 'AWS::CloudTrail::Trail';
type Required = NonNullable<AuditSpec['trail']>;

/** What a trail lacks of the requirement, and what the snapshot cannot say. */
function shortfall(c: Partial<TrailConfig>, want: Required): { missing: string[]; unknown: string[] } {
  const missing: string[] = [];
  const unknown: string[] = [];
  const need = (label: string, v: boolean | undefined) => {
    if (v === undefined) unknown.push(label);
    else if (!v) missing.push(label);
  };
  need('logging', c.logging);
  if (want.multiRegion) need('multi-region', c.multiRegion);
  if (want.logFileValidation) need('log file validation', c.logFileValidation);
  if (want.customerManagedKey) need('a customer-managed KMS key', c.encryption?.customerManagedKey);
  return { missing, unknown };
}

/** The environments a trail logs: those using its account, or every one for an organisation trail. */
function loggedEnvironments(r: Resource, envsOfAccount: ReadonlyMap<string, readonly string[]>, all: readonly string[]): readonly string[] {
  return (r.config as Partial<TrailConfig>).organizationTrail === true ? all : envsOfAccount.get(r.accountId) ?? [];
}

function judgeAccount(ctx: EngineContext, env: string, account: string, want: Required, envsOfAccount: ReadonlyMap<string, readonly string[]>, all: readonly string[]): { ok: boolean; unknown: boolean; detail: string; trails: object[] } {
  const trails = resourcesOf(ctx, TRAIL).filter((r) => r.accountId === account || (r.config as Partial<TrailConfig>).organizationTrail === true);
  const seen = trails.map((r) => {
    const others = loggedEnvironments(r, envsOfAccount, all).filter((e) => e !== env);
    return { r, others, ...shortfall(r.config as Partial<TrailConfig>, want) };
  });
  const evidence = seen.map((s) => ({ arn: s.r.arn, sharedWith: s.others, missing: s.missing, unknown: s.unknown }));
  if (seen.some((s) => s.others.length === 0 && s.missing.length === 0 && s.unknown.length === 0)) return { ok: true, unknown: false, detail: `account ${account}: own trail`, trails: evidence };
  if (seen.some((s) => s.others.length === 0 && s.missing.length === 0)) return { ok: false, unknown: true, detail: `account ${account}: ${seen.find((s) => s.others.length === 0 && s.missing.length === 0)!.unknown.join(', ')} not known`, trails: evidence };
  if (seen.length === 0) return { ok: false, unknown: false, detail: `account ${account}: no trail`, trails: evidence };
  const why = seen.map((s) => `trail '${s.r.name}' ${[...(s.others.length > 0 ? [`also logs ${s.others.join(', ')}`] : []), ...(s.missing.length > 0 ? [`lacks ${s.missing.join(', ')}`] : [])].join(' and ')}`);
  return { ok: false, unknown: false, detail: `account ${account}: ${why.join('; ')}`, trails: evidence };
}

export const trailPerEnvironmentAnalysis: Analysis<Record<string, never>> = {
  name: 'cloudtrail-per-environment',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run(ctx) {
    const envs = ctx.spec.spec.environments;
    const all = Object.keys(envs).sort();
    const envsOfAccount = new Map<string, string[]>();
    for (const e of all) for (const a of envs[e]!.accounts) envsOfAccount.set(a.id, [...new Set([...(envsOfAccount.get(a.id) ?? []), e])]);
    const out: Outcome[] = [];
    for (const env of all) {
      const want = envs[env]!.audit?.trail;
      if (!want) continue;
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/audit/trail` };
      const accounts = [...new Set(envs[env]!.accounts.map((a) => a.id))].sort();
      const errs = accounts.flatMap((a) => ctx.errorsAffecting(TRAIL, a));
      const judged = accounts.map((a) => judgeAccount(ctx, env, a, want, envsOfAccount, all));
      const evidence = { observed: Object.fromEntries(accounts.map((a, i) => [a, judged[i]!.trails])), expected: want };
      const bad = judged.filter((j) => !j.ok && !j.unknown);
      if (bad.length > 0) {
        out.push({ ...base, status: 'fail', message: `Environment ${env}: no trail of its own with the required properties (${bad.map((j) => j.detail).join('; ')})`, evidence });
      } else if (errs.length > 0 || judged.some((j) => j.unknown)) {
        const reason = [...errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}`), ...judged.filter((j) => j.unknown).map((j) => j.detail)].join('; ');
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: trails not evaluated, inventory incomplete`, evidence, reason });
      } else {
        out.push({ ...base, status: 'pass', message: `Environment ${env}: a logging trail of its own in ${accounts.length === 1 ? `account ${accounts[0]}` : `each of its ${accounts.length} accounts`}`, evidence });
      }
    }
    return out;
  },
};
