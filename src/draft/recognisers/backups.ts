// Backups: "Daily snapshots (7 days retention)" under a database backup heading or item
// becomes RDS backup retention. Weekly/monthly backups and file backups have no spec field.
// "RDS with backups" gives no period: backups on, which is a retention of at least 1 day
// (0 turns RDS automated backups off), unless the document gives that period elsewhere.
import { REQUIREMENT_TYPES } from '../../spec/requirement-types.js';
import type { Fact, Recogniser, Unmapped } from '../types.js';
import { fact, src, typesIn } from './util.js';

const BACKUP_TYPES = REQUIREMENT_TYPES['/environments/*/retention/backups/*/type']!;

const RETENTION = /\b(daily|weekly|monthly|hourly)?\s*(?:(?:full|incremental)\s+)?(?:snapshots?|backups?)\s*\((\d+)\s*(days?|weeks?|months?|years?)\s+retention\)/i;
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

export const backups: Recogniser = {
  kind: 'backups',
  recognise(docs) {
    const facts: Fact[] = [];
    const unmapped: Unmapped[] = [];
    const switchedOn: Fact[] = [];
    for (const d of docs) {
      for (const t of d.texts) {
        const m = RETENTION.exec(t.text);
        if (!m && t.env && /\bwith (?:automated |daily )?backups\b|\bbackups? (?:enabled|on)\b/i.test(t.text)) {
          for (const type of typesIn(t.text).filter((x) => BACKUP_TYPES.includes(x))) {
            switchedOn.push(fact(t.env, 'retention/backups', { type, days: 1 }, t, { list: true, key: type }));
          }
        }
        if (!m || !t.env) continue;
        const context = t.headings.join(' / ');
        const unit = m[3]!.toLowerCase().replace(/s$/, '');
        const days = Number(m[2]) * UNIT_DAYS[unit]!;
        if (!/database|\bdb\b|\brds\b/i.test(context)) {
          unmapped.push({ ...src(t), reason: `backup retention for "${context.split(' / ').pop()}": the spec's backup retention is per database type` });
        } else if (m[1] && m[1].toLowerCase() !== 'daily') {
          unmapped.push({ ...src(t), reason: `${m[1].toLowerCase()} backups: the spec keeps one retention period per type (the daily one)` });
        } else if (days > 35) {
          unmapped.push({ ...src(t), reason: `${days} days: RDS automated backups keep at most 35 days, and the spec has no field for longer snapshot retention` });
        } else {
          facts.push(fact(t.env, 'retention/backups', { type: 'AWS::RDS::DBInstance', days }, t, { list: true, key: 'AWS::RDS::DBInstance' }));
        }
      }
    }
    const withPeriod = new Set(facts.map((f) => `${f.scope} ${f.key}`));
    facts.push(...switchedOn.filter((f) => !withPeriod.has(`${f.scope} ${f.key}`)));
    return { facts, unmapped };
  },
};
