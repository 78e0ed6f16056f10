import type { Argv } from 'yargs';
import type { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** What every handler gets besides its arguments; no handler reads process globals. */
export interface CommandContext {
  out: Output;
  env: NodeJS.ProcessEnv;
  /** Clock for report timestamps: SOURCE_DATE_EPOCH when set, so output is reproducible. */
  now(): Date;
}

export interface GlobalArgs {
  quiet: boolean;
  verbose: boolean;
}

/** One CLI command's options and handler (its name and description are in commands/index.ts). Handlers return an exit code; only the entry point sets it. */
export interface Command<A = Record<string, unknown>> {
  builder(y: Argv<GlobalArgs>): Argv<A & GlobalArgs>;
  run(args: A & GlobalArgs, ctx: CommandContext): Promise<ExitCode>;
}

/** Identity helper that keeps a command's argument type inferred from its builder. */
export function defineCommand<A>(c: Command<A>): Command<A> {
  return c;
}
