// The access matrix as a grid of team x environment, declared against effective; a cell
// over its declared level links to the statements that grant it.
import { cmp } from '../context.js';
import type { JsonReport } from '../json.js';
import { h, type Raw } from './dom.js';

export function accessSection(report: JsonReport): Raw {
  const cells = report.accessMatrix;
  const heading = h('h2', null, 'Access matrix: declared → effective');
  if (cells.length === 0) return h('section', { id: 'access' }, heading, h('p', null, 'The spec declares no access matrix.'));
  const teams = [...new Set(cells.map((c) => c.team))].sort(cmp);
  const envs = [...new Set(cells.map((c) => c.environment))].sort(cmp);
  const at = new Map(cells.map((c, i) => [`${c.team}\u0000${c.environment}`, { c, i }]));
  const over = cells.map((c, i) => ({ c, i })).filter(({ c }) => c.violation);
  return h(
    'section',
    { id: 'access' },
    heading,
    h('p', null, over.length > 0 ? `${over.length} cell(s) grant more than declared.` : 'Effective access stays within the declared matrix.'),
    h(
      'table',
      { class: 'matrix' },
      h('thead', null, h('tr', null, h('th', null, 'team'), envs.map((e) => h('th', { scope: 'col' }, e)))),
      h(
        'tbody',
        null,
        teams.map((t) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, t),
            envs.map((e) => {
              const hit = at.get(`${t}\u0000${e}`);
              if (!hit) return h('td', { class: 'none' }, '–');
              const { c, i } = hit;
              const text = `${c.declared} → ${c.effective}${c.caveats.length > 0 ? ' ≈' : ''}`;
              return h(
                'td',
                { class: c.violation ? 'over' : 'ok', 'data-team': t, 'data-environment': e, 'data-declared': c.declared, 'data-effective': c.effective },
                c.violation ? h('a', { href: `#grant-${i}` }, text) : text,
              );
            }),
          ),
        ),
      ),
    ),
    cells.some((c) => c.caveats.length > 0) ? h('p', { class: 'note' }, '≈ approximate: conditions or NotAction in the granting policies.') : null,
    over.length === 0
      ? null
      : h(
          'div',
          { class: 'grants' },
          h('h3', null, 'Statements granting more than declared'),
          over.map(({ c, i }) =>
            h(
              'div',
              { id: `grant-${i}`, class: 'grant' },
              h('h4', null, `${c.team} in ${c.environment}: declared ${c.declared}, effective ${c.effective}`),
              c.grants.length === 0
                ? h('p', null, 'No granting statement recorded.')
                : h(
                    'ul',
                    null,
                    c.grants.map((g) =>
                      h('li', null, h('code', null, g.principalArn), ' via ', h('code', null, g.policy), g.sid ? [' (Sid ', h('code', null, g.sid), ')'] : null, ': ', g.actions.join(', ')),
                    ),
                  ),
              c.caveats.length > 0 ? h('p', { class: 'note' }, `Caveats: ${c.caveats.join('; ')}`) : null,
            ),
          ),
        ),
  );
}
