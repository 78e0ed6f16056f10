// One wording for a collection error wherever a result's reason names it.
import type { CollectionError, Resource } from '../model/snapshot.js';

/** `collection error SERVICE:OPERATION CODE in ACCOUNT/REGION[ for ARN]: MESSAGE`. */
export function describeError(e: CollectionError): string {
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
