// Facts every format shows the same way: access violations, cost status, per-environment
// summaries. Computed once here so JSON, SARIF and Markdown never disagree.
import type { AccessCell, Category, EnvironmentCost, Result } from '../model/result.js';
import { CATEGORIES } from '../model/result.js';
import { ACCESS_LEVELS } from '../model/spec.js';
import { addTo, cmp, type Counts, emptyCounts } from './context.js';

/** Effective access above the declared level. Unknown level names are never silently "fine". */
export function accessViolation(cell: AccessCell): boolean {
  const declared = (ACCESS_LEVELS as readonly string[]).indexOf(cell.declared);
  const effective = (ACCESS_LEVELS as readonly string[]).indexOf(cell.effective);
  if (declared < 0 || effective < 0) return cell.declared !== cell.effective;
  return effective > declared;
}

export interface CostStatus {
  estimateOverCeiling: boolean | null;
  actualOverCeiling: boolean | null;
  /** The verdict on the figure(s) cost-ceiling checks: an estimate over a ceiling checked on actual spend is not over. */
  overCeiling: boolean | null;
}

export function costStatus(c: EnvironmentCost): CostStatus {
  const over = (v: number | null) => (c.ceilingUsd === null || v === null ? null : v > c.ceilingUsd);
  const estimateOverCeiling = over(c.estimateUsd);
  const actualOverCeiling = over(c.actualUsd);
  // As cost-ceiling decides: a lower-bound estimate under the ceiling proves nothing.
  const estimate = estimateOverCeiling === false && c.estimateComplete === false ? null : estimateOverCeiling;
  const checked = c.checkedAgainst ?? 'estimate';
  const figures = checked === 'both' ? [estimate, actualOverCeiling] : [checked === 'actual' ? actualOverCeiling : estimate];
  const overCeiling = c.ceilingUsd === null ? null : figures.includes(true) ? true : figures.includes(null) ? null : false;
  return { estimateOverCeiling, actualOverCeiling, overCeiling };
}

/**
 * The environment a finding concerns: for the access matrix the cell's environment (a
 * staging role with write access to production is a production finding), else the subject's.
 */
export function concernedEnvironment(r: Result): string | null {
  if (r.ruleId === 'access-matrix' || r.category === 'access') {
    const e = r.evidence.environment;
    if (typeof e === 'string') return e;
  }
  return r.resource.environment;
}

export interface EnvironmentSummary {
  /** null = resources no signal attributed to an environment. */
  environment: string | null;
  totals: Counts;
  categories: ({ category: Category } & Counts)[];
}

/** Per environment (spec order is not known here: sorted, unattributed last) and category. */
export function summarizeByEnvironment(results: readonly Result[]): EnvironmentSummary[] {
  const byEnv = new Map<string | null, { totals: Counts; cats: Map<Category, Counts> }>();
  for (const r of results) {
    const env = r.resource.environment;
    let e = byEnv.get(env);
    if (!e) byEnv.set(env, (e = { totals: emptyCounts(), cats: new Map() }));
    addTo(e.totals, r);
    let c = e.cats.get(r.category);
    if (!c) e.cats.set(r.category, (c = emptyCounts()));
    addTo(c, r);
  }
  const envs = [...byEnv.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
  return envs.map((environment) => {
    const e = byEnv.get(environment)!;
    const categories = [...e.cats.entries()]
      .sort((a, b) => catIndex(a[0]) - catIndex(b[0]))
      .map(([category, counts]) => ({ category, ...counts }));
    return { environment, totals: e.totals, categories };
  });
}

function catIndex(c: Category): number {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
}

/** AWS service of a CloudFormation type: AWS::S3::Bucket -> s3. */
export function serviceOf(type: string): string {
  const parts = type.split('::');
  return (parts.length >= 2 ? parts[1]! : type).toLowerCase();
}
