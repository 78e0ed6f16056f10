// Fingerprints identify a finding across scans: the same rule on the same resource gives
// the same fingerprint whatever else changed (other resources, evidence, severity, spec).
import { hash } from 'node:crypto';

/** Case-folds the ARN prefix (partition, service, region, account); the resource part is kept. */
export function normaliseArn(arn: string): string {
  const trimmed = arn.trim();
  if (!trimmed.startsWith('arn:')) return trimmed;
  // The fifth colon ends the prefix; scanning for it avoids split/join on every result.
  let end = 3;
  for (let k = 0; k < 4; k++) {
    end = trimmed.indexOf(':', end + 1);
    if (end < 0) return trimmed;
  }
  for (let i = 0; i < end; i++) {
    const c = trimmed.charCodeAt(i);
    // Upper-case ASCII, or anything non-ASCII toLowerCase might fold: take the slow path.
    if ((c >= 65 && c <= 90) || c >= 128) return trimmed.slice(0, end).toLowerCase() + trimmed.slice(end);
  }
  return trimmed;
}

/**
 * 32 hex characters of sha256(rule id, NUL, normalised ARN[, NUL, qualifier]). The
 * qualifier is for rules that judge one ARN several times (the access matrix: one
 * principal per team and environment); it must be a stable fact, never evidence.
 */
export function fingerprint(ruleId: string, arn: string, qualifier?: string): string {
  return fingerprintOfNormalised(ruleId, normaliseArn(arn), qualifier);
}

/** As `fingerprint`, for an ARN already passed through normaliseArn (cached per resource). */
export function fingerprintOfNormalised(ruleId: string, normalisedArn: string, qualifier?: string): string {
  const q = qualifier === undefined ? '' : `\u0000${qualifier}`;
  // One-shot crypto.hash; hex of the first 16 bytes built here so the string is flat: a
  // slice of the 64-character digest would keep the whole digest alive (millions of results).
  return hex16(hash('sha256', `${ruleId}\u0000${normalisedArn}${q}`, 'binary'));
}

const HEX = '0123456789abcdef';
const codes: number[] = new Array<number>(32).fill(0);

function hex16(bytes: string): string {
  for (let i = 0; i < 16; i++) {
    const c = bytes.charCodeAt(i);
    codes[2 * i] = HEX.charCodeAt(c >> 4);
    codes[2 * i + 1] = HEX.charCodeAt(c & 15);
  }
  return String.fromCharCode.apply(null, codes);
}
