// Verdict and one scorecard per environment, from the JSON report's own summary so the two
// formats cannot disagree: failing by severity and category, not evaluated with the
// reasons, waived and excluded.
import { SEVERITIES } from '../../model/result.js';
import { cmp, UNATTRIBUTED } from '../context.js';
import type { JsonReport } from '../json.js';
import { type Child, h, type Raw } from './dom.js';

const VERDICT_TEXT = { pass: 'pass', fail: 'fail', incomplete: 'incomplete scan' } as const;

export function verdictSection(report: JsonReport): Raw {
  const s = report.summary;
  const run = report.run;
  const gating =
    run.failOn === 'none' ? 'no failure threshold (--fail-on none)' : `${s.blocking} finding(s) at or above threshold ${run.failOn}`;
  const bySev = SEVERITIES.filter((v) => s.failuresBySeverity[v] > 0).map((v) => `${s.failuresBySeverity[v]} ${v}`);
  return h(
    'section',
    { id: 'verdict', class: `verdict v-${s.verdict}`, 'data-verdict': s.verdict },
    h('h1', null, `envgate ${run.spec.system}: `, h('span', { class: 'verdict-word' }, VERDICT_TEXT[s.verdict])),
    h(
      'p',
      { class: 'verdict-line' },
      `${gating}; ${s.totals.fail} failing${bySev.length > 0 ? ` (${bySev.join(', ')})` : ''}, ${s.totals.pass} passing, `,
      `${s.totals.notEvaluated} not evaluated, ${s.totals.waived} waived; ${run.collectionErrors.length} collection error(s).`,
    ),
    h(
      'p',
      { class: 'meta' },
      `Spec ${run.spec.file} (sha256 ${run.spec.sha256.slice(0, 12)}) · snapshot ${run.snapshot.source === 'live' ? 'collected live' : 'read from file'} at ${run.collectedAt} `,
      `(${run.accounts.length} account(s), ${run.regions.length} region(s), ${run.apiCallsTotal} API call(s)) · generated ${run.generatedAt} by envgate ${report.tool.version} · category ${run.category}`,
    ),
  );
}

export function scorecardSection(report: JsonReport): Raw {
  const envs = report.summary.environments;
  const cards = envs.map((e) => scorecard(report, e.environment));
  return h('section', { id: 'scorecards' }, h('h2', null, 'Environments'), envs.length === 0 ? h('p', null, 'No results.') : h('div', { class: 'cards' }, cards));
}

function scorecard(report: JsonReport, env: string | null): Raw {
  const summary = report.summary.environments.find((e) => e.environment === env)!;
  const mine = report.results.filter((r) => r.resource.environment === env);
  const failing = mine.filter((r) => r.status === 'fail' && !r.waived);
  const sevCells = SEVERITIES.map((s) => h('td', { 'data-severity': s }, failing.filter((r) => r.severity === s).length));
  const cats = summary.categories.filter((c) => c.fail > 0);
  const reasons = new Map<string, number>();
  for (const r of mine) if (r.status === 'not-evaluated') reasons.set(r.reason ?? r.message, (reasons.get(r.reason ?? r.message) ?? 0) + 1);
  const excluded = (report.excluded ?? []).filter((x) => x.environment === env).length;
  const t = summary.totals;
  const name = env ?? UNATTRIBUTED;
  const rows: Child[] = [
    h('tr', null, h('th', null, 'failing'), h('td', { 'data-count': 'fail' }, t.fail)),
    h('tr', null, h('th', null, 'passing'), h('td', { 'data-count': 'pass' }, t.pass)),
    h('tr', null, h('th', null, 'not evaluated'), h('td', { 'data-count': 'notEvaluated' }, t.notEvaluated)),
    h('tr', null, h('th', null, 'waived'), h('td', { 'data-count': 'waived' }, t.waived)),
    h('tr', null, h('th', null, 'excluded'), h('td', { 'data-count': 'excluded' }, excluded)),
  ];
  return h(
    'article',
    { class: `card${t.fail > 0 ? ' has-fail' : ''}${t.notEvaluated > 0 ? ' has-ne' : ''}`, 'data-environment': name },
    h('h3', null, name),
    h('table', { class: 'counts' }, h('tbody', null, rows)),
    h(
      'table',
      { class: 'sev' },
      h('caption', null, 'failing by severity'),
      h('thead', null, h('tr', null, SEVERITIES.map((s) => h('th', { class: `s-${s}` }, s)))),
      h('tbody', null, h('tr', null, sevCells)),
    ),
    cats.length === 0
      ? null
      : h('ul', { class: 'cats' }, cats.map((c) => h('li', { 'data-category': c.category }, `${c.category}: ${c.fail}`))),
    reasons.size === 0
      ? null
      : h(
          'details',
          { class: 'ne-reasons' },
          h('summary', null, `not evaluated: ${t.notEvaluated}`),
          h('ul', null, [...reasons.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([why, n]) => h('li', null, `${n} × ${why}`))),
        ),
  );
}
