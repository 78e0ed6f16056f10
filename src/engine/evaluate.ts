// The evaluation: rules x snapshot x spec -> results. Declarative rules run over the
// resources of their types only (index by type), so cost is linear in resources x rules.
import type { AccessCell, EnvironmentCost, Evaluation, PassCount, Result, RuleMeta, SpecLocation } from '../model/result.js';
import type { CollectionError, Resource, Snapshot } from '../model/snapshot.js';
import type { LoadedSpec } from '../model/spec.js';
import type { Analysis, AnalysisReport, EngineContext, IndexedContext, Outcome } from './context.js';
import type { Rule } from './rule.js';
import { ANALYSES } from './analyses/index.js';
import { buildContext } from './build-context.js';
import { compileCondition, FALSE, TRUE, UNKNOWN, type Compiled, type Reads, type Scope, type Trace } from './conditions.js';
import { fingerprint, fingerprintOfNormalised } from './fingerprint.js';
import { SpecValues } from './refs.js';
import { cmp, describeLeaf, evidenceFrom, PassEvidence, RefCache, severityRank, sortRuleResults, type RefEntry } from './results.js';
import { SpecLocator } from './spec-location.js';
import { lazyAttributionTable } from './attribution-table.js';
import { describeError } from './collection-errors.js';

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

interface CompiledRule {
  rule: Rule;
  applicability?: Compiled;
  check?: Compiled;
  where?: Compiled;
  eachSegs?: string[];
  reads: Reads;
}

export function evaluate(input: EvaluateInput): Evaluation {
  const ctx = buildContext(input.spec, input.snapshot, input.now);
  return evaluateWithContext(ctx, input.rules, input.analyses ?? ANALYSES, { passes: input.passes });
}

export function evaluateWithContext(
  ctx: IndexedContext,
  rules: readonly Rule[],
  analyses: Readonly<Record<string, Analysis<never>>> = ANALYSES,
  options: { passes?: PassMode } = {},
): Evaluation {
  const summary = options.passes === 'summary';
  const passCounts: PassCount[] = [];
  const values = new SpecValues(ctx.spec.spec);
  const locator = new SpecLocator(ctx.spec);
  const refs = new RefCache(ctx);
  const ce = { values, inbound: ctx.inbound ?? (() => []) };
  const typeErrors = typeLevelErrors(ctx.snapshot.errors);

  const ordered = [...rules].sort((a, b) => severityRank(a.meta.severity) - severityRank(b.meta.severity) || cmp(a.meta.id, b.meta.id));
  const results: Result[] = [];
  const accessMatrix: AccessCell[] = [];
  const costs: EnvironmentCost[] = [];

  for (const rule of ordered) {
    let ruleResults: Result[];
    if (rule.analysis) {
      const analysis = analyses[rule.analysis.name];
      if (!analysis) throw new Error(`rule ${rule.meta.id}: unknown analysis '${rule.analysis.name}'`);
      // Summary mode: the analysis may count passes itself (ctx.countPass) instead of building them.
      const counts = summary ? new PassCounter() : undefined;
      // Set on the context itself, not a copy: analyses cache shared indexes per context object.
      const prevCount = ctx.countPass;
      if (counts) ctx.countPass = (env) => counts.add(env);
      let out: Outcome[] | AnalysisReport;
      try {
        out = analysis.run(ctx, rule.analysis.options as never);
      } finally {
        if (prevCount !== undefined) ctx.countPass = prevCount;
        else delete ctx.countPass;
      }
      const report: AnalysisReport = Array.isArray(out) ? { outcomes: out } : out;
      if (report.accessMatrix) accessMatrix.push(...report.accessMatrix);
      if (report.costs) costs.push(...report.costs);
      const convert = outcomeConverter(rule.meta, refs, locator);
      if (counts) {
        ruleResults = [];
        for (const o of report.outcomes) {
          if (o.status === 'pass') counts.add(refs.environmentOf(o));
          else ruleResults.push(convert(o));
        }
        counts.into(rule.meta.id, passCounts);
      } else ruleResults = report.outcomes.map(convert);
    } else {
      const reads: Reads = { env: false, config: false };
      const compiled: CompiledRule = {
        rule,
        reads,
        applicability: rule.applicability ? compileCondition(rule.applicability, { ...ce, specUnsetIsFalse: true }, reads) : undefined,
        check: rule.check ? compileCondition(rule.check, ce, reads) : undefined,
        where: rule.each?.where ? compileCondition(rule.each.where, { ...ce, specUnsetIsFalse: true }, reads) : undefined,
        eachSegs: rule.each ? rule.each.env.split('.') : undefined,
      };
      if (rule.each) reads.env = true;
      const counts = summary ? new PassCounter() : undefined;
      ruleResults = runDeclarative(compiled, ctx, values, locator, refs, typeErrors, counts);
      counts?.into(rule.meta.id, passCounts);
    }
    for (const r of sortRuleResults(ruleResults)) results.push(r);
  }

  const metas: RuleMeta[] = rules.map((r) => r.meta).sort((a, b) => cmp(a.id, b.id));
  accessMatrix.sort((a, b) => cmp(a.team, b.team) || cmp(a.environment, b.environment));
  costs.sort((a, b) => cmp(a.environment, b.environment));
  const evaluation = { results, rules: metas, accessMatrix, costs } as Evaluation;
  lazyAttributionTable(evaluation, ctx.attribution);
  if (summary) evaluation.passCounts = passCounts;
  return evaluation;
}

/** Passes of one rule per environment (summary mode); emitted sorted, unattributed last. */
class PassCounter {
  private readonly byEnv = new Map<string | null, number>();
  add(env: string | null): void {
    this.byEnv.set(env, (this.byEnv.get(env) ?? 0) + 1);
  }
  into(ruleId: string, out: PassCount[]): void {
    const envs = [...this.byEnv.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
    for (const environment of envs) out.push({ ruleId, environment, passes: this.byEnv.get(environment)! });
  }
}

function runDeclarative(
  c: CompiledRule,
  ctx: IndexedContext,
  values: SpecValues,
  locator: SpecLocator,
  refs: RefCache,
  typeErrors: Map<string, CollectionError[]>,
  passCounter?: PassCounter,
): Result[] {
  const { meta } = c.rule;
  const out: Result[] = [];
  const types = meta.resourceTypes.includes('*') ? [...ctx.byType.keys()].sort(cmp) : [...new Set(meta.resourceTypes)].sort(cmp);
  // Per rule: locations per environment (and item index), and shared evidence of passes.
  const locs = new Map<string, SpecLocation | undefined>();
  const locate = (env: string | null, index: number | undefined): SpecLocation | undefined => {
    const k = index === undefined ? (env ?? '\u0000') : `${env ?? '\u0000'}\u0000${index}`;
    let loc = locs.get(k);
    if (loc === undefined && !locs.has(k)) locs.set(k, (loc = locator.locate(meta.requirement, env, index)));
    return loc;
  };
  const passEvidence = new PassEvidence();
  const passSuffix = `: ${meta.title}`;
  const failPrefix = ` fails "${meta.title}"`;
  const make = (e: RefEntry, status: Result['status'], message: string, evidence: Result['evidence'], env: string | null, index?: number, reason?: string): Result => {
    const res: Result = {
      ruleId: meta.id,
      status,
      severity: meta.severity,
      category: meta.category,
      resource: e.ref,
      message,
      evidence,
      fingerprint: fingerprintOfNormalised(meta.id, e.fpArn),
    };
    const loc = locate(env, index);
    if (loc) res.specLocation = loc;
    if (reason !== undefined) res.reason = reason;
    return res;
  };
  const each = c.rule.each;
  const selectAll = (each?.select ?? 'first') !== 'first';
  // One scope object per rule, updated per resource and item (conditions never keep it).
  const scope: Scope = { resource: undefined as unknown as Resource, env: null, item: undefined, value: undefined, top: true };

  for (const type of types) {
    const resources = ctx.byType.get(type) ?? [];
    const positions = ctx.typePositions.get(type) ?? [];
    const envs = refs.environmentsOfType(type);
    // The resource's entry (reference, label) is made only when it gets a result.
    const entryAt = (ri: number): RefEntry => refs.at(positions[ri]!);
    for (let ri = 0; ri < resources.length; ri++) {
      const r = resources[ri]!;
      const env = envs[ri] ?? null;
      if (c.reads.env && env === null) continue;
      scope.resource = r;
      scope.env = env;
      scope.item = undefined;
      scope.value = r;
      if (c.applicability) {
        const a = c.applicability(scope, null);
        if (a === FALSE) continue;
        if (a === UNKNOWN) {
          const t: Trace = { leaves: [], missing: [] };
          c.applicability(scope, t);
          const e = entryAt(ri);
          out.push(make(e, 'not-evaluated', `${e.label}: could not tell whether "${meta.title}" applies`, {}, env, undefined, reasonFor(t, r, ctx)));
          continue;
        }
      }
      if (c.reads.config && typeErrors.size > 0) {
        const errs = typeErrorsOf(typeErrors, type, r.accountId)?.filter((x) => x.region === r.region || x.region === 'global');
        if (errs && errs.length > 0) {
          const e = entryAt(ri);
          out.push(make(e, 'not-evaluated', `${e.label}: not evaluated, ${type} collection was incomplete`, {}, env, undefined, errs.map(describeError).join('; ')));
          continue;
        }
      }
      if (!c.check) continue;
      let index: number | undefined;
      let items: { item: unknown; index: number }[] = NO_ITEMS;
      if (c.eachSegs) {
        const list = env === null ? undefined : values.env(env, c.eachSegs, each!.env);
        if (!Array.isArray(list)) continue;
        items = [];
        for (let i = 0; i < list.length; i++) {
          scope.item = list[i];
          if (c.where && c.where(scope, null) !== TRUE) continue;
          items.push({ item: list[i], index: i });
          if (!selectAll) break;
        }
        if (items.length === 0) continue;
      }
      if (passCounter) {
        // Summary mode needs no evidence for passes: check untraced first, trace only the rest.
        let allTrue = true;
        for (const it of items) {
          scope.item = it.item;
          if (c.check(scope, null) !== TRUE) {
            allTrue = false;
            break;
          }
        }
        if (allTrue) {
          passCounter.add(env);
          continue;
        }
      }
      let status: Result['status'] = 'pass';
      let first: Trace | undefined;
      let worst: Trace | undefined;
      for (const it of items) {
        const t: Trace = { leaves: [], missing: [] };
        scope.item = it.item;
        const v = c.check(scope, t);
        first ??= t;
        if (v === FALSE && status !== 'fail') {
          status = 'fail';
          worst = t;
          index = it.index >= 0 ? it.index : undefined;
        } else if (v === UNKNOWN && status === 'pass') {
          status = 'not-evaluated';
          worst = t;
          index = it.index >= 0 ? it.index : undefined;
        }
      }
      if (status === 'pass' && passCounter) {
        passCounter.add(env);
        continue;
      }
      const e = entryAt(ri);
      if (status === 'pass') {
        if (index === undefined && items[0]!.index >= 0) index = items[0]!.index;
        out.push(make(e, 'pass', e.label + passSuffix, passEvidence.of(first!.leaves), env, index));
      } else if (status === 'fail') {
        const failing = worst!.leaves.find((l) => l.result === FALSE) ?? worst!.leaves[0];
        const why = failing ? ` (${describeLeaf(failing)})` : '';
        out.push(make(e, 'fail', `${e.label}${failPrefix}${why}`, evidenceFrom(worst!.leaves, true), env, index));
      } else {
        out.push(make(e, 'not-evaluated', `${e.label}: could not evaluate "${meta.title}"`, evidenceFrom(worst!.leaves, true), env, index, reasonFor(worst!, r, ctx)));
      }
    }
  }
  out.push(...coverageGaps(c, types, ctx, locator));
  return out;
}

const NO_ITEMS: { item: unknown; index: number }[] = [{ item: undefined, index: -1 }];

/** A type that could not be listed leaves resources unseen: one not-evaluated per gap. */
function coverageGaps(c: CompiledRule, types: string[], ctx: EngineContext, locator: SpecLocator): Result[] {
  const { meta } = c.rule;
  const out: Result[] = [];
  const seen = new Set<string>();
  for (const type of types) {
    for (const e of ctx.errorsAffecting(type)) {
      if (e.resourceArn !== undefined) continue;
      const arn = `arn:aws:envgate:${e.region}:${e.accountId}:coverage/${type}`;
      if (seen.has(arn)) continue;
      seen.add(arn);
      const env = environmentOfAccount(ctx, e.accountId, e.region);
      const res: Result = {
        ruleId: meta.id,
        status: 'not-evaluated',
        severity: meta.severity,
        category: meta.category,
        resource: { arn, accountId: e.accountId, region: e.region, type, name: `${type} in ${e.accountId}/${e.region}`, environment: env },
        message: `${type} in account ${e.accountId} region ${e.region} could not be inventoried; "${meta.title}" not evaluated there`,
        evidence: {},
        fingerprint: fingerprint(meta.id, arn),
        reason: describeError(e),
      };
      const loc = locator.locate(meta.requirement, env);
      if (loc) res.specLocation = loc;
      out.push(res);
    }
  }
  return out;
}

function environmentOfAccount(ctx: EngineContext, accountId: string, region: string): string | null {
  const envs = Object.entries(ctx.spec.spec.environments)
    .filter(([, e]) => (e.accounts ?? []).some((a) => a.id === accountId) && (region === 'global' || (e.regions ?? []).length === 0 || e.regions.includes(region)))
    .map(([n]) => n);
  return envs.length === 1 ? envs[0]! : null;
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

function typeLevelErrors(errors: readonly CollectionError[]): Map<string, CollectionError[]> {
  const m = new Map<string, CollectionError[]>();
  for (const e of errors) {
    if (e.resourceArn !== undefined) continue;
    for (const area of e.affects) {
      const k = `${area}\u0000${e.accountId}`;
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    }
  }
  return m;
}

/** Type-level errors for a type in an account, including '*' (the account was unreachable). */
function typeErrorsOf(m: Map<string, CollectionError[]>, type: string, accountId: string): CollectionError[] | undefined {
  const own = m.get(`${type}\u0000${accountId}`);
  const all = type === '*' ? undefined : m.get(`*\u0000${accountId}`);
  return own && all ? [...own, ...all] : (own ?? all);
}

function reasonFor(t: Trace, r: Resource, ctx: EngineContext): string {
  const errs = ctx.errorsAffecting(r.type, r.accountId, r.region).filter((e) => e.resourceArn === undefined || e.resourceArn === r.arn);
  const parts = [...new Set(t.missing)];
  for (const e of errs) parts.push(describeError(e));
  return parts.length > 0 ? parts.join('; ') : 'required data missing';
}
