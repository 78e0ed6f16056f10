// Every finding (failing, waived and not evaluated; passes are counted, not listed) as one
// table the page script filters by environment, severity, category, rule and status and
// searches as text. All findings travel as JSON data (FindingData) that the script renders
// a page at a time, so 10,000 findings open fast; without the script the first
// STATIC_ROWS are plain table rows and the controls stay hidden.
import { CATEGORIES, SEVERITIES } from '../../model/result.js';
import { cmp, UNATTRIBUTED } from '../context.js';
import { concernedEnvironment } from '../derived.js';
import type { JsonReport } from '../json.js';
import { visibleText } from '../escape.js';
import { h, type Raw, raw } from './dom.js';

type Row = JsonReport['results'][number];

/** Rows written as HTML for reading without JavaScript; also the page size of the script. */
export const STATIC_ROWS = 200;

/** One finding as the page script reads it (short keys: the data block is most of the page). */
export interface FindingData {
  fp: string;
  sev: string;
  st: string;
  rule: string;
  cat: string;
  env: string;
  /** Other environments the finding involves. */
  oth: string[];
  name: string;
  arn: string;
  msg: string;
  /** Spec location, `file:line:col`, and its JSON pointer. */
  loc: string;
  path: string;
  /** Not-evaluated reason or waiver, one line. */
  note: string;
  ev: unknown;
}

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
      { id: 'findings-table', class: 'findings', 'data-page': STATIC_ROWS },
      h('thead', null, h('tr', null, ['severity', 'status', 'rule', 'category', 'environment', 'resource', 'finding', 'spec', 'evidence'].map((t) => h('th', null, t)))),
      h('tbody', null, rows.slice(0, STATIC_ROWS).map((r) => row(findingData(r, envOf(r))))),
    ),
    h(
      'p',
      { id: 'more-note', class: 'note' },
      rows.length > STATIC_ROWS ? `The first ${STATIC_ROWS} of ${rows.length} findings; with JavaScript the page lists and filters them all (and envgate.json holds them).` : null,
    ),
    h('button', { type: 'button', id: 'more', hidden: true }, `show ${STATIC_ROWS} more`),
    h('script', { type: 'application/json', id: 'findings-data' }, raw(dataBlock(rows.map((r) => findingData(r, envOf(r)))))),
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

export function findingData(r: Row, env: string): FindingData {
  const loc = r.specLocation;
  const note = r.waiver
    ? `Waived by ${r.waiver.owner} until ${r.waiver.expires}: ${r.waiver.reason}${r.waiver.source ? ` (${r.waiver.source})` : ''}`
    : r.reason !== undefined
      ? `Not evaluated: ${r.reason}`
      : '';
  return {
    fp: r.fingerprint,
    sev: r.severity,
    st: findingStatus(r),
    rule: r.ruleId,
    cat: r.category,
    env,
    oth: r.environments.filter((e) => e !== env),
    name: r.resource.name || r.resource.arn,
    arn: r.resource.arn,
    msg: r.message,
    loc: loc ? `${loc.file}:${loc.line}:${loc.column}` : '',
    path: loc ? loc.path : '',
    note,
    ev: r.evidence,
  };
}

/**
 * JSON inside <script type="application/json">: no `<` at all, so no `</script>` or `<!--`;
 * every string visible text, as in the rest of the page (the script shows it as textContent).
 */
function dataBlock(data: FindingData[]): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' ? visibleText(v) : v)).replace(/</g, '\\u003c');
}

/** The same cells the page script builds (assets.ts, renderRow), for reading without it. */
function row(d: FindingData): Raw {
  return h(
    'tr',
    { id: `f-${d.fp}`, class: `st-${d.st}`, 'data-environment': d.env, 'data-severity': d.sev, 'data-category': d.cat, 'data-rule': d.rule, 'data-status': d.st, 'data-fingerprint': d.fp },
    h('td', { class: `s-${d.sev}` }, d.sev),
    h('td', null, d.st),
    h('td', null, h('code', null, d.rule)),
    h('td', null, d.cat),
    h('td', null, d.env, d.oth.length > 0 ? ` → ${d.oth.join(', ')}` : null),
    h('td', null, d.name, h('br', null), h('small', null, d.arn)),
    h('td', null, d.msg),
    h('td', null, d.loc ? [h('code', null, d.loc), h('br', null), h('small', null, d.path)] : '–'),
    h('td', null, h('details', null, h('summary', null, 'evidence'), d.note ? h('p', null, d.note) : null, h('pre', null, JSON.stringify(d.ev, null, 2)))),
  );
}
