// Actual spend per environment from the Cost Explorer records in the snapshot (grouped by
// the environment tag). Tag values map to environments by name or alias, case-insensitive.
import type { CostRecord } from '../../model/snapshot.js';
import type { Spec } from '../../model/spec.js';
import { cmp } from './cost-estimate.js';
import { microsToCents } from './price-table.js';

export interface ActualSpend {
  cents: number;
  period: { start: string; end: string };
  tagKey: string;
  /** Tag values whose records were summed, sorted. */
  tagValues: string[];
  /** Accounts the summed records came from, sorted. */
  accounts: string[];
}

export interface ActualSpendResult {
  byEnvironment: Map<string, ActualSpend>;
  /** The tag key used, null when the snapshot holds no cost records. */
  tagKey: string | null;
  /** The period used (the latest in the records), null when none. */
  period: { start: string; end: string } | null;
}

/** lower-cased tag value -> environment name. Names win over aliases of other environments. */
export function tagValueIndex(spec: Spec): Map<string, string> {
  const index = new Map<string, string>();
  const envs = Object.keys(spec.environments).sort(cmp);
  for (const env of envs) {
    for (const alias of [...(spec.environments[env]?.aliases ?? [])].sort(cmp)) {
      if (!index.has(alias.toLowerCase())) index.set(alias.toLowerCase(), env);
    }
  }
  for (const env of envs) index.set(env.toLowerCase(), env);
  return index;
}

/**
 * Picks the tag key (the spec's attribution keys in order, else the records' own key in
 * sort order) so that records grouped by two keys are never counted twice, and the latest
 * period, so months are never added together.
 */
export function actualSpend(spec: Spec, records: readonly CostRecord[]): ActualSpendResult {
  if (records.length === 0) return { byEnvironment: new Map(), tagKey: null, period: null };
  const keys = [...new Set(records.map((r) => r.tagKey))].sort(cmp);
  const wanted = spec.attribution.tagKeys.map((k) => k.toLowerCase());
  const tagKey = wanted.map((w) => keys.find((k) => k.toLowerCase() === w)).find((k) => k !== undefined) ?? keys[0]!;
  const ofKey = records.filter((r) => r.tagKey === tagKey);
  let latest = ofKey[0]!;
  for (const r of ofKey) {
    if (r.periodEnd > latest.periodEnd || (r.periodEnd === latest.periodEnd && r.periodStart < latest.periodStart)) latest = r;
  }
  const period = { start: latest.periodStart, end: latest.periodEnd };
  const index = tagValueIndex(spec);
  const sums = new Map<string, { micros: number; values: Set<string>; accounts: Set<string> }>();
  for (const r of ofKey) {
    if (r.periodStart !== period.start || r.periodEnd !== period.end) continue;
    const env = index.get(r.tagValue.toLowerCase());
    if (env === undefined) continue;
    const s = sums.get(env) ?? { micros: 0, values: new Set<string>(), accounts: new Set<string>() };
    s.micros += Math.round(r.amountUsd * 1_000_000);
    s.values.add(r.tagValue);
    s.accounts.add(r.accountId);
    sums.set(env, s);
  }
  const byEnvironment = new Map<string, ActualSpend>();
  for (const [env, s] of sums) {
    byEnvironment.set(env, {
      cents: microsToCents(s.micros),
      period,
      tagKey,
      tagValues: [...s.values].sort(cmp),
      accounts: [...s.accounts].sort(cmp),
    });
  }
  return { byEnvironment, tagKey, period };
}
