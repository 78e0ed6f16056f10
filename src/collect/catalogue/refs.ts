// Pure helpers the descriptors' mappings share: ARNs built from parts, and KMS key
// references (key ids, key ARNs, alias names or alias ARNs) in one ARN form so that
// relations join with the KMS::Key resources. No imports: every layer may read them.
import type { EncryptionState } from '../../model/resource-config.js';

/** Where a call runs (the fields of a collection Target that ARNs need). */
export interface Place {
  accountId: string;
  region: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function arnOf(service: string, region: string, accountId: string, resource: string, partitionRegion = region): string {
  return `arn:${partitionOf(partitionRegion)}:${service}:${region}:${accountId}:${resource}`;
}

export function kmsKeyArn(ref: string | undefined, t: Place): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('arn:')) return ref;
  if (ref.startsWith('alias/')) return arnOf('kms', t.region, t.accountId, ref);
  return arnOf('kms', t.region, t.accountId, `key/${ref}`);
}

/** AWS managed key aliases (aws/s3, aws/sqs, ...) are not customer managed. */
export function isAwsManagedAlias(ref: string | undefined): boolean {
  return Boolean(ref && /(^|:)alias\/aws\//.test(ref));
}

/** Encryption from a KMS key reference; `fallback` names server-side encryption without KMS. */
export function kmsEncryption(ref: string | undefined, t: Place, fallback?: string): EncryptionState {
  if (!ref) return fallback ? { enabled: true, algorithm: fallback } : { enabled: false };
  const e: EncryptionState = { enabled: true, algorithm: 'aws:kms', kmsKeyArn: kmsKeyArn(ref, t)! };
  if (isAwsManagedAlias(ref)) e.customerManagedKey = false;
  return e;
}
