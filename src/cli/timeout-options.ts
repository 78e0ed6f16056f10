// The time-limit options of every command that calls AWS (inventory, scan, gate).
import type { Argv } from 'yargs';
import { DEFAULT_TIMEOUTS, TIMEOUT_SETTINGS, type TimeoutArgs } from '../collect/timeouts.js';

const WHAT: Record<(typeof TIMEOUT_SETTINGS)[number]['key'], string> = {
  connectMs: 'Seconds to open a connection to AWS',
  attemptMs: 'Seconds for one HTTP attempt (request to full response; an idle socket counts)',
  callMs: 'Seconds for one API call with all its retries, after which it is a collection error',
};

export function withTimeoutOptions<T>(y: Argv<T>): Argv<T & TimeoutArgs> {
  let out = y as unknown as Argv<unknown>;
  for (const s of TIMEOUT_SETTINGS) {
    // No yargs default: an unset option falls back to the environment variable (resolveTimeouts).
    out = out.option(s.option, { type: 'string', describe: `${WHAT[s.key]} (default ${DEFAULT_TIMEOUTS[s.key] / 1000}; env ${s.env}; live only)` });
  }
  return out as unknown as Argv<T & TimeoutArgs>;
}
