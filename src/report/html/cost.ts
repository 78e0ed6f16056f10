// Cost per environment against its ceiling (estimate and actual) with the largest
// contributors. The status is the JSON report's costStatus (the figure cost-ceiling checks).
import type { JsonReport } from '../json.js';
import { h, type Raw, usd } from './dom.js';

/** Contributors listed per environment (breakdown is largest first). */
export const TOP_CONTRIBUTORS = 5;
const BAR_W = 240;

export function costSection(report: JsonReport): Raw {
  const costs = report.costs;
  const heading = h('h2', null, 'Cost against ceiling (USD per month)');
  if (costs.length === 0) return h('section', { id: 'cost' }, heading, h('p', null, 'No cost figures.'));
  return h(
    'section',
    { id: 'cost' },
    heading,
    h(
      'table',
      { class: 'cost' },
      h('thead', null, h('tr', null, ['environment', 'ceiling', 'estimate', 'actual', 'checked', 'status', 'against the ceiling', 'largest contributors'].map((t) => h('th', null, t)))),
      h(
        'tbody',
        null,
        costs.map((c) => {
          const status = c.ceilingUsd === null ? 'no ceiling' : c.overCeiling === true ? 'over ceiling' : c.overCeiling === null ? 'unknown' : 'within';
          const lower = c.estimateComplete === false && c.estimateUsd !== null ? '≥ ' : '';
          return h(
            'tr',
            { 'data-environment': c.environment, class: c.overCeiling === true ? 'over' : '' },
            h('th', { scope: 'row' }, c.environment),
            h('td', { class: 'num', 'data-field': 'ceilingUsd' }, usd(c.ceilingUsd)),
            h('td', { class: 'num', 'data-field': 'estimateUsd' }, `${lower}${usd(c.estimateUsd)}`),
            h('td', { class: 'num', 'data-field': 'actualUsd' }, usd(c.actualUsd)),
            h('td', null, c.ceilingUsd === null ? '–' : (c.checkedAgainst ?? 'estimate').replace('both', 'estimate and actual')),
            h('td', { class: `status st-${status.replace(' ', '-')}` }, status),
            h('td', null, bars(c.ceilingUsd, c.estimateUsd, c.actualUsd)),
            h(
              'td',
              null,
              c.breakdown.length === 0
                ? '–'
                : h(
                    'ol',
                    { class: 'top' },
                    c.breakdown.slice(0, TOP_CONTRIBUTORS).map((l) => h('li', { title: l.resourceArn ?? '' }, `${l.item} ${usd(l.monthlyUsd)}${l.detail ? ` (${l.detail})` : ''}`)),
                  ),
              c.breakdown.length > TOP_CONTRIBUTORS ? h('span', { class: 'note' }, `…and ${c.breakdown.length - TOP_CONTRIBUTORS} more`) : null,
            ),
          );
        }),
      ),
    ),
  );
}

/** Estimate and actual as bars on a scale where the ceiling is a fixed mark. */
function bars(ceiling: number | null, estimate: number | null, actual: number | null): Raw | string {
  const figures = [ceiling, estimate, actual].filter((v): v is number => v !== null);
  if (figures.length === 0) return '–';
  const max = Math.max(...figures, 0.01) * 1.1;
  const x = (v: number) => Math.round((v / max) * BAR_W * 10) / 10;
  const bar = (v: number | null, y: number, cls: string) =>
    v === null ? null : h('rect', { class: cls, x: 0, y, width: x(v), height: 8 });
  return h(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', class: 'bars', viewBox: `0 0 ${BAR_W} 24`, width: BAR_W, height: 24, role: 'img', 'aria-label': 'estimate and actual against the ceiling' },
    bar(estimate, 2, 'b-est'),
    bar(actual, 13, 'b-act'),
    ceiling === null ? null : h('line', { class: 'ceil', x1: x(ceiling), x2: x(ceiling), y1: 0, y2: 24 }),
  );
}
