// The gate's decision as Markdown, put first in envgate.md (job summaries, PR comments).
import { md } from '../report/escape.js';
import type { GateDecision } from './decide.js';
import { environmentsLabel, VERDICT_LIST_LIMIT, type GateScope } from './verdict.js';
import { waiverLabel } from './waivers.js';

export function gateMarkdown(d: GateDecision, scope: GateScope): string {
  const icon = d.verdict === 'pass' ? '✅' : d.verdict === 'blocked' ? '⛔' : '⚠️';
  const word = d.verdict === 'pass' ? 'pass' : d.verdict === 'blocked' ? 'blocked' : 'incomplete';
  const c = d.counts;
  const out = [
    `# ${icon} Gate ${md(scope.from)} → ${md(scope.to)}: ${word} (exit ${d.exitCode})`,
    '',
    `${c.blocking} blocking finding(s) at or above \`${scope.failOn}\`; ${c.waived} waived, ${c.inBaseline} in the baseline, ${c.belowThreshold} below the threshold.` +
      (d.incomplete ? ` Incomplete: ${d.notEvaluated.length} check(s) not evaluated, ${d.collectionErrors} collection error(s).` : ''),
    '',
  ];
  if (d.blocking.length > 0) {
    out.push('| Severity | Rule | Resource | Environment | Why it blocks |', '| --- | --- | --- | --- | --- |');
    const expired = new Map<string, string>();
    for (const e of d.expiredWaivers) for (const f of e.findings) expired.set(f.fingerprint, `waiver ${waiverLabel(e.waiver)} (${e.waiver.source}) expired ${e.waiver.expires}`);
    for (const r of d.blocking.slice(0, VERDICT_LIST_LIMIT)) {
      const why = [r.baseline === 'new' ? 'new since the baseline' : '', expired.get(r.fingerprint) ?? ''].filter(Boolean).join('; ') || md(r.message);
      out.push(`| ${r.severity} | ${md(r.ruleId)} | ${md(r.resource.arn)} | ${md(environmentsLabel(r))} | ${md(why)} |`);
    }
    if (d.blocking.length > VERDICT_LIST_LIMIT) out.push('', `… and ${d.blocking.length - VERDICT_LIST_LIMIT} more blocking finding(s) in envgate.json.`);
    out.push('');
  }
  const waiverNotes = [
    ...d.expiredWaivers.map((e) => `- expired: ${md(waiverLabel(e.waiver))} (${md(e.waiver.source)}), owner ${md(e.waiver.owner)}, expired ${e.waiver.expires}`),
    ...d.expiringWaivers.map((e) => `- expiring in ${e.daysLeft} day(s): ${md(waiverLabel(e.waiver))} (${md(e.waiver.source)}), owner ${md(e.waiver.owner)}`),
    ...d.unusedWaivers.map((w) => `- unused: ${md(waiverLabel(w))} (${md(w.source)})`),
  ];
  if (waiverNotes.length > 0) out.push('**Waivers**', '', ...waiverNotes, '');
  out.push('---', '');
  return out.join('\n');
}
