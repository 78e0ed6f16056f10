// The `cost-share` analysis: each environment with costShare in the spec takes about the
// planned percentage of the whole system's monthly cost (every environment of the spec
// added up), within tolerancePoints percentage points. The figures are cost-ceiling's
// (costDetails): the estimate or the actual Cost Explorer spend, as costShare.source says.
// A share of a total that is only a lower bound is unknown, so any incomplete figure makes
// every share not evaluated.
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { costDetails, environmentArn, type EnvironmentCostDetail } from './cost-ceiling.js';
import { centsToUsd, formatUsd } from './price-table.js';
import { escapePointer } from './support.js';

/** Percentage points a share may differ from the planned one when the spec gives none. */
export const DEFAULT_SHARE_TOLERANCE = 5;

type Figure = { cents: number } | { unknown: string };

/** One environment's figure in the given source, or why it is not known. */
function figureOf(ctx: EngineContext, d: EnvironmentCostDetail, source: 'estimate' | 'actual'): Figure {
  const env = d.cost.environment;
  if (source === 'actual') {
    if (d.actual === null) return { unknown: `no Cost Explorer spend for ${env} in the snapshot` };
    if (ctx.errorsAffecting('costs').length > 0) return { unknown: `Cost Explorer spend of ${env} is a lower bound (collection errors)` };
    return { cents: d.actual.cents };
  }
  if (d.cost.estimateComplete === false) {
    const why = (d.cost.caveats ?? []).filter((c) => c.lowerBound).map((c) => c.code);
    return { unknown: `the estimate of ${env} is a lower bound (${[...new Set(why)].join(', ')})` };
  }
  return { cents: d.estimate.totalCents };
}

const pct = (x: number) => `${(Math.round(x * 10) / 10).toFixed(1)}%`;

function outcomeFor(ctx: EngineContext, all: readonly EnvironmentCostDetail[], d: EnvironmentCostDetail): Outcome | null {
  const env = d.cost.environment;
  const envSpec = ctx.spec.spec.environments[env];
  const share = envSpec?.costShare;
  if (!share) return null;
  const source = share.source ?? 'estimate';
  const tolerance = share.tolerancePoints ?? DEFAULT_SHARE_TOLERANCE;
  const accounts = envSpec.accounts ?? [];
  const base = {
    arn: environmentArn(env),
    resource: { accountId: accounts[0]?.id ?? '', region: envSpec.regions?.[0] ?? 'global', type: 'envgate::Environment', name: env, environment: env },
    specPath: `/environments/${escapePointer(env)}/costShare`,
  };
  const expected = { percent: share.percent, tolerancePoints: tolerance, source };
  const figures = all.map((x) => ({ env: x.cost.environment, figure: figureOf(ctx, x, source) }));
  const unknown = figures.flatMap((f) => ('unknown' in f.figure ? [f.figure.unknown] : []));
  const planned = `${share.percent}% (within ${tolerance} points)`;
  if (unknown.length > 0) {
    return { status: 'not-evaluated', ...base, message: `Environment ${env}: share of the total cost not evaluated against the planned ${planned}`, evidence: { expected }, reason: unknown.join('; ') };
  }
  const cents = new Map(figures.map((f) => [f.env, (f.figure as { cents: number }).cents]));
  const total = [...cents.values()].reduce((a, b) => a + b, 0);
  if (total === 0) {
    return { status: 'not-evaluated', ...base, message: `Environment ${env}: share of the total cost not evaluated against the planned ${planned}`, evidence: { expected }, reason: `every environment's ${source} is $0.00` };
  }
  const own = cents.get(env) ?? 0;
  const observed = (own * 100) / total;
  const evidence = {
    observed: { percent: Math.round(observed * 10) / 10, usd: centsToUsd(own), totalUsd: centsToUsd(total), byEnvironment: Object.fromEntries([...cents].map(([e, c]) => [e, centsToUsd(c)])) },
    expected,
  };
  const said = `${pct(observed)} of the ${source === 'actual' ? 'actual' : 'estimated'} total (${formatUsd(centsToUsd(own))} of ${formatUsd(centsToUsd(total))}/month)`;
  // Compared in tenths of a point, so 25.0 against 20 +- 5 passes exactly at the bound.
  if (Math.abs(Math.round(observed * 10) - share.percent * 10) > tolerance * 10) {
    return { status: 'fail', ...base, message: `Environment ${env}: ${said}; the spec plans ${planned}`, evidence };
  }
  return { status: 'pass', ...base, message: `Environment ${env}: ${said}, as planned ${planned}`, evidence };
}

export const costShare: Analysis<Record<string, never>> = {
  name: 'cost-share',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run(ctx: EngineContext): Outcome[] {
    const all = costDetails(ctx);
    return all.flatMap((d) => outcomeFor(ctx, all, d) ?? []);
  },
};
