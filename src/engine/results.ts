// Turning checks and analysis outcomes into Results: resource references (one object per
// resource, shared by all its results), evidence from traces, messages, and ordering.
import type { Outcome } from './context.js';
import type { Leaf } from './conditions.js';
import type { IndexedContext } from './context.js';
import type { Result, ResourceRef, Severity } from '../model/result.js';
import { SEVERITIES } from '../model/result.js';
import { normaliseArn } from '../util/fingerprint.js';

/**
 * What every result about one resource shares: its reference, label and fingerprint ARN.
 * The label and fingerprint ARN are made on first use and kept: in summary mode most
 * resources only pass, and a million labels nobody reads are garbage for nothing.
 */
export class RefEntry {
  private labelCache: string | undefined;
  private fpArnCache: string | undefined;
  constructor(readonly ref: ResourceRef) {}

  /** `TYPE 'name'`, the start of every message about the resource. */
  get label(): string {
    return (this.labelCache ??= `${this.ref.type} '${this.ref.name}'`);
  }

  /** The environments of a result about this resource alone: [its environment], or []. */
  get environments(): readonly string[] {
    return subjectEnvironments(this.ref.environment);
  }

  /** normaliseArn(arn), computed once instead of once per result. */
  get fpArn(): string {
    return (this.fpArnCache ??= normaliseArn(this.ref.arn));
  }
}

export class RefCache {
  /** By position in snapshot.resources, made on first use (most resources only pass). */
  private readonly entries: (RefEntry | undefined)[];
  private readonly envsByType = new Map<string, readonly (string | null)[]>();
  private principals: Map<string, { accountId: string; type: string; name: string }> | undefined;
  constructor(private readonly ctx: IndexedContext) {
    this.entries = new Array<RefEntry | undefined>(ctx.snapshot.resources.length);
  }

  /**
   * The entry of the resource at position `p`. A duplicated ARN's resources each keep
   * their own reference (name, type); they share the ARN's environment and fingerprint.
   */
  at(p: number): RefEntry {
    let e = this.entries[p];
    if (e === undefined) {
      const r = this.ctx.snapshot.resources[p]!;
      const environment = this.ctx.resourceAttribution[p]?.environment ?? null;
      this.entries[p] = e = new RefEntry({ arn: r.arn, accountId: r.accountId, region: r.region, type: r.type, name: r.name, environment });
    }
    return e;
  }

  /** Environments of ctx.byType.get(type), parallel to it (computed once per type). */
  environmentsOfType(type: string): readonly (string | null)[] {
    let envs = this.envsByType.get(type);
    if (envs === undefined) {
      const recs = this.ctx.resourceAttribution;
      envs = (this.ctx.typePositions.get(type) ?? []).map((p) => recs[p]?.environment ?? null);
      this.envsByType.set(type, envs);
    }
    return envs;
  }

  /** For analysis outcomes: the snapshot resource's entry, or undefined when the arn is not one. */
  entryOfArn(arn: string): RefEntry | undefined {
    const p = this.ctx.positionOf(arn);
    return p === undefined ? undefined : this.at(p);
  }

  /** The environment an outcome's result would carry (forOutcome's), without building the ref. */
  environmentOf(o: Outcome): string | null {
    const e = this.entryOfArn(o.arn);
    if (e) return e.ref.environment;
    if (o.resource) return o.resource.environment;
    return this.ctx.attribution.get(o.arn)?.environment ?? null;
  }

  /** For analysis outcomes: a snapshot resource, the outcome's own description, a principal, or the ARN's parts. */
  forOutcome(o: Outcome): ResourceRef {
    const e = this.entryOfArn(o.arn);
    if (e) return e.ref;
    if (o.resource) return { arn: o.arn, ...o.resource };
    const p = this.principalIndex().get(o.arn);
    const environment = this.ctx.attribution.get(o.arn)?.environment ?? null;
    if (p) return { arn: o.arn, accountId: p.accountId, region: 'global', type: p.type, name: p.name, environment };
    const parts = o.arn.split(':');
    return { arn: o.arn, accountId: parts[4] ?? '', region: parts[3] || 'global', type: '', name: parts.slice(5).join(':'), environment };
  }

  private principalIndex() {
    if (!this.principals) {
      const kinds = { user: 'AWS::IAM::User', group: 'AWS::IAM::Group', role: 'AWS::IAM::Role' } as const;
      this.principals = new Map(this.ctx.principals.map((p) => [p.arn, { accountId: p.accountId, type: kinds[p.kind], name: p.name }]));
    }
    return this.principals;
  }
}

const NO_ENVIRONMENTS: readonly string[] = Object.freeze([]);
// One frozen [env] per environment name, shared by every result about that environment
// alone (a million passes need a handful of arrays, not a million).
const single = new Map<string, readonly string[]>();

/** [env] (interned), or [] for an unattributed subject. */
export function subjectEnvironments(env: string | null): readonly string[] {
  if (env === null) return NO_ENVIRONMENTS;
  let l = single.get(env);
  if (l === undefined) {
    if (single.size > 1024) single.clear();
    single.set(env, (l = Object.freeze([env])));
  }
  return l;
}

/** The subject's environment and the others an outcome names, sorted and distinct. */
export function involvedEnvironments(own: string | null, others: readonly string[] | undefined): readonly string[] {
  if (others === undefined || others.length === 0 || (others.length === 1 && others[0] === own)) return subjectEnvironments(own);
  const all = new Set(others);
  if (own !== null) all.add(own);
  return [...all].sort(cmp);
}

/** Observed vs expected from the leaves a check looked at (failing ones first for fails). */
export function evidenceFrom(leaves: Leaf[], failed: boolean): { observed?: unknown; expected?: unknown } {
  let use = failed ? leaves.filter((l) => l.result !== 1) : leaves;
  if (use.length === 0) use = leaves;
  if (use.length === 1) {
    const l = use[0]!;
    return { observed: l.observed, expected: { [l.op]: l.expected } };
  }
  const observed: Record<string, unknown> = {};
  const expected: Record<string, Record<string, unknown>> = {};
  for (const l of use) {
    observed[l.subject] = l.observed;
    (expected[l.subject] ??= {})[l.op] = l.expected;
  }
  return { observed, expected };
}

/**
 * Evidence of passes, shared between results when identical: most passes of a rule in an
 * environment observe the same primitive against the same expected value, so one frozen
 * object serves them all (the JSON is the same; a million passes do not need a million
 * objects). Per rule run; stops interning once it has seen many distinct values.
 */
export class PassEvidence {
  private readonly cache = new Map<string, Map<unknown, Map<unknown, Evidence>>>();
  private size = 0;

  of(leaves: Leaf[]): Evidence {
    if (leaves.length !== 1 || this.size > 4096) return evidenceFrom(leaves, false);
    const l = leaves[0]!;
    const o = l.observed;
    if (o !== null && (typeof o === 'object' || typeof o === 'function')) return evidenceFrom(leaves, false);
    const k = `${l.subject}\u0000${l.op}`;
    let byExpected = this.cache.get(k);
    if (!byExpected) this.cache.set(k, (byExpected = new Map()));
    let byObserved = byExpected.get(l.expected);
    if (!byObserved) byExpected.set(l.expected, (byObserved = new Map()));
    let e = byObserved.get(o);
    if (!e) {
      e = Object.freeze({ observed: o, expected: Object.freeze({ [l.op]: l.expected }) });
      byObserved.set(o, e);
      this.size++;
    }
    return e;
  }
}

type Evidence = { observed?: unknown; expected?: unknown };

export function short(v: unknown): string {
  const s = v === undefined ? 'absent' : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

const RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

export function severityRank(s: Severity): number {
  return RANK.get(s) ?? SEVERITIES.length;
}

/** Orders one rule's results by environment (unattributed last), then arn. */
export function sortRuleResults(results: Result[]): Result[] {
  const byEnv = new Map<string, Result[]>();
  for (const r of results) {
    const k = r.resource.environment ?? '\uffff';
    const list = byEnv.get(k);
    if (list) list.push(r);
    else byEnv.set(k, [r]);
  }
  const out: Result[] = [];
  for (const k of [...byEnv.keys()].sort(cmp)) {
    const list = byEnv.get(k)!;
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) if (cmp(list[i - 1]!.resource.arn, list[i]!.resource.arn) > 0) sorted = false;
    if (!sorted) list.sort((a, b) => cmp(a.resource.arn, b.resource.arn) || cmp(a.status, b.status) || cmp(a.message, b.message));
    for (const r of list) out.push(r);
  }
  return out;
}

/** Code-unit order: locale-independent, so output is byte-identical everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
