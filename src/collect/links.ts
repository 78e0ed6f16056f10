// Relations whose two ends a shard of an inventory may not both hold: a CloudFront origin
// or a Route 53 alias (global, collected in the account's home-region shard) naming a load
// balancer of another region or account by its DNS name, an instance (regional) running as
// the roles of its instance profile (IAM, global), and a resource encrypted with another
// account's key. Collection links them over what it holds; `envgate merge`, the worker
// threads' merge and `scan --shards` link them again over the union, so the shards of an
// inventory give the relations one unsharded inventory gives. Linking is pure and
// idempotent: it adds only what is missing and never changes what collection recorded.
import type { EncryptionState } from '../model/resource-config.js';
import type { Principal, Relation, Resource } from '../model/snapshot.js';
import { DISTRIBUTION } from './catalogue/types/cloudfront-distribution.js';

const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const KMS_KEY = 'AWS::KMS::Key';
const INSTANCE = 'AWS::EC2::Instance';
const RECORD_SET = 'AWS::Route53::RecordSet';

/** What linking looks up, gathered from the resources and principals of the whole inventory. */
export interface LinkFacts {
  /** Load balancer DNS name (dnsKey) -> ARN. */
  readonly loadBalancersByDns: Map<string, string>;
  /** KMS key ARN, or the ARN of one of its aliases -> who manages the key. */
  readonly keyManagers: Map<string, 'AWS' | 'CUSTOMER'>;
  /** Instance profile ARN -> the ARNs of its roles, sorted. */
  readonly profileRoles: Map<string, string[]>;
}

/** The config fields linking reads, per type: what an index projection must keep to link its records. */
export const LINK_READS: Readonly<Record<string, string[]>> = {
  [LOAD_BALANCER]: ['dnsName'],
  [KMS_KEY]: ['keyManager', 'aliases'],
  [INSTANCE]: ['iamInstanceProfileArn'],
  [DISTRIBUTION]: ['origins'],
  [RECORD_SET]: ['aliasTarget', 'recordType', 'values'],
};

export function emptyFacts(): LinkFacts {
  return { loadBalancersByDns: new Map(), keyManagers: new Map(), profileRoles: new Map() };
}

/** Adds what one resource tells linking (a load balancer's DNS name, a key's manager). */
export function addResourceFacts(f: LinkFacts, r: Resource): void {
  if (r.type === LOAD_BALANCER && typeof r.config.dnsName === 'string') f.loadBalancersByDns.set(dnsKey(r.config.dnsName), r.arn);
  const manager = r.type === KMS_KEY ? r.config.keyManager : undefined;
  if (manager !== 'AWS' && manager !== 'CUSTOMER') return;
  f.keyManagers.set(r.arn, manager);
  // A resource may name its key by an alias of the key's account and region.
  const head = r.arn.slice(0, r.arn.lastIndexOf(':key/') + 1);
  if (head) for (const alias of (r.config.aliases ?? []) as string[]) f.keyManagers.set(`${head}${alias}`, manager);
}

/** Adds a role's instance profiles. */
export function addPrincipalFacts(f: LinkFacts, p: Principal): void {
  for (const profile of p.instanceProfiles ?? []) {
    const roles = f.profileRoles.get(profile) ?? [];
    if (!roles.includes(p.arn)) f.profileRoles.set(profile, [...roles, p.arn].sort(cmp));
  }
}

export function factsOf(resources: Iterable<Resource>, principals: Iterable<Principal>): LinkFacts {
  const f = emptyFacts();
  for (const r of resources) addResourceFacts(f, r);
  for (const p of principals) addPrincipalFacts(f, p);
  return f;
}

/**
 * The resource with the relations and key ownership the facts give it: the same object
 * when nothing is missing, else a copy (relations sorted as collection sorts them).
 */
export function linkResource(r: Resource, f: LinkFacts): Resource {
  const add: Relation[] = [];
  const want = (kind: Relation['kind'], target: string | undefined): void => {
    if (target === undefined) return;
    if (!r.relations.some((x) => x.kind === kind && x.target === target) && !add.some((x) => x.kind === kind && x.target === target)) add.push({ kind, target });
  };
  if (r.type === RECORD_SET) want('alias-target', aliasName(r.config) === undefined ? undefined : f.loadBalancersByDns.get(dnsKey(aliasName(r.config)!)));
  if (r.type === DISTRIBUTION) {
    // CloudFront names an ALB origin by its DNS name, or "dualstack." before it.
    for (const o of (r.config.origins ?? []) as { kind: string; domainName: string }[]) if (o.kind === 'load-balancer') want('origin', f.loadBalancersByDns.get(dnsKey(o.domainName)));
  }
  const profile = r.type === INSTANCE ? r.config.iamInstanceProfileArn : undefined;
  if (typeof profile === 'string') for (const role of f.profileRoles.get(profile) ?? []) want('instance-profile-role', role);
  const encryption = keyOwnership(r.config.encryption as EncryptionState | undefined, f);
  if (add.length === 0 && encryption === undefined) return r;
  return {
    ...r,
    ...(encryption ? { config: { ...r.config, encryption } } : {}),
    relations: add.length === 0 ? r.relations : sortRelations([...r.relations, ...add]),
  };
}

/** Encryption with `customerManagedKey` filled in from its key, or undefined when there is nothing to fill. */
function keyOwnership(enc: EncryptionState | undefined, f: LinkFacts): EncryptionState | undefined {
  if (!enc?.kmsKeyArn || enc.customerManagedKey !== undefined) return undefined;
  const manager = f.keyManagers.get(enc.kmsKeyArn);
  if (manager !== undefined) return { ...enc, customerManagedKey: manager === 'CUSTOMER' };
  // An aws/* alias names an AWS managed key even when the key itself was not listed.
  return /:alias\/aws\//.test(enc.kmsKeyArn) ? { ...enc, customerManagedKey: false } : undefined;
}

/** The DNS name a record aliases: its alias target, or its one CNAME value. */
function aliasName(config: Record<string, unknown>): string | undefined {
  const alias = (config.aliasTarget as { dnsName?: string } | undefined)?.dnsName;
  const values = config.values as string[] | undefined;
  return alias ?? (config.recordType === 'CNAME' && values?.length === 1 ? values[0] : undefined);
}

/** A DNS name as compared: lower case, no final dot, no `dualstack.` (an alias to a load balancer may carry it). */
export const dnsKey = (name: string): string =>
  name
    .replace(/\.$/, '')
    .toLowerCase()
    .replace(/^dualstack\./, '');

export function sortRelations(relations: Relation[]): Relation[] {
  return relations.sort((a, b) => (a.kind === b.kind ? cmp(a.target, b.target) : cmp(a.kind, b.kind)));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
