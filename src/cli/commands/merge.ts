// envgate merge A.json B.json ... --out DIR: report shards from parallel scans (one CI job
// per account, region or aggregator) become one report set, exiting as a scan of the
// union would: 3 incomplete > 1 findings at/above --fail-on > 0. Given snapshots
// (from `envgate inventory`) instead, it writes DIR/snapshot.json, the snapshot a single
// collection of the union would have produced, for one `scan --snapshot` (exact for
// every rule).
import path from 'node:path';
import type { Argv } from 'yargs';
import { streamJsonFile } from '../../collect/json-stream.js';
import { readText } from '../../gate/files.js';
import { mergeReports } from '../../gate/merge.js';
import { mergeSnapshotFiles } from '../../gate/merge-snapshots.js';
import { parseReport } from '../../gate/report-file.js';
import { InputError } from '../../model/diagnostics.js';
import { nodeFs } from '../fs-atomic.js';
import { optionError } from '../option-error.js';
import { type FailOn, runFacts } from '../../report/context.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseFormats, type ReportArgs, withReportOptions, writeReports } from '../report-options.js';
import { FAIL_ON_CHOICES } from './scan.js';
import { isShardMarker } from '../../model/shard-marker.js';

interface MergeArgs extends ReportArgs {
  reports: string[];
  'fail-on'?: FailOn;
}

export const mergeCommand = defineCommand<MergeArgs>({
  builder: (y: Argv<GlobalArgs>) =>
    withReportOptions(y)
      .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'envgate.json files (or snapshots from envgate inventory), one per shard' })
      .option('fail-on', { choices: FAIL_ON_CHOICES, describe: "Threshold for the merged run (default: the shards' own)" })
      .example('$0 merge shards/*/envgate.json --out merged', 'one report set from the reports of parallel scans')
      .example('$0 merge shards/*/snapshot.json --out merged', 'one snapshot from parallel inventories, for scan --snapshot') as unknown as Argv<MergeArgs & GlobalArgs>,
  run: async (args, ctx): Promise<ExitCode> => {
    const formats = parseFormats(args);
    const files = [...new Set(args.reports.map(String))].sort();
    const kinds = files.map((file) => (isSnapshotFile(file) ? 'snapshot' : 'report'));
    if (kinds.includes('snapshot')) {
      if (kinds.includes('report')) throw new InputError('merge takes reports or snapshots, not both');
      if (args.out === '-') throw optionError('out', 'snapshot-out', '--out -: merging snapshots writes DIR/snapshot.json; give --out a directory');
      nodeFs.mkdir(args.out);
      const target = path.join(args.out, 'snapshot.json');
      // Streamed: the shards' resources are merged record by record, never all held.
      const merged = await mergeSnapshotFiles(files, target);
      ctx.out.info(`envgate merge: ${files.length} snapshot(s), ${merged.accounts.length} account(s), ${merged.resources} resource(s) -> ${target}`);
      const left = merged.errors.filter(isShardMarker).map((e) => e.accountId);
      if (left.length > 0) ctx.out.warn(`envgate merge: no shard collected the global services of ${left.join(', ')} (--global); checks of them will be not evaluated`);
      return merged.errors.length > 0 ? EXIT.incomplete : EXIT.ok;
    }
    const shards = files.map((file) => ({ file, report: parseReport(readText(file, 'shard'), file) }));
    const merged = mergeReports(shards, args['fail-on'] !== undefined ? { failOn: args['fail-on'] } : {});
    const written = writeReports(formats, merged.evaluation, merged.ctx, args.out, ctx.out);
    for (const c of merged.conflicts.slice(0, 20)) {
      ctx.out.warn(`envgate merge: shards disagree on ${c.ruleId} ${c.arn} (${Object.entries(c.statuses).map(([f, s]) => `${f}: ${s}`).join(', ')}); reported as not evaluated`);
    }
    if (merged.conflicts.length > 20) ctx.out.warn(`envgate merge: ... and ${merged.conflicts.length - 20} more disagreements`);
    const facts = runFacts(merged.evaluation.results, merged.ctx);
    ctx.out.info(
      `envgate merge: ${shards.length} shard(s), ${merged.ctx.snapshot.metadata.accounts.length} account(s): ${facts.counts.fail} failing, ` +
        `${facts.counts.pass} passing, ${facts.counts.notEvaluated} not evaluated, ${merged.ctx.snapshot.errors.length} collection error(s)`,
    );
    for (const n of written.notes) ctx.out.warn(`envgate merge: ${n}`);
    if (written.paths.length > 0) ctx.out.info(`reports: ${written.paths.join(', ')}`);
    if (facts.incomplete) return EXIT.incomplete;
    return facts.blocking > 0 ? EXIT.findings : EXIT.ok;
  },
});

/**
 * Snapshots carry resources and no results: told from the file's top-level member names,
 * read past without parsing (a snapshot may be larger than one string). Unreadable or
 * unparsable files are left to the report reader's located error.
 */
function isSnapshotFile(file: string): boolean {
  const arrays = new Set<string>();
  try {
    for (const ev of streamJsonFile(file, { skip: () => true })) if (ev.kind === 'array-end') arrays.add(ev.key);
  } catch {
    return false;
  }
  return arrays.has('resources') && !arrays.has('results');
}
