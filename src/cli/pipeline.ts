// The pipeline every evaluating command shares (scan, gate): load the spec, get a
// snapshot (collect live, or read --snapshot), load the rules, evaluate, and build the
// report context. Commands add what happens after (reports, gate decisions).
import path from 'node:path';
import type { Argv } from 'yargs';
import { readSnapshot } from '../collect/snapshot-io.js';
import { canonicalSnapshot } from '../collect/snapshot-order.js';
import { evaluate } from '../engine/evaluate.js';
import type { Evaluation } from '../model/result.js';
import type { Snapshot } from '../model/snapshot.js';
import type { LoadedSpec, Spec } from '../model/spec.js';
import type { ReportContext, FailOn } from '../report/context.js';
import { loadRules } from '../rules/load.js';
import { demandOf, type Demand } from '../collect/demand.js';
import { resolveEnvironmentNames } from '../spec/environment-names.js';
import { loadSpec } from '../spec/load.js';
import type { CommandContext } from './command.js';
import { collectWithProgress } from './commands/inventory.js';
import { TOOL_VERSION } from './version.js';
import { withTimeoutOptions } from './timeout-options.js';
import { resolveTimeouts, type TimeoutArgs } from '../collect/timeouts.js';
import { checkRegionOption } from './region-option.js';
import { type ProgressArgs, withProgressOption } from './progress.js';
import { evaluateShards, readShardIndex, shardFiles, type ShardIndex } from '../gate/sharded-scan.js';
import { optionError } from './option-error.js';
import { AUTO_SUMMARY_RESOURCES, autoSummaryLine, parsePasses, passModeFor, PASSES_CHOICES } from './passes.js';

export interface PipelineArgs extends TimeoutArgs, ProgressArgs {
  spec: string;
  snapshot?: string;
  /** Snapshot shards (files or directories of *.json), evaluated without merging them in memory. */
  shards?: string[];
  rules?: string[];
  region?: string[];
  profile?: string;
  endpoint?: string;
  environment?: string[];
  /** 'auto' (default), 'all' or 'summary' (passes counted per rule and environment, not listed). */
  passes?: string;
}

/** The options of PipelineArgs, for a command's builder. */
export function withPipelineOptions<T>(y: Argv<T>): Argv<T & PipelineArgs> {
  return withProgressOption(withTimeoutOptions(y))
    .option('spec', { type: 'string', demandOption: true, describe: 'Environment spec (YAML)' })
    .option('snapshot', { type: 'string', describe: 'Evaluate this saved snapshot instead of collecting live (no AWS calls)' })
    .option('shards', {
      type: 'string',
      array: true,
      describe: 'Evaluate these snapshot shards (files, or directories of *.json) as their merged snapshot, without holding it: a compact index of all, then each window of records (no AWS calls)',
    })
    .option('rules', { type: 'string', array: true, describe: 'Extra rule directories, besides the built-in rules (repeatable)' })
    .option('region', { type: 'string', array: true, describe: "Collect these regions instead of the spec's (repeatable; live only)" })
    .option('profile', { type: 'string', describe: 'AWS shared-config profile for the base credentials (live only)' })
    .option('endpoint', { type: 'string', describe: 'Endpoint for every AWS client, e.g. a local emulator (live only)' })
    .option('environment', { type: 'string', array: true, describe: 'Report only results involving these environments (names or aliases, repeatable); names the SARIF category' })
    .option('passes', {
      choices: PASSES_CHOICES,
      default: 'auto',
      describe: `'all': every passing check is a result; 'summary': passes are counted per rule and environment (passCounts); 'auto': all below ${AUTO_SUMMARY_RESOURCES} resources, summary from there on`,
    }) as Argv<
    T & PipelineArgs
  >;
}

export interface PipelineDeps {
  /** Live collection; tests substitute a fake. */
  collect(spec: Spec, args: PipelineArgs, ctx: CommandContext, demand?: Demand): Promise<Snapshot>;
  /** Base for making an absolute spec path relative (reports must not hold machine paths). */
  cwd(): string;
}

export const defaultDeps: PipelineDeps = {
  collect: (spec, args, ctx, demand) => collectWithProgress(spec, args, ctx, demand),
  cwd: () => process.cwd(),
};

export interface PipelineRun {
  loaded: LoadedSpec;
  snapshot: Snapshot;
  /** Limited to --environment when given. */
  evaluation: Evaluation;
  /** Everything a ReportContext needs except failOn. */
  context: Omit<ReportContext, 'failOn'>;
}

export async function runPipeline(args: PipelineArgs, ctx: CommandContext, deps: PipelineDeps = defaultDeps): Promise<PipelineRun> {
  const passes = parsePasses(args.passes);
  const now = ctx.now();
  const specFile = portablePath(args.spec, deps.cwd());
  const loaded = loadSpec(specFile);
  const environments = checkEnvironments(args.environment ?? [], loaded);
  const rules = loadRules(args.rules ?? []);
  let snapshot: Snapshot;
  let shardIndex: ShardIndex | undefined;
  const shards = args.shards ?? [];
  if (shards.length > 0 && args.snapshot !== undefined) throw optionError('shards', 'shards-and-snapshot', '--shards and --snapshot: give one of them');
  if (shards.length > 0) {
    warnLiveOptions(args, ctx, '--shards');
    shardIndex = readShardIndex(shardFiles(shards), rules, loaded);
    snapshot = shardIndex.snapshot;
  } else if (args.snapshot !== undefined) {
    warnLiveOptions(args, ctx, '--snapshot');
    snapshot = canonicalSnapshot(readSnapshot(args.snapshot));
  } else {
    resolveTimeouts(args, ctx.env); // option errors before any AWS call
    checkRegionOption(args.region);
    // Only the calls the loaded rules need for this spec (collect/demand.ts).
    snapshot = await deps.collect(loaded.spec, args, ctx, demandOf(rules, loaded.spec));
  }
  const mode = passModeFor(passes, snapshot.resources.length);
  if (passes === 'auto' && mode === 'summary') ctx.out.info(autoSummaryLine(snapshot.resources.length));
  const full = shardIndex ? evaluateShards({ spec: loaded, index: shardIndex, rules, now, passes: mode }) : evaluate({ spec: loaded, snapshot, rules, now, passes: mode });
  for (const n of full.exclusionNotices ?? []) (n.level === 'warn' ? ctx.out.warn : ctx.out.info)(`envgate: ${n.message}`);
  const evaluation = limitTo(full, environments);
  const accounts = accountsOf(loaded.spec, environments);
  const errors = environments.length === 0 ? snapshot.errors : snapshot.errors.filter((e) => e.accountId === '' || accounts.has(e.accountId));
  return {
    loaded,
    snapshot,
    evaluation,
    context: {
      toolVersion: TOOL_VERSION,
      spec: { file: toPosix(loaded.file), sha256: loaded.sha256, system: loaded.spec.system.name },
      snapshot: {
        metadata: snapshot.metadata,
        errors,
        source: args.snapshot !== undefined || shardIndex ? 'file' : 'live',
        ...(args.snapshot !== undefined ? { file: toPosix(portablePath(args.snapshot, deps.cwd())) } : {}),
      },
      generatedAt: now.toISOString(),
      scope: { environments },
    },
  };
}

function warnLiveOptions(args: PipelineArgs, ctx: CommandContext, option: string): void {
  for (const live of ['region', 'profile', 'endpoint', 'connect-timeout', 'attempt-timeout', 'call-timeout', 'progress'] as const) {
    const v = args[live];
    if (v !== undefined && (!Array.isArray(v) || v.length > 0)) ctx.out.warn(`envgate: --${live} applies to live collection; ignored with ${option}`);
  }
}

function portablePath(file: string, cwd: string): string {
  return path.isAbsolute(file) ? path.relative(cwd, file) || '.' : file;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** --environment names (comma-separated or repeated, aliases allowed) as sorted spec names. */
function checkEnvironments(requested: string[], loaded: LoadedSpec): string[] {
  const names = [...new Set(requested.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean))];
  return [...new Set(resolveEnvironmentNames(loaded, names.map((name) => ({ option: 'environment', name }))))].sort();
}

function accountsOf(spec: Spec, environments: string[]): Set<string> {
  return new Set(environments.flatMap((e) => spec.environments[e]?.accounts.map((a) => a.id) ?? []));
}

/** Results involving the chosen environments, their access cells and costs (all when none chosen). */
function limitTo(ev: Evaluation, environments: string[]): Evaluation {
  if (environments.length === 0) return ev;
  const keep = new Set(environments);
  return {
    ...ev,
    results: ev.results.filter((r) => r.environments.some((e) => keep.has(e))),
    accessMatrix: ev.accessMatrix.filter((c) => keep.has(c.environment)),
    costs: ev.costs.filter((c) => keep.has(c.environment)),
    ...(ev.passCounts ? { passCounts: ev.passCounts.filter((c) => c.environment !== null && keep.has(c.environment)) } : {}),
    ...(ev.excluded ? { excluded: ev.excluded.filter((x) => x.environment !== null && keep.has(x.environment)) } : {}),
  };
}

/** The context a renderer reads, with the command's threshold. */
export function reportContext(run: PipelineRun, failOn: FailOn): ReportContext {
  return { ...run.context, failOn };
}
