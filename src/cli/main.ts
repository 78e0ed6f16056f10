import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { formatDiagnostic, InputError } from '../model/diagnostics.js';
import { didYouMean } from '../spec/suggest.js';
import { clockFromEnv } from './clock.js';
import type { Command, CommandContext, GlobalArgs } from './command.js';
import { commandName, COMMANDS } from './commands/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { consoleOutput, type Output } from './output.js';
import { TOOL_VERSION } from './version.js';
import { normaliseYargsMessage, UsageError, usageLine } from './option-error.js';
import { CONFIG_FILE } from './config-name.js';

/** Runs the CLI on argv and returns the exit code; never throws, never exits. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out?: Output): Promise<ExitCode> {
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const progress = argv.includes('--progress');
  let output = out ?? consoleOutput({ quiet, verbose, progress }, env);
  let code: ExitCode = EXIT.ok;

  // Only the command being run is imported; the others are listed by name for --help.
  const named = argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--config');
  let running: Command<unknown> | undefined;
  let configured: Record<string, unknown> = {};
  let ctx: CommandContext;
  try {
    running = await COMMANDS.find((e) => commandName(e) === named)?.load();
    configured = running && named ? await commandConfig(argv, named, running) : {};
    // `progress: true` in the config file shows progress as --progress does.
    if (!out && configured.progress === true && !progress) output = consoleOutput({ quiet, verbose, progress: true }, env);
    ctx = { out: output, env, now: clockFromEnv(env) };
  } catch (err) {
    return reportError(err, output, verbose);
  }

  const cli = yargs(argv)
    .scriptName('envgate')
    .usage('$0 <command> [options]\n\nChecks live AWS environments against the spec their architecture document sets.')
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only results and errors' })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Print detail (and stacks of internal errors)' })
    .option('config', { type: 'string', describe: `Config file of option values (default: ./${CONFIG_FILE} when present)` })
    .config(configured)
    .strict()
    .demandCommand(1, 'Name a command (see --help).')
    .recommendCommands()
    .version(TOOL_VERSION)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    // Throwing (rather than recording) stops yargs before any handler runs: a bad
    // option must never start a scan or write a report.
    .fail((msg, err) => {
      throw err ?? new UsageError(withOptionSuggestions(normaliseYargsMessage(msg), [...GLOBAL_OPTIONS, ...(running ? optionNames(running) : [])]));
    });

  for (const entry of COMMANDS) {
    const command = commandName(entry) === named ? running : undefined;
    cli.command(
      entry.command,
      entry.describe,
      (y) => (command ? command.builder(y as never) : y),
      async (args) => {
        if (command) code = await command.run(args as never as GlobalArgs, ctx);
      },
    );
  }

  try {
    await cli.parseAsync();
  } catch (err) {
    return reportError(err, output, verbose);
  }
  return code;
}

/** Diagnostics of options (`--call-timeout`) and environment variables (`ENVGATE_CALL_TIMEOUT`) rather than files. */
const OPTION_SOURCE = /^(--[a-z][a-z0-9-]*|[A-Z][A-Z0-9_]*)$/;

const GLOBAL_OPTIONS = ['quiet', 'verbose', 'help', 'version', 'config'];

/** The config file's values for the command being run ({} without a config file, which is then never loaded). */
async function commandConfig(argv: readonly string[], command: string, running: Command<unknown>): Promise<Record<string, unknown>> {
  const cwd = process.cwd();
  const given = argv.some((a) => a === '--config' || a.startsWith('--config='));
  if (!given && !existsSync(path.join(cwd, CONFIG_FILE))) return {};
  const { configFor, configPath, loadConfig } = await import('./config-file.js');
  const file = configPath(argv, cwd);
  return file === undefined ? {} : configFor(loadConfig(file, cwd), command, optionNames(running));
}

/** The long option names a command's builder declares. */
function optionNames(command: Command<unknown>): string[] {
  const built = command.builder(yargs([]) as never) as unknown as { getOptions(): { key: Record<string, unknown> } };
  return Object.keys(built.getOptions().key);
}

/** yargs' "Unknown argument(s): a, b", each named once, with "did you mean --x?" for close option names. */
export function withOptionSuggestions(msg: string, options: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  // yargs also lists the camelCase twin of a dashed name (fail-onn, failOnn): one is enough.
  const listed = m[1]!.split(', ');
  const args = listed.filter((a) => a === kebab(a) || !listed.includes(kebab(a)));
  const hints = args.flatMap((arg) => {
    const guess = didYouMean(arg, options);
    return guess !== undefined && guess !== arg ? [`--${arg}: did you mean --${guess}?`] : [];
  });
  return `Unknown argument${args.length > 1 ? 's' : ''}: ${args.join(', ')}${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Turns what a command threw into messages and an exit code: never a stack unless --verbose. */
export function reportError(err: unknown, out: Output, verbose: boolean): ExitCode {
  if (err instanceof UsageError) {
    out.error(usageLine(err));
    out.error('Run envgate --help for usage.');
    return EXIT.input;
  }
  if (err instanceof InputError && err.diagnostics.length > 0 && err.diagnostics.every((d) => OPTION_SOURCE.test(d.file))) {
    // Located at an option or an environment variable, not a file: said once, as usage.
    for (const d of err.diagnostics) out.error(usageLine(new UsageError(d.message.startsWith(d.file) ? d.message : `${d.file}: ${d.message}`, d.code, d.expected)));
    out.error('Run envgate --help for usage.');
    return EXIT.input;
  }
  if (err instanceof InputError) {
    for (const d of err.diagnostics) out.error(formatDiagnostic(d));
    out.error(`envgate: ${err.message}`);
    return EXIT.input;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  // V8's "Invalid string length": a report text outgrew the longest string JavaScript holds.
  if (e instanceof RangeError && /string length/i.test(e.message)) {
    out.error('envgate: a report is too large to build in memory (over ~512 MB of text): for estates this large use --passes summary, which counts passing checks instead of listing each');
    return EXIT.input;
  }
  out.error(`envgate: internal error: ${firstLine(e.message)}${whereThrown(e)}`);
  if (verbose && e.stack) out.error(e.stack);
  else out.error(`This is a bug in envgate ${TOOL_VERSION}: please report it with the command line and the input files (run again with --verbose for the stack).`);
  return EXIT.internal;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

/** ` (at src/x.ts:12)`: the innermost frame in envgate's own sources, relative to the package, so no machine path is printed. */
export function whereThrown(e: Error): string {
  for (const line of (e.stack ?? '').split('\n').slice(1)) {
    const frame = line.replace(/\\/g, '/').replace('file://', '');
    const at = frame.indexOf(PACKAGE_ROOT);
    if (at < 0 || frame.includes('/node_modules/')) continue;
    const m = /^(src\/[^\s():]+):(\d+)/.exec(frame.slice(at + PACKAGE_ROOT.length));
    if (m) return ` (at ${m[1]}:${m[2]})`;
  }
  return '';
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\\/g, '/');
