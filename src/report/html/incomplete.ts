// Collection errors and excluded resources: what the scan could not see or was told to skip.
import { failedCalls, isShardMarker, SHARD_MARKER_MESSAGE } from '../../model/shard-marker.js';
import type { JsonReport } from '../json.js';
import { UNATTRIBUTED } from '../context.js';
import { h, type Raw } from './dom.js';

export function incompleteSection(report: JsonReport): Raw {
  const errors = failedCalls(report.run.collectionErrors);
  const leftToShards = report.run.collectionErrors.filter(isShardMarker);
  const excluded = report.excluded ?? [];
  return h(
    'section',
    { id: 'incomplete' },
    h('h2', null, 'Incomplete and excluded'),
    leftToShards.length === 0
      ? null
      : h('p', { class: 'shard' }, `Not collected in this shard: ${SHARD_MARKER_MESSAGE}, account ${leftToShards.map((e) => e.accountId).join(', ')}; merge with the shard that collected them.`),
    errors.length === 0
      ? h('p', null, 'No collection error.')
      : h(
          'table',
          { class: 'errors' },
          h('caption', null, `Collection errors (${errors.length}): checks that depend on them are not evaluated, never passed.`),
          h('thead', null, h('tr', null, ['account', 'region', 'call', 'error', 'leaves incomplete'].map((t) => h('th', null, t)))),
          h(
            'tbody',
            null,
            errors.map((e) =>
              h('tr', null, h('td', null, e.accountId || '–'), h('td', null, e.region), h('td', null, `${e.service}:${e.operation}`), h('td', null, `${e.code}: ${e.message}`), h('td', null, e.affects.join(', ') || '–')),
            ),
          ),
        ),
    excluded.length === 0
      ? h('p', null, 'The spec excludes no resource.')
      : h(
          'table',
          { class: 'excluded' },
          h('caption', null, `Excluded from scope (${excluded.length})`),
          h('thead', null, h('tr', null, ['environment', 'resource', 'reason', 'owner', 'until', 'exclusion'].map((t) => h('th', null, t)))),
          h(
            'tbody',
            null,
            excluded.map((x) =>
              h(
                'tr',
                null,
                h('td', null, x.environment ?? UNATTRIBUTED),
                h('td', { title: x.arn }, x.name || x.arn),
                h('td', null, x.reason),
                h('td', null, x.owner ?? '–'),
                h('td', null, x.expires ?? '–'),
                h('td', null, x.specLocation ? `${x.specLocation.file}:${x.specLocation.line}` : `#${x.exclusion}`),
              ),
            ),
          ),
        ),
  );
}
