import type { Argv } from 'yargs';
import { formatDiagnostic, InputError, type Diagnostic } from '../../model/diagnostics.js';
import { loadSpec } from '../../spec/load.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface FileResult {
  file: string;
  valid: boolean;
  sha256?: string;
  diagnostics: Diagnostic[];
}

// Validates spec files: every problem of every file at once, exit 2 when any is invalid.
export const validateCommand = defineCommand({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('spec', { type: 'string', array: true, demandOption: true, describe: 'Spec files' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Diagnostics as text lines (stderr) or one JSON document (stdout)' })
      .example('$0 validate envgate.yaml', 'every problem of the spec, as file:line:col code /pointer: message')
      .example('$0 validate fixtures/*/envgate.yaml --format json', 'several specs, one JSON document'),
  run: async (args, ctx) => {
    const results: FileResult[] = [];
    for (const file of args.spec.map(String)) {
      try {
        const loaded = loadSpec(file);
        results.push({ file, valid: true, sha256: loaded.sha256, diagnostics: [] });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        results.push({ file, valid: false, diagnostics: err.diagnostics });
      }
    }
    if (args.format === 'json') {
      ctx.out.result(JSON.stringify({ valid: results.every((r) => r.valid), files: results }, null, 2));
    } else {
      for (const r of results) {
        if (r.valid) ctx.out.result(`${r.file}: ok`);
        else for (const d of r.diagnostics) ctx.out.error(formatDiagnostic(d));
      }
      const bad = results.filter((r) => !r.valid);
      if (bad.length > 0 && results.length > 1) ctx.out.info(`${bad.length} of ${results.length} specs are not valid`);
    }
    return results.every((r) => r.valid) ? EXIT.ok : EXIT.input;
  },
});
