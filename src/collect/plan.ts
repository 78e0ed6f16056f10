// Which accounts and regions a spec asks to collect, and with which role.
import type { Spec } from '../model/spec.js';

export interface AccountPlan {
  accountId: string;
  roleArn?: string;
  regions: string[];
}

/** Accounts from every environment (first roleArn wins), regions unioned per account unless overridden. */
export function planAccounts(spec: Spec, regionOverride?: string[]): AccountPlan[] {
  const byId = new Map<string, AccountPlan>();
  for (const name of Object.keys(spec.environments).sort()) {
    const env = spec.environments[name]!;
    for (const acc of env.accounts ?? []) {
      let plan = byId.get(acc.id);
      if (!plan) byId.set(acc.id, (plan = { accountId: acc.id, regions: [] }));
      if (!plan.roleArn && acc.roleArn) plan.roleArn = acc.roleArn;
      for (const r of env.regions ?? []) if (!plan.regions.includes(r)) plan.regions.push(r);
    }
  }
  const plans = [...byId.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
  for (const p of plans) {
    p.regions = regionOverride && regionOverride.length > 0 ? [...new Set(regionOverride)].sort() : p.regions.sort();
  }
  return plans;
}

/** Tag keys Cost Explorer groups by: the spec's first attribution key, when any environment wants actual spend. */
export function costTagKey(spec: Spec): string | undefined {
  const wants = Object.values(spec.environments).some((e) => e.cost && (e.cost.source === 'actual' || e.cost.source === 'both'));
  return wants ? spec.attribution.tagKeys[0] : undefined;
}
