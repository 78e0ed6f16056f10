// Two reports compared by fingerprint: which findings are new, which were resolved, which
// remain. A finding whose check could not run in the newer report is not "resolved".
import type { Result, Severity } from '../model/result.js';
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
}

export interface ReportDiff {
  reports: { old: { file: string; generatedAt: string }; new: { file: string; generatedAt: string } };
  counts: { new: number; resolved: number; unchanged: number; notEvaluated: number };
  /** Failing now, not failing before. */
  new: DiffEntry[];
  /** Failing before, passing now (or its resource is gone). */
  resolved: DiffEntry[];
  /** Failing in both. */
  unchanged: DiffEntry[];
  /** Failing before, not evaluated now: unknown, not resolved. */
  notEvaluated: DiffEntry[];
}

function entry(r: Result): DiffEntry {
  return {
    fingerprint: r.fingerprint,
    ruleId: r.ruleId,
    severity: r.severity,
    arn: r.resource.arn,
    environment: r.resource.environment,
    message: r.message,
    waived: r.waiver !== undefined,
  };
}

function failures(report: JsonReport): Map<string, Result> {
  const m = new Map<string, Result>();
  for (const r of [...report.results].sort(compareResults)) if (r.status === 'fail' && !m.has(r.fingerprint)) m.set(r.fingerprint, r);
  return m;
}

export function diffReports(oldR: JsonReport, newR: JsonReport, files: { old: string; new: string }): ReportDiff {
  const before = failures(oldR);
  const after = failures(newR);
  const notEvaluatedNow = new Set(newR.results.filter((r) => r.status === 'not-evaluated').map((r) => r.fingerprint));
  const added: Result[] = [];
  const resolved: Result[] = [];
  const unchanged: Result[] = [];
  const unknown: Result[] = [];
  for (const [fp, r] of after) (before.has(fp) ? unchanged : added).push(r);
  for (const [fp, r] of before) {
    if (after.has(fp)) continue;
    (notEvaluatedNow.has(fp) ? unknown : resolved).push(r);
  }
  const list = (rs: Result[]) => rs.sort(compareResults).map(entry);
  return {
    reports: {
      old: { file: files.old, generatedAt: oldR.run?.generatedAt ?? '' },
      new: { file: files.new, generatedAt: newR.run?.generatedAt ?? '' },
    },
    counts: { new: added.length, resolved: resolved.length, unchanged: unchanged.length, notEvaluated: unknown.length },
    new: list(added),
    resolved: list(resolved),
    unchanged: list(unchanged),
    notEvaluated: list(unknown),
  };
}

/** Entries listed per section in text and Markdown before "and N more". */
export const DIFF_LIST_LIMIT = 50;

export function renderDiffText(d: ReportDiff): string {
  const c = d.counts;
  const lines = [`envgate diff: ${c.new} new, ${c.resolved} resolved, ${c.unchanged} unchanged, ${c.notEvaluated} no longer evaluated`];
  const section = (title: string, mark: string, es: DiffEntry[]) => {
    if (es.length === 0) return;
    lines.push(`${title}:`);
    for (const e of es.slice(0, DIFF_LIST_LIMIT)) {
      lines.push(`  ${mark} ${e.severity} ${e.ruleId} ${e.arn} (${e.environment ?? 'unattributed'})${e.waived ? ' [waived]' : ''}`);
    }
    if (es.length > DIFF_LIST_LIMIT) lines.push(`  ... and ${es.length - DIFF_LIST_LIMIT} more`);
  };
  section('New', '+', d.new);
  section('Resolved', '-', d.resolved);
  section('No longer evaluated (unknown)', '?', d.notEvaluated);
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(d: ReportDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const c = d.counts;
  const out = [
    `## envgate: ${c.new} new, ${c.resolved} resolved, ${c.unchanged} unchanged`,
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
  const table = (title: string, es: DiffEntry[]) => {
    if (es.length === 0) return;
    out.push('', `### ${title} (${es.length})`, '', '| Severity | Rule | Resource | Environment | Finding |', '| --- | --- | --- | --- | --- |');
    for (const e of es.slice(0, DIFF_LIST_LIMIT)) {
      const waived = e.waived ? ' (waived)' : '';
      out.push(`| ${e.severity} | ${md(e.ruleId)} | ${md(e.arn)} | ${md(e.environment ?? 'unattributed')} | ${md(e.message)}${waived} |`);
    }
    if (es.length > DIFF_LIST_LIMIT) out.push('', `... and ${es.length - DIFF_LIST_LIMIT} more.`);
  };
  table('New', d.new);
  table('Resolved', d.resolved);
  table('No longer evaluated', d.notEvaluated);
  return `${out.join('\n')}\n`;
}

