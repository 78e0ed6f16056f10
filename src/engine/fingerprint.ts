// Fingerprints identify a finding across scans: the same rule on the same resource gives
// the same fingerprint whatever else changed (other resources, evidence, severity, spec).
import { hash } from 'node:crypto';

/** Case-folds the ARN prefix (partition, service, region, account); the resource part is kept. */
export function normaliseArn(arn: string): string {
  const trimmed = arn.trim();
  const parts = trimmed.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return trimmed;
  return [...parts.slice(0, 5).map((p) => p.toLowerCase()), parts.slice(5).join(':')].join(':');
}

/**
 * 32 hex characters of sha256(rule id, NUL, normalised ARN[, NUL, qualifier]). The
 * qualifier is for rules that judge one ARN several times (the access matrix: one
 * principal per team and environment); it must be a stable fact, never evidence.
 */
export function fingerprint(ruleId: string, arn: string, qualifier?: string): string {
  const q = qualifier === undefined ? '' : `\u0000${qualifier}`;
  // One-shot crypto.hash: a fraction of createHash's cost, which matters at millions of results.
  return hash('sha256', `${ruleId}\u0000${normaliseArn(arn)}${q}`, 'hex').slice(0, 32);
}
