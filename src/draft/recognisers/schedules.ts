// Uptime schedules: "Uptime: Business hours only", "Shut down during off-hours",
// "Auto-shutdown after hours" (a line of an environment, or an Uptime row of a table with
// environment columns) ask that the environment's standalone instances and its Auto
// Scaling groups run on a schedule; "Schedule-based scaling" asks it of the groups.
// A schedule naming no environment is left out: stopping production after hours is no
// reading to draft.
import type { Fact, Recogniser, Source } from '../types.js';
import { plain } from '../envs.js';
import { envColumns, fact } from './util.js';

const UPTIME = /\bbusiness hours\b|\bshut ?down (?:during|after) (?:off-)?hours\b|\bauto-shutdown after hours\b/i;
const SCALING = /\bschedule-based scaling\b|\bscheduled scaling\b/i;

function schedulesOf(env: string, text: string, source: Source): Fact[] {
  if (UPTIME.test(text)) return [fact(env, 'compute/scheduleRequired', true, source), fact(env, 'autoScaling/scheduleRequired', true, source)];
  if (SCALING.test(text)) return [fact(env, 'autoScaling/scheduleRequired', true, source)];
  return [];
}

export const schedules: Recogniser = {
  kind: 'schedules',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const t of d.texts) if (t.env) facts.push(...schedulesOf(t.env, t.text, t));
      for (const t of d.tables) {
        const cols = envColumns(t);
        for (const row of t.rows) {
          if (!/^uptime$/i.test(plain(row.cells[0] ?? ''))) continue;
          for (const [i, env] of cols) facts.push(...schedulesOf(env, plain(row.cells[i] ?? ''), { doc: d.name, line: row.line, text: row.text }));
        }
      }
    }
    return { facts };
  },
};
