// The evaluation: rules x snapshot x spec -> results. Declarative rules run in
// declarative.ts, analyses through the registry; results are ordered per rule here.
import type { AccessCell, EnvironmentCost, Evaluation, PassCount, Result, RuleMeta, SpecLocation } from '../model/result.js';
import type { Snapshot } from '../model/snapshot.js';
import type { LoadedSpec } from '../model/spec.js';
import type { Analysis, AnalysisReport, IndexedContext, Outcome } from './context.js';
import type { Rule } from './rule.js';
import { ANALYSES } from './analyses/index.js';
import { buildContext } from './build-context.js';
import { coverageGaps, coverageTypes, shardMarkedTypes } from './coverage-gaps.js';
import { typeLevelErrors } from './collection-errors.js';
import { compileRule, declarativeRunner, type DeclarativeEnv } from './declarative.js';
import { findTagGaps, settleUnknownTags } from './unknown-tags.js';
import { fingerprint, fingerprintOfNormalised } from '../util/fingerprint.js';
import { PassCounter } from './pass-counter.js';
import { SpecValues } from './refs.js';
import { cmp, involvedEnvironments, RefCache, severityRank, sortRuleResults } from './results.js';
import { SpecLocator } from './spec-location.js';
import { lazyAttributionTable } from './attribution-table.js';
import { matchExclusions } from './exclusions.js';
import { exemptionsOf } from './exemptions.js';

export interface EvaluateInput {
  spec: LoadedSpec;
  snapshot: Snapshot;
  rules: readonly Rule[];
  now: Date;
  /** The analysis registry; defaults to the built-in one (tests pass their own). */
  analyses?: Readonly<Record<string, Analysis<never>>>;
  /**
   * 'all' (default): every pass is a Result. 'summary': passes are counted per rule and
   * environment in Evaluation.passCounts instead, so very large estates do not hold
   * millions of pass objects; fails and not-evaluated results are the same either way.
   */
  passes?: PassMode;
}

export type PassMode = 'all' | 'summary';

export function evaluate(input: EvaluateInput): Evaluation {
  const ctx = buildContext(input.spec, input.snapshot, input.now);
  return evaluateWithContext(ctx, input.rules, input.analyses ?? ANALYSES, { passes: input.passes });
}

/** Summary mode: the passes left among results, counted instead of kept. */
function countPasses(results: Result[], counter: PassCounter): Result[] {
  const kept: Result[] = [];
  for (const r of results) {
    if (r.status === 'pass') counter.add(r.resource.environment, (r.evidence as { exempt?: unknown }).exempt !== undefined);
    else kept.push(r);
  }
  return kept;
}

export function evaluateWithContext(
  ctx: IndexedContext,
  rules: readonly Rule[],
  analyses: Readonly<Record<string, Analysis<never>>> = ANALYSES,
  options: {
    passes?: PassMode;
    /**
     * Drives the declarative rules window by window (a sharded scan: it swaps each
     * window's full records into the context, calls `judge(from, to)`, and swaps them
     * out again), in ascending order of positions. Default: one window of everything.
     */
    declarativeWindows?: (judge: (from: number, to: number) => void) => void;
  } = {},
): Evaluation {
  const summary = options.passes === 'summary';
  const passCounts: PassCount[] = [];
  const values = new SpecValues(ctx.spec.spec);
  const locator = new SpecLocator(ctx.spec);
  const refs = new RefCache(ctx);
  const ce = { values, inbound: ctx.inbound ?? (() => []) };
  // Excluded resources are no rule's subject: declarative rules skip their positions,
  // analyses' outcomes and counted passes about them are dropped.
  const exclusions = matchExclusions(ctx, locator);
  const excludedArns = exclusions.arns;
  const de: DeclarativeEnv = {
    ctx,
    values,
    locator,
    refs,
    typeErrors: typeLevelErrors(ctx.snapshot.errors),
    ...(exclusions.positions.size > 0 ? { excluded: exclusions.positions } : {}),
  };

  // Summary mode counts passes as they are judged; a judgement that read unknown tags is
  // settled as not-evaluated afterwards, so those passes are listed first, counted after.
  const tagGaps = findTagGaps(ctx);
  if (summary && tagGaps) de.listPasses = new Set(tagGaps.resources.map((g) => g.position));
  const ordered = [...rules].sort((a, b) => severityRank(a.meta.severity) - severityRank(b.meta.severity) || cmp(a.meta.id, b.meta.id));
  const results: Result[] = [];
  const accessMatrix: AccessCell[] = [];
  const costs: EnvironmentCost[] = [];

  // Declarative rules run together (one pass over each type for all of them); their
  // results join the analyses' below, in rule order.
  const declarative = ordered.filter((r) => !r.analysis);
  const declarativeCounts = declarative.map(() => (summary ? new PassCounter() : undefined));
  const runner = declarativeRunner(
    declarative.map((r) => compileRule(r, ce)),
    de,
    declarativeCounts,
  );
  if (options.declarativeWindows) options.declarativeWindows(runner.window);
  else runner.window(0, Infinity);
  const declarativeResults = runner.finish();
  const declarativeIndex = new Map(declarative.map((r, i) => [r, i]));

  for (const rule of ordered) {
    let ruleResults: Result[];
    let counter: PassCounter | undefined;
    if (rule.analysis) {
      const analysis = analyses[rule.analysis.name];
      if (!analysis) throw new Error(`rule ${rule.meta.id}: unknown analysis '${rule.analysis.name}'`);
      // Summary mode: the analysis may count passes itself (ctx.countPass) instead of building them.
      const counts = summary ? new PassCounter() : undefined;
      // Set on the context itself, not a copy: analyses cache shared indexes per context object.
      const prevCount = ctx.countPass;
      if (counts && !tagGaps) ctx.countPass = excludedArns.size === 0 ? (env) => counts.add(env) : (env, arn) => void (excludedArns.has(arn) || counts.add(env));
      const kinds = rule.exempt;
      if (kinds && kinds.length > 0) {
        const index = exemptionsOf(ctx);
        ctx.exemption = (arn) => index.of(kinds, arn);
      }
      let out: Outcome[] | AnalysisReport;
      try {
        out = analysis.run(ctx, rule.analysis.options as never);
      } finally {
        if (prevCount !== undefined) ctx.countPass = prevCount;
        else delete ctx.countPass;
        delete ctx.exemption;
      }
      const report: AnalysisReport = Array.isArray(out) ? { outcomes: out } : out;
      if (excludedArns.size > 0) report.outcomes = report.outcomes.filter((o) => !excludedArns.has(o.arn));
      if (report.accessMatrix) accessMatrix.push(...report.accessMatrix);
      if (report.costs) costs.push(...report.costs);
      const convert = outcomeConverter(rule.meta, refs, locator);
      counter = counts;
      if (counts && !tagGaps) {
        ruleResults = [];
        for (const o of report.outcomes) {
          if (o.status === 'pass') counts.add(refs.environmentOf(o), o.evidence.exempt !== undefined);
          else ruleResults.push(convert(o));
        }
      } else ruleResults = report.outcomes.map(convert);
      // Per-resource analyses report gaps per type; any analysis, an unreadable account and
      // the types a shard left to another (--global), so a shard alone never passes by omission.
      const declared = rule.meta.resourceTypes.includes('*') ? coverageTypes(ctx, [...ctx.byType.keys()]) : rule.meta.resourceTypes;
      ruleResults.push(...coverageGaps(rule.meta, analysis.perResource ? declared : ['*', ...shardMarkedTypes(ctx, declared)], ctx, locator));
    } else {
      const i = declarativeIndex.get(rule)!;
      ruleResults = declarativeResults[i]!;
      counter = declarativeCounts[i];
    }
    if (tagGaps) {
      const perResource = !rule.analysis || analyses[rule.analysis.name]?.perResource === true;
      const ignoreTypes = (rule.analysis?.options as { ignoreTypes?: string[] } | undefined)?.ignoreTypes;
      ruleResults = settleUnknownTags(ruleResults, { meta: rule.meta, perResource, ...(ignoreTypes ? { ignoreTypes } : {}) }, tagGaps, ctx, refs);
      // It adds results for resources whose tags could not be read: not for excluded ones.
      if (excludedArns.size > 0) ruleResults = ruleResults.filter((r) => !excludedArns.has(r.resource.arn));
      if (counter) ruleResults = countPasses(ruleResults, counter);
    }
    counter?.into(rule.meta.id, passCounts);
    for (const r of sortRuleResults(ruleResults)) results.push(r);
  }

  const metas: RuleMeta[] = rules.map((r) => r.meta).sort((a, b) => cmp(a.id, b.id));
  accessMatrix.sort((a, b) => cmp(a.team, b.team) || cmp(a.environment, b.environment));
  costs.sort((a, b) => cmp(a.environment, b.environment));
  const evaluation = { results, rules: metas, accessMatrix, costs } as Evaluation;
  lazyAttributionTable(evaluation, ctx.attribution);
  if (summary) evaluation.passCounts = passCounts;
  if ((ctx.spec.spec.exclude ?? []).length > 0) {
    evaluation.excluded = exclusions.excluded;
    evaluation.exclusionNotices = exclusions.notices;
  }
  return evaluation;
}

/** Outcome -> Result for one rule; spec locations are resolved once per pointer or environment. */
function outcomeConverter(meta: RuleMeta, refs: RefCache, locator: SpecLocator): (o: Outcome) => Result {
  const byPointer = new Map<string, SpecLocation | undefined>();
  const byEnv = new Map<string | null, SpecLocation | undefined>();
  return (o) => {
    const entry = refs.entryOfArn(o.arn);
    const resource = entry !== undefined ? entry.ref : refs.forOutcome(o);
    const res: Result = {
      ruleId: meta.id,
      status: o.status,
      severity: meta.severity,
      category: meta.category,
      resource,
      environments: involvedEnvironments(resource.environment, o.environments),
      message: o.message,
      evidence: o.evidence,
      fingerprint: entry !== undefined ? fingerprintOfNormalised(meta.id, entry.fpArn, o.qualifier) : fingerprint(meta.id, o.arn, o.qualifier),
    };
    let loc: SpecLocation | undefined;
    if (o.specPath !== undefined) {
      loc = byPointer.get(o.specPath);
      if (loc === undefined && !byPointer.has(o.specPath)) byPointer.set(o.specPath, (loc = locator.pointer(o.specPath)));
    } else {
      loc = byEnv.get(resource.environment);
      if (loc === undefined && !byEnv.has(resource.environment)) byEnv.set(resource.environment, (loc = locator.locate(meta.requirement, resource.environment)));
    }
    if (loc) res.specLocation = loc;
    if (o.reason !== undefined) res.reason = o.reason;
    return res;
  };
}
