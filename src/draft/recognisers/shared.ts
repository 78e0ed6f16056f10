// Resources allowed to be shared: a "Shared" column whose cell names a resource
// (`amygdalas.com`) rather than "None".
import type { Fact, HclAttr, Recogniser } from '../types.js';
import { plain } from '../envs.js';
import { codeSpans, fact, typeOfLabel } from './util.js';

function zoneId(hcl: readonly HclAttr[], name: string): { value: string; line: number } | undefined {
  const named = hcl.filter((a) => a.key === 'hosted_zone_name' && a.value === name);
  const ids = hcl.filter((a) => a.key === 'route53_zone_id' && typeof a.value === 'string' && named.some((n) => n.segment === a.segment && n.env === a.env));
  const values = [...new Set(ids.map((a) => a.value as string))];
  return values.length === 1 ? { value: values[0]!, line: ids[0]!.line } : undefined;
}

export const shared: Recogniser = {
  kind: 'shared',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const t of d.tables) {
        const col = t.header.findIndex((h) => /^shared$/i.test(plain(h)));
        if (col < 0) continue;
        for (const row of t.rows) {
          const type = typeOfLabel(row.cells[0] ?? '');
          const cell = row.cells[col] ?? '';
          if (!type || /\bnone\b/i.test(plain(cell))) continue;
          const s = { doc: d.name, line: row.line, text: row.text };
          for (const name of codeSpans(cell)) {
            // A hosted zone's id, where the document gives it beside the zone's name.
            const zone = type === 'AWS::Route53::HostedZone' ? zoneId(d.hcl, name) : undefined;
            const arn = zone ? { arn: `arn:aws:route53:::hostedzone/${zone.value}` } : {};
            const reason = `${d.name}:${row.line}: ${plain(row.cells[0]!)} shared${zone ? `; zone id ${d.name}:${zone.line}` : ''}`;
            facts.push(fact('', 'shared', { type, name, ...arn, reason }, s, { list: true, key: `${type} ${name}` }));
          }
        }
      }
    }
    return { facts };
  },
};
