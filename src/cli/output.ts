// Where words go: results to stdout, everything else to stderr. Handlers write through
// an Output so tests can capture it and --quiet/--verbose/--progress/colour apply everywhere.
import { styleText } from 'node:util';

export interface Output {
  /** Results (reports printed with --out -, lists, schemas). */
  result(text: string): void;
  /** Errors: always shown. */
  error(text: string): void;
  /** Warnings: hidden by --quiet. */
  warn(text: string): void;
  /** Progress and summaries: hidden by --quiet. */
  info(text: string): void;
  /** Detail: shown only with --verbose. */
  debug(text: string): void;
  /** A command's one-line verdict: shown even with --quiet (then it is all a run prints). */
  verdict(text: string): void;
  /** A live collection's progress line: on a terminal or with --progress; hidden by --quiet. */
  progress(text: string): void;
  /** Whether progress lines are printed. */
  readonly showsProgress: boolean;
  readonly color: boolean;
}

export interface OutputOptions {
  quiet?: boolean;
  verbose?: boolean;
  /** --progress: progress lines even when stderr is not a terminal. */
  progress?: boolean;
}

/** The streams an Output writes to (process.stdout/stderr; fakes in tests). */
export interface Streams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/**
 * Colour on stderr: FORCE_COLOR (any value but 0/false) turns it on, else NO_COLOR (any
 * non-empty value, no-color.org) or TERM=dumb turns it off, else only on a terminal.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force.toLowerCase() !== 'false') return true;
  if (force !== undefined) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}

type Style = 'red' | 'yellow' | 'dim' | 'bold';

export function consoleOutput(opts: OutputOptions, env: NodeJS.ProcessEnv = process.env, streams: Streams = process): Output {
  const interactive = Boolean(streams.stderr.isTTY);
  const color = useColor(env, interactive);
  // styleText only adds the codes; whether to is decided above (validateStream: false),
  // so FORCE_COLOR and NO_COLOR mean the same on every Node 22/24 release.
  const paint = (style: Style, text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
  const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const err = (s: string) => void streams.stderr.write(line(s));
  const showsProgress = !opts.quiet && (interactive || Boolean(opts.progress));
  return {
    showsProgress,
    color,
    result: (t) => void streams.stdout.write(line(t)),
    error: (t) => err(paint('red', t)),
    warn: (t) => {
      if (!opts.quiet) err(paint('yellow', t));
    },
    info: (t) => {
      if (!opts.quiet) err(t);
    },
    debug: (t) => {
      if (opts.verbose && !opts.quiet) err(paint('dim', t));
    },
    verdict: (t) => err(paint('bold', t)),
    progress: (t) => {
      if (showsProgress) err(paint('dim', t));
    },
  };
}

/** An Output that records everything, for tests (progress lines only with `progress: true`). */
export function memoryOutput(opts: { progress?: boolean } = {}): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    showsProgress: Boolean(opts.progress),
    color: false,
    result: (t) => void stdout.push(t),
    error: (t) => void stderr.push(t),
    warn: (t) => void stderr.push(t),
    info: (t) => void stderr.push(t),
    debug: () => undefined,
    verdict: (t) => void stderr.push(t),
    progress: (t) => {
      if (opts.progress) stderr.push(t);
    },
  };
}
