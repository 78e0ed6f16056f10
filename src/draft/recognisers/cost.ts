// Cost ceilings: "Estimated Staging Costs: ~$25/month", "Cost: ~$200-400/month" (the
// upper bound), and a Cost row of an environment table; cost shares: "Cost: ~10% of
// total" under an environment's heading.
import type { Fact, Recogniser, Source } from '../types.js';
import { envColumns, fact } from './util.js';
import { envOfWord, plain } from '../envs.js';

const AMOUNT = /~?\$\s?(\d+(?:\.\d+)?)(?:\s*-\s*\$?(\d+(?:\.\d+)?))?\s*(?:\/|per\s+)\s*(?:month|mo)\b/i;
const COST_LINE = new RegExp(`\\bcosts?\\b[^$:]*:\\s*${AMOUNT.source}`, 'i');
const SHARE_LINE = /\bcosts?\b[^%:]*:\s*~?\s*(\d+(?:\.\d+)?)\s*%\s*of\s+(?:the\s+)?total\b/i;

function ceiling(m: RegExpExecArray): number {
  return Number(m[2] ?? m[1]);
}

export const cost: Recogniser = {
  kind: 'cost',
  recognise(docs) {
    const facts: Fact[] = [];
    const add = (env: string, m: RegExpExecArray, s: Source) => facts.push(fact(env, 'cost/monthlyCeilingUsd', ceiling(m), s));
    for (const d of docs) {
      for (const t of d.texts) {
        const text = plain(t.text);
        const share = SHARE_LINE.exec(text);
        if (share && t.env) facts.push(fact(t.env, 'costShare/percent', Number(share[1]), t));
        const m = COST_LINE.exec(text);
        if (!m) continue;
        // "Estimated Staging Costs": the environment is named before "cost".
        const named = /\b(development|staging|production)\s+costs?\b/i.exec(text)?.[1];
        const env = named ? envOfWord(named) : t.env;
        if (env) add(env, m, t);
      }
      for (const t of d.tables) {
        const cols = envColumns(t);
        for (const row of t.rows) {
          if (!/^(estimated )?(monthly )?costs?$/i.test(plain(row.cells[0] ?? ''))) continue;
          for (const [i, env] of cols) {
            const m = AMOUNT.exec(plain(row.cells[i] ?? ''));
            if (m) add(env, m, { doc: d.name, line: row.line, text: row.text });
          }
        }
      }
    }
    return { facts };
  },
};
