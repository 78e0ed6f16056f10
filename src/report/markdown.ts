// Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: the verdict first, then
// summaries and the top of each list with counts of the rest, so 10,000 findings still
// fit in a comment (65,536 characters) and read in a minute.
import { failedCalls, isShardMarker, SHARD_MARKER_MESSAGE } from '../model/shard-marker.js';
import type { AccessCell, Category, EnvironmentCost, Evaluation, Result, Severity } from '../model/result.js';
import { CATEGORIES } from '../model/result.js';
import { cmp, type ReportContext, runFacts, type RunFacts, scopeCategory, severityRank, sortedResults, UNATTRIBUTED } from './context.js';
import { accessViolation, concernedEnvironment, costStatus } from './derived.js';
import { excludedSection } from './markdown-excluded.js';
import { fitMarkdown } from './markdown-limit.js';
import type { Formatter } from './formatter.js';
import { md, mdWithCode, mermaidCategory, mermaidLabel } from './escape.js';

export interface MarkdownOptions {
  /** Rules listed under "Most severe findings". */
  topRules: number;
  /** Resources listed per rule. */
  perRule: number;
  /** Rows in the collection-error and not-evaluated lists. */
  topIncomplete: number;
}

export const MARKDOWN_DEFAULTS: MarkdownOptions = { topRules: 15, perRule: 5, topIncomplete: 15 };

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

export function renderMarkdown(evaluation: Evaluation, ctx: ReportContext, options: Partial<MarkdownOptions> = {}): string {
  const opt = { ...MARKDOWN_DEFAULTS, ...options };
  const results = sortedResults(evaluation.results);
  const facts = runFacts(results, ctx);
  // --passes summary: passes are counted in passCounts, not listed; the line still says how many.
  for (const c of evaluation.passCounts ?? []) facts.counts.pass += c.passes;
  const failures = results.filter((r) => r.status === 'fail' && !r.waiver);
  const out: string[] = [];
  out.push(verdictLine(facts, ctx), '');
  out.push(metaLine(ctx), '');
  out.push(...failureTable(failures));
  out.push(...severeFindings(failures, evaluation, opt));
  out.push(...crossEnvironmentGraph(failures, evaluation));
  out.push(...accessSection(evaluation.accessMatrix));
  out.push(...costSection(evaluation.costs, results));
  out.push(...incompleteSection(results, ctx, opt));
  out.push(...excludedSection(evaluation.excluded));
  if (facts.counts.waived > 0) {
    out.push('## Waived', '', `${facts.counts.waived} failing result(s) are covered by waivers (listed in envgate.json).`, '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function verdictLine(f: RunFacts, ctx: ReportContext): string {
  const sev = (Object.entries(f.bySeverity) as [Severity, number][])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const failText = `${f.counts.fail} failing${sev ? ` (${sev})` : ''}, ${f.counts.pass} passing`;
  const threshold = `threshold \`${ctx.failOn}\``;
  const sys = md(ctx.spec.system);
  // With --fail-on none nothing gates: say so instead of "no finding at or above none".
  const gating = ctx.failOn === 'none' ? 'no failure threshold (`--fail-on none`)' : `${f.blocking} at or above ${threshold}`;
  if (f.verdict === 'incomplete') {
    const missing = `${f.counts.notEvaluated} check(s) not evaluated, ${ctx.snapshot.errors.length} collection error(s)`;
    return `**⚠️ envgate ${sys}: incomplete scan** (${missing}); ${failText}; ${gating}.`;
  }
  if (f.verdict === 'fail') return `**❌ envgate ${sys}: ${f.blocking} finding(s) at or above ${threshold}**; ${failText}.`;
  if (ctx.failOn === 'none') return `**ℹ️ envgate ${sys}: ${failText}**; ${gating}.`;
  return `**✅ envgate ${sys}: no finding at or above ${threshold}**; ${failText}.`;
}

function metaLine(ctx: ReportContext): string {
  const m = ctx.snapshot.metadata;
  const calls = Object.values(m.apiCalls).reduce((a, b) => a + b, 0);
  return (
    `<sub>Spec ${code(ctx.spec.file)} (sha256 ${ctx.spec.sha256.slice(0, 12)}) · ` +
    `snapshot ${ctx.snapshot.source === 'live' ? 'collected live' : 'read from file'} at ${md(m.collectedAt)} ` +
    `(${m.accounts.length} account(s), ${m.regions.length} region(s), ${calls} API call(s)) · ` +
    `generated ${md(ctx.generatedAt)} by envgate ${md(ctx.toolVersion)} · category ${code(scopeCategory(ctx))}</sub>`
  );
}

function envName(e: string | null): string {
  return e === null ? `_${UNATTRIBUTED}_` : md(e);
}

/** The subject's environment, then the others the result involves (`staging → production`). */
/** The environment a finding concerns (an access cell's, else the subject's), then what else it reaches. */
function envCell(r: Result): string {
  const own = concernedEnvironment(r);
  if (own !== r.resource.environment) return envName(own);
  const others = r.environments.filter((e) => e !== own);
  return others.length === 0 ? envName(own) : `${envName(own)} → ${others.map(md).join(', ')}`;
}

function failureTable(failures: Result[]): string[] {
  if (failures.length === 0) return ['## Failures by environment and category', '', 'No failing checks.', ''];
  const cats = CATEGORIES.filter((c) => failures.some((r) => r.category === c));
  const envs = [...new Set(failures.map(concernedEnvironment))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : cmp(a, b),
  );
  const count = new Map<string, number>();
  for (const r of failures) {
    const k = `${concernedEnvironment(r)}\u0000${r.category}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const lines = ['## Failures by environment and category', ''];
  lines.push(`| environment | ${cats.join(' | ')} | total |`, `|---|${cats.map(() => '---:').join('|')}|---:|`);
  for (const e of envs) {
    const cells = cats.map((c) => String(count.get(`${e}\u0000${c}`) ?? 0));
    const total = failures.filter((r) => concernedEnvironment(r) === e).length;
    lines.push(`| ${envName(e)} | ${cells.join(' | ')} | **${total}** |`);
  }
  const totals = cats.map((c: Category) => String(failures.filter((r) => r.category === c).length));
  lines.push(`| **all** | ${totals.join(' | ')} | **${failures.length}** |`, '');
  return lines;
}

function severeFindings(failures: Result[], ev: Evaluation, opt: MarkdownOptions): string[] {
  if (failures.length === 0) return [];
  const byRule = new Map<string, Result[]>();
  for (const r of failures) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const groups = [...byRule.entries()].sort(
    (a, b) => severityRank(a[1][0]!.severity) - severityRank(b[1][0]!.severity) || b[1].length - a[1].length || cmp(a[0], b[0]),
  );
  const meta = new Map(ev.rules.map((r) => [r.id, r]));
  const lines = ['## Most severe findings', ''];
  for (const [ruleId, list] of groups.slice(0, opt.topRules)) {
    const rule = meta.get(ruleId);
    const sev = list[0]!.severity;
    const title = rule ? md(rule.title) : '';
    lines.push(`### ${ICON[sev]} ${sev} · ${code(ruleId)}${title ? ` · ${title}` : ''}${pairsOf(list)} (${list.length})`, '');
    if (rule?.remediation) lines.push(`**Fix:** ${mdWithCode(rule.remediation)}${rule.docs ? ` ([docs](${safeUrl(rule.docs)}))` : ''}`, '');
    lines.push('| environment | resource | finding |', '|---|---|---|');
    for (const r of list.slice(0, opt.perRule)) {
      lines.push(`| ${envCell(r)} | ${md(r.resource.name || r.resource.arn)}<br><sub>${md(r.resource.arn)}</sub> | ${md(r.message)} |`);
    }
    lines.push('');
    if (list.length > opt.perRule) lines.push(`…and ${list.length - opt.perRule} more for this rule.`, '');
  }
  const rest = groups.slice(opt.topRules);
  if (rest.length > 0) {
    const n = rest.reduce((a, [, l]) => a + l.length, 0);
    lines.push(`…and ${rest.length} more rule(s) with ${n} finding(s): ${rest.map(([id, l]) => `${code(id)} (${l.length})`).join(', ')}.`, '');
  }
  return lines;
}

/** Parity findings name the spec's environments in the heading: ` · staging → production`. */
function pairsOf(list: Result[]): string {
  const pairs = new Set<string>();
  for (const r of list) {
    const { from, to } = r.evidence;
    if (r.category === 'parity' && typeof from === 'string' && typeof to === 'string') pairs.add(`${md(from)} → ${md(to)}`);
  }
  return pairs.size > 0 ? ` · ${[...pairs].sort(cmp).join(', ')}` : '';
}

/** Isolation failures drawn as links between environments (the other side read from evidence). */
function crossEnvironmentGraph(failures: Result[], ev: Evaluation): string[] {
  const known = new Set<string>([...ev.costs.map((c) => c.environment), ...ev.accessMatrix.map((c) => c.environment)]);
  for (const r of failures) if (r.resource.environment) known.add(r.resource.environment);
  const edges = new Map<string, { n: number; via: Set<string> }>();
  for (const r of failures) {
    if (r.category !== 'isolation') continue;
    const from = r.resource.environment ?? UNATTRIBUTED;
    const others = environmentsIn(r.evidence, known).filter((e) => e !== from);
    for (const to of others.length > 0 ? others : ['?']) {
      const key = [from, to].sort(cmp).join('\u0000');
      const e = edges.get(key) ?? { n: 0, via: new Set<string>() };
      e.n++;
      for (const p of linkPaths(r.evidence)) e.via.add(p);
      edges.set(key, e);
    }
  }
  if (edges.size === 0) return [];
  const nodes = [...new Set([...edges.keys()].flatMap((k) => k.split('\u0000')))].sort(cmp);
  const id = (n: string) => `e${nodes.indexOf(n)}`;
  const lines = ['## Links that cross environments', '', '```mermaid', 'graph LR'];
  for (const n of nodes) lines.push(`  ${id(n)}["${mermaidLabel(n === '?' ? 'another environment' : n)}"]`);
  for (const [k, e] of [...edges.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    const [a, b] = k.split('\u0000') as [string, string];
    const via = e.via.size > 0 ? `: ${[...e.via].sort(cmp).slice(0, 5).join(', ')}` : '';
    lines.push(`  ${id(a)} ---|"${mermaidLabel(`${e.n} isolation finding(s)${via}`)}"| ${id(b)}`);
  }
  lines.push('```', '');
  return lines;
}

/** The kinds of link an isolation finding names (evidence.links[].path: grants, shared-tags, ...). */
function linkPaths(evidence: Result['evidence']): string[] {
  const links = Array.isArray(evidence.links) ? (evidence.links as unknown[]) : [];
  return links.flatMap((l) => (l && typeof l === 'object' && typeof (l as { path?: unknown }).path === 'string' ? [(l as { path: string }).path] : []));
}

function environmentsIn(value: unknown, known: Set<string>, depth = 0): string[] {
  if (typeof value === 'string') return known.has(value) ? [value] : [];
  if (depth > 3 || value === null || typeof value !== 'object') return [];
  const found = (Array.isArray(value) ? value : Object.values(value)).flatMap((v) => environmentsIn(v, known, depth + 1));
  return [...new Set(found)].sort(cmp);
}

function accessSection(cells: AccessCell[]): string[] {
  if (cells.length === 0) return [];
  const teams = [...new Set(cells.map((c) => c.team))].sort(cmp);
  const envs = [...new Set(cells.map((c) => c.environment))].sort(cmp);
  const at = new Map(cells.map((c) => [`${c.team}\u0000${c.environment}`, c]));
  const violations = cells.filter(accessViolation).length;
  const lines = ['## Access matrix (declared → effective)', ''];
  lines.push(violations > 0 ? `${violations} cell(s) grant more than declared (❌).` : 'Effective access stays within the declared matrix.', '');
  lines.push(`| team | ${envs.map(md).join(' | ')} |`, `|---|${envs.map(() => '---').join('|')}|`);
  for (const t of teams) {
    const row = envs.map((e) => {
      const c = at.get(`${t}\u0000${e}`);
      if (!c) return '–';
      const caveat = c.caveats.length > 0 ? ' ≈' : '';
      return accessViolation(c) ? `${md(c.declared)} → **${md(c.effective)}** ❌${caveat}` : `${md(c.declared)} → ${md(c.effective)}${caveat}`;
    });
    lines.push(`| ${md(t)} | ${row.join(' | ')} |`);
  }
  lines.push('');
  if (cells.some((c) => c.caveats.length > 0)) lines.push('≈ approximate: conditions or NotAction in the granting policies (see envgate.json).', '');
  return lines;
}

function usd(n: number | null): string {
  return n === null ? '–' : `$${n.toFixed(2)}`;
}

/**
 * Cost per environment. The status is the cost-ceiling result's where there is one (else the
 * same verdict from the figures), on the figure the spec checks (`checked`): an estimate over
 * a ceiling checked on actual spend is not "over". The chart shows each environment's checked
 * figure as a share of its own ceiling, so the 100% line is every environment's ceiling.
 */
function costSection(costs: EnvironmentCost[], results: Result[]): string[] {
  if (costs.length === 0) return [];
  const sorted = [...costs].sort((a, b) => cmp(a.environment, b.environment));
  const verdicts = new Map<string, Result['status']>();
  for (const r of results) if (r.ruleId === 'cost-ceiling' && r.resource.type === 'envgate::Environment') verdicts.set(r.resource.name, r.status);
  const lines = ['## Cost vs ceiling (USD per month)', ''];
  lines.push('| environment | ceiling | estimate | actual | checked | status |', '|---|---:|---:|---:|---|---|');
  for (const c of sorted) {
    const verdict = verdicts.get(c.environment);
    const over = verdict === 'fail' ? true : verdict === 'pass' ? false : verdict === 'not-evaluated' ? null : costStatus(c).overCeiling;
    const status = c.ceilingUsd === null ? 'no ceiling' : over === true ? '❌ over ceiling' : over === null ? '⚠️ unknown' : '✅ within';
    const lower = c.estimateComplete === false && c.estimateUsd !== null ? '≥ ' : '';
    const checked = c.ceilingUsd === null ? '–' : (c.checkedAgainst ?? 'estimate').replace('both', 'estimate and actual');
    lines.push(`| ${md(c.environment)} | ${usd(c.ceilingUsd)} | ${lower}${usd(c.estimateUsd)} | ${usd(c.actualUsd)} | ${checked} | ${status} |`);
  }
  lines.push('');
  const charted = sorted.filter((c) => c.ceilingUsd !== null && c.ceilingUsd > 0 && checkedFigure(c) !== null);
  if (charted.length > 0) {
    const pct = (c: EnvironmentCost) => Math.round((checkedFigure(c)! / c.ceilingUsd!) * 100);
    const max = Math.max(100, ...charted.map(pct));
    lines.push('```mermaid', 'xychart-beta', '  title "Checked monthly cost as % of each environment\'s ceiling (line: the ceiling)"');
    lines.push(`  x-axis [${charted.map((c) => mermaidCategory(c.environment)).join(', ')}]`);
    lines.push(`  y-axis "% of ceiling" 0 --> ${Math.ceil(max * 1.1)}`);
    lines.push(`  bar [${charted.map(pct).join(', ')}]`, `  line [${charted.map(() => 100).join(', ')}]`, '```', '');
  }
  return lines;
}

/** The figure the ceiling is checked on (the larger of the two for `both`). */
function checkedFigure(c: EnvironmentCost): number | null {
  const checked = c.checkedAgainst ?? 'estimate';
  if (checked === 'estimate') return c.estimateUsd;
  if (checked === 'actual') return c.actualUsd;
  const both = [c.estimateUsd, c.actualUsd].filter((v): v is number => v !== null);
  return both.length > 0 ? Math.max(...both) : null;
}

function incompleteSection(results: Result[], ctx: ReportContext, opt: MarkdownOptions): string[] {
  const notEvaluated = results.filter((r) => r.status === 'not-evaluated');
  const errors = failedCalls(ctx.snapshot.errors);
  const leftToShards = ctx.snapshot.errors.filter(isShardMarker);
  if (notEvaluated.length === 0 && errors.length === 0 && leftToShards.length === 0) return [];
  const lines = ['## Incomplete: collection errors and checks not evaluated', ''];
  lines.push('Checks that could not run are not passes. Fix the access or the data and scan again.', '');
  if (leftToShards.length > 0) {
    lines.push(`### Not collected in this shard (${leftToShards.length})`, '');
    lines.push(`Account ${leftToShards.map((e) => md(e.accountId)).join(', ')}: ${SHARD_MARKER_MESSAGE}. Merge this snapshot with the shard that collected them; until then their checks are not evaluated.`, '');
  }
  if (errors.length > 0) {
    lines.push(`### Collection errors (${errors.length})`, '', '| account | region | call | error | leaves incomplete |', '|---|---|---|---|---|');
    for (const e of errors.slice(0, opt.topIncomplete)) {
      lines.push(`| ${md(e.accountId || '–')} | ${md(e.region)} | ${md(`${e.service}:${e.operation}`)} | ${md(`${e.code}: ${e.message}`)} | ${md(e.affects.join(', ') || '–')} |`);
    }
    lines.push('');
    if (errors.length > opt.topIncomplete) lines.push(`…and ${errors.length - opt.topIncomplete} more (see envgate.json).`, '');
  }
  if (notEvaluated.length > 0) {
    const byRule = new Map<string, Result[]>();
    for (const r of notEvaluated) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r]);
    const groups = [...byRule.entries()].sort((a, b) => b[1].length - a[1].length || cmp(a[0], b[0]));
    lines.push(`### Not evaluated (${notEvaluated.length})`, '', '| rule | checks | example | why |', '|---|---:|---|---|');
    for (const [id, list] of groups.slice(0, opt.topIncomplete)) {
      const r = list[0]!;
      lines.push(`| ${code(id)} | ${list.length} | ${md(r.resource.name || r.resource.arn)} | ${md(r.reason ?? r.message)} |`);
    }
    lines.push('');
    if (groups.length > opt.topIncomplete) lines.push(`…and ${groups.length - opt.topIncomplete} more rule(s) (see envgate.json).`, '');
  }
  lines.push('<sub>An incomplete scan exits 3 (see README, exit codes).</sub>', '');
  return lines;
}

/** A code span when the text needs no escaping (escapes show literally inside code spans). */
function code(s: string): string {
  return /^[A-Za-z0-9._/+:-]+$/.test(s) ? `\`${s}\`` : md(s);
}

/** Docs links come from rule files; only http(s) links are emitted as links. */
function safeUrl(u: string): string {
  return /^https?:\/\/[^\s()<>]+$/.test(u) ? u : '#';
}

export const markdownFormatter: Formatter = {
  name: 'md',
  aliases: ['markdown'],
  fileName: 'envgate.md',
  mediaType: 'text/markdown',
  summary: 'for `$GITHUB_STEP_SUMMARY` and pull-request comments: verdict, tables, the top findings',
  byDefault: true,
  write: (evaluation, ctx, sink) => sink.write(fitMarkdown(renderMarkdown(evaluation, ctx))),
};
