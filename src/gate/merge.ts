// Merging report shards from parallel scans (one CI job per account, region or Config
// aggregator) back into one evaluation, rendered again by the ordinary report renderers.
// Exact for checks whose data one shard holds (a resource's own rules; environment checks
// when the shard scanned the environment's accounts). A check the shards answer
// differently (parity or isolation across accounts) cannot be decided from reports: it
// becomes not-evaluated, naming the disagreement, never a silent pass. Merging snapshots
// (merge-snapshots.ts) and evaluating once is exact for every rule.
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import type { AccessCell, CostCaveat, CostLine, EnvironmentCost, Evaluation, ExcludedResource, Result, RuleMeta } from '../model/result.js';
import type { CollectionError, SnapshotMetadata } from '../model/snapshot.js';
import { ACCESS_LEVELS } from '../model/spec.js';
import { cmp, compareResults, type FailOn, type ReportContext } from '../report/context.js';
import { subjectEnvironments } from '../engine/results.js';
import type { JsonReport } from '../report/json.js';

export interface Shard {
  file: string;
  report: JsonReport;
}

export interface MergeOutcome {
  evaluation: Evaluation;
  ctx: ReportContext;
  /** Fingerprints whose status differed between shards (made not-evaluated). */
  conflicts: { fingerprint: string; ruleId: string; arn: string; statuses: Record<string, string> }[];
}

export function mergeReports(shards: readonly Shard[], opts: { failOn?: FailOn } = {}): MergeOutcome {
  if (shards.length === 0) throw new InputError('merge needs at least one report');
  checkCompatible(shards);
  const first = shards[0]!.report;

  // Results. A shard owns a result when the result's account is one the shard scanned:
  // results about another account (an environment-level check seen from outside) are
  // set aside. A check whose owners (or, with no owner, whose reporters) do not report
  // exactly the same results cannot be decided from reports: it becomes not-evaluated.
  const byFp = new Map<string, Map<string, Map<string, Result>>>();
  const accountsOf = new Map(shards.map((s) => [s.file, new Set(s.report.run.accounts)]));
  for (const s of shards) {
    for (const raw of s.report.results) {
      const r = plainResult(raw);
      let perShard = byFp.get(r.fingerprint);
      if (!perShard) byFp.set(r.fingerprint, (perShard = new Map()));
      let mine = perShard.get(s.file);
      if (!mine) perShard.set(s.file, (mine = new Map()));
      mine.set(JSON.stringify(r), r);
    }
  }
  const results: Result[] = [];
  const conflicts: MergeOutcome['conflicts'] = [];
  for (const [fp, perShard] of byFp) {
    const all = [...perShard.entries()].sort((a, b) => cmp(a[0], b[0]));
    const owners = all.filter(([file, rs]) => [...rs.values()].some((r) => accountsOf.get(file)!.has(r.resource.accountId)));
    const entries = owners.length > 0 ? owners : all;
    const sets = entries.map(([, rs]) => JSON.stringify([...rs.keys()].sort(cmp)));
    if (new Set(sets).size === 1) {
      results.push(...entries[0]![1].values());
      continue;
    }
    const everything = entries.flatMap(([, rs]) => [...rs.values()]).sort(compareResults);
    const base = everything.find((r) => r.status === 'fail') ?? everything[0]!;
    const statuses = Object.fromEntries(entries.map(([file, rs]) => [file, [...new Set([...rs.values()].map((r) => r.status))].sort(cmp).join(',')]));
    conflicts.push({ fingerprint: fp, ruleId: base.ruleId, arn: base.resource.arn, statuses });
    results.push({
      ...base,
      status: 'not-evaluated',
      message: `Shards disagree on ${base.ruleId} for ${base.resource.arn}; the check needs data from more than one shard.`,
      reason: `shards disagree (${entries.map(([file]) => `${file}: ${statuses[file]}`).join('; ')}): merge the shards' snapshots and evaluate once for this rule`,
    });
  }
  results.sort(compareResults);
  conflicts.sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.arn, b.arn));

  const rules = new Map<string, RuleMeta>();
  for (const s of shards) for (const r of s.report.rules) if (!rules.has(r.id)) rules.set(r.id, r);

  const evaluation: Evaluation = {
    results,
    rules: [...rules.values()].sort((a, b) => cmp(a.id, b.id)),
    accessMatrix: mergeAccess(shards.map((s) => s.report.accessMatrix)),
    costs: mergeCosts(shards),
    attribution: {},
    excluded: mergeExcluded(shards.map((s) => s.report.excluded ?? [])),
  };

  const runs = shards.map((s) => s.report.run);
  const union = (xs: string[][]) => [...new Set(xs.flat())].sort(cmp);
  const apiCalls: Record<string, number> = {};
  for (const run of runs) for (const [op, n] of Object.entries(run.apiCalls)) apiCalls[op] = (apiCalls[op] ?? 0) + n;
  const metadata: SnapshotMetadata = {
    tool: { name: 'envgate', version: first.run.snapshot.toolVersion },
    collectedAt: runs.map((r) => r.collectedAt).sort(cmp).at(-1)!,
    accounts: union(runs.map((r) => r.accounts)),
    regions: union(runs.map((r) => r.regions)),
    apiCalls: Object.fromEntries(Object.entries(apiCalls).sort((a, b) => cmp(a[0], b[0]))),
    coverage: [],
  };
  const scopes = runs.map((r) => r.scope.environments);
  const failOn = opts.failOn ?? commonFailOn(shards);
  const ctx: ReportContext = {
    toolVersion: first.tool.version,
    spec: { ...first.run.spec },
    snapshot: {
      metadata,
      errors: mergeErrors(runs.map((r) => r.collectionErrors)),
      source: runs.every((r) => r.snapshot.source === 'file') ? 'file' : 'live',
    },
    generatedAt: runs.map((r) => r.generatedAt).sort(cmp).at(-1)!,
    scope: { environments: scopes.some((s) => s.length === 0) ? [] : union(scopes) },
    failOn,
  };
  return { evaluation, ctx, conflicts };
}

function checkCompatible(shards: readonly Shard[]): void {
  const first = shards[0]!;
  const diags: Diagnostic[] = [];
  for (const s of shards.slice(1)) {
    if (s.report.run.spec.sha256 !== first.report.run.spec.sha256) {
      diags.push({ file: s.file, line: 1, column: 1, path: '/run/spec/sha256', code: 'spec-mismatch', message: `scanned with another spec than ${first.file}`, expected: first.report.run.spec.sha256 });
    }
    if (s.report.tool.version !== first.report.tool.version) {
      diags.push({ file: s.file, line: 1, column: 1, path: '/tool/version', code: 'version-mismatch', message: `written by envgate ${s.report.tool.version}, ${first.file} by ${first.report.tool.version}`, expected: first.report.tool.version });
    }
  }
  if (diags.length > 0) throw new InputError('the reports are not shards of one scan', diags);
}

function commonFailOn(shards: readonly Shard[]): FailOn {
  const values = [...new Set(shards.map((s) => s.report.run.failOn))];
  if (values.length === 1) return values[0]!;
  throw new InputError(`the shards were scanned with different --fail-on values (${values.sort(cmp).join(', ')}): pass --fail-on to merge`);
}

/**
 * The Result fields only: drops what the JSON report adds (waived) and what the gate adds.
 * A report from before `environments` existed gets its subject's environment.
 */
function plainResult(r: Omit<Result, 'environments'> & { environments?: readonly string[]; waived?: boolean }): Result {
  const { waived: _w, waiver: _wv, baseline: _b, ...rest } = r;
  return { ...rest, environments: rest.environments ?? subjectEnvironments(rest.resource.environment) };
}

/** Each excluded ARN once (shards of one spec agree on its exclusion), by ARN. */
function mergeExcluded(lists: readonly ExcludedResource[][]): ExcludedResource[] {
  const m = new Map<string, ExcludedResource>();
  for (const x of lists.flat()) if (!m.has(x.arn)) m.set(x.arn, x);
  return [...m.values()].sort((a, b) => cmp(a.arn, b.arn));
}

function mergeErrors(lists: CollectionError[][]): CollectionError[] {
  const m = new Map<string, CollectionError>();
  for (const e of lists.flat()) m.set(JSON.stringify(e), e);
  return [...m.values()].sort(
    (a, b) =>
      cmp(a.accountId, b.accountId) ||
      cmp(a.region, b.region) ||
      cmp(a.service, b.service) ||
      cmp(a.operation, b.operation) ||
      cmp(a.resourceArn ?? '', b.resourceArn ?? '') ||
      cmp(a.code, b.code),
  );
}

const level = (l: string) => (ACCESS_LEVELS as readonly string[]).indexOf(l);

/** Per team and environment: the highest effective level any shard found, grants and caveats united. */
function mergeAccess(lists: (AccessCell & { violation?: boolean })[][]): AccessCell[] {
  const cells = new Map<string, AccessCell>();
  for (const list of lists) {
    for (const raw of list) {
      const { violation: _v, ...c } = raw;
      const key = `${c.team}\u0000${c.environment}`;
      const prev = cells.get(key);
      if (!prev) {
        cells.set(key, { ...c, grants: [...c.grants], caveats: [...c.caveats] });
        continue;
      }
      const higher = level(c.effective) > level(prev.effective);
      const grants = higher ? c.grants : level(c.effective) === level(prev.effective) ? [...prev.grants, ...c.grants] : prev.grants;
      cells.set(key, {
        ...prev,
        effective: higher ? c.effective : prev.effective,
        grants: dedupe(grants, (g) => JSON.stringify(g)).sort((a, b) => cmp(a.principalArn, b.principalArn) || cmp(a.policy, b.policy) || cmp(a.sid ?? '', b.sid ?? '')),
        caveats: [...new Set([...prev.caveats, ...c.caveats])].sort(cmp),
      });
    }
  }
  return [...cells.values()].sort((a, b) => cmp(a.team, b.team) || cmp(a.environment, b.environment));
}

const cents = (usd: number) => Math.round(usd * 100);

/**
 * Per environment: estimates add up over the resources each shard priced (a resource
 * priced by two shards counts once); actual spend adds up over shards with disjoint
 * accounts, and is the largest figure when shards share an account (Cost Explorer
 * reports per account, so per-region shards of one account see the same spend).
 */
function mergeCosts(shards: readonly Shard[]): EnvironmentCost[] {
  const accountsSeen = new Map<string, number>();
  for (const s of shards) for (const a of s.report.run.accounts) accountsSeen.set(a, (accountsSeen.get(a) ?? 0) + 1);
  const sharedAccounts = [...accountsSeen.values()].some((n) => n > 1);
  const byEnv = new Map<string, EnvironmentCost[]>();
  for (const s of shards) {
    for (const raw of s.report.costs) {
      const { estimateOverCeiling: _e, actualOverCeiling: _a, overCeiling: _o, ...c } = raw as unknown as EnvironmentCost & Record<string, unknown>;
      const list = byEnv.get(c.environment) ?? [];
      list.push(c as EnvironmentCost);
      byEnv.set(c.environment, list);
    }
  }
  return [...byEnv.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([environment, list]) => {
      const lines = new Map<string, CostLine>();
      let estimateCents: number | null = null;
      for (const c of list) {
        if (c.estimateUsd === null) continue;
        estimateCents = (estimateCents ?? 0) + cents(c.estimateUsd);
        for (const l of c.breakdown) {
          const key = `${l.resourceArn ?? ''}\u0000${l.item}\u0000${l.detail ?? ''}`;
          if (lines.has(key)) estimateCents -= cents(l.monthlyUsd);
          else lines.set(key, l);
        }
      }
      const actuals = list.map((c) => c.actualUsd).filter((v): v is number => v !== null);
      const actualCents = actuals.length === 0 ? null : sharedAccounts ? Math.max(...actuals.map(cents)) : actuals.reduce((a, v) => a + cents(v), 0);
      const caveats = dedupe(list.flatMap((c) => c.caveats ?? []), (k: CostCaveat) => `${k.code}\u0000${k.message}`).sort((a, b) => cmp(a.code, b.code) || cmp(a.message, b.message));
      const split = (xs: string[]) => [...new Set(xs.flatMap((x) => x.split(',')).filter(Boolean))].sort(cmp).join(',');
      const head = list[0]!;
      const merged: EnvironmentCost = {
        environment,
        ceilingUsd: head.ceilingUsd,
        estimateUsd: estimateCents === null ? null : estimateCents / 100,
        actualUsd: actualCents === null ? null : actualCents / 100,
        breakdown: [...lines.values()].sort((a, b) => b.monthlyUsd - a.monthlyUsd || cmp(a.item, b.item) || cmp(a.resourceArn ?? '', b.resourceArn ?? '')),
        priceTable: { region: split(list.map((c) => c.priceTable.region)), asOf: split(list.map((c) => c.priceTable.asOf)) },
      };
      if (list.some((c) => c.estimateComplete !== undefined)) merged.estimateComplete = list.every((c) => c.estimateComplete !== false);
      if (list.some((c) => c.caveats !== undefined)) merged.caveats = caveats;
      const period = list.find((c) => c.actualPeriod)?.actualPeriod;
      if (period) merged.actualPeriod = period;
      if (head.checkedAgainst) merged.checkedAgainst = head.checkedAgainst;
      return merged;
    });
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
  return [...m.values()];
}
