// Collection errors grouped by what caused them, so a person reads "endpoint unreachable"
// once instead of "23 collection errors": an unreachable endpoint, credentials that were
// refused, access denied on a service, throttling, time limits, then anything else by code.
import type { CollectionError } from '../model/snapshot.js';

export type CauseKind = 'unreachable' | 'credentials' | 'access-denied' | 'throttled' | 'timeout' | 'other';

export interface Cause {
  kind: CauseKind;
  /** What the line says the cause is, e.g. `endpoint unreachable (connect ECONNREFUSED 127.0.0.1:1)`. */
  what: string;
  errors: CollectionError[];
}

const UNREACHABLE = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE)\b/;
const CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'RequestExpired',
  'CredentialsProviderError',
  'InvalidToken',
  'TokenRefreshRequired',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden', 'HTTP403', 'AuthorizationErrorException']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ThrottledException']);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'CallTimeout', 'AbortError']);

/** The kind of one error, from its code and (for network failures, which have no AWS code) its message. */
export function causeKind(e: CollectionError): CauseKind {
  if (UNREACHABLE.test(e.code) || UNREACHABLE.test(e.message)) return 'unreachable';
  if (CREDENTIALS.has(e.code)) return 'credentials';
  if (DENIED.has(e.code)) return 'access-denied';
  if (THROTTLED.has(e.code)) return 'throttled';
  if (TIMEOUT.has(e.code) || /timed? ?out/i.test(e.code)) return 'timeout';
  return 'other';
}

/** Errors grouped by cause, largest group first (ties by description), each error in exactly one group. */
export function groupCauses(errors: readonly CollectionError[]): Cause[] {
  const groups = new Map<string, Cause>();
  for (const e of errors) {
    const kind = causeKind(e);
    const what = describe(kind, e);
    const g = groups.get(what);
    if (g) g.errors.push(e);
    else groups.set(what, { kind, what, errors: [e] });
  }
  return [...groups.values()].sort((a, b) => b.errors.length - a.errors.length || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
}

function describe(kind: CauseKind, e: CollectionError): string {
  switch (kind) {
    case 'unreachable': {
      const m = UNREACHABLE.exec(e.message) ?? UNREACHABLE.exec(e.code);
      const target = /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\s+(\S+)/.exec(e.message)?.[1];
      return `endpoint unreachable (${m?.[1] ?? e.code}${target ? ` ${target}` : ''})`;
    }
    case 'credentials':
      return `credentials refused: expired or invalid (${e.code})`;
    case 'access-denied':
      return `access denied on ${e.service} (${e.code})`;
    case 'throttled':
      return `throttled by AWS after retries (${e.code})`;
    case 'timeout':
      return `no answer within the time limits (${e.code}; see --call-timeout)`;
    default:
      return `${e.service}:${e.operation} ${e.code}`;
  }
}

/** `N error(s) in A account(s) and R region(s) (services a, b)`: the reach of a group. */
function reach(errors: readonly CollectionError[]): string {
  const accounts = new Set(errors.map((e) => e.accountId).filter(Boolean));
  const regions = new Set(errors.map((e) => e.region).filter((r) => r !== '' && r !== 'global'));
  const services = [...new Set(errors.map((e) => e.service))].sort();
  const where = [`${accounts.size} account(s)`, ...(regions.size > 0 ? [`${regions.size} region(s)`] : [])].join(', ');
  return `${errors.length} error(s) in ${where}; services ${services.join(', ')}`;
}

/** Causes listed before "and N more" (the reports and `envgate inventory` list every error). */
export const CAUSES_LIMIT = 5;

/** One line per cause: `endpoint unreachable (ECONNREFUSED 127.0.0.1:1): 23 error(s) in 2 account(s); services ...`. */
export function causeLines(errors: readonly CollectionError[], limit = CAUSES_LIMIT): string[] {
  const causes = groupCauses(errors);
  const lines = causes.slice(0, limit).map((c) => `${c.what}: ${reach(c.errors)}`);
  if (causes.length > limit) lines.push(`... and ${causes.length - limit} more cause(s) (${causes.slice(limit).reduce((n, c) => n + c.errors.length, 0)} error(s))`);
  return lines;
}
