// The `cost-ceiling` analysis: each environment's monthly cost (estimate from the
// inventory and the price table, actual from Cost Explorer, or both, as the spec's
// cost.source says) against its monthlyCeilingUsd. Also contributes Evaluation.costs.
import { CATALOGUE } from '../../collect/catalogue/index.js';
import type { CostCaveat, CostLine, EnvironmentCost } from '../../model/result.js';
import type { CollectionError, Resource } from '../../model/snapshot.js';
import type { EnvironmentSpec } from '../../model/spec.js';
import { describeError } from '../collection-errors.js';
import type { Analysis, AnalysisReport, EngineContext, Outcome } from '../context.js';
import { actualSpend, type ActualSpend } from './cost-actual.js';
import { resourcesOfEnvironment, type EnvironmentResources } from './cost-environments.js';
import { cmp, estimateResources, PRICED_TYPES, type EnvironmentEstimate, type PricedLine } from './cost-estimate.js';
import { centsToUsd, formatUsd, PRICE_TABLES, usdToCents, type PriceTable } from './price-table.js';

export interface CostCeilingOptions {
  /** How many of the largest lines a failing result names (default 5). */
  topContributors?: number;
}

export interface EnvironmentCostDetail {
  cost: EnvironmentCost;
  estimate: EnvironmentEstimate;
  /** Collection errors that leave priced types incomplete in the environment. */
  errors: CollectionError[];
  actual: ActualSpend | null;
}

const GLOBAL_TYPES: ReadonlySet<string> = new Set(CATALOGUE.filter((d) => d.scope === 'global').map((d) => d.type));

export function environmentArn(env: string): string {
  return `arn:aws:envgate:::environment/${env}`;
}

function pointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}


/**
 * Collection errors for the given types in the environment's accounts (the spec's, else
 * those its resources live in) and regions (the spec's and its resources'). A
 * per-resource error counts only for this environment's resources.
 */
export function environmentErrors(ctx: EngineContext, env: string, types: readonly string[]): CollectionError[] {
  if (ctx.snapshot.errors.length === 0) return [];
  const envSpec = ctx.spec.spec.environments[env];
  const seen = resourcesOfEnvironment(ctx, env);
  const accounts = new Set<string>((envSpec?.accounts ?? []).map((a) => a.id));
  if (accounts.size === 0) for (const a of seen.accounts) accounts.add(a);
  const regions = new Set<string>([...(envSpec?.regions ?? []), ...seen.regions]);
  const accountList: (string | undefined)[] = accounts.size === 0 ? [undefined] : [...accounts];
  const found = new Map<string, CollectionError>();
  // '*': the collector could not reach the account at all (e.g. AssumeRole failed).
  for (const type of [...types, '*']) {
    const regionList = GLOBAL_TYPES.has(type) || regions.size === 0 ? ['global'] : [...regions];
    for (const account of accountList) {
      for (const region of regionList) {
        for (const e of ctx.errorsAffecting(type, account, region)) {
          if (e.resourceArn !== undefined && ctx.attribution.get(e.resourceArn)?.environment !== env) continue;
          found.set(`${e.accountId}\u0000${e.region}\u0000${e.service}\u0000${e.operation}\u0000${e.resourceArn ?? ''}`, e);
        }
      }
    }
  }
  return [...found.entries()].sort((a, b) => cmp(a[0], b[0])).map(([, e]) => e);
}

function allOf(e: EnvironmentResources): Resource[] {
  return [...e.byType.values()].flat();
}

const details = new WeakMap<EngineContext, EnvironmentCostDetail[]>();

/**
 * The cost table of every environment in the spec (with or without a ceiling), sorted by
 * environment. Memoised per context: the analysis and any report share one computation.
 */
export function costDetails(ctx: EngineContext, tables: ReadonlyMap<string, PriceTable> = PRICE_TABLES): EnvironmentCostDetail[] {
  const cached = tables === PRICE_TABLES ? details.get(ctx) : undefined;
  if (cached) return cached;
  const envs = Object.keys(ctx.spec.spec.environments).sort(cmp);
  const actual = actualSpend(ctx.spec.spec, ctx.snapshot.costs);
  const out = envs.map((env): EnvironmentCostDetail => {
    const envSpec = ctx.spec.spec.environments[env];
    const estimate = estimateResources(allOf(resourcesOfEnvironment(ctx, env)), tables, ctx.snapshot.prices);
    const errors = environmentErrors(ctx, env, PRICED_TYPES);
    const caveats: CostCaveat[] = [...estimate.caveats];
    if (errors.length > 0) {
      caveats.push({
        code: 'collection-error',
        message: `priced resource types could not be fully inventoried: ${errors.map(describeError).join('; ')}`,
        count: errors.length,
        lowerBound: true,
      });
      caveats.sort((a, b) => cmp(a.code, b.code) || cmp(a.message, b.message));
    }
    const spend = actual.byEnvironment.get(env) ?? null;
    const regions = estimate.regions.length > 0 ? estimate.regions : tableRegions(envSpec, tables);
    // asOf '' says no table covers the environment's regions.
    const asOf = estimate.asOf.length > 0 ? estimate.asOf : [...new Set(regions.map((r) => tables.get(r)?.asOf ?? ''))].filter(Boolean).sort(cmp);
    const cost: EnvironmentCost = {
      environment: env,
      ceilingUsd: envSpec?.cost?.monthlyCeilingUsd ?? null,
      estimateUsd: centsToUsd(estimate.totalCents),
      actualUsd: spend ? centsToUsd(spend.cents) : null,
      breakdown: breakdownOf(estimate.lines),
      priceTable: { region: regions.join(','), asOf: asOf.join(',') },
      estimateComplete: !caveats.some((c) => c.lowerBound),
      caveats,
    };
    if (spend) cost.actualPeriod = spend.period;
    if (envSpec?.cost) cost.checkedAgainst = envSpec.cost.source ?? 'estimate';
    return { cost, estimate, errors, actual: spend };
  });
  if (tables === PRICE_TABLES) details.set(ctx, out);
  return out;
}

/** When nothing was priced: the tables the environment's regions would use, else its regions. */
function tableRegions(envSpec: EnvironmentSpec | undefined, tables: ReadonlyMap<string, PriceTable>): string[] {
  const regions = envSpec?.regions ?? [];
  const listed = regions.filter((r) => tables.has(r));
  return [...new Set(listed.length > 0 ? listed : regions)].sort(cmp);
}

/**
 * Per-resource lines beyond this many (the smallest) are summed per item, so the report of
 * a very large estate stays readable; the breakdown still adds up to the estimate.
 */
export const BREAKDOWN_LINES = 1000;

function breakdownOf(lines: readonly PricedLine[]): CostLine[] {
  if (lines.length <= BREAKDOWN_LINES) return lines.map(toCostLine);
  const rest = new Map<string, { cents: number; count: number }>();
  for (const l of lines.slice(BREAKDOWN_LINES)) {
    const g = rest.get(l.item) ?? { cents: 0, count: 0 };
    g.cents += l.cents;
    g.count += 1;
    rest.set(l.item, g);
  }
  const kept: { line: CostLine; cents: number }[] = lines.slice(0, BREAKDOWN_LINES).map((l) => ({ line: toCostLine(l), cents: l.cents }));
  for (const [item, g] of rest) {
    kept.push({ line: { item, monthlyUsd: centsToUsd(g.cents), detail: `${g.count} more resources, summed` }, cents: g.cents });
  }
  kept.sort((a, b) => b.cents - a.cents || cmp(a.line.item, b.line.item) || cmp(a.line.resourceArn ?? '', b.line.resourceArn ?? ''));
  return kept.map((k) => k.line);
}

function toCostLine(l: PricedLine): CostLine {
  const line: CostLine = { item: l.item, monthlyUsd: l.monthlyUsd };
  if (l.resourceArn !== undefined) line.resourceArn = l.resourceArn;
  if (l.detail !== undefined) line.detail = l.detail;
  line.price = l.price;
  return line;
}

/** The contract's pure entry point: Evaluation.costs for the context. */
export function estimateCosts(ctx: EngineContext): EnvironmentCost[] {
  return costDetails(ctx).map((d) => d.cost);
}

type Verdict = 'over' | 'under' | 'unknown';

function byService(d: EnvironmentCostDetail): { service: string; monthlyUsd: number }[] {
  const sums = new Map<string, number>();
  for (const l of d.estimate.lines) sums.set(l.service, (sums.get(l.service) ?? 0) + l.cents);
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .map(([service, cents]) => ({ service, monthlyUsd: centsToUsd(cents) }));
}

function outcomeFor(ctx: EngineContext, d: EnvironmentCostDetail, top: number): Outcome | null {
  const env = d.cost.environment;
  const envSpec = ctx.spec.spec.environments[env];
  const costSpec = envSpec?.cost;
  if (!costSpec) return null;
  const ceilingCents = usdToCents(costSpec.monthlyCeilingUsd);
  const ceiling = formatUsd(costSpec.monthlyCeilingUsd);
  const useEstimate = costSpec.source !== 'actual';
  const useActual = costSpec.source !== 'estimate';
  const verdicts: Verdict[] = [];
  const reasons: string[] = [];
  const over: string[] = [];
  const under: string[] = [];

  if (useEstimate) {
    const total = d.estimate.totalCents;
    const lowerBound = d.cost.estimateComplete === false;
    const label = `estimated ${formatUsd(centsToUsd(total))}/month${lowerBound ? ' (lower bound)' : ''}`;
    if (total > ceilingCents) {
      verdicts.push('over');
      over.push(label);
    } else if (lowerBound) {
      verdicts.push('unknown');
      reasons.push(`estimate incomplete: ${d.cost.caveats!.filter((c) => c.lowerBound).map((c) => c.message).join('; ')}`);
    } else {
      verdicts.push('under');
      under.push(label);
    }
  }
  if (useActual) {
    const costErrors = ctx.errorsAffecting('costs');
    if (d.actual === null) {
      verdicts.push('unknown');
      const tagValues = [env, ...(envSpec?.aliases ?? [])].join(', ');
      reasons.push(
        costErrors.length > 0
          ? `no Cost Explorer data: ${costErrors.map(describeError).join('; ')}`
          : `no Cost Explorer spend in the snapshot under the environment tag values (${tagValues})`,
      );
    } else {
      const label = `actual ${formatUsd(centsToUsd(d.actual.cents))} for ${d.actual.period.start}..${d.actual.period.end}`;
      if (d.actual.cents > ceilingCents) {
        verdicts.push('over');
        over.push(label);
      } else if (costErrors.length > 0) {
        // Spend of an account (or a page) that could not be read may be missing: under is not known.
        verdicts.push('unknown');
        reasons.push(`${label} is a lower bound: ${costErrors.map(describeError).join('; ')}`);
      } else {
        verdicts.push('under');
        under.push(label);
      }
    }
  }

  const status: Outcome['status'] = verdicts.includes('over') ? 'fail' : verdicts.includes('unknown') ? 'not-evaluated' : 'pass';
  // Individual resources, even when the breakdown sums the smallest lines per item.
  const contributors = d.estimate.lines.slice(0, top).map(toCostLine);
  const evidence: Outcome['evidence'] = {
    observed: {
      ...(useEstimate ? { estimateUsd: d.cost.estimateUsd } : {}),
      ...(useActual ? { actualUsd: d.cost.actualUsd } : {}),
    },
    expected: { monthlyCeilingUsd: costSpec.monthlyCeilingUsd },
    source: costSpec.source,
  };
  if (useEstimate) {
    evidence.lowerBound = d.cost.estimateComplete === false;
    evidence.topContributors = contributors;
    evidence.byService = byService(d);
    evidence.caveats = d.cost.caveats;
    evidence.priceTable = { ...d.cost.priceTable, hoursPerMonth: d.estimate.hoursPerMonth };
  }
  if (useActual && d.actual) {
    evidence.actualPeriod = d.actual.period;
    evidence.costExplorer = { tagKey: d.actual.tagKey, tagValues: d.actual.tagValues, accounts: d.actual.accounts };
  }
  let message: string;
  if (status === 'fail') {
    const worst = Math.max(useEstimate ? d.estimate.totalCents : 0, d.actual?.cents ?? 0);
    evidence.overByUsd = centsToUsd(worst - ceilingCents);
    const names = contributors.map((l) => describeLine(l, ctx.byArn)).join(', ');
    message = `Environment ${env}: ${over.join(' and ')} ${over.length > 1 ? 'exceed' : 'exceeds'} the ceiling of ${ceiling}/month` +
      (useEstimate && names ? `; largest: ${names}` : '');
  } else if (status === 'pass') {
    message = `Environment ${env}: ${under.join(' and ')} within the ceiling of ${ceiling}/month`;
  } else {
    message = `Environment ${env}: monthly cost could not be established against the ceiling of ${ceiling}/month`;
  }
  const accounts = envSpec?.accounts ?? [];
  const outcome: Outcome = {
    status,
    arn: environmentArn(env),
    resource: {
      accountId: accounts[0]?.id ?? '',
      region: envSpec?.regions?.[0] ?? 'global',
      type: 'envgate::Environment',
      name: env,
      environment: env,
    },
    message,
    evidence,
    specPath: `/environments/${pointerSegment(env)}/cost/monthlyCeilingUsd`,
  };
  if (status === 'not-evaluated') outcome.reason = reasons.join('; ');
  return outcome;
}

export const costCeiling: Analysis<CostCeilingOptions> = {
  name: 'cost-ceiling',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      topContributors: { type: 'integer', minimum: 1, maximum: 50, description: 'largest lines named in a failing result (default 5)' },
    },
  },
  run(ctx: EngineContext, options: CostCeilingOptions): AnalysisReport {
    const top = options.topContributors ?? 5;
    const all = costDetails(ctx);
    const outcomes: Outcome[] = [];
    for (const d of all) {
      const o = outcomeFor(ctx, d, top);
      if (o) outcomes.push(o);
    }
    return { outcomes, costs: all.map((d) => d.cost) };
  },
};

/** For messages: 'EC2 m5.xlarge i-0abc ($140.16)'. */
function describeLine(l: CostLine, byArn: ReadonlyMap<string, Resource>): string {
  const name = l.resourceArn ? (byArn.get(l.resourceArn)?.name ?? l.resourceArn) : '';
  return `${l.item}${name ? ` ${name}` : ''} (${formatUsd(l.monthlyUsd)})`;
}
