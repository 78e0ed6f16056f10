// The explicit registry of CLI commands, in the order --help lists them.
import { diffCommand } from './diff.js';
import { gateCommand } from './gate.js';
import { inventoryCommand } from './inventory.js';
import { mergeCommand } from './merge.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';

export const COMMANDS = [
  scanCommand,
  gateCommand,
  inventoryCommand,
  validateCommand,
  rulesCommand,
  schemaCommand,
  diffCommand,
  mergeCommand,
] as const;
