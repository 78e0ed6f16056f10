// What every renderer needs besides the evaluation. Built by the CLI (clock, paths,
// version); the renderers read nothing else, so they stay pure and reproducible.
import type { Result, Severity } from '../model/result.js';
import { SEVERITIES } from '../model/result.js';
import type { CollectionError, SnapshotMetadata } from '../model/snapshot.js';

export const TOOL_NAME = 'envgate';
/** Home of the tool (SARIF tool.driver.informationUri). */
export const TOOL_INFORMATION_URI = 'https://github.com/envgate/envgate';

export type FailOn = Severity | 'none';

export interface ReportContext {
  toolVersion: string;
  spec: {
    /** Spec path relative to the working directory, posix separators (the SARIF anchor). */
    file: string;
    sha256: string;
    system: string;
  };
  snapshot: {
    metadata: SnapshotMetadata;
    errors: CollectionError[];
    /** 'live' when collected by this run, 'file' when read from --snapshot. */
    source: 'live' | 'file';
    /** The snapshot path when read from a file (relative, posix). */
    file?: string;
  };
  /** ISO 8601 UTC, from the CLI clock (SOURCE_DATE_EPOCH when set). */
  generatedAt: string;
  scope: ReportScope;
  /** Lowest severity that fails the run (--fail-on); 'none' never fails on findings. */
  failOn: FailOn;
}

export interface ReportScope {
  /** Environments the results are limited to; empty = every environment in the spec. */
  environments: string[];
}

/** 'fail': findings at/above --fail-on; 'incomplete': data or checks missing (wins over fail, see README). */
export type Verdict = 'pass' | 'fail' | 'incomplete';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

/** True when severity s is at or above the threshold. */
export function atOrAbove(s: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[s] <= SEVERITY_RANK[failOn];
}

export const UNATTRIBUTED = '(unattributed)';

/** Deterministic order: severity, rule, environment, arn, fingerprint. */
export function compareResults(a: Result, b: Result): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource.environment ?? '\uffff', b.resource.environment ?? '\uffff') ||
    cmp(a.resource.arn, b.resource.arn) ||
    cmp(a.fingerprint, b.fingerprint) ||
    cmp(a.status, b.status)
  );
}

/** Code-unit comparison: locale-independent, so output does not vary by machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedResults(results: readonly Result[]): Result[] {
  return [...results].sort(compareResults);
}

export interface Counts {
  fail: number;
  pass: number;
  notEvaluated: number;
  waived: number;
}

export function emptyCounts(): Counts {
  return { fail: 0, pass: 0, notEvaluated: 0, waived: 0 };
}

/** Waived failures count as waived, not as failures. */
export function addTo(c: Counts, r: Result): void {
  if (r.status === 'fail') {
    if (r.waiver) c.waived++;
    else c.fail++;
  } else if (r.status === 'pass') c.pass++;
  else c.notEvaluated++;
}

export interface RunFacts {
  verdict: Verdict;
  counts: Counts;
  /** Unwaived failures per severity. */
  bySeverity: Record<Severity, number>;
  /** Unwaived failures at or above failOn. */
  blocking: number;
  incomplete: boolean;
}

/** The verdict the exit code follows: incomplete > fail > pass. */
export function runFacts(results: readonly Result[], ctx: ReportContext): RunFacts {
  const counts = emptyCounts();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let blocking = 0;
  for (const r of results) {
    addTo(counts, r);
    if (r.status === 'fail' && !r.waiver) {
      bySeverity[r.severity]++;
      // A finding the baseline already held does not block (the gate's rule too).
      if (atOrAbove(r.severity, ctx.failOn) && r.baseline !== 'existing') blocking++;
    }
  }
  const incomplete = counts.notEvaluated > 0 || ctx.snapshot.errors.length > 0;
  const verdict: Verdict = incomplete ? 'incomplete' : blocking > 0 ? 'fail' : 'pass';
  return { verdict, counts, bySeverity, blocking, incomplete };
}

/** SARIF category (automationDetails.id minus the run id): stable per system and environment set. */
export function scopeCategory(ctx: ReportContext): string {
  const envs = ctx.scope.environments.length === 0 ? 'all' : [...ctx.scope.environments].sort(cmp).join('+');
  return `${TOOL_NAME}/${safeSegment(ctx.spec.system)}/${safeSegment(envs)}`;
}

/** Run id from the report time: reproducible under SOURCE_DATE_EPOCH. */
export function runId(ctx: ReportContext): string {
  return ctx.generatedAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

function safeSegment(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._+-]+/g, '-');
  return cleaned === '' ? '-' : cleaned;
}
