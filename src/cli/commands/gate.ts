import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';

// Placeholder until its issue lands; replaced by the real command.
export const gateCommand = defineCommand({
  command: 'gate',
  describe: '(not available yet)',
  builder: (y: Argv<{ quiet: boolean; verbose: boolean }>) => y,
  run: async (_args, ctx) => {
    ctx.out.error('envgate gate: not available yet');
    return EXIT.input;
  },
});
