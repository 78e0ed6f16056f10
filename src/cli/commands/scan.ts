// envgate scan: collect (or read a snapshot), evaluate every rule, write the reports and
// exit by the worst of: incomplete (3) > unwaived findings at/above --fail-on (1) > ok (0).
// Incomplete wins so a workflow can tell "do not upload this SARIF as a full scan"
// (GitHub closes alerts missing from an upload) from "findings to fix".
import { failedCalls, isShardMarker } from '../../model/shard-marker.js';
import type { Argv } from 'yargs';
import { decide } from '../../gate/decide.js';
import { readWaiversFile } from '../../gate/files.js';
import { waiverLabel, type WaiverSet } from '../../gate/waivers.js';
import type { Evaluation } from '../../model/result.js';
import { SEVERITIES } from '../../model/result.js';
import { type FailOn, runFacts } from '../../report/context.js';
import { type CommandContext, defineCommand, type GlobalArgs } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { defaultDeps, type PipelineArgs, type PipelineDeps, reportContext, runPipeline, withPipelineOptions } from '../pipeline.js';
import { blockingFindingLines } from '../findings.js';
import { causeLines } from '../collection-causes.js';
import { optionError } from '../option-error.js';
import { parseFormats, type ReportArgs, withReportOptions, writeReports } from '../report-options.js';

export interface ScanArgs extends PipelineArgs, ReportArgs {
  'fail-on': string;
  waivers?: string;
}

export const FAIL_ON_CHOICES = [...SEVERITIES.filter((s) => s !== 'info'), 'none'] as const;

export function parseFailOn(value: string): FailOn {
  if ((FAIL_ON_CHOICES as readonly string[]).includes(value)) return value as FailOn;
  throw optionError('fail-on', 'unknown-fail-on', `--fail-on '${value}' is not a severity`, FAIL_ON_CHOICES.join(', '));
}

/** Separate from the command so tests can inject a fake collector. */
export function makeScanCommand(deps: PipelineDeps = defaultDeps) {
  return defineCommand<ScanArgs>({
    builder: (y: Argv<GlobalArgs>) =>
      withReportOptions(withPipelineOptions(y))
        .option('fail-on', {
          choices: FAIL_ON_CHOICES,
          default: 'high',
          describe: 'Exit 1 when a finding has this severity or higher ("none" never fails on findings)',
        })
        .option('waivers', {
          type: 'string',
          describe: 'Waivers file (as for gate; `envgate schema waivers`): waived findings are marked and do not make the scan exit 1',
        })
        .example('$0 scan --spec envgate.yaml', 'collect the live accounts and write out/envgate.{json,sarif,md}')
        .example('$0 scan --spec envgate.yaml --snapshot snapshot.json --fail-on medium', 'evaluate a saved snapshot, failing on medium and above')
        .example('$0 scan --spec envgate.yaml --environment prod --out - --format sarif > prod.sarif', 'one environment (by alias), SARIF on stdout') as unknown as Argv<ScanArgs & GlobalArgs>,
    run: async (args, ctx): Promise<ExitCode> => {
      const failOn = parseFailOn(args['fail-on']);
      const formats = parseFormats(args); // option errors before any AWS call
      const waivers = args.waivers !== undefined ? readWaiversFile(args.waivers) : undefined;
      const run = await runPipeline(args, ctx, deps);
      const evaluation = waivers ? withWaivers(run.evaluation, waivers, failOn, ctx) : run.evaluation;
      const rctx = reportContext(run, failOn);
      const written = writeReports(formats, evaluation, rctx, args.out, ctx.out);

      const facts = runFacts(evaluation.results, rctx);
      // --passes summary: passes are counted in passCounts, not listed as results.
      const passing = facts.counts.pass + (evaluation.passCounts ?? []).reduce((n, c) => n + c.passes, 0);
      const sev = SEVERITIES.filter((s) => facts.bySeverity[s] > 0).map((s) => `${facts.bySeverity[s]} ${s}`);
      const excluded = evaluation.excluded?.length ?? 0;
      const shardGaps = rctx.snapshot.errors.filter(isShardMarker).length;
      ctx.out.info(
        `envgate scan ${run.context.spec.system}: ${facts.counts.fail} failing${sev.length ? ` (${sev.join(', ')})` : ''}, ` +
          `${passing} passing, ${facts.counts.notEvaluated} not evaluated, ${facts.counts.waived} waived` +
          `${excluded > 0 ? `, ${excluded} resource(s) excluded by the spec` : ''}; ` +
          `${failedCalls(rctx.snapshot.errors).length} collection error(s)` +
          `${shardGaps > 0 ? `, global services of ${shardGaps} account(s) not collected in this shard (--global)` : ''}`,
      );
      for (const line of causeLines(failedCalls(rctx.snapshot.errors))) ctx.out.warn(`  cause: ${line}`);
      for (const line of blockingFindingLines(run.evaluation.results, run.evaluation.rules, failOn)) ctx.out.info(line);
      for (const n of written.notes) ctx.out.warn(`envgate scan: ${n}`);
      if (written.paths.length > 0) ctx.out.info(`reports: ${written.paths.join(', ')}`);
      const code = facts.incomplete ? EXIT.incomplete : facts.blocking > 0 ? EXIT.findings : EXIT.ok;
      ctx.out.verdict(scanVerdictLine(code, facts.blocking, failOn, facts.counts.notEvaluated, failedCalls(rctx.snapshot.errors).length));
      return code;
    },
  });
}

/**
 * The scan's results with waivers applied as the gate applies them (one implementation,
 * decide()): covered failures carry `waiver`, so reports mark them and the exit code
 * ignores them. Expiring, expired and unused waivers are said on stderr.
 */
function withWaivers(ev: Evaluation, waivers: WaiverSet, failOn: FailOn, ctx: CommandContext): Evaluation {
  const d = decide({ results: ev.results, failOn, waivers, allowIncomplete: false, now: ctx.now() });
  for (const n of d.notices) {
    const line = `envgate scan: ${n.message}${n.source && !n.message.includes(n.source) ? ` (${n.source})` : ''}`;
    (n.level === 'warn' ? ctx.out.warn : ctx.out.info)(line);
  }
  for (const e of d.expiredWaivers.filter((x) => x.blocks)) {
    ctx.out.warn(`envgate scan: waiver ${waiverLabel(e.waiver)} (${e.waiver.source}, owner ${e.waiver.owner}) expired on ${e.waiver.expires}: ${e.findings.length} finding(s) count again`);
  }
  return { ...ev, results: d.results };
}

export const scanCommand = makeScanCommand();

/** The one line a scan always ends with (all that --quiet prints): verdict, exit code, why. */
export function scanVerdictLine(code: ExitCode, blocking: number, failOn: FailOn, notEvaluated: number, collectionErrors: number): string {
  if (code === EXIT.incomplete) return `envgate scan: INCOMPLETE (exit 3): ${notEvaluated} check(s) not evaluated, ${collectionErrors} collection error(s)`;
  if (code === EXIT.findings) return `envgate scan: FAIL (exit 1): ${blocking} finding(s) at or above ${failOn}`;
  return `envgate scan: PASS (exit 0): ${failOn === 'none' ? 'fail-on none' : `no finding at or above ${failOn}`}`;
}
