// envgate diff OLD.json NEW.json: findings new, resolved and unchanged between two reports
// (by fingerprint), for the nightly trend. Exit 0, or 1 with --fail-on-new when an
// unwaived finding is new.
import type { Argv } from 'yargs';
import { diffReports, renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../gate/diff.js';
import { readReportFile } from '../../gate/files.js';
import { InputError } from '../../model/diagnostics.js';
import type { JsonReport } from '../../report/json.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface DiffArgs {
  old: string;
  new: string;
  format: 'text' | 'json' | 'md';
  'fail-on-new': boolean;
}

export const diffCommand = defineCommand<DiffArgs>({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('old', { type: 'string', demandOption: true, describe: 'The earlier envgate.json' })
      .positional('new', { type: 'string', demandOption: true, describe: 'The later envgate.json' })
      .option('format', { choices: ['text', 'json', 'md'] as const, default: 'text' as const, describe: 'Output format (md suits $GITHUB_STEP_SUMMARY)' })
      .option('fail-on-new', { type: 'boolean', default: false, describe: 'Exit 1 when a finding is new (waived ones excepted)' })
      .example('$0 diff yesterday/envgate.json out/envgate.json', 'new, resolved and unchanged findings since yesterday')
      .example('$0 diff yesterday/envgate.json out/envgate.json --format md >> "$GITHUB_STEP_SUMMARY"', 'the same as the step summary of a workflow') as unknown as Argv<DiffArgs & GlobalArgs>,
  run: async (args, ctx): Promise<ExitCode> => {
    const [oldR, newR] = [readReportFile(args.old), readReportFile(args.new)];
    checkSameSystem(oldR, newR, args);
    const d = diffReports(oldR, newR, { old: args.old, new: args.new });
    const text = args.format === 'json' ? renderDiffJson(d) : args.format === 'md' ? renderDiffMarkdown(d) : renderDiffText(d);
    ctx.out.result(text.endsWith('\n') ? text.slice(0, -1) : text);
    const newUnwaived = d.new.filter((e) => !e.waived).length;
    return args['fail-on-new'] && newUnwaived > 0 ? EXIT.findings : EXIT.ok;
  },
});

/** Reports of two systems share no findings: comparing them would call every finding new and resolved (merge refuses them too). */
function checkSameSystem(oldR: JsonReport, newR: JsonReport, files: { old: string; new: string }): void {
  const [a, b] = [oldR.run.spec.system, newR.run.spec.system];
  if (a === b) return;
  const message = `a report of system '${b}', not '${a}' as ${files.old}`;
  throw new InputError(`${files.old} and ${files.new} are reports of different systems`, [
    { file: files.new, line: 1, column: 1, path: '/run/spec/system', code: 'system-mismatch', message, expected: a },
  ]);
}
