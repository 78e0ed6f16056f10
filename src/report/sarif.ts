// SARIF 2.1.0 that GitHub code scanning accepts for findings on live cloud resources.
// A cloud resource is not a file: each result is anchored at the spec line of the
// requirement it violates (a file in the repository), and the ARN travels in the message
// and logicalLocations. See README section "reports" for the full mapping.
import { failedCalls, isShardMarker, SHARD_MARKER_MESSAGE } from '../model/shard-marker.js';
import type { Evaluation, Result, RuleMeta, Severity } from '../model/result.js';
import {
  cmp,
  type ReportContext,
  runFacts,
  runId,
  scopeCategory,
  sortedResults,
  TOOL_INFORMATION_URI,
  TOOL_NAME,
  UNATTRIBUTED,
} from './context.js';
import { serviceOf } from './derived.js';
import { md, sarifText } from './escape.js';
import { GITHUB_LIMITS, SarifLimitError } from './sarif-limits.js';
import { gzipMeter, writeSarifParts } from './sarif-stream.js';
import { AGGREGATE_LISTED, type AggregateAlert, aggregateFingerprint, aggregationNotice, planSarif } from './sarif-aggregate.js';

export { GITHUB_LIMITS, SarifLimitError } from './sarif-limits.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Numeric strings GitHub maps onto its severity bands (>9 critical, 7-8.9 high, 4-6.9 medium, else low). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

type Json = Record<string, unknown>;

/** The log without its results (left empty), and the results to stream after it. */
export interface SarifParts {
  log: Json;
  results: Iterable<Json>;
  /** Set when findings were folded to fit GitHub's results limit. */
  notice?: string;
}

export function sarifParts(evaluation: Evaluation, ctx: ReportContext): SarifParts {
  const rules = [...evaluation.rules].sort((a, b) => cmp(a.id, b.id));
  if (rules.length > GITHUB_LIMITS.rulesPerRun) {
    throw new SarifLimitError(
      'sarif-too-many-rules',
      `SARIF: ${rules.length} rules exceed GitHub's limit of ${GITHUB_LIMITS.rulesPerRun} per run; narrow the rule set (--rules)`,
    );
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const all = sortedResults(evaluation.results);
  // Waived findings are left out: GitHub ignores SARIF suppressions and would show them open.
  const failures = all.filter((r) => r.status === 'fail' && !r.waiver);
  const plan = planSarif(failures, GITHUB_LIMITS.resultsPerRun);
  const notice = plan.aggregated > 0 ? aggregationNotice(plan, GITHUB_LIMITS.resultsPerRun) : undefined;
  const notEvaluated = all.filter((r) => r.status === 'not-evaluated');
  const facts = runFacts(all, ctx);

  const indexOf = (id: string): number => {
    const i = ruleIndex.get(id);
    if (i === undefined) throw new Error(`result references rule '${id}' that the evaluation does not list`);
    return i;
  };

  const notifications = [
    ...ctx.snapshot.errors.filter(isShardMarker).map((e) => ({
      level: 'note',
      message: plainMessage(`Not collected in this shard: ${SHARD_MARKER_MESSAGE} for account ${e.accountId} (incomplete: ${e.affects.join(', ')})`),
      descriptor: { id: 'not-collected-in-shard' },
      properties: { ...e },
    })),
    ...failedCalls(ctx.snapshot.errors).map((e) => ({
      level: 'error',
      message: plainMessage(
        `Collection failed: ${e.service}:${e.operation} in account ${e.accountId || '-'} region ${e.region}: ` +
          `${e.code}: ${e.message}` +
          (e.affects.length > 0 ? ` (incomplete: ${e.affects.join(', ')})` : '') +
          (e.resourceArn ? ` [${e.resourceArn}]` : ''),
      ),
      descriptor: { id: 'collection-error' },
      properties: { ...e },
    })),
    ...notEvaluated.map((r) => ({
      level: 'warning',
      message: plainMessage(`Not evaluated: ${r.ruleId} on ${r.resource.arn}: ${r.reason ?? r.message}`),
      descriptor: { id: 'not-evaluated' },
      associatedRule: { id: r.ruleId, index: indexOf(r.ruleId) },
      locations: [{ logicalLocations: [logicalLocation(r)] }],
    })),
    ...(notice !== undefined ? [{ level: 'note', message: plainMessage(notice), descriptor: { id: 'results-aggregated' } }] : []),
  ];

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: ctx.toolVersion,
            version: ctx.toolVersion,
            informationUri: TOOL_INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `${scopeCategory(ctx)}/${runId(ctx)}` },
        invocations: [
          {
            executionSuccessful: !facts.incomplete,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            properties: {
              specFile: ctx.spec.file,
              specSha256: ctx.spec.sha256,
              collectedAt: ctx.snapshot.metadata.collectedAt,
              generatedAt: ctx.generatedAt,
              notEvaluated: notEvaluated.length,
              collectionErrors: ctx.snapshot.errors.length,
              waived: facts.counts.waived,
              ...(plan.aggregated > 0
                ? { aggregated: { findings: plan.aggregated, alerts: plan.aggregates.length, listedIndividually: plan.listed.length } }
                : {}),
            },
          },
        ],
        results: [],
      },
    ],
  };
  function* results(): Iterable<Json> {
    for (const r of plan.listed) yield sarifResult(r, indexOf(r.ruleId), ctx);
    for (const a of plan.aggregates) yield aggregateResult(a, indexOf(a.ruleId), ctx);
  }
  return { log, results: results(), ...(notice !== undefined ? { notice } : {}) };
}

/** The whole log as one object (tests, small scans); writeSarif streams the same bytes. */
export function buildSarif(evaluation: Evaluation, ctx: ReportContext): Json {
  const parts = sarifParts(evaluation, ctx);
  const log = parts.log as { runs: [{ results: Json[] }] };
  log.runs[0].results = [...parts.results];
  return log;
}

/** Renders SARIF text; throws SarifLimitError when GitHub would refuse the file. */
export function renderSarif(evaluation: Evaluation, ctx: ReportContext): string {
  const chunks: string[] = [];
  const gz = gzipMeter();
  writeSarifParts(sarifParts(evaluation, ctx), {
    write: (c) => {
      chunks.push(c);
      gz.write(c);
    },
  });
  gz.end();
  return chunks.join('');
}

function ruleDescriptor(rule: RuleMeta): Json {
  const services = [...new Set(rule.resourceTypes.map(serviceOf))].sort(cmp);
  const tags = [...new Set(['security', rule.category, ...services])];
  if (tags.length > GITHUB_LIMITS.tagsPerRule) {
    throw new SarifLimitError(
      'sarif-too-many-tags',
      `SARIF: rule ${rule.id} would carry ${tags.length} tags, over GitHub's limit of ${GITHUB_LIMITS.tagsPerRule}; list fewer resource types in the rule`,
    );
  }
  const helpText =
    `${rule.description}\n\nRemediation: ${rule.remediation}\n\n` +
    `Spec requirement: ${rule.requirement || '(none)'}\nResource types: ${rule.resourceTypes.join(', ') || '(any)'}` +
    (rule.docs ? `\nDocumentation: ${rule.docs}` : '');
  const helpMarkdown =
    `${rule.description}\n\n**Remediation.** ${rule.remediation}\n\n` +
    `**Spec requirement:** \`${rule.requirement || '(none)'}\`  \n` +
    `**Resource types:** ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ') || '(any)'}` +
    (isAbsoluteUri(rule.docs) ? `\n\n[Documentation](${rule.docs})` : '');
  return {
    id: rule.id,
    name: pascal(rule.id).slice(0, GITHUB_LIMITS.ruleNameChars),
    shortDescription: { text: clip(rule.title || rule.id) },
    fullDescription: { text: clip(rule.description || rule.title || rule.id) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    help: { text: helpText, markdown: helpMarkdown },
    ...(isAbsoluteUri(rule.docs) ? { helpUri: rule.docs } : {}),
    properties: {
      tags,
      // Access findings rest on policy analysis that conditions can only approximate.
      precision: rule.category === 'access' ? 'medium' : 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      category: rule.category,
    },
  };
}

function sarifResult(r: Result, index: number, ctx: ReportContext): Json {
  const others = r.environments.filter((e) => e !== r.resource.environment);
  const env = `${r.resource.environment ?? UNATTRIBUTED}${others.length > 0 ? `; involves ${others.join(', ')}` : ''}`;
  const base = r.message.trim() || `${r.ruleId} failed`;
  const text = base.includes(r.resource.arn) ? `${base} (environment ${env})` : `${base} Resource: ${r.resource.arn} (environment ${env})`;
  return {
    ruleId: r.ruleId,
    ruleIndex: index,
    level: LEVEL[r.severity],
    message: plainMessage(text),
    locations: [
      {
        physicalLocation: anchor(r, ctx),
        logicalLocations: [logicalLocation(r)],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: r.fingerprint },
    properties: {
      severity: r.severity,
      category: r.category,
      environment: r.resource.environment,
      environments: [...r.environments],
      resourceType: r.resource.type,
      accountId: r.resource.accountId,
      region: r.resource.region,
      ...(r.baseline ? { baseline: r.baseline } : {}),
    },
  };
}

/** One alert for the findings of a rule and environment past the results limit (sarif-aggregate.ts). */
function aggregateResult(a: AggregateAlert, index: number, ctx: ReportContext): Json {
  const first = a.results[0]!;
  const env = a.environment ?? UNATTRIBUTED;
  const shown = a.results.slice(0, AGGREGATE_LISTED);
  const text =
    `${a.results.length} more resource(s) in environment ${env} fail ${a.ruleId}, one alert here because the scan has more ` +
    `findings than GitHub accepts per run; the first ${shown.length} are the related locations, envgate.json lists all. ` +
    `First: ${first.resource.arn}`;
  return {
    ruleId: a.ruleId,
    ruleIndex: index,
    level: LEVEL[first.severity],
    message: plainMessage(text),
    locations: [{ physicalLocation: anchor(first, ctx) }],
    relatedLocations: shown.map((r, id) => ({
      id,
      physicalLocation: { artifactLocation: { uri: syntheticUri(r) }, region: { startLine: 1 } },
      logicalLocations: [logicalLocation(r)],
      message: { text: sarifText(r.resource.arn) },
    })),
    partialFingerprints: { primaryLocationLineHash: aggregateFingerprint(a) },
    properties: {
      severity: first.severity,
      category: first.category,
      environment: a.environment,
      aggregated: a.results.length,
    },
  };
}

/** A message from text that may hold AWS names: escaped plain text, and the same as inert Markdown. */
function plainMessage(text: string): { text: string; markdown: string } {
  return { text: sarifText(text), markdown: md(text) };
}

function logicalLocation(r: Result): Json {
  return { fullyQualifiedName: r.resource.arn, name: r.resource.name || r.resource.arn, kind: 'resource' };
}

/** The spec line of the violated requirement; else a stable synthetic path per resource. */
function anchor(r: Result, ctx: ReportContext): Json {
  if (r.specLocation) {
    const file = relativeUri(r.specLocation.file) ?? relativeUri(ctx.spec.file);
    if (file !== null) {
      return {
        artifactLocation: { uri: file },
        region: { startLine: Math.max(1, r.specLocation.line), startColumn: Math.max(1, r.specLocation.column) },
      };
    }
  }
  return { artifactLocation: { uri: syntheticUri(r) }, region: { startLine: 1 } };
}

/** aws/ACCOUNT/REGION/SERVICE/TYPE/ID, each segment percent-encoded (an ARN is never a uri). */
export function syntheticUri(r: Result): string {
  const { accountId, region, type, arn } = r.resource;
  const typeName = type.split('::').pop() ?? type;
  const id = arn.split(':').slice(5).join(':') || r.resource.name || arn;
  return ['aws', accountId || 'global', region || 'global', serviceOf(type), typeName, id].map(encodeSegment).join('/');
}

/** A relative, scheme-less posix uri for a file path, or null when the path is absolute. */
export function relativeUri(file: string): string | null {
  let p = file.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  if (p === '' || p.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(p)) return null;
  return p.split('/').map(encodeSegment).join('/');
}

function encodeSegment(s: string): string {
  // encodeURIComponent leaves !'()* alone: legal in a path; ':' and spaces get encoded.
  return s === '' ? '-' : encodeURIComponent(s);
}

function isAbsoluteUri(s: string): boolean {
  return /^https?:\/\/\S+$/.test(s);
}

function clip(s: string): string {
  const max = GITHUB_LIMITS.descriptionChars;
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
