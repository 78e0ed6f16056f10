// The access matrix: a table "Role | DEV | STG | PROD" with Full / Read / None cells,
// "Staging Environment: Full access" under a team's heading, IAM policies in JSON under
// "Staging Access (Development Team)", and a "Tool | Purpose" row that deploys to an
// environment ("Jenkins CI/CD | Automates deployment to staging": deploy there).
import type { Fact, Recogniser, Source } from '../types.js';
import { envOfHeading, envOfWord, plain } from '../envs.js';
import { envColumns, fact } from './util.js';

const LEVELS: readonly [RegExp, string][] = [
  [/^(no access|none|no|-)\b/i, 'none'],
  [/^full\b/i, 'full'],
  [/^deploy/i, 'deploy'],
  [/^view\b/i, 'view'],
  [/^read\b/i, 'read'],
];

const DEPLOYS_TO = /\bdeploy(?:s|ments?)? (?:in)?to (?:the )?(\w+)\b/i;

export function levelOf(cell: string): string | undefined {
  return LEVELS.find(([re]) => re.test(plain(cell)))?.[1];
}

export function teamId(title: string): string {
  return plain(title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The level an IAM policy grants: * is full; only Describe/Get/List/Receive is read; else deploy. */
function policyLevel(policy: unknown): string | undefined {
  const statements = (policy as { Statement?: unknown })?.Statement;
  if (!Array.isArray(statements)) return undefined;
  const actions = statements.flatMap((s: { Effect?: string; Action?: unknown }) =>
    s?.Effect === 'Allow' ? (Array.isArray(s.Action) ? s.Action : [s.Action]) : [],
  ).filter((a): a is string => typeof a === 'string');
  if (actions.length === 0) return undefined;
  if (actions.some((a) => a === '*' || a === '*:*')) return 'full';
  return actions.every((a) => /:(Describe|Get|List|Receive|Head)/.test(a)) ? 'read' : 'deploy';
}

export const access: Recogniser = {
  kind: 'access',
  recognise(docs) {
    const facts: Fact[] = [];
    const team = (title: string, level: string, env: string, source: Source) => {
      const id = teamId(title);
      facts.push(fact('', `teams/${id}/title`, plain(title), source), fact('', `access/matrix/${id}/${env}`, level, source));
    };
    for (const d of docs) {
      for (const t of d.tables) {
        if (/^(tool|service|system)s?$/i.test(plain(t.header[0] ?? ''))) {
          for (const row of t.rows) {
            const to = row.cells.slice(1).map((c) => DEPLOYS_TO.exec(plain(c))?.[1]).find((w) => w !== undefined);
            const env = to ? envOfWord(to) : undefined;
            if (env) team(row.cells[0]!, 'deploy', env, { doc: d.name, line: row.line, text: row.text });
          }
          continue;
        }
        if (!/^(role|team|group|persona)s?$/i.test(t.header[0] ?? '')) continue;
        const cols = envColumns(t);
        if (cols.size === 0) continue;
        for (const row of t.rows) {
          for (const [i, env] of cols) {
            const level = levelOf(row.cells[i] ?? '');
            if (level) team(row.cells[0]!, level, env, { doc: d.name, line: row.line, text: row.text });
          }
        }
      }
      for (const x of d.texts) {
        const heading = x.headings[x.headings.length - 1] ?? '';
        if (!/\bteam$/i.test(heading)) continue;
        const m = /^\W*(\w+) environment\W*:\s*(.+)$/i.exec(plain(x.text));
        const env = m ? envOfWord(m[1]!) : undefined;
        const level = m ? /^full access/i.test(m[2]!) ? 'full' : /^deploy/i.test(m[2]!) ? 'deploy' : /^read/i.test(m[2]!) ? 'read' : undefined : undefined;
        if (env && level) team(heading, level, env, x);
      }
      for (const j of d.json) {
        const heading = j.headings[j.headings.length - 1] ?? '';
        const who = /\(([^)]+)\)\s*$/.exec(heading)?.[1];
        const env = envOfHeading(heading.replace(/\s*\([^)]*\)\s*$/, ''));
        const level = policyLevel(j.value);
        if (who && env && level) team(who, level, env, j);
      }
    }
    return { facts };
  },
};
