// Which accounts and regions a spec asks to collect, and with which role.
import type { Spec } from '../model/spec.js';

/** Accounts collected at once in spill mode unless accountsInFlight says otherwise (here, not in index.ts: the CLI names it without loading the SDK). */
export const DEFAULT_SPILL_ACCOUNTS = 8;

export interface AccountPlan {
  accountId: string;
  roleArn?: string;
  regions: string[];
  /** The first (sorted) of the spec's regions for the account, before any override: the shard that collects its global services. */
  homeRegion?: string;
}

/** Accounts from every environment (first roleArn wins), regions unioned per account unless overridden; only `accounts` when given. */
export function planAccounts(spec: Spec, regionOverride?: string[], accounts?: readonly string[]): AccountPlan[] {
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
  const only = accounts && accounts.length > 0 ? new Set(accounts) : undefined;
  const plans = [...byId.values()].filter((p) => !only || only.has(p.accountId)).sort((a, b) => a.accountId.localeCompare(b.accountId));
  for (const p of plans) {
    p.homeRegion = [...p.regions].sort()[0] ?? 'us-east-1';
    p.regions = regionOverride && regionOverride.length > 0 ? [...new Set(regionOverride)].sort() : p.regions.sort();
  }
  return plans;
}

/** Tag keys Cost Explorer groups by: the spec's first attribution key, when any environment wants actual spend. */
export function costTagKey(spec: Spec): string | undefined {
  const wants = Object.values(spec.environments).some((e) => (e.cost && (e.cost.source === 'actual' || e.cost.source === 'both')) || e.costShare?.source === 'actual');
  return wants ? spec.attribution.tagKeys[0] : undefined;
}

/** What a shard does with global services (IAM, Route 53, costs). */
export type GlobalMode = 'auto' | 'include' | 'skip';
export const GLOBAL_MODES: readonly GlobalMode[] = ['auto', 'include', 'skip'];

/** Whether a shard collects an account's global part: `auto` when its regions hold the home region (or are the spec's own). */
export function collectsGlobal(mode: GlobalMode, plan: AccountPlan, regionOverride: readonly string[] | undefined): boolean {
  if (mode !== 'auto') return mode === 'include';
  return !regionOverride || regionOverride.length === 0 || plan.regions.includes(homeRegion(plan));
}

export const homeRegion = (plan: AccountPlan): string => plan.homeRegion ?? plan.regions[0] ?? 'us-east-1';
