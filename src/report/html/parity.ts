// Parity property by property: every parity result (passing too), with each resource
// type's share in both environments and the resources that cause a difference.
import { cmp } from '../context.js';
import type { JsonReport } from '../json.js';
import { h, type Raw } from './dom.js';
import { findingStatus } from './findings.js';

export function paritySection(report: JsonReport): Raw {
  const rows = report.results
    .filter((r) => r.category === 'parity')
    .map((r) => ({ r, from: str(r.evidence.from), to: str(r.evidence.to), property: str(r.evidence.property) || r.resource.name }))
    .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.property, b.property) || cmp(a.r.ruleId, b.r.ruleId));
  const heading = h('h2', null, 'Parity');
  if (rows.length === 0) return h('section', { id: 'parity' }, heading, h('p', null, 'The spec asks for no parity.'));
  return h(
    'section',
    { id: 'parity' },
    heading,
    h(
      'table',
      { class: 'parity' },
      h('thead', null, h('tr', null, ['environments', 'property', 'status', 'differences'].map((t) => h('th', null, t)))),
      h(
        'tbody',
        null,
        rows.map(({ r, from, to, property }) =>
          h(
            'tr',
            { class: `st-${findingStatus(r)}`, 'data-property': property },
            h('td', null, `${from} → ${to}`),
            h('td', null, property),
            h('td', null, findingStatus(r)),
            h('td', null, differences(r.evidence.differences, r.message)),
          ),
        ),
      ),
    ),
  );
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function differences(v: unknown, message: string): Raw | string {
  const list = Array.isArray(v) ? (v as unknown[]) : [];
  if (list.length === 0) return message;
  return h(
    'ul',
    null,
    list.map((d) => {
      const o = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
      const causes = Array.isArray(o.causes) ? (o.causes as unknown[]).filter((c): c is string => typeof c === 'string') : [];
      return h('li', null, `${str(o.key)}: ${share(o.from)} vs ${share(o.to)}`, causes.length > 0 ? [' (', causes.map((c, i) => [i > 0 ? ', ' : '', h('code', null, c)]), ')'] : null);
    }),
  );
}

function share(v: unknown): string {
  if (v && typeof v === 'object' && 'with' in v && 'total' in v) {
    const o = v as { with: unknown; total: unknown };
    return `${String(o.with)} of ${String(o.total)}`;
  }
  return v === undefined ? '–' : JSON.stringify(v);
}
