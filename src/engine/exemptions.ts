// What a rule may leave out, by the rule file's `exempt` list: account furniture (unless
// the spec says `furniture: include`), team principals (IAM principals a `teams` matcher
// claims; the access matrix judges them, not the environment rules) and inherited
// resources (no tags of their own, their environment taken from what they are attached
// to: AWS creates an instance's root volume untagged). A left-out
// resource passes with the reason in its evidence, so nothing is dropped silently.
// Indexed once per evaluation context; linear in resources.
import type { Principal } from '../model/snapshot.js';
import type { EngineContext, Outcome } from './context.js';
import { describeError, listingGaps } from './collection-errors.js';
import { furnitureOf } from './furniture.js';
import { principalMatches } from './analyses/access-matrix.js';
import { recordsOfResources } from './analyses/support.js';

export const EXEMPTION_KINDS = ['furniture', 'team-principal', 'inherited'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

export interface Exemption {
  kind: ExemptionKind;
  /** Stable: a furniture code (`default-vpc`, ...), `team-principal` or `inherited`. */
  code: string;
  reason: string;
  /** For team principals: the claiming teams, sorted. */
  teams?: string[];
}

export interface ExemptionIndex {
  /** The first of `kinds` that applies to snapshot.resources[position]. */
  at(kinds: readonly ExemptionKind[], position: number): Exemption | undefined;
  /** The same by ARN (resources, and principals that are not resources). */
  of(kinds: readonly ExemptionKind[], arn: string): Exemption | undefined;
  /**
   * With `inherited` among `kinds`: why it cannot be told whether the resource at
   * `position` inherits (untagged, unattributed, and what it could inherit from could not
   * be listed), so a rule gives not-evaluated rather than a false failure.
   */
  unknownAt(kinds: readonly ExemptionKind[], position: number): string | undefined;
}

/** The evidence of a pass for a left-out resource (one frozen object per exemption). */
export function exemptEvidence(x: Exemption): { observed: string; expected: string; exempt: Exemption } {
  let e = evidenceCache.get(x);
  if (e === undefined) evidenceCache.set(x, (e = Object.freeze({ observed: x.code, expected: 'a resource the team owns', exempt: x })));
  return e;
}
const evidenceCache = new WeakMap<Exemption, { observed: string; expected: string; exempt: Exemption }>();

/** The outcome an analysis gives a left-out resource: `what` names it, the reason follows. */
export function exemptPass(arn: string, what: string, x: Exemption): Outcome {
  return { status: 'pass', arn, message: `${what}: ${x.reason}`, evidence: exemptEvidence(x) };
}

interface Entry {
  furniture?: Exemption;
  team?: Exemption;
  inherited?: Exemption;
  /** The listing errors that hide whether it inherits. */
  inheritUnknown?: string;
}

const cache = new WeakMap<EngineContext, ExemptionIndex>();

export function exemptionsOf(ctx: EngineContext): ExemptionIndex {
  let idx = cache.get(ctx);
  if (idx === undefined) cache.set(ctx, (idx = build(ctx)));
  return idx;
}

function build(ctx: EngineContext): ExemptionIndex {
  const resources = ctx.snapshot.resources;
  const byArn = new Map<string, Entry>();
  const entries = new Array<Entry | undefined>(resources.length);
  if (ctx.spec.spec.furniture !== 'include') {
    const defaultVpcs = new Set<string>();
    for (const v of ctx.byType.get('AWS::EC2::VPC') ?? []) if (v.config.isDefault === true && typeof v.config.vpcId === 'string') defaultVpcs.add(v.config.vpcId);
    const isDefaultVpc = (id: string) => defaultVpcs.has(id);
    for (let i = 0; i < resources.length; i++) {
      const f = furnitureOf(resources[i]!, isDefaultVpc);
      if (f === undefined) continue;
      const e: Entry = { furniture: Object.freeze({ kind: 'furniture', code: f.code, reason: `account furniture: ${f.reason}` }) };
      entries[i] = e;
      byArn.set(resources[i]!.arn, e);
    }
  }
  for (const [arn, teams] of teamClaims(ctx.principals, ctx.spec.spec.teams ?? {})) {
    const team: Exemption = Object.freeze({
      kind: 'team-principal',
      code: 'team-principal',
      reason: `team principal of ${teams.join(', ')}: not an environment resource; the access matrix judges its access`,
      teams,
    });
    const e = byArn.get(arn) ?? {};
    e.team = team;
    byArn.set(arn, e);
  }
  // Untagged and attributed only through what it is attached to: its tags are its owner's.
  const recs = recordsOfResources(ctx);
  for (let i = 0; i < resources.length; i++) {
    const rec = recs[i];
    if (rec === undefined || rec.environment === null || rec.evidence.length === 0 || !rec.evidence.every((x) => x.signal === 'relation')) continue;
    const r = resources[i]!;
    if (Object.keys(r.tags).length > 0) continue;
    const e = byArn.get(r.arn) ?? {};
    e.inherited = Object.freeze({ kind: 'inherited', code: 'inherited', reason: `no tags of its own; it takes its environment from what it belongs to (${rec.evidence.map((x) => x.detail).join(', ')}), whose tags are judged` });
    byArn.set(r.arn, e);
  }
  // Untagged and unattributed where a listing failed: it may have inherited from the unlisted.
  if (ctx.snapshot.errors.length > 0) {
    for (let i = 0; i < resources.length; i++) {
      const rec = recs[i];
      const r = resources[i]!;
      if ((rec !== undefined && rec.environment !== null) || Object.keys(r.tags).length > 0) continue;
      const gaps = listingGaps(ctx.snapshot.errors, r);
      if (gaps.length === 0) continue;
      const e = byArn.get(r.arn) ?? {};
      e.inheritUnknown = `untagged, and what it could take its environment from could not be listed: ${gaps.map(describeError).join('; ')}`;
      byArn.set(r.arn, e);
    }
  }
  if (byArn.size > 0) {
    for (let i = 0; i < resources.length; i++) {
      const e = byArn.get(resources[i]!.arn);
      if (e !== undefined) entries[i] = e;
    }
  }
  const pick = (kinds: readonly ExemptionKind[], e: Entry | undefined): Exemption | undefined => {
    if (e === undefined) return undefined;
    for (const k of kinds) {
      const x = k === 'furniture' ? e.furniture : k === 'team-principal' ? e.team : e.inherited;
      if (x !== undefined) return x;
    }
    return undefined;
  };
  return {
    at: (kinds, i) => pick(kinds, entries[i]),
    of: (kinds, arn) => pick(kinds, byArn.get(arn)),
    unknownAt: (kinds, i) => (kinds.includes('inherited') ? entries[i]?.inheritUnknown : undefined),
  };
}

/** Principal arn -> the teams whose matchers claim it (a claimed group's users too). */
export function teamClaims(principals: readonly Principal[], teams: Readonly<Record<string, { principals?: readonly Parameters<typeof principalMatches>[1][] }>>): Map<string, string[]> {
  const claims = new Map<string, Set<string>>();
  const claim = (arn: string, team: string) => {
    const s = claims.get(arn);
    if (s) s.add(team);
    else claims.set(arn, new Set([team]));
  };
  for (const team of Object.keys(teams).sort()) {
    const matchers = teams[team]!.principals ?? [];
    if (matchers.length === 0) continue;
    const groups = new Set<string>();
    for (const p of principals) {
      if (!matchers.some((m) => principalMatches(p, m))) continue;
      claim(p.arn, team);
      if (p.kind === 'group') groups.add(p.arn);
    }
    if (groups.size > 0) for (const p of principals) if (p.kind === 'user' && p.groups.some((g) => groups.has(g))) claim(p.arn, team);
  }
  return new Map([...claims].map(([arn, s]) => [arn, [...s].sort()]));
}
