// One wording for a collection error wherever a result's reason names it.
import type { CollectionError } from '../model/snapshot.js';

/** `collection error SERVICE:OPERATION CODE in ACCOUNT/REGION[ for ARN]: MESSAGE`. */
export function describeError(e: CollectionError): string {
  return `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}${e.resourceArn ? ` for ${e.resourceArn}` : ''}: ${e.message}`;
}
