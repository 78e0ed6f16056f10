// Naming patterns: a "Resource Type | Staging | Production" table with `mht-api-staging-*`
// cells, and the names a backend block gives its state bucket and lock table. A pattern
// names the environment's resources, so it is also an attribution pattern.
import type { Fact, Recogniser, Source } from '../types.js';
import { codeSpans, envColumns, fact, scopeOf, typeOfLabel } from './util.js';

const NAME = /^[A-Za-z0-9*?][A-Za-z0-9*?._/-]*$/;
const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d+$/;

export const naming: Recogniser = {
  kind: 'naming',
  recognise(docs) {
    const facts: Fact[] = [];
    const add = (env: string, type: string, name: string, s: Source, generic = false) =>
      facts.push(
        fact(env, `naming/${type}`, name, s, { list: true }),
        generic ? fact(env, 'attribution/names', name, s, { list: true }) : fact(env, `attribution/namesByType/${type}`, name, s, { list: true }),
      );
    for (const d of docs) {
      for (const t of d.tables) {
        const cols = envColumns(t);
        if (cols.size === 0) continue;
        const cells: { env: string; type: string; name: string; s: Source }[] = [];
        for (const row of t.rows) {
          const type = typeOfLabel(row.cells[0] ?? '');
          if (!type) continue;
          for (const [i, env] of cols) {
            for (const c of codeSpans(row.cells[i] ?? '')) {
              if (NAME.test(c) && !CIDR.test(c)) cells.push({ env, type, name: c, s: { doc: d.name, line: row.line, text: row.text } });
            }
          }
        }
        // A pattern the table gives for several types names the environment's resources of any type.
        const count = (c: { env: string; name: string }) => cells.filter((x) => x.env === c.env && x.name === c.name).length;
        for (const c of cells) add(c.env, c.type, c.name, c.s, count(c) > 1);
      }
      for (const a of d.hcl) {
        if (typeof a.value !== 'string' || !a.env) continue;
        if (a.key === 'bucket') add(scopeOf(a), 'AWS::S3::Bucket', a.value, a);
        if (a.key === 'dynamodb_table') add(scopeOf(a), 'AWS::DynamoDB::Table', a.value, a);
      }
    }
    return { facts };
  },
};
