// Where words go: results to stdout, everything else to stderr. Handlers write through
// an Output so tests can capture it and --quiet/--verbose/NO_COLOR apply everywhere.

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
  /** Whether stderr is an interactive terminal (progress lines). */
  readonly interactive: boolean;
  readonly color: boolean;
}

export interface OutputOptions {
  quiet?: boolean;
  verbose?: boolean;
}

export function consoleOutput(opts: OutputOptions, env: NodeJS.ProcessEnv = process.env): Output {
  const interactive = Boolean(process.stderr.isTTY);
  const color = interactive && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  return {
    interactive,
    color,
    result: (t) => void process.stdout.write(line(t)),
    error: (t) => void process.stderr.write(line(paint('31', t))),
    warn: (t) => {
      if (!opts.quiet) process.stderr.write(line(paint('33', t)));
    },
    info: (t) => {
      if (!opts.quiet) process.stderr.write(line(t));
    },
    debug: (t) => {
      if (opts.verbose && !opts.quiet) process.stderr.write(line(paint('2', t)));
    },
    verdict: (t) => void process.stderr.write(line(paint('1', t))),
  };
}

/** An Output that records everything, for tests. */
export function memoryOutput(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    interactive: false,
    color: false,
    result: (t) => void stdout.push(t),
    error: (t) => void stderr.push(t),
    warn: (t) => void stderr.push(t),
    info: (t) => void stderr.push(t),
    debug: () => undefined,
    verdict: (t) => void stderr.push(t),
  };
}
