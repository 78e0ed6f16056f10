import type { Argv } from 'yargs';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_SCHEMA, SCHEMAS, schemaNames } from '../schema-registry.js';

// Prints a JSON Schema (the spec's by default) for editors and other tools.
export const schemaCommand = defineCommand({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('name', { type: 'string', default: DEFAULT_SCHEMA, describe: `Which schema: ${schemaNames().join(', ')}` })
      .option('list', { type: 'boolean', default: false, describe: 'List the schema names instead' })
      .example('$0 schema > envgate.schema.json', 'then start envgate.yaml with # yaml-language-server: $schema=./envgate.schema.json')
      .example('$0 schema config', 'the schema of .envgate.yaml'),
  run: async (args, ctx) => {
    if (args.list) {
      for (const name of schemaNames()) ctx.out.result(`${name}\t${SCHEMAS[name]?.describe ?? ''}`);
      return EXIT.ok;
    }
    const entry = Object.hasOwn(SCHEMAS, args.name) ? SCHEMAS[args.name] : undefined;
    if (entry === undefined) {
      ctx.out.error(`envgate schema: unknown schema "${args.name}"; known: ${schemaNames().join(', ')}`);
      return EXIT.input;
    }
    ctx.out.result(JSON.stringify(entry.schema, null, 2));
    return EXIT.ok;
  },
});
