// Time limits for AWS calls: without them one connection that never answers blocks the
// whole scan. Three limits, each settable by CLI option or environment variable:
// connecting, one HTTP attempt (request sent to response read, idle socket included),
// and the whole call (every attempt, retry delay and rate wait), after which the call
// is a collection error and the scan goes on.
import { InputError } from '../model/diagnostics.js';

export interface Timeouts {
  /** Milliseconds to open a connection. */
  connectMs: number;
  /** Milliseconds for one HTTP attempt. */
  attemptMs: number;
  /** Milliseconds for a call with all its retries. */
  callMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, attemptMs: 30_000, callMs: 120_000 };

/** Each limit: its CLI option (seconds) and environment variable (seconds). */
export const TIMEOUT_SETTINGS = [
  { key: 'connectMs', option: 'connect-timeout', env: 'ENVGATE_CONNECT_TIMEOUT' },
  { key: 'attemptMs', option: 'attempt-timeout', env: 'ENVGATE_ATTEMPT_TIMEOUT' },
  { key: 'callMs', option: 'call-timeout', env: 'ENVGATE_CALL_TIMEOUT' },
] as const;

export type TimeoutArgs = Partial<Record<(typeof TIMEOUT_SETTINGS)[number]['option'], number | string>>;

/** Resolves the limits: CLI option, else environment variable, else default; seconds, fractions allowed. */
export function resolveTimeouts(args: TimeoutArgs, env: NodeJS.ProcessEnv): Timeouts {
  const out: Timeouts = { ...DEFAULT_TIMEOUTS };
  for (const s of TIMEOUT_SETTINGS) {
    const fromArg = args[s.option];
    const [raw, where] = fromArg !== undefined ? [String(fromArg), `--${s.option}`] : [env[s.env], s.env];
    if (raw === undefined || raw === '') continue;
    const seconds = Number(raw);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
      const message = `${where} '${raw}' is not a number of seconds between 0 and 86400`;
      throw new InputError(message, [{ file: where, line: 1, column: 1, path: '', code: 'bad-timeout', message, expected: 'seconds, e.g. 30 or 0.5' }]);
    }
    out[s.key] = Math.round(seconds * 1000);
  }
  if (out.callMs < out.attemptMs) out.attemptMs = out.callMs;
  return out;
}

/** Thrown when a call's deadline passes; its name is the collection error's code. */
export class CallTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s (the call's deadline, retries included; see --call-timeout)`);
    this.name = 'CallTimeout';
  }
}

/**
 * Runs `fn` with an abort signal that fires at the deadline, and settles by then even if
 * `fn` ignores the signal.
 */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new CallTimeoutError(ms);
      ac.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([fn(ac.signal), expired]);
  } catch (err) {
    // The SDK answers an abort with its own AbortError: report the deadline instead.
    if (ac.signal.aborted) throw ac.signal.reason as Error;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
