// The JSON report: everything a scan knows, versioned and described by report-schema.ts.
import type { AccessCell, Category, EnvironmentCost, Evaluation, ExcludedResource, PassCount, Result, RuleMeta, Severity } from '../model/result.js';
import { CATEGORIES } from '../model/result.js';
import type { CollectionError } from '../model/snapshot.js';
import {
  cmp,
  type Counts,
  type FailOn,
  type ReportContext,
  runFacts,
  runId,
  scopeCategory,
  sortedResults,
  TOOL_INFORMATION_URI,
  TOOL_NAME,
  type Verdict,
} from './context.js';
import type { Formatter, ReportSink } from './formatter.js';
import { accessViolation, costStatus, type CostStatus, type EnvironmentSummary, summarizeByEnvironment } from './derived.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'envgate'; version: string; informationUri: string };
  run: {
    automationId: string;
    category: string;
    generatedAt: string;
    collectedAt: string;
    spec: { file: string; sha256: string; system: string };
    snapshot: { source: 'live' | 'file'; file?: string; toolVersion: string };
    scope: { environments: string[] };
    failOn: FailOn;
    accounts: string[];
    regions: string[];
    apiCalls: Record<string, number>;
    apiCallsTotal: number;
    collectionErrors: CollectionError[];
  };
  summary: {
    verdict: Verdict;
    complete: boolean;
    blocking: number;
    totals: Counts;
    failuresBySeverity: Record<Severity, number>;
    environments: EnvironmentSummary[];
  };
  results: (Result & { waived: boolean })[];
  rules: RuleMeta[];
  accessMatrix: (AccessCell & { violation: boolean })[];
  costs: (EnvironmentCost & CostStatus)[];
  /** Only when evaluated with passes: 'summary' (see Evaluation.passCounts). */
  passCounts?: PassCount[];
  /** Resources the spec's `exclude` left out of scope, by ARN (absent in reports from before it existed). */
  excluded?: ExcludedResource[];
}

export function buildJsonReport(evaluation: Evaluation, ctx: ReportContext): JsonReport {
  const results = sortedResults(evaluation.results);
  const report = jsonReportHead(evaluation, ctx, results);
  report.results = results.map(jsonResult);
  return report;
}

/** One entry of `results`. */
function jsonResult(r: Result): JsonReport['results'][number] {
  return { ...orderedResult(r), waived: r.waiver !== undefined };
}

/** The whole report except `results` (left empty), from the sorted results. */
function jsonReportHead(evaluation: Evaluation, ctx: ReportContext, results: readonly Result[]): JsonReport {
  const facts = runFacts(results, ctx);
  const md = ctx.snapshot.metadata;
  const apiCalls = Object.fromEntries(Object.entries(md.apiCalls).sort((a, b) => cmp(a[0], b[0])));
  const category = scopeCategory(ctx);
  const report: JsonReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: ctx.toolVersion, informationUri: TOOL_INFORMATION_URI },
    run: {
      automationId: `${category}/${runId(ctx)}`,
      category,
      generatedAt: ctx.generatedAt,
      collectedAt: md.collectedAt,
      spec: { file: ctx.spec.file, sha256: ctx.spec.sha256, system: ctx.spec.system },
      snapshot: {
        source: ctx.snapshot.source,
        ...(ctx.snapshot.file !== undefined ? { file: ctx.snapshot.file } : {}),
        toolVersion: md.tool.version,
      },
      scope: { environments: [...ctx.scope.environments].sort(cmp) },
      failOn: ctx.failOn,
      accounts: [...md.accounts].sort(cmp),
      regions: [...md.regions].sort(cmp),
      apiCalls,
      apiCallsTotal: Object.values(apiCalls).reduce((a, b) => a + b, 0),
      collectionErrors: ctx.snapshot.errors,
    },
    summary: {
      verdict: facts.verdict,
      complete: !facts.incomplete,
      blocking: facts.blocking,
      totals: facts.counts,
      failuresBySeverity: facts.bySeverity,
      environments: summarizeByEnvironment(results),
    },
    results: [],
    rules: [...evaluation.rules].sort((a, b) => cmp(a.id, b.id)),
    accessMatrix: [...evaluation.accessMatrix]
      .sort((a, b) => cmp(a.team, b.team) || cmp(a.environment, b.environment))
      .map((c) => ({ ...c, violation: accessViolation(c) })),
    costs: [...evaluation.costs].sort((a, b) => cmp(a.environment, b.environment)).map((c) => ({ ...c, ...costStatus(c) })),
    excluded: [...(evaluation.excluded ?? [])].sort((a, b) => cmp(a.arn, b.arn)),
  };
  if (evaluation.passCounts) {
    report.passCounts = evaluation.passCounts;
    addPassCounts(report.summary, evaluation.passCounts, evaluation.rules);
  }
  return report;
}

/** Summarised passes still count in the totals, so both modes report the same numbers. */
function addPassCounts(summary: JsonReport['summary'], passCounts: readonly PassCount[], rules: readonly RuleMeta[]): void {
  const categoryOf = new Map<string, Category>(rules.map((r) => [r.id, r.category]));
  const byEnv = new Map<string | null, Map<Category, number>>();
  for (const c of passCounts) {
    summary.totals.pass += c.passes;
    const cat = categoryOf.get(c.ruleId);
    if (cat === undefined) continue;
    let m = byEnv.get(c.environment);
    if (!m) byEnv.set(c.environment, (m = new Map()));
    m.set(cat, (m.get(cat) ?? 0) + c.passes);
  }
  for (const [environment, cats] of byEnv) {
    let e = summary.environments.find((x) => x.environment === environment);
    if (!e) summary.environments.push((e = { environment, totals: { fail: 0, pass: 0, notEvaluated: 0, waived: 0 }, categories: [] }));
    for (const [category, n] of cats) {
      e.totals.pass += n;
      let c = e.categories.find((x) => x.category === category);
      if (!c) e.categories.push((c = { category, fail: 0, pass: 0, notEvaluated: 0, waived: 0 }));
      c.pass += n;
    }
    e.categories.sort((a, b) => catRank(a.category) - catRank(b.category));
  }
  summary.environments.sort((a, b) => (a.environment === null ? (b.environment === null ? 0 : 1) : b.environment === null ? -1 : cmp(a.environment, b.environment)));
}

function catRank(c: Category): number {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
}

/** Fixed key order, whatever order the engine built the object in. */
function orderedResult(r: Result): Result {
  return {
    ruleId: r.ruleId,
    status: r.status,
    severity: r.severity,
    category: r.category,
    resource: {
      arn: r.resource.arn,
      accountId: r.resource.accountId,
      region: r.resource.region,
      type: r.resource.type,
      name: r.resource.name,
      environment: r.resource.environment,
    },
    environments: [...r.environments],
    message: r.message,
    evidence: r.evidence,
    ...(r.specLocation ? { specLocation: r.specLocation } : {}),
    fingerprint: r.fingerprint,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.waiver ? { waiver: r.waiver } : {}),
    ...(r.baseline ? { baseline: r.baseline } : {}),
  };
}

export function renderJson(evaluation: Evaluation, ctx: ReportContext): string {
  const chunks: string[] = [];
  writeJson(evaluation, ctx, { write: (c) => void chunks.push(c) });
  return chunks.join('');
}

/**
 * The report as `JSON.stringify(report, null, 2)` writes it, byte for byte, but one
 * result at a time: a million-resource report is far larger than one string can hold.
 */
export function writeJson(evaluation: Evaluation, ctx: ReportContext, sink: ReportSink): void {
  const results = sortedResults(evaluation.results);
  const head = jsonReportHead(evaluation, ctx, results);
  const entries = Object.entries(head).filter(([, v]) => v !== undefined);
  sink.write('{\n');
  entries.forEach(([key, value], i) => {
    sink.write(`  ${JSON.stringify(key)}: `);
    if (key === 'results' && results.length > 0) {
      sink.write('[\n');
      for (let j = 0; j < results.length; j++) {
        sink.write(`${j > 0 ? ',\n' : ''}    ${nestedJson(jsonResult(results[j]!), 2)}`);
      }
      sink.write('\n  ]');
    } else sink.write(nestedJson(value, 1));
    sink.write(i < entries.length - 1 ? ',\n' : '\n');
  });
  sink.write('}\n');
}

/**
 * Pretty JSON as it appears nested `depth` levels deep (2 spaces a level): stringified
 * inside `depth` one-element arrays and cut out, which is exact and cheaper than
 * re-indenting every line of a large text.
 */
export function nestedJson(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 0;
  for (let i = 0; i < depth; i++) head += 2 + 2 * (i + 1); // "[\n" then the next level's indent
  let tail = 0;
  for (let i = 0; i < depth; i++) tail += 2 + 2 * i; // "\n" + indent + "]"
  return text.slice(head, text.length - tail);
}

export const jsonFormatter: Formatter = {
  name: 'json',
  aliases: [],
  fileName: 'envgate.json',
  mediaType: 'application/json',
  summary: 'everything the scan knows, versioned, with a JSON Schema (`envgate schema report`)',
  byDefault: true,
  write: writeJson,
};
