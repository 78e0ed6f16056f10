// The gate's short verdict for the console and a machine-readable summary of the decision.
import type { Result } from '../model/result.js';
import type { FailOn } from '../report/context.js';
import type { GateDecision } from './decide.js';
import { terminalText } from '../report/escape.js';
import { waiverLabel } from './waivers.js';

/** Findings listed in the console verdict before "and N more". */
export const VERDICT_LIST_LIMIT = 20;

export interface GateScope {
  from: string;
  to: string;
  failOn: FailOn;
}

export function verdictLines(d: GateDecision, scope: GateScope): string[] {
  const head = d.verdict === 'pass' ? 'PASS' : d.verdict === 'blocked' ? 'BLOCKED' : 'INCOMPLETE';
  const lines = [`envgate gate ${scope.from} -> ${scope.to}: ${head} (exit ${d.exitCode})`];
  const c = d.counts;
  lines.push(
    `  ${c.blocking} blocking finding${c.blocking === 1 ? '' : 's'} at or above ${scope.failOn === 'none' ? '(fail-on none)' : scope.failOn}; ` +
      `${c.waived} waived, ${c.inBaseline} in baseline, ${c.belowThreshold} below threshold`,
  );
  const expiredBy = new Map<Result, string[]>();
  for (const e of d.expiredWaivers) {
    for (const f of e.findings) {
      const list = expiredBy.get(f) ?? [];
      list.push(`waiver ${waiverLabel(e.waiver)} (${e.waiver.source}) expired on ${e.waiver.expires}, owner ${e.waiver.owner}`);
      expiredBy.set(f, list);
    }
  }
  for (const r of d.blocking.slice(0, VERDICT_LIST_LIMIT)) {
    lines.push(`  - ${r.severity} ${r.ruleId} ${r.resource.arn} (${environmentsLabel(r)}): ${r.message}`);
    for (const why of expiredBy.get(r) ?? []) lines.push(`      ${why}`);
  }
  if (d.blocking.length > VERDICT_LIST_LIMIT) lines.push(`  ... and ${d.blocking.length - VERDICT_LIST_LIMIT} more (see the reports)`);
  const blockingExpired = d.expiredWaivers.filter((e) => e.blocks);
  if (blockingExpired.length > 0) {
    lines.push(`  expired waivers: ${blockingExpired.map((e) => `${waiverLabel(e.waiver)} (${e.waiver.source}, expired ${e.waiver.expires})`).join('; ')}`);
  }
  if (d.incomplete) {
    const allowed = d.verdict === 'incomplete' ? '' : d.verdict === 'pass' ? ' (allowed by --allow-incomplete)' : '';
    lines.push(`  incomplete: ${d.notEvaluated.length} check(s) not evaluated, ${d.collectionErrors} collection error(s)${allowed}`);
    for (const r of d.notEvaluated.slice(0, VERDICT_LIST_LIMIT)) {
      lines.push(`  ? ${r.ruleId} ${r.resource.arn}: ${r.reason ?? r.message}`);
    }
    if (d.notEvaluated.length > VERDICT_LIST_LIMIT) lines.push(`  ... and ${d.notEvaluated.length - VERDICT_LIST_LIMIT} more not evaluated`);
  }
  // Names and messages come from AWS: no line breaks or escape sequences reach the terminal.
  return lines.map((l) => terminalText(l));
}

/** `staging, involves production`: the subject's environment, then the others the result involves. */
export function environmentsLabel(r: Result): string {
  const own = r.resource.environment;
  const others = r.environments.filter((e) => e !== own);
  return `${own ?? 'unattributed'}${others.length > 0 ? `, involves ${others.join(', ')}` : ''}`;
}

/** The decision as plain data (written as envgate-gate.json beside the reports). */
export function gateSummary(d: GateDecision, scope: GateScope) {
  const ref = (r: Result) => ({
    fingerprint: r.fingerprint,
    ruleId: r.ruleId,
    severity: r.severity,
    arn: r.resource.arn,
    environment: r.resource.environment,
    environments: [...r.environments],
  });
  return {
    verdict: d.verdict,
    exitCode: d.exitCode,
    from: scope.from,
    to: scope.to,
    failOn: scope.failOn,
    counts: d.counts,
    incomplete: d.incomplete,
    notEvaluated: d.notEvaluated.length,
    collectionErrors: d.collectionErrors,
    blocking: d.blocking.map(ref),
    expiredWaivers: d.expiredWaivers.map((e) => ({
      waiver: waiverLabel(e.waiver),
      source: e.waiver.source,
      expires: e.waiver.expires,
      owner: e.waiver.owner,
      blocks: e.blocks,
      findings: e.findings.map((f) => f.fingerprint),
    })),
    expiringWaivers: d.expiringWaivers.map((e) => ({ waiver: waiverLabel(e.waiver), source: e.waiver.source, expires: e.waiver.expires, daysLeft: e.daysLeft })),
    unusedWaivers: d.unusedWaivers.map((w) => ({ waiver: waiverLabel(w), source: w.source })),
  };
}
