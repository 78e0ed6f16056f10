// Past GitHub's 25,000 results per run, SARIF keeps the most severe findings as one alert
// each and folds the rest into one alert per rule and environment, instead of refusing
// the file (which left a large account with no report at all). Every finding stays in
// envgate.json; the fold is said in the SARIF (a notification, the run's properties, the
// alerts' messages) and on the console.
import { fingerprint } from '../util/fingerprint.js';
import type { Result } from '../model/result.js';
import { UNATTRIBUTED } from './context.js';
import { SarifLimitError } from './sarif-limits.js';

/** Resources named in an aggregate alert's relatedLocations (GitHub allows 1,000, shows 100). */
export const AGGREGATE_LISTED = 100;

export interface AggregateAlert {
  ruleId: string;
  environment: string | null;
  /** The folded findings, in report order (most severe first). */
  results: Result[];
}

export interface SarifPlan {
  /** Findings that are one alert each. */
  listed: readonly Result[];
  aggregates: AggregateAlert[];
  /** Findings folded into the aggregates. */
  aggregated: number;
}

/**
 * Which findings are alerts of their own, from the sorted unwaived failures: all of them
 * up to `limit`; past it the first `limit - G` (G = the rule and environment pairs among
 * all failures), so that listed plus aggregates never exceed the limit.
 */
export function planSarif(failures: readonly Result[], limit: number): SarifPlan {
  if (failures.length <= limit) return { listed: failures, aggregates: [], aggregated: 0 };
  const key = (r: Result) => `${r.ruleId}\u0000${r.resource.environment ?? ''}`;
  const pairs = new Set<string>();
  for (const r of failures) pairs.add(key(r));
  if (pairs.size > limit) {
    throw new SarifLimitError(
      'sarif-too-many-results',
      `SARIF: ${pairs.size} rule and environment pairs exceed GitHub's limit of ${limit} results per run; scan fewer environments per upload (--environment)`,
    );
  }
  const keep = limit - pairs.size;
  const byKey = new Map<string, AggregateAlert>();
  for (let i = keep; i < failures.length; i++) {
    const r = failures[i]!;
    const k = key(r);
    let a = byKey.get(k);
    if (!a) byKey.set(k, (a = { ruleId: r.ruleId, environment: r.resource.environment, results: [] }));
    a.results.push(r);
  }
  return { listed: failures.slice(0, keep), aggregates: [...byKey.values()], aggregated: failures.length - keep };
}

/** The one sentence saying what was folded (SARIF notification and console). */
export function aggregationNotice(plan: SarifPlan, limit: number): string {
  return (
    `SARIF: ${plan.listed.length + plan.aggregated} findings exceed GitHub's limit of ${limit} results per run: ` +
    `the ${plan.listed.length} most severe are one alert each, the other ${plan.aggregated} are ` +
    `${plan.aggregates.length} alert(s), one per rule and environment, each naming its first ${AGGREGATE_LISTED} resources; ` +
    'envgate.json lists every finding'
  );
}

/** Stable across runs while the pair stays over the limit: rule and environment only. */
export function aggregateFingerprint(a: AggregateAlert): string {
  return fingerprint(a.ruleId, `envgate-aggregate/${a.environment ?? UNATTRIBUTED}`);
}
