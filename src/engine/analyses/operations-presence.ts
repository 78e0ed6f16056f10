// What an environment must have for its operations, one outcome per environment: at
// least monitoring.minDashboards CloudWatch dashboards of its own (issue 12).
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { environmentArn, environmentOf, environmentRef, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const DASHBOARD = 'AWS::CloudWatch::Dashboard';

/** A failed listing in one of the environment's accounts: the count cannot be trusted. */
function listingGap(ctx: EngineContext, env: string, type: string): string | undefined {
  const accounts = ctx.spec.spec.environments[env]?.accounts ?? [];
  const errs = accounts.flatMap((a) => ctx.errorsAffecting(type, a.id)).filter((e) => e.resourceArn === undefined);
  return errs.length > 0 ? errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}`).join('; ') : undefined;
}

export const dashboardsPresentAnalysis: Analysis<Record<string, never>> = {
  name: 'dashboards-present',
  optionsSchema: NONE,
  run(ctx) {
    const byEnv = new Map<string, string[]>();
    for (const r of resourcesOf(ctx, DASHBOARD)) {
      const env = environmentOf(ctx, r.arn);
      if (env !== null) (byEnv.get(env) ?? byEnv.set(env, []).get(env)!).push(r.name);
    }
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const min = ctx.spec.spec.environments[env]!.monitoring?.minDashboards;
      if (min === undefined) continue;
      const names = [...(byEnv.get(env) ?? [])].sort();
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/monitoring/minDashboards` };
      const gap = listingGap(ctx, env, DASHBOARD);
      if (gap && names.length < min) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: dashboards not evaluated, inventory incomplete`, evidence: { observed: names, expected: min }, reason: gap });
        continue;
      }
      const ok = names.length >= min;
      const seen = names.length === 0 ? 'no CloudWatch dashboard' : `${names.length} CloudWatch dashboard(s) (${names.join(', ')})`;
      out.push({
        ...base,
        status: ok ? 'pass' : 'fail',
        message: ok ? `Environment ${env}: ${seen}, as the spec requires` : `Environment ${env}: ${seen}; the spec requires at least ${min}`,
        evidence: { observed: names, expected: min },
      });
    }
    return out;
  },
};
