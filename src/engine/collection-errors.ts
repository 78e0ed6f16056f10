// One wording for a collection error wherever a result's reason names it.
import type { CollectionError, Resource } from '../model/snapshot.js';
import type { Trace } from './conditions.js';
import type { EngineContext } from './context.js';
import { isShardMarker } from '../model/shard-marker.js';

/** `collection error SERVICE:OPERATION CODE in ACCOUNT/REGION[ for ARN]: MESSAGE`. */
export function describeError(e: CollectionError): string {
  if (isShardMarker(e)) return `${e.message}: account ${e.accountId}`;
  return `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}${e.resourceArn ? ` for ${e.resourceArn}` : ''}: ${e.message}`;
}

/**
 * Type-level listing errors in the resource's account and region (or global, or the whole
 * account): a resource that could give this one its environment may be among the unlisted.
 */
export function listingGaps(errors: readonly CollectionError[], r: Pick<Resource, 'accountId' | 'region' | 'type'>): CollectionError[] {
  return errors.filter(
    (e) =>
      e.resourceArn === undefined &&
      e.accountId === r.accountId &&
      (e.region === r.region || e.region === 'global') &&
      // IAM principals give no other resource its environment.
      e.affects.some((a) => a === '*' || (a.startsWith('AWS::') && a !== r.type && !a.startsWith('AWS::IAM::'))),
  );
}

/** Collection errors that name no resource, by `type\0account`: they affect every resource of the type. */
export function typeLevelErrors(errors: readonly CollectionError[]): Map<string, CollectionError[]> {
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
export function typeErrorsOf(m: Map<string, CollectionError[]>, type: string, accountId: string): CollectionError[] | undefined {
  const own = m.get(`${type}\u0000${accountId}`);
  const all = type === '*' ? undefined : m.get(`*\u0000${accountId}`);
  return own && all ? [...own, ...all] : (own ?? all);
}

/** Why a check could not be evaluated: what it missed, and the errors that lost it. */
export function reasonFor(t: Trace, r: Resource, ctx: EngineContext): string {
  const errs = ctx.errorsAffecting(r.type, r.accountId, r.region).filter((e) => e.resourceArn === undefined || e.resourceArn === r.arn);
  const parts = [...new Set(t.missing)];
  for (const e of errs) parts.push(describeError(e));
  return parts.length > 0 ? parts.join('; ') : 'required data missing';
}
