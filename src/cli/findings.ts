// The findings a person reads on the console after a scan's counts: the blocking ones,
// most severe first (the order results are sorted in), each with its rule's fix.
import type { Result, RuleMeta } from '../model/result.js';
import { atOrAbove, type FailOn } from '../report/context.js';

/** Findings listed before "and N more" (the reports hold them all). */
export const CONSOLE_FINDINGS_LIMIT = 10;

/** Unwaived failures at or above failOn, as console lines; [] when none. */
export function blockingFindingLines(results: readonly Result[], rules: readonly RuleMeta[], failOn: FailOn, limit = CONSOLE_FINDINGS_LIMIT): string[] {
  const blocking = results.filter((r) => r.status === 'fail' && !r.waiver && r.baseline !== 'existing' && atOrAbove(r.severity, failOn));
  if (blocking.length === 0) return [];
  const fix = new Map(rules.map((r) => [r.id, r.remediation]));
  const lines = [`blocking findings (${blocking.length}):`];
  for (const r of blocking.slice(0, limit)) {
    lines.push(`  ${r.severity} ${r.resource.environment ?? 'unattributed'} ${r.resource.arn}: ${r.message}`);
    const hint = fix.get(r.ruleId);
    lines.push(`      fix (${r.ruleId}): ${hint ?? 'see the rule'}`);
  }
  if (blocking.length > limit) lines.push(`  ... and ${blocking.length - limit} more (see the reports)`);
  return lines;
}
