// After every source: joins that need the whole inventory (a KMS alias to its key, KMS
// key ownership on the resources that use a key, the roles an instance runs as through
// its instance profile, a CloudFront load balancer origin to the load balancer by its DNS
// name), then relation order; and which types a failed Tagging call
// leaves without tags.
import type { EncryptionState } from '../model/resource-config.js';
import type { Session } from './session.js';
import { isAwsManagedAlias } from './catalogue/refs.js';
import { DISTRIBUTION } from './catalogue/types/cloudfront-distribution.js';
import type { Resource } from '../model/snapshot.js';

export function finishResources(s: Session): void {
  const byDns = loadBalancersByDns(s);
  for (const r of s.resources.values()) {
    if (r.type === 'AWS::Route53::RecordSet') aliasTarget(r, byDns);
    // A resource that names its key by alias points at the key itself (so two resources
    // using one key, by alias and by id, are seen to share it); config keeps what AWS said.
    // An aws/* alias whose key was not listed (moto lists none) stays the alias: still known AWS managed.
    for (const rel of r.relations) {
      if (rel.kind !== 'kms-key') continue;
      const key = s.kmsAliases.get(rel.target);
      if (key !== undefined && (s.resources.has(key) || !isAwsManagedAlias(rel.target))) rel.target = key;
    }
    const enc = r.config.encryption as EncryptionState | undefined;
    if (enc?.kmsKeyArn && enc.customerManagedKey === undefined) {
      const key = s.resources.get(s.kmsAliases.get(enc.kmsKeyArn) ?? enc.kmsKeyArn);
      const manager = key?.config.keyManager;
      if (manager === 'AWS' || manager === 'CUSTOMER') enc.customerManagedKey = manager === 'CUSTOMER';
      else if (/:alias\/aws\//.test(enc.kmsKeyArn)) enc.customerManagedKey = false;
    }
    const profile = r.type === 'AWS::EC2::Instance' ? r.config.iamInstanceProfileArn : undefined;
    if (typeof profile === 'string') {
      for (const role of s.instanceProfileRoles.get(profile) ?? []) {
        if (!r.relations.some((x) => x.kind === 'instance-profile-role' && x.target === role)) r.relations.push({ kind: 'instance-profile-role', target: role });
      }
    }
    if (r.type === DISTRIBUTION) {
      for (const o of (r.config.origins ?? []) as { kind: string; domainName: string }[]) {
        // CloudFront names an ALB origin by its DNS name, or "dualstack." before it.
        const lb = o.kind === 'load-balancer' ? s.loadBalancersByDns.get(o.domainName.toLowerCase().replace(/^dualstack\./, '')) : undefined;
        if (lb && !r.relations.some((x) => x.kind === 'origin' && x.target === lb)) r.relations.push({ kind: 'origin', target: lb });
      }
    }
    r.relations.sort((a, b) => (a.kind === b.kind ? cmp(a.target, b.target) : cmp(a.kind, b.kind)));
  }
}

/** Load balancers by DNS name (lower case, no final dot). */
function loadBalancersByDns(s: Session): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of s.resources.values()) {
    const dns = r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' ? r.config.dnsName : undefined;
    if (typeof dns === 'string') m.set(dnsKey(dns), r.arn);
  }
  return m;
}

/** A DNS name as compared: lower case, no final dot, no `dualstack.` (an alias to a load balancer may carry it). */
const dnsKey = (name: string): string => name.replace(/\.$/, '').toLowerCase().replace(/^dualstack\./, '');

/**
 * A record's `alias-target`: the load balancer its alias (or its one CNAME value) names.
 * Targets outside the inventory (CloudFront, an external host) get no relation.
 */
function aliasTarget(r: Resource, byDns: ReadonlyMap<string, string>): void {
  const alias = (r.config.aliasTarget as { dnsName?: string } | undefined)?.dnsName;
  const values = r.config.values as string[] | undefined;
  const name = alias ?? (r.config.recordType === 'CNAME' && values?.length === 1 ? values[0] : undefined);
  const target = name === undefined ? undefined : byDns.get(dnsKey(name));
  if (target !== undefined && !r.relations.some((x) => x.kind === 'alias-target' && x.target === target)) r.relations.push({ kind: 'alias-target', target });
}

/**
 * A failed Tagging call in an account and region leaves every resource there whose tags no
 * other source read with unknown tags (S3, SNS, SQS, ... get them only from Tagging):
 * its error then names those types as `tags:TYPE`, so the engine does not read the empty
 * tags as "untagged" or the resource as "unattributed".
 */
export function markUntaggedTypes(s: Session): void {
  const failed = s.errors.filter((e) => e.service === 'tagging' && e.affects.includes('tags'));
  if (failed.length === 0) return;
  const blind = new Map<string, Set<string>>();
  for (const r of s.resources.values()) {
    if (s.tagsKnown(r.arn)) continue;
    const key = `${r.accountId}/${r.region}`;
    let types = blind.get(key);
    if (!types) blind.set(key, (types = new Set()));
    types.add(r.type);
  }
  for (const e of failed) {
    const types = blind.get(`${e.accountId}/${e.region}`);
    if (types) e.affects = [...new Set([...e.affects, ...[...types].map((t) => `tags:${t}`)])].sort(cmp);
  }
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
