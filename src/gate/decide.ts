// The gate's decision: a pure function of results, threshold, baseline, waivers and `now`.
// Exit codes: 1 if any finding blocks, else 3 if the evaluation is incomplete (and
// --allow-incomplete was not given), else 0. Blocking wins over incomplete because the
// blocking findings are certain whatever the missing data would add; the verdict still
// says the run was incomplete, and either way the promotion stops.
import type { Result } from '../model/result.js';
import type { CollectionError } from '../model/snapshot.js';
import { atOrAbove, type FailOn, sortedResults } from '../report/context.js';
import type { Baseline } from './baseline.js';
import { daysLeft, EXPIRY_WARNING_DAYS, isExpired, resultWaiver, type Waiver, waiverMatches, type WaiverSet } from './waivers.js';

export type GateVerdict = 'pass' | 'blocked' | 'incomplete';

export interface GateInput {
  results: readonly Result[];
  failOn: FailOn;
  baseline?: Baseline;
  waivers?: WaiverSet;
  allowIncomplete: boolean;
  now: Date;
  /** Collection errors that concern the evaluated scope; any makes the run incomplete. */
  collectionErrors?: readonly CollectionError[];
}

export interface ExpiredWaiverUse {
  waiver: Waiver;
  /** Failures the waiver would cover were it not expired, sorted. */
  findings: Result[];
  /** Whether any of them blocks (the verdict names the waiver then). */
  blocks: boolean;
}

export interface GateNotice {
  level: 'warn' | 'info';
  code: 'waiver-expiring' | 'waiver-expired' | 'waiver-unused' | 'incomplete-allowed';
  message: string;
  /** `file:line` of the waiver concerned. */
  source?: string;
}

export interface GateDecision {
  verdict: GateVerdict;
  exitCode: 0 | 1 | 3;
  /** Every input result, sorted, failures annotated with `waiver` and (with a baseline) `baseline`. */
  results: Result[];
  /** Unwaived failures at or above the threshold that the baseline does not hold. */
  blocking: Result[];
  expiredWaivers: ExpiredWaiverUse[];
  /** Active waivers expiring within EXPIRY_WARNING_DAYS days. */
  expiringWaivers: { waiver: Waiver; daysLeft: number }[];
  /** Waivers that matched no failure. */
  unusedWaivers: Waiver[];
  notEvaluated: Result[];
  collectionErrors: number;
  incomplete: boolean;
  counts: { failures: number; waived: number; inBaseline: number; belowThreshold: number; blocking: number };
  notices: GateNotice[];
}

export function decide(input: GateInput): GateDecision {
  const waivers = input.waivers?.waivers ?? [];
  // Fingerprint waivers are the most specific: they win over rule + pattern ones.
  const ordered = [...waivers.filter((w) => w.fingerprint !== undefined), ...waivers.filter((w) => w.fingerprint === undefined)];
  const used = new Set<Waiver>();
  const expiredHits = new Map<Waiver, Result[]>();
  const counts = { failures: 0, waived: 0, inBaseline: 0, belowThreshold: 0, blocking: 0 };
  const blocking: Result[] = [];
  const notEvaluated: Result[] = [];

  const results = sortedResults(input.results).map((r): Result => {
    if (r.status === 'not-evaluated') notEvaluated.push(r);
    if (r.status !== 'fail') return r;
    counts.failures++;
    const out: Result = { ...r };
    delete out.waiver;
    delete out.baseline;
    if (input.baseline) out.baseline = input.baseline.fingerprints.has(r.fingerprint) ? 'existing' : 'new';
    const matching = ordered.filter((w) => waiverMatches(w, r));
    const active = matching.find((w) => !isExpired(w, input.now));
    for (const w of matching) used.add(w);
    if (active) {
      out.waiver = resultWaiver(active);
      counts.waived++;
      return out;
    }
    for (const w of matching) {
      let list = expiredHits.get(w);
      if (!list) expiredHits.set(w, (list = []));
      list.push(out);
    }
    if (out.baseline === 'existing') counts.inBaseline++;
    else if (!atOrAbove(r.severity, input.failOn)) counts.belowThreshold++;
    else blocking.push(out);
    return out;
  });
  counts.blocking = blocking.length;
  const blockingSet = new Set(blocking);

  const expiredWaivers = waivers
    .filter((w) => expiredHits.has(w))
    .map((w) => {
      const findings = expiredHits.get(w)!;
      return { waiver: w, findings, blocks: findings.some((f) => blockingSet.has(f)) };
    });
  const expiringWaivers = waivers
    .filter((w) => !isExpired(w, input.now) && daysLeft(w, input.now) <= EXPIRY_WARNING_DAYS)
    .map((w) => ({ waiver: w, daysLeft: daysLeft(w, input.now) }));
  const unusedWaivers = waivers.filter((w) => !used.has(w));

  const collectionErrors = input.collectionErrors?.length ?? 0;
  const incomplete = notEvaluated.length > 0 || collectionErrors > 0;
  const notices: GateNotice[] = [];
  for (const { waiver: w, daysLeft: d } of expiringWaivers) {
    notices.push({ level: 'warn', code: 'waiver-expiring', message: `waiver ${label(w)} (owner ${w.owner}) expires on ${w.expires}, in ${d} day${d === 1 ? '' : 's'}`, source: w.source });
  }
  for (const e of expiredWaivers) {
    if (e.blocks) continue; // named in the verdict itself
    notices.push({ level: 'warn', code: 'waiver-expired', message: `waiver ${label(e.waiver)} (owner ${e.waiver.owner}) expired on ${e.waiver.expires}`, source: e.waiver.source });
  }
  for (const w of unusedWaivers) {
    const expired = isExpired(w, input.now) ? `, expired on ${w.expires}` : '';
    notices.push({ level: 'info', code: 'waiver-unused', message: `waiver ${label(w)} matched no finding${expired}: remove it if the finding is fixed`, source: w.source });
  }
  if (incomplete && input.allowIncomplete) {
    notices.push({ level: 'warn', code: 'incomplete-allowed', message: `${notEvaluated.length} check(s) not evaluated and ${collectionErrors} collection error(s), allowed by --allow-incomplete` });
  }

  const verdict: GateVerdict = blocking.length > 0 ? 'blocked' : incomplete && !input.allowIncomplete ? 'incomplete' : 'pass';
  const exitCode = verdict === 'blocked' ? 1 : verdict === 'incomplete' ? 3 : 0;
  return { verdict, exitCode, results, blocking, expiredWaivers, expiringWaivers, unusedWaivers, notEvaluated, collectionErrors, incomplete, counts, notices };
}

function label(w: Waiver): string {
  return w.id !== undefined ? `'${w.id}' (${w.source})` : `at ${w.source}`;
}
