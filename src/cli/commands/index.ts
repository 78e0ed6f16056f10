// The explicit registry of CLI commands, in the order --help lists them. Each entry has
// what --help lists; its module (options and handler) is imported only when the command
// runs, so `envgate --version` or `validate` never load the AWS SDK or the engine.
import type { Command } from '../command.js';

export interface CommandEntry {
  /** yargs command string: the name, then positionals. */
  command: string;
  describe: string;
  load(): Promise<Command<unknown>>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    command: 'scan',
    describe: 'Check the live accounts (or a saved snapshot) against the spec and write JSON, SARIF and Markdown reports',
    load: async () => (await import('./scan.js')).scanCommand as Command<unknown>,
  },
  {
    command: 'gate',
    describe: 'Decide whether a release may be promoted from one environment to the next (exit 0 pass, 1 blocked, 3 incomplete)',
    load: async () => (await import('./gate.js')).gateCommand as Command<unknown>,
  },
  {
    command: 'inventory',
    describe: 'Collect the live inventory of the accounts a spec names into a snapshot file',
    load: async () => (await import('./inventory.js')).inventoryCommand as Command<unknown>,
  },
  {
    command: 'validate <spec...>',
    describe: 'Validate environment spec files (YAML or JSON)',
    load: async () => (await import('./validate.js')).validateCommand as Command<unknown>,
  },
  {
    command: 'draft <docs..>',
    describe: 'Draft a spec from architecture documents (every value cites its line), or --check the drift between them and a spec (exit 1)',
    load: async () => (await import('./draft.js')).draftCommand as Command<unknown>,
  },
  {
    command: 'rules [action] [id]',
    describe: 'List the rules, or show one (built-in plus --rules directories)',
    load: async () => (await import('./rules.js')).rulesCommand as Command<unknown>,
  },
  {
    command: 'schema [name]',
    describe: 'Print a JSON Schema (default: the spec\'s, for editors)',
    load: async () => (await import('./schema.js')).schemaCommand as Command<unknown>,
  },
  {
    command: 'diff <old> <new>',
    describe: 'Compare two envgate.json reports: new, resolved and unchanged findings',
    load: async () => (await import('./diff.js')).diffCommand as Command<unknown>,
  },
  {
    command: 'merge <reports..>',
    describe: 'Combine shards of parallel scans: envgate.json reports into one report set, or snapshots into one snapshot',
    load: async () => (await import('./merge.js')).mergeCommand as Command<unknown>,
  },
  {
    command: 'publish',
    describe: "Send a report's findings to AWS Security Hub (envgate's only write to AWS)",
    load: async () => (await import('./publish.js')).publishCommand as Command<unknown>,
  },
];

/** The command's name: the first word of its command string. */
export function commandName(entry: CommandEntry): string {
  return entry.command.split(' ')[0]!;
}
