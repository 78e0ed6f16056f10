// Declarative rules: each compiled rule is checked on the resources of its types (index
// by type), so cost is linear in resources x rules. The loop holds only the common path
// (skip, or an untraced pass); everything that builds a result is a method of RuleRun,
// so the loop stays small for V8 to optimise (on one core, compile time is evaluation
// time).
import type { Result, SpecLocation } from '../model/result.js';
import type { CollectionError, Resource } from '../model/snapshot.js';
import type { IndexedContext } from './context.js';
import type { Rule } from './rule.js';
import { compileCondition, compileSplit, FALSE, TRUE, UNKNOWN, type CompileEnv, type Compiled, type Reads, type Scope, type SplitCondition, type Trace, type Tri } from './conditions.js';
import { fingerprintOfNormalised } from '../util/fingerprint.js';
import type { SpecValues } from './refs.js';
import { cmp, evidenceFrom, PassEvidence, type RefCache, type RefEntry } from './results.js';
import { compileTemplate, fallbackMessage, renderTemplate, type Template } from './messages.js';
import type { SpecLocator } from './spec-location.js';
import { describeError, reasonFor, typeErrorsOf } from './collection-errors.js';
import { coverageGaps, coverageTypes } from './coverage-gaps.js';
import type { PassCounter } from './pass-counter.js';
import { EnvMemo } from './env-memo.js';
import { exemptEvidence, exemptionsOf, type ExemptionIndex, type ExemptionKind } from './exemptions.js';
import { INBOUND_SOURCES } from './inbound-sources.js';

export interface CompiledRule {
  rule: Rule;
  applicability?: SplitCondition;
  check?: Compiled;
  where?: Compiled;
  eachSegs?: string[];
  /** The rule's `message`: the words of a failure whose comparison carries none. */
  message?: Template;
  reads: Reads;
}

/** What every declarative rule of one evaluation shares. */
export interface DeclarativeEnv {
  ctx: IndexedContext;
  values: SpecValues;
  locator: SpecLocator;
  refs: RefCache;
  /** Type-level collection errors by `type\0account` (typeLevelErrors). */
  typeErrors: Map<string, CollectionError[]>;
  /** Positions of resources the spec's exclusions take out: no rule judges them. */
  excluded?: ReadonlySet<number>;
  /** Summary mode: positions whose passes are listed, not counted (tags unknown: unknown-tags.ts settles them). */
  listPasses?: ReadonlySet<number>;
}

export function compileRule(rule: Rule, ce: CompileEnv): CompiledRule {
  const reads: Reads = { env: false, config: false };
  const compiled: CompiledRule = {
    rule,
    reads,
    applicability: rule.applicability ? compileSplit(rule.applicability, { ...ce, specUnsetIsFalse: true }, reads) : undefined,
    check: rule.check ? compileCondition(rule.check, ce, reads) : undefined,
    where: rule.each?.where ? compileCondition(rule.each.where, { ...ce, specUnsetIsFalse: true }, reads) : undefined,
    eachSegs: rule.each ? rule.each.env.split('.') : undefined,
    message: rule.message !== undefined ? compileTemplate(rule.message) : undefined,
  };
  if (rule.each) reads.env = true;
  return compiled;
}

/** The declarative rules of an evaluation, run in position windows: each call judges the resources at positions [from, to). */
export interface DeclarativeRunner {
  window(from: number, to: number): void;
  /** Each rule's results of every window so far, then its coverage gaps. */
  finish(): Result[][];
}

/**
 * Runs every declarative rule of an evaluation, window by window (one window of all
 * positions, or a sharded scan's windows, whose full records it swaps in one at a time);
 * finish() gives each rule's results (in the order of `rules`). The loop is by type, then
 * resource, then rule: each resource is read from memory once for all the rules of its
 * type instead of once per rule, and the loop meets every rule's conditions from its first
 * resource on, so V8 optimises it once for all of them. `counters[i]` counts rule i's
 * passes (summary mode) when given. Windows in ascending order give each rule the same
 * results as one window of everything.
 */
export function declarativeRunner(rules: readonly CompiledRule[], de: DeclarativeEnv, counters: readonly (PassCounter | undefined)[]): DeclarativeRunner {
  const { ctx, refs, excluded, listPasses } = de;
  const allTypes = [...ctx.byType.keys()].sort(cmp);
  const runs = rules.map((c, i) => new RuleRun(c, de, counters[i]));
  const typesOf = rules.map((c) => (c.rule.meta.resourceTypes.includes('*') ? allTypes : [...new Set(c.rule.meta.resourceTypes)].sort(cmp)));
  // One scope object, updated per resource and rule (conditions never keep it).
  const scope: Scope = { resource: undefined as unknown as Resource, env: null, item: undefined, value: undefined, top: true };
  const heres = allTypes.map((type) => runs.filter((_, i) => typesOf[i]!.includes(type)));

  const window = (from: number, to: number): void => {
    for (let t = 0; t < allTypes.length; t++) {
      const type = allTypes[t]!;
      const here = heres[t]!;
      if (here.length === 0) continue;
      const resources = ctx.byType.get(type) ?? [];
      const envs = refs.environmentsOfType(type);
      const positions = ctx.typePositions.get(type) ?? [];
      const lo = from <= 0 ? 0 : firstAtOrAfter(positions, from);
      const hi = to === Infinity ? resources.length : firstAtOrAfter(positions, to);
      if (lo >= hi) continue;
      for (const run of here) run.startType(positions);
      let listing = false;
      for (let ri = lo; ri < hi; ri++) {
        if (excluded !== undefined && excluded.has(positions[ri]!)) continue;
        if (listPasses !== undefined && listPasses.has(positions[ri]!) !== listing) {
          listing = !listing;
          for (const run of here) run.listPasses(listing);
        }
        const env = envs[ri] ?? null;
        const r = resources[ri]!;
        scope.resource = r;
        scope.env = env;
        for (let k = 0; k < here.length; k++) {
          const run = here[k]!;
          if (run.needsEnv && env === null) continue;
          scope.item = undefined;
          scope.value = r;
          let a: Tri = TRUE;
          if (run.applicability) {
            a = applies(run.applicability, scope, run.fixedByEnv);
            if (a === FALSE) continue;
          }
          if (run.exempt && run.leftOut(scope, ri)) continue;
          if (a === UNKNOWN) {
            run.applicabilityUnknown(scope, ri);
            continue;
          }
          if (run.gaps && run.incomplete(type, r, env, ri)) continue;
          const check = run.check;
          if (!check) continue;
          if (run.quickPass && check(scope, null) === TRUE) {
            run.quickPass.add(env);
            continue;
          }
          run.judge(scope, ri);
        }
      }
      if (listing) for (const run of here) run.listPasses(false);
    }
  };
  const finish = (): Result[][] => {
    const listed = coverageTypes(ctx, allTypes);
    return runs.map((run, i) => [...run.out, ...coverageGaps(rules[i]!.rule.meta, rules[i]!.rule.meta.resourceTypes.includes('*') ? listed : typesOf[i]!, ctx, de.locator)]);
  };
  return { window, finish };
}

/** The first index of an ascending list whose value is at least `p` (its length when none). */
function firstAtOrAfter(sorted: readonly number[], p: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Untraced applicability: the fixed part from `fixedByEnv` (filled on first use), then the varying part. */
export function applies(a: SplitCondition, scope: Scope, fixedByEnv: EnvMemo<Tri>): Tri {
  let f: Tri = TRUE;
  if (a.fixed) {
    const i = fixedByEnv.index(scope.env);
    f = i >= 0 ? fixedByEnv.at(i) : fixedByEnv.add(scope.env, a.fixed(scope, null));
    if (f === FALSE) return FALSE;
  }
  const v = a.varying ? a.varying(scope, null) : TRUE;
  return v === FALSE ? FALSE : f === UNKNOWN || v === UNKNOWN ? UNKNOWN : TRUE;
}

const NO_ITEMS: { item: unknown; index: number }[] = [{ item: undefined, index: -1 }];

/** One rule's run: its results so far, and every path that makes a result. */
class RuleRun {
  readonly out: Result[] = [];
  /** Positions (in snapshot.resources) of the current type's resources. */
  private positions: readonly number[] = [];
  /** The fixed part of applicability has one verdict per environment within a type. */
  fixedByEnv = new EnvMemo<Tri>();
  readonly applicability: SplitCondition | undefined;
  readonly check: Compiled | undefined;
  readonly needsEnv: boolean;
  /** Whether type-level collection errors can leave this rule's data out. */
  readonly gaps: boolean;
  /** Types whose resources hold the inbound relations the rule reads (alarms for `monitors`). */
  private readonly sourceTypes: readonly string[];
  /** Summary mode, one item: an untraced TRUE is a counted pass and nothing more. */
  quickPass: PassCounter | undefined;
  /** What the rule leaves out (rule file `exempt`), with the index that tells. */
  readonly exempt: { kinds: readonly ExemptionKind[]; index: ExemptionIndex } | undefined;
  private readonly locs = new Map<string, SpecLocation | undefined>();
  private readonly eachLists = new Map<string, unknown>();
  private readonly passEvidence = new PassEvidence();
  private readonly passSuffix: string;
  private readonly selectAll: boolean;
  /** The counter while passes are counted; undefined while they are listed. */
  private passCounter: PassCounter | undefined;

  constructor(
    private readonly c: CompiledRule,
    private readonly de: DeclarativeEnv,
    private readonly counter: PassCounter | undefined,
  ) {
    const { meta } = c.rule;
    this.passSuffix = `: ${meta.title}`;
    this.selectAll = (c.rule.each?.select ?? 'first') !== 'first';
    this.applicability = c.applicability;
    this.check = c.check;
    this.needsEnv = c.reads.env;
    this.sourceTypes = [...new Set((c.reads.inbound ?? []).flatMap((k) => INBOUND_SOURCES[k] ?? []))].sort(cmp);
    this.gaps = (c.reads.config || this.sourceTypes.length > 0) && de.typeErrors.size > 0;
    this.passCounter = counter;
    this.quickPass = counter !== undefined && c.eachSegs === undefined ? counter : undefined;
    this.exempt = c.rule.exempt && c.rule.exempt.length > 0 ? { kinds: c.rule.exempt, index: exemptionsOf(de.ctx) } : undefined;
  }

  /** A pass naming the reason when the rule leaves the resource out (furniture, team principal); not-evaluated when that cannot be told. */
  leftOut(scope: Scope, ri: number): boolean {
    const x = this.exempt!.index.at(this.exempt!.kinds, this.positions[ri]!);
    if (x === undefined) {
      const unknown = this.exempt!.index.unknownAt(this.exempt!.kinds, this.positions[ri]!);
      if (unknown === undefined) return false;
      const e = this.entry(ri);
      this.push(e, 'not-evaluated', `${e.label}: could not tell whether "${this.c.rule.meta.title}" applies: it may take its environment from a resource that could not be listed`, {}, scope.env, undefined, unknown);
      return true;
    }
    if (this.passCounter) {
      this.passCounter.add(scope.env, true);
      return true;
    }
    const e = this.entry(ri);
    this.push(e, 'pass', `${e.label}: left out of "${this.c.rule.meta.title}": ${x.reason}`, exemptEvidence(x), scope.env);
    return true;
  }

  /** Summary mode: list this resource's passes as results instead of counting them. */
  listPasses(on: boolean): void {
    this.passCounter = on ? undefined : this.counter;
    this.quickPass = on || this.c.eachSegs !== undefined ? undefined : this.counter;
  }

  startType(positions: readonly number[]): void {
    this.positions = positions;
    this.fixedByEnv = new EnvMemo();
  }

  private entry(ri: number): RefEntry {
    return this.de.refs.at(this.positions[ri]!);
  }

  private locate(env: string | null, index: number | undefined): SpecLocation | undefined {
    const k = index === undefined ? (env ?? '\u0000') : `${env ?? '\u0000'}\u0000${index}`;
    let loc = this.locs.get(k);
    if (loc === undefined && !this.locs.has(k)) this.locs.set(k, (loc = this.de.locator.locate(this.c.rule.meta.requirement, env, index)));
    return loc;
  }

  private push(e: RefEntry, status: Result['status'], message: string, evidence: Result['evidence'], env: string | null, index?: number, reason?: string): void {
    const { meta } = this.c.rule;
    const res: Result = {
      ruleId: meta.id,
      status,
      severity: meta.severity,
      category: meta.category,
      resource: e.ref,
      environments: e.environments,
      message,
      evidence,
      fingerprint: fingerprintOfNormalised(meta.id, e.fpArn),
    };
    const loc = this.locate(env, index);
    if (loc) res.specLocation = loc;
    if (reason !== undefined) res.reason = reason;
    this.out.push(res);
  }

  applicabilityUnknown(scope: Scope, ri: number): void {
    const t: Trace = { leaves: [], missing: [] };
    this.c.applicability!.whole(scope, t);
    const e = this.entry(ri);
    this.push(e, 'not-evaluated', `${e.label}: could not tell whether "${this.c.rule.meta.title}" applies`, {}, scope.env, undefined, reasonFor(t, scope.resource, this.de.ctx));
  }

  /** A not-evaluated result when a type-level collection error left the resource's data out. */
  incomplete(type: string, r: Resource, env: string | null, ri: number): boolean {
    const here = (x: CollectionError) => x.region === r.region || x.region === 'global';
    const own = this.c.reads.config ? (typeErrorsOf(this.de.typeErrors, type, r.accountId)?.filter(here) ?? []) : [];
    // An inbound relation read from resources that could not be listed would count none.
    const sources = this.sourceTypes.flatMap((t) => (t === type && own.length > 0 ? [] : (typeErrorsOf(this.de.typeErrors, t, r.accountId)?.filter(here) ?? [])));
    const errs = [...new Set([...own, ...sources])];
    if (errs.length === 0) return false;
    const e = this.entry(ri);
    const what = own.length > 0 ? type : this.sourceTypes.join(', ');
    this.push(e, 'not-evaluated', `${e.label}: not evaluated, ${what} collection was incomplete`, {}, env, undefined, errs.map(describeError).join('; '));
    return true;
  }

  /** The spec list an `each` rule iterates, per environment (looked up once per environment). */
  private eachList(env: string): unknown {
    let list = this.eachLists.get(env);
    if (list === undefined && !this.eachLists.has(env)) this.eachLists.set(env, (list = this.de.values.env(env, this.c.eachSegs!, this.c.rule.each!.env)));
    return list;
  }

  /**
   * `TYPE 'name': <what was observed; what the spec requires>`, from the template of the
   * first comparison that decided the failure, else the rule's, else words made from it.
   */
  private failMessage(e: RefEntry, t: Trace, env: string | null, item: unknown): string {
    let leaf = t.leaves.find((l) => l.result === FALSE) ?? t.leaves[0];
    // Within the deciding group, a comparison of the resource's own value says what was observed.
    const own = leaf && t.leaves.find((l) => l.result === FALSE && l.message === leaf!.message && !/^(item|env|spec):/.test(l.subject));
    if (own) leaf = own;
    if (!leaf) return `${e.label} fails "${this.c.rule.meta.title}"`;
    const ms = { leaf, environment: env, name: e.ref.name, type: e.ref.type, item };
    const template = leaf.message ?? this.c.message;
    return `${e.label}: ${template ? renderTemplate(template, ms) : fallbackMessage(ms)}`;
  }

  /** The check over the resource's items (or the resource), traced where a result needs evidence. */
  judge(scope: Scope, ri: number): void {
    const { c, passCounter } = this;
    const check = c.check!;
    const env = scope.env;
    let items = NO_ITEMS;
    if (c.eachSegs) {
      const list = env === null ? undefined : this.eachList(env);
      if (!Array.isArray(list)) return;
      if (passCounter && !this.selectAll) {
        // Summary mode, first matching item: a pass is counted without building the item list.
        let first = -1;
        for (let i = 0; i < list.length && first < 0; i++) {
          scope.item = list[i];
          if (!c.where || c.where(scope, null) === TRUE) first = i;
        }
        if (first < 0) return;
        scope.item = list[first];
        if (check(scope, null) === TRUE) {
          passCounter.add(env);
          return;
        }
        items = [{ item: list[first], index: first }];
      } else {
        items = [];
        for (let i = 0; i < list.length; i++) {
          scope.item = list[i];
          if (c.where && c.where(scope, null) !== TRUE) continue;
          items.push({ item: list[i], index: i });
          if (!this.selectAll) break;
        }
        if (items.length === 0) return;
        if (passCounter) {
          // Summary mode needs no evidence for passes: check untraced first, trace only the rest.
          let allTrue = true;
          for (const it of items) {
            scope.item = it.item;
            if (check(scope, null) !== TRUE) {
              allTrue = false;
              break;
            }
          }
          if (allTrue) {
            passCounter.add(env);
            return;
          }
        }
      }
    }
    let index: number | undefined;
    let status: Result['status'] = 'pass';
    let first: Trace | undefined;
    let worst: Trace | undefined;
    let worstItem: unknown;
    for (const it of items) {
      const t: Trace = { leaves: [], missing: [] };
      scope.item = it.item;
      const v = check(scope, t);
      first ??= t;
      if (v === FALSE && status !== 'fail') {
        status = 'fail';
        worst = t;
        worstItem = it.item;
        index = it.index >= 0 ? it.index : undefined;
      } else if (v === UNKNOWN && status === 'pass') {
        status = 'not-evaluated';
        worst = t;
        index = it.index >= 0 ? it.index : undefined;
      }
    }
    if (status === 'pass' && passCounter) {
      passCounter.add(env);
      return;
    }
    const e = this.entry(ri);
    if (status === 'pass') {
      if (index === undefined && items[0]!.index >= 0) index = items[0]!.index;
      this.push(e, 'pass', e.label + this.passSuffix, this.passEvidence.of(first!.leaves), env, index);
    } else if (status === 'fail') {
      this.push(e, 'fail', this.failMessage(e, worst!, env, worstItem), evidenceFrom(worst!.leaves, true), env, index);
    } else {
      this.push(e, 'not-evaluated', `${e.label}: could not evaluate "${c.rule.meta.title}"`, evidenceFrom(worst!.leaves, true), env, index, reasonFor(worst!, scope.resource, this.de.ctx));
    }
  }
}
