// Two reports compared by fingerprint: which findings are new, which remain, and what
// became of the others. "Resolved" only when the check ran and passed; a finding whose
// resource was looked for and not found is "resource gone"; one the newer report could
// not judge (not evaluated, a type it could not list, an account it did not scan) is
// "no longer evaluated", with the reason, and never counts as fixed.
import type { Result, Severity } from '../model/result.js';
import { describeError } from '../engine/collection-errors.js';
import { compareResults } from '../report/context.js';
import { md } from '../report/escape.js';
import type { JsonReport } from '../report/json.js';

export interface DiffEntry {
  fingerprint: string;
  ruleId: string;
  severity: Severity;
  arn: string;
  environment: string | null;
  message: string;
  waived: boolean;
  /** Why the newer report could not judge it (notEvaluated entries only). */
  reason?: string;
}

export interface ReportDiff {
  reports: { old: { file: string; generatedAt: string }; new: { file: string; generatedAt: string } };
  counts: { new: number; resolved: number; unchanged: number; notEvaluated: number; gone: number };
  /** Failing now, not failing before. */
  new: DiffEntry[];
  /** Failing before, evaluated and passing now. */
  resolved: DiffEntry[];
  /** Failing in both. */
  unchanged: DiffEntry[];
  /** Failing before, not judged now (with the reason): unknown, not resolved. */
  notEvaluated: DiffEntry[];
  /** Failing before; its resource was looked for now (complete listing) and is not there. */
  gone: DiffEntry[];
}

function entry(r: Result, reason?: string): DiffEntry {
  return {
    fingerprint: r.fingerprint,
    ruleId: r.ruleId,
    severity: r.severity,
    arn: r.resource.arn,
    environment: r.resource.environment,
    message: r.message,
    waived: r.waiver !== undefined,
    ...(reason !== undefined ? { reason } : {}),
  };
}

function failures(report: JsonReport): Map<string, Result> {
  const m = new Map<string, Result>();
  for (const r of [...report.results].sort(compareResults)) if (r.status === 'fail' && !m.has(r.fingerprint)) m.set(r.fingerprint, r);
  return m;
}

/**
 * Why the newer report says nothing about a finding it has no result for, or undefined
 * when the resource was looked for with a complete listing and is gone.
 */
function absenceReason(r: Result, newR: JsonReport, present: ReadonlySet<string>, gaps: ReadonlyMap<string, string>): string | undefined {
  const { accountId, region, type, arn, environment } = r.resource;
  const gap = gaps.get(`${r.ruleId} arn:aws:envgate:${region}:${accountId}:coverage/${type}`);
  if (gap !== undefined) return gap;
  const regional = (e: { region: string }) => e.region === region || e.region === 'global' || region === 'global' || region === '';
  const err = newR.run.collectionErrors.find(
    (e) => (e.accountId === accountId || e.accountId === '') && regional(e) && e.affects.some((a) => a === '*' || a === type || a === `tags:${type}`),
  );
  if (err) return describeError(err);
  if (newR.rules.length > 0 && !newR.rules.some((m) => m.id === r.ruleId)) return `rule ${r.ruleId} is not in the newer report`;
  if (accountId !== '' && !newR.run.accounts.includes(accountId)) return `account ${accountId} was not scanned in the newer report`;
  if (region !== '' && region !== 'global' && !newR.run.regions.includes(region)) return `region ${region} was not scanned in the newer report`;
  const scope = newR.run.scope.environments;
  if (scope.length > 0 && (environment === null || !scope.includes(environment))) return `outside the newer report's environments (${scope.join(', ')})`;
  if (present.has(arn)) return 'the resource is still in the scan but this rule did not judge it (no longer applicable, or its pass only counted: --passes summary)';
  return undefined;
}

export function diffReports(oldR: JsonReport, newR: JsonReport, files: { old: string; new: string }): ReportDiff {
  const before = failures(oldR);
  const after = failures(newR);
  const now = new Map<string, Result>();
  for (const r of newR.results) if (!now.has(r.fingerprint) || r.status === 'fail') now.set(r.fingerprint, r);
  const present = new Set(newR.results.map((r) => r.resource.arn));
  const gaps = new Map<string, string>();
  for (const r of newR.results) if (r.status === 'not-evaluated' && r.resource.arn.includes(':coverage/')) gaps.set(`${r.ruleId} ${r.resource.arn}`, r.reason ?? 'could not be inventoried');
  const added: Result[] = [];
  const resolved: Result[] = [];
  const unchanged: Result[] = [];
  const unknown: { r: Result; reason: string }[] = [];
  const gone: Result[] = [];
  for (const [fp, r] of after) (before.has(fp) ? unchanged : added).push(r);
  for (const [fp, r] of before) {
    if (after.has(fp)) continue;
    const n = now.get(fp);
    if (n?.status === 'pass') resolved.push(r);
    else if (n?.status === 'not-evaluated') unknown.push({ r, reason: n.reason ?? 'not evaluated' });
    else {
      const reason = absenceReason(r, newR, present, gaps);
      if (reason === undefined) gone.push(r);
      else unknown.push({ r, reason });
    }
  }
  const list = (rs: Result[]) => rs.sort(compareResults).map((r) => entry(r));
  return {
    reports: {
      old: { file: files.old, generatedAt: oldR.run?.generatedAt ?? '' },
      new: { file: files.new, generatedAt: newR.run?.generatedAt ?? '' },
    },
    counts: { new: added.length, resolved: resolved.length, unchanged: unchanged.length, notEvaluated: unknown.length, gone: gone.length },
    new: list(added),
    resolved: list(resolved),
    unchanged: list(unchanged),
    notEvaluated: unknown.sort((a, b) => compareResults(a.r, b.r)).map((u) => entry(u.r, u.reason)),
    gone: list(gone),
  };
}

/** Entries listed per section in text and Markdown before "and N more". */
export const DIFF_LIST_LIMIT = 50;

export function renderDiffText(d: ReportDiff): string {
  const c = d.counts;
  const lines = [`envgate diff: ${c.new} new, ${c.resolved} resolved, ${c.unchanged} unchanged, ${c.notEvaluated} no longer evaluated, ${c.gone} resource gone`];
  const section = (title: string, mark: string, es: DiffEntry[]) => {
    if (es.length === 0) return;
    lines.push(`${title}:`);
    for (const e of es.slice(0, DIFF_LIST_LIMIT)) {
      lines.push(`  ${mark} ${e.severity} ${e.ruleId} ${e.arn} (${e.environment ?? 'unattributed'})${e.waived ? ' [waived]' : ''}${e.reason ? `: ${e.reason}` : ''}`);
    }
    if (es.length > DIFF_LIST_LIMIT) lines.push(`  ... and ${es.length - DIFF_LIST_LIMIT} more`);
  };
  section('New', '+', d.new);
  section('Resolved', '-', d.resolved);
  section('No longer evaluated (unknown, not resolved)', '?', d.notEvaluated);
  section('Resource gone (looked for, not found)', 'x', d.gone);
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(d: ReportDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const c = d.counts;
  const out = [
    `## envgate: ${c.new} new, ${c.resolved} resolved, ${c.unchanged} unchanged, ${c.notEvaluated} no longer evaluated, ${c.gone} resource gone`,
    '',
    `Compared ${md(d.reports.old.file)} (${md(d.reports.old.generatedAt)}) with ${md(d.reports.new.file)} (${md(d.reports.new.generatedAt)}).`,
    '',
    '| Change | Critical | High | Medium | Low | Info | Total |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (name: string, es: DiffEntry[]) => {
    const by = (s: Severity) => es.filter((e) => e.severity === s).length;
    out.push(`| ${name} | ${by('critical')} | ${by('high')} | ${by('medium')} | ${by('low')} | ${by('info')} | ${es.length} |`);
  };
  row('New', d.new);
  row('Resolved', d.resolved);
  row('Unchanged', d.unchanged);
  row('No longer evaluated', d.notEvaluated);
  row('Resource gone', d.gone);
  const table = (title: string, es: DiffEntry[], withReason = false) => {
    if (es.length === 0) return;
    const head = withReason ? ' Reason |' : '';
    out.push('', `### ${title} (${es.length})`, '', `| Severity | Rule | Resource | Environment | Finding |${head}`, `| --- | --- | --- | --- | --- |${withReason ? ' --- |' : ''}`);
    for (const e of es.slice(0, DIFF_LIST_LIMIT)) {
      const waived = e.waived ? ' (waived)' : '';
      const reason = withReason ? ` ${md(e.reason ?? '')} |` : '';
      out.push(`| ${e.severity} | ${md(e.ruleId)} | ${md(e.arn)} | ${md(e.environment ?? 'unattributed')} | ${md(e.message)}${waived} |${reason}`);
    }
    if (es.length > DIFF_LIST_LIMIT) out.push('', `... and ${es.length - DIFF_LIST_LIMIT} more.`);
  };
  table('New', d.new);
  table('Resolved', d.resolved);
  table('No longer evaluated', d.notEvaluated, true);
  table('Resource gone', d.gone);
  return `${out.join('\n')}\n`;
}

