// KMS key references come as key ids, key ARNs, alias names or alias ARNs; relations
// want one ARN form so that they join with the KMS::Key resources.
import { arnOf } from '../arn.js';
import type { Target } from '../session.js';

export function kmsKeyArn(ref: string | undefined, t: Target): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('arn:')) return ref;
  if (ref.startsWith('alias/')) return arnOf('kms', t.region, t.accountId, ref);
  return arnOf('kms', t.region, t.accountId, `key/${ref}`);
}

/** AWS managed key aliases (aws/s3, aws/sqs, ...) are not customer managed. */
export function isAwsManagedAlias(ref: string | undefined): boolean {
  return Boolean(ref && /(^|:)alias\/aws\//.test(ref));
}
