// Resources allowed to be shared: a "Shared" column whose cell names a resource
// (`amygdalas.com`) rather than "None".
import type { Fact, Recogniser } from '../types.js';
import { plain } from '../envs.js';
import { codeSpans, fact, typeOfLabel } from './util.js';

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
            facts.push(fact('', 'shared', { type, name, reason: `${d.name}:${row.line}: ${plain(row.cells[0]!)} shared` }, s, { list: true, key: `${type} ${name}` }));
          }
        }
      }
    }
    return { facts };
  },
};
