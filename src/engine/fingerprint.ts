// Fingerprints identify a finding across scans: the same rule on the same resource gives
// the same fingerprint whatever else changed (other resources, evidence, severity, spec).
import { createHash } from 'node:crypto';

/** Case-folds the ARN prefix (partition, service, region, account); the resource part is kept. */
export function normaliseArn(arn: string): string {
  const trimmed = arn.trim();
  const parts = trimmed.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return trimmed;
  return [...parts.slice(0, 5).map((p) => p.toLowerCase()), parts.slice(5).join(':')].join(':');
}

/** 32 hex characters of sha256(rule id, NUL, normalised ARN). */
export function fingerprint(ruleId: string, arn: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${normaliseArn(arn)}`).digest('hex').slice(0, 32);
}
