// envgate gate: the pre-promotion check. Evaluates the target environment and the parity
// of source with target, applies the baseline, waivers and threshold, writes the reports
// (plus envgate-gate.json with the decision) and exits 0 pass, 1 blocked, 3 incomplete.
// Unlike scan, blocking wins over incomplete here: the findings that block are certain,
// and either way the promotion stops (see README "Pipelines").
import path from 'node:path';
import type { Argv } from 'yargs';
import { decide } from '../../gate/decide.js';
import { readBaselineFile, readWaiversFile } from '../../gate/files.js';
import { gateMarkdown } from '../../gate/gate-markdown.js';
import { checkGateEnvironments, declaresParity, gateErrors, gateEvaluation } from '../../gate/scope.js';
import { gateSummary, verdictLines } from '../../gate/verdict.js';
import type { FailOn } from '../../report/context.js';
import { loadSpec } from '../../spec/load.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import type { ExitCode } from '../exit-codes.js';
import { writeFilesAtomic } from '../fs-atomic.js';
import { causeLines } from '../collection-causes.js';
import { optionError } from '../option-error.js';
import { defaultDeps, type PipelineArgs, type PipelineDeps, reportContext, runPipeline, withPipelineOptions } from '../pipeline.js';
import { fitMarkdown } from '../../report/markdown-limit.js';
import { emitReports, parseFormats, renderReports, reportFiles, type ReportArgs, withReportOptions } from '../report-options.js';
import { FAIL_ON_CHOICES } from './scan.js';

export interface GateArgs extends PipelineArgs, ReportArgs {
  from: string;
  to: string;
  baseline?: string;
  waivers?: string;
  'fail-on': FailOn;
  'allow-incomplete': boolean;
}

export const GATE_FILE = 'envgate-gate.json';

export function makeGateCommand(deps: PipelineDeps = defaultDeps) {
  return defineCommand<GateArgs>({
    builder: (y: Argv<GlobalArgs>) =>
      withReportOptions(withPipelineOptions(y))
        .option('from', { type: 'string', demandOption: true, describe: 'Source environment or alias (e.g. staging): its parity with the target is checked' })
        .option('to', { type: 'string', demandOption: true, describe: 'Target environment or alias (e.g. production): every result involving it is checked' })
        .option('baseline', { type: 'string', describe: 'A previous envgate.json: only findings not in it block' })
        .option('waivers', { type: 'string', describe: 'Waivers file (YAML; see `envgate schema waivers`)' })
        .option('fail-on', {
          choices: FAIL_ON_CHOICES,
          default: 'high' as FailOn,
          describe: 'Block on findings of this severity or higher; "none" never blocks on findings',
        })
        .option('allow-incomplete', {
          type: 'boolean',
          default: false,
          describe: 'Pass even when checks could not be evaluated or collection failed (otherwise exit 3)',
        })
        .hide('environment')
        .example('$0 gate --spec envgate.yaml --from staging --to production --baseline last/envgate.json --waivers waivers.yaml', 'block the promotion on new findings only')
        .example('$0 gate --spec envgate.yaml --from stg --to prod --snapshot snapshot.json', 'environments by alias, from a saved snapshot') as unknown as Argv<
        GateArgs & GlobalArgs
      >,
    run: async (args, ctx): Promise<ExitCode> => {
      // Every input problem surfaces before any AWS call.
      if ((args.environment ?? []).length > 0) throw optionError('environment', 'gate-environment', 'gate takes --from and --to, not --environment');
      const formats = parseFormats(args);
      const { from, to } = checkGateEnvironments(loadSpec(args.spec), args.from, args.to);
      const baseline = args.baseline !== undefined ? readBaselineFile(args.baseline) : undefined;
      const waivers = args.waivers !== undefined ? readWaiversFile(args.waivers) : undefined;

      const run = await runPipeline({ ...args, environment: [] }, ctx, deps);
      if (!declaresParity(run.loaded, from, to)) {
        ctx.out.warn(`envgate gate: the spec declares no parity from ${from} to ${to}; only the results involving ${to} are checked`);
      }
      const scoped = gateEvaluation(run.evaluation, from, to);
      const errors = gateErrors(run.context.snapshot.errors, run.loaded, from, to);
      const decision = decide({
        results: scoped.results,
        failOn: args['fail-on'],
        ...(baseline ? { baseline } : {}),
        ...(waivers ? { waivers } : {}),
        allowIncomplete: args['allow-incomplete'],
        now: ctx.now(),
        collectionErrors: errors,
      });

      const base = reportContext(run, args['fail-on']);
      const rctx = { ...base, snapshot: { ...base.snapshot, errors }, scope: { environments: [from, to].sort() } };
      const evaluation = { ...scoped, results: decision.results };
      const scope = { from: from, to: to, failOn: args['fail-on'] };
      // The gate's verdict goes first in the Markdown, and the whole still fits a step summary.
      const finish = new Map([['md', (md: string) => fitMarkdown(gateMarkdown(decision, scope) + md)]]);

      if (args.out === '-') {
        const rendered = renderReports(formats, evaluation, rctx);
        for (const [f, text] of rendered) rendered.set(f, finish.get(f)?.(text) ?? text);
        emitReports(rendered, args.out, ctx.out);
      } else {
        const notes: string[] = [];
        const files = reportFiles(formats, evaluation, rctx, args.out, notes, finish);
        files.push({ path: path.join(args.out, GATE_FILE), data: `${JSON.stringify(gateSummary(decision, scope), null, 2)}\n` });
        writeFilesAtomic(files);
        for (const n of notes) ctx.out.warn(`envgate gate: ${n}`);
        ctx.out.info(`reports: ${files.map((f) => f.path).join(', ')}`);
      }

      for (const n of decision.notices) {
        const line = `envgate gate: ${n.message}${n.source && !n.message.includes(n.source) ? ` (${n.source})` : ''}`;
        if (n.level === 'warn') ctx.out.warn(line);
        else ctx.out.info(line);
      }
      for (const line of causeLines(errors)) ctx.out.warn(`envgate gate: collection error cause: ${line}`);
      const lines = verdictLines(decision, scope);
      // A blocked or incomplete verdict is shown even with --quiet.
      for (const l of lines) (decision.verdict === 'pass' ? ctx.out.info : ctx.out.error)(l);
      return decision.exitCode;
    },
  });
}

export const gateCommand = makeGateCommand();
