// The ways one environment reaches into another. Each detector makes one pass over the
// resources (or principals) it concerns and records links on the subject: the resource
// that is shared, or whose rule/policy reaches across. Nothing here is quadratic: shared
// targets come from one reverse pass over relations, CIDRs are checked against the
// handful of environment ranges, and IAM patterns go through the cached ARN index.
import type { Principal, Resource } from '../../model/snapshot.js';
import type { SecurityGroupConfig } from '../../model/resource-config.js';
import { cidrsOverlap, parseCidrLoose, type Cidr } from '../../util/cidr.js';
import type { EngineContext } from '../context.js';
import type { ArnIndex } from './iam-arn-index.js';
import { list } from './iam-policies.js';
import { relationSourcesOf } from './support.js';
import { furnitureOf, isAwsManagedKeyAlias } from '../furniture.js';

export type IsolationPath =
  | 'tag'
  | 'shared-target'
  | 'ingress-cidr'
  | 'ingress-security-group'
  | 'grants'
  | 'resource-policy';

export interface Link {
  path: IsolationPath;
  /** The other environment reached (or the environment of the user, for shared targets). */
  environment: string;
  /** Relation kind, tag key, CIDR or IAM pattern: what links the two. */
  via: string;
  /** The resource on the other side, when there is one. */
  peer?: string;
  /** For grants: sample resources of the other environment the pattern matches. */
  samples?: readonly string[];
  /** For grants: the pattern reaches the whole account (`*`). */
  accountWide?: boolean;
  /** For shared targets: how many resources of that environment use it (samples are capped). */
  users?: number;
  /** Policy (and Sid) holding the pattern, for grants; the statement, for resource policies. */
  policy?: string;
  /** For resource policies: the actions the statement allows (capped). */
  actions?: readonly string[];
  /** For resource policies: the condition envgate could not resolve and assumed reaches here. */
  assumed?: string;
}

export interface Collector {
  add(subject: string, own: string | null, link: Link): void;
}

/** Relations whose target is used by the source: a target used from two environments is shared. */
export const USAGE_KINDS: ReadonlySet<string> = new Set([
  'vpc',
  'subnet',
  'security-group',
  'volume',
  'kms-key',
  'logs-to',
  'notifies',
  'load-balancer-target',
  'instance-profile-role',
  'origin',
]);

const SAMPLES_PER_ENV = 3;

export interface PathContext {
  ctx: EngineContext;
  envOf(arn: string): string | null;
  /** Environment of ctx.snapshot.resources[i] (what envOf gives), without hashing the ARN. */
  envAt(i: number): string | null;
  allowed(arn: string): boolean;
  envNames: readonly string[];
  /** tag value (lower case) -> environment, from names and aliases. */
  envByTagValue: ReadonlyMap<string, string>;
  sharedTagValues: ReadonlySet<string>;
  /** Environment tag keys, lower case. */
  tagKeys: ReadonlySet<string>;
  /** tagPath's cache: tag key -> value -> what it says (filled as tags are met). */
  tagClasses: Map<string, Map<string, TagClass> | null>;
  index: ArnIndex;
}

/** What one environment tag says: nothing to report, "shared", or several environments. */
export type TagClass = null | 'shared' | readonly string[];

/** Tag keys and values repeat across resources: each (key, value) is classified once. */
function tagClass(pc: PathContext, key: string, value: string): TagClass {
  const byKey = pc.tagClasses;
  let byValue = byKey.get(key);
  // Keys that are not environment tag keys say nothing, whatever their value.
  if (byValue === undefined) byKey.set(key, (byValue = pc.tagKeys.has(key.toLowerCase()) ? new Map() : null));
  if (byValue === null) return null;
  let c = byValue.get(value);
  if (c === undefined) byValue.set(value, (c = classifyTag(pc, value)));
  return c;
}

function classifyTag(pc: PathContext, value: string): TagClass {
  const v = value.trim().toLowerCase();
  if (pc.sharedTagValues.has(v)) return 'shared';
  const named = new Set<string>();
  for (const token of v.split(/[\s,;|+/&]+/)) {
    const e = pc.envByTagValue.get(token);
    if (e !== undefined) named.add(e);
  }
  return named.size > 1 ? [...named].sort() : null;
}

/** Tag values saying "shared" or naming several environments. */
export function tagPath(pc: PathContext, arn: string, accountId: string, tags: Record<string, string>, out: Collector): void {
  for (const key in tags) {
    const value = tags[key]!;
    const c = tagClass(pc, key, value);
    if (c === null) continue;
    if (c === 'shared') {
      const envs = pc.index.envsInAccounts('*', accountId);
      const reach = envs.size > 0 ? [...envs] : [...pc.envNames];
      for (const e of reach.sort()) out.add(arn, null, { path: 'tag', environment: e, via: `${key}=${value}` });
      continue;
    }
    for (const e of c) out.add(arn, null, { path: 'tag', environment: e, via: `${key}=${value}` });
  }
}

/** The users of one target in one environment (a target has a few such entries). */
interface EnvUse {
  env: string;
  /** Up to SAMPLES_PER_ENV source arns. */
  samples: string[];
  kinds: string[];
  count: number;
  last: string;
}

/** One reverse pass: targets (keys, buckets, topics, subnets, VPCs, ...) used from two environments. */
export function sharedTargetPath(pc: PathContext, resources: readonly Resource[], out: Collector): void {
  // target -> its users per environment: short lists scanned by identity, not Maps and Sets per target.
  const uses = new Map<string, EnvUse[]>();
  const own = resources === pc.ctx.snapshot.resources;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    const from = own ? pc.envAt(i) : pc.envOf(r.arn);
    if (from === null || pc.allowed(r.arn)) continue;
    for (const rel of r.relations) {
      if (!USAGE_KINDS.has(rel.kind) || rel.target === r.arn) continue;
      if (rel.kind === 'kms-key' && isAwsManagedKey(pc.ctx, rel.target)) continue;
      let list = uses.get(rel.target);
      if (list === undefined) uses.set(rel.target, (list = []));
      let entry: EnvUse | undefined;
      for (const u of list) {
        if (u.env === from) {
          entry = u;
          break;
        }
      }
      if (entry === undefined) list.push((entry = { env: from, samples: [], kinds: [], count: 0, last: '' }));
      if (!entry.kinds.includes(rel.kind)) entry.kinds.push(rel.kind);
      if (entry.last !== r.arn) {
        entry.count++;
        entry.last = r.arn;
      }
      if (entry.samples.length < SAMPLES_PER_ENV && !entry.samples.includes(r.arn)) entry.samples.push(r.arn);
    }
  }
  for (const [target, list] of uses) {
    const own = pc.envOf(target);
    if (list.length < 2 && (own === null || list[0]!.env === own)) continue;
    if (pc.allowed(target)) continue;
    for (const entry of [...list].sort((a, b) => (a.env < b.env ? -1 : 1))) {
      if (entry.env === own) continue;
      for (const peer of entry.samples) {
        out.add(target, own, { path: 'shared-target', environment: entry.env, via: [...entry.kinds].sort().join(','), peer, users: entry.count });
      }
    }
  }
}

/**
 * An AWS managed key (aws/<service>) is one per service in each account and region: two
 * environments of one account using it share nothing IAM does not already separate.
 * (encryption-customer-managed-key still judges the resources that use it.)
 */
export function isAwsManagedKey(ctx: EngineContext, arn: string): boolean {
  const key = ctx.byArn.get(arn);
  if (key !== undefined) return furnitureOf(key)?.code === 'aws-managed-key';
  return isAwsManagedKeyAlias(arn);
}

export interface SgOptions {
  /** CIDRs shorter than this prefix (e.g. 0.0.0.0/0) are left to the public-ingress rules. */
  minPrefixLength: number;
}

/** The other environments' ranges an ingress CIDR of a group in `own` overlaps. */
function cidrReach(ranges: readonly { env: string; text: string; cidr: Cidr }[], own: string, text: string, opts: SgOptions): { env: string; peer: string }[] {
  const cidr = parseCidrLoose(text);
  if (cidr === undefined || cidr.prefix < opts.minPrefixLength) return [];
  // A block inside the group's own environment range is its own network, even when
  // environment ranges overlap each other (the network rules report that overlap).
  if (ranges.some((o) => o.env === own && cidrsOverlap(o.cidr, cidr) && o.cidr.prefix <= cidr.prefix)) return [];
  return ranges.filter((r) => r.env !== own && cidrsOverlap(cidr, r.cidr)).map((r) => ({ env: r.env, peer: r.text }));
}

/** Security groups admitting another environment's CIDR or security group. */
export function securityGroupPath(pc: PathContext, groups: readonly Resource[], opts: SgOptions, out: Collector): void {
  const ranges: { env: string; text: string; cidr: Cidr }[] = [];
  for (const env of pc.envNames) {
    for (const text of pc.ctx.spec.spec.environments[env]?.network?.vpcCidrs ?? []) {
      const cidr = parseCidrLoose(text);
      if (cidr !== undefined) ranges.push({ env, text, cidr });
    }
  }
  const byGroupId = new Map<string, string>();
  for (const g of groups) {
    const id = (g.config as Partial<SecurityGroupConfig>).groupId ?? g.id;
    byGroupId.set(id, g.arn);
  }
  // Groups repeat the same few CIDRs: what a CIDR reaches is worked out once per environment.
  const reachCache = new Map<string, Map<string, readonly { env: string; peer: string }[]>>();
  const reachOf = (own: string, text: string): readonly { env: string; peer: string }[] => {
    let byText = reachCache.get(own);
    if (byText === undefined) reachCache.set(own, (byText = new Map()));
    let reach = byText.get(text);
    if (reach === undefined) byText.set(text, (reach = cidrReach(ranges, own, text, opts)));
    return reach;
  };
  for (const g of groups) {
    const own = pc.envOf(g.arn);
    if (own === null || pc.allowed(g.arn)) continue;
    const cfg = g.config as Partial<SecurityGroupConfig>;
    const cidrs = new Set<string>();
    const peers = new Set<string>();
    for (const rule of cfg.ingress ?? []) {
      for (const c of rule.cidrs ?? []) cidrs.add(c);
      for (const id of rule.groupIds ?? []) peers.add(byGroupId.get(id) ?? id);
    }
    for (const rel of g.relations) {
      if (rel.kind === 'ingress-cidr') cidrs.add(rel.target.startsWith('cidr:') ? rel.target.slice(5) : rel.target);
      if (rel.kind === 'ingress-security-group') peers.add(rel.target);
    }
    for (const text of [...cidrs].sort()) {
      for (const r of reachOf(own, text)) out.add(g.arn, own, { path: 'ingress-cidr', environment: r.env, via: text, peer: r.peer });
    }
    for (const peer of [...peers].sort()) {
      const env = pc.envOf(peer);
      if (env === null || env === own || pc.allowed(peer)) continue;
      out.add(g.arn, own, { path: 'ingress-security-group', environment: env, via: peer, peer });
    }
  }
}

function grantLinks(pc: PathContext, subject: string, own: string, account: string, patterns: readonly { pattern: string; policy: string }[], out: Collector): void {
  for (const { pattern, policy } of patterns) {
    const reach = pc.index.reach(pattern, account);
    for (const env of [...reach.envs].sort()) {
      if (env === own) continue;
      out.add(subject, own, {
        path: 'grants',
        environment: env,
        via: pattern,
        policy,
        ...(reach.accountWide ? { accountWide: true } : { samples: reach.samples.get(env) ?? [] }),
      });
    }
  }
}

/** IAM policies of one environment granting actions on another's resources. */
export function grantsPath(pc: PathContext, principals: readonly Principal[], out: Collector): void {
  const resources = pc.ctx.snapshot.resources;
  // Only resources with grants relations (managed policies) are visited.
  for (const i of relationSourcesOf(pc.ctx).get('grants') ?? []) {
    const r = resources[i]!;
    const own = pc.envAt(i);
    if (own === null || pc.allowed(r.arn)) continue;
    const patterns = r.relations.filter((x) => x.kind === 'grants').map((x) => ({ pattern: x.target, policy: r.arn }));
    grantLinks(pc, r.arn, own, r.accountId, patterns, out);
  }
  const policies = new Map(pc.ctx.snapshot.policies.map((p) => [p.arn, p]));
  for (const p of principals) {
    const own = pc.envOf(p.arn);
    if (own === null || pc.allowed(p.arn)) continue;
    const patterns: { pattern: string; policy: string }[] = [];
    const collect = (policy: string, doc: { Statement: unknown } | undefined): void => {
      const stmts = doc === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      for (const s of stmts as { Effect?: string; Resource?: string | string[]; Sid?: string }[]) {
        if (s?.Effect !== 'Allow') continue;
        const label = s.Sid ? `${policy} (Sid ${s.Sid})` : policy;
        for (const pattern of list(s.Resource)) patterns.push({ pattern, policy: label });
      }
    };
    for (const ip of p.inlinePolicies) collect(`inline:${p.arn}:${ip.name}`, ip.document);
    // Managed policies that are snapshot resources carry `grants` relations of their own.
    for (const arn of p.attachedPolicies) if (!pc.ctx.byArn.has(arn)) collect(arn, policies.get(arn)?.document);
    if (patterns.length > 0) grantLinks(pc, p.arn, own, p.accountId, patterns, out);
  }
}
