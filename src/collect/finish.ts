// After every source: a KMS alias to its key (aliases and their keys are of one account
// and region, so of one shard), the links that may cross shards (links.ts: key
// ownership, instance profile roles, load balancers behind CloudFront origins and Route 53
// aliases), then relation order; and which types a failed Tagging call leaves without tags.
import type { Session } from './session.js';
import { isAwsManagedAlias } from './catalogue/refs.js';
import { factsOf, linkResource, sortRelations } from './links.js';

/**
 * `accountId`: only that account's resources (spill mode, as the account is done), by
 * its own aliases and principals; the merge of the parts links across accounts.
 */
export function finishResources(s: Session, accountId?: string): void {
  const mine = (x: { accountId: string }) => accountId === undefined || x.accountId === accountId;
  for (const r of s.resources.values()) {
    if (!mine(r)) continue;
    // A resource that names its key by alias points at the key itself (so two resources
    // using one key, by alias and by id, are seen to share it); config keeps what AWS said.
    // An aws/* alias whose key was not listed (moto lists none) stays the alias: still known AWS managed.
    for (const rel of r.relations) {
      if (rel.kind !== 'kms-key') continue;
      // Another account's alias may not be collected yet: left to no account, not to timing.
      if (accountId !== undefined && rel.target.split(':')[4] !== accountId) continue;
      const key = s.kmsAliases.get(rel.target);
      if (key !== undefined && (s.resources.has(key) || !isAwsManagedAlias(rel.target))) rel.target = key;
    }
  }
  const facts = factsOf([...s.resources.values()].filter(mine), [...s.principals.values()].filter(mine));
  for (const [arn, r] of s.resources) {
    if (!mine(r)) continue;
    const linked = linkResource(r, facts);
    sortRelations(linked.relations);
    s.resources.set(arn, linked);
  }
}

/**
 * A failed Tagging call in an account and region leaves every resource there whose tags no
 * other source read with unknown tags (S3, SNS, SQS, ... get them only from Tagging):
 * its error then names those types as `tags:TYPE`, so the engine does not read the empty
 * tags as "untagged" or the resource as "unattributed".
 */
export function markUntaggedTypes(s: Session, accountId?: string): void {
  const mine = (x: { accountId: string }) => accountId === undefined || x.accountId === accountId;
  // Another account's failures match none of this account's resources below.
  const failed = s.errors.filter((e) => e.service === 'tagging' && e.affects.includes('tags'));
  if (failed.length === 0) return;
  const blind = new Map<string, Set<string>>();
  for (const r of s.resources.values()) {
    if (!mine(r) || s.tagsKnown(r.arn)) continue;
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
