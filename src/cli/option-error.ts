// Errors in how envgate was called (options, arguments, the config file's values): one
// message in one format, `envgate: --option: what is wrong (expected ...)`, then where
// to read the usage. Never a file position: an option is not a file.
import { InputError } from '../model/diagnostics.js';

export class UsageError extends InputError {
  constructor(
    message: string,
    /** Stable code for tests, e.g. `unknown-fail-on`. */
    readonly code = 'usage',
    readonly expected?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bad value of --option: the message is prefixed with the option unless it names it already. */
export function optionError(option: string, code: string, message: string, expected?: string): UsageError {
  const flag = `--${option}`;
  return new UsageError(message.startsWith(flag) ? message : `${flag}: ${message}`, code, expected);
}

/** The one line a UsageError prints (a second line points at --help). */
export function usageLine(err: UsageError): string {
  return `envgate: ${err.message}${err.expected ? ` (expected ${err.expected})` : ''}`;
}

/** yargs' own validation messages in envgate's option format; others unchanged. */
export function normaliseYargsMessage(msg: string): string {
  const invalid = /^Invalid values:\s*((?:\s*Argument: .+)+)$/s.exec(msg);
  if (invalid) {
    return invalid[1]!
      .trim()
      .split(/\n\s*/)
      .map((line) => {
        const m = /^Argument: ([^,]+), Given: (.+), Choices: (.+)$/.exec(line.trim());
        if (!m) return line.trim();
        const given = m[2]!.replace(/^"|"$/g, '');
        return `--${m[1]}: '${given}' is not one of ${m[3]!.replace(/"/g, '')}`;
      })
      .join('; ');
  }
  const missing = /^Missing required arguments?: (.+)$/.exec(msg);
  if (missing) return `${missing[1]!.split(', ').map((a) => `--${a}`).join(', ')} ${missing[1]!.includes(',') ? 'are' : 'is'} required`;
  return msg;
}
