// Turning checks and analysis outcomes into Results: resource references (one object per
// resource, shared by all its results), evidence from traces, messages, and ordering.
import type { Outcome } from './context.js';
import type { Leaf } from './conditions.js';
import type { EngineContext } from './context.js';
import type { Resource } from '../model/snapshot.js';
import type { Result, ResourceRef, Severity } from '../model/result.js';
import { SEVERITIES } from '../model/result.js';

export class RefCache {
  private readonly refs = new Map<string, ResourceRef>();
  private principals: Map<string, { accountId: string; type: string; name: string }> | undefined;
  constructor(private readonly ctx: EngineContext) {}

  forResource(r: Resource): ResourceRef {
    let ref = this.refs.get(r.arn);
    if (!ref) {
      const environment = this.ctx.attribution.get(r.arn)?.environment ?? null;
      ref = { arn: r.arn, accountId: r.accountId, region: r.region, type: r.type, name: r.name, environment };
      this.refs.set(r.arn, ref);
    }
    return ref;
  }

  /** For analysis outcomes: a snapshot resource, the outcome's own description, a principal, or the ARN's parts. */
  forOutcome(o: Outcome): ResourceRef {
    const r = this.ctx.byArn.get(o.arn);
    if (r) return this.forResource(r);
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

export function describeLeaf(l: Leaf): string {
  return `${l.subject} is ${short(l.observed)}, expected ${l.op} ${short(l.expected)}`;
}

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
