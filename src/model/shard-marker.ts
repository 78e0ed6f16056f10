// A shard that leaves an account's global services (IAM, Route 53, costs) to another
// shard records so in its errors, so a scan of it alone reads "not collected here" as
// not-evaluated, never as "no IAM roles". It is not a failed call: reports list it apart
// from collection errors, and merge drops it when another shard collected that part.
import type { CollectionError } from './snapshot.js';

export const SHARD_MARKER_CODE = 'NotCollectedInShard';
export const SHARD_MARKER_MESSAGE = 'global services not collected in this shard (--global)';

export function shardMarker(accountId: string, affects: readonly string[]): CollectionError {
  return { accountId, region: 'global', service: 'envgate', operation: 'shard', code: SHARD_MARKER_CODE, message: SHARD_MARKER_MESSAGE, affects: [...affects].sort() };
}

export function isShardMarker(e: CollectionError): boolean {
  return e.service === 'envgate' && e.code === SHARD_MARKER_CODE;
}

/** Real collection errors only (failed calls, unreachable accounts). */
export function failedCalls(errors: readonly CollectionError[]): CollectionError[] {
  return errors.filter((e) => !isShardMarker(e));
}
