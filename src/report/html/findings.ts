// Every finding (failing, waived and not evaluated; passes are counted, not listed) as one
// table the page script filters by environment, severity, category, rule and status and
// searches as text. The table is complete without the script; the controls stay hidden then.
import { CATEGORIES, SEVERITIES } from '../../model/result.js';
import { cmp, UNATTRIBUTED } from '../context.js';
import { concernedEnvironment } from '../derived.js';
import type { JsonReport } from '../json.js';
import { type Child, h, type Raw } from './dom.js';

type Row = JsonReport['results'][number];

export function findingStatus(r: Row): 'fail' | 'waived' | 'not-evaluated' | 'pass' {
  return r.status === 'fail' && r.waived ? 'waived' : r.status;
}

export function listedFindings(report: JsonReport): Row[] {
  return report.results.filter((r) => r.status !== 'pass');
}

export function findingsSection(report: JsonReport): Raw {
  const rows = listedFindings(report);
  const heading = h('h2', null, `Findings (${rows.length})`);
  if (rows.length === 0) return h('section', { id: 'findings' }, heading, h('p', null, 'No failing, waived or not-evaluated result.'));
  const envOf = (r: Row) => concernedEnvironment(r) ?? UNATTRIBUTED;
  const envs = [...new Set(rows.map(envOf))].sort(cmp);
  const sevs = SEVERITIES.filter((s) => rows.some((r) => r.severity === s));
  const cats = CATEGORIES.filter((c) => rows.some((r) => r.category === c));
  const rules = [...new Set(rows.map((r) => r.ruleId))].sort(cmp);
  const statuses = (['fail', 'waived', 'not-evaluated'] as const).filter((s) => rows.some((r) => findingStatus(r) === s));
  return h(
    'section',
    { id: 'findings' },
    heading,
    h(
      'form',
      { id: 'filters', hidden: true, role: 'search' },
      select('environment', envs),
      select('severity', sevs),
      select('category', cats),
      select('rule', rules),
      select('status', statuses),
      h('label', null, 'search ', h('input', { type: 'search', name: 'q', id: 'q', autocomplete: 'off', placeholder: 'text in any column' })),
      h('output', { id: 'shown', for: 'q' }, `${rows.length} of ${rows.length} findings`),
    ),
    h(
      'table',
      { id: 'findings-table', class: 'findings' },
      h('thead', null, h('tr', null, ['severity', 'status', 'rule', 'category', 'environment', 'resource', 'finding', 'spec', 'evidence'].map((t) => h('th', null, t)))),
      h('tbody', null, rows.map((r) => row(r, envOf(r)))),
    ),
  );
}

function select(name: string, values: readonly string[]): Raw {
  return h(
    'label',
    null,
    `${name} `,
    h('select', { name, id: `f-${name}` }, h('option', { value: '' }, 'all'), values.map((v) => h('option', { value: v }, v))),
  );
}

function row(r: Row, env: string): Raw {
  const status = findingStatus(r);
  const others = r.environments.filter((e) => e !== env);
  const loc = r.specLocation;
  const detail: Child[] = [h('pre', null, JSON.stringify(r.evidence, null, 2))];
  if (r.reason !== undefined) detail.unshift(h('p', null, `Not evaluated: ${r.reason}`));
  if (r.waiver) detail.unshift(h('p', null, `Waived by ${r.waiver.owner} until ${r.waiver.expires}: ${r.waiver.reason}${r.waiver.source ? ` (${r.waiver.source})` : ''}`));
  return h(
    'tr',
    {
      id: `f-${r.fingerprint}`,
      class: `st-${status}`,
      'data-environment': env,
      'data-severity': r.severity,
      'data-category': r.category,
      'data-rule': r.ruleId,
      'data-status': status,
      'data-fingerprint': r.fingerprint,
    },
    h('td', { class: `s-${r.severity}` }, r.severity),
    h('td', null, status),
    h('td', null, h('code', null, r.ruleId)),
    h('td', null, r.category),
    h('td', null, env, others.length > 0 ? ` → ${others.join(', ')}` : null),
    h('td', null, r.resource.name || r.resource.arn, h('br', null), h('small', null, r.resource.arn)),
    h('td', null, r.message),
    h('td', null, loc ? [h('code', null, `${loc.file}:${loc.line}:${loc.column}`), h('br', null), h('small', null, loc.path)] : '–'),
    h('td', null, h('details', null, h('summary', null, 'evidence'), detail)),
  );
}
